#pragma once
// Reading a whole file for a test. Header-only, like run_command.hpp.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace booklet::test {

// The bytes of `p`; empty when it cannot be read.
inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace booklet::test
