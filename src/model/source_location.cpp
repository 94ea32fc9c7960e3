#include "model/source_location.hpp"

namespace booklet::model {

std::string SourceLocation::str() const {
    if (line <= 0) return file;
    std::string s = file + ":" + std::to_string(line);
    if (column > 0) s += ":" + std::to_string(column);
    return s;
}

}  // namespace booklet::model
