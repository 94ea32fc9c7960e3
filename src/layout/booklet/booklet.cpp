#include "layout/booklet/booklet.hpp"

#include <algorithm>
#include <filesystem>

#include "layout/booklet/parts.hpp"
#include "layout/core/font_fallback.hpp"

namespace booklet::layout {

// Code is set in this face when the theme names no mono font (Debian's
// fonts-dejavu-core); without it, code falls back to the sans face.
constexpr const char* kDefaultMonoFont = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf";

std::optional<FontSet> load_theme_fonts(const theme::Theme& theme, model::Diagnostics& diags) {
    FontSet set;
    bool mono = false;
    for (const auto& f : theme.fonts) {
        const Family family = f.role == theme::FontRole::Serif  ? Family::Serif
                              : f.role == theme::FontRole::Sans ? Family::Sans
                                                                : Family::Mono;
        mono = mono || family == Family::Mono;
        FontStyle style = FontStyle::Regular;
        switch (f.style) {
            case theme::FontStyle::Regular: style = FontStyle::Regular; break;
            case theme::FontStyle::Italic: style = FontStyle::Italic; break;
            case theme::FontStyle::Bold: style = FontStyle::Bold; break;
            case theme::FontStyle::BoldItalic: style = FontStyle::BoldItalic; break;
        }
        std::string error;
        auto index = set.add(face_name(family, style), f.path, error);
        if (!index) {
            diags.error(f.where, "cannot use font '" + f.path + "': " + error);
            return std::nullopt;
        }
        set.assign(family, style, *index);
    }
    std::vector<FallbackFamily> chain;
    for (const auto& f : theme.fallbacks) chain.push_back({f.family.empty() ? f.path : f.family, f.path, std::nullopt});
    if (theme.builtin_fallbacks)
        for (auto& f : builtin_fallbacks()) chain.push_back(std::move(f));
    set.set_fallbacks(std::move(chain));
    if (std::error_code ec; !mono && std::filesystem::is_regular_file(kDefaultMonoFont, ec)) {
        std::string error;
        if (auto index = set.add(face_name(Family::Mono, FontStyle::Regular), kDefaultMonoFont, error))
            set.assign(Family::Mono, FontStyle::Regular, *index);
    }
    return set;
}

std::optional<BookletOutput> lay_out_booklet(const BookletInput& in, const FontSet& fonts, Hyphenators& hyphenators,
                                             model::Diagnostics& diags) {
    ParagraphBuilder paragraphs(fonts, hyphenators);
    paragraphs.set_strict(in.strict);
    paragraphs.set_reported_elsewhere(in.reported_glyphs);
    const std::size_t errors_before = diags.error_count();
    BookletContext ctx{in.programme, in.theme, in.labels, fonts, paragraphs, diags,
                       in.lang.empty() ? in.programme.lang : in.lang, in.base_dir};
    report_unhyphenated_languages(ctx, hyphenators);
    BookletState b(ctx);
    for (auto part : in.theme.parts)
        if (part == theme::Part::Abstracts) b.abstract_pages = true;

    for (auto part : in.theme.parts) {
        switch (part) {
            case theme::Part::Cover: lay_out_cover(b); break;
            case theme::Part::Introduction:
                if (!in.programme.introduction.empty() || !in.programme.committee.empty()) lay_out_introduction(b);
                break;
            case theme::Part::Contents: reserve_contents(b); break;
            case theme::Part::Schedule: lay_out_schedule(b); break;
            case theme::Part::Abstracts: lay_out_abstracts(b); break;
            case theme::Part::Index: lay_out_index(b); break;
            case theme::Part::BackCover:
                pad_pages(b, in.page_multiple, 1);
                lay_out_back_cover(b);
                break;
        }
    }
    if (std::find(in.theme.parts.begin(), in.theme.parts.end(), theme::Part::BackCover) == in.theme.parts.end())
        pad_pages(b, in.page_multiple, 0);
    if (b.contents_page >= 0) fill_contents(b);
    for (const auto& o : b.report.overfull)
        diags.warning(o.where, "overfull line (" + std::to_string(static_cast<int>(o.overflow + 0.5)) +
                                   " pt too wide): " + o.text);
    if (diags.error_count() > errors_before) return std::nullopt;

    Metadata meta;
    meta.title = in.programme.title;
    std::string author;
    for (const auto& o : in.programme.organisers) author += (author.empty() ? "" : ", ") + o.name;
    if (author.empty())
        for (const auto& m : in.programme.committee)
            if (const auto* person = in.programme.person(m.id))
                author += (author.empty() ? "" : ", ") + person->display_name();
    meta.author = author;
    meta.subject = in.programme.subtitle;
    std::string keywords;
    for (const auto& t : in.programme.talks())
        for (const auto& k : t.item->keywords)
            if (keywords.find(k) == std::string::npos) keywords += (keywords.empty() ? "" : ", ") + k;
    meta.keywords = keywords;
    meta.lang = ctx.lang;
    meta.created = in.created;

    BookletOutput out;
    out.report = b.report;
    out.report.pages = b.composer.page_count();
    out.document = b.composer.finish(std::move(meta));
    return out;
}

}  // namespace booklet::layout
