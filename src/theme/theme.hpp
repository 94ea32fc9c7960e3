#pragma once
// The look of a booklet, read from templates/: page geometry, fonts, sizes,
// colours, which parts appear in which order, and the fixed labels in the
// booklet's language. Plain values; units are points unless named _mm.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/source_location.hpp"

namespace booklet::theme {

struct Rgb {
    double r = 0, g = 0, b = 0;  // 0..1
};
struct Cmyk {
    double c = 0, m = 0, y = 0, k = 1;  // 0..1
};
struct Colour {
    Rgb rgb;
    Cmyk cmyk;
};

struct PageGeometry {
    double width = 0, height = 0;  // trim size
    double top = 0, bottom = 0, inner = 0, outer = 0;  // margins
    double bleed = 0;       // print edition
    double safe = 0;        // text keeps this far from the trim (print)
};

enum class FontRole { Serif, Sans, Mono };  // Mono (code) is optional
enum class FontStyle { Regular, Italic, Bold, BoldItalic };

struct FontFile {
    FontRole role = FontRole::Serif;
    FontStyle style = FontStyle::Regular;
    std::string path;  // absolute
    model::SourceLocation where;
};

// A font tried, in order, for characters the theme's fonts lack: a family
// that fontconfig finds on the machine, or a TrueType file.
struct FallbackFont {
    std::string family;  // "Noto Sans Math", or empty
    std::string path;    // absolute, or empty
    model::SourceLocation where;
};

struct Sizes {
    double body = 10, leading = 13;
    double small = 8.5;
    double title = 24, subtitle = 13;
    double heading = 15, subheading = 11.5;
    double schedule = 9, schedule_leading = 11.5;
    double header = 7.5;   // running header and folio
};

enum class Part { Cover, Introduction, Contents, Schedule, Abstracts, Index, BackCover };
const char* part_name(Part p);

struct Theme {
    std::string name;
    PageGeometry page;
    std::vector<FontFile> fonts;
    // Tried before the built-in fallback chain (see layout/core/font_fallback.hpp),
    // which <fallback builtin="no"/> leaves out.
    std::vector<FallbackFont> fallbacks;
    bool builtin_fallbacks = true;
    Sizes sizes;
    std::map<std::string, Colour> colours;  // "text", "accent", "muted", "shade", "rule", "cover"
    std::vector<Part> parts;
    bool parts_open_on_right = false;  // each major part starts on a right-hand page
    int abstracts_per_page = 1;  // 1: each abstract starts a page; >1: book of abstracts
    bool include_breaks_in_calendar = true;
    std::string source;  // the theme file

    const FontFile* font(FontRole role, FontStyle style) const;
    Colour colour(const std::string& name) const;  // black when unknown
};

// The fixed words of a booklet in one language ("Programme", "Sommaire", …).
struct Labels {
    std::string lang;
    std::map<std::string, std::string> text;
    std::string source;
    // The label, or the key itself in brackets when missing (never empty).
    const std::string& get(const std::string& key) const;
};

}  // namespace booklet::theme
