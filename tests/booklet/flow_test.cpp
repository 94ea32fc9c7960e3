// The booklet's flow on its own: spaces are kept in mid-page and dropped at
// a page top, headings stay with their text, nothing queued is lost.
#include "booklet_fixture.hpp"
#include "layout/booklet/flow.hpp"
#include "layout/booklet/rich_text.hpp"

using namespace booklet;

namespace {

class FlowTest : public ::testing::Test {
protected:
    FlowTest()
        : theme_(test::bundled_theme()),
          labels_(test::bundled_labels("fr")),
          fonts_(*layout::load_theme_fonts(theme_, diags_)),
          paragraphs_(fonts_, hyphenators_),
          programme_(test::small_programme()),
          ctx_{programme_, theme_, labels_, fonts_, paragraphs_, diags_, "fr", "."},
          composer_(ctx_) {}

    layout::LaidOutParagraph line(const std::string& text) {
        return layout::set_paragraph(ctx_, {ctx_.span(text, layout::Style::Body)}, 300, "fr", layout::Align::Left, 0,
                                     ctx_.leading(layout::Style::Body));
    }
    // The baseline of the first run whose text is `word`, and its page.
    std::pair<int, double> where_is(const layout::Document& doc, const std::string& word) {
        for (std::size_t p = 0; p < doc.pages.size(); ++p)
            for (const auto& r : doc.pages[p].runs)
                if (r.text == word) return {static_cast<int>(p), r.y};
        return {-1, 0};
    }

    model::Diagnostics diags_;
    theme::Theme theme_;
    theme::Labels labels_;
    layout::Hyphenators hyphenators_;
    layout::FontSet fonts_;
    layout::ParagraphBuilder paragraphs_;
    model::Programme programme_;
    layout::BookletContext ctx_;
    layout::Composer composer_;
    layout::QualityReport report_;
};

TEST_F(FlowTest, SpaceBeforeIsKeptInMidPageEvenRightAfterAFlush) {
    {
        layout::Flow flow(ctx_, composer_, report_, "Test");
        flow.add(line("Premier"), {});
        flow.flush();
        layout::FlowOptions o;
        o.space_before = 30;
        flow.add(line("Second"), o);
    }  // the destructor places what is queued
    const auto doc = composer_.finish({});
    const auto [p1, y1] = where_is(doc, "Premier");
    const auto [p2, y2] = where_is(doc, "Second");
    ASSERT_EQ(p1, 0);
    ASSERT_EQ(p2, 0);
    EXPECT_NEAR(y2 - y1, ctx_.leading(layout::Style::Body) + 30, 0.01);
}

TEST_F(FlowTest, SpaceBeforeIsDroppedAtAPageTop) {
    {
        layout::Flow flow(ctx_, composer_, report_, "Test");
        layout::FlowOptions o;
        o.space_before = 30;
        flow.add(line("Premier"), o);
    }
    const auto doc = composer_.finish({});
    const auto [p, y] = where_is(doc, "Premier");
    ASSERT_EQ(p, 0);
    EXPECT_NEAR(y, composer_.frame(0).y + ctx_.leading(layout::Style::Body) * 0.78, 0.01);
}

TEST_F(FlowTest, AHeadingAtTheFootGoesOverWithItsText) {
    {
        layout::Flow flow(ctx_, composer_, report_, "Test");
        const double lead = ctx_.leading(layout::Style::Body);
        // Fill the page but for two lines.
        const int fill = static_cast<int>(composer_.frame(0).h / lead) - 2;
        for (int i = 0; i < fill; ++i) flow.add(line("ligne" + std::to_string(i)), {});
        layout::FlowOptions heading;
        heading.keep_with_next = true;
        flow.add(line("Titre"), heading);
        layout::LaidOutParagraph body = line("corps");
        for (int i = 0; i < 3; ++i) body.lines.push_back(body.lines[0]);  // four lines
        flow.add(body, {});
    }
    const auto doc = composer_.finish({});
    EXPECT_EQ(where_is(doc, "Titre").first, 1);  // not alone at the foot of page 1
    EXPECT_EQ(where_is(doc, "corps").first, 1);
    EXPECT_EQ(report_.broken_keeps, 0);
}

}  // namespace
