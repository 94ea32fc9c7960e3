#pragma once
// UTF-8 helpers for the typesetting core. Decoding never fails: a malformed
// sequence (overlong form, surrogate, truncated sequence, value above
// U+10FFFF, stray continuation byte) yields U+FFFD and consumes one byte, so
// callers can report it and carry on.
#include <cstddef>
#include <string>
#include <string_view>

namespace booklet::unicode {

inline constexpr char32_t kReplacement = 0xFFFD;

// Decodes the code point starting at s[i] and advances i past it.
// Precondition: i < s.size().
char32_t decode(std::string_view s, std::size_t& i);

// Like decode(), but reports whether the sequence was well formed.
char32_t decode(std::string_view s, std::size_t& i, bool& ok);

// Appends the UTF-8 form of cp (U+FFFD for surrogates and values > U+10FFFF).
void append(std::string& out, char32_t cp);
std::string encode(char32_t cp);

// Number of bytes the UTF-8 form of cp takes (1..4).
std::size_t encoded_length(char32_t cp);

// Number of code points (malformed bytes count one each).
std::size_t length(std::string_view s);

bool valid(std::string_view s);

std::u32string to_u32(std::string_view s);
std::string from_u32(std::u32string_view s);

// "U+00E9", "U+1F600"
std::string code_point_name(char32_t cp);

// C0 and C1 controls, DEL, and the line and paragraph separators U+2028 and
// U+2029: characters that break a header, a line or a title.
bool is_control(char32_t cp);

// The invisible characters that change the order text is shown in: LRM,
// RLM, ALM and the embedding, override and isolate controls (U+202A–U+202E,
// U+2066–U+2069). Shown raw in a terminal or a message, they can make text
// read other than it is.
bool is_bidi_control(char32_t cp);

// Invisible formatting characters (general category Cf) that booklet cannot
// set: everything but the soft hyphen U+00AD, the zero-width space U+200B
// and the word joiner U+2060, which mean something to line breaking.
bool is_unsettable_format(char32_t cp);

// Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko…):
// bidirectional class R or AL.
bool is_right_to_left(char32_t cp);

// "U+200D ZERO WIDTH JOINER"; the code point alone when it has no name.
std::string character_name(char32_t cp);

// `s` made safe to print as one line: invalid UTF-8 as U+FFFD, control and
// direction-control characters as U+FFFD too.
std::string printable(std::string_view s);

// Calls f(cp, byte_offset) for each code point.
template <class F>
void for_each(std::string_view s, F&& f) {
    std::size_t i = 0;
    while (i < s.size()) {
        const std::size_t at = i;
        const char32_t cp = decode(s, i);
        f(cp, at);
    }
}

}  // namespace booklet::unicode
