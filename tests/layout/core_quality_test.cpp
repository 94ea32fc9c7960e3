#include <gtest/gtest.h>

#include "layout/core/quality.hpp"

using namespace booklet::layout;

namespace {
LaidOutLine line(double ratio, bool hyphenated, bool last = false) {
    LaidOutLine l;
    l.ratio = ratio;
    l.justified = true;
    l.hyphenated = hyphenated;
    l.last = last;
    TextRun r;
    r.text = "mot";
    l.runs.push_back(r);
    return l;
}
}  // namespace

TEST(QualityReport, CountsLinesSpacingAndHyphens) {
    LaidOutParagraph p;
    p.lines = {line(0.5, true), line(-0.8, true), line(1.2, false), line(0.1, true), line(0, false, true)};
    p.pass = 2;
    LaidOutParagraph q;
    q.lines = {line(0.3, false), line(0, false, true)};
    q.lines[0].overfull = true;
    q.lines[0].overflow = 3.25;
    q.pass = 3;

    QualityReport r;
    r.add(p);
    booklet::model::SourceLocation where{"programme.xml", 12, 3};
    r.add(q, where);
    EXPECT_EQ(r.paragraphs, 2u);
    EXPECT_EQ(r.lines, 7u);
    EXPECT_EQ(r.justified_lines, 5u);
    EXPECT_DOUBLE_EQ(r.max_abs_ratio, 1.2);
    EXPECT_EQ(r.hyphenated_lines, 3u);
    EXPECT_EQ(r.max_consecutive_hyphens, 2);
    EXPECT_EQ(r.emergency_paragraphs, 1u);
    ASSERT_EQ(r.overfull.size(), 1u);
    EXPECT_EQ(r.overfull[0].line, 1);
    EXPECT_EQ(r.overfull[0].where.line, 12);

    const std::string s = r.str();
    EXPECT_NE(s.find("lines: 7"), std::string::npos) << s;
    EXPECT_NE(s.find("at most 2 in a row"), std::string::npos) << s;
    EXPECT_NE(s.find("programme.xml:12:3: overfull line 1 by 3.2 pt: mot"), std::string::npos) << s;
}

TEST(QualityReport, AddsPageFlowFiguresAndMerges) {
    FlowResult f;
    f.pages.resize(3);
    f.pages[0].frame = 100;
    f.pages[0].height = 90;
    f.pages[1].frame = 100;
    f.pages[1].height = 70;
    f.pages[2].frame = 100;
    f.pages[2].height = 10;
    f.pages[2].forced = true;  // the last page may be short
    f.widows = 1;
    f.hyphenated_page_ends = 2;
    QualityReport a;
    a.add(f);
    EXPECT_EQ(a.pages, 3u);
    EXPECT_DOUBLE_EQ(a.min_fill, 0.7);
    QualityReport b;
    b.add(f);
    b.max_consecutive_hyphens = 2;
    a.merge(b);
    EXPECT_EQ(a.pages, 6u);
    EXPECT_EQ(a.widows, 2);
    EXPECT_EQ(a.hyphenated_page_ends, 4);
    EXPECT_EQ(a.max_consecutive_hyphens, 2);
    EXPECT_NE(a.str().find("widows: 2"), std::string::npos);
}
