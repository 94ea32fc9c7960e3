#pragma once
// RFC 5545 content lines: the one place that knows how iCalendar text is
// spelt. Everything a user wrote goes through escape_text(), param_value()
// or uri() before it reaches a line; the Writer folds every line at 75
// octets (never inside a UTF-8 sequence) and ends it with CRLF.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/time.hpp"

namespace booklet::calendar::ics {

// The longest physical line, in octets, CRLF not counted (RFC 5545 §3.1).
inline constexpr std::size_t kMaxLineOctets = 75;

// A TEXT value (§3.3.11): "\" ";" "," escaped, every line break (CRLF, CR
// or LF) written as "\n", a tab as a space, other control characters
// dropped, invalid UTF-8 replaced by U+FFFD.
std::string escape_text(std::string_view text);

// A parameter value (§3.2): written bare when it can be, in DQUOTEs when it
// holds ":" ";" or ",". A DQUOTE cannot be escaped, so it becomes "'";
// line breaks and tabs become spaces, other control characters are dropped.
std::string param_value(std::string_view value);

// A URI value (§3.3.13): spaces, control characters, DQUOTE, "<", ">",
// "\" and non-ASCII bytes percent-encoded; everything else kept.
std::string uri(std::string_view value);
// "mailto:" and the address, percent-encoded as a mailto URI (RFC 6068).
std::string mailto(std::string_view email);

// One unfolded content line (no line break inside) → folded physical lines,
// each ending in CRLF and at most kMaxLineOctets octets long; continuation
// lines start with one space, which counts toward the 75.
std::string fold(std::string_view line);

// Value spellings.
std::string date_value(const model::Date& d);                 // 20200128
std::string local_date_time_value(const model::LocalDateTime& t);  // 20200128T093000 (normalised first)
std::string utc_date_time_value(std::int64_t epoch_seconds);  // 20200128T083000Z

struct Param {
    std::string name;   // upper-case token, e.g. "CN"
    std::string value;  // raw; the writer quotes it
};
using Params = std::vector<Param>;

// Builds an iCalendar object line by line. Names (components, properties,
// parameters) are the caller's constants and must be IANA or X- tokens;
// a malformed name or unbalanced BEGIN/END is a programming error and
// throws std::logic_error.
class Writer {
public:
    void begin(std::string_view component);
    void end(std::string_view component);

    // TEXT value, escaped.
    void text(std::string_view name, std::string_view value, const Params& params = {});
    // A list of TEXT values, each escaped, joined by "," (CATEGORIES).
    void text_list(std::string_view name, const std::vector<std::string>& values, const Params& params = {});
    // A value already in its type's syntax (INTEGER, RECUR, UTC-OFFSET,
    // a URI from uri()/mailto()…). It must not contain control characters.
    void raw(std::string_view name, std::string_view value, const Params& params = {});

    void integer(std::string_view name, long value) { raw(name, std::to_string(value)); }
    // NAME;TZID=zone:20200128T093000
    void local_date_time(std::string_view name, const model::LocalDateTime& t, std::string_view tzid);
    // NAME;VALUE=DATE:20200128
    void date(std::string_view name, const model::Date& d);
    // NAME:20200128T083000Z
    void utc_date_time(std::string_view name, std::int64_t epoch_seconds);

    // Appends lines produced by another Writer (a VTIMEZONE, say). The
    // block must be whole CRLF-terminated lines with balanced components.
    void append(std::string_view block);

    // The text so far; throws std::logic_error if a component is still open.
    const std::string& finish() const;

private:
    void line(std::string_view name, const Params& params, std::string_view value);

    std::string out_;
    std::vector<std::string> open_;
};

}  // namespace booklet::calendar::ics
