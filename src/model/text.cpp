#include "model/text.hpp"

namespace booklet::model {

std::string Block::plain() const {
    std::string s;
    if (kind == Kind::List) {
        for (const auto& item : items) {
            if (!s.empty()) s += '\n';
            s += "- ";
            bool first = true;
            for (const auto& b : item) {
                if (!first) s += ' ';
                s += b.plain();
                first = false;
            }
        }
        return s;
    }
    if (kind == Kind::Code) {
        for (std::size_t i = 0; i < lines.size(); ++i) {
            if (i) s += '\n';
            s += lines[i];
        }
        return s;
    }
    for (const auto& in : inlines) s += in.text;
    return s;
}

std::string Text::plain() const {
    std::string s;
    for (const auto& b : blocks) {
        if (!s.empty()) s += "\n\n";
        s += b.plain();
    }
    return s;
}

}  // namespace booklet::model
