#include <gtest/gtest.h>

#include "unicode/utf8.hpp"

namespace unicode = booklet::unicode;

TEST(Utf8, DecodesAndEncodesRoundTrip) {
    const std::string s = "a\u00E9\u2019\u202F\U0001F600";
    const std::u32string u = unicode::to_u32(s);
    ASSERT_EQ(u.size(), 5u);
    EXPECT_EQ(u[0], U'a');
    EXPECT_EQ(u[1], 0xE9u);
    EXPECT_EQ(u[2], 0x2019u);
    EXPECT_EQ(u[3], 0x202Fu);
    EXPECT_EQ(u[4], 0x1F600u);
    EXPECT_EQ(unicode::from_u32(u), s);
    EXPECT_EQ(unicode::length(s), 5u);
    EXPECT_TRUE(unicode::valid(s));
    EXPECT_EQ(unicode::encoded_length(0x1F600), 4u);
}

TEST(Utf8, MalformedBytesBecomeReplacementCharacters) {
    // stray continuation, overlong "/", surrogate, truncated sequence
    const std::string bad = std::string("\x80") + "\xC0\xAF" + "\xED\xA0\x80" + "\xE2\x82";
    EXPECT_FALSE(unicode::valid(bad));
    const std::u32string u = unicode::to_u32(bad);
    for (char32_t c : u) EXPECT_EQ(c, unicode::kReplacement);
    EXPECT_EQ(u.size(), bad.size());  // one per byte, never skipping good text
    std::size_t i = 0;
    bool ok = true;
    const std::string mixed = std::string("\xFF") + "x";
    EXPECT_EQ(unicode::decode(mixed, i, ok), unicode::kReplacement);
    EXPECT_FALSE(ok);
    EXPECT_EQ(unicode::decode(mixed, i, ok), U'x');
    EXPECT_TRUE(ok);
}

TEST(Utf8, NamesCodePoints) {
    EXPECT_EQ(unicode::code_point_name(0xE9), "U+00E9");
    EXPECT_EQ(unicode::code_point_name(0x1F600), "U+1F600");
}

TEST(Utf8, ControlCharacters) {
    for (char32_t c : {U'\0', U'\t', U'\n', U'\x1B', U'\x7F', U'\x85', U'\x9F', U'\u2028', U'\u2029'})
        EXPECT_TRUE(unicode::is_control(c)) << unicode::code_point_name(c);
    for (char32_t c : {U' ', U'a', U'é', U'\u00A0', U'\u202F', U'«', U'œ', U'\U0001F600'})
        EXPECT_FALSE(unicode::is_control(c)) << unicode::code_point_name(c);
}
