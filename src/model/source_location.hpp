#pragma once
// Where a piece of the model came from, so every stage can still say
// "file:line:col". Line and column are 1-based; 0 means "unknown".
#include <string>

namespace booklet::model {

struct SourceLocation {
    std::string file;
    int line = 0;
    int column = 0;

    bool known() const { return line > 0; }
    // "file:line:col" (or "file" alone when the position is unknown).
    std::string str() const;
};

}  // namespace booklet::model
