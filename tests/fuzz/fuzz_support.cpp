#include "fuzz_support.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

namespace booklet::fuzz {

std::string scratch_dir() {
    // Never destroyed: the exit handler below still needs it after static
    // destructors have run.
    static const std::string* dir = [] {
        auto d = std::filesystem::temp_directory_path() / ("booklet-fuzz-" + std::to_string(::getpid()));
        std::filesystem::create_directories(d);
        auto* s = new std::string(d.string());
        std::atexit([] {
            std::error_code ec;
            std::filesystem::remove_all(*dir, ec);
        });
        return s;
    }();
    return *dir;
}

}  // namespace booklet::fuzz
