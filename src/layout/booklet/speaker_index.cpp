// The index of speakers: family names in the language's alphabetical
// order (accents sorted as a dictionary does), each with the pages of the
// speaker's talks — the abstract page when there is one, else the schedule.
#include <map>
#include <set>

#include "locale/format.hpp"
#include "layout/booklet/parts.hpp"
#include "layout/booklet/rich_text.hpp"

namespace booklet::layout {

void lay_out_index(BookletState& b) {
    BookletContext& ctx = b.ctx;
    Composer& c = b.composer;
    const auto& p = ctx.programme;
    std::map<std::string, std::vector<std::string>> keys;  // person id → page targets, in schedule order
    for (const auto& r : p.all_items())
        for (const auto& s : r.item->speakers) {
            std::string key = c.has_target(abstract_key(r.item->id)) ? abstract_key(r.item->id) : "sched:" + r.item->id;
            if (!c.has_target(key)) continue;
            auto& v = keys[s.id];
            if (std::find(v.begin(), v.end(), key) == v.end()) v.push_back(key);
        }
    std::vector<const model::Person*> people;
    for (const auto& person : p.people)
        if (keys.count(person.id)) people.push_back(&person);
    if (people.empty()) {
        lay_out_track_index(b);
        return;
    }
    locale::sort_for_index(people, ctx.lang);

    const std::string title = ctx.label("index");
    Flow flow(ctx, c, b.report, title);
    open_part(b, flow, title, "index");
    flow.flush();
    const double lead = ctx.leading(Style::Body);
    const double w = flow.frame().w;
    const double refs_max = w * 0.45;  // the folios' column, at most
    for (const auto* person : people) {
        const auto& targets = keys[person->id];
        const int ref_lines = c.page_reference_lines(targets.size(), Style::Body, refs_max);
        const double refs_w = ref_lines > 1 ? refs_max : c.page_reference_width(Style::Body) * 0.75 *
                                                               static_cast<double>(targets.size()) + 6;
        std::vector<Span> spans{ctx.span(person->family, Style::BodyBold)};
        if (!person->given.empty()) spans.push_back(ctx.span(", " + person->given, Style::Body));
        auto para = set_paragraph(ctx, spans, w - std::min(refs_w, refs_max) - 6, ctx.lang, Align::Left, 0, lead,
                                  person->where);
        const double h = lead * static_cast<double>(std::max<std::size_t>(para.lines.size(), ref_lines));
        flow.need(h);
        const int pg = flow.page();
        // The folios start on the name's first line and may run below it.
        const double baseline = flow.y() + lead * 0.78;
        FlowOptions o;
        o.where = person->where;
        const std::size_t name_lines = para.lines.size();
        flow.add(std::move(para), o);
        if (static_cast<std::size_t>(ref_lines) > name_lines)
            flow.advance(lead * static_cast<double>(static_cast<std::size_t>(ref_lines) - name_lines));
        c.page_references(targets, pg, flow.frame().x + w, baseline, Style::Body, refs_max, lead);
    }
    flow.flush();
    lay_out_track_index(b);
}

}  // namespace booklet::layout
