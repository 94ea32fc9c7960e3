// The print helpers on their own: geometry, bleed, marks, imposition order,
// sheet sizes, XMP, the ICC check, image colour and PNG flattening.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string>

#include "render/pdf/print.hpp"
#include "render/pdf/render_pdf.hpp"

namespace booklet::render::pdf {
namespace {

constexpr double kMm = 72.0 / 25.4;
constexpr double kA5W = 419.53, kA5H = 595.28;

std::string data_file(const std::string& name) {
    std::ifstream in(std::string(BOOKLET_SOURCE_DIR "/tests/render/data/") + name, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(PrintGeometry, BoxesNestAroundTheTrim) {
    const double b = 3 * kMm;
    const auto g = print_geometry(kA5W, kA5H, b, true);
    const double o = b + 10 * kMm;
    EXPECT_NEAR(g.trim.left, o, 1e-9);
    EXPECT_NEAR(g.trim.bottom, o, 1e-9);
    EXPECT_NEAR(g.trim.width(), kA5W, 1e-9);
    EXPECT_NEAR(g.trim.height(), kA5H, 1e-9);
    EXPECT_NEAR(g.bleed.width(), kA5W + 2 * b, 1e-9);
    EXPECT_NEAR(g.bleed.left, g.trim.left - b, 1e-9);
    EXPECT_NEAR(g.media.width(), kA5W + 2 * o, 1e-9);
    EXPECT_NEAR(g.media.height(), kA5H + 2 * o, 1e-9);
    EXPECT_EQ(g.media.left, 0);

    // No crop marks: the media box is the bleed box.
    const auto plain = print_geometry(kA5W, kA5H, b, false);
    EXPECT_EQ(plain.media, plain.bleed);
    EXPECT_NEAR(plain.trim.left, b, 1e-9);
}

TEST(PrintGeometry, BleedExtendsOnlyTheSidesThatTouchTheTrim) {
    const double b = 8.5;
    // The cover band: top, left and right edges touch.
    auto r = bleed_extended({0, 0, kA5W, 300}, kA5W, kA5H, b);
    EXPECT_DOUBLE_EQ(r.x, -b);
    EXPECT_DOUBLE_EQ(r.y, -b);
    EXPECT_DOUBLE_EQ(r.w, kA5W + 2 * b);
    EXPECT_DOUBLE_EQ(r.h, 300 + b);
    // Within 0.5 pt counts as touching; 0.6 pt does not.
    r = bleed_extended({0.4, 100, 50, 50}, kA5W, kA5H, b);
    EXPECT_DOUBLE_EQ(r.x, -b);
    EXPECT_DOUBLE_EQ(r.w, 50.4 + b);
    r = bleed_extended({0.6, 100, 50, 50}, kA5W, kA5H, b);
    EXPECT_DOUBLE_EQ(r.x, 0.6);
    EXPECT_DOUBLE_EQ(r.w, 50);
    // Bottom and right.
    r = bleed_extended({kA5W - 50, kA5H - 20, 49.7, 20}, kA5W, kA5H, b);
    EXPECT_DOUBLE_EQ(r.x + r.w, kA5W + b);
    EXPECT_DOUBLE_EQ(r.y + r.h, kA5H + b);
    EXPECT_DOUBLE_EQ(r.y, kA5H - 20);
    // A rect given with negative sizes is normalised first.
    r = bleed_extended({kA5W, 20, -kA5W, -20}, kA5W, kA5H, b);
    EXPECT_DOUBLE_EQ(r.x, -b);
    EXPECT_DOUBLE_EQ(r.y, -b);
    EXPECT_DOUBLE_EQ(r.w, kA5W + 2 * b);
    // The spine side of an imposed page stays put.
    r = bleed_extended({0, 0, kA5W, kA5H}, kA5W, kA5H, b, {true, true, false, true});
    EXPECT_DOUBLE_EQ(r.x, -b);
    EXPECT_DOUBLE_EQ(r.x + r.w, kA5W);
}

TEST(PrintGeometry, CropMarksStayOutsideTheBleed) {
    const double b = 8.5;
    const Box trim{50, 50, 50 + kA5W, 50 + kA5H};
    const auto lines = crop_marks(trim, b);
    ASSERT_EQ(lines.size(), 8u);
    const Box bleed{trim.left - b, trim.bottom - b, trim.right + b, trim.top + b};
    for (const auto& l : lines) {
        // Each line lies on the extension of a trim edge...
        const bool horizontal = l.y1 == l.y2;
        EXPECT_TRUE(horizontal || l.x1 == l.x2);
        if (horizontal) {
            EXPECT_TRUE(l.y1 == trim.bottom || l.y1 == trim.top);
            // ...and never enters the bleed box.
            EXPECT_TRUE(std::max(l.x1, l.x2) <= bleed.left - kMarkGap + 1e-9 ||
                        std::min(l.x1, l.x2) >= bleed.right + kMarkGap - 1e-9);
        } else {
            EXPECT_TRUE(l.x1 == trim.left || l.x1 == trim.right);
            EXPECT_TRUE(std::max(l.y1, l.y2) <= bleed.bottom - kMarkGap + 1e-9 ||
                        std::min(l.y1, l.y2) >= bleed.top + kMarkGap - 1e-9);
        }
        EXPECT_NEAR(std::abs(l.x2 - l.x1) + std::abs(l.y2 - l.y1), kMarkLength, 1e-9);
        // Inside the 10 mm margin the print page keeps for them.
        EXPECT_GE(std::min(l.x1, l.x2), trim.left - b - kMarkRoom - 1e-9);
        EXPECT_LE(std::max(l.y1, l.y2), trim.top + b + kMarkRoom + 1e-9);
    }
}

TEST(Imposition, SaddleStitchOrder) {
    const auto eight = saddle_stitch(8);
    ASSERT_EQ(eight.size(), 2u);
    EXPECT_EQ(eight[0].front, (SheetSide{8, 1}));
    EXPECT_EQ(eight[0].back, (SheetSide{2, 7}));
    EXPECT_EQ(eight[1].front, (SheetSide{6, 3}));
    EXPECT_EQ(eight[1].back, (SheetSide{4, 5}));

    // Every page exactly once, facing pages add up to n + 1.
    for (const int n : {4, 12, 20, 64}) {
        const auto sheets = saddle_stitch(n);
        ASSERT_EQ(sheets.size(), static_cast<std::size_t>(n / 4));
        std::vector<int> seen(static_cast<std::size_t>(n + 1), 0);
        for (const auto& s : sheets)
            for (const auto& side : {s.front, s.back}) {
                EXPECT_EQ(side.left + side.right, n + 1);
                ++seen[static_cast<std::size_t>(side.left)];
                ++seen[static_cast<std::size_t>(side.right)];
            }
        for (int p = 1; p <= n; ++p) EXPECT_EQ(seen[static_cast<std::size_t>(p)], 1) << p << " of " << n;
    }
    EXPECT_TRUE(saddle_stitch(6).empty());
    EXPECT_TRUE(saddle_stitch(0).empty());
}

TEST(Imposition, SheetSizes) {
    // SRA4 is 225 x 320 mm (ISO 217): an A4 sheet (an A5 spread) with room
    // for the bleed.
    auto s = sheet_for(kA5W, kA5H, 3 * kMm);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->name, "SRA4");
    EXPECT_NEAR(s->width, 320 * kMm, 1e-6);
    EXPECT_NEAR(s->height, 225 * kMm, 1e-6);
    s = sheet_for(kA5W, kA5H, 0);
    ASSERT_TRUE(s);
    EXPECT_EQ(s->name, "A4");
    EXPECT_NEAR(s->width, 297 * kMm, 1e-6);
    // A4 pages spread: A3 without bleed, SRA3 with.
    EXPECT_EQ(sheet_for(595.28, 841.89, 0)->name, "A3");
    EXPECT_EQ(sheet_for(595.28, 841.89, 3 * kMm)->name, "SRA3");
    EXPECT_FALSE(sheet_for(2000, 2000, 0));
}

TEST(PrintGeometry, MarksFitTheRoomThereIs) {
    const double b = 3 * kMm;
    const auto full = mark_span(b, kMarkRoom);
    ASSERT_TRUE(full);
    EXPECT_NEAR(full->from, b + kMarkGap, 1e-9);
    EXPECT_NEAR(full->to, b + kMarkGap + kMarkLength, 1e-9);
    // SRA4 above and below an A5 spread: 4.5 mm beyond the bleed.
    const auto tight = mark_span(b, 4.5 * kMm);
    ASSERT_TRUE(tight);
    EXPECT_NEAR(tight->from, b + 1 * kMm, 1e-9);
    EXPECT_NEAR(tight->to, b + 4 * kMm, 1e-9);
    EXPECT_FALSE(mark_span(0, 1 * kMm));  // A4 for A5 pages: 0.5 mm
    const Box trim{0, 0, 100, 100};
    EXPECT_EQ(crop_marks(trim, b, kMarkRoom, 1 * kMm).size(), 4u);  // only the horizontal ones
    EXPECT_TRUE(crop_marks(trim, 0, 1 * kMm, 1 * kMm).empty());
}

TEST(PdfA, XmpPacketRepeatsTheInfoAndEscapes) {
    XmpFields f;
    f.title = "Fête <été> & « Noël »";
    f.author = "Comité d'organisation";
    f.subject = "Journée";
    f.keywords = "a, b";
    f.creator = "booklet";
    f.producer = "booklet 0.1.0 (libharu 2.3.0)";
    f.created = 1577836800;
    const std::string x = xmp_packet(f);
    EXPECT_EQ(x.rfind("<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>", 0), 0u);
    EXPECT_NE(x.find("<rdf:li xml:lang=\"x-default\">Fête &lt;été&gt; &amp; « Noël »</rdf:li>"), std::string::npos) << x;
    EXPECT_NE(x.find("<dc:creator><rdf:Seq><rdf:li>Comité d&apos;organisation</rdf:li></rdf:Seq></dc:creator>"),
              std::string::npos);
    EXPECT_NE(x.find("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">Journée</rdf:li>"), std::string::npos);
    EXPECT_NE(x.find("<xmp:CreateDate>2020-01-01T00:00:00+00:00</xmp:CreateDate>"), std::string::npos);
    EXPECT_NE(x.find("<xmp:ModifyDate>2020-01-01T00:00:00+00:00</xmp:ModifyDate>"), std::string::npos);
    EXPECT_NE(x.find("<xmp:CreatorTool>booklet</xmp:CreatorTool>"), std::string::npos);
    EXPECT_NE(x.find("<pdf:Producer>booklet 0.1.0 (libharu 2.3.0)</pdf:Producer>"), std::string::npos);
    EXPECT_NE(x.find("<pdf:Keywords>a, b</pdf:Keywords>"), std::string::npos);
    EXPECT_NE(x.find("<pdfaid:part>1</pdfaid:part>"), std::string::npos);
    EXPECT_NE(x.find("<pdfaid:conformance>B</pdfaid:conformance>"), std::string::npos);
    EXPECT_EQ(x.find("bytes="), std::string::npos);
    EXPECT_EQ(x.find("encoding="), std::string::npos);
    EXPECT_TRUE(x.ends_with("<?xpacket end=\"w\"?>"));

    // Absent fields are absent from the XMP too.
    const std::string bare = xmp_packet({});
    EXPECT_EQ(bare.find("dc:title"), std::string::npos);
    EXPECT_EQ(bare.find("CreateDate"), std::string::npos);
    EXPECT_EQ(xmp_date(1709647629), "2024-03-05T14:07:09+00:00");
}

TEST(PdfA, IccProfileCheck) {
    const std::string installed = default_srgb_profile();
    ASSERT_FALSE(installed.empty()) << "no sRGB profile: apt-get install icc-profiles-free";
    std::ifstream in(installed, std::ios::binary);
    const std::string icc{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    EXPECT_EQ(srgb_output_profile_problem(icc), std::nullopt);
    EXPECT_TRUE(srgb_output_profile_problem("not a profile"));
    std::string cmyk = icc;
    cmyk.replace(16, 4, "CMYK");
    EXPECT_TRUE(srgb_output_profile_problem(cmyk));
    std::string v4 = icc;
    v4[8] = 4;
    EXPECT_TRUE(srgb_output_profile_problem(v4));
    std::string link = icc;
    link.replace(12, 4, "link");
    EXPECT_TRUE(srgb_output_profile_problem(link));
    EXPECT_TRUE(srgb_output_profile_problem(icc.substr(0, icc.size() - 1)));  // truncated
}

TEST(Images, ColourFromTheHeader) {
    EXPECT_EQ(image_colour(data_file("logo-alpha.png")), ImageColour::Rgb);
    EXPECT_EQ(image_colour(data_file("grey.png")), ImageColour::Grey);
    EXPECT_EQ(image_colour(data_file("photo.jpg")), ImageColour::Rgb);
    // A JPEG whose frame has four components is CMYK.
    std::string jpeg = data_file("photo.jpg");
    const auto sof = jpeg.find("\xFF\xC0");
    ASSERT_NE(sof, std::string::npos);
    jpeg[sof + 9] = 4;
    EXPECT_EQ(image_colour(jpeg), ImageColour::Cmyk);
    jpeg[sof + 9] = 1;
    EXPECT_EQ(image_colour(jpeg), ImageColour::Grey);
    EXPECT_EQ(image_colour("GIF89a"), ImageColour::Unknown);
}

TEST(Images, FlatteningCompositesOntoTheBackground) {
    const std::string png = data_file("logo-alpha.png");
    ASSERT_EQ(png_has_alpha(png), true);
    EXPECT_EQ(png_has_alpha(data_file("grey.png")), false);
    EXPECT_EQ(png_has_alpha("nope"), std::nullopt);
    const RawImage white = flatten_png(png, {255, 255, 255});
    const RawImage red = flatten_png(png, {255, 0, 0});
    EXPECT_EQ(white.width, 48u);
    EXPECT_EQ(white.height, 32u);
    EXPECT_EQ(white.channels, 3);
    ASSERT_EQ(white.pixels.size(), 48u * 32u * 3u);
    // Somewhere the logo is transparent: there the background shows.
    bool background_shows = false;
    for (std::size_t i = 0; i < white.pixels.size(); i += 3)
        if (white.pixels[i] == 255 && white.pixels[i + 1] == 255 && white.pixels[i + 2] == 255 &&
            red.pixels[i] == 255 && red.pixels[i + 1] == 0 && red.pixels[i + 2] == 0)
            background_shows = true;
    EXPECT_TRUE(background_shows);
    EXPECT_THROW(flatten_png("nope", {0, 0, 0}), std::runtime_error);
}

}  // namespace
}  // namespace booklet::render::pdf
