// The back cover: who organises, whom to contact, where to find more, on
// a colour band that runs into the bleed at the foot. No head, no folio.
// Blank pages that bring the booklet to a multiple of four go before it.
#include <filesystem>

#include "locale/format.hpp"
#include "locale/language.hpp"
#include "layout/booklet/parts.hpp"
#include "layout/booklet/rich_text.hpp"

namespace booklet::layout {

void pad_pages(BookletState& b, int multiple, int reserved) {
    if (multiple <= 1) return;
    while ((b.composer.page_count() + reserved) % multiple != 0) b.composer.add_page("");
}

void lay_out_back_cover(BookletState& b) {
    BookletContext& ctx = b.ctx;
    Composer& c = b.composer;
    const auto& p = ctx.programme;
    const int pg = c.add_page("");
    const Frame f = c.frame(pg);
    const double W = c.page_width(), H = c.page_height();
    const double band = H * 0.30;
    c.fill(pg, 0, H - band, W, band, ctx.colour("cover"), true);
    c.bookmark(locale::primary_language(ctx.lang) == "fr" ? "Quatrième de couverture" : "Back cover", 0, pg, 0);

    const double lead = ctx.leading(Style::Body);
    double y = f.y + lead;
    auto paragraph = [&](std::vector<Span> spans, Style lead_style, double space_after) {
        const double l = ctx.leading(lead_style);
        y = place_block(ctx, c, pg, spans, f.x, y + l * 0.78, f.w, l, p.lang) - l * 0.78 + space_after;
    };
    paragraph({ctx.span(p.title, Style::Subheading)}, Style::Subheading, lead * 0.4);
    if (!p.days.empty()) {
        std::string when = locale::long_date(p.days.front().date, p.lang);
        if (p.days.size() > 1) when += " – " + locale::long_date(p.days.back().date, p.lang);
        else if (auto h = p.days.front().hours()) when += ", " + locale::hours(*h, p.lang);
        paragraph({ctx.span(when, Style::BodyItalic)}, Style::Body, lead * 1.2);
    }
    auto names = [&](const std::vector<model::PersonRef>& refs) {
        std::vector<std::string> out;
        for (const auto& r : refs)
            if (const auto* person = p.person(r.id)) out.push_back(person->display_name());
        return out;
    };
    if (!p.organisers.empty()) {
        std::vector<std::string> orgs;
        for (const auto& o : p.organisers) orgs.push_back(o.name);
        paragraph({ctx.span(locale::join_names(orgs, ctx.label("and")), Style::Body)}, Style::Body, lead);
    }
    if (!p.committee.empty()) {
        paragraph({ctx.span(ctx.label("committee"), Style::KeywordsLabel)}, Style::Small, 2);
        paragraph({ctx.span(locale::join_names(names(p.committee), ctx.label("and")), Style::Body)}, Style::Body, lead);
    }
    if (!p.contacts.empty()) {
        paragraph({ctx.span(ctx.label("contacts"), Style::KeywordsLabel)}, Style::Small, 2);
        for (const auto& contact : p.contacts) {
            const auto* person = p.person(contact.ref);
            const std::string email = contact.email.empty() && person ? person->email : contact.email;
            paragraph({ctx.span((person ? person->display_name() + " " : std::string()), Style::Body),
                       ctx.span("<" + email + ">", Style::Body, "mailto:" + email)},
                      Style::Body, 0);
        }
        y += lead;
    }
    // In the band: the venue and the web address, in the paper colour.
    double by = H - band + ctx.leading(Style::CoverText) * 2;
    for (const auto& line : {venue_line(p), address_line(p), p.website_url.empty() ? p.registration_url : p.website_url}) {
        if (line.empty()) continue;
        Span s = ctx.span(line, Style::CoverSmall, line.rfind("http", 0) == 0 ? line : std::string());
        s.color = ctx.colour("paper");  // links too: the band is dark
        by = place_block(ctx, c, pg, {s}, f.x, by, f.w, ctx.leading(Style::CoverSmall), p.lang) + 2;
    }
}

}  // namespace booklet::layout
