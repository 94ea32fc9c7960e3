#pragma once
// What the schedule tests share: the sample and corpus folders, diagnostics
// as text, and a fixture that runs the booklet binary in a scratch folder.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "model/diagnostic.hpp"
#include "run_command.hpp"

namespace booklet::test {

inline const std::string kScheduleSamples = BOOKLET_SOURCE_DIR "/tests/schedule/samples/";
inline const std::string kCorpusDir = BOOKLET_SOURCE_DIR "/../shared/corpus/";

// One diagnostic a line, sorted.
inline std::string lines(const model::Diagnostics& d) {
    std::string s;
    for (const auto& x : d.sorted()) s += x.str() + "\n";
    return s;
}

// The same, with the sample folder left out of the paths.
inline std::string short_lines(const model::Diagnostics& d) {
    std::string s = lines(d);
    for (std::size_t p; (p = s.find(kScheduleSamples)) != std::string::npos;) s.erase(p, kScheduleSamples.size());
    return s;
}

// A scratch folder per test (removed after it) in which `booklet ARGS` runs.
class BookletInScratchFolder : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("booklet-schedule-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->test_suite_name() + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    CommandResult run(const std::string& cmd) { return run_command("cd '" + dir_.string() + "' && " + cmd); }
    CommandResult booklet(const std::string& args) { return run("'" BOOKLET_BINARY_DIR "/booklet' " + args); }

    std::filesystem::path dir_;
};

}  // namespace booklet::test
