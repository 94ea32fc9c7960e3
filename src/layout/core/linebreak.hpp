#pragma once
// Knuth–Plass line breaking ("Breaking Paragraphs into Lines", 1981), the
// total-fit algorithm TeX uses: a paragraph is a list of boxes, glue and
// penalties, and the breaks chosen minimise the sum of the demerits of all
// lines at once instead of filling each line greedily.
//
//  * Three passes, as TeX: (1) without the optional (hyphenation) breaks,
//    lines within `pretolerance`; (2) with them, within `tolerance`;
//    (3) emergency: any looseness, and if some line cannot fit at all, an
//    overfull line is made where it overflows least and is reported.
//  * Demerits: (line_penalty + badness)² ± penalty², + flagged_demerits for
//    two consecutive flagged (hyphen) breaks, + final_hyphen_demerits when
//    the second-last line ends with a hyphen, + fitness_demerits when
//    adjacent lines' fitness classes (very loose, loose, decent, tight)
//    differ by more than one. badness = 100·|r|³, r the adjustment ratio.
//  * At most max_consecutive_flagged flagged breaks in a row: enforced as a
//    hard rule (such a break is not a candidate) in passes 1 and 2, not just
//    penalised; the emergency pass lifts it when the only other way is an
//    overfull line.
//  * Line widths may vary per line (hanging indents, a first line beside a
//    drop cap): line i has width line_widths[min(i, size-1)].
// Widths are in points; ratios are dimensionless.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace booklet::layout {

inline constexpr int kInfinitePenalty = 10000;

struct Item {
    enum class Type : std::uint8_t { Box, Glue, Penalty };
    Type type = Type::Box;
    bool flagged = false;   // Penalty: a hyphen break (counts as a hyphenated line)
    bool optional = false;  // Penalty: automatic hyphenation point, ignored in pass 1
    int penalty = 0;        // Penalty: >= 10000 forbids a break, <= -10000 forces one
    double width = 0;       // Box, Glue; Penalty: width added to the line if it breaks here (a hyphen)
    double stretch = 0;     // Glue: finite stretchability (may be negative, as in ragged-right glue)
    double shrink = 0;      // Glue: shrinkability, at most `shrink` (r >= -1)
    double fil = 0;         // Glue: infinite stretchability (\parfillskip); finite glue stays natural
    std::uint32_t ref = 0;  // caller's data (what the item stands for)

    static Item make_box(double width, std::uint32_t ref = 0);
    static Item make_glue(double width, double stretch, double shrink, std::uint32_t ref = 0);
    static Item make_fil_glue(double width = 0, double fil = 1);
    static Item make_penalty(double width, int value, bool flagged = false, bool optional = false,
                             std::uint32_t ref = 0);
};

struct LineBreakParams {
    std::vector<double> line_widths{100.0};  // width of line i: line_widths[min(i, size-1)]
    double pretolerance = 1.0;     // pass 1 max ratio; < 0 skips pass 1
    double tolerance = 2.0;        // pass 2 max ratio; < 0 skips pass 2
    bool emergency_pass = true;    // pass 3 when the others fail
    double line_penalty = 10;
    double flagged_demerits = 10000;
    double final_hyphen_demerits = 5000;
    double fitness_demerits = 10000;
    int max_consecutive_flagged = 2;  // 0: no limit

    double line_width(std::size_t line) const {
        if (line_widths.empty()) return 0;
        return line_widths[line < line_widths.size() ? line : line_widths.size() - 1];
    }
};

// One line of the result: items [begin, end) with the break at `end` (a
// glue or penalty item that is not part of the line, except for a
// penalty's width, e.g. the hyphen). Glue and penalties after a break are
// discarded, so `begin` is the first item the line keeps.
struct BrokenLine {
    std::size_t begin = 0;
    std::size_t end = 0;
    double ratio = 0;      // adjustment ratio applied to the glue: > 0 stretch, < 0 shrink,
                           // clamped to [-1, ...); 0 when infinite glue absorbs the slack
                           // or when the line has no stretch at all
    double natural = 0;    // natural width, including a penalty's width at the break
    double target = 0;     // line width
    double badness = 0;
    int fitness = 2;       // 0 very loose, 1 loose, 2 decent, 3 tight
    bool flagged = false;  // ends at a flagged penalty
    bool overfull = false; // too wide even with all shrink used; `overflow` says by how much
    bool underfull = false;// shorter than the measure with no stretch to fill it
    double overflow = 0;
};

struct LineBreakResult {
    std::vector<BrokenLine> lines;  // empty when every enabled pass failed
    double demerits = 0;
    int pass = 0;                   // the pass that succeeded: 1, 2 or 3
    bool ok() const { return pass != 0; }
};

// Total-fit breaking. The paragraph should end with a forced break (a
// penalty <= -10000, usually after \parfillskip glue); if it does not, one
// is assumed after the last item.
LineBreakResult break_lines(std::span<const Item> items, const LineBreakParams& params);

// First-fit (greedy) breaking, as word processors do: each line takes all
// it can at natural width, breaking at the last legal point that fits
// (optional points included). For comparisons; demerits use the same
// formula as break_lines.
LineBreakResult break_lines_first_fit(std::span<const Item> items, const LineBreakParams& params);

// The lines and total demerits for a given sequence of break positions
// (item indices, ascending, the last one the final break).
LineBreakResult evaluate_breaks(std::span<const Item> items, std::span<const std::size_t> breaks,
                                const LineBreakParams& params);

}  // namespace booklet::layout
