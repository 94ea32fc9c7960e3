#pragma once
// Lexical rules for values in input files: ids, e-mail addresses, URLs.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace booklet::read {

// Programme ids: lowercase letters, digits and '-', starting with a letter or digit.
bool is_programme_id(std::string_view s);
// Item, person, room and track ids: [A-Za-z0-9][A-Za-z0-9_.-]*
bool is_item_id(std::string_view s);
// An address as people type it: local@domain.tld, no spaces, no quotes,
// no control characters, at most 254 octets.
bool is_email(std::string_view s);
// An absolute http or https URL with a host name.
bool is_http_url(std::string_view s);
// A URL as a browser would send it: space, '"', '<', '>', '\\', '^', '`',
// '{', '|', '}' and non-ASCII bytes percent-encoded ("K.1.105 (La
// Fontaine)" → "K.1.105%20(La%20Fontaine)"), leading and trailing white
// space removed; anything else as it is. Real exports carry such links.
std::string percent_encode_unsafe(std::string_view s);
// is_http_url, or mailto: followed by an address.
bool is_link(std::string_view s);
// Any C0/C1 control character or U+2028/U+2029 (they would break headers and lines).
bool has_control_characters(std::string_view utf8);

// The number of a numeric character reference, given what stands between
// '&' and ';': "#233" or "#xE9" ("#XE9" too when `upper_x`, as HTML allows),
// at most 8 digits. nullopt when malformed; the value is not range-checked.
std::optional<std::uint32_t> numeric_reference(std::string_view body, bool upper_x);

// What an input file holds, told by its content, not its name: the first
// character that is not white space (io:: has removed a byte-order mark)
// is '<' for XML (programme or schedule.xml: the root element tells) and
// '{' for a schedule.json.
enum class InputSyntax { Xml, Json, Unknown };
InputSyntax detect_syntax(std::string_view content);

}  // namespace booklet::read
