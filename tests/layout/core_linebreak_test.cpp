#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <sstream>

#include "core_test_support.hpp"
#include "layout/core/font_metrics.hpp"
#include "layout/core/hyphenation.hpp"
#include "layout/core/linebreak.hpp"

using namespace booklet::layout;

namespace {

// Words of unit-width characters, one space (glue 1, stretch 1, no shrink)
// between them, \parfillskip and a forced break at the end.
std::vector<Item> unit_paragraph(const std::vector<std::string>& words) {
    std::vector<Item> items;
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (i > 0) items.push_back(Item::make_glue(1, 1, 0));
        for (std::size_t k = 0; k < words[i].size(); ++k) items.push_back(Item::make_box(1));
    }
    items.push_back(Item::make_penalty(0, kInfinitePenalty));
    items.push_back(Item::make_fil_glue());
    items.push_back(Item::make_penalty(0, -kInfinitePenalty));
    return items;
}

// The words on each line, for readable expectations.
std::vector<int> boxes_per_line(const std::vector<Item>& items, const LineBreakResult& r) {
    std::vector<int> out;
    for (const BrokenLine& l : r.lines) {
        int n = 0;
        for (std::size_t i = l.begin; i < l.end; ++i) n += items[i].type == Item::Type::Box;
        out.push_back(n);
    }
    return out;
}

// Items for real text: measured with a real font, hyphenation points as
// optional flagged penalties (what ParagraphBuilder builds, minus spans).
std::vector<Item> text_items(const std::string& text, const FontMetrics& fm, double size, Hyphenator* hy) {
    std::vector<Item> items;
    const double space = fm.advance(U' ', size);
    const double hyphen = fm.advance(U'-', size);
    std::istringstream in(text);
    std::string word;
    bool first = true;
    while (in >> word) {
        if (!first) items.push_back(Item::make_glue(space, size / 6, space / 3));
        first = false;
        std::size_t prev = 0;
        if (hy) {
            for (const HyphenBreak& b : hy->breaks(word)) {
                items.push_back(Item::make_box(fm.width(word.substr(prev, b.offset - prev), size)));
                items.push_back(b.explicit_hyphen ? Item::make_penalty(0, 50, true)
                                                  : Item::make_penalty(hyphen, 50, true, true));
                prev = b.offset;
            }
        }
        items.push_back(Item::make_box(fm.width(word.substr(prev), size)));
    }
    items.push_back(Item::make_penalty(0, kInfinitePenalty));
    items.push_back(Item::make_fil_glue());
    items.push_back(Item::make_penalty(0, -kInfinitePenalty));
    return items;
}

bool feasible(const LineBreakResult& r, double tolerance, int max_flagged) {
    int run = 0;
    for (std::size_t i = 0; i < r.lines.size(); ++i) {
        const BrokenLine& l = r.lines[i];
        if (l.overfull || l.underfull) return false;
        if (i + 1 < r.lines.size() && l.ratio > tolerance + 1e-12) return false;
        run = l.flagged ? run + 1 : 0;
        if (max_flagged > 0 && run > max_flagged) return false;
    }
    return true;
}

}  // namespace

// Width 10, spaces 1 (stretch 1), words "a bbb c dd eeeee f gggg".
// First fit takes "a bbb c dd" (exactly 10, r = 0), then "eeeee f" has
// 3 units to fill with one space: r = 3, badness 2700. Total-fit instead
// sets "a bbb c" (7 + 3 over two spaces: r = 1.5, badness 337.5) and
// "dd eeeee f" (exactly 10). Demerits, line penalty 10, +10000 for each
// jump of two fitness classes:
//   total fit: (10+337.5)² + 10000 + (10+0)² + 10000 + 10² = 140956.25
//   first fit: 10² + (10+2700)² + 10000 + 10² + 10000       = 7364300
TEST(LineBreak, FindsTheKnownOptimumOfAHandCheckedParagraph) {
    const auto items = unit_paragraph({"a", "bbb", "c", "dd", "eeeee", "f", "gggg"});
    LineBreakParams p;
    p.line_widths = {10};
    const LineBreakResult kp = break_lines(items, p);
    ASSERT_TRUE(kp.ok());
    EXPECT_EQ(kp.pass, 2);  // nothing fits within r <= 1
    EXPECT_EQ(boxes_per_line(items, kp), (std::vector<int>{5, 8, 4}));
    EXPECT_DOUBLE_EQ(kp.lines[0].ratio, 1.5);
    EXPECT_DOUBLE_EQ(kp.lines[1].ratio, 0.0);
    EXPECT_DOUBLE_EQ(kp.demerits, 140956.25);

    const LineBreakResult ff = break_lines_first_fit(items, p);
    EXPECT_EQ(boxes_per_line(items, ff), (std::vector<int>{7, 6, 4}));
    EXPECT_DOUBLE_EQ(ff.lines[1].ratio, 3.0);
    EXPECT_DOUBLE_EQ(ff.demerits, 7364300.0);
}

