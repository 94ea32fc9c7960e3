// Atomic outputs: a temporary file beside the target, created exclusively
// (a planted symbolic link is never followed), renamed into place; what a
// killed run left is cleared, what a live run is writing is not; a failure
// leaves the old file and no temporary file.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "files.hpp"

#include "io/atomic_file.hpp"

namespace fs = std::filesystem;
using namespace booklet;

namespace {

using booklet::test::slurp;

void spit(const fs::path& p, const std::string& s) { std::ofstream(p, std::ios::binary) << s; }

// A pid no process has: a child that has exited and been reaped.
pid_t dead_pid() {
    const pid_t pid = ::fork();
    if (pid == 0) _exit(0);
    int st = 0;
    ::waitpid(pid, &st, 0);
    return pid;
}

class AtomicFile : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("booklet-io-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        target_ = (dir_ / "out.pdf").string();
    }
    void TearDown() override {
        fs::permissions(dir_, fs::perms::owner_all);
        fs::remove_all(dir_);
    }
    // Every name in the folder that looks like a temporary file.
    std::vector<std::string> temps() const {
        std::vector<std::string> v;
        for (const auto& e : fs::directory_iterator(dir_))
            if (e.path().filename().string().find(".tmp.") != std::string::npos) v.push_back(e.path().filename());
        return v;
    }
    fs::path dir_;
    std::string target_;
};

TEST_F(AtomicFile, TheTemporaryFileIsHiddenBesideTheTarget) {
    EXPECT_EQ(io::temp_path_for("out/ics/a.ics", 42), "out/ics/.a.ics.tmp.42");
    EXPECT_EQ(io::temp_path_for("a.pdf", 7), ".a.pdf.tmp.7");
    EXPECT_EQ(io::temp_path_for("/a.pdf", 7), "/.a.pdf.tmp.7");
}

TEST_F(AtomicFile, WritesAndReplaces) {
    spit(target_, "old");
    io::write_file_atomically(target_, "new bytes");
    EXPECT_EQ(slurp(target_), "new bytes");
    EXPECT_TRUE(temps().empty());
    EXPECT_EQ(fs::status(target_).permissions() & fs::perms::owner_write, fs::perms::owner_write);
}

TEST_F(AtomicFile, ASymlinkPlantedAtTheTemporaryNameIsNotFollowed) {
    const fs::path victim = dir_ / "victim";
    spit(victim, "precious");
    spit(target_, "old");
    const std::string tmp = io::temp_path_for(target_, ::getpid());
    fs::create_symlink(victim, tmp);
    io::write_file_atomically(target_, "new");
    EXPECT_EQ(slurp(victim), "precious");
    EXPECT_EQ(slurp(target_), "new");
    EXPECT_FALSE(fs::is_symlink(target_));
    EXPECT_TRUE(temps().empty());

    // The same through an OutputSet, with a dangling link too.
    fs::create_symlink(dir_ / "created-through-the-link", tmp);
    {
        io::OutputSet out;
        out.stage(target_, "newer");
        out.commit();
    }
    EXPECT_FALSE(fs::exists(dir_ / "created-through-the-link"));
    EXPECT_EQ(slurp(target_), "newer");
    EXPECT_TRUE(temps().empty());
}

TEST_F(AtomicFile, ATemporaryFileOfADeadRunIsRemovedOnTheNextCommit) {
    const pid_t dead = dead_pid();
    const std::string stale = io::temp_path_for(target_, dead);
    const std::string legacy = target_ + ".tmp." + std::to_string(dead);  // the older naming
    spit(stale, "half a PDF");
    spit(legacy, "half a PDF");
    // Not ours to touch: another file's temporary file, a name that only
    // looks like one, pid 0.
    const std::string other = io::temp_path_for((dir_ / "other.pdf").string(), dead);
    spit(other, "x");
    spit(dir_ / ".out.pdf.tmp.12ab", "x");
    spit(dir_ / ".out.pdf.tmp.0", "x");
    io::OutputSet out;
    out.stage(target_, "complete");
    EXPECT_TRUE(fs::exists(stale));  // only a commit clears
    out.commit();
    EXPECT_EQ(slurp(target_), "complete");
    EXPECT_FALSE(fs::exists(stale));
    EXPECT_FALSE(fs::exists(legacy));
    EXPECT_TRUE(fs::exists(other));
    EXPECT_TRUE(fs::exists(dir_ / ".out.pdf.tmp.12ab"));
    EXPECT_TRUE(fs::exists(dir_ / ".out.pdf.tmp.0"));

    // write_file_atomically clears too.
    spit(stale, "half");
    io::write_file_atomically(target_, "again");
    EXPECT_FALSE(fs::exists(stale));
}

