#pragma once
// Lays out a whole programme booklet: the parts the theme lists, in its
// order, into a Document the PDF renderer serialises.
#include <optional>
#include <string>

#include "layout/core/quality.hpp"
#include "layout/document.hpp"
#include "layout/core/font_metrics.hpp"
#include "layout/core/hyphenation.hpp"
#include "model/diagnostic.hpp"
#include "model/programme.hpp"
#include "theme/theme.hpp"

namespace booklet::layout {

struct BookletInput {
    const model::Programme& programme;
    const theme::Theme& theme;
    const theme::Labels& labels;
    std::string lang;                 // booklet language; "" = the programme's
    std::string base_dir = ".";       // the programme's folder (logos)
    std::optional<std::int64_t> created;  // SOURCE_DATE_EPOCH
    int page_multiple = 1;            // print: 4, blank pages before the back cover
    bool strict = false;              // a character drawn as a box is an error
    // Characters no font has that the caller reported already, where they
    // were written (check_font_coverage): not reported again.
    std::vector<char32_t> reported_glyphs;
};

struct BookletOutput {
    Document document;
    QualityReport report;
};

// The fonts a theme names, loaded and assigned to families and styles, and
// the fallback chain: the theme's <fallback> entries, then (unless it says
// builtin="no") the built-in one (font_fallback.hpp).
std::optional<FontSet> load_theme_fonts(const theme::Theme& theme, model::Diagnostics& diags);

// Problems (missing glyphs, unavoidable overfull lines) go to `diags`;
// returns nullopt when an error was reported.
std::optional<BookletOutput> lay_out_booklet(const BookletInput& in, const FontSet& fonts, Hyphenators& hyphenators,
                                             model::Diagnostics& diags);

}  // namespace booklet::layout
