#pragma once
// Font metrics read straight from TrueType files, and the set of faces a
// document uses.
//
// Widths are what the PDF will use. libharu writes each glyph's width into
// the font's /W array as trunc(advance * 1000 / unitsPerEm) thousandths of
// an em (hmtx advances, no kerning), and PDF viewers position glyphs by that
// array. So every width here is measured in those same integer thousandths:
// a run measured by layout ends exactly where the viewer draws its last
// glyph. For Vollkorn (1000 units/em) this is the hmtx advance itself; for
// Open Sans (2048 units/em) it differs from the raw advance by < 1/1000 em.
//
// The parser trusts nothing in the file: every offset and count is checked
// against the bytes actually present, and malformed or unsupported files
// (CFF "OTTO", collections, WOFF, truncated data) are refused with a message.
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "layout/document.hpp"

namespace booklet::layout {

class FontMetrics {
public:
    // Reads and parses a .ttf file. On failure returns nullopt and sets
    // `error` to a one-line reason ("... is truncated", "... is a CFF font").
    static std::optional<FontMetrics> load(const std::string& path, std::string& error);
    // Parses a font held in memory; `name` is used in messages and name().
    static std::optional<FontMetrics> parse(std::string_view bytes, std::string name, std::string& error);

    // The file's stem ("Vollkorn-Regular") unless set otherwise.
    const std::string& name() const { return name_; }
    void set_name(std::string name) { name_ = std::move(name); }

    int units_per_em() const { return units_per_em_; }
    std::uint16_t glyph_count() const { return glyph_count_; }

    // Vertical metrics in font units, y up: ascender > 0, descender < 0
    // (hhea), line gap (hhea), cap height and x-height (OS/2 version >= 2,
    // else measured from the outlines of 'H' and 'x', else 0.7 / 0.5 em).
    int ascender() const { return ascender_; }
    int descender() const { return descender_; }
    int line_gap() const { return line_gap_; }
    int cap_height() const { return cap_height_; }
    int x_height() const { return x_height_; }
    // The same in points at `size` (descender stays negative).
    double ascender(double size) const { return scale(ascender_, size); }
    double descender(double size) const { return scale(descender_, size); }
    double line_gap(double size) const { return scale(line_gap_, size); }
    double cap_height(double size) const { return scale(cap_height_, size); }
    double x_height(double size) const { return scale(x_height_, size); }

    // The glyph a character maps to (format 4 and 12 cmaps); 0 = missing.
    std::uint16_t glyph_id(char32_t cp) const {
        if (cp < 0x10000) return bmp_gid_[cp];
        return supplementary_gid(cp);
    }
    bool has_glyph(char32_t cp) const { return glyph_id(cp) != 0; }
    // The font has a Windows Unicode BMP character map (platform 3,
    // encoding 1, format 4): the one libharu 2.3.0 reads to embed it.
    bool has_windows_bmp_cmap() const { return windows_bmp_cmap_; }

    // Raw hmtx advance of a glyph, font units.
    std::uint16_t glyph_advance(std::uint16_t gid) const;

    // Advance of a character in PDF thousandths of an em (see above). A
    // character the font lacks measures as .notdef (glyph 0).
    std::uint16_t advance_1000(char32_t cp) const {
        if (cp < 0x10000) return bmp_w1000_[cp];
        return gid_w1000_[supplementary_gid(cp)];
    }
    // Advance in points at `size`.
    double advance(char32_t cp, double size) const { return advance_1000(cp) * size / 1000.0; }

    // Sum of the advances of a UTF-8 string, in thousandths of an em.
    // Malformed bytes measure as U+FFFD.
    std::int64_t width_1000(std::string_view utf8) const;
    // Width of a UTF-8 string in points at `size` (no kerning, as drawn).
    double width(std::string_view utf8, double size) const {
        return static_cast<double>(width_1000(utf8)) * size / 1000.0;
    }

private:
    FontMetrics() = default;
    double scale(int units, double size) const { return units * size / units_per_em_; }
    std::uint16_t supplementary_gid(char32_t cp) const;

    struct Group {  // cmap format 12 group above the BMP
        char32_t first, last;
        std::uint32_t first_gid;
    };

