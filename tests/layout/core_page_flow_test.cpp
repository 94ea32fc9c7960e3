#include <gtest/gtest.h>

#include <cmath>

#include "layout/core/page_flow.hpp"

using namespace booklet::layout;

namespace {

// Lines of 12 pt (10 above the baseline, 2 below); a 60 pt frame holds 5.
FlowItem L(int paragraph = -1, bool hyphenated = false) { return FlowItem::line(10, 2, paragraph, hyphenated); }

void add_paragraph(std::vector<FlowItem>& items, int id, int lines) {
    for (int i = 0; i < lines; ++i) items.push_back(L(id));
}

std::vector<std::size_t> page_sizes(const FlowResult& r) {
    std::vector<std::size_t> out;
    for (const FlowPage& p : r.pages) {
        std::size_t n = 0;
        for (std::size_t i = p.begin; i < p.end; ++i) n += 1;
        out.push_back(n);
    }
    return out;
}

FlowParams frame(double h) {
    FlowParams p;
    p.frame_heights = {h};
    return p;
}

}  // namespace

TEST(PageFlow, FillsPagesInOrder) {
    std::vector<FlowItem> items(12, L());
    const FlowResult r = flow_pages(items, frame(60));
    EXPECT_EQ(page_sizes(r), (std::vector<std::size_t>{5, 5, 2}));
    for (std::size_t i = 0; i < 12; ++i) {
        EXPECT_EQ(r.page_of[i], static_cast<int>(i / 5));
        EXPECT_DOUBLE_EQ(r.y[i], 12.0 * static_cast<double>(i % 5));
    }
    EXPECT_DOUBLE_EQ(r.pages[0].fill(), 1.0);
    EXPECT_FALSE(r.pages[0].forced);
    EXPECT_TRUE(r.pages[2].forced);
    EXPECT_EQ(r.widows + r.orphans + r.broken_keeps + r.hyphenated_page_ends, 0);
}

TEST(PageFlow, AvoidsWidows) {
    std::vector<FlowItem> items;
    add_paragraph(items, 0, 6);  // 5 + 1 would leave a widow
    const FlowResult r = flow_pages(items, frame(60));
    EXPECT_EQ(page_sizes(r), (std::vector<std::size_t>{4, 2}));
    EXPECT_EQ(r.widows, 0);
    EXPECT_EQ(r.pages[0].relaxed, 0);
}

TEST(PageFlow, AvoidsOrphans) {
    std::vector<FlowItem> items;
    add_paragraph(items, 0, 4);
    add_paragraph(items, 1, 4);  // its first line alone at the foot would be an orphan
    const FlowResult r = flow_pages(items, frame(60));
    EXPECT_EQ(page_sizes(r), (std::vector<std::size_t>{4, 4}));
    EXPECT_EQ(r.orphans, 0);
}

TEST(PageFlow, KeepsAHeadingWithTwoLinesOfWhatFollows) {
    std::vector<FlowItem> items(3, L());
    FlowItem heading = FlowItem::line(14, 4);
    heading.keep_with_next = true;
    items.push_back(heading);
    items.push_back(FlowItem::gap(6));
    for (int i = 0; i < 5; ++i) items.push_back(L());  // stand-alone lines: no widow rule to help
    FlowParams p = frame(60);
    const FlowResult r = flow_pages(items, p);
    // 3 lines + heading (18) + gap (6) = 60: the heading would end the page,
    // and with one more line it would still have only one line after it.
    ASSERT_GE(r.pages.size(), 2u);
    EXPECT_EQ(r.pages[0].end, 3u);
    EXPECT_EQ(r.page_of[3], 1);
    EXPECT_EQ(r.broken_keeps, 0);

    // Gaps after a heading do not free it either.
    std::vector<FlowItem> items2(4, L());
    items2.push_back(heading);
    items2.push_back(FlowItem::gap(30));
    items2.push_back(L());
    const FlowResult r2 = flow_pages(items2, frame(60));
    EXPECT_EQ(r2.page_of[4], r2.page_of[6]);
}

TEST(PageFlow, NoPageEndsWithAHyphenatedLine) {
    std::vector<FlowItem> items;
    add_paragraph(items, 0, 10);
    items[4].hyphenated = true;  // the 5th line would end page 1
    const FlowResult r = flow_pages(items, frame(60));
    EXPECT_EQ(r.pages[0].end, 4u);
    EXPECT_FALSE(items[r.pages[0].end - 1].hyphenated);
    EXPECT_EQ(r.hyphenated_page_ends, 0);
}

