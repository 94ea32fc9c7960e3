#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "core_test_support.hpp"
#include "layout/core/font_metrics.hpp"
#include "unicode/utf8.hpp"

using namespace booklet::layout;
using booklet::layout::test::TinyFont;

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Raw hmtx advance of a glyph, read independently of FontMetrics.
std::uint16_t raw_advance(const std::string& file, std::uint16_t gid) {
    auto be16 = [&](std::size_t o) {
        return static_cast<std::uint16_t>((static_cast<unsigned char>(file[o]) << 8) | static_cast<unsigned char>(file[o + 1]));
    };
    auto be32 = [&](std::size_t o) { return (std::uint32_t{be16(o)} << 16) | be16(o + 2); };
    const unsigned n = be16(4);
    std::size_t hmtx = 0, hhea = 0;
    for (unsigned i = 0; i < n; ++i) {
        const std::string tag = file.substr(12 + 16 * i, 4);
        if (tag == "hmtx") hmtx = be32(12 + 16 * i + 8);
        if (tag == "hhea") hhea = be32(12 + 16 * i + 8);
    }
    const unsigned nh = be16(hhea + 34);
    return be16(hmtx + 4 * std::min<unsigned>(gid, nh - 1));
}

}  // namespace

TEST(FontMetrics, LoadsEveryBundledFace) {
    for (const std::string& file : test::bundled_font_files()) {
        SCOPED_TRACE(file);
        std::string error;
        auto fm = FontMetrics::load(test::font_path(file), error);
        ASSERT_TRUE(fm.has_value()) << error;
        EXPECT_EQ(fm->name(), file.substr(0, file.size() - 4));
        const int upem = file.rfind("Vollkorn", 0) == 0 ? 1000 : 2048;
        EXPECT_EQ(fm->units_per_em(), upem);
        EXPECT_GT(fm->ascender(), upem / 2);
        EXPECT_LT(fm->descender(), 0);
        EXPECT_GT(fm->cap_height(), upem / 2);
        EXPECT_LT(fm->cap_height(), fm->ascender());
        EXPECT_GT(fm->x_height(), upem / 3);
        EXPECT_LT(fm->x_height(), fm->cap_height());
        EXPECT_GT(fm->glyph_count(), 200);
        EXPECT_NEAR(fm->ascender(10.0), fm->ascender() * 10.0 / upem, 1e-12);
    }
}

TEST(FontMetrics, CoversFrenchTypographyInEveryFace) {
    const std::u32string needed = U"éèêàçœŒ«»’–—…ÉÀÇôîûùëïü";
    for (const std::string& file : test::bundled_font_files()) {
        SCOPED_TRACE(file);
        std::string error;
        auto fm = FontMetrics::load(test::font_path(file), error);
        ASSERT_TRUE(fm.has_value()) << error;
        for (char32_t c : needed) EXPECT_TRUE(fm->has_glyph(c)) << booklet::unicode::code_point_name(c);
        EXPECT_TRUE(fm->has_glyph(U'-'));
        EXPECT_TRUE(fm->has_glyph(U' '));
    }
}

TEST(FontMetrics, ReportsMissingCharactersAsGlyphZero) {
    std::string error;
    auto fm = FontMetrics::load(test::font_path("Vollkorn-Regular.ttf"), error);
    ASSERT_TRUE(fm.has_value()) << error;
    EXPECT_EQ(fm->glyph_id(0x4E2D), 0);  // 中
    EXPECT_FALSE(fm->has_glyph(0x4E2D));
    EXPECT_FALSE(fm->has_glyph(0x1F600));  // 😀
    EXPECT_FALSE(fm->has_glyph(0x10FFFF));
    // A missing character measures as .notdef, what a renderer would draw.
    EXPECT_EQ(fm->advance_1000(0x4E2D), fm->advance_1000(0x1F600));
}

