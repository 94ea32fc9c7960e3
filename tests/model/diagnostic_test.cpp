// Diagnostics: classes of repeated warnings, and how they are printed.
#include <gtest/gtest.h>

#include "model/diagnostic.hpp"

namespace {

using booklet::model::Diagnostic;
using booklet::model::Diagnostics;
using booklet::model::Severity;

Diagnostic warning(std::string message) { return {Severity::Warning, {"f.xml", 1, 1}, std::move(message)}; }

TEST(Diagnostic, ShapeSetsAsideQuotedInputAndNumbers) {
    EXPECT_EQ(warning("invalid link 'https://video.fosdem.org/2023/H.1302/x.webm': left out").shape(),
              "invalid link '\u2026': left out");
    EXPECT_EQ(warning("person id 12 is called 'Iblech' here but 'Jwacalex' at line 40:7").shape(),
              "person id # is called '\u2026' here but '\u2026' at line #:#");
    EXPECT_EQ(warning("talk \u00ABLearn To Solder\u00BB (10:00\u201311:00) overlaps").shape(),
              "talk \u00AB\u2026\u00BB (#:#\u2013#:#) overlaps");
    EXPECT_EQ(warning("the title \"A \u201Cquoted\u201D one\" is long").shape(), "the title \"\u2026\" is long");
    // An apostrophe inside a word opens no quotation, and one inside a
    // quotation does not close it.
    EXPECT_EQ(warning("doesn't matter").shape(), "doesn't matter");
    EXPECT_EQ(warning("title 'l'avenir du soin' is odd").shape(), "title '\u2026' is odd");
    // An unclosed quotation is kept as written.
    EXPECT_EQ(warning("odd 'quote").shape(), "odd 'quote");
}

TEST(Diagnostics, RepeatedWarningsAreOneLineWithCountAndFirstPlaces) {
    Diagnostics d;
    for (int i = 0; i < 5; ++i)
        d.warning({"f.xml", 10 + i, 3}, "invalid link 'x" + std::to_string(i) + "': left out");
    d.warning({"f.xml", 2, 1}, "no time zone");
    d.error({"f.xml", 11, 9}, "bad 'one'");
    d.error({"f.xml", 12, 9}, "bad 'two'");
    d.error({"f.xml", 13, 9}, "bad 'three'");
    d.error({"f.xml", 14, 9}, "bad 'four'");
    const auto lines = d.report_lines(false);
    ASSERT_EQ(lines.size(), 6u);  // 1 + the collapsed class + 4 errors, never collapsed
    EXPECT_EQ(lines[0], "f.xml:2:1: warning: no time zone");
    EXPECT_EQ(lines[1],
              "f.xml:10:3: warning: invalid link 'x0': left out (5 warnings like this, first at 10:3, 11:3, 12:3; "
              "--verbose lists them all)");
    EXPECT_EQ(lines[2], "f.xml:11:9: error: bad 'one'");
    EXPECT_EQ(lines[5], "f.xml:14:9: error: bad 'four'");
    EXPECT_EQ(d.report_lines(true).size(), 10u);
}

TEST(Diagnostics, ThreeOfAKindAreAllPrinted) {
    Diagnostics d;
    for (int i = 0; i < 3; ++i) d.warning({"f.xml", 1 + i, 1}, "odd " + std::to_string(i));
    EXPECT_EQ(d.report_lines(false).size(), 3u);
}

TEST(Diagnostics, ClassesAreKeptApartByFile) {
    Diagnostics d;
    for (int i = 0; i < 4; ++i) d.warning({i % 2 ? "a.xml" : "b.xml", 1 + i, 1}, "odd " + std::to_string(i));
    EXPECT_EQ(d.report_lines(false).size(), 4u);  // two files, two of each
}

}  // namespace
