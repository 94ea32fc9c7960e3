#include "mail/utf8.hpp"

#include "unicode/utf8.hpp"


namespace booklet::mail::utf8 {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// Length of the valid UTF-8 sequence at s[i], or 0 when it is not one.
std::size_t sequence_length(std::string_view s, std::size_t i) {
    const std::size_t start = i;
    bool ok = true;
    booklet::unicode::decode(s, i, ok);
    return ok ? i - start : 0;
}

bool is_control(std::string_view ch) {
    const auto c = static_cast<unsigned char>(ch[0]);
    if (ch.size() == 1) return c < 0x20 || c == 0x7f;
    if (ch.size() == 2) return c == 0xC2 && static_cast<unsigned char>(ch[1]) <= 0x9f;  // C1
    return ch == "\u2028" || ch == "\u2029";
}

}  // namespace

std::vector<std::string> characters(std::string_view text) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t n = sequence_length(text, i);
        if (n == 0) {
            out.emplace_back(kReplacement);
            ++i;
        } else {
            out.emplace_back(text.substr(i, n));
            i += n;
        }
    }
    return out;
}

std::string header_safe(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const auto& ch : characters(text)) out += is_control(ch) ? std::string(" ") : ch;
    return out;
}

bool is_ascii(std::string_view text) {
    for (char c : text)
        if (static_cast<unsigned char>(c) >= 0x80) return false;
    return true;
}

}  // namespace booklet::mail::utf8