TEST(FontMetrics, WidthsAreThePdfThousandthsOfTheHmtxAdvances) {
    for (const char* file : {"Vollkorn-Regular.ttf", "OpenSans-Regular.ttf", "OpenSans-Semibold.ttf"}) {
        SCOPED_TRACE(file);
        const std::string bytes = read_file(test::font_path(file));
        std::string error;
        auto fm = FontMetrics::load(test::font_path(file), error);
        ASSERT_TRUE(fm.has_value()) << error;
        std::int64_t sum = 0;
        for (char32_t c : std::u32string(U"Hamburgefonstiv éœ«»’")) {
            const std::uint16_t gid = fm->glyph_id(c);
            ASSERT_NE(gid, 0);
            const std::uint16_t raw = raw_advance(bytes, gid);
            EXPECT_EQ(fm->glyph_advance(gid), raw);
            // libharu writes trunc(advance * 1000 / unitsPerEm) into /W
            EXPECT_EQ(fm->advance_1000(c), raw * 1000u / static_cast<unsigned>(fm->units_per_em()));
            sum += fm->advance_1000(c);
        }
        EXPECT_EQ(fm->width_1000("Hamburgefonstiv éœ«»’"), sum);
        EXPECT_DOUBLE_EQ(fm->width("Hamburgefonstiv éœ«»’", 9.5), static_cast<double>(sum) * 9.5 / 1000.0);
        EXPECT_DOUBLE_EQ(fm->advance(U'm', 12), fm->advance_1000(U'm') * 12 / 1000.0);
    }
    // Vollkorn has 1000 units per em: the widths are the advances exactly.
    std::string error;
    auto v = FontMetrics::load(test::font_path("Vollkorn-Regular.ttf"), error);
    ASSERT_TRUE(v.has_value());
    EXPECT_EQ(v->advance_1000(U'a'), v->glyph_advance(v->glyph_id(U'a')));
}

TEST(FontMetrics, RefusesMissingFiles) {
    std::string error;
    EXPECT_FALSE(FontMetrics::load("/nonexistent/font.ttf", error).has_value());
    EXPECT_NE(error.find("/nonexistent/font.ttf"), std::string::npos) << error;
}

TEST(FontMetrics, RefusesCffCollectionsAndWebFonts) {
    const std::string real = read_file(test::font_path("Vollkorn-Regular.ttf"));
    struct Case {
        const char* magic;
        const char* expect;
    };
    for (const Case& c : {Case{"OTTO", "CFF"}, Case{"ttcf", "collection"}, Case{"wOFF", "WOFF"},
                          Case{"wOF2", "WOFF"}, Case{"\x7F" "ELF", "not a TrueType"}}) {
        std::string bytes = real;
        bytes.replace(0, 4, c.magic, 4);
        std::string error;
        EXPECT_FALSE(FontMetrics::parse(bytes, "x", error).has_value()) << c.magic;
        EXPECT_NE(error.find(c.expect), std::string::npos) << error;
    }
}

TEST(FontMetrics, RefusesTruncatedFiles) {
    const std::string real = read_file(test::font_path("OpenSans-Regular.ttf"));
    for (std::size_t len : {std::size_t{0}, std::size_t{3}, std::size_t{11}, std::size_t{12}, std::size_t{40},
                            std::size_t{200}, real.size() / 2, real.size() - 1000}) {
        std::string error;
        EXPECT_FALSE(FontMetrics::parse(real.substr(0, len), "x", error).has_value()) << len;
        EXPECT_FALSE(error.empty());
        EXPECT_TRUE(error.find("truncated") != std::string::npos || error.find("outside the file") != std::string::npos)
            << len << ": " << error;
    }
}

TEST(FontMetrics, SurvivesRandomAndCorruptedData) {
    std::mt19937 rng(12345);
    // Pure noise, with and without a TrueType header.
    for (int round = 0; round < 300; ++round) {
        std::string bytes(static_cast<std::size_t>(rng() % 4096), '\0');
        for (char& b : bytes) b = static_cast<char>(rng());
        if (round % 2 == 0 && bytes.size() >= 4) bytes.replace(0, 4, std::string("\x00\x01\x00\x00", 4));
        std::string error;
        auto fm = FontMetrics::parse(bytes, "noise", error);
        if (!fm) {
            EXPECT_FALSE(error.empty());
        }
    }
    // A real font with random bytes overwritten: must load or fail cleanly,
    // and whatever loads must answer lookups safely.
    const std::string real = read_file(test::font_path("Vollkorn-Regular.ttf"));
    int loaded = 0;
    for (int round = 0; round < 150; ++round) {
        std::string bytes = real;
        const int flips = 1 + static_cast<int>(rng() % 40);
        for (int k = 0; k < flips; ++k) {
            // bias towards the table directory and the small tables up front
            const std::size_t at = (k % 2 == 0) ? rng() % 400 : rng() % bytes.size();
            bytes[at] = static_cast<char>(rng());
        }
        std::string error;
        auto fm = FontMetrics::parse(bytes, "fuzz", error);
        if (!fm) {
            EXPECT_FALSE(error.empty());
            continue;
        }
        ++loaded;
        for (char32_t c : {U'a', U'é', char32_t{0x1F600}, char32_t{0xFFFF}, char32_t{0x10FFFF}}) {
            (void)fm->advance(c, 10);
            (void)fm->glyph_advance(fm->glyph_id(c));
        }
        EXPECT_GT(fm->units_per_em(), 0);
    }
    EXPECT_GT(loaded, 0);  // the corruption was not so heavy that nothing ever loads
}

