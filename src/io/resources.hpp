#pragma once
// Where booklet finds its bundled files (fonts/, templates/, input/):
// $BOOKLET_HOME when set, else the source tree the binary was built from.
#include <string>

namespace booklet::io {

std::string resource_dir();
// resource_dir() + "/" + relative
std::string resource_path(const std::string& relative);

}  // namespace booklet::io
