// The booklet binary as a user runs it: exit codes, the diagnostic format
// on stderr, and no output at all when the input is bad.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "run_command.hpp"

namespace fs = std::filesystem;

namespace {

// Runs the booklet binary with `args` (already shell-quoted) in `cwd`.
booklet::test::CommandResult booklet(const std::string& args, const fs::path& cwd, const std::string& env = "") {
    return booklet::test::run_command("cd '" + cwd.string() + "' && " + env + " '" BOOKLET_BINARY_DIR "/booklet' " +
                                      args);
}

class Cli : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("booklet-cli-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }
    static std::string sample(const std::string& name) { return BOOKLET_SOURCE_DIR "/tests/samples/" + name; }
    // Regular files a user sees (not booklet's hidden lists).
    std::size_t files_under(const fs::path& p) {
        if (!fs::exists(p)) return 0;
        std::size_t n = 0;
        for (const auto& e : fs::recursive_directory_iterator(p))
            n += e.is_regular_file() && e.path().filename().string()[0] != '.';
        return n;
    }
    fs::path dir_;
};

TEST_F(Cli, VersionAndHelp) {
    auto v = booklet("--version", dir_);
    EXPECT_EQ(v.status, 0);
    EXPECT_EQ(v.out.rfind("booklet ", 0), 0u) << v.out;
    for (const char* cmd : {"--help", "build --help", "check --help", "ics --help"}) {
        auto h = booklet(cmd, dir_);
        EXPECT_EQ(h.status, 0) << cmd;
        EXPECT_NE(h.out.find("Usage"), std::string::npos) << cmd;
    }
}

TEST_F(Cli, UsageErrorsExitTwo) {
    EXPECT_EQ(booklet("", dir_).status, 2);
    EXPECT_EQ(booklet("frobnicate", dir_).status, 2);
    EXPECT_EQ(booklet("check", dir_).status, 2);
    EXPECT_EQ(booklet("build --lang tlh", dir_).status, 2);  // no labels for Klingon
}

TEST_F(Cli, CheckPassesTheSeedDay) {
    auto r = booklet("check '" BOOKLET_SOURCE_DIR "/input/medico-social-2020.xml'", dir_);
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.out.find("1 day, 16 items, 7 talks, 18 people"), std::string::npos) << r.out;
    EXPECT_EQ(r.err.find("error"), std::string::npos) << r.err;
}

TEST_F(Cli, CheckReportsEveryErrorWithItsPosition) {
    const std::string file = sample("invalid/several-errors.xml");
    auto r = booklet("check '" + file + "'", dir_);
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find(file + ":4:32: error: unknown time zone 'Mars/Olympus'"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(file + ":13:8: error: invalid date '2020-13-01'"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(file + ":18:84: error: unknown person 'nobody'"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("3 errors, nothing written"), std::string::npos) << r.err;
}

TEST_F(Cli, WarningsDoNotFail) {
    std::ifstream in(sample("valid/minimal.xml"));
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    const std::string abstract = "<abstract><p>Résumé.</p></abstract>";
    text.replace(text.find(abstract), abstract.size(), "");
    std::ofstream(dir_ / "warn.xml") << text;
    auto r = booklet("check warn.xml", dir_);
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.err.find("warn.xml:17:7: warning: talk 't1' has no abstract"), std::string::npos) << r.err;
}

TEST_F(Cli, BadInputWritesNothing) {
    for (const char* name : {"invalid/several-errors.xml", "invalid/truncated.xml", "invalid/doctype-entities.xml",
                             "invalid/unknown-timezone.xml"}) {
        auto r = booklet("build '" + sample(name) + "' -o out", dir_);
        EXPECT_EQ(r.status, 2) << name;
        EXPECT_FALSE(fs::exists(dir_ / "out")) << name << " created the output folder";
        auto i = booklet("ics '" + sample(name) + "' -o out", dir_);
        EXPECT_EQ(i.status, 2) << name;
        EXPECT_FALSE(fs::exists(dir_ / "out")) << name;
    }
}

TEST_F(Cli, BadFilesGetOneClearMessage) {
    auto missing = booklet("check nope.xml", dir_);
    EXPECT_EQ(missing.status, 2);
    EXPECT_NE(missing.err.find("nope.xml: error: cannot open file: No such file or directory"), std::string::npos);
    auto directory = booklet("check .", dir_);
    EXPECT_EQ(directory.status, 2);
    EXPECT_NE(directory.err.find(".: error: is a directory, not a file"), std::string::npos);
    std::ofstream(dir_ / "empty.xml").close();
    auto empty = booklet("build empty.xml -o out", dir_);
    EXPECT_EQ(empty.status, 2);
    EXPECT_NE(empty.err.find("empty.xml:1:1: error: file is empty"), std::string::npos);
    EXPECT_FALSE(fs::exists(dir_ / "out"));
}

TEST_F(Cli, BadSourceDateEpochIsAnError) {
    auto r = booklet("build -o out", dir_, "SOURCE_DATE_EPOCH=yesterday");
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("SOURCE_DATE_EPOCH"), std::string::npos);
    EXPECT_FALSE(fs::exists(dir_ / "out"));
}

