// Text in the fallback fonts (Debian's DejaVu, Droid Sans Fallback, Noto
// Serif Tibetan, Symbola) beside the theme's: embedded, subset, and given
// back by pdftotext; the box layout draws for a character no font has.
#include <gtest/gtest.h>

#include <string>

#include "layout/document.hpp"
#include "pdf_tools.hpp"
#include "render/pdf/render_pdf.hpp"

namespace booklet::render {
namespace {

using layout::Document;
using layout::Page;
using layout::TextRun;
using test::run_tool;
using test::shell_quote;
using test::TempDir;

const std::string kFonts = BOOKLET_SOURCE_DIR "/fonts/";
const std::string kSystem = "/usr/share/fonts/truetype/";

TextRun run(int font, double x, double y, std::string text) {
    TextRun r;
    r.font = font;
    r.size = 14;
    r.x = x;
    r.y = y;
    r.text = std::move(text);
    return r;
}

Document mixed() {
    Document d;
    d.fonts = {{"serif-regular", kFonts + "Vollkorn-Regular.ttf"},
               {"fallback-DejaVuSans", kSystem + "dejavu/DejaVuSans.ttf"},
               {"fallback-DroidSansFallbackFull", kSystem + "droid/DroidSansFallbackFull.ttf"},
               {"fallback-NotoSerifTibetan-Regular", kSystem + "noto/NotoSerifTibetan-Regular.ttf"},
               {"fallback-Symbola_hint", kSystem + "ancient-scripts/Symbola_hint.ttf"},
               {"fallback-NotoSansSymbols2-Regular", kSystem + "noto/NotoSansSymbols2-Regular.ttf"}};
    Page p{419.53, 595.28, {}, {}, {}, {}};
    // one "word" in three faces, touching
    p.runs.push_back(run(0, 50, 100, "PostgreSQL"));
    p.runs.push_back(run(1, 124, 100, "\u2665"));
    p.runs.push_back(run(0, 50, 130, "Yingqi"));
    p.runs.push_back(run(2, 100, 130, "\u80e1\u73ae\u6587"));
    p.runs.push_back(run(2, 50, 160, "\u304b\u306a"));  // kana
    p.runs.push_back(run(3, 50, 190, "\u0f56\u0f7c\u0f51"));  // Tibetan
    p.runs.push_back(run(4, 50, 220, "\ufffc"));
    p.runs.push_back(run(5, 80, 220, "\u2b50"));
    layout::Rect box;  // what layout draws for a character no font has
    box.x = 50;
    box.y = 240;
    box.w = 6.7;
    box.h = 9.8;
    box.stroke = layout::Color::black();
    box.line_width = 0.3;
    p.rects.push_back(box);
    d.pages.push_back(std::move(p));
    d.meta.title = "Fallback fonts";
    d.meta.created = 1577836800;
    return d;
}

TEST(FallbackFonts, AreEmbeddedAndGiveTheirTextBack) {
    TempDir dir;
    const std::string pdf = dir.write("mixed.pdf", render_pdf(mixed()));
    const auto text = run_tool("pdftotext " + shell_quote(pdf) + " -");
    ASSERT_EQ(text.exit_code, 0);
    EXPECT_EQ(text.err, "");
    for (const char* s : {"PostgreSQL", "\u2665", "\u80e1\u73ae\u6587", "\u304b\u306a", "\u0f56\u0f7c\u0f51",
                          "\ufffc", "\u2b50"})
        EXPECT_NE(text.out.find(s), std::string::npos) << s << " not in:\n" << text.out;
    const auto fonts = run_tool("pdffonts " + shell_quote(pdf));
    ASSERT_EQ(fonts.exit_code, 0);
    EXPECT_EQ(fonts.err, "");
    const auto lines = test::normalized_lines(fonts.out);
    ASSERT_EQ(lines.size(), 2u + 6u) << fonts.out;
    for (const char* name : {"Vollkorn-Regular", "DejaVuSans", "DroidSansFallback", "NotoSerifTibetan", "Symbola",
                             "NotoSansSymbols2"}) {
        bool embedded = false;
        for (std::size_t i = 2; i < lines.size(); ++i)
            embedded = embedded || (lines[i].find(name) != std::string::npos &&
                                    lines[i].find(" yes yes yes ") != std::string::npos);
        EXPECT_TRUE(embedded) << name << " not embedded and subset:\n" << fonts.out;
    }
    const auto check = run_tool("qpdf --check " + shell_quote(pdf));
    EXPECT_EQ(check.exit_code, 0) << check.out;
    EXPECT_EQ(check.err, "");
}

TEST(FallbackFonts, SubsettingKeepsTheFileSmall) {
    // Droid Sans Fallback is 4 MB: three ideographs must not embed it whole.
    const std::string bytes = render_pdf(mixed());
    EXPECT_LT(bytes.size(), 400u * 1024) << bytes.size();
}

TEST(FallbackFonts, SameDocumentSameBytes) { EXPECT_EQ(render_pdf(mixed()), render_pdf(mixed())); }

}  // namespace
}  // namespace booklet::render
