// The strict JSON parser under the schedule.json reader: values, positions
// (line:column in characters) and every syntax error with its exact place.
#include <gtest/gtest.h>

#include "read/formats.hpp"
#include "read/json_source.hpp"

namespace {

using namespace booklet;
using read::json::Document;
using read::json::Value;
using Type = Value::Type;

std::string lines(const model::Diagnostics& d) {
    std::string s;
    for (const auto& x : d.sorted()) s += x.str() + "\n";
    return s;
}

// The one error parsing `text` gives ("" when it parses).
std::string error_of(const std::string& text) {
    model::Diagnostics d;
    const auto doc = Document::parse(io::InputFile{"t.json", text}, d);
    EXPECT_EQ(doc == nullptr, d.has_errors()) << text;
    return lines(d);
}

TEST(JsonSource, ValuesAndTheirPositions) {
    model::Diagnostics d;
    const std::string text =
        "{\n"
        "  \"a\": [1, -2.5e3, true, false, null],\n"
        "  \"b\": {\"c\": \"x\\\"y\\\\z\\/\\b\\f\\n\\r\\t\"},\n"
        "  \"é\": \"\\u00e9\\ud83d\\ude00\", \"n\": 0\n"
        "}\n";
    const auto doc = Document::parse(io::InputFile{"t.json", text}, d);
    ASSERT_TRUE(doc) << lines(d);
    EXPECT_EQ(lines(d), "");
    const Value& root = doc->root();
    ASSERT_EQ(root.type, Type::Object);
    EXPECT_EQ(root.line, 1);
    EXPECT_EQ(root.column, 1);
    ASSERT_EQ(root.members.size(), 4u);
    EXPECT_EQ(root.members[0].key, "a");
    EXPECT_EQ(root.members[0].line, 2);
    EXPECT_EQ(root.members[0].column, 3);
    const Value& a = root.members[0].value;
    ASSERT_EQ(a.type, Type::Array);
    ASSERT_EQ(a.items.size(), 5u);
    EXPECT_EQ(a.items[0].type, Type::Number);
    EXPECT_EQ(a.items[0].text, "1");
    EXPECT_EQ(a.items[1].text, "-2.5e3");  // as written
    EXPECT_EQ(a.items[1].column, 12);
    EXPECT_EQ(a.items[2].type, Type::Boolean);
    EXPECT_EQ(a.items[2].text, "true");
    EXPECT_EQ(a.items[3].text, "false");
    EXPECT_EQ(a.items[4].type, Type::Null);
    EXPECT_EQ(a.items[4].column, 33);
    const Value* c = root.find("b")->find("c");
    ASSERT_TRUE(c);
    EXPECT_EQ(c->text, "x\"y\\z/\b\f\n\r\t");
    EXPECT_EQ(c->line, 3);
    EXPECT_EQ(c->column, 14);
    // A surrogate pair is one character; columns count characters, not bytes.
    const Value* e = root.find("é");
    ASSERT_TRUE(e);
    EXPECT_EQ(e->text, "é\U0001F600");
    EXPECT_EQ(e->column, 8);
    EXPECT_EQ(root.find("n")->column, 35);
    EXPECT_EQ(root.find("missing"), nullptr);
}

TEST(JsonSource, PositionsOnOneLongLine) {
    // Minified exports put everything on one line: columns stay exact.
    std::string text = "[";
    for (int i = 0; i < 5000; ++i) text += "\"\u00e9\",";
    text += "\"end\"]";
    model::Diagnostics d;
    const auto doc = Document::parse(io::InputFile{"t.json", text}, d);
    ASSERT_TRUE(doc);
    ASSERT_EQ(doc->root().items.size(), 5001u);
    EXPECT_EQ(doc->root().items[4999].column, 2 + 4999 * 4);
    EXPECT_EQ(doc->root().items[5000].line, 1);
    EXPECT_EQ(doc->root().items[5000].column, 2 + 5000 * 4);
    EXPECT_EQ(doc->where(doc->root().items[5000]).str(), "t.json:1:20002");
}

TEST(JsonSource, DuplicateKeyWarnsAndKeepsTheLast) {
    model::Diagnostics d;
    const auto doc = Document::parse(io::InputFile{"t.json", "{\"a\": 1,\n \"b\": 2,\n \"a\": 3}"}, d);
    ASSERT_TRUE(doc);
    EXPECT_EQ(lines(d), "t.json:3:2: warning: duplicate key \"a\" (first at line 1:2): the last value is used\n");
    ASSERT_EQ(doc->root().members.size(), 2u);
    EXPECT_EQ(doc->root().find("a")->text, "3");
    EXPECT_EQ(doc->root().members[0].line, 3);  // the key kept is the last one
}

TEST(JsonSource, DuplicateKeysInALargeObject) {
    std::string text = "{";
    for (int i = 0; i < 40; ++i) text += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ",";
    text += "\"k3\": \"again\"}";
    model::Diagnostics d;
    const auto doc = Document::parse(io::InputFile{"t.json", text}, d);
    ASSERT_TRUE(doc);
    EXPECT_EQ(d.warning_count(), 1u);
    EXPECT_EQ(doc->root().members.size(), 40u);
    EXPECT_EQ(doc->root().find("k3")->text, "again");
    EXPECT_EQ(doc->root().find("k39")->text, "39");
}

TEST(JsonSource, MalformedDocuments) {
    EXPECT_EQ(error_of("{\"a\": 1 \"b\": 2}"), "t.json:1:9: error: expected ',' or '}' after the value of \"a\", found '\"'\n");
    EXPECT_EQ(error_of("[1 2]"), "t.json:1:4: error: expected ',' or ']' after an array element, found '2'\n");
    EXPECT_EQ(error_of("{\"a\": 1,\n}"), "t.json:1:8: error: a comma before '}': JSON allows no trailing comma\n");
    EXPECT_EQ(error_of("[1,\n 2,]"), "t.json:2:3: error: a comma before ']': JSON allows no trailing comma\n");
    EXPECT_EQ(error_of("{a: 1}"), "t.json:1:2: error: expected a key in double quotes, found 'a'\n");
    EXPECT_EQ(error_of("{'a': 1}"), "t.json:1:2: error: expected a key in double quotes, found '''\n");
    EXPECT_EQ(error_of("{\"a\" 1}"), "t.json:1:6: error: expected ':' after the key \"a\", found '1'\n");
    EXPECT_EQ(error_of("[True]"),
              "t.json:1:2: error: unexpected 'True': expected a value (an object, array, string, number, true, false or null)\n");
    EXPECT_EQ(error_of("[nul]"),
              "t.json:1:2: error: unexpected 'nul': expected a value (an object, array, string, number, true, false or null)\n");
    EXPECT_EQ(error_of("[1] x"), "t.json:1:5: error: unexpected 'x' after the end of the JSON document\n");
    EXPECT_EQ(error_of("{} {}"), "t.json:1:4: error: unexpected '{' after the end of the JSON document\n");
    EXPECT_EQ(error_of("  \n "), "t.json:2:2: error: the document is empty: expected a JSON value\n");
    EXPECT_EQ(error_of("/* c */ {}"),
              "t.json:1:1: error: unexpected '/': expected a value (an object, array, string, number, true, false or null)\n");
}

TEST(JsonSource, TruncatedDocuments) {
    EXPECT_EQ(error_of("{\n  \"a\": [1,\n"),
              "t.json:3:1: error: the document ends inside the array opened at line 2:8: is the file truncated?\n");
    EXPECT_EQ(error_of("{\"a\": "),
              "t.json:1:7: error: the document ends inside the object opened at line 1:1: is the file truncated?\n");
    EXPECT_EQ(error_of("{\"a\""),
              "t.json:1:5: error: the document ends inside the object opened at line 1:1: is the file truncated?\n");
}

TEST(JsonSource, Strings) {
    EXPECT_EQ(error_of("[\"abc"), "t.json:1:2: error: unterminated string: the document ends before its closing quote\n");
    EXPECT_EQ(error_of("{\"t\": \"abc\n\"}"),
              "t.json:1:7: error: unterminated string: the line ends before its closing quote (a line break inside a "
              "string is written \\n)\n");
    EXPECT_EQ(error_of("[\"a\tb\"]"),
              "t.json:1:4: error: a raw character U+0009 inside a string: write it as an escape such as \\t or \\u0009\n");
    EXPECT_EQ(error_of("[\"a\\x\"]"),
              "t.json:1:4: error: bad escape '\\x': JSON knows \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t and \\uXXXX\n");
    EXPECT_EQ(error_of("[\"\\é\"]"),
              "t.json:1:3: error: bad escape '\\é': JSON knows \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t and \\uXXXX\n");
    EXPECT_EQ(error_of("[\"ab\\u12G4\"]"), "t.json:1:5: error: bad escape: \\u takes four hexadecimal digits\n");
    EXPECT_EQ(error_of("[\"\\u12\"]"), "t.json:1:3: error: bad escape: \\u takes four hexadecimal digits\n");
    EXPECT_EQ(error_of("[\"x\\ud83d\"]"),
              "t.json:1:4: error: lone surrogate \\ud83d: a high surrogate must be followed by a low one (\\uDC00-\\uDFFF)\n");
    EXPECT_EQ(error_of("[\"\\ud83d\\u0041\"]"),
              "t.json:1:3: error: lone surrogate \\ud83d: a high surrogate must be followed by a low one (\\uDC00-\\uDFFF)\n");
    EXPECT_EQ(error_of("[\"\\uDE00\"]"),
              "t.json:1:3: error: lone surrogate \\uDE00: a low surrogate must follow a high one (\\uD800-\\uDBFF)\n");
    EXPECT_EQ(error_of("[\"\\u0000\"]"),
              "t.json:1:3: error: \\u0000 (NUL) in a string: booklet reads text, not binary data\n");
    EXPECT_EQ(error_of("[\"\\"), "t.json:1:3: error: unterminated string: the document ends inside an escape\n");
    EXPECT_EQ(error_of("[\"\\u00e9\\u20AC\\/\"]"), "");
}

TEST(JsonSource, Numbers) {
    EXPECT_EQ(error_of("[012]"), "t.json:1:2: error: malformed number '012': JSON numbers have no leading zeros\n");
    EXPECT_EQ(error_of("[-]"), "t.json:1:2: error: malformed number '-': a digit must follow '-'\n");
    EXPECT_EQ(error_of("[1.]"), "t.json:1:2: error: malformed number '1.': a digit must follow '.'\n");
    EXPECT_EQ(error_of("[1e+]"), "t.json:1:2: error: malformed number '1e+': the exponent has no digits\n");
    EXPECT_EQ(error_of("[+1]"),
              "t.json:1:2: error: unexpected '+': expected a value (an object, array, string, number, true, false or null)\n");
    EXPECT_EQ(error_of("[.5]"),
              "t.json:1:2: error: unexpected '.': expected a value (an object, array, string, number, true, false or null)\n");
    EXPECT_EQ(error_of("[0, -0, 0.5, 10E-2, 123456789012345678901234567890]"), "");
}

TEST(JsonSource, NestingLimit) {
    const std::string ok = std::string(read::json::kMaxJsonDepth, '[') + std::string(read::json::kMaxJsonDepth, ']');
    EXPECT_EQ(error_of(ok), "");
    const std::string deep = "{\"a\":" + std::string(100000, '[');
    EXPECT_EQ(error_of(deep), "t.json:1:69: error: arrays and objects are nested more than 64 levels deep\n");
}

TEST(JsonSource, TypeNames) {
    EXPECT_STREQ(read::json::type_name(Type::Null), "null");
    EXPECT_STREQ(read::json::type_name(Type::Array), "an array");
    EXPECT_STREQ(read::json::type_name(Type::Object), "an object");
    EXPECT_STREQ(read::json::type_name(Type::String), "a string");
    EXPECT_STREQ(read::json::type_name(Type::Number), "a number");
    EXPECT_STREQ(read::json::type_name(Type::Boolean), "a boolean");
}

TEST(InputSyntax, ToldByTheFirstCharacter) {
    EXPECT_EQ(read::detect_syntax("{\"schedule\": {}}"), read::InputSyntax::Json);
    EXPECT_EQ(read::detect_syntax(" \r\n\t{"), read::InputSyntax::Json);
    EXPECT_EQ(read::detect_syntax("<?xml version='1.0'?><programme/>"), read::InputSyntax::Xml);
    EXPECT_EQ(read::detect_syntax("\n  <schedule>"), read::InputSyntax::Xml);
    EXPECT_EQ(read::detect_syntax("[1, 2]"), read::InputSyntax::Unknown);
    EXPECT_EQ(read::detect_syntax("title: x"), read::InputSyntax::Unknown);
    EXPECT_EQ(read::detect_syntax("   "), read::InputSyntax::Unknown);
    // The byte-order mark is gone once io:: has read the bytes.
    model::Diagnostics d;
    const auto file = io::input_from_bytes("t.json", "\xEF\xBB\xBF{\"schedule\": {}}", d);
    ASSERT_TRUE(file);
    EXPECT_EQ(read::detect_syntax(file->content), read::InputSyntax::Json);
}

}  // namespace
