// The index of speakers: family names in the language's alphabetical
// order (accents sorted as a dictionary does), each with the pages of the
// speaker's talks — the abstract page when there is one, else the schedule.
#include <map>
#include <set>

#include "layout/booklet/format.hpp"
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
    if (people.empty()) return;
    sort_for_index(people, ctx.lang);

    const std::string title = ctx.label("index");
    Flow flow(ctx, c, b.report, title);
    open_part(b, flow, title, "index");
    flow.flush();
    const double lead = ctx.leading(Style::Body);
    const double w = flow.frame().w;
    const double ref_w = c.page_reference_width(Style::Body) * 2.2;
    for (const auto* person : people) {
        std::vector<Span> spans{ctx.span(person->family, Style::BodyBold)};
        if (!person->given.empty()) spans.push_back(ctx.span(", " + person->given, Style::Body));
        auto para = set_paragraph(ctx, spans, w - ref_w, ctx.lang, Align::Left, 0, lead, person->where);
        flow.need(para.height());
        const int pg = flow.page();
        const double baseline = flow.y() + lead * 0.78 + lead * static_cast<double>(para.lines.size() - 1);
        FlowOptions o;
        o.justified = false;
        o.where = person->where;
        flow.add(std::move(para), o);
        c.page_references(keys[person->id], pg, flow.frame().x + w, baseline, Style::Body);
    }
}

}  // namespace booklet::layout
