// The index of tracks, for conferences that have them: each track under its
// colour, with its talks and the pages where they are described (the
// abstract when there is one, else the schedule).
#include "layout/booklet/parts.hpp"
#include "layout/booklet/rich_text.hpp"

namespace booklet::layout {

void lay_out_track_index(BookletState& b) {
    BookletContext& ctx = b.ctx;
    Composer& c = b.composer;
    const auto& p = ctx.programme;
    // Talks per track, in schedule order.
    std::vector<std::vector<model::ItemRef>> talks(p.tracks.size());
    bool any = false;
    for (const auto& r : p.talks()) {
        const std::string track = BookletContext::track_of(r);
        for (std::size_t i = 0; i < p.tracks.size(); ++i)
            if (p.tracks[i].id == track) {
                talks[i].push_back(r);
                any = true;
            }
    }
    if (!any) return;

    const std::string title = ctx.label("tracks-index");
    Flow flow(ctx, c, b.report, title);
    open_part(b, flow, title, "tracks");
    flow.flush();
    const double lead = ctx.leading(Style::Body);
    const double w = flow.frame().w;
    const double ref_w = c.page_reference_width(Style::Body) + 6;
    for (std::size_t i = 0; i < p.tracks.size(); ++i) {
        if (talks[i].empty()) continue;
        const auto& track = p.tracks[i];
        // The track's name beside a swatch of its colour, kept with its first talks.
        const double space_before = lead * 0.8;
        flow.need(space_before + ctx.leading(Style::Subheading) * 2 + lead * 2);
        const int pg = flow.page();
        const double top = flow.y() + space_before;
        const double baseline = top + ctx.leading(Style::Subheading) * 0.78;
        c.bookmark(track.name, 1, pg, top);
        if (auto colour = ctx.track_colour(track.id)) c.fill(pg, flow.frame().x, baseline - 7, 6, 6, *colour);
        FlowOptions heading;
        heading.space_before = space_before;
        heading.space_after = lead * 0.3;
        heading.indent = 10;
        heading.keep_with_next = true;
        heading.where = track.where;
        flow.add(set_paragraph(ctx, {ctx.span(track.name, Style::Subheading)}, w - 10, ctx.lang, Align::Left, 0,
                               ctx.leading(Style::Subheading), track.where),
                 heading);
        for (const auto& r : talks[i]) {
            const std::string key = c.has_target(abstract_key(r.item->id)) ? abstract_key(r.item->id) : "sched:" + r.item->id;
            auto para = set_paragraph(ctx, {ctx.span(r.item->title, Style::Body)}, w - 10 - ref_w, ctx.text_lang(*r.item),
                                      Align::Left, 0, lead, r.item->where);
            const std::size_t lines = para.lines.size();
            flow.need(para.height());
            const int page = flow.page();
            const double last_baseline = flow.y() + lead * 0.78 + lead * static_cast<double>(lines - 1);
            FlowOptions o;
            o.indent = 10;
            o.where = r.item->where;
            flow.add(std::move(para), o);
            if (c.has_target(key)) c.page_reference(key, page, flow.frame().x + w, last_baseline, Style::Body, false);
        }
    }
    flow.flush();
}

}  // namespace booklet::layout