    std::string name_;
    int units_per_em_ = 1000;
    std::uint16_t glyph_count_ = 0;
    int ascender_ = 0, descender_ = 0, line_gap_ = 0, cap_height_ = 0, x_height_ = 0;
    bool windows_bmp_cmap_ = false;
    std::vector<std::uint16_t> bmp_gid_;    // 0x10000 entries
    std::vector<std::uint16_t> bmp_w1000_;  // 0x10000 entries, advance of bmp_gid_
    std::vector<std::uint16_t> gid_w1000_;  // per glyph
    std::vector<std::uint16_t> hmtx_;       // per glyph, font units
    std::vector<Group> groups_;             // sorted, disjoint
};

// The typeface families and styles booklet sets text in.
enum class Family : std::uint8_t { Serif, Sans, Mono };  // Mono: code
enum class FontStyle : std::uint8_t { Regular, Italic, Bold, BoldItalic, Semibold };

struct FallbackFamily;  // font_fallback.hpp

// "serif-bold-italic"
std::string face_name(Family family, FontStyle style);

// The faces a document uses, in Document::fonts order: a face's index here
// is the TextRun::font that draws with it. Holds each face's metrics.
class FontSet {
public:
    FontSet();
    ~FontSet();
    FontSet(FontSet&&) noexcept;
    FontSet& operator=(FontSet&&) noexcept;

    // Loads a .ttf and appends it under a stable name ("serif-regular").
    // Returns its index, or nullopt with `error` set.
    std::optional<int> add(std::string name, const std::string& path, std::string& error);
    // Appends already-loaded metrics (tests, in-memory fonts).
    int add(std::string name, std::string path, FontMetrics metrics);

    // Makes `index` the face for family × style.
    void assign(Family family, FontStyle style, int index);
    // The face for family × style, falling back Semibold → Bold → Regular,
    // BoldItalic → Bold → Italic → Regular, Italic → Regular, and to the
    // other family last (Mono: Sans, then Serif); -1 when the set is empty.
    int index(Family family, FontStyle style) const;
    // The face registered under `name`, or -1.
    int index(std::string_view name) const;

    // The fallback chain (font_fallback.hpp), tried in order for a
    // character a face lacks. Nothing is loaded until face_for needs it.
    void set_fallbacks(std::vector<FallbackFamily> chain);

    // The face that draws `cp` for text set in face `font`: `font` itself
    // when it has the glyph, else the first fallback family that has it, in
    // the style of `font` when the family has that style and it has the
    // glyph, else in its regular style. A fallback face is appended to the
    // set (and so to Document::fonts) when it is first returned. -1 when no
    // face has the character, or when it lies beyond the BMP (libharu
    // 2.3.0 cannot draw those).
    int face_for(int font, char32_t cp) const;
    // Fallback faces appended so far.
    std::size_t fallbacks_used() const { return fallbacks_used_; }
    // Files read so far for the fallback chain (used or not).
    std::size_t fallback_files_read() const;

    std::size_t size() const { return metrics_.size(); }
    const FontMetrics& metrics(int index) const { return *metrics_.at(static_cast<std::size_t>(index)); }
    const FontFace& face(int index) const { return faces_.at(static_cast<std::size_t>(index)); }
    // What Document::fonts must hold for the indices to match.
    const std::vector<FontFace>& faces() const { return faces_; }

    // The bundled faces from `fonts_dir`: Vollkorn Regular, Italic, Bold,
    // BoldItalic as serif-*, Open Sans Regular, Italic, Bold, BoldItalic,
    // Semibold as sans-*, all assigned. Nullopt with `error` if any fails.
    static std::optional<FontSet> load_bundled(const std::string& fonts_dir, std::string& error);

private:
    struct Fallbacks;  // the chain and what has been loaded of it
    // Appends a face; the fallback faces are added from const face_for.
    int append(std::string name, std::string path, std::unique_ptr<FontMetrics> metrics) const;

    mutable std::vector<std::unique_ptr<FontMetrics>> metrics_;
    mutable std::vector<FontFace> faces_;
    mutable std::vector<std::uint8_t> face_family_, face_style_;  // per face, as assigned (else serif regular)
    mutable std::size_t fallbacks_used_ = 0;
    std::unique_ptr<Fallbacks> fallbacks_;
    // family × style (std::array: g++ 12 misreads the move of a 2-D C array)
    std::array<std::array<int, 5>, 3> assigned_{{{-1, -1, -1, -1, -1}, {-1, -1, -1, -1, -1}, {-1, -1, -1, -1, -1}}};
};

}  // namespace booklet::layout
