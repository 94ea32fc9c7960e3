#include "read/json_source.hpp"

#include <algorithm>
#include <unordered_map>

#include "unicode/utf8.hpp"

namespace booklet::read::json {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string hex4(std::uint32_t v) {
    static const char* digits = "0123456789ABCDEF";
    std::string s = "U+";
    for (int shift = 12; shift >= 0; shift -= 4) s += digits[(v >> shift) & 0xF];
    return s;
}

// A syntax error: where (byte offset) and what. Thrown inside the parser
// only; parse() turns it into a diagnostic.
struct Failure {
    std::size_t offset;
    std::string message;
};

class Parser {
public:
    explicit Parser(std::string_view s, model::Diagnostics& diags, const std::string& path)
        : s_(s), diags_(diags), path_(path) {}

    Value parse_document() {
        skip_space();
        if (i_ >= s_.size()) throw Failure{i_, "the document is empty: expected a JSON value"};
        Value v = value(0);
        skip_space();
        if (i_ < s_.size()) throw Failure{i_, "unexpected " + shown(i_) + " after the end of the JSON document"};
        return v;
    }

    // Line and column (characters, 1-based) of a byte offset. Offsets are
    // asked for in increasing order while parsing, so each byte is counted
    // once: a file on one line (minified JSON) costs no more than another.
    void locate(std::size_t offset, int& line, int& column) {
        if (offset < cache_offset_) {
            cache_offset_ = 0;
            cache_line_ = 1;
            cache_column_ = 1;
        }
        for (std::size_t k = cache_offset_; k < offset && k < s_.size(); ++k) {
            const auto c = static_cast<unsigned char>(s_[k]);
            if (c == '\n') {
                ++cache_line_;
                cache_column_ = 1;
            } else if ((c & 0xC0) != 0x80) {
                ++cache_column_;
            }
        }
        cache_offset_ = offset;
        line = cache_line_;
        column = cache_column_;
    }

    model::SourceLocation at(std::size_t offset) {
        model::SourceLocation w{path_, 1, 1};
        locate(offset, w.line, w.column);
        return w;
    }

private:
    void skip_space() {
        while (i_ < s_.size() && is_space(s_[i_])) ++i_;
    }

    // The character at `offset`, quoted, for messages ("'x'", "U+0007").
    std::string shown(std::size_t offset) const {
        std::size_t k = offset;
        const char32_t cp = unicode::decode(s_, k);
        if (cp < 0x20 || cp == 0x7F) return "character " + hex4(cp);
        return "'" + std::string(s_.substr(offset, k - offset)) + "'";
    }

    // A backslash and the character after it, quoted: "'\\x'".
    std::string escape_shown(std::size_t backslash) const {
        std::size_t k = backslash + 1;
        const char32_t cp = unicode::decode(s_, k);
        if (cp < 0x20 || cp == 0x7F) return "'\\' before " + shown(backslash + 1);
        return "'\\" + std::string(s_.substr(backslash + 1, k - backslash - 1)) + "'";
    }

    std::string opened_at(std::size_t offset) {
        const auto w = at(offset);
        return "line " + std::to_string(w.line) + ":" + std::to_string(w.column);
    }

    [[noreturn]] void fail_at_end() {
        if (open_.empty()) throw Failure{s_.size(), "the document ends where a value was expected: is the file truncated?"};
        const std::size_t o = open_.back();
        throw Failure{s_.size(), std::string("the document ends inside the ") + (s_[o] == '{' ? "object" : "array") +
                                     " opened at " + opened_at(o) + ": is the file truncated?"};
    }

    Value value(int depth) {
        skip_space();
        if (i_ >= s_.size()) fail_at_end();
        Value v;
        locate(i_, v.line, v.column);
        const char c = s_[i_];
        if (c == '{' || c == '[') {
            if (depth + 1 > kMaxJsonDepth)
                throw Failure{i_, "arrays and objects are nested more than " + std::to_string(kMaxJsonDepth) +
                                      " levels deep"};
            if (c == '{') object(v, depth + 1);
            else array(v, depth + 1);
        } else if (c == '"') {
            v.type = Value::Type::String;
            v.text = string();
        } else if (c == '-' || is_digit(c)) {
            v.type = Value::Type::Number;
            v.text = number();
        } else if (literal("true")) {
            v.type = Value::Type::Boolean;
            v.text = "true";
        } else if (literal("false")) {
            v.type = Value::Type::Boolean;
            v.text = "false";
        } else if (literal("null")) {
            v.type = Value::Type::Null;
        } else {
            std::size_t end = i_;
            while (end < s_.size() && end - i_ < 20 && ((s_[end] >= 'a' && s_[end] <= 'z') || (s_[end] >= 'A' && s_[end] <= 'Z')))
                ++end;
            const std::string what = end > i_ ? "'" + std::string(s_.substr(i_, end - i_)) + "'" : shown(i_);
            throw Failure{i_, "unexpected " + what + ": expected a value (an object, array, string, number, true, false or null)"};
        }
        return v;
    }