TEST(FontMetrics, ReadsFormat4AndFormat12Maps) {
    TinyFont t;
    t.map = {{U'A', 1}, {U'é', 2}, {0x1F600, 3}};
    t.format12 = true;
    std::string error;
    auto fm = FontMetrics::parse(t.build(), "tiny", error);
    ASSERT_TRUE(fm.has_value()) << error;
    EXPECT_EQ(fm->glyph_id(U'A'), 1);
    EXPECT_EQ(fm->glyph_id(U'é'), 2);
    EXPECT_EQ(fm->glyph_id(0x1F600), 3);
    EXPECT_EQ(fm->glyph_id(U'B'), 0);
    EXPECT_EQ(fm->advance_1000(U'é'), 700);
    EXPECT_EQ(fm->advance_1000(0x1F600), 800);
    EXPECT_EQ(fm->advance_1000(U'B'), 500);  // .notdef

    // Only a format 12 map: it serves the BMP as well.
    t.format4 = false;
    fm = FontMetrics::parse(t.build(), "tiny", error);
    ASSERT_TRUE(fm.has_value()) << error;
    EXPECT_EQ(fm->glyph_id(U'é'), 2);
    EXPECT_EQ(fm->glyph_id(0x1F600), 3);

    // No map at all.
    t.format12 = false;
    EXPECT_FALSE(FontMetrics::parse(t.build(), "tiny", error).has_value());
    EXPECT_NE(error.find("cmap"), std::string::npos) << error;
}

TEST(FontMetrics, ScalesByUnitsPerEmLikeLibharu) {
    TinyFont t;
    t.upem = 2048;
    t.advances = {1000, 1229, 2048};
    t.map = {{U'a', 1}, {U'b', 2}};
    std::string error;
    auto fm = FontMetrics::parse(t.build(), "tiny", error);
    ASSERT_TRUE(fm.has_value()) << error;
    EXPECT_EQ(fm->advance_1000(U'a'), 600);  // 1229 * 1000 / 2048 = 600.09 → 600
    EXPECT_EQ(fm->advance_1000(U'b'), 1000);
    EXPECT_EQ(fm->width_1000("ab"), 1600);
}

TEST(FontMetrics, FallsBackForCapAndXHeight) {
    TinyFont t;
    t.map = {{U'H', 1}, {U'x', 2}};
    t.ymax = {0, 690, 470};
    std::string error;
    auto fm = FontMetrics::parse(t.build(), "tiny", error);
    ASSERT_TRUE(fm.has_value()) << error;
    EXPECT_EQ(fm->cap_height(), 690);  // from the outline of H
    EXPECT_EQ(fm->x_height(), 470);

    t.os2 = true;
    t.os2_cap = 700;
    t.os2_x = 480;
    fm = FontMetrics::parse(t.build(), "tiny", error);
    ASSERT_TRUE(fm.has_value()) << error;
    EXPECT_EQ(fm->cap_height(), 700);  // OS/2 wins
    EXPECT_EQ(fm->x_height(), 480);

    TinyFont bare;
    bare.map = {{U'a', 1}};
    fm = FontMetrics::parse(bare.build(), "tiny", error);
    ASSERT_TRUE(fm.has_value()) << error;
    EXPECT_EQ(fm->cap_height(), 700);  // 0.7 em
    EXPECT_EQ(fm->x_height(), 500);    // 0.5 em
}

TEST(FontMetrics, RefusesBadUnitsPerEmAndMissingTables) {
    TinyFont t;
    t.map = {{U'a', 1}};
    t.upem = 0;
    std::string error;
    EXPECT_FALSE(FontMetrics::parse(t.build(), "tiny", error).has_value());
    EXPECT_NE(error.find("unitsPerEm"), std::string::npos) << error;

    std::string bytes = TinyFont{}.build();
    // rename the glyf table: a font without TrueType outlines
    const auto at = bytes.find("glyf");
    ASSERT_NE(at, std::string::npos);
    bytes.replace(at, 4, "xxxx");
    EXPECT_FALSE(FontMetrics::parse(bytes, "tiny", error).has_value());
    EXPECT_NE(error.find("glyf"), std::string::npos) << error;
}