TEST(LineBreak, FirstPassSucceedsWhenNoHyphenationIsNeeded) {
    const auto items = unit_paragraph({"aaaa", "bbbb", "cccc", "dddd"});  // "aaaa bbbb" is 9: r = 1
    LineBreakParams p;
    p.line_widths = {10};
    const LineBreakResult r = break_lines(items, p);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.pass, 1);
    EXPECT_EQ(boxes_per_line(items, r), (std::vector<int>{8, 8}));
}

TEST(LineBreak, IsOptimalAgainstExhaustiveSearch) {
    std::mt19937 rng(7);
    for (int round = 0; round < 60; ++round) {
        // Random words with random hyphenation points.
        std::vector<Item> items;
        const int words = 4 + static_cast<int>(rng() % 4);
        for (int w = 0; w < words; ++w) {
            if (w > 0) items.push_back(Item::make_glue(1, 1, 0.5));
            const int parts = 1 + static_cast<int>(rng() % 3);
            for (int k = 0; k < parts; ++k) {
                if (k > 0) items.push_back(Item::make_penalty(0.5, 50, true, false));
                items.push_back(Item::make_box(1 + static_cast<double>(rng() % 4)));
            }
        }
        items.push_back(Item::make_penalty(0, kInfinitePenalty));
        items.push_back(Item::make_fil_glue());
        items.push_back(Item::make_penalty(0, -kInfinitePenalty));

        LineBreakParams p;
        p.line_widths = {9 + static_cast<double>(rng() % 5), 12};
        p.pretolerance = -1;
        p.tolerance = 3;
        p.emergency_pass = false;
        p.max_consecutive_flagged = 2;

        std::vector<std::size_t> candidates;
        for (std::size_t i = 0; i + 1 < items.size(); ++i) {
            const Item& it = items[i];
            if ((it.type == Item::Type::Glue && i > 0 && items[i - 1].type == Item::Type::Box) ||
                (it.type == Item::Type::Penalty && it.penalty < kInfinitePenalty))
                candidates.push_back(i);
        }
        ASSERT_LT(candidates.size(), 20u);
        double best = INFINITY;
        for (std::uint32_t mask = 0; mask < (1u << candidates.size()); ++mask) {
            std::vector<std::size_t> breaks;
            for (std::size_t k = 0; k < candidates.size(); ++k)
                if (mask & (1u << k)) breaks.push_back(candidates[k]);
            breaks.push_back(items.size() - 1);
            const LineBreakResult e = evaluate_breaks(items, breaks, p);
            if (feasible(e, p.tolerance, p.max_consecutive_flagged)) best = std::min(best, e.demerits);
        }
        const LineBreakResult r = break_lines(items, p);
        if (std::isinf(best)) {
            EXPECT_FALSE(r.ok()) << "round " << round;
        } else {
            ASSERT_TRUE(r.ok()) << "round " << round;
            EXPECT_NEAR(r.demerits, best, 1e-6 * best) << "round " << round;
            EXPECT_TRUE(feasible(r, p.tolerance, p.max_consecutive_flagged));
        }
    }
}

TEST(LineBreak, BeatsFirstFitOnRealFrenchText) {
    std::string error;
    auto fm = FontMetrics::load(test::font_path("Vollkorn-Regular.ttf"), error);
    ASSERT_TRUE(fm.has_value()) << error;
    auto hy = Hyphenator::for_language("fr", error);
    ASSERT_NE(hy, nullptr) << error;
    const auto items = text_items(test::french_paragraph(), *fm, 10, hy.get());
    for (double width : {180.0, 240.0, 300.0}) {
        SCOPED_TRACE(width);
        LineBreakParams p;
        p.line_widths = {width};
        // Any looseness allowed and no hyphen limit: first fit's breaks are
        // then one of the candidates, so the optimum cannot be worse.
        LineBreakParams open = p;
        open.pretolerance = -1;
        open.tolerance = 1e9;
        open.max_consecutive_flagged = 0;
        const LineBreakResult ff = break_lines_first_fit(items, open);
        const LineBreakResult kp = break_lines(items, open);
        ASSERT_TRUE(kp.ok());
        EXPECT_LE(kp.demerits, ff.demerits);
        // With the normal settings too, and spacing never looser than first fit's.
        const LineBreakResult normal = break_lines(items, p);
        ASSERT_TRUE(normal.ok());
        EXPECT_LE(normal.demerits, evaluate_breaks(items, [&] {
                      std::vector<std::size_t> b;
                      for (const auto& l : ff.lines) b.push_back(l.end);
                      return b;
                  }(), p).demerits);
        double kp_max = 0, ff_max = 0;
        for (std::size_t i = 0; i + 1 < normal.lines.size(); ++i) kp_max = std::max(kp_max, std::fabs(normal.lines[i].ratio));
        for (std::size_t i = 0; i + 1 < ff.lines.size(); ++i) ff_max = std::max(ff_max, std::fabs(ff.lines[i].ratio));
        EXPECT_LE(kp_max, ff_max);
        if (normal.pass <= 2) {
            EXPECT_LE(kp_max, p.tolerance);
        }
        if (width >= 240) {
            EXPECT_LE(normal.pass, 2);
        }
    }
}

