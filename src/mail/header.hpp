#pragma once
// Mail header fields (RFC 5322) with non-ASCII text as RFC 2047
// encoded-words. Poco's MailMessage::encodeWord cuts UTF-8 sequences in
// two and writes over-long words, so booklet spells headers itself:
//   * an encoded-word is at most 75 characters and always holds whole
//     UTF-8 characters, so each decodes on its own;
//   * B or Q encoding, whichever is shorter; Q in a phrase context keeps
//     only the characters RFC 2047 §5(3) allows;
//   * header lines are folded before 78 characters at whitespace, with
//     CRLF + space; unfolding gives the original back.
// Control characters (CR and LF above all) never reach a header: they are
// written as spaces, so a value can never start a new header field.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace booklet::mail::header {

inline constexpr std::size_t kMaxEncodedWord = 75;  // RFC 2047 §2
inline constexpr std::size_t kFoldAt = 78;          // RFC 5322 §2.1.1, CRLF not counted
inline constexpr std::size_t kFoldEncodedAt = 76;   // RFC 2047 §2: a line holding encoded-words

enum class Encoding { B, Q };
enum class Context { Text, Phrase };  // Subject vs. display name (RFC 2047 §5)

// `utf8` as one or more encoded-words "=?UTF-8?X?…?=", each at most 75
// characters and holding whole characters. Decoded and concatenated they
// give back `utf8` exactly (control characters as spaces, invalid UTF-8 as
// U+FFFD). Empty text gives no word. The first word is at most
// `first_max` characters, so it fits on the line after the field name.
std::vector<std::string> encode_words(std::string_view utf8, Encoding encoding, Context context,
                                      std::size_t first_max = kMaxEncodedWord);
// The shorter of the B and the Q spelling.
std::vector<std::string> encode_words(std::string_view utf8, Context context,
                                      std::size_t first_max = kMaxEncodedWord);

// An unstructured value (Subject): the words as they are when the text is
// printable ASCII, else the whole text as encoded-words. Runs of whitespace
// become one space.
std::vector<std::string> unstructured(std::string_view text);

// A display name as an RFC 5322 phrase: atoms as they are, a quoted-string
// when the name holds specials (a comma, a quote, a dot…), encoded-words
// when it holds non-ASCII characters.
std::vector<std::string> phrase(std::string_view display_name, std::size_t first_max = kMaxEncodedWord);

// "Name <local@domain>", or the bare address when the name is empty. The
// address must already be valid (read::is_email); it is never encoded.
std::vector<std::string> mailbox(std::string_view display_name, std::string_view address,
                                 std::size_t first_max = kMaxEncodedWord);

// "Name: word word …\r\n", folded at the spaces between words so that no
// line is longer than kFoldAt characters, or kFoldEncodedAt when the field
// holds encoded-words (a word longer than that stays whole on its own line).
std::string field(std::string_view name, const std::vector<std::string>& words);
// Subject-like fields and address fields, with the first encoded-word
// sized to sit beside the field name.
std::string unstructured_field(std::string_view name, std::string_view text);
std::string mailbox_field(std::string_view name, std::string_view display_name, std::string_view address);
// A field whose value is one token that must not be split (Message-ID…).
std::string field(std::string_view name, std::string_view value);

// A MIME parameter (RFC 2045/2231): name="value" for printable ASCII,
// name*=UTF-8''percent-encoded otherwise.
std::string parameter(std::string_view name, std::string_view value);

}  // namespace booklet::mail::header
