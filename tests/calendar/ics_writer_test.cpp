// RFC 5545 content-line rules: folding, escaping, parameter quoting,
// value spellings, CRLF and no control characters.
#include "calendar/ics_writer.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "fixtures.hpp"

namespace booklet::calendar {
namespace {

using testing::count_of;
using testing::line_problems;
using testing::unfolded;

std::vector<std::string> physical_lines(const std::string& folded) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (auto end = folded.find("\r\n"); end != std::string::npos; end = folded.find("\r\n", start)) {
        out.push_back(folded.substr(start, end - start));
        start = end + 2;
    }
    EXPECT_EQ(start, folded.size()) << "text after the last CRLF";
    return out;
}

std::string repeated(std::string_view s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

// ---- folding ----------------------------------------------------------------

TEST(IcsFold, ShortLineIsKeptAndEndsWithCrlf) {
    EXPECT_EQ(ics::fold("SUMMARY:Accueil"), "SUMMARY:Accueil\r\n");
}

TEST(IcsFold, LineOfExactly75OctetsIsNotFolded) {
    const std::string line = "X:" + std::string(73, 'a');
    ASSERT_EQ(line.size(), 75u);
    EXPECT_EQ(ics::fold(line), line + "\r\n");
    EXPECT_EQ(physical_lines(ics::fold(line + "b")).size(), 2u);
}

TEST(IcsFold, ContinuationLinesStartWithOneSpaceThatCountsTowardThe75) {
    const std::string line = "DESCRIPTION:" + std::string(300, 'x');
    const auto lines = physical_lines(ics::fold(line));
    ASSERT_GE(lines.size(), 5u);
    EXPECT_EQ(lines.front().size(), 75u);
    for (std::size_t i = 1; i + 1 < lines.size(); ++i) {
        EXPECT_EQ(lines[i].size(), 75u) << "line " << i;  // the space and 74 octets
        EXPECT_EQ(lines[i][0], ' ');
        EXPECT_NE(lines[i][1], ' ');
    }
    EXPECT_EQ(unfolded(ics::fold(line)), line + "\r\n");
}

TEST(IcsFold, NeverCutsTwoByteCharacters) {
    for (const char* ch : {"é", "œ"}) {
        for (int prefix = 0; prefix < 4; ++prefix) {  // shift the boundary through the sequence
            const std::string line = "SUMMARY:" + std::string(prefix, 'a') + repeated(ch, 120);
            const std::string folded = ics::fold(line);
            EXPECT_TRUE(line_problems(folded).empty()) << ch << " prefix " << prefix << ": "
                                                       << ::testing::PrintToString(line_problems(folded));
            EXPECT_EQ(unfolded(folded), line + "\r\n");
            for (const auto& l : physical_lines(folded)) EXPECT_LE(l.size(), 75u);
        }
    }
}

TEST(IcsFold, FourByteEmojiAtTheBoundaryMovesWholeToTheNextLine) {
    const std::string emoji = "\xF0\x9F\x98\x80";  // U+1F600
    for (std::size_t before = 70; before <= 75; ++before) {
        const std::string line = std::string(before, 'a') + emoji + "z";
        const auto lines = physical_lines(ics::fold(line));
        EXPECT_TRUE(line_problems(ics::fold(line)).empty()) << before;
        if (before + 4 <= 75) {
            EXPECT_EQ(lines[0].substr(0, before + 4), std::string(before, 'a') + emoji) << before;
        } else {
            EXPECT_EQ(lines[0], std::string(before, 'a')) << before;
            EXPECT_EQ(lines[1], " " + emoji + "z") << before;
        }
        EXPECT_EQ(unfolded(ics::fold(line)), line + "\r\n");
    }
}

TEST(IcsFold, MixedFrenchTextFoldsOnCharacterBoundaries) {
    const std::string line = "DESCRIPTION:" + repeated("œuvre été \xF0\x9F\x8E\x89 ", 40);
    const std::string folded = ics::fold(line);
    EXPECT_TRUE(line_problems(folded).empty()) << ::testing::PrintToString(line_problems(folded));
    EXPECT_EQ(unfolded(folded), line + "\r\n");
}

// ---- TEXT escaping --------------------------------------------------------------

TEST(IcsEscape, BackslashSemicolonCommaAndNewline) {
    EXPECT_EQ(ics::escape_text("a\\b;c,d\ne"), "a\\\\b\\;c\\,d\\ne");
}

TEST(IcsEscape, ColonAndDquoteAreNotEscapedInText) {
    EXPECT_EQ(ics::escape_text("Table ronde : « \"quoi\" »"), "Table ronde : « \"quoi\" »");
}

TEST(IcsEscape, EveryKindOfLineBreakBecomesOneBackslashN) {
    EXPECT_EQ(ics::escape_text("a\r\nb\rc\nd"), "a\\nb\\nc\\nd");
    EXPECT_EQ(ics::escape_text("a\n\nb"), "a\\n\\nb");
}

TEST(IcsEscape, ControlCharactersAreDroppedAndTabBecomesSpace) {
    EXPECT_EQ(ics::escape_text(std::string("a\x01" "b\x1F" "c\x7F" "d\te", 9)), "abcd e");
    EXPECT_EQ(ics::escape_text(std::string("a\0b", 3)), "ab");
}

TEST(IcsEscape, InvalidUtf8IsReplacedAndValidUtf8Kept) {
    EXPECT_EQ(ics::escape_text("caf\xC3\xA9"), "café");
    EXPECT_EQ(ics::escape_text("bad \xC3 byte"), "bad \xEF\xBF\xBD byte");
    EXPECT_EQ(ics::escape_text("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
}

// ---- parameter values ----------------------------------------------------------

TEST(IcsParam, PlainValueStaysBare) {
    EXPECT_EQ(ics::param_value("Laura Nirello"), "Laura Nirello");
    EXPECT_EQ(ics::param_value("Europe/Paris"), "Europe/Paris");
    EXPECT_EQ(ics::param_value("François-Xavier Devetter"), "François-Xavier Devetter");
}

TEST(IcsParam, ColonSemicolonOrCommaIsQuoted) {
    EXPECT_EQ(ics::param_value("Dubruc, Nadine"), "\"Dubruc, Nadine\"");
    EXPECT_EQ(ics::param_value("a:b"), "\"a:b\"");
    EXPECT_EQ(ics::param_value("a;b"), "\"a;b\"");
}

TEST(IcsParam, DquoteCannotBeEscapedSoItIsReplaced) {
    EXPECT_EQ(ics::param_value("Jean \"Johnny\" Dupont"), "Jean 'Johnny' Dupont");
    EXPECT_EQ(ics::param_value("\"Dupont, Jean\""), "\"'Dupont, Jean'\"");
}

TEST(IcsParam, LineBreaksAndControlsNeverReachAParameter) {
    EXPECT_EQ(ics::param_value("a\r\nb\nc\td\x01" "e"), "a b c de");
}

TEST(IcsWriter, QuotedParameterInAProperty) {
    ics::Writer w;
    w.raw("ATTENDEE", ics::mailto("jean@example.org"), {{"CN", "Dupont, Jean"}, {"RSVP", "TRUE"}});
    EXPECT_EQ(w.finish(), "ATTENDEE;CN=\"Dupont, Jean\";RSVP=TRUE:mailto:jean@example.org\r\n");
}

// ---- URIs -------------------------------------------------------------------------

TEST(IcsUri, UnsafeBytesArePercentEncoded) {
    EXPECT_EQ(ics::uri("https://example.org/a b?q=\"x\"&é"),
              "https://example.org/a%20b?q=%22x%22&%C3%A9");
    EXPECT_EQ(ics::uri("https://example.org/x?a=1;b=2,3"), "https://example.org/x?a=1;b=2,3");
}

TEST(IcsUri, MailtoEncodesWhatAnAddressMayHold) {
    EXPECT_EQ(ics::mailto("dubruc@emse.fr"), "mailto:dubruc@emse.fr");
    EXPECT_EQ(ics::mailto(" o'brien+cal@example.org "), "mailto:o'brien+cal@example.org");
    EXPECT_EQ(ics::mailto("a&b?c@example.org"), "mailto:a%26b%3Fc@example.org");
}

// ---- values -----------------------------------------------------------------------

TEST(IcsValues, DateAndDateTimeSpellings) {
    EXPECT_EQ(ics::date_value({2020, 1, 28}), "20200128");
    EXPECT_EQ(ics::local_date_time_value({{2020, 1, 28}, {9 * 60 + 30}}), "20200128T093000");
    EXPECT_EQ(ics::local_date_time_value({{2020, 1, 31}, {24 * 60 + 30}}), "20200201T003000");
    EXPECT_EQ(ics::utc_date_time_value(0), "19700101T000000Z");
    EXPECT_EQ(ics::utc_date_time_value(testing::utc(2020, 1, 28, 8, 30, 5)), "20200128T083005Z");
    EXPECT_EQ(ics::utc_date_time_value(-1), "19691231T235959Z");
}

TEST(IcsWriter, AllDayDateHasValueDateParameter) {
    ics::Writer w;
    w.date("DTSTART", {2020, 1, 29});
    EXPECT_EQ(w.finish(), "DTSTART;VALUE=DATE:20200129\r\n");
}

TEST(IcsWriter, LocalDateTimeCarriesTzid) {
    ics::Writer w;
    w.local_date_time("DTSTART", {{2020, 1, 28}, {570}}, "Europe/Paris");
    EXPECT_EQ(w.finish(), "DTSTART;TZID=Europe/Paris:20200128T093000\r\n");
}

// ---- the writer ----------------------------------------------------------------

TEST(IcsWriter, ComponentsPropertiesCrlfOnly) {
    ics::Writer w;
    w.begin("VEVENT");
    w.text("SUMMARY", "Ligne 1\nLigne 2; avec, tout");
    w.text_list("CATEGORIES", {"TALK", "rôles, interface"});
    w.integer("SEQUENCE", 3);
    w.end("VEVENT");
    const std::string& s = w.finish();
    EXPECT_EQ(s,
              "BEGIN:VEVENT\r\n"
              "SUMMARY:Ligne 1\\nLigne 2\\; avec\\, tout\r\n"
              "CATEGORIES:TALK,rôles\\, interface\r\n"
              "SEQUENCE:3\r\n"
              "END:VEVENT\r\n");
    EXPECT_EQ(count_of(s, "\n"), count_of(s, "\r\n"));
    EXPECT_EQ(count_of(s, "\r"), count_of(s, "\r\n"));
}

TEST(IcsWriter, LongTextPropertyIsFoldedAndStaysWellFormed) {
    ics::Writer w;
    w.text("DESCRIPTION", repeated("Pénurie de main-d’œuvre, sous-équipement ; « care » 😀\n", 30));
    EXPECT_TRUE(line_problems(w.finish()).empty()) << ::testing::PrintToString(line_problems(w.finish()));
    EXPECT_GT(count_of(w.finish(), "\r\n "), 10u);
}

TEST(IcsWriter, ProgrammingErrorsThrow) {
    ics::Writer w;
    EXPECT_THROW(w.text("summary", "lower-case name"), std::logic_error);
    EXPECT_THROW(w.text("X:Y", "bad name"), std::logic_error);
    EXPECT_THROW(w.raw("URL", "https://x\n"), std::logic_error);
    EXPECT_THROW(w.text("SUMMARY", "x", {{"c n", "y"}}), std::logic_error);
    EXPECT_THROW(w.end("VEVENT"), std::logic_error);
    w.begin("VCALENDAR");
    w.begin("VEVENT");
    EXPECT_THROW(w.end("VCALENDAR"), std::logic_error);
    EXPECT_THROW(w.finish(), std::logic_error);
    EXPECT_THROW(w.append("BEGIN:X"), std::logic_error);  // no CRLF
    w.end("VEVENT");
    w.end("VCALENDAR");
    EXPECT_NO_THROW(w.finish());
}

}  // namespace
}  // namespace booklet::calendar
