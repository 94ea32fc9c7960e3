// Themes and labels are read like programmes: every problem with its
// file:line:col, and the bundled ones are valid.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "read/theme_reader.hpp"

namespace fs = std::filesystem;
using namespace booklet;

namespace {

read::ThemeReadOptions options() {
    read::ThemeReadOptions o;
    o.bundled_fonts_dir = BOOKLET_SOURCE_DIR "/fonts";
    return o;
}

TEST(Theme, BundledThemesAreValid) {
    for (const char* name : {"theme.xml", "theme-a4.xml", "theme-book-of-abstracts.xml"}) {
        model::Diagnostics d;
        auto t = read::read_theme_file(std::string(BOOKLET_SOURCE_DIR "/templates/") + name, options(), d);
        ASSERT_TRUE(t) << name << ": " << (d.empty() ? "" : d.items()[0].str());
        EXPECT_EQ(t->fonts.size(), 8u);
        EXPECT_EQ(t->parts.size(), 7u);
    }
    model::Diagnostics d;
    auto a5 = read::read_theme_file(BOOKLET_SOURCE_DIR "/templates/theme.xml", options(), d);
    ASSERT_TRUE(a5);
    EXPECT_NEAR(a5->page.width, 419.53, 0.01);  // 148 mm
    EXPECT_NEAR(a5->page.height, 595.28, 0.01); // 210 mm
    EXPECT_NEAR(a5->page.bleed, 8.504, 0.01);   // 3 mm
    EXPECT_EQ(a5->abstracts_per_page, 1);
}

TEST(Theme, BundledLabelsHaveTheSameKeys) {
    model::Diagnostics d;
    auto fr = read::read_labels_file(BOOKLET_SOURCE_DIR "/templates/labels/fr.xml", d);
    auto en = read::read_labels_file(BOOKLET_SOURCE_DIR "/templates/labels/en.xml", d);
    ASSERT_TRUE(fr && en);
    EXPECT_EQ(fr->get("keywords"), "Mots-clés");
    EXPECT_EQ(en->get("keywords"), "Keywords");
    EXPECT_EQ(fr->get("index"), "Index des intervenants");
    ASSERT_EQ(fr->text.size(), en->text.size());
    for (const auto& [k, v] : fr->text) EXPECT_TRUE(en->text.count(k)) << k;
    EXPECT_EQ(fr->get("no-such-key"), "[no-such-key]");
}

class BadTheme : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("booklet-theme-" + std::to_string(::getpid()));
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }
    // The bundled theme with one substitution.
    std::vector<std::string> errors_with(const std::string& from, const std::string& to) {
        std::ifstream in(BOOKLET_SOURCE_DIR "/templates/theme.xml");
        std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        const auto at = text.find(from);
        EXPECT_NE(at, std::string::npos) << from;
        if (at != std::string::npos) text.replace(at, from.size(), to);
        path_ = (dir_ / "theme.xml").string();
        std::ofstream(path_) << text;
        model::Diagnostics d;
        auto t = read::read_theme_file(path_, options(), d);
        EXPECT_FALSE(t.has_value());
        std::vector<std::string> out;
        for (const auto& x : d.sorted()) out.push_back(x.str().substr(path_.size()));
        return out;
    }
    fs::path dir_;
    std::string path_;
};

TEST_F(BadTheme, BadLength) {
    EXPECT_EQ(errors_with("top=\"17mm\"", "top=\"17 furlongs\""),
              std::vector<std::string>{":7:19: error: invalid length '17 furlongs': write a number with mm, cm, pt or in"});
}

TEST_F(BadTheme, FontThatIsNotTrueType) {
    std::ofstream(dir_ / "fake.ttf") << "OTTO\x00\x01 this is a CFF font";
    EXPECT_EQ(errors_with("file=\"Vollkorn-Regular.ttf\"", "file=\"fake.ttf\""),
              (std::vector<std::string>{":9:42: error: font file 'fake.ttf' is not a TrueType font (CFF-based .otf and collections are not supported)"}));
}

