#include "calendar/ics_writer.hpp"

#include "unicode/utf8.hpp"

#include <cstdio>
#include <stdexcept>

namespace booklet::calendar::ics {

namespace {

constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD

bool is_continuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Length of the well-formed UTF-8 sequence starting at s[i], or 0 when the
// bytes there are not one (overlong forms, surrogates and values beyond
// U+10FFFF included).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
    const std::size_t start = i;
    bool ok = true;
    unicode::decode(s, i, ok);
    return ok ? i - start : 0;
}

bool is_control(unsigned char c) { return c < 0x20 || c == 0x7F; }

// Walks `s`, calling on_ascii(c) for each ASCII byte and appending valid
// multi-byte sequences (or U+FFFD for invalid bytes) to `out` unchanged.
template <typename OnAscii>
void transcode(std::string_view s, std::string& out, OnAscii on_ascii) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            i += on_ascii(i);
            continue;
        }
        const std::size_t n = utf8_sequence_length(s, i);
        if (n == 0) {
            out += kReplacementCharacter;
            ++i;
        } else {
            out.append(s, i, n);
            i += n;
        }
    }
}

bool is_name_token(std::string_view name) {
    if (name.empty()) return false;
    for (char c : name)
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}

void require_name(std::string_view name, const char* what) {
    if (!is_name_token(name))
        throw std::logic_error(std::string("iCalendar ") + what + " name '" + std::string(name) +
                               "' is not an upper-case token");
}

std::string percent_encoded(unsigned char c) {
    char buf[4];
    std::snprintf(buf, sizeof buf, "%%%02X", c);
    return buf;
}

std::string two_digits(int v) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d", v);
    return buf;
}

}  // namespace

std::string escape_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    transcode(text, out, [&](std::size_t i) -> std::size_t {
        const char c = text[i];
        switch (c) {
            case '\r':
                out += "\\n";
                return i + 1 < text.size() && text[i + 1] == '\n' ? 2 : 1;
            case '\n': out += "\\n"; return 1;
            case '\t': out += ' '; return 1;
            case '\\':
            case ';':
            case ',':
                out += '\\';
                out += c;
                return 1;
            default:
                if (!is_control(static_cast<unsigned char>(c))) out += c;
                return 1;
        }
    });
    return out;
}

std::string param_value(std::string_view value) {
    std::string clean;
    clean.reserve(value.size());
    bool needs_quotes = false;
    transcode(value, clean, [&](std::size_t i) -> std::size_t {
        const char c = value[i];
        if (c == '"') {
            clean += '\'';
        } else if (c == '\r' || c == '\n' || c == '\t') {
            clean += ' ';
            if (c == '\r' && i + 1 < value.size() && value[i + 1] == '\n') return 2;
        } else if (!is_control(static_cast<unsigned char>(c))) {
            clean += c;
            needs_quotes = needs_quotes || c == ':' || c == ';' || c == ',';
        }
        return 1;
    });
    return needs_quotes ? '"' + clean + '"' : clean;
}

std::string uri(std::string_view value) {
    static constexpr std::string_view kUnsafe = "\"<>\\^`{|}";
    std::string out;
    out.reserve(value.size());
    for (char ch : value) {
        const auto c = static_cast<unsigned char>(ch);
        if (c <= 0x20 || c >= 0x7F || kUnsafe.find(ch) != std::string_view::npos)
            out += percent_encoded(c);
        else
            out += ch;
    }
    return out;
}

std::string mailto(std::string_view email) {
    static constexpr std::string_view kKept = "-._~!$'()*+@";
    while (!email.empty() && (email.front() == ' ' || email.front() == '\t')) email.remove_prefix(1);
    while (!email.empty() && (email.back() == ' ' || email.back() == '\t')) email.remove_suffix(1);
    std::string out = "mailto:";
    for (char ch : email) {
        const auto c = static_cast<unsigned char>(ch);
        const bool alnum = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
        if (alnum || kKept.find(ch) != std::string_view::npos)
            out += ch;
        else
            out += percent_encoded(c);
    }
    return out;
}

