#pragma once
// Just enough of the TrueType format for the PDF renderer: which glyphs a
// glyph is built from. libharu 2.3.0 subsets embedded fonts and keeps the
// components of a composite glyph only one level deep, so a composite whose
// component is itself composite (an accented capital built from a base and
// a composite accent, say) would lose parts in the PDF. The renderer uses
// this to mark the whole component tree as used before libharu subsets.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace booklet::render::pdf {

struct TrueTypeError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class TrueTypeGlyphs {
public:
    // Parses the 'head', 'maxp', 'loca' and 'glyf' tables of a .ttf held in
    // `data` (which must outlive this object). Throws TrueTypeError.
    explicit TrueTypeGlyphs(std::string_view data);

    std::uint16_t glyph_count() const { return num_glyphs_; }

    // The glyph ids a glyph references directly as composite components;
    // empty for a simple or empty glyph. Throws TrueTypeError on bad data.
    std::vector<std::uint16_t> components(std::uint16_t gid) const;

    // Extends `used` (indexed by gid, size glyph_count()) with every glyph
    // reachable from a used glyph through components, at any depth. Returns
    // the number of glyphs newly marked.
    std::size_t close_over_components(std::vector<bool>& used) const;

    // The maximum component nesting depth below `gid` (0 for a simple glyph,
    // 1 for a composite of simple glyphs, ...).
    int composite_depth(std::uint16_t gid) const;

private:
    std::string_view glyph_data(std::uint16_t gid) const;

    std::string_view data_;
    std::string_view glyf_;
    std::vector<std::uint32_t> loca_;  // num_glyphs + 1 offsets into glyf
    std::uint16_t num_glyphs_ = 0;
};

}  // namespace booklet::render::pdf
