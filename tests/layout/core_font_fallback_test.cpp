// The fallback chain: which face draws a character the span's face lacks,
// how a word in several faces is split into runs and measured, and the box
// drawn for a character no face has.
#include <gtest/gtest.h>

#include <filesystem>

#include "core_test_support.hpp"
#include "layout/core/font_fallback.hpp"
#include "layout/core/paragraph.hpp"
#include "unicode/utf8.hpp"

using namespace booklet::layout;

namespace {

const std::string kDejaVuSans = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
const std::string kDroid = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf";

FontSet bundled_with(std::vector<FallbackFamily> chain) {
    std::string error;
    auto set = FontSet::load_bundled(test::fonts_dir(), error);
    EXPECT_TRUE(set.has_value()) << error;
    set->set_fallbacks(std::move(chain));
    return std::move(*set);
}

ParagraphStyle ragged(double width) {
    ParagraphStyle st;
    st.line_widths = {width};
    st.align = Align::Left;
    st.language = "en";
    st.hyphenate = false;
    return st;
}

Span span(const FontSet& fonts, std::string text, FontStyle style = FontStyle::Regular, double size = 10) {
    Span s;
    s.text = std::move(text);
    s.font = fonts.index(Family::Serif, style);
    s.size = size;
    return s;
}

struct Laid {
    LaidOutParagraph para;
    std::vector<TextIssue> issues;
};

Laid lay_out(const FontSet& fonts, const std::vector<Span>& spans, const ParagraphStyle& st, bool strict = false) {
    Hyphenators hy;
    ParagraphBuilder b(fonts, hy);
    b.set_strict(strict);
    Laid out;
    out.para = b.layout(spans, st, [&](const TextIssue& i) { out.issues.push_back(i); });
    return out;
}

}  // namespace

TEST(FontFallback, TheSpansFaceWinsWhenItHasTheGlyph) {
    const FontSet fonts = bundled_with({{"DejaVu Sans", kDejaVuSans, std::nullopt}});
    const int serif = fonts.index(Family::Serif, FontStyle::Regular);
    EXPECT_EQ(fonts.face_for(serif, U'é'), serif);
    EXPECT_EQ(fonts.fallback_files_read(), 0u);  // nothing loaded for what the theme has
}

TEST(FontFallback, TheFirstFallbackThatHasTheCharacterDrawsIt) {
    // DejaVu Sans has ♥ but no CJK; Droid Sans Fallback has both.
    const FontSet fonts = bundled_with({{"DejaVu Sans", kDejaVuSans, std::nullopt}, {"Droid", kDroid, std::nullopt}});
    const int serif = fonts.index(Family::Serif, FontStyle::Regular);
    const std::size_t theme_faces = fonts.size();
    const int heart = fonts.face_for(serif, 0x2665);
    const int cjk = fonts.face_for(serif, U'胡');
    ASSERT_GE(heart, 0);
    ASSERT_GE(cjk, 0);
    EXPECT_EQ(fonts.face(heart).path, kDejaVuSans);
    EXPECT_EQ(fonts.face(cjk).path, kDroid);
    EXPECT_EQ(fonts.face(heart).name, "fallback-DejaVuSans");
    EXPECT_EQ(fonts.size(), theme_faces + 2);      // appended when first used: in Document::fonts
    EXPECT_EQ(fonts.face_for(serif, 0x2660), heart);  // the same face again, not a new one
    EXPECT_EQ(fonts.size(), theme_faces + 2);
    EXPECT_EQ(fonts.fallbacks_used(), 2u);
}

TEST(FontFallback, NoFaceOrBeyondTheBmpIsMinusOne) {
    const FontSet fonts = bundled_with({{"DejaVu Sans", kDejaVuSans, std::nullopt}});
    const int serif = fonts.index(Family::Serif, FontStyle::Regular);
    EXPECT_EQ(fonts.face_for(serif, U'胡'), -1);     // not in Vollkorn nor DejaVu Sans
    EXPECT_EQ(fonts.face_for(serif, 0x1F600), -1);   // libharu cannot encode it
    EXPECT_EQ(fonts.fallbacks_used(), 0u);
}