TEST_F(Cli, BuildDefaultsToTheSeedDay) {
    auto r = booklet("build -o out", dir_, "SOURCE_DATE_EPOCH=1577836800");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(fs::exists(dir_ / "out" / "medico-social-2020.ics"));
    EXPECT_TRUE(fs::exists(dir_ / "out" / "ics" / "nirello-ehpad.ics"));
    EXPECT_EQ(files_under(dir_ / "out" / "ics"), 7u);  // one per talk
    // No temporary file is left behind.
    for (const auto& e : fs::recursive_directory_iterator(dir_ / "out"))
        EXPECT_EQ(e.path().string().find(".tmp."), std::string::npos) << e.path();
}

// A talk that leaves the programme takes its calendar with it at the next
// build; a file booklet did not write stays.
TEST_F(Cli, ARebuildRemovesTheCalendarsOfTalksThatLeft) {
    const fs::path seed = fs::path(BOOKLET_SOURCE_DIR) / "tests" / "samples" / "valid" / "minimal.xml";
    std::ifstream in(seed);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string xml = ss.str();
    std::ofstream(dir_ / "day.xml") << xml;
    ASSERT_EQ(booklet("build day.xml -o out", dir_).status, 0);
    ASSERT_TRUE(fs::exists(dir_ / "out" / "ics" / "t2.ics"));
    std::ofstream(dir_ / "out" / "ics" / "mine.ics") << "not booklet's";

    const std::string second = "<talk id=\"t2\"";
    const auto from = xml.find(second);
    const auto to = xml.find("</talk>", from) + 7;
    ASSERT_NE(from, std::string::npos);
    xml.erase(from, to - from);
    std::ofstream(dir_ / "day.xml", std::ios::trunc) << xml;
    const auto r = booklet("build day.xml -o out", dir_);
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_TRUE(fs::exists(dir_ / "out" / "ics" / "t1.ics"));
    EXPECT_FALSE(fs::exists(dir_ / "out" / "ics" / "t2.ics"));
    EXPECT_TRUE(fs::exists(dir_ / "out" / "ics" / "mine.ics"));

    // `booklet ics` keeps the same list.
    ASSERT_EQ(booklet("ics day.xml -o out", dir_).status, 0);
    EXPECT_TRUE(fs::exists(dir_ / "out" / "ics" / "t1.ics"));
    EXPECT_TRUE(fs::exists(dir_ / "out" / "ics" / "mine.ics"));
}

}  // namespace

namespace {

class CliLanguage : public Cli {};

TEST_F(CliLanguage, ALanguageWithoutLabelsIsRefusedCleanly) {
    auto r = booklet("build --lang tlh -o out", dir_);
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("templates/labels/tlh.xml: error: no labels for the language 'tlh': add this file"),
              std::string::npos)
        << r.err;
    EXPECT_FALSE(fs::exists(dir_ / "out"));
    EXPECT_EQ(booklet("build --lang DE -o out", dir_).status, 2);  // not a language code
    EXPECT_EQ(booklet("build --lang de_CH -o out", dir_).status, 2);
    EXPECT_EQ(booklet("build --lang 12-! -o out", dir_).status, 2);
    EXPECT_FALSE(fs::exists(dir_ / "out"));
}

