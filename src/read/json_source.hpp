#pragma once
// A JSON file (RFC 8259) parsed into a small tree that keeps, for every
// value and every object key, the line:column where it stands in the file.
//
// Why not Poco::JSON (linked already): it gives no positions, and every
// diagnostic booklet prints must point at the value it is about. Debian 12
// packages no JSON parser that reports positions per value, so this is a
// small strict recursive-descent parser instead:
//  * exactly RFC 8259: no comments, no trailing commas, no single quotes,
//    no leading zeros, no raw control characters in strings, nothing after
//    the top-level value;
//  * strings: every escape, \uXXXX with surrogate pairs (a lone surrogate
//    and \u0000 are errors: neither can be text);
//  * arrays and objects nested at most kMaxJsonDepth levels (no stack
//    overflow, whatever the input);
//  * a key repeated in one object: a warning, the last value is kept (as
//    JavaScript and Python do).
// The input is an io::InputFile: valid UTF-8, no NUL, at most 32 MiB.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "io/input_file.hpp"
#include "model/diagnostic.hpp"

namespace booklet::read::json {

inline constexpr int kMaxJsonDepth = 64;

struct Member;

struct Value {
    enum class Type : unsigned char { Null, Boolean, Number, String, Array, Object };
    Type type = Type::Null;
    int line = 0, column = 0;   // of the value's first character
    std::string text;           // String: decoded; Number: as written; Boolean: "true" or "false"
    std::vector<Value> items;   // Array
    std::vector<Member> members;  // Object, in file order, each key once

    bool is_scalar() const { return type != Type::Array && type != Type::Object; }
    // The member's value, or nullptr.
    const Value* find(std::string_view key) const;
};

struct Member {
    std::string key;
    int line = 0, column = 0;  // of the key's opening quote
    Value value;
};

// "null", "a boolean", "a number", "a string", "an array", "an object".
const char* type_name(Value::Type t);

class Document {
public:
    // Parses the file; on a syntax error adds it (file:line:col) to `diags`
    // and returns nullptr. Duplicate keys are warnings.
    static std::unique_ptr<Document> parse(const io::InputFile& file, model::Diagnostics& diags);

    const Value& root() const { return root_; }
    const std::string& path() const { return path_; }
    model::SourceLocation where(const Value& v) const { return {path_, v.line, v.column}; }
    model::SourceLocation where(const Member& m) const { return {path_, m.line, m.column}; }

private:
    Document() = default;
    std::string path_;
    Value root_;
};

}  // namespace booklet::read::json
