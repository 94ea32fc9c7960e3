#pragma once
// Runs a shell command for a test and captures its exit status, standard
// output and standard error. Header-only: every test folder may include it.
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace booklet::test {

struct CommandResult {
    int status = -1;  // the exit code; -1 when killed by a signal
    std::string out, err;
};

inline CommandResult run_command(const std::string& command) {
    static std::atomic<int> counter{0};
    const auto err_file = std::filesystem::temp_directory_path() /
                          ("booklet-test-stderr-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    CommandResult r;
    FILE* p = ::popen((command + " 2>'" + err_file.string() + "'").c_str(), "r");
    if (!p) return r;
    std::array<char, 8192> buf{};
    std::size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
    const int st = ::pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    std::ifstream in(err_file);
    std::stringstream ss;
    ss << in.rdbuf();
    r.err = ss.str();
    std::filesystem::remove(err_file);
    return r;
}

}  // namespace booklet::test
