#pragma once
// Rich text: headings, paragraphs, lists, code blocks and inline
// emphasis/links/code, as in an introduction or an abstract. Plain value types; readers fill them,
// layout and calendar read them.
#include <string>
#include <vector>

#include "model/source_location.hpp"

namespace booklet::model {

struct Inline {
    std::string text;      // UTF-8, whitespace already collapsed
    bool emphasis = false;
    bool strong = false;
    std::string href;      // non-empty for a link
    bool code = false;     // inline code: a monospaced face, never hyphenated
};

struct Block {
    enum class Kind { Paragraph, Heading, List, Code };
    Kind kind = Kind::Paragraph;
    int level = 1;                          // Heading: 1 = section
    bool ordered = false;                   // List
    std::vector<Inline> inlines;            // Paragraph, Heading
    std::vector<std::vector<Block>> items;  // List: each item is a block sequence
    // Code (preformatted): its lines exactly as written, white space kept,
    // no line breaks inside a line, no trailing empty line.
    std::vector<std::string> lines;
    SourceLocation where;

    std::string plain() const;  // the block's text without markup
};

struct Text {
    std::vector<Block> blocks;
    bool empty() const { return blocks.empty(); }
    // Paragraphs separated by blank lines, list items as "- item", code
    // blocks line by line.
    std::string plain() const;
};

}  // namespace booklet::model