// The French seed day with Dutch (Belgian) labels: the fixed words and the
// dates are Dutch, the French text keeps its French spacing.
TEST_F(CliLanguage, DutchLabelsForAFrenchProgramme) {
    auto r = booklet("build --lang nl-BE -o out", dir_, "SOURCE_DATE_EPOCH=1577836800");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.err.find("warning"), std::string::npos) << r.err;
    const auto text = booklet::test::run_command("pdftotext '" + (dir_ / "out" / "medico-social-2020.pdf").string() + "' -");
    for (const char* words : {"Inhoud", "Samenvattingen", "Index van sprekers", "28 januari 2020", "Trefwoorden"})
        EXPECT_NE(text.out.find(words), std::string::npos) << words;
    EXPECT_NE(text.out.find("médico-social ?"), std::string::npos);  // French spacing in the French text
}

TEST_F(CliLanguage, ALanguageIsAddedWithAFile) {
    // A copy of the theme with German labels beside it: no recompiling.
    fs::create_directories(dir_ / "theme" / "labels");
    fs::copy_file(BOOKLET_SOURCE_DIR "/templates/theme.xml", dir_ / "theme" / "theme.xml");
    std::ifstream in(BOOKLET_SOURCE_DIR "/templates/labels/en.xml");
    std::stringstream ss;
    ss << in.rdbuf();
    std::string it = ss.str();
    it.replace(it.find("lang=\"en\""), 9, "lang=\"it\"");
    it.replace(it.find(">Abstracts<"), 11, ">Riassunti<");
    std::ofstream(dir_ / "theme" / "labels" / "it.xml") << it;
    auto r = booklet("build --theme theme/theme.xml --lang it -o out", dir_, "SOURCE_DATE_EPOCH=1577836800");
    ASSERT_EQ(r.status, 0) << r.err;
    const auto text = booklet::test::run_command("pdftotext '" + (dir_ / "out" / "medico-social-2020.pdf").string() + "' -");
    EXPECT_NE(text.out.find("Riassunti"), std::string::npos);
    EXPECT_NE(text.out.find("28 gennaio 2020"), std::string::npos);  // the date in Italian too
}

// A German (Swiss) programme with an English and a Dutch talk: German
// labels, German dates, each text hyphenated with its own patterns, French
// spacing nowhere.
TEST_F(CliLanguage, AGermanProgrammeBuildsWithGermanLabels) {
    auto r = booklet("build '" + sample("valid/german.xml") + "' -o out", dir_, "SOURCE_DATE_EPOCH=1577836800");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.err.find("warning"), std::string::npos) << r.err;
    const auto text = booklet::test::run_command("pdftotext '" + (dir_ / "out" / "german.pdf").string() + "' -");
    for (const char* words : {"Programm", "Inhalt", "Kurzfassungen", "Verzeichnis der Vortragenden", "Schlagwörter",
                              "Freitag, 27. Dezember 2024", "09:00 – 12:30", "Pause", "Jürgen Bauer", "Ayşe Özdemir",
                              "Femke de Visser", "Toegankelijkheid in de praktijk", "Plain language: what works?"})
        EXPECT_NE(text.out.find(words), std::string::npos) << words;
    // German compounds are broken with German patterns: in the German
    // abstract, lines end in a hyphen, and each broken word, joined again, is
    // one of the abstract's words (pdftotext -raw keeps the hyphens).
    const auto raw = booklet::test::run_command("pdftotext -raw '" + (dir_ / "out" / "german.pdf").string() + "' -");
    const auto from = raw.out.find("Die Donaudampf");
    const auto to = raw.out.find("Schlagwörter");
    ASSERT_NE(from, std::string::npos);
    ASSERT_NE(to, std::string::npos);
    std::ifstream source(sample("valid/german.xml"));
    std::stringstream xml;
    xml << source.rdbuf();
    std::istringstream lines(raw.out.substr(from, to - from));
    std::vector<std::string> all;
    for (std::string line; std::getline(lines, line);) all.push_back(line);
    int hyphenated = 0;
    for (std::size_t k = 0; k + 1 < all.size(); ++k) {
        if (all[k].empty() || all[k].back() != '-') continue;
        ++hyphenated;
        const std::string head = all[k].substr(all[k].rfind(' ') + 1);
        const std::string tail = all[k + 1].substr(0, all[k + 1].find_first_of(" ,.:;?"));
        const std::string word = head.substr(0, head.size() - 1) + tail;
        EXPECT_NE(xml.str().find(word), std::string::npos) << head << " / " << tail;
    }
    EXPECT_GE(hyphenated, 1) << raw.out;
    EXPECT_EQ(text.out.find("\u202F"), std::string::npos);  // no French narrow spaces
    EXPECT_EQ(text.out.find("what works ?"), std::string::npos);
}