    bool literal(std::string_view word) {
        if (s_.substr(i_, word.size()) != word) return false;
        const std::size_t after = i_ + word.size();
        if (after < s_.size() && ((s_[after] >= 'a' && s_[after] <= 'z') || (s_[after] >= 'A' && s_[after] <= 'Z') ||
                                  is_digit(s_[after]) || s_[after] == '_'))
            return false;
        i_ = after;
        return true;
    }

    void object(Value& v, int depth) {
        v.type = Value::Type::Object;
        open_.push_back(i_);
        ++i_;
        std::unordered_map<std::string, std::size_t> index;  // once the object is large
        std::size_t comma = std::string_view::npos;
        skip_space();
        if (i_ < s_.size() && s_[i_] == '}') {
            ++i_;
            open_.pop_back();
            return;
        }
        for (;;) {
            skip_space();
            if (i_ >= s_.size()) fail_at_end();
            if (s_[i_] != '"') {
                if (s_[i_] == '}' && comma != std::string_view::npos)
                    throw Failure{comma, "a comma before '}': JSON allows no trailing comma"};
                throw Failure{i_, "expected a key in double quotes, found " + shown(i_)};
            }
            Member m;
            locate(i_, m.line, m.column);
            m.key = string();
            skip_space();
            if (i_ >= s_.size()) fail_at_end();
            if (s_[i_] != ':') throw Failure{i_, "expected ':' after the key \"" + m.key + "\", found " + shown(i_)};
            ++i_;
            m.value = value(depth);
            add_member(v, std::move(m), index);
            skip_space();
            if (i_ >= s_.size()) fail_at_end();
            if (s_[i_] == ',') {
                comma = i_++;
                continue;
            }
            if (s_[i_] == '}') {
                ++i_;
                break;
            }
            throw Failure{i_, "expected ',' or '}' after the value of \"" + v.members.back().key + "\", found " + shown(i_)};
        }
        open_.pop_back();
    }

    void add_member(Value& v, Member m, std::unordered_map<std::string, std::size_t>& index) {
        constexpr std::size_t kLinear = 16;  // small objects: a scan is cheaper than a map
        std::size_t found = v.members.size();
        if (v.members.size() < kLinear) {
            for (std::size_t k = 0; k < v.members.size(); ++k)
                if (v.members[k].key == m.key) found = k;
        } else {
            if (index.empty())
                for (std::size_t k = 0; k < v.members.size(); ++k) index.emplace(v.members[k].key, k);
            if (auto it = index.find(m.key); it != index.end()) found = it->second;
        }
        if (found < v.members.size()) {
            Member& first = v.members[found];
            diags_.warning({path_, m.line, m.column}, "duplicate key \"" + m.key + "\" (first at line " +
                                                          std::to_string(first.line) + ":" + std::to_string(first.column) +
                                                          "): the last value is used");
            first.value = std::move(m.value);
            first.line = m.line;
            first.column = m.column;
            return;
        }
        if (!index.empty()) index.emplace(m.key, v.members.size());
        v.members.push_back(std::move(m));
    }

    void array(Value& v, int depth) {
        v.type = Value::Type::Array;
        open_.push_back(i_);
        ++i_;
        std::size_t comma = std::string_view::npos;
        skip_space();
        if (i_ < s_.size() && s_[i_] == ']') {
            ++i_;
            open_.pop_back();
            return;
        }
        for (;;) {
            skip_space();
            if (i_ < s_.size() && s_[i_] == ']' && comma != std::string_view::npos)
                throw Failure{comma, "a comma before ']': JSON allows no trailing comma"};
            v.items.push_back(value(depth));
            skip_space();
            if (i_ >= s_.size()) fail_at_end();
            if (s_[i_] == ',') {
                comma = i_++;
                continue;
            }
            if (s_[i_] == ']') {
                ++i_;
                break;
            }
            throw Failure{i_, "expected ',' or ']' after an array element, found " + shown(i_)};
        }
        open_.pop_back();
    }

    // Four hexadecimal digits at `k`, or -1.
    long hex_at(std::size_t k) const {
        if (k + 4 > s_.size()) return -1;
        long v = 0;
        for (std::size_t j = k; j < k + 4; ++j) {
            const int h = hex_value(s_[j]);
            if (h < 0) return -1;
            v = v * 16 + h;
        }
        return v;
    }

    std::string string() {
        const std::size_t open = i_++;
        std::string out;
        for (;;) {
            const std::size_t run = i_;
            while (i_ < s_.size() && s_[i_] != '"' && s_[i_] != '\\' && static_cast<unsigned char>(s_[i_]) >= 0x20) ++i_;
            out.append(s_.substr(run, i_ - run));
            if (i_ >= s_.size())
                throw Failure{open, "unterminated string: the document ends before its closing quote"};
            const char c = s_[i_];
            if (c == '"') {
                ++i_;
                return out;
            }
            if (c == '\n' || c == '\r')
                throw Failure{open, "unterminated string: the line ends before its closing quote (a line break "
                                    "inside a string is written \\n)"};
            if (c != '\\')
                throw Failure{i_, "a raw " + shown(i_) + " inside a string: write it as an escape such as \\t or \\u0009"};
            escape(out);
        }
    }

