#pragma once
// Reads the registrants of an event from a CSV file (RFC 4180): a header
// row naming the columns — `email` required, `name` and `language`
// optional, any other column ignored with a warning — then one registrant
// per row. UTF-8 (a BOM is tolerated), CRLF or LF line ends, fields quoted
// with '"' when they hold commas, quotes (doubled) or line breaks.
//
// Every address ends up in a mail header, so a row is refused when a field
// could smuggle one in: a line break or other control character in any
// field, '<', '>', ',', ';', quotes or spaces in an address. Every bad row
// is reported as "REG.csv:LINE:COL: error: …" (the line and column where
// the offending field starts), not only the first one.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "io/input_file.hpp"
#include "model/diagnostic.hpp"
#include "model/source_location.hpp"

namespace booklet::read {

// The languages of the bundled invitation texts (templates/mail/<lang>.txt).
inline constexpr std::string_view kMailLanguages[] = {"fr", "en", "de", "nl"};
bool is_mail_language(std::string_view lang);

struct Registrant {
    std::string email;     // trimmed, checked with is_email()
    std::string name;      // trimmed, may be empty
    std::string language;  // one of kMailLanguages, or "" for the programme's language
    model::SourceLocation where;  // the row's first field
};

struct RegistrantList {
    std::vector<Registrant> registrants;  // the good rows, in file order
    std::size_t bad_rows = 0;             // rows left out, each with an error in the diagnostics
    // False when the file cannot be used at all, even row by row: no header,
    // no `email` column, a column named twice, an unterminated quoted field
    // (everything after the quote would be guesswork).
    bool usable = false;
};

// Reads the registrants of `file` (already checked for size, NUL bytes and
// UTF-8 by io::read_input_file). Every problem goes to `diags`.
RegistrantList read_registrants(const io::InputFile& file, model::Diagnostics& diags);
// read_input_file() then read_registrants().
RegistrantList read_registrants_file(const std::string& path, model::Diagnostics& diags);

// The identity of an address for duplicate detection and for the send
// journal: the local part as written (it may be case-sensitive, RFC 5321
// §2.4), the domain in lower case.
std::string address_key(std::string_view email);

// The longest display name accepted, in bytes.
inline constexpr std::size_t kMaxRegistrantNameBytes = 256;

}  // namespace booklet::read