TEST_F(BadTheme, FontOutsideTheThemeFolder) {
    EXPECT_EQ(errors_with("file=\"Vollkorn-Regular.ttf\"", "file=\"../../etc/passwd\""),
              (std::vector<std::string>{":9:42: error: font file '../../etc/passwd' lies outside the theme's folder (use --allow-outside)"}));
}

TEST_F(BadTheme, UnknownPartAndBadColour) {
    auto e = errors_with(">cover introduction", ">preface cover introduction");
    EXPECT_EQ(e, std::vector<std::string>{":37:3: error: unknown part 'preface': use cover, introduction, contents, schedule, abstracts, index, back-cover"});
    e = errors_with("rgb=\"#1b4965\" cmyk=\"90 55 25 30\"/>\n  <colour name=\"muted\"", "rgb=\"#1b49\" cmyk=\"90 55 25 300\"/>\n  <colour name=\"muted\"");
    EXPECT_EQ(e, (std::vector<std::string>{":22:25: error: invalid RGB colour '#1b49': write #rrggbb",
                                           ":22:37: error: invalid CMYK colour '90 55 25 300': write four percentages, e.g. \"0 0 0 100\""}));
}

TEST_F(BadTheme, UnreadableScheduleSize) {
    EXPECT_EQ(errors_with("schedule=\"8.6pt\"", "schedule=\"5pt\""),
              std::vector<std::string>{":19:45: error: schedule text below 7pt is unreadable"});
}

TEST_F(BadTheme, BadFallbacks) {
    EXPECT_EQ(errors_with("<sizes", "<fallback family=\"A\" file=\"b.ttf\"/><fallback builtin=\"maybe\"/><fallback file=\"missing.ttf\"/>\n  <sizes"),
              (std::vector<std::string>{":18:3: error: <fallback> takes one of 'family', 'file' or 'builtin'",
                                        ":18:48: error: builtin must be yes or no, not 'maybe'",
                                        ":18:75: error: font file 'missing.ttf' not found"}));
}

TEST(Theme, FallbacksInOrder) {
    const auto dir = fs::temp_directory_path() / ("booklet-theme-fallback-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ifstream in(BOOKLET_SOURCE_DIR "/templates/theme.xml");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    text.replace(text.find("<sizes"), 6,
                 "<fallback family=\"Noto Sans Math\"/>\n  <fallback file=\"OpenSans-Regular.ttf\"/>\n"
                 "  <fallback builtin=\"no\"/>\n  <sizes");
    std::ofstream(dir / "theme.xml") << text;
    model::Diagnostics d;
    auto t = read::read_theme_file((dir / "theme.xml").string(), options(), d);
    fs::remove_all(dir);
    ASSERT_TRUE(t) << (d.empty() ? "" : d.items()[0].str());
    ASSERT_EQ(t->fallbacks.size(), 2u);
    EXPECT_EQ(t->fallbacks[0].family, "Noto Sans Math");
    EXPECT_EQ(t->fallbacks[0].where.line, 18);
    EXPECT_EQ(t->fallbacks[1].family, "");
    EXPECT_EQ(fs::path(t->fallbacks[1].path).filename(), "OpenSans-Regular.ttf");  // found in the bundled fonts
    EXPECT_FALSE(t->builtin_fallbacks);
    model::Diagnostics d2;
    auto bundled = read::read_theme_file(BOOKLET_SOURCE_DIR "/templates/theme.xml", options(), d2);
    ASSERT_TRUE(bundled);
    EXPECT_TRUE(bundled->fallbacks.empty());
    EXPECT_TRUE(bundled->builtin_fallbacks);
}

TEST(Lengths, Units) {
    EXPECT_NEAR(*read::parse_length("25.4mm"), 72.0, 1e-9);
    EXPECT_NEAR(*read::parse_length("1in"), 72.0, 1e-9);
    EXPECT_NEAR(*read::parse_length("12pt"), 12.0, 1e-9);
    EXPECT_FALSE(read::parse_length("12"));
    EXPECT_FALSE(read::parse_length("-3mm"));
    EXPECT_FALSE(read::parse_length("mm"));
}

}  // namespace
