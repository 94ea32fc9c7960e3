// The cover: a colour band that runs into the bleed with the kind of day
// and the title, then the date, hours, venue, capacity, registration and
// the organisers' logos. No running head, no folio.
#include <algorithm>
#include <filesystem>

#include "io/image_info.hpp"
#include "locale/format.hpp"
#include "layout/booklet/parts.hpp"
#include "layout/booklet/rich_text.hpp"

namespace booklet::layout {

namespace {

std::string capitalised(std::string s) {
    // Only ASCII and Latin-1 lower-case letters occur first in a date.
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

}  // namespace

void lay_out_cover(BookletState& b) {
    BookletContext& ctx = b.ctx;
    Composer& c = b.composer;
    const auto& p = ctx.programme;
    const int pg = c.add_page("");
    const Frame f = c.frame(pg);
    const double W = c.page_width(), H = c.page_height();
    const double band = H * 0.56;
    c.fill(pg, 0, 0, W, band, ctx.colour("cover"), true);
    c.target(part_key("cover"), pg, 0);
    c.bookmark(p.title, 0, pg, 0);

    // In the band: the kind of day above, the title set low, a short rule.
    double y = f.y + ctx.size(Style::Subtitle) * 2;
    if (!p.subtitle.empty())
        y = place_block(ctx, c, pg, {ctx.span(p.subtitle, Style::Subtitle)}, f.x, y, f.w * 0.85,
                        ctx.size(Style::Subtitle) * 1.3, p.lang);
    const double title_leading = ctx.size(Style::Title) * 1.14;
    ParagraphStyle st;
    st.line_widths = {f.w};
    st.align = Align::Left;
    st.last_line = Align::Left;
    st.leading = title_leading;
    st.language = p.lang;
    st.hyphenate = false;
    const Span title = ctx.span(p.title, Style::Title);
    const auto para = ctx.paragraphs.layout(std::span<const Span>(&title, 1), st,
                                            diagnostics_sink(ctx.diags, p.where));
    const double title_top = std::max(y + title_leading, band - 18 - para.height());
    c.rule(pg, f.x, title_top - title_leading - 4, 36, 2.2, ctx.colour("paper"));
    c.place_lines(pg, para, 0, para.lines.size(), f.x, title_top);

    // Below the band: when, where, how many, how to register.
    y = band + ctx.size(Style::Heading) * 2.4;
    if (!p.days.empty()) {
        std::string when = capitalised(locale::long_date(p.days.front().date, p.lang));
        std::string last;
        if (p.days.size() > 1) last = locale::long_date(p.days.back().date, p.lang);
        // "Thursday 27 December 2018 – Sunday 30 December 2018" is wider
        // than an A5 type area: the range then breaks after its dash, never
        // inside a date, and nothing runs past the margin.
        if (!last.empty() && c.width_of(ctx.span(when + " – " + last, Style::Heading)) > f.w) {
            c.text(pg, ctx.span(when + " –", Style::Heading), f.x, y);
            y += ctx.size(Style::Heading) * 1.2;
            when = last;
        } else if (!last.empty()) {
            when += " – " + last;
        }
        c.text(pg, ctx.span(when, Style::Heading), f.x, y);
        y += ctx.size(Style::Heading) * 1.35;
        if (p.days.size() == 1)
            if (auto h = p.days.front().hours()) {
                c.text(pg, ctx.span(locale::hours(*h, p.lang), Style::Subheading), f.x, y);
                y += ctx.size(Style::Subheading) * 1.9;
            }
    }
    const double lead = ctx.leading(Style::Body);
    y = place_block(ctx, c, pg, {ctx.span(venue_line(p), Style::BodyBold)}, f.x, y, f.w, lead, p.lang);
    const std::string address = address_line(p);
    if (!address.empty()) y = place_block(ctx, c, pg, {ctx.span(address, Style::Body)}, f.x, y, f.w, lead, p.lang);
    y += lead * 0.6;
    if (!p.capacity_note.empty())
        y = place_block(ctx, c, pg, {ctx.span(p.capacity_note, Style::BodyItalic)}, f.x, y, f.w, lead, p.lang);
    if (!p.registration_url.empty()) {
        y += lead * 0.3;
        y = place_block(ctx, c, pg,
                        {ctx.span(ctx.label("registration") + ctx.colon(), Style::Small),
                         ctx.span(p.registration_url, Style::Small, p.registration_url)},
                        f.x, y, f.w, ctx.leading(Style::Small), p.lang);
    }
    if (!p.website_url.empty())
        y = place_block(ctx, c, pg,
                        {ctx.span(ctx.label("website") + ctx.colon(), Style::Small),
                         ctx.span(p.website_url, Style::Small, p.website_url)},
                        f.x, y, f.w, ctx.leading(Style::Small), p.lang);

    // Logos in a row along the bottom margin: each at most 14 mm high and
    // its share of the width, in its own proportions.
    std::vector<std::pair<std::string, io::ImageInfo>> logos;
    for (const auto& o : p.organisers) {
        if (o.logo.empty()) continue;
        const auto path = (std::filesystem::path(ctx.base_dir) / o.logo).string();
        if (auto info = io::read_image_info(path)) logos.push_back({path, *info});
    }
    if (!logos.empty()) {
        const double max_h = 14 * 72 / 25.4;
        const double gap = 10;
        const double share = (f.w - gap * static_cast<double>(logos.size() - 1)) / static_cast<double>(logos.size());
        double x = f.x;
        for (const auto& [path, info] : logos) {
            const double aspect = static_cast<double>(info.width) / static_cast<double>(info.height);
            double h = max_h, w = h * aspect;
            if (w > share) w = share, h = w / aspect;
            c.image(pg, path, x, f.bottom() - h, w, h);
            x += w + gap;
        }
    }
}

}  // namespace booklet::layout
