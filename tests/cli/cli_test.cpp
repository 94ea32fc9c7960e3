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
    EXPECT_EQ(booklet("build --lang de", dir_).status, 2);
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
    auto r = booklet("build --lang de -o out", dir_);
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("templates/labels/de.xml: error: no labels for the language 'de': add this file"),
              std::string::npos)
        << r.err;
    EXPECT_FALSE(fs::exists(dir_ / "out"));
    EXPECT_EQ(booklet("build --lang DE -o out", dir_).status, 2);  // not a language code
}

TEST_F(CliLanguage, ALanguageIsAddedWithAFile) {
    // A copy of the theme with German labels beside it: no recompiling.
    fs::create_directories(dir_ / "theme" / "labels");
    fs::copy_file(BOOKLET_SOURCE_DIR "/templates/theme.xml", dir_ / "theme" / "theme.xml");
    std::ifstream in(BOOKLET_SOURCE_DIR "/templates/labels/en.xml");
    std::stringstream ss;
    ss << in.rdbuf();
    std::string de = ss.str();
    de.replace(de.find("lang=\"en\""), 9, "lang=\"de\"");
    de.replace(de.find(">Abstracts<"), 11, ">Zusammenfassungen<");
    std::ofstream(dir_ / "theme" / "labels" / "de.xml") << de;
    auto r = booklet("build --theme theme/theme.xml --lang de -o out", dir_, "SOURCE_DATE_EPOCH=1577836800");
    ASSERT_EQ(r.status, 0) << r.err;
    const auto text = booklet::test::run_command("pdftotext '" + (dir_ / "out" / "medico-social-2020.pdf").string() + "' -");
    EXPECT_NE(text.out.find("Zusammenfassungen"), std::string::npos);
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
    text.replace(text.find(title), title.size(), "<title>Exposé 中文</title>");
    std::ofstream(dir_ / "cjk.xml") << text;
    auto r = booklet("build cjk.xml -o out", dir_);
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("cjk.xml:17:7: error: character '中' (U+4E2D) is not in font"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir_ / "out"));
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