TEST(FontFallback, FamilyOnlyEntriesServeTheirFamily) {
    const FontSet fonts = bundled_with({{"DejaVu Sans", kDejaVuSans, Family::Sans}});
    EXPECT_EQ(fonts.face_for(fonts.index(Family::Serif, FontStyle::Regular), 0x2665), -1);
    EXPECT_GE(fonts.face_for(fonts.index(Family::Sans, FontStyle::Regular), 0x2665), 0);
}

TEST(FontFallback, FontconfigFindsTheDebianFonts) {
    EXPECT_EQ(find_font_file("DejaVu Sans", FontStyle::Regular), kDejaVuSans);
    EXPECT_EQ(std::filesystem::path(find_font_file("DejaVu Serif", FontStyle::BoldItalic)).filename(),
              "DejaVuSerif-BoldItalic.ttf");
    EXPECT_EQ(find_font_file("Droid Sans Fallback", FontStyle::Bold), kDroid);  // no bold: the regular file
    EXPECT_EQ(find_font_file("No Such Family Anywhere", FontStyle::Regular), "");  // never a look-alike
    for (const auto& f : builtin_fallbacks())
        EXPECT_NE(find_font_file(f.family, FontStyle::Regular), "") << f.family << " is not installed (./setup)";
}

TEST(FontFallback, BoldTextTakesTheFallbacksBoldFace) {
    const FontSet fonts = bundled_with(builtin_fallbacks());
    const int vollkorn_bold = fonts.index(Family::Serif, FontStyle::Bold);
    ASSERT_FALSE(fonts.metrics(vollkorn_bold).has_glyph(0x263A));
    const int bold = fonts.face_for(vollkorn_bold, 0x263A);  // ☺
    ASSERT_GE(bold, 0);
    EXPECT_EQ(std::filesystem::path(fonts.face(bold).path).filename(), "DejaVuSerif-Bold.ttf");
    // Droid Sans Fallback has one face: bold CJK is set in it.
    const int cjk = fonts.face_for(fonts.index(Family::Serif, FontStyle::Bold), U'胡');
    ASSERT_GE(cjk, 0);
    EXPECT_EQ(fonts.face(cjk).path, kDroid);
}

TEST(FontFallback, AWordInTwoFacesIsSplitIntoRunsAndMeasuredWithEach) {
    const FontSet fonts = bundled_with({{"DejaVu Sans", kDejaVuSans, std::nullopt}});
    const auto laid = lay_out(fonts, {span(fonts, "I\u2665NY")}, ragged(300));
    EXPECT_TRUE(laid.issues.empty());
    ASSERT_EQ(laid.para.lines.size(), 1u);
    const auto& runs = laid.para.lines[0].runs;
    ASSERT_EQ(runs.size(), 3u);
    EXPECT_EQ(runs[0].text, "I");
    EXPECT_EQ(runs[1].text, "\u2665");
    EXPECT_EQ(runs[2].text, "NY");
    const int serif = fonts.index(Family::Serif, FontStyle::Regular);
    const int dejavu = fonts.index("fallback-DejaVuSans");
    ASSERT_GE(dejavu, 0);
    EXPECT_EQ(runs[0].font, serif);
    EXPECT_EQ(runs[1].font, dejavu);
    EXPECT_EQ(runs[2].font, serif);
    const FontMetrics& vk = fonts.metrics(serif);
    const FontMetrics& dv = fonts.metrics(dejavu);
    EXPECT_NEAR(runs[1].width, dv.advance(0x2665, 10), 1e-9);
    EXPECT_NEAR(runs[1].x, vk.advance(U'I', 10), 1e-9);  // the pieces touch: one word
    EXPECT_NEAR(runs[2].x, runs[1].x + runs[1].width, 1e-9);
    EXPECT_NEAR(laid.para.lines[0].width, vk.width("INY", 10) + dv.advance(0x2665, 10), 1e-9);
}

