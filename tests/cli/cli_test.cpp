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

#include "../support/run_command.hpp"

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
    std::size_t files_under(const fs::path& p) {
        if (!fs::exists(p)) return 0;
        std::size_t n = 0;
        for (const auto& e : fs::recursive_directory_iterator(p)) n += e.is_regular_file();
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

}  // namespace
