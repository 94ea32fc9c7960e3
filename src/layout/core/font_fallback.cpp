#include "layout/core/font_fallback.hpp"

#include <fontconfig/fontconfig.h>

#include <memory>
#include <cstring>
#include <strings.h>

#include "unicode/utf8.hpp"

namespace booklet::layout {

std::vector<FallbackFamily> builtin_fallbacks() {
    return {
        {"DejaVu Serif", "", Family::Serif},
        {"DejaVu Sans", "", std::nullopt},
        {"Noto Sans", "", std::nullopt},
        {"Noto Sans Symbols", "", std::nullopt},
        {"Noto Sans Symbols2", "", std::nullopt},
        {"Noto Serif Tibetan", "", std::nullopt},
        {"Droid Sans Fallback", "", std::nullopt},
        {"NanumGothic", "", std::nullopt},  // Hangul syllables, which Droid Sans Fallback lacks
        {"Symbola", "", std::nullopt},
    };
}

std::string missing_glyph_message(char32_t cp) {
    const std::string name = unicode::character_name(cp);
    std::string msg = "character '" + unicode::encode(cp) + "' (" + name + ")";
    if (cp > 0xFFFF)
        msg += " lies beyond the Basic Multilingual Plane, which the PDF writer (libharu 2.3.0) cannot encode";
    else
        msg += " is in none of the fonts (the theme's and the fallback chain)";
    return msg + "; drawn as an empty box";
}

namespace {

// The process's fontconfig configuration, made on first use and released,
// with all of fontconfig's caches, at exit (nothing else in booklet uses
// fontconfig); nullptr when fontconfig cannot start.
FcConfig* config() {
    struct Holder {
        FcConfig* config = FcInitLoadConfigAndFonts();
        ~Holder() {
            if (config) FcConfigDestroy(config);
            FcFini();
        }
    };
    static const Holder holder;
    return holder.config;
}

struct PatternDeleter {
    void operator()(FcPattern* p) const { FcPatternDestroy(p); }
};
using Pattern = std::unique_ptr<FcPattern, PatternDeleter>;

bool ends_with_ttf(const std::string& s) {
    return s.size() > 4 && strcasecmp(s.c_str() + s.size() - 4, ".ttf") == 0;
}

}  // namespace

std::string find_font_file(const std::string& family, FontStyle style) {
    FcConfig* cfg = config();
    if (!cfg || family.empty()) return {};
    Pattern pattern(FcPatternCreate());
    if (!pattern) return {};
    FcPatternAddString(pattern.get(), FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
    const bool bold = style == FontStyle::Bold || style == FontStyle::BoldItalic || style == FontStyle::Semibold;
    const bool italic = style == FontStyle::Italic || style == FontStyle::BoldItalic;
    FcPatternAddInteger(pattern.get(), FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcPatternAddInteger(pattern.get(), FC_SLANT, italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
    FcPatternAddInteger(pattern.get(), FC_WIDTH, FC_WIDTH_NORMAL);
    FcPatternAddBool(pattern.get(), FC_SCALABLE, FcTrue);
    FcConfigSubstitute(cfg, pattern.get(), FcMatchPattern);
    FcDefaultSubstitute(pattern.get());
    FcResult result = FcResultNoMatch;
    Pattern match(FcFontMatch(cfg, pattern.get(), &result));
    if (!match || result != FcResultMatch) return {};
    // fontconfig always answers with something: take it only if it is the
    // family asked for.
    FcChar8* got = nullptr;
    bool same_family = false;
    for (int i = 0; FcPatternGetString(match.get(), FC_FAMILY, i, &got) == FcResultMatch; ++i)
        if (strcasecmp(reinterpret_cast<const char*>(got), family.c_str()) == 0) same_family = true;
    if (!same_family) return {};
    FcChar8* file = nullptr;
    if (FcPatternGetString(match.get(), FC_FILE, 0, &file) != FcResultMatch || !file) return {};
    const std::string path = reinterpret_cast<const char*>(file);
    FcChar8* format = nullptr;
    if (FcPatternGetString(match.get(), FC_FONTFORMAT, 0, &format) == FcResultMatch && format &&
        strcmp(reinterpret_cast<const char*>(format), "TrueType") != 0)
        return {};
    int index = 0;
    if (FcPatternGetInteger(match.get(), FC_INDEX, 0, &index) == FcResultMatch && index != 0) return {};
    if (!ends_with_ttf(path)) return {};
    return path;
}

}  // namespace booklet::layout
