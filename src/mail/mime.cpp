#include "mail/mime.hpp"

#include <cstdio>
#include <stdexcept>

#include "mail/header.hpp"

namespace booklet::mail::mime {

namespace {

constexpr std::size_t kMaxEncodedLine = 76;

// The lines of a text, any line-break spelling; a final line break does
// not start an empty last line.
std::vector<std::string_view> lines_of(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\r' && text[i] != '\n') continue;
        out.push_back(text.substr(start, i - start));
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        start = i + 1;
    }
    if (start < text.size()) out.push_back(text.substr(start));
    return out;
}

std::string hex_escape(unsigned char c) {
    char buf[4];
    std::snprintf(buf, sizeof buf, "=%02X", c);
    return buf;
}

std::string qp_line(std::string_view line) {
    // Each byte as a token: itself or its escape.
    std::vector<std::string> tokens;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const auto c = static_cast<unsigned char>(line[i]);
        const bool last = i + 1 == line.size();
        const bool literal = (c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last);
        const bool guard = i == 0 && (c == '.' || line.substr(0, 5) == "From ");
        tokens.push_back(literal && !guard ? std::string(1, static_cast<char>(c)) : hex_escape(c));
    }
    std::string out;
    std::size_t width = 0;
    for (std::size_t i = 0; i < tokens.size(); ++i) {
        const bool last = i + 1 == tokens.size();
        // Room for a soft break "=" unless this token ends the line.
        const std::size_t limit = last ? kMaxEncodedLine : kMaxEncodedLine - 1;
        if (width + tokens[i].size() > limit) {
            out += "=\r\n";
            width = 0;
        }
        out += tokens[i];
        width += tokens[i].size();
    }
    return out + "\r\n";
}

void check_body(std::string_view body, const std::string& boundary) {
    std::size_t start = 0;
    while (start < body.size()) {
        const auto end = body.find("\r\n", start);
        if (end == std::string_view::npos) throw std::logic_error("MIME body does not end in CRLF");
        const auto line = body.substr(start, end - start);
        if (line.find_first_of("\r\n") != std::string_view::npos)
            throw std::logic_error("MIME body holds a bare CR or LF");
        if (!boundary.empty() && line.substr(0, 2 + boundary.size()) == "--" + boundary)
            throw std::logic_error("MIME body holds its boundary");
        start = end + 2;
    }
}

}  // namespace

std::string crlf(std::string_view text) {
    std::string out;
    out.reserve(text.size() + text.size() / 32);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r') {
            out += "\r\n";
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else if (text[i] == '\n') {
            out += "\r\n";
        } else {
            out += text[i];
        }
    }
    return out;
}

std::string base64(std::string_view bytes) {
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= bytes.size(); i += 3) {
        const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) |
                           (static_cast<unsigned char>(bytes[i + 1]) << 8) | static_cast<unsigned char>(bytes[i + 2]);
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += kAlphabet[(v >> 6) & 63];
        out += kAlphabet[v & 63];
    }
    if (const std::size_t rest = bytes.size() - i; rest > 0) {
        unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
        if (rest == 2) v |= static_cast<unsigned char>(bytes[i + 1]) << 8;
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += rest == 2 ? kAlphabet[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

std::string base64_lines(std::string_view bytes) {
    const std::string flat = base64(bytes);
    std::string out;
    out.reserve(flat.size() + flat.size() / kMaxEncodedLine * 2 + 2);
    for (std::size_t i = 0; i < flat.size(); i += kMaxEncodedLine) {
        out.append(flat, i, kMaxEncodedLine);
        out += "\r\n";
    }
    return out;
}

std::string quoted_printable(std::string_view text) {
    std::string out;
    for (const auto line : lines_of(text)) out += qp_line(line);
    return out;
}

std::string dot_stuff(std::string_view message) {
    const std::string text = crlf(message);
    std::string out;
    out.reserve(text.size() + 64);
    bool line_start = true;
    for (char c : text) {
        if (line_start && c == '.') out += '.';
        out += c;
        line_start = c == '\n';
    }
    if (out.size() < 2 || out.compare(out.size() - 2, 2, "\r\n") != 0) out += "\r\n";
    return out;
}

Part text_part(std::string_view utf8_text) {
    Part p;
    p.headers.push_back(header::field("Content-Type", std::vector<std::string>{"text/plain;", "charset=UTF-8"}));
    p.headers.push_back(header::field("Content-Transfer-Encoding", "quoted-printable"));
    p.body = quoted_printable(utf8_text);
    return p;
}

Part calendar_part(std::string_view ics, std::string_view method) {
    Part p;
    p.headers.push_back(header::field(
        "Content-Type", std::vector<std::string>{"text/calendar;", "method=" + std::string(method) + ";", "charset=UTF-8"}));
    p.headers.push_back(header::field("Content-Transfer-Encoding", "base64"));
    p.body = base64_lines(ics);
    return p;
}

Part attachment(std::string_view content_type, std::string_view filename, std::string_view bytes) {
    Part p;
    p.headers.push_back(
        header::field("Content-Type", std::vector<std::string>{std::string(content_type) + ";", header::parameter("name", filename)}));
    p.headers.push_back(header::field("Content-Disposition",
                                      std::vector<std::string>{"attachment;", header::parameter("filename", filename)}));
    p.headers.push_back(header::field("Content-Transfer-Encoding", "base64"));
    p.body = base64_lines(bytes);
    return p;
}

Part multipart(std::string_view subtype, std::string boundary, std::vector<Part> parts) {
    Part p;
    p.headers.push_back(header::field("Content-Type", std::vector<std::string>{
                                                          "multipart/" + std::string(subtype) + ";",
                                                          header::parameter("boundary", boundary)}));
    p.boundary = std::move(boundary);
    p.parts = std::move(parts);
    return p;
}

std::string write(const Part& part) {
    std::string out;
    for (const auto& h : part.headers) {
        check_body(h, {});
        out += h;
    }
    out += "\r\n";
    if (part.boundary.empty()) {
        check_body(part.body, {});
        return out + part.body;
    }
    for (const auto& child : part.parts) {
        const std::string bytes = write(child);
        check_body(bytes, part.boundary);
        out += "--" + part.boundary + "\r\n" + bytes;
    }
    return out + "--" + part.boundary + "--\r\n";
}

}  // namespace booklet::mail::mime
