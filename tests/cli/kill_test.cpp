// Atomic outputs, end to end: a `booklet build` killed with SIGKILL in the
// middle of writing leaves the previous booklet, programme calendar and
// per-talk calendars byte for byte, and the next build clears what the
// killed one left behind.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>

#include "files.hpp"
#include "run_command.hpp"
#include "synthetic_programme.hpp"

namespace fs = std::filesystem;

namespace {

using booklet::test::slurp;

bool is_temp(const fs::path& p) { return p.filename().string().find(".tmp.") != std::string::npos; }

// Every regular file under `dir` that is not a temporary file, by relative
// path, with its bytes.
std::map<std::string, std::string> outputs(const fs::path& dir) {
    std::map<std::string, std::string> m;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file() && !is_temp(e.path())) m[fs::relative(e.path(), dir).string()] = slurp(e.path());
    return m;
}

std::vector<std::string> temps_under(const fs::path& dir) {
    std::vector<std::string> v;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (is_temp(e.path())) v.push_back(fs::relative(e.path(), dir).string());
    return v;
}

const std::string kBooklet = BOOKLET_BINARY_DIR "/booklet";

booklet::test::CommandResult build(const fs::path& input, const fs::path& out) {
    return booklet::test::run_command("SOURCE_DATE_EPOCH=1577836800 '" + kBooklet + "' build '" + input.string() +
                                      "' -o '" + out.string() + "'");
}

// Starts `booklet build input -o out` itself (no shell between), so the
// pid is the build's.
pid_t start_build(const fs::path& input, const fs::path& out) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::setenv("SOURCE_DATE_EPOCH", "1577836800", 1);
        if (!std::freopen("/dev/null", "w", stdout) || !std::freopen("/dev/null", "w", stderr)) _exit(127);
        const std::string in = input.string(), o = out.string();
        ::execl(kBooklet.c_str(), kBooklet.c_str(), "build", in.c_str(), "-o", o.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    return pid;
}

class KillMidway : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("booklet-kill-" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_ / "big");
    }
    void TearDown() override { fs::remove_all(dir_); }
    fs::path dir_;
};

TEST_F(KillMidway, AKilledBuildLeavesThePreviousOutputsIntact) {
    const fs::path seed = BOOKLET_SOURCE_DIR "/input/medico-social-2020.xml";
    const fs::path out = dir_ / "out";
    // The big programme has the seed's file name: the same output names.
    const fs::path big = dir_ / "big" / seed.filename();

    std::map<std::string, std::string> before;
    bool killed_midway = false;
    std::vector<std::string> left;
    // A build that finishes before it is caught proves nothing: retry with
    // a bigger programme (a slow machine gives a wide window anyway).
    for (int talks : {300, 1200, 4800}) {
        fs::remove_all(out);
        const auto r = build(seed, out);
        ASSERT_EQ(r.status, 0) << r.err;
        before = outputs(out);
        ASSERT_TRUE(before.count("medico-social-2020.pdf"));
        ASSERT_TRUE(before.count("medico-social-2020.ics"));
        ASSERT_EQ(before.size(), 10u);  // the booklet, the programme, 7 talks and their list
        ASSERT_TRUE(temps_under(out).empty());
        std::ofstream(big, std::ios::binary) << booklet::test::synthetic_programme(talks);

        const pid_t pid = start_build(big, out);
        ASSERT_GT(pid, 0);
        // The booklet is staged first, then the programme calendar, then
        // one calendar per talk; commit() renames them in that order. Kill
        // once some per-talk calendars are staged, with most still to come.
        const fs::path pdf_temp = out / (".medico-social-2020.pdf.tmp." + std::to_string(pid));
        const std::size_t enough = 20;
        bool exited = false;
        int st = 0;
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
        while (std::chrono::steady_clock::now() < deadline) {
            std::error_code ec;
            std::size_t staged = 0;
            if (fs::exists(pdf_temp, ec))
                for (const auto& e : fs::directory_iterator(out / "ics", ec)) staged += is_temp(e.path());
            if (staged >= enough) break;
            if (::waitpid(pid, &st, WNOHANG) == pid) {
                exited = true;
                break;
            }
            std::this_thread::sleep_for(std::chrono::microseconds(500));
        }
        if (!exited) {
            ::kill(pid, SIGKILL);
            ASSERT_EQ(::waitpid(pid, &st, 0), pid);
        }
        ASSERT_TRUE(WIFSIGNALED(st) || (WIFEXITED(st) && WEXITSTATUS(st) == 0))
            << "the build of " << talks << " talks failed";
        // Midway: killed, and before commit() renamed the booklet (the first
        // rename); a build that finished, or reached commit(), was too quick.
        if (WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL && fs::exists(pdf_temp)) {
            killed_midway = true;
            left = temps_under(out);
            std::cout << "killed the build of " << talks << " talks with " << left.size()
                      << " temporary files written\n";
            break;
        }
    }
    ASSERT_TRUE(killed_midway) << "every build finished before it could be killed";
    EXPECT_GT(left.size(), 20u) << "the killed build left too few temporary files: was it midway?";

    // Every earlier output byte for byte, and no new file under an output name.
    const auto after = outputs(out);
    EXPECT_EQ(after.size(), before.size());
    for (const auto& [name, bytes] : before) {
        ASSERT_TRUE(after.count(name)) << name << " is gone";
        EXPECT_TRUE(after.at(name) == bytes) << name << " changed";
    }
    for (const auto& [name, bytes] : after) EXPECT_TRUE(before.count(name)) << name << " appeared";

    // The next build succeeds and clears what the killed one left.
    const auto again = build(big, out);
    ASSERT_EQ(again.status, 0) << again.err;
    EXPECT_TRUE(temps_under(out).empty()) << temps_under(out).front();
    const std::string pdf = slurp(out / "medico-social-2020.pdf");
    EXPECT_NE(pdf, before.at("medico-social-2020.pdf"));
    EXPECT_NE(pdf.rfind("%%EOF"), std::string::npos);
    EXPECT_TRUE(fs::exists(out / "ics" / "t0.ics"));
}

}  // namespace
