#include "io/resources.hpp"

#include <cstdlib>

#ifndef BOOKLET_RESOURCE_DIR
#error "BOOKLET_RESOURCE_DIR must be defined by the build"
#endif

namespace booklet::io {

std::string resource_dir() {
    if (const char* home = std::getenv("BOOKLET_HOME"); home && *home) return home;
    return BOOKLET_RESOURCE_DIR;
}

std::string resource_path(const std::string& relative) { return resource_dir() + "/" + relative; }

}  // namespace booklet::io