TEST_F(CliLanguage, AProgrammeLanguageWithoutLabelsIsSetInEnglishWithOneWarning) {
    std::ifstream in(sample("valid/german.xml"));
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    text.replace(text.find("lang=\"de-CH\""), 12, "lang=\"ab\"");  // Abkhazian: no labels, no patterns
    std::ofstream(dir_ / "ab.xml") << text;
    auto r = booklet("build ab.xml -o out", dir_, "SOURCE_DATE_EPOCH=1577836800");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.err.find("ab.xml:2:1: warning: no labels for the programme's language 'ab'"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("ab.xml:2:1: warning: no hyphenation patterns for Abkhazian ('ab') in /usr/share/hyphen: "
                         "the programme's own text and 4 items are set without hyphenation"),
              std::string::npos)
        << r.err;
    std::size_t warnings = 0;
    for (std::size_t at = r.err.find("warning:"); at != std::string::npos; at = r.err.find("warning:", at + 1)) ++warnings;
    EXPECT_EQ(warnings, 2u) << r.err;
    const auto pdf = booklet::test::run_command("pdftotext '" + (dir_ / "out" / "ab.pdf").string() + "' -");
    EXPECT_NE(pdf.out.find("Index of speakers"), std::string::npos);
    EXPECT_NE(pdf.out.find("Friday 27 December 2024"), std::string::npos);
}

TEST_F(CliLanguage, TheThemeCanLeaveBreaksOutOfTheCalendar) {
    fs::create_directories(dir_ / "theme");
    std::ifstream in(BOOKLET_SOURCE_DIR "/templates/theme.xml");
    std::stringstream ss;
    ss << in.rdbuf();
    std::string theme = ss.str();
    theme.replace(theme.find("<calendar breaks=\"true\"/>"), 25, "<calendar breaks=\"false\"/>");
    std::ofstream(dir_ / "theme" / "theme.xml") << theme;
    ASSERT_EQ(booklet("build --theme theme/theme.xml -o without", dir_).status, 0);
    ASSERT_EQ(booklet("build -o with", dir_).status, 0);
    auto count = [&](const fs::path& ics) {
        std::ifstream f(ics);
        std::string line;
        int n = 0;
        while (std::getline(f, line)) n += line.rfind("BEGIN:VEVENT", 0) == 0;
        return n;
    };
    EXPECT_EQ(count(dir_ / "with" / "medico-social-2020.ics"), 16);
    EXPECT_EQ(count(dir_ / "without" / "medico-social-2020.ics"), 14);  // no lunch, no break
}

TEST_F(CliLanguage, AFailedLayoutLeavesNoFolderBehind) {
    std::ifstream in(sample("valid/minimal.xml"));
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    const std::string title = "<title>Exposé</title>";
    text.replace(text.find(title), title.size(), "<title>Exposé \U0001F600</title>");
    std::ofstream(dir_ / "emoji.xml") << text;
    auto r = booklet("build --strict emoji.xml -o out", dir_);
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("emoji.xml:17:7: error: title of talk 't1': character '\U0001F600' (U+1F600 GRINNING FACE)"),
              std::string::npos)
        << r.err;
    EXPECT_FALSE(fs::exists(dir_ / "out"));
}

// Characters from all over Unicode: the fallback chain draws ♥, U+2011,
// CJK and Tibetan; an emoji (beyond the BMP) is a box and a warning, the
// same from check and build, an error with --strict. Hangul syllables come
// from NanumGothic (Droid Sans Fallback has none).
class CliFonts : public Cli {
protected:
    std::string many_scripts() {
        std::ifstream in(sample("valid/minimal.xml"));
        std::stringstream ss;
        ss << in.rdbuf();
        std::string text = ss.str();
        auto replace = [&](const std::string& from, const std::string& to) { text.replace(text.find(from), from.size(), to); };
        replace("<title>Exposé</title>", "<title>PostgreSQL \u2665 FreeBSD \U0001F600</title>");
        replace("<family>Martin</family>", "<family>Martin\u2011Dupont \u80e1\u73ae\u6587</family>");
        replace("<affiliation>Université de Nantes</affiliation>", "<affiliation>\ud55c\uad6d\uc5b4 \uB300\uD559\uAD50</affiliation>");
        replace("<p>Résumé.</p>", "<p>Résumé \u0f56\u0f7c\u0f51 \U0001F5A8.</p>");
        const fs::path file = dir_ / "scripts.xml";
        std::ofstream(file) << text;
        return file.string();
    }
    static std::vector<std::string> glyph_lines(const std::string& err) {
        std::vector<std::string> lines;
        std::istringstream in(err);
        for (std::string l; std::getline(in, l);)
            if (l.find("drawn as an empty box") != std::string::npos) lines.push_back(l);
        return lines;
    }
};

