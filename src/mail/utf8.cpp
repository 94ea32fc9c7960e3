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
    std::size_t i = 0;
    return booklet::unicode::is_control(booklet::unicode::decode(ch, i));
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
