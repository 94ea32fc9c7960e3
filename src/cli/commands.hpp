#pragma once
// One function per subcommand; each returns the process exit code.
#include <string>

namespace booklet::cli {

inline constexpr int kOk = 0;
inline constexpr int kInternalError = 1;
inline constexpr int kBadInput = 2;

struct BuildArgs {
    std::string input;  // empty: the bundled seed day
    std::string output_dir = "out";
    std::string theme;
    std::string lang;
    bool no_breaks = false;
    bool report = false;
    bool allow_outside = false;
};

struct CheckArgs {
    std::string input;
    bool allow_outside = false;
};

struct IcsArgs {
    std::string input;
    std::string output_dir = "out";
    bool no_breaks = false;
};

int run_build(const BuildArgs& args);
int run_check(const CheckArgs& args);
int run_ics(const IcsArgs& args);

}  // namespace booklet::cli
