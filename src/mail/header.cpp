#include "mail/header.hpp"

#include <algorithm>
#include <cstdio>

#include "mail/mime.hpp"
#include "mail/utf8.hpp"

namespace booklet::mail::header {

namespace {

constexpr std::string_view kPrefixB = "=?UTF-8?B?";
constexpr std::string_view kPrefixQ = "=?UTF-8?Q?";
constexpr std::size_t kOverhead = 10 + 2;  // prefix and "?="
constexpr std::size_t kMaxPayload = kMaxEncodedWord - kOverhead;

bool is_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// RFC 2047 §5(3): in a phrase only these stand for themselves; in text
// (§5(1)) any printable ASCII except "=", "?", "_" and space.
bool q_literal(char c, Context context) {
    if (context == Context::Phrase) return is_alnum(c) || c == '!' || c == '*' || c == '+' || c == '-' || c == '/';
    return c > 0x20 && c < 0x7f && c != '=' && c != '?' && c != '_';
}

std::string q_encode(std::string_view bytes, Context context) {
    std::string out;
    for (char c : bytes) {
        if (c == ' ') {
            out += '_';
        } else if (q_literal(c, context)) {
            out += c;
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "=%02X", static_cast<unsigned char>(c));
            out += buf;
        }
    }
    return out;
}

std::size_t b_length(std::size_t bytes) { return (bytes + 2) / 3 * 4; }

std::vector<std::string> encode(std::string_view utf8_text, Encoding encoding, Context context,
                                std::size_t first_max) {
    const std::string clean = utf8::header_safe(utf8_text);
    std::vector<std::string> words;
    std::string chunk;  // raw bytes of the current word, whole characters only
    std::size_t chunk_len = 0;
    auto flush = [&] {
        if (chunk.empty()) return;
        if (encoding == Encoding::B) words.push_back(std::string(kPrefixB) + mime::base64(chunk) + "?=");
        else words.push_back(std::string(kPrefixQ) + q_encode(chunk, context) + "?=");
        chunk.clear();
        chunk_len = 0;
    };
    // The first word may have less room; never so little that a
    // character (at most 12 octets encoded) could not fit.
    const std::size_t first_payload =
        std::clamp<std::size_t>(first_max, kOverhead + 12, kMaxEncodedWord) - kOverhead;
    for (const auto& ch : utf8::characters(clean)) {
        const std::size_t grown = encoding == Encoding::B ? b_length(chunk.size() + ch.size())
                                                          : chunk_len + q_encode(ch, context).size();
        if (grown > (words.empty() ? first_payload : kMaxPayload)) flush();
        chunk += ch;
        chunk_len = encoding == Encoding::B ? b_length(chunk.size()) : chunk_len + q_encode(ch, context).size();
    }
    flush();
    return words;
}

std::size_t total_length(const std::vector<std::string>& words) {
    std::size_t n = 0;
    for (const auto& w : words) n += w.size() + 1;
    return n;
}

// Split at runs of spaces; other whitespace was already made a space.
std::vector<std::string> split_words(std::string_view text) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : text) {
        if (c == ' ') {
            if (!cur.empty()) out.push_back(std::move(cur)), cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty()) out.push_back(std::move(cur));
    return out;
}

std::string collapse_spaces(std::string_view text) {
    std::string out;
    for (const auto& w : split_words(text)) out += (out.empty() ? "" : " ") + w;
    return out;
}

bool is_atext(char c) {
    return is_alnum(c) || std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

bool printable_ascii(std::string_view s) {
    for (char c : s)
        if (c < 0x20 || c >= 0x7f) return false;
    return true;
}

}  // namespace

std::vector<std::string> encode_words(std::string_view utf8_text, Encoding encoding, Context context,
                                      std::size_t first_max) {
    return encode(utf8_text, encoding, context, first_max);
}

std::vector<std::string> encode_words(std::string_view utf8_text, Context context, std::size_t first_max) {
    auto b = encode(utf8_text, Encoding::B, context, first_max);
    auto q = encode(utf8_text, Encoding::Q, context, first_max);
    return total_length(q) <= total_length(b) ? q : b;
}

std::vector<std::string> unstructured(std::string_view text, std::size_t first_max) {
    const std::string clean = collapse_spaces(utf8::header_safe(text));
    auto words = split_words(clean);
    bool encode_all = !printable_ascii(clean);
    for (const auto& w : words) {
        // "=?" would be read as the start of an encoded-word; an over-long
        // word cannot be folded.
        if (w.find("=?") != std::string::npos || w.size() + 2 > kFoldAt - 10) encode_all = true;
    }
    return encode_all ? encode_words(clean, Context::Text, first_max) : words;
}

std::vector<std::string> phrase(std::string_view display_name, std::size_t first_max) {
    const std::string clean = collapse_spaces(utf8::header_safe(display_name));
    if (clean.empty()) return {};
    if (!printable_ascii(clean) || clean.find("=?") != std::string::npos)
        return encode_words(clean, Context::Phrase, first_max);
    bool atoms = true;
    for (char c : clean) atoms = atoms && (c == ' ' || is_atext(c));
    if (atoms) {
        auto words = split_words(clean);
        bool short_enough = true;
        for (const auto& w : words) short_enough = short_enough && w.size() + 2 <= kFoldAt - 10;
        if (short_enough) return words;
    }
    std::string quoted = "\"";
    for (char c : clean) {
        if (c == '"' || c == '\\') quoted += '\\';
        quoted += c;
    }
    quoted += '"';
    if (quoted.size() + 2 <= kFoldAt - 10) return {quoted};
    return encode_words(clean, Context::Phrase, first_max);  // too long to sit on one line
}

std::vector<std::string> mailbox(std::string_view display_name, std::string_view address,
                                 std::size_t first_max) {
    auto words = phrase(display_name, first_max);
    const std::string addr(address);
    if (words.empty()) return {addr};
    words.push_back("<" + addr + ">");
    return words;
}

std::string field(std::string_view name, const std::vector<std::string>& words) {
    bool encoded = false;
    for (const auto& w : words) encoded = encoded || w.find("=?") != std::string::npos;
    const std::size_t limit = encoded ? kFoldEncodedAt : kFoldAt;
    std::string out(name);
    out += ':';
    std::size_t line = out.size();
    for (const auto& w : words) {
        if (line > name.size() + 1 && line + 1 + w.size() > limit) {
            out += "\r\n";
            line = 0;
        }
        out += ' ';
        out += w;
        line += 1 + w.size();
    }
    return out + "\r\n";
}

std::string unstructured_field(std::string_view name, std::string_view text) {
    return field(name, unstructured(text, kFoldEncodedAt - name.size() - 2));
}

std::string mailbox_field(std::string_view name, std::string_view display_name, std::string_view address) {
    return field(name, mailbox(display_name, address, kFoldEncodedAt - name.size() - 2));
}

std::string field(std::string_view name, std::string_view value) {
    return field(name, std::vector<std::string>{utf8::header_safe(value)});
}

std::string parameter(std::string_view name, std::string_view value) {
    const std::string clean = utf8::header_safe(value);
    if (printable_ascii(clean)) {
        std::string out = std::string(name) + "=\"";
        for (char c : clean) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        return out + '"';
    }
    std::string out = std::string(name) + "*=UTF-8''";
    for (char c : clean) {
        const auto u = static_cast<unsigned char>(c);
        if (is_alnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            out += c;
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", u);
            out += buf;
        }
    }
    return out;
}

}  // namespace booklet::mail::header
