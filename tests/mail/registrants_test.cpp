// The registrants CSV: RFC 4180 quoting, BOM and CRLF, every bad row
// reported at its line:col, header injection refused.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "read/registrants_reader.hpp"
#include "test_support.hpp"

namespace booklet::read {
namespace {

using mail::testing_support::TempDir;
using mail::testing_support::write_file;

struct Result {
    RegistrantList list;
    std::vector<std::string> errors;    // Diagnostic::str()
    std::vector<std::string> warnings;
};

Result read(const std::string& content) {
    model::Diagnostics diags;
    Result r;
    r.list = read_registrants(io::InputFile{"reg.csv", content}, diags);
    for (const auto& d : diags.sorted())
        (d.severity == model::Severity::Error ? r.errors : r.warnings).push_back(d.str());
    return r;
}

bool has(const std::vector<std::string>& v, const std::string& prefix, const std::string& fragment = "") {
    return std::any_of(v.begin(), v.end(), [&](const std::string& s) {
        return s.rfind(prefix, 0) == 0 && s.find(fragment) != std::string::npos;
    });
}

std::string joined(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += s + "\n";
    return out;
}

TEST(RegistrantsCsv, ReadsHeaderAndRows) {
    const auto r = read("email,name,language\na@example.org,Anne,fr\nb@example.org,,en\nc@example.org\n");
    EXPECT_TRUE(r.list.usable);
    EXPECT_TRUE(r.errors.empty()) << joined(r.errors);
    ASSERT_EQ(r.list.registrants.size(), 3u);
    EXPECT_EQ(r.list.registrants[0].email, "a@example.org");
    EXPECT_EQ(r.list.registrants[0].name, "Anne");
    EXPECT_EQ(r.list.registrants[0].language, "fr");
    EXPECT_EQ(r.list.registrants[1].language, "en");
    EXPECT_EQ(r.list.registrants[2].name, "");
    EXPECT_EQ(r.list.registrants[2].where.line, 4);
}

TEST(RegistrantsCsv, ColumnsInAnyOrderAndCase) {
    const auto r = read("Language , NAME,Email\nen,Bob,bob@example.org\n");
    ASSERT_EQ(r.list.registrants.size(), 1u);
    EXPECT_EQ(r.list.registrants[0].email, "bob@example.org");
    EXPECT_EQ(r.list.registrants[0].name, "Bob");
    EXPECT_EQ(r.list.registrants[0].language, "en");
}

TEST(RegistrantsCsv, BomAndCrlfFromAFile) {
    TempDir dir("csv");
    write_file(dir / "reg.csv", "\xEF\xBB\xBF" "email,name\r\nanne@example.org,Anne Martin\r\nbob@example.org,Bob\r\n");
    model::Diagnostics diags;
    const auto list = read_registrants_file((dir / "reg.csv").string(), diags);
    EXPECT_FALSE(diags.has_errors());
    ASSERT_EQ(list.registrants.size(), 2u);
    EXPECT_EQ(list.registrants[0].email, "anne@example.org");  // no BOM glued to the header or the address
    EXPECT_EQ(list.registrants[0].name, "Anne Martin");        // no CR left
    EXPECT_EQ(list.registrants[1].name, "Bob");
}

TEST(RegistrantsCsv, BomInTheTextItself) {
    const auto r = read("\xEF\xBB\xBF" "email\na@example.org\n");
    ASSERT_EQ(r.list.registrants.size(), 1u) << joined(r.errors);
    EXPECT_EQ(r.list.registrants[0].where.column, 1);
}

TEST(RegistrantsCsv, QuotedFieldsWithCommasAndDoubledQuotes) {
    const auto r = read("email,name\r\n\"a@example.org\",\"Dubœuf, Élodie\"\r\nb@example.org,\"Jean \"\"Jojo\"\" Lefèvre\"\r\n");
    EXPECT_TRUE(r.errors.empty()) << joined(r.errors);
    ASSERT_EQ(r.list.registrants.size(), 2u);
    EXPECT_EQ(r.list.registrants[0].name, "Dubœuf, Élodie");
    EXPECT_EQ(r.list.registrants[1].name, "Jean \"Jojo\" Lefèvre");
}

TEST(RegistrantsCsv, NewlineInsideQuotesIsAnInjectionAndKeepsLineNumbers) {
    const auto r = read("email,name\na@example.org,\"Anne\nBcc: victim@example.org\"\nb@example.org,Bob\nbad\n");
    EXPECT_TRUE(r.list.usable);
    EXPECT_TRUE(has(r.errors, "reg.csv:2:15: error:", "line break in the name")) << joined(r.errors);
    // The quoted field spans lines 2-3, so Bob is on line 4 and "bad" on 5.
    ASSERT_EQ(r.list.registrants.size(), 1u);
    EXPECT_EQ(r.list.registrants[0].where.line, 4);
    EXPECT_TRUE(has(r.errors, "reg.csv:5:1: error:", "'bad' is not a valid e-mail address")) << joined(r.errors);
    EXPECT_EQ(r.list.bad_rows, 2u);
}

TEST(RegistrantsCsv, UnterminatedQuoteIsReportedAtTheQuote) {
    const auto r = read("email,name\na@example.org,Anne\nb@example.org,\"Bob\nc@example.org,Carl\n");
    EXPECT_FALSE(r.list.usable);
    EXPECT_TRUE(has(r.errors, "reg.csv:3:15: error:", "unterminated quoted field")) << joined(r.errors);
}

TEST(RegistrantsCsv, UnterminatedQuoteInTheHeader) {
    const auto r = read("\"email,name\na@example.org,Anne\n");
    EXPECT_FALSE(r.list.usable);
    EXPECT_TRUE(has(r.errors, "reg.csv:1:1: error:", "unterminated")) << joined(r.errors);
}

TEST(RegistrantsCsv, DuplicatesIgnoreTheDomainsCase) {
    const auto r = read("email\nanne@Example.ORG\nbob@example.org\nanne@example.org\nAnne@example.org\n");
    EXPECT_TRUE(has(r.errors, "reg.csv:4:1: error:", "duplicate address 'anne@example.org' (already on line 2)"))
        << joined(r.errors);
    // The local part may be case-sensitive: Anne@ is someone else.
    EXPECT_EQ(r.list.registrants.size(), 3u);
    EXPECT_EQ(r.errors.size(), 1u) << joined(r.errors);
    EXPECT_EQ(address_key("Anne@Example.ORG"), "Anne@example.org");
}

TEST(RegistrantsCsv, HeaderInjectionInTheAddressIsRefused) {
    const auto r = read(
        "email,name\n"
        "\"a@example.org\r\nBcc: victim@example.org\",A\n"  // line 2
        "<b@example.org>,B\n"                              // line 4
        "\"c@example.org, d@example.org\",C\n"             // line 5
        "E <e@example.org>,E\n"                            // line 6
        "f@example.org\x01,F\n"                            // line 7
        "\"g@example.org;h@example.org\",G\n"              // line 8
        "ok@example.org,\"Ok\tname\"\n");                  // line 9
    EXPECT_TRUE(has(r.errors, "reg.csv:2:1: error:", "line break in the e-mail address")) << joined(r.errors);
    EXPECT_TRUE(has(r.errors, "reg.csv:4:1: error:", "'<' in the e-mail address")) << joined(r.errors);
    EXPECT_TRUE(has(r.errors, "reg.csv:5:1: error:", "',' in the e-mail address")) << joined(r.errors);
    EXPECT_TRUE(has(r.errors, "reg.csv:6:1: error:", "in the e-mail address")) << joined(r.errors);
    EXPECT_TRUE(has(r.errors, "reg.csv:7:1: error:", "control character in the e-mail address")) << joined(r.errors);
    EXPECT_TRUE(has(r.errors, "reg.csv:8:1: error:", "';' in the e-mail address")) << joined(r.errors);
    EXPECT_TRUE(has(r.errors, "reg.csv:9:16: error:", "control character in the name")) << joined(r.errors);
    EXPECT_TRUE(r.list.registrants.empty());
    EXPECT_EQ(r.list.bad_rows, 7u);
}

TEST(RegistrantsCsv, EveryBadRowIsListed) {
    const auto r = read("email,name,language\n"
                        "a@example.org,A,es\n"
                        "not-an-address,B,fr\n"
                        "c@example.org,C,FR\n"
                        ",D,en\n"
                        "e@exämple.org,E,\n");
    EXPECT_TRUE(has(r.errors, "reg.csv:2:17: error:", "language 'es' is not supported")) << joined(r.errors);
    EXPECT_TRUE(has(r.errors, "reg.csv:3:1: error:", "'not-an-address' is not a valid e-mail address"));
    EXPECT_TRUE(has(r.errors, "reg.csv:5:1: error:", "missing e-mail address"));
    EXPECT_TRUE(has(r.errors, "reg.csv:6:1: error:", "non-ASCII"));
    EXPECT_EQ(r.list.bad_rows, 4u);
    ASSERT_EQ(r.list.registrants.size(), 1u);
    EXPECT_EQ(r.list.registrants[0].language, "fr");  // FR accepted as fr
}

TEST(RegistrantsCsv, ColumnsCountCharactersNotBytes) {
    const auto r = read("name,email\nÉlodie Œ,bad@@example.org\n");
    EXPECT_TRUE(has(r.errors, "reg.csv:2:10: error:", "not a valid e-mail address")) << joined(r.errors);
}

TEST(RegistrantsCsv, QuotesOutOfPlace) {
    const auto r = read("email,name\na@example.org,Ann\"e\n\"b@example.org\"x,B\n");
    EXPECT_TRUE(has(r.errors, "reg.csv:2:18: error:", "a quote inside an unquoted field")) << joined(r.errors);
    EXPECT_TRUE(has(r.errors, "reg.csv:3:16: error:", "text after the closing quote")) << joined(r.errors);
    EXPECT_TRUE(r.list.registrants.empty());
}

TEST(RegistrantsCsv, UnknownColumnsWarnAndBlankLinesAreSkipped) {
    const auto r = read("email,company,name\n\na@example.org,ACME,Anne\n,,\n   \nb@example.org,,Bob\n\n");
    EXPECT_TRUE(r.errors.empty()) << joined(r.errors);
    EXPECT_TRUE(has(r.warnings, "reg.csv:1:7: warning:", "unknown column 'company' is ignored"));
    ASSERT_EQ(r.list.registrants.size(), 2u);
    EXPECT_EQ(r.list.registrants[1].where.line, 6);
}

TEST(RegistrantsCsv, FieldCounts) {
    const auto r = read("email,name\na@example.org,Anne,,\nb@example.org\nc@example.org,C,extra\n");
    ASSERT_EQ(r.list.registrants.size(), 2u);  // trailing empty fields and short rows are fine
    EXPECT_TRUE(has(r.errors, "reg.csv:4:17: error:", "this row has 3 fields but the header names 2 columns"))
        << joined(r.errors);
}

TEST(RegistrantsCsv, UnusableHeaders) {
    EXPECT_FALSE(read("name,language\nAnne,fr\n").list.usable);
    EXPECT_TRUE(has(read("name,language\nAnne,fr\n").errors, "reg.csv:1:1: error:", "no 'email' column"));
    EXPECT_TRUE(has(read("anne@example.org,Anne\n").errors, "reg.csv:1:1: error:", "must be a header"));
    EXPECT_FALSE(read("email,Email\na@example.org,b@example.org\n").list.usable);
    EXPECT_FALSE(read("\n\n").list.usable);
}

TEST(RegistrantsCsv, OverlongNameIsRefused) {
    const auto r = read("email,name\na@example.org," + std::string(300, 'x') + "\n");
    EXPECT_TRUE(has(r.errors, "reg.csv:2:15: error:", "the name is too long")) << joined(r.errors);
}

}  // namespace
}  // namespace booklet::read
