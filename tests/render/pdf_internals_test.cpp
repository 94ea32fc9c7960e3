// The renderer's own helpers: UTF-8, the ToUnicode CMap, the /ID hash and
// the TrueType composite glyph reader.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "render/pdf/text.hpp"
#include "unicode/utf8.hpp"
#include "render/pdf/truetype.hpp"

namespace booklet::render::pdf {
namespace {

std::string font_bytes(const std::string& name) {
    std::ifstream in(std::string(BOOKLET_SOURCE_DIR "/fonts/") + name, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(PdfText, DecodesUtf8) {
    std::vector<char32_t> cps;
    ASSERT_TRUE(decode_utf8("aé’🎉", cps));
    EXPECT_EQ(cps, (std::vector<char32_t>{U'a', U'é', U'’', U'🎉'}));
    EXPECT_FALSE(decode_utf8("\xC3", cps));              // truncated
    EXPECT_FALSE(decode_utf8("\xC0\xAF", cps));          // overlong
    EXPECT_FALSE(decode_utf8("\xED\xA0\x80", cps));      // surrogate
    EXPECT_FALSE(decode_utf8("\xF4\x90\x80\x80", cps));  // > U+10FFFF
    EXPECT_EQ(unicode::code_point_name(U'é'), "U+00E9");
}

TEST(PdfText, Utf16WithBomAndSurrogates) {
    EXPECT_EQ(utf16be_with_bom("é🎉"), std::string("\xFE\xFF\x00\xE9\xD8\x3C\xDF\x89", 8));
}

TEST(PdfText, ToUnicodeCMapUsesRangesAndChunks) {
    const std::string one = identity_to_unicode_cmap({U'a', U'b', U'c', U'é', U'’'});
    EXPECT_NE(one.find("1 beginbfrange\n<0061> <0063> <0061>\nendbfrange"), std::string::npos) << one;
    EXPECT_NE(one.find("2 beginbfchar\n<00E9> <00E9>\n<2019> <2019>\nendbfchar"), std::string::npos) << one;
    EXPECT_EQ(one.find("cidrange"), std::string::npos);
    EXPECT_NE(one.find("/CMapType 2"), std::string::npos);

    // A range never crosses a high-byte boundary.
    const std::string cross = identity_to_unicode_cmap({0x00FE, 0x00FF, 0x0100, 0x0101});
    EXPECT_NE(cross.find("<00FE> <00FF> <00FE>"), std::string::npos) << cross;
    EXPECT_NE(cross.find("<0100> <0101> <0100>"), std::string::npos) << cross;

    // 250 isolated codes: blocks of at most 100.
    std::set<char32_t> many;
    for (char32_t c = 0x100; c < 0x100 + 500; c += 2) many.insert(c);
    const std::string big = identity_to_unicode_cmap(many);
    EXPECT_NE(big.find("100 beginbfchar"), std::string::npos);
    EXPECT_NE(big.find("50 beginbfchar"), std::string::npos);
    EXPECT_EQ(big.find("101 beginbfchar"), std::string::npos);
}

TEST(PdfText, Hash128IsFnv1a) {
    auto hex = [](const std::array<unsigned char, 16>& d) {
        std::string s;
        for (const unsigned char b : d) {
            char buf[3];
            std::snprintf(buf, sizeof buf, "%02x", b);
            s += buf;
        }
        return s;
    };
    EXPECT_EQ(hex(Hash128().digest()), "6c62272e07bb014262b821756295c58d");  // offset basis
    Hash128 a;
    a.bytes("a");
    EXPECT_EQ(hex(a.digest()), "d228cb696f1a8caf78912b704e4a8964");
    Hash128 x, y;
    x.field("ab");
    x.field("c");
    y.field("a");
    y.field("bc");
    EXPECT_NE(hex(x.digest()), hex(y.digest()));
}

TEST(PdfTrueType, ReadsGlyphCountAndComponents) {
    const std::string bytes = font_bytes("OpenSans-Regular.ttf");
    const TrueTypeGlyphs sans(bytes);
    EXPECT_EQ(sans.glyph_count(), 938);

    // Vollkorn nests composites (Ë, Ÿ, ... are built from composite parts):
    // closing over components must reach glyphs two levels down.
    const std::string vbytes = font_bytes("Vollkorn-Regular.ttf");
    const TrueTypeGlyphs serif(vbytes);
    int nested = -1;
    for (std::uint16_t g = 0; g < serif.glyph_count() && nested < 0; ++g)
        if (serif.composite_depth(g) >= 2) nested = g;
    ASSERT_GE(nested, 0) << "expected a nested composite in Vollkorn";
    std::vector<bool> used(serif.glyph_count(), false);
    used[static_cast<std::size_t>(nested)] = true;
    EXPECT_GE(serif.close_over_components(used), 3u);
    for (const auto c : serif.components(static_cast<std::uint16_t>(nested))) {
        EXPECT_TRUE(used[c]);
        for (const auto cc : serif.components(c)) EXPECT_TRUE(used[cc]);
    }
}

TEST(PdfTrueType, RejectsNonFonts) {
    EXPECT_THROW(TrueTypeGlyphs(std::string_view("not a font at all")), TrueTypeError);
}

}  // namespace
}  // namespace booklet::render::pdf
