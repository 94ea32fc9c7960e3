// The contents page: reserved before the schedule, written once every part
// knows its pages. Each entry links to its page.
#include "layout/booklet/parts.hpp"
#include "layout/booklet/rich_text.hpp"

namespace booklet::layout {

void reserve_contents(BookletState& b) {
    b.contents_page = b.composer.add_page(b.ctx.label("contents"));
    // The bookmark now, so it sits in reading order in the outline.
    b.composer.bookmark(b.ctx.label("contents"), 0, b.contents_page, b.composer.frame(b.contents_page).y);
}

void fill_contents(BookletState& b) {
    BookletContext& ctx = b.ctx;
    Composer& c = b.composer;
    const int pg = b.contents_page;
    const Frame f = c.frame(pg);
    const std::string title = ctx.label("contents");
    double y = f.y + ctx.size(Style::Heading);
    c.text(pg, ctx.span(title, Style::Heading), f.x, y);
    y += ctx.leading(Style::Body) * 2;

    const double ref_w = c.page_reference_width(Style::Body) + 6;
    const double lead = ctx.leading(Style::Body);
    // Level-1 entries (days, talks) only while everything fits on the page.
    std::vector<const ContentsEntry*> entries;
    double need = 0;
    for (const auto& e : b.contents) need += e.level == 0 ? lead * 2.2 : lead * 1.4;
    for (const auto& e : b.contents)
        if (e.level == 0 || need <= f.bottom() - y) entries.push_back(&e);

    for (const auto* e : entries) {
        const bool top = e->level == 0;
        if (top) y += lead * 0.6;
        const double indent = top ? 0 : ctx.size(Style::Body) * 1.5;
        const Style st = top ? Style::BodyBold : Style::Body;
        auto para = set_paragraph(ctx, {ctx.span(e->title, st)}, f.w - indent - ref_w, ctx.lang, Align::Left, 0, lead);
        if (y + para.height() > f.bottom()) break;  // never runs into the margin
        const double first = y + lead * 0.78;
        c.place_lines(pg, para, 0, para.lines.size(), f.x + indent, first);
        const double last = first + lead * static_cast<double>(para.lines.size() - 1);
        c.page_reference(e->target, pg, f.x + f.w, last, st, false);
        c.link_to(e->target, pg, f.x + indent, y, f.w - indent - ref_w, para.height());
        y += para.height() + (top ? lead * 0.3 : lead * 0.15);
    }
}

}  // namespace booklet::layout