    // At a backslash inside a string: appends what the escape stands for.
    void escape(std::string& out) {
        const std::size_t at = i_;
        if (at + 1 >= s_.size()) throw Failure{at, "unterminated string: the document ends inside an escape"};
        const char e = s_[at + 1];
        switch (e) {
            case '"': out += '"'; break;
            case '\\': out += '\\'; break;
            case '/': out += '/'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'u': {
                const long hi = hex_at(at + 2);
                if (hi < 0) throw Failure{at, "bad escape: \\u takes four hexadecimal digits"};
                i_ = at + 6;
                char32_t cp = static_cast<char32_t>(hi);
                if (hi >= 0xDC00 && hi <= 0xDFFF)
                    throw Failure{at, "lone surrogate \\u" + std::string(s_.substr(at + 2, 4)) +
                                          ": a low surrogate must follow a high one (\\uD800-\\uDBFF)"};
                if (hi >= 0xD800 && hi <= 0xDBFF) {
                    const long lo = s_.substr(i_, 2) == "\\u" ? hex_at(i_ + 2) : -1;
                    if (lo < 0xDC00 || lo > 0xDFFF)
                        throw Failure{at, "lone surrogate \\u" + std::string(s_.substr(at + 2, 4)) +
                                              ": a high surrogate must be followed by a low one (\\uDC00-\\uDFFF)"};
                    cp = 0x10000 + ((static_cast<char32_t>(hi) - 0xD800) << 10) + (static_cast<char32_t>(lo) - 0xDC00);
                    i_ += 6;
                }
                if (cp == 0) throw Failure{at, "\\u0000 (NUL) in a string: booklet reads text, not binary data"};
                out += unicode::encode(cp);
                return;
            }
            default:
                throw Failure{at, "bad escape " + escape_shown(at) + ": JSON knows \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t and \\uXXXX"};
        }
        i_ = at + 2;
    }

    std::string number() {
        const std::size_t start = i_;
        auto malformed = [&](const char* why) -> Failure {
            std::size_t end = i_;
            while (end < s_.size() && end - start < 30 &&
                   (is_digit(s_[end]) || s_[end] == '.' || s_[end] == 'e' || s_[end] == 'E' || s_[end] == '+' || s_[end] == '-'))
                ++end;
            return Failure{start, "malformed number '" + std::string(s_.substr(start, std::max(end, i_) - start)) +
                                      "': " + why};
        };
        if (s_[i_] == '-') ++i_;
        if (i_ >= s_.size() || !is_digit(s_[i_])) throw malformed("a digit must follow '-'");
        if (s_[i_] == '0') {
            ++i_;
            if (i_ < s_.size() && is_digit(s_[i_])) throw malformed("JSON numbers have no leading zeros");
        } else {
            while (i_ < s_.size() && is_digit(s_[i_])) ++i_;
        }
        if (i_ < s_.size() && s_[i_] == '.') {
            ++i_;
            if (i_ >= s_.size() || !is_digit(s_[i_])) throw malformed("a digit must follow '.'");
            while (i_ < s_.size() && is_digit(s_[i_])) ++i_;
        }
        if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
            ++i_;
            if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
            if (i_ >= s_.size() || !is_digit(s_[i_])) throw malformed("the exponent has no digits");
            while (i_ < s_.size() && is_digit(s_[i_])) ++i_;
        }
        return std::string(s_.substr(start, i_ - start));
    }

    std::string_view s_;
    model::Diagnostics& diags_;
    const std::string& path_;
    std::size_t i_ = 0;
    std::vector<std::size_t> open_;  // offsets of the '{' and '[' not closed yet
    std::size_t cache_offset_ = 0;
    int cache_line_ = 1, cache_column_ = 1;
};

}  // namespace

const Value* Value::find(std::string_view key) const {
    for (const auto& m : members)
        if (m.key == key) return &m.value;
    return nullptr;
}

const char* type_name(Value::Type t) {
    switch (t) {
        case Value::Type::Null: return "null";
        case Value::Type::Boolean: return "a boolean";
        case Value::Type::Number: return "a number";
        case Value::Type::String: return "a string";
        case Value::Type::Array: return "an array";
        case Value::Type::Object: return "an object";
    }
    return "a value";
}

std::unique_ptr<Document> Document::parse(const io::InputFile& file, model::Diagnostics& diags) {
    std::unique_ptr<Document> doc(new Document());
    doc->path_ = file.path;
    Parser parser(file.content, diags, doc->path_);
    try {
        doc->root_ = parser.parse_document();
    } catch (const Failure& f) {
        diags.error(parser.at(f.offset), f.message);
        return nullptr;
    }
    return doc;
}

}  // namespace booklet::read::json