TEST_F(CliFonts, CheckAndBuildReportTheSameCharacters) {
    const std::string file = many_scripts();
    const auto check = booklet("check '" + file + "'", dir_);
    EXPECT_EQ(check.status, 0) << check.err;
    const auto build = booklet("build '" + file + "' -o out", dir_);
    EXPECT_EQ(build.status, 0) << build.err;
    auto lines = glyph_lines(check.err);
    EXPECT_EQ(lines, glyph_lines(build.err));
    ASSERT_EQ(lines.size(), 2u) << check.err;
    EXPECT_EQ(lines[0], file + ":17:7: warning: title of talk 't1': character '\U0001F600' (U+1F600 GRINNING FACE) lies "
                             "beyond the Basic Multilingual Plane, which the PDF writer (libharu 2.3.0) cannot encode; "
                             "drawn as an empty box");
    EXPECT_NE(lines[1].find(file + ":17:"), std::string::npos) << lines[1];
    EXPECT_NE(lines[1].find("abstract of talk 't1': character '\U0001F5A8' (U+1F5A8 PRINTER)"), std::string::npos)
        << lines[1];
    // everything else is in the PDF, in fallback fonts, embedded
    const auto pdf = (dir_ / "out" / "scripts.pdf").string();
    const auto text = booklet::test::run_command("pdftotext '" + pdf + "' -");
    for (const char* s : {"PostgreSQL \u2665 FreeBSD", "Martin\u2011Dupont", "\u80e1\u73ae\u6587", "\u0f56\u0f7c\u0f51",
                          "\ud55c\uad6d\uc5b4 \uB300\uD559\uAD50"})
        EXPECT_NE(text.out.find(s), std::string::npos) << s;
    const auto fonts = booklet::test::run_command("pdffonts '" + pdf + "'");
    for (const char* f : {"DejaVuSerif", "DroidSansFallback", "NotoSerifTibetan", "NanumGothic"})
        EXPECT_NE(fonts.out.find(f), std::string::npos) << fonts.out;
}

TEST_F(CliFonts, StrictRefusesInCheckAndBuild) {
    const std::string file = many_scripts();
    const auto check = booklet("check --strict '" + file + "'", dir_);
    EXPECT_EQ(check.status, 2);
    EXPECT_NE(check.err.find(":17:7: error: title of talk 't1': character '\U0001F600'"), std::string::npos) << check.err;
    const auto build = booklet("build --strict '" + file + "' -o out", dir_);
    EXPECT_EQ(build.status, 2);
    EXPECT_NE(build.err.find(":17:7: error: title of talk 't1': character '\U0001F600'"), std::string::npos) << build.err;
    EXPECT_FALSE(fs::exists(dir_ / "out"));
}

// The real exports: what no font had used to stop the build.
TEST_F(CliFonts, FosdemExportsHaveNoGlyphErrors) {
    for (const char* name : {"fosdem-2019.xml", "fosdem-2026.xml"}) {
        const std::string file = BOOKLET_SOURCE_DIR "/../shared/corpus/" + std::string(name);
        const auto r = booklet("check '" + file + "'", dir_);
        std::istringstream in(r.err);
        for (std::string l; std::getline(in, l);) {
            EXPECT_EQ(l.find("is not in font"), std::string::npos) << l;
            if (l.find("character '") != std::string::npos) EXPECT_NE(l.find(": warning: "), std::string::npos) << l;
            // drawn by the fallback fonts, so not reported
            for (const char* drawn : {"U+2665", "U+2011", "U+80E1", "U+FF1A", "U+FFFC", "U+FFFD"})
                EXPECT_EQ(l.find(drawn), std::string::npos) << l;
        }
    }
    const std::string f2026 = BOOKLET_SOURCE_DIR "/../shared/corpus/fosdem-2026.xml";
    const auto b = booklet("build '" + f2026 + "' -o out", dir_);
    EXPECT_EQ(b.err.find("U+80E1"), std::string::npos) << b.err;
    EXPECT_NE(b.err.find("fosdem-2026.xml:12046:9: warning: abstract of talk 'e8220': character '\U0001F5A8'"),
              std::string::npos)
        << b.err;
    if (b.status == 0) {
        const auto text = booklet::test::run_command("pdftotext '" + (dir_ / "out" / "fosdem-2026.pdf").string() + "' -");
        EXPECT_NE(text.out.find("\u80e1\u73ae\u6587"), std::string::npos);
    }
}