std::string fold(std::string_view line) {
    std::string out;
    out.reserve(line.size() + line.size() / 70 * 3 + 2);
    std::size_t length = 0;  // octets on the current physical line
    for (std::size_t i = 0; i < line.size();) {
        std::size_t j = i + 1;  // a character: its lead byte and continuation bytes
        while (j < line.size() && is_continuation(static_cast<unsigned char>(line[j]))) ++j;
        const std::size_t unit = j - i;
        if (length + unit > kMaxLineOctets && length > 1) {
            out += "\r\n ";
            length = 1;
        }
        out.append(line, i, unit);
        length += unit;
        i = j;
    }
    out += "\r\n";
    return out;
}

std::string date_value(const model::Date& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d%02d%02d", d.year, d.month, d.day);
    return buf;
}

std::string local_date_time_value(const model::LocalDateTime& t) {
    const model::LocalDateTime n = t.normalised();
    return date_value(n.date) + 'T' + two_digits(n.time.hour()) + two_digits(n.time.minute()) + "00";
}

std::string utc_date_time_value(std::int64_t epoch_seconds) {
    constexpr std::int64_t kDay = 24 * 60 * 60;
    std::int64_t days = epoch_seconds / kDay;
    std::int64_t seconds = epoch_seconds % kDay;
    if (seconds < 0) {
        seconds += kDay;
        days -= 1;
    }
    const model::Date date = model::Date::from_days_since_epoch(static_cast<long>(days));
    const int s = static_cast<int>(seconds);
    return date_value(date) + 'T' + two_digits(s / 3600) + two_digits(s / 60 % 60) + two_digits(s % 60) + 'Z';
}

void Writer::begin(std::string_view component) {
    require_name(component, "component");
    out_ += fold("BEGIN:" + std::string(component));
    open_.emplace_back(component);
}

void Writer::end(std::string_view component) {
    if (open_.empty() || open_.back() != component)
        throw std::logic_error("iCalendar END:" + std::string(component) + " does not close " +
                               (open_.empty() ? std::string("anything") : "BEGIN:" + open_.back()));
    out_ += fold("END:" + std::string(component));
    open_.pop_back();
}

void Writer::text(std::string_view name, std::string_view value, const Params& params) {
    line(name, params, escape_text(value));
}

void Writer::text_list(std::string_view name, const std::vector<std::string>& values, const Params& params) {
    std::string joined;
    for (const auto& v : values) {
        if (!joined.empty()) joined += ',';
        joined += escape_text(v);
    }
    line(name, params, joined);
}

void Writer::raw(std::string_view name, std::string_view value, const Params& params) {
    for (char c : value)
        if (is_control(static_cast<unsigned char>(c)))
            throw std::logic_error("iCalendar " + std::string(name) + " value holds a control character");
    line(name, params, value);
}

void Writer::local_date_time(std::string_view name, const model::LocalDateTime& t, std::string_view tzid) {
    line(name, {{"TZID", std::string(tzid)}}, local_date_time_value(t));
}

void Writer::date(std::string_view name, const model::Date& d) {
    line(name, {{"VALUE", "DATE"}}, date_value(d));
}

void Writer::utc_date_time(std::string_view name, std::int64_t epoch_seconds) {
    line(name, {}, utc_date_time_value(epoch_seconds));
}

void Writer::append(std::string_view block) {
    if (!block.empty() && (block.size() < 2 || block.substr(block.size() - 2) != "\r\n"))
        throw std::logic_error("an appended iCalendar block must end with CRLF");
    out_ += block;
}

const std::string& Writer::finish() const {
    if (!open_.empty()) throw std::logic_error("iCalendar component " + open_.back() + " is not closed");
    return out_;
}

void Writer::line(std::string_view name, const Params& params, std::string_view value) {
    require_name(name, "property");
    std::string l(name);
    for (const auto& p : params) {
        require_name(p.name, "parameter");
        l += ';' + p.name + '=' + param_value(p.value);
    }
    l += ':';
    l += value;
    out_ += fold(l);
}

}  // namespace booklet::calendar::ics
