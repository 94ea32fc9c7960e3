#pragma once
// French typographic spacing (Imprimerie nationale / Lexique des règles
// typographiques): a narrow no-break space U+202F before ; ! ? and », after
// «, and a no-break space U+00A0 before :. An existing ordinary space (or
// no-break / thin space) at that place is replaced; a missing one is added.
//
// The rules, chosen so that prose is fixed and nothing else is touched:
//  * « › : followed by a space run → the run becomes one U+202F; followed
//    directly by a character → U+202F inserted. Symmetrically before » ›.
//  * ; ! ? : preceded by a space run (with text before it) → one U+202F.
//    With no space, U+202F is inserted only when the preceding character is
//    a letter, digit or closing mark () ] » ” ’ " . … %) and the next one is
//    the end, a space or punctuation — so "?!" stays one group, and "a;b",
//    "?q=1", "&amp;" are left alone.
//  * : preceded by a space run → one U+00A0. With no space, U+00A0 is
//    inserted only when the colon follows a letter, digit or closing mark and
//    is followed by a space or the end: "Note: voir" → "Note : voir", while
//    "10:30", "a:b", "https://x" and "C:\dir" never change.
//  * A whitespace-delimited token that looks like a URL or e-mail address
//    ("://", "www.", "mailto:", "x@y.z") is never changed.
// The function is idempotent.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace booklet::layout {

inline constexpr char32_t kNarrowNoBreakSpace = 0x202F;
inline constexpr char32_t kNoBreakSpace = 0x00A0;

// True for text in French: a language tag whose language subtag is "fr"
// ("fr", "fr-CA", "FR_be"), never "fry" (Frisian) or "frr"; only such text
// gets French spacing.
bool is_french(std::string_view lang);

std::string apply_french_spacing(std::string_view utf8);

// The same on code points. When `tags` is non-null it runs parallel to
// `text` (e.g. the span each character came from); a space that is inserted
// or that replaces others takes the tag of the punctuation it belongs to.
void apply_french_spacing(std::u32string& text, std::vector<std::uint32_t>* tags);

}  // namespace booklet::layout