TEST(PageFlow, DiscardsGapsAtTheTopOfAPage) {
    std::vector<FlowItem> items(5, L());
    items.push_back(FlowItem::gap(12));
    items.push_back(FlowItem::gap(6));
    items.push_back(L());
    const FlowResult r = flow_pages(items, frame(60));
    ASSERT_EQ(r.pages.size(), 2u);
    EXPECT_EQ(r.pages[1].begin, 7u);
    EXPECT_TRUE(std::isnan(r.y[5]));
    EXPECT_TRUE(std::isnan(r.y[6]));
    EXPECT_EQ(r.page_of[5], -1);
    EXPECT_DOUBLE_EQ(r.y[7], 0.0);
    // and leading gaps of the whole list
    std::vector<FlowItem> lead = {FlowItem::gap(20), L()};
    const FlowResult r2 = flow_pages(lead, frame(60));
    EXPECT_EQ(r2.pages[0].begin, 1u);
    EXPECT_DOUBLE_EQ(r2.y[1], 0.0);
}

TEST(PageFlow, ForcedBreaksAndFirstPageHeight) {
    std::vector<FlowItem> items = {L(), L(), FlowItem::page_break(), L(), L(), L(), L(), L(), L()};
    FlowParams p;
    p.frame_heights = {100, 36};  // first page tall, then 3 lines a page
    const FlowResult r = flow_pages(items, p);
    ASSERT_EQ(r.pages.size(), 3u);
    EXPECT_TRUE(r.pages[0].forced);
    EXPECT_EQ(r.pages[0].end, 3u);
    EXPECT_EQ(r.pages[1].begin, 3u);
    EXPECT_EQ(r.pages[1].end, 6u);
    EXPECT_DOUBLE_EQ(r.pages[1].frame, 36);
    EXPECT_NEAR(r.pages[0].fill(), 0.24, 1e-12);
}

TEST(PageFlow, RelaxesRulesOnlyWhenNothingElseFits) {
    std::vector<FlowItem> items;
    add_paragraph(items, 0, 3);
    const FlowResult r = flow_pages(items, frame(24));  // 2 lines a page
    EXPECT_EQ(page_sizes(r), (std::vector<std::size_t>{2, 1}));
    EXPECT_EQ(r.widows, 1);
    EXPECT_EQ(r.orphans, 0);
    EXPECT_EQ(r.pages[0].relaxed, 3);
}

TEST(PageFlow, KeepsGroupsTogether) {
    std::vector<FlowItem> items(4, L());
    for (int i = 0; i < 3; ++i) {
        FlowItem it = L();
        it.keep_group = 7;
        items.push_back(it);
    }
    const FlowResult r = flow_pages(items, frame(60));
    EXPECT_EQ(page_sizes(r), (std::vector<std::size_t>{4, 3}));
    EXPECT_EQ(r.broken_keeps, 0);
}

TEST(PageFlow, ShrinksGapsToFitAndCanStretchThem) {
    std::vector<FlowItem> items = {L(), L(), FlowItem::gap(12, 6, 6), L(), L(), L()};
    const FlowResult r = flow_pages(items, frame(66));  // natural 72, shrink 6
    ASSERT_EQ(r.pages.size(), 1u);
    EXPECT_DOUBLE_EQ(r.pages[0].ratio, -1.0);
    EXPECT_DOUBLE_EQ(r.y[3], 30.0);  // 24 + gap shrunk to 6
    EXPECT_EQ(r.overfull_pages, 0);

    std::vector<FlowItem> loose = {L(), FlowItem::gap(12, 12, 0), L(), L(), L(), L(), L()};
    FlowParams p = frame(66);
    p.stretch_gaps = true;
    const FlowResult s = flow_pages(loose, p);  // page 1: 12+12+36 = 60, 6 short
    EXPECT_EQ(s.pages[0].end, 5u);
    EXPECT_DOUBLE_EQ(s.pages[0].ratio, 0.5);
    EXPECT_DOUBLE_EQ(s.y[2], 30.0);
    EXPECT_DOUBLE_EQ(s.pages[1].ratio, 0.0);  // the last page is not stretched
}

TEST(PageFlow, ReportsItemsTallerThanThePage) {
    std::vector<FlowItem> items = {L(), FlowItem::line(100, 0), L()};
    const FlowResult r = flow_pages(items, frame(60));
    EXPECT_EQ(r.overfull_pages, 1);
    EXPECT_EQ(r.pages.size(), 3u);
}

TEST(PageFlow, HandlesABookletSizedList) {
    // 1,400 pages' worth of paragraphs of 3 to 11 lines with gaps.
    std::vector<FlowItem> items;
    int id = 0;
    while (items.size() < 1400 * 45) {
        add_paragraph(items, id, 3 + id % 9);
        if (id % 4 == 1) items[items.size() - 2].hyphenated = true;
        items.push_back(FlowItem::gap(6));
        ++id;
    }
    const FlowResult r = flow_pages(items, frame(48 * 12));
    EXPECT_GT(r.pages.size(), 1200u);
    EXPECT_EQ(r.widows + r.orphans + r.hyphenated_page_ends + r.broken_keeps, 0);
    for (const FlowPage& p : r.pages) {
        EXPECT_LE(p.height, p.frame + 1e-6);
        if (!p.forced) {
            EXPECT_GT(p.fill(), 0.9);  // all but the last page
        }
    }
}