TEST_F(AtomicFile, ATemporaryFileOfALiveRunIsKept) {
    const pid_t live = ::fork();
    if (live == 0) {
        ::pause();
        _exit(0);
    }
    ASSERT_GT(live, 0);
    const std::string busy = io::temp_path_for(target_, live);
    spit(busy, "being written by a concurrent run");
    io::OutputSet out;
    out.stage(target_, "ours");
    out.commit();
    io::write_file_atomically(target_, "ours again");
    ::kill(live, SIGKILL);
    ::waitpid(live, nullptr, 0);
    EXPECT_EQ(slurp(busy), "being written by a concurrent run");
    EXPECT_EQ(slurp(target_), "ours again");
    // Once that run is gone, its file is stale.
    io::write_file_atomically(target_, "last");
    EXPECT_FALSE(fs::exists(busy));
}

TEST_F(AtomicFile, AFailedWriteLeavesTheOldFileAndNoTemporaryFile) {
    spit(target_, "old");
    // A file-size limit makes write() fail midway (EFBIG), even for root.
    struct rlimit before {};
    ::getrlimit(RLIMIT_FSIZE, &before);
    struct rlimit small = before;
    small.rlim_cur = 4096;
    auto* old_handler = ::signal(SIGXFSZ, SIG_IGN);
    ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
    std::string error;
    try {
        io::write_file_atomically(target_, std::string(100000, 'x'));
    } catch (const io::WriteError& e) {
        error = e.what();
    }
    ::setrlimit(RLIMIT_FSIZE, &before);
    ::signal(SIGXFSZ, old_handler);
    EXPECT_NE(error.find("cannot write"), std::string::npos) << error;
    EXPECT_EQ(slurp(target_), "old");
    EXPECT_TRUE(temps().empty());
}

TEST_F(AtomicFile, AnUnwritableFolderLeavesTheOldFileAndNoTemporaryFile) {
    if (::geteuid() == 0) GTEST_SKIP() << "root writes into a read-only folder";
    spit(target_, "old");
    fs::permissions(dir_, fs::perms::owner_read | fs::perms::owner_exec);
    EXPECT_THROW(io::write_file_atomically(target_, "new"), io::WriteError);
    fs::permissions(dir_, fs::perms::owner_all);
    EXPECT_EQ(slurp(target_), "old");
    EXPECT_TRUE(temps().empty());
}

TEST_F(AtomicFile, AFailedRenameLeavesTheOldTargetAndNoTemporaryFile) {
    // The target is a folder with something in it: rename() refuses.
    fs::create_directories(fs::path(target_) / "inside");
    EXPECT_THROW(io::write_file_atomically(target_, "new"), io::WriteError);
    EXPECT_TRUE(fs::is_directory(fs::path(target_) / "inside"));
    EXPECT_TRUE(temps().empty());
}

TEST_F(AtomicFile, AStageThatFailsLeavesNothingOfTheSet) {
    const std::string first = (dir_ / "book.pdf").string();
    spit(first, "old book");
    {
        io::OutputSet out;
        out.stage(first, "new book");
        EXPECT_EQ(temps().size(), 1u);
        EXPECT_THROW(out.stage((dir_ / "missing" / "a.ics").string(), "x"), io::WriteError);
    }  // never committed
    EXPECT_EQ(slurp(first), "old book");
    EXPECT_TRUE(temps().empty());
}

TEST_F(AtomicFile, StagingAPathTwiceKeepsTheLastBytes) {
    io::OutputSet out;
    out.stage(target_, "first");
    out.stage(target_, "second");
    EXPECT_EQ(out.paths().size(), 1u);
    out.commit();
    EXPECT_EQ(slurp(target_), "second");
    EXPECT_TRUE(temps().empty());
}

TEST_F(AtomicFile, MakeDirectoriesCreatesParents) {
    io::make_directories((dir_ / "a" / "b" / "c/").string());
    EXPECT_TRUE(fs::is_directory(dir_ / "a" / "b" / "c"));
    io::make_directories((dir_ / "a" / "b").string());  // exists: fine
    spit(dir_ / "file", "x");
    EXPECT_THROW(io::make_directories((dir_ / "file" / "sub").string()), io::WriteError);
}

}  // namespace