TEST(FontMetrics, BoundsTheWorkOfOverlappingCmapSegments) {
    // A format 12 table whose groups all cover the whole BMP: only the first
    // (ascending, disjoint) group may be used.
    TinyFont t;
    t.format4 = false;
    t.format12 = true;
    for (int k = 0; k < 2000; ++k) t.map.push_back({0x20, 1});
    std::string bytes = t.build();
    // widen every group to U+0020..U+FFFF
    const std::size_t cmap = bytes.find("cmap");
    ASSERT_NE(cmap, std::string::npos);
    auto be32 = [&](std::size_t o) {
        return (std::uint32_t(static_cast<unsigned char>(bytes[o])) << 24) |
               (std::uint32_t(static_cast<unsigned char>(bytes[o + 1])) << 16) |
               (std::uint32_t(static_cast<unsigned char>(bytes[o + 2])) << 8) | static_cast<unsigned char>(bytes[o + 3]);
    };
    const std::uint32_t cmap_off = be32(cmap + 8);
    const std::size_t groups = cmap_off + 4 + 8 + 16;
    for (int k = 0; k < 2000; ++k) {
        const std::size_t g = groups + 12 * static_cast<std::size_t>(k) + 4;
        bytes[g] = 0;
        bytes[g + 1] = 0;
        bytes[g + 2] = static_cast<char>(0xFF);
        bytes[g + 3] = static_cast<char>(0xFF);
    }
    std::string error;
    auto fm = FontMetrics::parse(bytes, "tiny", error);
    ASSERT_TRUE(fm.has_value()) << error;
    EXPECT_EQ(fm->glyph_id(0x20), 1);
    EXPECT_EQ(fm->glyph_id(0x21), 2);
    EXPECT_EQ(fm->glyph_id(0x22), 3);
    EXPECT_EQ(fm->glyph_id(0x23), 0);  // beyond the glyph count
}

TEST(FontSet, LoadsTheBundledFacesWithStableNames) {
    std::string error;
    auto set = FontSet::load_bundled(test::fonts_dir(), error);
    ASSERT_TRUE(set.has_value()) << error;
    ASSERT_EQ(set->size(), 9u);
    EXPECT_EQ(set->faces().size(), 9u);
    const int sr = set->index(Family::Serif, FontStyle::Regular);
    const int sbi = set->index(Family::Serif, FontStyle::BoldItalic);
    const int ss = set->index(Family::Sans, FontStyle::Semibold);
    EXPECT_EQ(set->face(sr).name, "serif-regular");
    EXPECT_EQ(set->metrics(sr).name(), "Vollkorn-Regular");
    EXPECT_EQ(set->face(sbi).name, "serif-bold-italic");
    EXPECT_EQ(set->metrics(ss).name(), "OpenSans-Semibold");
    EXPECT_TRUE(std::filesystem::path(set->face(sr).path).is_absolute());
    // Vollkorn has no semibold in the bundle: bold stands in.
    EXPECT_EQ(set->index(Family::Serif, FontStyle::Semibold), set->index(Family::Serif, FontStyle::Bold));
    EXPECT_EQ(set->index("sans-italic"), set->index(Family::Sans, FontStyle::Italic));
    EXPECT_EQ(set->index("no-such-face"), -1);
}

TEST(FontSet, FallsBackThroughStylesThenFamilies) {
    FontSet set;
    std::string error;
    auto r = set.add("sans-regular", test::font_path("OpenSans-Regular.ttf"), error);
    ASSERT_TRUE(r.has_value()) << error;
    set.assign(Family::Sans, FontStyle::Regular, *r);
    auto b = set.add("sans-bold", test::font_path("OpenSans-Bold.ttf"), error);
    ASSERT_TRUE(b.has_value()) << error;
    set.assign(Family::Sans, FontStyle::Bold, *b);
    EXPECT_EQ(set.index(Family::Sans, FontStyle::BoldItalic), *b);
    EXPECT_EQ(set.index(Family::Sans, FontStyle::Italic), *r);
    EXPECT_EQ(set.index(Family::Serif, FontStyle::Bold), *b);  // no serif at all
    EXPECT_FALSE(set.add("bad", "/nonexistent.ttf", error).has_value());
    EXPECT_EQ(set.size(), 2u);
}
