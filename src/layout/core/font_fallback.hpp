#pragma once
// The fallback chain: fonts tried, in order, for a character the span's
// own face lacks (a CJK name, a ♥, a non-breaking hyphen U+2011).
//
// An entry is a family that fontconfig finds on this machine (Debian's
// fonts-dejavu-core, fonts-noto-core, fonts-droid-fallback, fonts-symbola,
// which ./setup installs), or a TrueType file the theme names. fontconfig
// is asked only for that family (never "whatever looks closest"), and only
// glyf TrueType .ttf files are taken, so the same machine always gives the
// same fonts, and the same PDF. Nothing is resolved or loaded until a
// character needs it (FontSet::face_for).
#include <optional>
#include <string>
#include <vector>

#include "layout/core/font_metrics.hpp"

namespace booklet::layout {

struct FallbackFamily {
    std::string family;             // fontconfig family name ("DejaVu Serif"), or a name for reports
    std::string path;               // a .ttf for every style; empty: ask fontconfig for `family`
    std::optional<Family> only_for; // tried only for text in this family
};

// The built-in chain: DejaVu Serif (serif text only), DejaVu Sans, Noto
// Sans, Noto Sans Symbols, Noto Sans Symbols2, Noto Serif Tibetan, Droid
// Sans Fallback (CJK, Hangul), Symbola.
std::vector<FallbackFamily> builtin_fallbacks();

// The file fontconfig has for `family` in `style` (the regular file when the
// family has no such style), or "" when the family is not installed or its
// file is not a TrueType .ttf. Bold covers Semibold.
std::string find_font_file(const std::string& family, FontStyle style);

// What a character no face can draw becomes, for the user: "character '♥'
// (U+2665 BLACK HEART SUIT) is in none of the fonts …; drawn as an empty
// box". The same sentence from layout and from the coverage pass.
std::string missing_glyph_message(char32_t cp);

// Width and height of that box, in thousandths of an em: 0.6 em wide, as
// tall as the face's capitals.
inline constexpr int kMissingGlyphBoxWidth = 600;

}  // namespace booklet::layout
