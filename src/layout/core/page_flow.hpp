#pragma once
// Page breaking: a vertical list of lines and gaps is cut into pages of a
// given frame height, keeping the rules of good bookwork:
//  * no orphan: a paragraph leaves at least `orphan_lines` lines at the foot
//    of a page, and no widow: it carries at least `widow_lines` lines over;
//  * an item marked keep_with_next (a heading line) is never the last thing
//    on a page, and is followed on its page by `lines_after_keep` lines;
//  * items of one keep group stay on one page;
//  * no page ends with a hyphenated line;
//  * gaps at the top of a page are discarded; PageBreak items force a break.
// Greedy with backtracking: each page takes all that fits, then steps back to
// the last break point allowed by the rules. When no such point exists on
// the page, rules are relaxed one at a time (keep groups, then the hyphen
// rule, then widows/orphans, then keep-with-next) and the violation is
// counted. O(n) apart from the backtracking within a page.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace booklet::layout {

struct FlowItem {
    enum class Kind : std::uint8_t { Line, Gap, PageBreak };
    Kind kind = Kind::Line;
    double height = 0;           // Line: above the baseline; Gap: its size
    double depth = 0;            // Line: below the baseline. A line takes height + depth.
    double stretch = 0;          // Gap: how much it may grow (vertical justification)
    double shrink = 0;           // Gap: how much it may shrink to fit a page
    int paragraph = -1;          // Line: consecutive lines with the same id >= 0 form a
                                 // paragraph (widow/orphan rules); -1: a stand-alone line
    bool hyphenated = false;     // Line: ends with a hyphen
    bool keep_with_next = false; // no page break right after this item (headings)
    int keep_group = -1;         // consecutive items with the same id >= 0 stay together

    static FlowItem line(double height, double depth, int paragraph = -1, bool hyphenated = false);
    static FlowItem gap(double size, double stretch = 0, double shrink = 0);
    static FlowItem page_break();
};

struct FlowParams {
    std::vector<double> frame_heights{600.0};  // page i: frame_heights[min(i, size-1)]
    int orphan_lines = 2;
    int widow_lines = 2;
    int lines_after_keep = 2;
    bool no_hyphen_at_page_end = true;
    bool stretch_gaps = false;  // spread leftover space over gap stretch (not on last/forced pages)

    double frame(std::size_t page) const {
        if (frame_heights.empty()) return 0;
        return frame_heights[page < frame_heights.size() ? page : frame_heights.size() - 1];
    }
};

struct FlowPage {
    std::size_t begin = 0, end = 0;  // items [begin, end); begin is the first item kept
    double height = 0;               // natural height of the content (trailing gaps excluded)
    double frame = 0;
    double ratio = 0;                // gap adjustment: > 0 stretched, < 0 shrunk
    bool forced = false;             // ended by a PageBreak item or by the end of the list
    int relaxed = 0;                 // 0: all rules kept; 1 keep group, 2 hyphen, 3 widow/orphan,
                                     // 4 keep-with-next had to be given up to end this page
    double fill() const { return frame > 0 ? height / frame : 0; }
};

struct FlowResult {
    std::vector<FlowPage> pages;
    std::vector<double> y;      // per item: top of the item below the frame top; NaN if discarded
    std::vector<int> page_of;   // per item: its page, -1 if discarded
    int widows = 0;             // rule violations the flow could not avoid
    int orphans = 0;
    int hyphenated_page_ends = 0;
    int broken_keeps = 0;       // keep_with_next / lines_after_keep / keep group
    int overfull_pages = 0;     // a single item taller than the frame
};

FlowResult flow_pages(std::span<const FlowItem> items, const FlowParams& params);

}  // namespace booklet::layout
