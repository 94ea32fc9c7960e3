#pragma once
// UTF-8 helpers the mail writer needs: splitting text into whole
// characters, and cleaning text before it reaches a header.
#include <string>
#include <string_view>
#include <vector>

namespace booklet::mail::utf8 {

// The text as a sequence of characters, each the bytes of one code point.
// An invalid sequence becomes U+FFFD ("\xEF\xBF\xBD").
std::vector<std::string> characters(std::string_view text);

// Control characters (C0, DEL, C1, U+2028, U+2029) written as spaces,
// invalid UTF-8 replaced by U+FFFD.
std::string header_safe(std::string_view text);

bool is_ascii(std::string_view text);

}  // namespace booklet::mail::utf8
