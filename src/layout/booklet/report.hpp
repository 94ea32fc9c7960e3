#pragma once
// Typesetting quality of a whole booklet, measured while it is laid out:
// what `booklet build --report` prints and what tests assert.
#include <string>
#include <vector>

#include "layout/core/paragraph.hpp"
#include "model/source_location.hpp"

namespace booklet::layout {

struct QualityReport {
    int pages = 0;
    int paragraphs = 0;
    int lines = 0;
    int justified_lines = 0;        // not counting last lines
    double max_stretch = 0;         // largest adjustment ratio of a justified line
    double max_shrink = 0;          // largest |ratio| of a shrunk line
    int hyphenated_lines = 0;
    int max_consecutive_hyphens = 0;
    int emergency_paragraphs = 0;   // needed the third (emergency) pass
    int widows = 0;                 // a paragraph's last line alone at the top of a page
    int orphans = 0;                // a paragraph's first line alone at the bottom of a page
    int pages_ending_in_hyphen = 0;
    struct Overfull {
        model::SourceLocation where;
        double overflow = 0;
        std::string text;
    };
    std::vector<Overfull> overfull;

    // Counts a paragraph's lines (called once per paragraph laid out).
    void add(const LaidOutParagraph& p, const model::SourceLocation& where, bool justified);
    std::string str() const;  // a readable table
};

}  // namespace booklet::layout
