// Code in the programme format: <pre> blocks and inline <code> in rich text,
// read as the model's Code blocks and code spans; what <pre> may not hold.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "read/programme_reader.hpp"
#include "read/theme_reader.hpp"

namespace {

using namespace booklet;

std::string programme_with(const std::string& abstract) {
    return "<programme id=\"p\" lang=\"en\" timezone=\"Europe/Paris\" revision=\"0\"><title>T</title>"
           "<venue><name>V</name></venue><rooms><room id=\"r\">R</room></rooms>"
           "<people><person id=\"a\"><family>A</family></person></people>"
           "<day date=\"2024-05-01\"><talk id=\"t\" start=\"10:00\" end=\"11:00\" room=\"r\"><title>X</title>"
           "<speaker ref=\"a\"/><abstract>" +
           abstract + "</abstract></talk></day></programme>";
}

std::string messages(const model::Diagnostics& d) {
    std::string s;
    for (const auto& x : d.sorted()) s += x.str() + "\n";
    return s;
}

TEST(CodeText, PreAndCodeAreRead) {
    model::Diagnostics d;
    const auto p = read::read_programme(
        io::InputFile{"c.xml", programme_with("<p>Run <code>make  all</code>.</p>"
                                              "<pre>\nfor x in a b; do\n\techo  \"$x\"   \n\ndone\n</pre>"
                                              "<ul><li><pre>in a list</pre></li></ul>")},
        d);
    ASSERT_TRUE(p) << messages(d);
    EXPECT_TRUE(d.empty()) << messages(d);
    const auto& blocks = p->days[0].items[0].abstract.blocks;
    ASSERT_EQ(blocks.size(), 3u);
    ASSERT_EQ(blocks[0].inlines.size(), 3u);
    EXPECT_TRUE(blocks[0].inlines[1].code);
    EXPECT_EQ(blocks[0].inlines[1].text, "make all");
    EXPECT_FALSE(blocks[0].inlines[0].code);
    EXPECT_EQ(blocks[1].kind, model::Block::Kind::Code);
    // The newline after <pre> and the one before </pre> open and close no
    // line; tabs are 4 columns; trailing white space goes; blank lines inside stay.
    EXPECT_EQ(blocks[1].lines, (std::vector<std::string>{"for x in a b; do", "    echo  \"$x\"", "", "done"}));
    ASSERT_EQ(blocks[2].items.size(), 1u);
    EXPECT_EQ(blocks[2].items[0][0].kind, model::Block::Kind::Code);
    EXPECT_EQ(blocks[2].items[0][0].lines, std::vector<std::string>{"in a list"});
}

TEST(CodeText, PreHoldsTextOnly) {
    model::Diagnostics d;
    const auto p = read::read_programme(
        io::InputFile{"c.xml", programme_with("<pre>a <em>b</em></pre><pre>x\x01y</pre><pre class=\"c\">z</pre><pre> \n </pre>")},
        d);
    const std::string m = messages(d);
    EXPECT_NE(m.find("unknown element <em> in <pre>: it holds text only"), std::string::npos) << m;
    EXPECT_NE(m.find("control character in text"), std::string::npos) << m;
    EXPECT_NE(m.find("unknown attribute 'class' on <pre>"), std::string::npos) << m;
    EXPECT_NE(m.find("warning: empty <pre>"), std::string::npos) << m;
    EXPECT_TRUE(d.has_errors());
    (void)p;
}

TEST(CodeText, ThemeMayNameAMonoFont) {
    namespace fs = std::filesystem;
    std::ifstream in(BOOKLET_SOURCE_DIR "/templates/theme.xml", std::ios::binary);
    const std::string theme((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto at = theme.find("<font ");
    ASSERT_NE(at, std::string::npos);
    const fs::path dir = fs::temp_directory_path() / ("booklet-mono-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    read::ThemeReadOptions o;
    o.bundled_fonts_dir = BOOKLET_SOURCE_DIR "/fonts";
    auto read_with = [&](const std::string& font, model::Diagnostics& d) {
        std::string t = theme;
        t.insert(at, font + "\n  ");
        std::ofstream(dir / "theme.xml", std::ios::binary) << t;
        return read::read_theme_file((dir / "theme.xml").string(), o, d);
    };
    model::Diagnostics d;
    auto t = read_with("<font role=\"mono\" style=\"regular\" file=\"OpenSans-Regular.ttf\"/>", d);
    ASSERT_TRUE(t) << messages(d);
    ASSERT_NE(t->font(theme::FontRole::Mono, theme::FontStyle::Regular), nullptr);
    model::Diagnostics bad;
    EXPECT_FALSE(read_with("<font role=\"code\" style=\"regular\" file=\"OpenSans-Regular.ttf\"/>", bad));
    EXPECT_NE(messages(bad).find("font role must be serif, sans or mono, not 'code'"), std::string::npos)
        << messages(bad);
    // Without one, the theme is as valid as before (mono is optional).
    model::Diagnostics none;
    o.bundled_fonts_dir = BOOKLET_SOURCE_DIR "/fonts";
    EXPECT_TRUE(read::read_theme_file(BOOKLET_SOURCE_DIR "/templates/theme.xml", o, none)) << messages(none);
    fs::remove_all(dir);
}

}  // namespace
