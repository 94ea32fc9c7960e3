#pragma once
// A small MIME writer (RFC 2045/2046), fully under booklet's control:
// every line it writes ends in CRLF, every body is 7-bit (base64 or
// quoted-printable), so the bytes go through any SMTP server unchanged.
// Boundaries start with "=_", which neither encoding can produce, and the
// writer checks anyway that no body holds one.
#include <string>
#include <string_view>
#include <vector>

namespace booklet::mail::mime {

// CRLF, a bare CR and a bare LF all become CRLF.
std::string crlf(std::string_view text);

// Standard base64 (RFC 4648) on one line, with padding.
std::string base64(std::string_view bytes);
// Base64 in lines of 76 characters, each ending in CRLF (RFC 2045 §6.8).
std::string base64_lines(std::string_view bytes);

// Quoted-printable (RFC 2045 §6.7) of text: line breaks (any spelling)
// become CRLF hard breaks; lines longer than 76 characters get soft breaks
// ("=" CRLF), never inside an "=XX" escape; "=", non-ASCII bytes, control
// characters, whitespace before a line break, and a "." or "From " at the
// start of a line are escaped. The result ends in CRLF.
std::string quoted_printable(std::string_view text);

// SMTP transparency (RFC 5321 §4.5.2) for a message whose lines all end in
// CRLF: every line starting with "." gets a second ".". The result ends in
// CRLF (one is added if missing); the caller then sends ".\r\n".
std::string dot_stuff(std::string_view message);

// One MIME entity: header lines (each a complete CRLF-ended field, see
// header::field) and either an encoded body or, for a multipart, parts.
struct Part {
    std::vector<std::string> headers;
    std::string body;      // leaf: already encoded, CRLF lines
    std::string boundary;  // multipart: set
    std::vector<Part> parts;
};

// text/plain; charset=UTF-8, quoted-printable.
Part text_part(std::string_view utf8_text);
// text/calendar; method=<METHOD>; charset=UTF-8, base64 (RFC 6047 §2.4).
Part calendar_part(std::string_view ics, std::string_view method);
// An attachment: `content_type` (without parameters), base64, with
// name= and Content-Disposition: attachment; filename=.
Part attachment(std::string_view content_type, std::string_view filename, std::string_view bytes);
// multipart/<subtype> holding `parts` in order.
Part multipart(std::string_view subtype, std::string boundary, std::vector<Part> parts);

// The entity as bytes: its headers (MIME-Version for a top-level entity is
// the caller's), a blank line, the body or the parts between boundaries.
// Throws std::logic_error if a body holds a line starting with its
// boundary delimiter or a line not ending in CRLF.
std::string write(const Part& part);

}  // namespace booklet::mail::mime
