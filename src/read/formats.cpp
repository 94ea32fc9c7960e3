#include "read/formats.hpp"

#include "unicode/utf8.hpp"

#include <cctype>

namespace booklet::read {

namespace {
bool alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

bool is_domain(std::string_view d) {
    if (d.empty() || d.size() > 253 || d.find('.') == std::string_view::npos) return false;
    std::size_t label = 0;
    for (std::size_t i = 0; i < d.size(); ++i) {
        const char c = d[i];
        if (c == '.') {
            if (label == 0 || d[i - 1] == '-') return false;
            label = 0;
        } else if (alnum(c) || c == '-') {
            if (label == 0 && c == '-') return false;
            if (++label > 63) return false;
        } else {
            return false;
        }
    }
    return label > 0 && d.back() != '-';
}
}  // namespace

bool is_programme_id(std::string_view s) {
    if (s.empty() || s.size() > 100 || !(std::islower(static_cast<unsigned char>(s[0])) || std::isdigit(static_cast<unsigned char>(s[0]))))
        return false;
    for (char c : s)
        if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) || c == '-'))
            return false;
    return true;
}

bool is_item_id(std::string_view s) {
    if (s.empty() || s.size() > 100 || !alnum(s[0])) return false;
    for (char c : s)
        if (!(alnum(c) || c == '_' || c == '.' || c == '-')) return false;
    return true;
}

bool is_email(std::string_view s) {
    if (s.size() > 254) return false;
    const auto at = s.rfind('@');
    if (at == std::string_view::npos || at == 0 || at > 64) return false;
    const auto local = s.substr(0, at);
    if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) return false;
    for (char c : local) {
        if (alnum(c)) continue;
        if (std::string_view("!#$%&'*+/=?^_`{|}~.-").find(c) == std::string_view::npos) return false;
    }
    return is_domain(s.substr(at + 1));
}

bool is_http_url(std::string_view s) {
    std::string_view rest;
    if (s.substr(0, 8) == "https://") rest = s.substr(8);
    else if (s.substr(0, 7) == "http://") rest = s.substr(7);
    else return false;
    if (s.size() > 2000) return false;
    for (char c : s)
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f || c == '"' || c == '<' || c == '>' || c == '\\')
            return false;
    const auto end = rest.find_first_of("/?#");
    auto host = rest.substr(0, end);
    if (const auto at = host.rfind('@'); at != std::string_view::npos) host = host.substr(at + 1);
    if (const auto colon = host.rfind(':'); colon != std::string_view::npos) {
        const auto port = host.substr(colon + 1);
        if (port.empty() || port.size() > 5) return false;
        for (char c : port)
            if (!std::isdigit(static_cast<unsigned char>(c))) return false;
        host = host.substr(0, colon);
    }
    return host == "localhost" || is_domain(host);
}

std::string percent_encode_unsafe(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
        s.remove_suffix(1);
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(s.size());
    for (const char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == ' ' || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`' || c == '{' ||
            c == '|' || c == '}' || c >= 0x80) {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        } else {
            out += ch;
        }
    }
    return out;
}

bool is_link(std::string_view s) {
    if (s.substr(0, 7) == "mailto:") return is_email(s.substr(7));
    return is_http_url(s);
}

bool has_control_characters(std::string_view s) {
    for (std::size_t i = 0; i < s.size();)
        if (unicode::is_control(unicode::decode(s, i))) return true;
    return false;
}

std::optional<std::uint32_t> numeric_reference(std::string_view body, bool upper_x) {
    if (body.size() < 2 || body[0] != '#') return std::nullopt;
    const bool hex = body[1] == 'x' || (upper_x && body[1] == 'X');
    const std::string_view digits = body.substr(hex ? 2 : 1);
    if (digits.empty() || digits.size() > 8) return std::nullopt;
    std::uint32_t cp = 0;
    for (char c : digits) {
        std::uint32_t v;
        if (c >= '0' && c <= '9') v = static_cast<std::uint32_t>(c - '0');
        else if (hex && c >= 'a' && c <= 'f') v = static_cast<std::uint32_t>(c - 'a' + 10);
        else if (hex && c >= 'A' && c <= 'F') v = static_cast<std::uint32_t>(c - 'A' + 10);
        else return std::nullopt;
        cp = cp * (hex ? 16 : 10) + v;
    }
    return cp;
}

InputSyntax detect_syntax(std::string_view content) {
    const auto first = content.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return InputSyntax::Unknown;
    if (content[first] == '<') return InputSyntax::Xml;
    if (content[first] == '{') return InputSyntax::Json;
    return InputSyntax::Unknown;
}

}  // namespace booklet::read