TEST(LineBreak, NeverMoreThanTwoHyphenatedLinesInARow) {
    // Words of 6 + 6 units with a free hyphenation point in the middle
    // (hyphen 1 unit). The first line (33) holds "W W W-" exactly and every
    // other line (27) "-W W W-": a ladder of hyphens is the perfect
    // solution unless forbidden; without hyphens lines must stretch.
    std::vector<Item> items;
    for (int w = 0; w < 30; ++w) {
        if (w > 0) items.push_back(Item::make_glue(1, 6, 0));
        items.push_back(Item::make_box(6));
        items.push_back(Item::make_penalty(1, 0, true, true));
        items.push_back(Item::make_box(6));
    }
    items.push_back(Item::make_penalty(0, kInfinitePenalty));
    items.push_back(Item::make_fil_glue());
    items.push_back(Item::make_penalty(0, -kInfinitePenalty));
    LineBreakParams p;
    p.line_widths = {33, 27};
    p.flagged_demerits = 0;
    p.final_hyphen_demerits = 0;
    auto longest_run = [](const LineBreakResult& r) {
        int run = 0, longest = 0;
        for (const BrokenLine& l : r.lines) {
            run = l.flagged ? run + 1 : 0;
            longest = std::max(longest, run);
        }
        return longest;
    };
    p.max_consecutive_flagged = 0;
    const LineBreakResult free = break_lines(items, p);
    ASSERT_TRUE(free.ok());
    EXPECT_GE(longest_run(free), 3);  // without the rule the ladder appears...
    p.max_consecutive_flagged = 2;
    const LineBreakResult limited = break_lines(items, p);
    ASSERT_TRUE(limited.ok());
    EXPECT_LE(longest_run(limited), 2);  // ...with it, never
    EXPECT_GE(longest_run(limited), 1);
    for (const BrokenLine& l : limited.lines) EXPECT_FALSE(l.overfull);
}

TEST(LineBreak, EmergencyPassMakesAndReportsOverfullLines) {
    std::vector<Item> items = {Item::make_box(3),  Item::make_glue(1, 1, 0.2), Item::make_box(25),
                               Item::make_glue(1, 1, 0.2), Item::make_box(3), Item::make_penalty(0, kInfinitePenalty),
                               Item::make_fil_glue(), Item::make_penalty(0, -kInfinitePenalty)};
    LineBreakParams p;
    p.line_widths = {10};
    const LineBreakResult r = break_lines(items, p);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.pass, 3);
    int overfull = 0;
    for (const BrokenLine& l : r.lines) {
        if (!l.overfull) continue;
        ++overfull;
        EXPECT_NEAR(l.overflow, 15.0, 1e-9);  // the 25-unit box alone, no shrink in it
        EXPECT_DOUBLE_EQ(l.ratio, -1.0);
    }
    EXPECT_EQ(overfull, 1);

    p.emergency_pass = false;
    EXPECT_FALSE(break_lines(items, p).ok());
}

TEST(LineBreak, HonoursVariableLineWidthsAndForcedBreaks) {
    // 1-unit words; the first line is 5 wide, the others 9.
    std::vector<std::string> words(16, "x");
    auto items = unit_paragraph(words);
    // force a break after the 12th word
    std::size_t glue_seen = 0;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (items[i].type != Item::Type::Glue || items[i].fil > 0) continue;
        if (++glue_seen == 12) {
            items.insert(items.begin() + static_cast<std::ptrdiff_t>(i), Item::make_penalty(0, -kInfinitePenalty));
            break;
        }
    }
    LineBreakParams p;
    p.line_widths = {5, 9};
    const LineBreakResult r = break_lines(items, p);
    ASSERT_TRUE(r.ok());
    ASSERT_GE(r.lines.size(), 3u);
    EXPECT_DOUBLE_EQ(r.lines[0].target, 5);
    EXPECT_EQ(boxes_per_line(items, r)[0], 3);  // "x x x" = 5
    for (std::size_t i = 1; i < r.lines.size(); ++i) EXPECT_DOUBLE_EQ(r.lines[i].target, 9);
    int words_before_forced = 0;
    bool found = false;
    for (const BrokenLine& l : r.lines) {
        for (std::size_t i = l.begin; i < l.end; ++i) words_before_forced += items[i].type == Item::Type::Box;
        if (items[l.end].type == Item::Type::Penalty && items[l.end].penalty <= -kInfinitePenalty &&
            l.end + 1 < items.size()) {
            found = true;
            break;
        }
    }
    EXPECT_TRUE(found);
    EXPECT_EQ(words_before_forced, 12);
}

TEST(LineBreak, EmptyInputGivesNoLines) {
    const LineBreakResult r = break_lines({}, LineBreakParams{});
    EXPECT_FALSE(r.ok());
    EXPECT_TRUE(r.lines.empty());
}