TEST(FontFallback, LinesBreakBetweenWordsMadeOfSeveralFaces) {
    const FontSet fonts = bundled_with({{"DejaVu Sans", kDejaVuSans, std::nullopt}, {"Droid", kDroid, std::nullopt}});
    std::string text;
    for (int i = 0; i < 12; ++i) text += "Hu\u2665\u80e1\u73ae\u6587 ";
    ParagraphStyle st = ragged(80);
    st.align = Align::Justify;
    const auto laid = lay_out(fonts, {span(fonts, text)}, st);
    EXPECT_TRUE(laid.issues.empty());
    ASSERT_GT(laid.para.lines.size(), 3u);
    for (const auto& l : laid.para.lines) {
        EXPECT_FALSE(l.overfull) << l.text();
        for (const auto& r : l.runs) EXPECT_LE(r.x + r.width, 80 + 1e-6) << l.text();
    }
    // every word whole, in its three faces, on some line
    std::string all;
    for (const auto& l : laid.para.lines) all += l.text() + " ";
    EXPECT_EQ(all, text);
}

TEST(FontFallback, ACharacterNoFaceHasIsABoxWithAWarning) {
    const FontSet fonts = bundled_with({{"DejaVu Sans", kDejaVuSans, std::nullopt}});
    const int serif = fonts.index(Family::Serif, FontStyle::Regular);
    const auto laid = lay_out(fonts, {span(fonts, "a\u80e1b \U0001F600", FontStyle::Regular, 12)}, ragged(300));
    ASSERT_EQ(laid.issues.size(), 2u);
    for (const auto& i : laid.issues) {
        EXPECT_EQ(i.kind, TextIssue::Kind::MissingGlyph);
        EXPECT_EQ(i.severity(), booklet::model::Severity::Warning);
    }
    EXPECT_EQ(laid.issues[0].message, missing_glyph_message(U'胡'));
    EXPECT_EQ(laid.issues[1].cp, 0x1F600u);
    ASSERT_EQ(laid.para.lines.size(), 1u);
    const auto& line = laid.para.lines[0];
    ASSERT_EQ(line.boxes.size(), 2u);
    const FontMetrics& vk = fonts.metrics(serif);
    // 0.6 em wide, cap-height tall, where the character would be
    EXPECT_NEAR(line.boxes[0].width, 0.6 * 12, 1e-9);
    EXPECT_NEAR(line.boxes[0].height, vk.cap_height(12), 1e-9);
    EXPECT_NEAR(line.boxes[0].x, vk.advance(U'a', 12), 1e-9);
    ASSERT_EQ(line.runs.size(), 2u);  // "a" and "b": the box sits between them
    EXPECT_EQ(line.runs[0].text, "a");
    EXPECT_EQ(line.runs[1].text, "b");
    EXPECT_NEAR(line.runs[1].x, line.boxes[0].x + 0.6 * 12, 1e-9);
    EXPECT_NEAR(line.width, line.boxes[1].x + 0.6 * 12, 1e-9);
    // strict: errors
    const auto strict = lay_out(fonts, {span(fonts, "a\u80e1b")}, ragged(300), true);
    ASSERT_EQ(strict.issues.size(), 1u);
    EXPECT_EQ(strict.issues[0].severity(), booklet::model::Severity::Error);
}

TEST(FontFallback, CharactersReportedElsewhereAreBoxedSilently) {
    const FontSet fonts = bundled_with({});
    Hyphenators hy;
    ParagraphBuilder b(fonts, hy);
    b.set_reported_elsewhere({U'胡'});
    int reports = 0;
    const auto p = b.layout(std::vector<Span>{span(fonts, "\u80e1\u73ae")}, ragged(300),
                            [&](const TextIssue&) { ++reports; });
    EXPECT_EQ(reports, 1);  // 玮 only
    ASSERT_EQ(p.lines.size(), 1u);
    EXPECT_EQ(p.lines[0].boxes.size(), 2u);
}

TEST(FontFallback, TheMessageNamesTheCharacter) {
    EXPECT_EQ(missing_glyph_message(0x1F5A8),
              "character '\U0001F5A8' (U+1F5A8 PRINTER) lies beyond the Basic Multilingual Plane, which the PDF "
              "writer (libharu 2.3.0) cannot encode; drawn as an empty box");
    EXPECT_EQ(missing_glyph_message(0x0378).find("character '"), 0u);
}
