#pragma once
// Text helpers for the PDF renderer, independent of libharu: UTF-8 decoding,
// PDF text strings, the ToUnicode CMap and the document /ID hash.
#include <array>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace booklet::render::pdf {

// Decodes UTF-8 into code points. Returns false on malformed input
// (overlong forms, surrogates, truncated sequences, values > U+10FFFF).
bool decode_utf8(std::string_view s, std::vector<char32_t>& out);


// A PDF text string for non-ASCII text: the UTF-16BE bytes of `s` preceded
// by the byte order mark FE FF. `s` must be valid UTF-8.
std::string utf16be_with_bom(std::string_view s);

// A ToUnicode CMap for a Type0 font with 2-byte codes where each code is
// the Unicode value of a BMP character (how libharu 2.3.0 encodes text for
// its UTF-8 encoder): every code in `codes` maps to itself. bfrange for
// runs of consecutive codes, bfchar for the rest, at most 100 entries a
// block.
std::string identity_to_unicode_cmap(const std::set<char32_t>& codes);

// A 128-bit FNV-1a hash, fed piece by piece.
class Hash128 {
public:
    Hash128();
    void bytes(std::string_view s);
    // Length-prefixed, so that ("ab","c") and ("a","bc") differ.
    void field(std::string_view s);
    void number(double v);
    void integer(std::int64_t v);
    std::array<unsigned char, 16> digest() const;

private:
    std::uint64_t hi_, lo_;
};

}  // namespace booklet::render::pdf
