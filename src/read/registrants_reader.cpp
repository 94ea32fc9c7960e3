#include "read/registrants_reader.hpp"

#include "unicode/utf8.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "read/formats.hpp"

namespace booklet::read {

namespace {

struct Field {
    std::string value;
    model::SourceLocation where;
};

struct Record {
    std::vector<Field> fields;
    model::SourceLocation where;
    std::vector<model::Diagnostic> errors;  // syntax errors inside the record
};

// RFC 4180 records with positions. Lines end in LF or CRLF; a CR that is
// not followed by LF stays in the field (and is refused later, as any
// control character).
class Scanner {
public:
    Scanner(const std::string& path, std::string_view text) : path_(path), text_(text) {}

    bool at_end() const { return pos_ >= text_.size(); }
    // The quote that opened a field that never closed, if the last record had one.
    const std::optional<model::SourceLocation>& unterminated() const { return unterminated_; }

    Record next() {
        Record r;
        r.where = here();
        while (true) {
            Field f;
            f.where = here();
            if (peek() == '"') quoted(f, r);
            else unquoted(f, r);
            r.fields.push_back(std::move(f));
            if (unterminated_) return r;
            if (peek() == ',') {
                advance();
                continue;
            }
            end_of_line();
            return r;
        }
    }

private:
    model::SourceLocation here() const { return {path_, line_, column_}; }
    char peek(std::size_t ahead = 0) const { return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0'; }
    bool at_line_end() const { return peek() == '\n' || (peek() == '\r' && peek(1) == '\n'); }
    bool at_field_end() const { return at_end() || peek() == ',' || at_line_end(); }

    void advance() {
        const auto c = static_cast<unsigned char>(text_[pos_++]);
        if (c == '\n') {
            ++line_;
            column_ = 1;
        } else if ((c & 0xC0) != 0x80) {  // count characters, not bytes
            ++column_;
        }
    }
    void end_of_line() {
        if (peek() == '\r' && peek(1) == '\n') advance();
        if (peek() == '\n') advance();
    }
    void error(Record& r, const model::SourceLocation& where, std::string message) {
        r.errors.push_back({model::Severity::Error, where, std::move(message)});
    }

    void unquoted(Field& f, Record& r) {
        bool reported = false;
        while (!at_field_end()) {
            if (peek() == '"' && !reported) {
                error(r, here(),
                      "a quote inside an unquoted field: quote the whole field and double the quote (\"\")");
                reported = true;
            }
            f.value += peek();
            advance();
        }
    }

    void quoted(Field& f, Record& r) {
        const model::SourceLocation open = here();
        advance();
        while (true) {
            if (at_end()) {
                unterminated_ = open;
                return;
            }
            if (peek() == '"') {
                if (peek(1) == '"') {
                    f.value += '"';
                    advance();
                    advance();
                    continue;
                }
                advance();
                break;
            }
            f.value += peek();
            advance();
        }
        // Spaces after the closing quote are tolerated; anything else is not.
        bool reported = false;
        while (!at_field_end()) {
            if (peek() != ' ' && peek() != '\t' && !reported) {
                error(r, here(), "text after the closing quote of a quoted field");
                reported = true;
            }
            advance();
        }
    }

    const std::string& path_;
    std::string_view text_;
    std::size_t pos_ = 0;
    int line_ = 1;
    int column_ = 1;
    std::optional<model::SourceLocation> unterminated_;
};

std::string trimmed(std::string_view s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t");
    return std::string(s.substr(first, last - first + 1));
}

std::string ascii_lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

// The first invisible formatting character of `s` (a zero-width joiner, a
// byte-order mark, a direction control…), or 0.
char32_t first_invisible(std::string_view s) {
    char32_t found = 0;
    unicode::for_each(s, [&](char32_t cp, std::size_t) {
        if (!found && (unicode::is_unsettable_format(cp) || cp == 0x200B)) found = cp;
    });
    return found;
}

// A value quoted in a message: control characters shown as '?', cut short.
std::string shown(std::string_view s) {
    std::string out;
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        out += (u < 0x20 || u == 0x7f) ? '?' : c;
        if (out.size() >= 60) {
            // do not cut inside a UTF-8 sequence
            while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
            if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
            return out + "…";
        }
    }
    return out;
}

bool is_blank(const Record& r) {
    return std::all_of(r.fields.begin(), r.fields.end(), [](const Field& f) { return trimmed(f.value).empty(); });
}

bool has_line_break(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

struct Columns {
    int email = -1;
    int name = -1;
    int language = -1;
    std::size_t count = 0;
};

// Reads the header record; false when it makes the file unusable.
bool read_header(const Record& header, Columns& cols, model::Diagnostics& diags) {
    bool ok = true;
    cols.count = header.fields.size();
    for (const auto& e : header.errors) {
        diags.add(e);
        ok = false;
    }
    std::vector<std::string> names;
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
        const Field& f = header.fields[i];
        const std::string name = ascii_lower(trimmed(f.value));
        names.push_back(name);
        int* slot = name == "email" ? &cols.email : name == "name" ? &cols.name : name == "language" ? &cols.language
                                                                                                 : nullptr;
        if (!slot) {
            if (name.empty())
                diags.warning(f.where, "column " + std::to_string(i + 1) + " has no name: it is ignored");
            else
                diags.warning(f.where, "unknown column '" + shown(name) +
                                           "' is ignored (booklet reads email, name and language)");
            continue;
        }
        if (*slot >= 0) {
            diags.error(f.where, "column '" + name + "' is named twice in the header");
            ok = false;
            continue;
        }
        *slot = static_cast<int>(i);
    }
    if (cols.email < 0) {
        std::string found;
        for (const auto& n : names) found += (found.empty() ? "" : ", ") + shown(n);
        const bool looks_like_data = std::any_of(names.begin(), names.end(), [](const std::string& n) {
            return n.find('@') != std::string::npos;
        });
        diags.error(header.where, looks_like_data
                                      ? "the first row must be a header naming the columns (email, name, "
                                        "language), not a registrant"
                                      : "the header has no 'email' column (found: " + found + ")");
        ok = false;
    }
    return ok;
}

const Field* field_at(const Record& r, int index) {
    return index >= 0 && static_cast<std::size_t>(index) < r.fields.size() ? &r.fields[index] : nullptr;
}

// Adds the row's problems to `errors`; returns the registrant when there are none.
std::optional<Registrant> read_row(const Record& r, const Columns& cols, std::vector<model::Diagnostic>& errors) {
    auto error = [&](const model::SourceLocation& where, std::string message) {
        errors.push_back({model::Severity::Error, where, std::move(message)});
    };
    for (const auto& e : r.errors) errors.push_back(e);

    for (std::size_t i = cols.count; i < r.fields.size(); ++i) {
        if (trimmed(r.fields[i].value).empty()) continue;  // trailing empty fields, as spreadsheets write them
        error(r.fields[i].where, "this row has " + std::to_string(r.fields.size()) + " fields but the header names " +
                                     std::to_string(cols.count) + " columns");
        break;
    }

    Registrant reg;
    reg.where = r.where;

    const Field* email = field_at(r, cols.email);
    const std::string address = email ? trimmed(email->value) : std::string();
    const model::SourceLocation email_at = email ? email->where : r.where;
    if (address.empty()) {
        error(email_at, "missing e-mail address");
    } else if (has_line_break(address)) {
        error(email_at, "line break in the e-mail address: refused (header injection)");
    } else if (has_control_characters(address)) {
        error(email_at, "control character in the e-mail address: refused (header injection)");
    } else if (const auto bad = address.find_first_of("<>,;:\"()[]\\ \t"); bad != std::string::npos) {
        error(email_at, std::string("'") + address[bad] + "' in the e-mail address '" + shown(address) +
                            "': write one bare address per row, without a name or brackets");
    } else if (!is_email(address)) {
        const bool non_ascii = std::any_of(address.begin(), address.end(),
                                           [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
        error(email_at, "'" + shown(address) + "' is not a valid e-mail address" +
                            (non_ascii ? " (addresses with non-ASCII characters are not supported)" : ""));
    } else {
        reg.email = address;
    }

    if (const Field* name = field_at(r, cols.name)) {
        reg.name = trimmed(name->value);
        if (has_line_break(reg.name))
            error(name->where, "line break in the name: refused (header injection)");
        else if (has_control_characters(reg.name))
            error(name->where, "control character in the name: refused (header injection)");
        else if (const char32_t cp = first_invisible(reg.name))
            error(name->where, std::string(unicode::is_bidi_control(cp) ? "invisible direction control "
                                                                       : "invisible character ") +
                                   unicode::character_name(cp) + " in the name: refused (it would hide in the greeting and the To: header)");
        else if (reg.name.size() > kMaxRegistrantNameBytes)
            error(name->where, "the name is too long (" + std::to_string(reg.name.size()) + " bytes; at most " +
                                   std::to_string(kMaxRegistrantNameBytes) + ")");
    }

    if (const Field* lang = field_at(r, cols.language)) {
        reg.language = ascii_lower(trimmed(lang->value));
        if (!reg.language.empty() && !is_mail_language(reg.language))
            error(lang->where, "language '" + shown(trimmed(lang->value)) +
                                   "' is not supported: write fr, en, de or nl (or leave it empty for the "
                                   "programme's language)");
    }
    return reg;
}

}  // namespace

bool is_mail_language(std::string_view lang) {
    for (const std::string_view l : kMailLanguages)
        if (l == lang) return true;
    return false;
}

std::string address_key(std::string_view email) {
    const auto at = email.rfind('@');
    if (at == std::string_view::npos) return std::string(email);
    return std::string(email.substr(0, at + 1)) + ascii_lower(std::string(email.substr(at + 1)));
}

RegistrantList read_registrants(const io::InputFile& file, model::Diagnostics& diags) {
    RegistrantList out;
    std::string_view content = file.content;
    if (content.substr(0, 3) == "\xEF\xBB\xBF") content.remove_prefix(3);  // read_input_file strips it already
    Scanner scan(file.path, content);

    std::optional<Record> header;
    while (!scan.at_end() && !header) {
        Record r = scan.next();
        if (scan.unterminated()) break;
        if (!is_blank(r) || !r.errors.empty()) header = std::move(r);
    }
    if (scan.unterminated()) {
        diags.error(*scan.unterminated(), "unterminated quoted field: the closing quote is missing");
        return out;
    }
    if (!header) {
        diags.error({file.path, 1, 1}, "no header row: the first line must name the columns (email, name, language)");
        return out;
    }
    Columns cols;
    if (!read_header(*header, cols, diags)) return out;

    std::map<std::string, int> first_line;  // address key → line of its first row
    while (!scan.at_end()) {
        const Record r = scan.next();
        if (scan.unterminated()) {
            diags.error(*scan.unterminated(),
                        "unterminated quoted field: the closing quote is missing (the rest of the file was read "
                        "as part of this field)");
            ++out.bad_rows;
            return out;  // usable stays false: the rows after it are lost
        }
        if (is_blank(r) && r.errors.empty()) continue;
        std::vector<model::Diagnostic> errors;
        auto reg = read_row(r, cols, errors);
        if (reg && !reg->email.empty()) {
            const std::string key = address_key(reg->email);
            if (const auto it = first_line.find(key); it != first_line.end()) {
                const Field* email = field_at(r, cols.email);
                errors.push_back({model::Severity::Error, email ? email->where : r.where,
                                  "duplicate address '" + shown(reg->email) + "' (already on line " +
                                      std::to_string(it->second) + ")"});
            } else {
                first_line.emplace(key, r.where.line);
            }
        }
        if (errors.empty()) {
            out.registrants.push_back(std::move(*reg));
        } else {
            ++out.bad_rows;
            for (auto& e : errors) diags.add(std::move(e));
        }
    }
    out.usable = true;
    return out;
}

RegistrantList read_registrants_file(const std::string& path, model::Diagnostics& diags) {
    if (auto file = io::read_input_file(path, diags)) return read_registrants(*file, diags);
    return {};
}

}  // namespace booklet::read