// FOSDEM 2019 gives no time zone and no UTC offset: ics and build refuse
// with one error that names --timezone, and write nothing; with
// --timezone Europe/Brussels, 10:30 on 2019-02-02 (CET) is 09:30 UTC, as
// vobject reads the calendar.
TEST_F(Cli, ScheduleWithoutTimeZoneNeedsTheOption) {
    const std::string fosdem = BOOKLET_SOURCE_DIR "/../shared/corpus/fosdem-2019.xml";
    const std::string message =
        fosdem + ":1:1: error: the schedule has no time zone (no <time_zone_name>, no UTC offset): give one with "
                 "--timezone ZONE, e.g. --timezone Europe/Brussels\n";
    for (const char* command : {"ics", "build"}) {
        SCOPED_TRACE(command);
        auto r = booklet(std::string(command) + " '" + fosdem + "' -o out", dir_);
        EXPECT_EQ(r.status, 2);
        EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
        std::size_t errors = 0;
        for (std::size_t p = 0; (p = r.err.find(": error: ", p)) != std::string::npos; ++p) ++errors;
        EXPECT_EQ(errors, 1u) << r.err;
        EXPECT_EQ(files_under(dir_ / "out"), 0u);
    }
    // invite refuses too, before it reads the registrants; check only warns.
    std::ofstream(dir_ / "reg.csv") << "email,name\nanne@example.org,Anne\n";
    auto invite = booklet("invite '" + fosdem + "' --registrants reg.csv --dry-run mail", dir_);
    EXPECT_EQ(invite.status, 2);
    EXPECT_NE(invite.err.find(message), std::string::npos) << invite.err;
    EXPECT_FALSE(fs::exists(dir_ / "mail"));
    auto check = booklet("check '" + fosdem + "'", dir_);
    EXPECT_EQ(check.status, 0) << check.err;
    EXPECT_NE(check.err.find(":3:3: warning: the schedule has no time zone"), std::string::npos) << check.err;
    check = booklet("check '" + fosdem + "' --timezone Europe/Brussels", dir_);
    EXPECT_EQ(check.status, 0) << check.err;
    EXPECT_EQ(check.err.find("time zone"), std::string::npos) << check.err;

    auto bad = booklet("ics '" + fosdem + "' -o out --timezone Europe/Atlantis", dir_);
    EXPECT_EQ(bad.status, 2);
    EXPECT_NE(bad.err.find("unknown time zone 'Europe/Atlantis'"), std::string::npos) << bad.err;

    // A programme XML names its zone: the option wins, with a warning.
    auto own = booklet("ics '" + sample("valid/minimal.xml") + "' -o own --timezone Europe/Brussels", dir_);
    ASSERT_EQ(own.status, 0) << own.err;
    EXPECT_NE(own.err.find("minimal.xml:4:32: warning: the programme's time zone 'Europe/Paris' is replaced by "
                           "--timezone Europe/Brussels"),
              std::string::npos)
        << own.err;
    std::ifstream own_ics(dir_ / "own" / "minimal.ics");
    std::stringstream own_text;
    own_text << own_ics.rdbuf();
    EXPECT_NE(own_text.str().find("TZID:Europe/Brussels"), std::string::npos);

    auto r = booklet("ics '" + fosdem + "' -o out --timezone Europe/Brussels", dir_, "SOURCE_DATE_EPOCH=1700000000");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(r.err.find("no time zone"), std::string::npos) << r.err;
    auto parsed = booklet::test::run_command("/usr/bin/python3 '" BOOKLET_SOURCE_DIR "/tests/calendar/check_vobject.py' '" +
                                             (dir_ / "out" / "ics" / "e8807.ics").string() + "'");
    ASSERT_EQ(parsed.status, 0) << parsed.out << parsed.err;
    EXPECT_NE(parsed.out.find(" 2019-02-02T09:30:00Z +01:00"), std::string::npos) << parsed.out;
}

}  // namespace
