// The print, imposed and PDF/A editions, checked from the outside with
// poppler and qpdf on Documents built by hand.
#include <gtest/gtest.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <cmath>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "layout/document.hpp"
#include "pdf_tools.hpp"
#include "render/pdf/render_pdf.hpp"

namespace booklet::render {
namespace {

using layout::Color;
using layout::Document;
using layout::Link;
using layout::Page;
using layout::Rect;
using layout::TextRun;
using test::run_tool;
using test::shell_quote;
using test::TempDir;

const std::string kFonts = BOOKLET_SOURCE_DIR "/fonts/";
const std::string kData = BOOKLET_SOURCE_DIR "/tests/render/data/";

constexpr double kMm = 72.0 / 25.4;
constexpr double kA5W = 419.53, kA5H = 595.28;
constexpr double kBleed = 3 * kMm;  // 8.50 pt
constexpr double kMarks = 10 * kMm;

const Color kBlue{0.11, 0.29, 0.4, 0.9, 0.55, 0.25, 0.3};
const Color kGreyText{0.12, 0.12, 0.12, 0, 0, 0, 0.92};

TextRun run(double size, double x, double y, std::string text, Color color = kGreyText) {
    TextRun r;
    r.font = 0;
    r.size = size;
    r.x = x;
    r.y = y;
    r.color = color;
    r.text = std::move(text);
    return r;
}

Rect fill(double x, double y, double w, double h, Color c, bool bleed) {
    Rect r;
    r.x = x;
    r.y = y;
    r.w = w;
    r.h = h;
    r.fill = c;
    r.bleed = bleed;
    return r;
}

// `n` A5 pages, each saying "Page N" large in its middle, page 1 with a
// cover band that bleeds, every page with a link to the next.
Document booklet(int n) {
    Document d;
    d.fonts = {{"sans-regular", kFonts + "OpenSans-Regular.ttf"}};
    for (int i = 0; i < n; ++i) {
        Page p{kA5W, kA5H, {}, {}, {}, {}};
        p.runs.push_back(run(48, 110, 320, "Page " + std::to_string(i + 1)));
        Link l;
        l.x = 100;
        l.y = 280;
        l.w = 200;
        l.h = 50;
        if (n > 1) l.target_page = (i + 1) % n;
        else l.uri = "https://example.org/";
        p.links.push_back(l);
        d.pages.push_back(std::move(p));
    }
    d.pages[0].rects.push_back(fill(0, 0, kA5W, 200, kBlue, true));
    d.outline = {{"Début", 0, 0, 0}, {"Suite", 0, n - 1, 100}};
    d.meta.title = "Fête « été »";
    d.meta.author = "Comité";
    d.meta.creator = "booklet";
    d.meta.created = 1577836800;
    return d;
}

PdfOptions print_options() {
    PdfOptions o;
    o.profile = Profile::Print;
    o.bleed = kBleed;
    return o;
}

std::string to_file(const TempDir& dir, const std::string& name, const std::string& bytes) {
    return dir.write(name, bytes);
}

// qpdf --check, pdftotext and pdffonts succeed and say nothing on stderr;
// every font is embedded.
void expect_tools_are_quiet(const std::string& pdf) {
    const auto check = run_tool("qpdf --check " + shell_quote(pdf));
    EXPECT_EQ(check.exit_code, 0) << check.out;
    EXPECT_EQ(check.err, "");
    EXPECT_NE(check.out.find("No syntax or stream encoding errors found"), std::string::npos) << check.out;
    EXPECT_EQ(check.out.find("WARNING"), std::string::npos) << check.out;
    const auto text = run_tool("pdftotext " + shell_quote(pdf) + " -");
    EXPECT_EQ(text.exit_code, 0);
    EXPECT_EQ(text.err, "");
    const auto fonts = run_tool("pdffonts " + shell_quote(pdf));
    EXPECT_EQ(fonts.exit_code, 0);
    EXPECT_EQ(fonts.err, "");
    const auto lines = test::normalized_lines(fonts.out);
    ASSERT_GE(lines.size(), 3u) << fonts.out;
    for (std::size_t i = 2; i < lines.size(); ++i) EXPECT_NE(lines[i].find(" yes yes yes "), std::string::npos) << lines[i];
}

int page_count(const std::string& pdf) {
    const auto r = run_tool("pdfinfo " + shell_quote(pdf));
    return std::stoi(test::parse_key_values(r.out).at("Pages"));
}

// Text inside a rectangle of page `page` (PDF points, origin top left).
std::string text_in(const std::string& pdf, int page, double x, double y, double w, double h) {
    const auto r = run_tool("pdftotext -f " + std::to_string(page) + " -l " + std::to_string(page) + " -x " +
                            std::to_string(std::lround(x)) + " -y " + std::to_string(std::lround(y)) + " -W " +
                            std::to_string(std::lround(w)) + " -H " + std::to_string(std::lround(h)) + " " +
                            shell_quote(pdf) + " -");
    EXPECT_EQ(r.err, "");
    const auto lines = test::normalized_lines(r.out);
    std::string out;
    for (const auto& l : lines) out += (out.empty() ? "" : " ") + l;
    return out;
}

// Dark pixels in a rectangle of page `page` rasterised at 72 dpi, grey.
long dark_in(const TempDir& dir, const std::string& pdf, int page, double x, double y, double w, double h) {
    static int n = 0;
    const std::string stem = dir.path() + "/probe" + std::to_string(++n);
    const auto r = run_tool("pdftoppm -r 72 -gray -singlefile -f " + std::to_string(page) + " -l " +
                            std::to_string(page) + " -x " + std::to_string(std::lround(x)) + " -y " +
                            std::to_string(std::lround(y)) + " -W " + std::to_string(std::lround(w)) + " -H " +
                            std::to_string(std::lround(h)) + " " + shell_quote(pdf) + " " + shell_quote(stem));
    EXPECT_EQ(r.err, "");
    return test::dark_pixels_in_pgm(stem + ".pgm");
}

// Every object of the file (qpdf JSON v2): "obj:12 0 R" → {"value": ...}.
Poco::JSON::Object::Ptr qpdf_objects(const std::string& pdf) {
    const auto r = run_tool("qpdf --json --json-key=qpdf " + shell_quote(pdf));
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.err, "");
    Poco::JSON::Parser parser;
    const auto json = parser.parse(r.out).extract<Poco::JSON::Object::Ptr>();
    return json->getArray("qpdf")->getObject(1);
}

// The dictionaries (direct "value" or a stream's "dict") with /Type `type`
// or /Subtype `type`.
std::vector<Poco::JSON::Object::Ptr> dicts_of(const Poco::JSON::Object::Ptr& objects, const std::string& type) {
    std::vector<Poco::JSON::Object::Ptr> out;
    for (const auto& [key, value] : *objects) {
        const auto obj = value.extract<Poco::JSON::Object::Ptr>();
        Poco::JSON::Object::Ptr d;
        if (obj->has("value") && obj->isObject("value")) d = obj->getObject("value");
        else if (obj->has("stream")) d = obj->getObject("stream")->getObject("dict");
        if (!d) continue;
        for (const char* k : {"/Type", "/Subtype"})
            if (d->has(k) && d->get(k).isString() && d->getValue<std::string>(k) == type) out.push_back(d);
    }
    return out;
}

// --- the print edition ----------------------------------------------------------

TEST(PrintPdf, EveryPageHasTrimAndBleedBoxes) {
    TempDir dir;
    const auto pdf = to_file(dir, "print.pdf", render_pdf(booklet(5), print_options()));
    const auto boxes = test::page_boxes(pdf, 5);
    ASSERT_EQ(boxes.size(), 5u);
    for (const auto& [page, b] : boxes) {
        const auto& trim = b.at("TrimBox");
        const auto& bleed = b.at("BleedBox");
        const auto& media = b.at("MediaBox");
        EXPECT_NEAR(trim.width(), kA5W, 0.01) << page;
        EXPECT_NEAR(trim.height(), kA5H, 0.01) << page;
        EXPECT_NEAR(bleed.width(), kA5W + 2 * 8.5, 0.02) << page;
        EXPECT_NEAR(bleed.height(), kA5H + 2 * 8.5, 0.02) << page;
        EXPECT_NEAR(trim.left - bleed.left, 8.5, 0.01) << page;
        EXPECT_NEAR(bleed.top - trim.top, 8.5, 0.01) << page;
        EXPECT_NEAR(media.width(), kA5W + 2 * (kBleed + kMarks), 0.02) << page;
        EXPECT_NEAR(media.height(), kA5H + 2 * (kBleed + kMarks), 0.02) << page;
        EXPECT_NEAR(trim.left, kBleed + kMarks, 0.01) << page;
    }
    expect_tools_are_quiet(pdf);

    // Without crop marks the media box is the bleed box.
    PdfOptions o = print_options();
    o.crop_marks = false;
    const auto plain = to_file(dir, "plain.pdf", render_pdf(booklet(2), o));
    for (const auto& [page, b] : test::page_boxes(plain, 2)) {
        EXPECT_NEAR(b.at("MediaBox").width(), kA5W + 2 * kBleed, 0.02);
        EXPECT_NEAR(b.at("BleedBox").left, 0, 0.01);
        EXPECT_NEAR(b.at("TrimBox").left, kBleed, 0.01);
    }
    // The screen edition has no such boxes: pdfinfo reports the media box.
    const auto screen = to_file(dir, "screen.pdf", render_pdf(booklet(1)));
    const auto sb = test::page_boxes(screen, 1).at(1);
    EXPECT_NEAR(sb.at("TrimBox").width(), kA5W, 0.01);
    EXPECT_NEAR(sb.at("MediaBox").width(), kA5W, 0.01);
}

TEST(PrintPdf, ContentUsesOnlyCmykAndGrey) {
    TempDir dir;
    Document doc = booklet(2);
    doc.pages[1].images = {{kData + "grey.png", 50, 400, 48, 32}};
    Rect framed = fill(50, 450, 100, 40, kBlue, false);
    framed.stroke = kGreyText;
    doc.pages[1].rects.push_back(framed);
    Rect line;
    line.x = 50;
    line.y = 500;
    line.w = 200;
    line.stroke = kBlue;
    doc.pages[1].rects.push_back(line);
    std::vector<std::string> warnings;
    PdfOptions o = print_options();
    o.warn = [&](const std::string& w) { warnings.push_back(w); };
    const auto pdf = to_file(dir, "print.pdf", render_pdf(doc, o));
    EXPECT_TRUE(warnings.empty()) << warnings.front();

    const auto contents = test::page_contents(pdf);
    ASSERT_EQ(contents.size(), 2u);
    std::set<std::string> fills;
    for (const auto& c : contents) {
        EXPECT_EQ(test::rgb_colour_operators(c), std::vector<std::string>{}) << c;
        for (const auto& [operands, op] : test::content_operators(c))
            if (op == "k" || op == "K") fills.insert(operands + " " + op);
    }
    // The Document's CMYK values, as written.
    EXPECT_TRUE(fills.count("0.9 0.55 0.25 0.3 k")) << contents[0];
    EXPECT_TRUE(fills.count("0 0 0 0.92 k")) << contents[0];
    EXPECT_TRUE(fills.count("0 0 0 0.92 K")) << contents[1];
    EXPECT_TRUE(fills.count("0.9 0.55 0.25 0.3 K")) << contents[1];
    // Crop marks: registration black on every separation.
    EXPECT_TRUE(fills.count("1 1 1 1 K"));

    // The screen edition of the same Document is RGB.
    const auto screen = test::page_contents(to_file(dir, "screen.pdf", render_pdf(doc)));
    EXPECT_FALSE(test::rgb_colour_operators(screen[0]).empty());
    expect_tools_are_quiet(pdf);
}

TEST(PrintPdf, BleedRectsRunIntoTheBleedAndMarksStayOutside) {
    TempDir dir;
    Document doc = booklet(1);
    // A rect touching the right edge but not marked bleed stays in the trim.
    doc.pages[0].rects.push_back(fill(kA5W - 40, 400, 40, 60, Color::black(), false));
    const auto pdf = to_file(dir, "print.pdf", render_pdf(doc, print_options()));
    const double o = kBleed + kMarks;  // trim origin on the media, from the top left too
    // The band's bleed: above the trim top and left of the trim left.
    EXPECT_EQ(dark_in(dir, pdf, 1, o + 100, o - 7, 50, 6), 50 * 6) << "the band runs into the top bleed";
    EXPECT_EQ(dark_in(dir, pdf, 1, o - 7, o + 50, 6, 50), 6 * 50) << "the band runs into the left bleed";
    EXPECT_EQ(dark_in(dir, pdf, 1, o + kA5W + 1, o + 50, 6, 50), 6 * 50) << "the band runs into the right bleed";
    // Not beyond the bleed: the mark area next to the band is paper.
    EXPECT_EQ(dark_in(dir, pdf, 1, o + 100, o - kBleed - 4, 50, 3), 0) << "the band stops at the bleed edge";
    // The plain rect at the right edge does not bleed.
    EXPECT_EQ(dark_in(dir, pdf, 1, o + kA5W - 20, o + 420, 10, 20), 200);
    EXPECT_EQ(dark_in(dir, pdf, 1, o + kA5W + 1, o + 420, 6, 20), 0);
    // The bottom-left corner: crop marks outside the bleed, nothing in it.
    EXPECT_EQ(dark_in(dir, pdf, 1, o - kBleed, o + kA5H, kBleed, kBleed), 0) << "nothing in the bleed corner";
    EXPECT_GT(dark_in(dir, pdf, 1, 0, o + kA5H - 2, o - kBleed, 4), 0) << "a horizontal mark on the trim line";
    EXPECT_GT(dark_in(dir, pdf, 1, o - 2, o + kA5H + kBleed, 4, kMarks), 0) << "a vertical mark below the trim corner";
    // And the text is where the Document says, relative to the trim.
    EXPECT_EQ(text_in(pdf, 1, o + 100, o + 270, 250, 60), "Page 1");
}

TEST(PrintPdf, LinksAndBookmarksFollowTheTrimBox) {
    TempDir dir;
    const auto pdf = to_file(dir, "print.pdf", render_pdf(booklet(3), print_options()));
    const double o = kBleed + kMarks;
    const auto objects = qpdf_objects(pdf);
    const auto links = dicts_of(objects, "/Link");
    ASSERT_EQ(links.size(), 3u);
    for (const auto& l : links) {
        const auto rect = l->getArray("/Rect");
        EXPECT_NEAR(rect->getElement<double>(0), o + 100, 0.01);
        EXPECT_NEAR(rect->getElement<double>(1), o + kA5H - 330, 0.01);
        EXPECT_NEAR(rect->getElement<double>(2), o + 300, 0.01);
        EXPECT_NEAR(rect->getElement<double>(3), o + kA5H - 280, 0.01);
    }
    const auto r = run_tool("qpdf --json --json-key=outlines " + shell_quote(pdf));
    Poco::JSON::Parser parser;
    const auto outlines = parser.parse(r.out).extract<Poco::JSON::Object::Ptr>()->getArray("outlines");
    ASSERT_EQ(outlines->size(), 2u);
    EXPECT_NEAR(outlines->getObject(1)->getArray("dest")->getElement<double>(3), o + kA5H - 100, 0.01);
}

TEST(PrintPdf, RgbImagesAreReportedAndRefusedWhenStrict) {
    Document doc = booklet(2);
    doc.pages[1].images = {{kData + "logo-alpha.png", 50, 400, 48, 32}, {kData + "photo.jpg", 150, 400, 48, 32}};
    std::vector<std::string> warnings;
    PdfOptions o = print_options();
    o.warn = [&](const std::string& w) { warnings.push_back(w); };
    EXPECT_NO_THROW(render_pdf(doc, o));
    ASSERT_EQ(warnings.size(), 2u);
    EXPECT_NE(warnings[0].find("logo-alpha.png"), std::string::npos) << warnings[0];
    EXPECT_NE(warnings[0].find("page 2"), std::string::npos) << warnings[0];
    EXPECT_NE(warnings[0].find("RGB"), std::string::npos) << warnings[0];
    EXPECT_NE(warnings[1].find("photo.jpg"), std::string::npos) << warnings[1];

    o.strict = true;
    warnings.clear();
    try {
        render_pdf(doc, o);
        FAIL() << "expected RenderError";
    } catch (const RenderError& e) {
        EXPECT_NE(std::string(e.what()).find("logo-alpha.png"), std::string::npos) << e.what();
    }
    EXPECT_TRUE(warnings.empty());

    // The screen edition has nothing to say about RGB.
    PdfOptions screen;
    screen.strict = true;
    EXPECT_NO_THROW(render_pdf(doc, screen));
}

TEST(PrintPdf, ErrorsInsideAPageAreReported) {
    // Thrown while the page's content is inside q ... Q and a text object.
    Document doc = booklet(2);
    doc.pages[1].runs.push_back(run(10, 10, 10, "neige ☃"));
    EXPECT_THROW(render_pdf(doc, print_options()), RenderError);
    Document imposed = booklet(4);
    imposed.pages[2].images = {{kData + "photo.jpg", 50, 400, 48, 32}};
    PdfOptions strict = print_options();
    strict.strict = true;
    EXPECT_THROW(render_imposed_pdf(imposed, strict), RenderError);
    EXPECT_NO_THROW(render_imposed_pdf(booklet(4), strict));
}

TEST(PrintPdf, BadOptionsAreRejected) {
    PdfOptions o = print_options();
    o.bleed = -1;
    EXPECT_THROW(render_pdf(booklet(1), o), RenderError);
    o.bleed = std::nan("");
    EXPECT_THROW(render_pdf(booklet(1), o), RenderError);
    o = print_options();
    o.pdfa = true;
    EXPECT_THROW(render_pdf(booklet(1), o), RenderError);
}

// --- imposition -------------------------------------------------------------------

TEST(ImposedPdf, SheetsHoldThePagesInSaddleStitchOrder) {
    TempDir dir;
    const auto pdf = to_file(dir, "imposed.pdf", render_imposed_pdf(booklet(8), print_options()));
    ASSERT_EQ(page_count(pdf), 4);  // 2 sheets, front and back
    const double SW = 320 * kMm, SH = 225 * kMm;  // SRA4 landscape
    const std::vector<std::pair<int, int>> expected = {{8, 1}, {2, 7}, {6, 3}, {4, 5}};
    for (int side = 1; side <= 4; ++side) {
        const auto [left, right] = expected[static_cast<std::size_t>(side - 1)];
        EXPECT_EQ(text_in(pdf, side, 0, 0, SW / 2, SH), "Page " + std::to_string(left)) << "side " << side;
        EXPECT_EQ(text_in(pdf, side, SW / 2, 0, SW / 2, SH), "Page " + std::to_string(right)) << "side " << side;
    }
    // SRA4 landscape; the trim box is the spread, centred; the bleed box
    // grows it by the bleed.
    for (const auto& [page, b] : test::page_boxes(pdf, 4)) {
        EXPECT_NEAR(b.at("MediaBox").width(), SW, 0.02) << page;
        EXPECT_NEAR(b.at("MediaBox").height(), SH, 0.02) << page;
        EXPECT_NEAR(b.at("TrimBox").width(), 2 * kA5W, 0.02) << page;
        EXPECT_NEAR(b.at("TrimBox").height(), kA5H, 0.02) << page;
        EXPECT_NEAR(b.at("TrimBox").left, (SW - 2 * kA5W) / 2, 0.02) << page;
        EXPECT_NEAR(b.at("BleedBox").width(), 2 * kA5W + 2 * kBleed, 0.02) << page;
    }
    // No links or bookmarks on sheets.
    EXPECT_TRUE(dicts_of(qpdf_objects(pdf), "/Link").empty());
    for (const auto& c : test::page_contents(pdf)) EXPECT_EQ(test::rgb_colour_operators(c), std::vector<std::string>{});
    expect_tools_are_quiet(pdf);
}

TEST(ImposedPdf, WithoutBleedOnA4) {
    TempDir dir;
    // The screen profile has no bleed: A4 landscape, RGB.
    const auto pdf = to_file(dir, "imposed.pdf", render_imposed_pdf(booklet(4)));
    ASSERT_EQ(page_count(pdf), 2);
    for (const auto& [page, b] : test::page_boxes(pdf, 2)) {
        EXPECT_NEAR(b.at("MediaBox").width(), 841.89, 0.02);
        EXPECT_NEAR(b.at("MediaBox").height(), 595.28, 0.02);
        EXPECT_NEAR(b.at("TrimBox").width(), 2 * kA5W, 0.02);
    }
    EXPECT_EQ(text_in(pdf, 1, 0, 0, 420, 595), "Page 4");
    EXPECT_EQ(text_in(pdf, 1, 421, 0, 420, 595), "Page 1");
    EXPECT_EQ(text_in(pdf, 2, 0, 0, 420, 595), "Page 2");
    EXPECT_EQ(text_in(pdf, 2, 421, 0, 420, 595), "Page 3");
    // Print without bleed: A4 as well.
    PdfOptions o = print_options();
    o.bleed = 0;
    const auto print = to_file(dir, "print0.pdf", render_imposed_pdf(booklet(4), o));
    EXPECT_NEAR(test::page_boxes(print, 1).at(1).at("MediaBox").width(), 841.89, 0.02);
    expect_tools_are_quiet(pdf);
}

TEST(ImposedPdf, BleedStopsAtTheSpine) {
    TempDir dir;
    Document doc = booklet(4);
    // Page 4 (left of sheet 1 front) is covered edge to edge with bleed;
    // page 1 (right) has only a band at the top.
    doc.pages[3].rects.push_back(fill(0, 0, kA5W, kA5H, Color::black(), true));
    const auto pdf = to_file(dir, "imposed.pdf", render_imposed_pdf(doc, print_options()));
    const double sx = (320 * kMm - 2 * kA5W) / 2, sy = (225 * kMm - kA5H) / 2;
    // From the top of the sheet: page 4 spans x sx..sx+W, y sy..sy+H.
    EXPECT_EQ(dark_in(dir, pdf, 1, sx - 7, sy + 100, 6, 100), 600) << "outer bleed of the left page";
    EXPECT_EQ(dark_in(dir, pdf, 1, sx + 100, sy + kA5H + 1, 100, 6), 600) << "bottom bleed of the left page";
    EXPECT_EQ(dark_in(dir, pdf, 1, sx + kA5W + 1, sy + 300, 20, 100), 0) << "nothing across the spine";
    EXPECT_EQ(dark_in(dir, pdf, 1, sx - kBleed - 4, sy + 100, 3, 100), 0) << "nothing beyond the bleed";
    // Cut marks at the spread corners and a fold mark above the spine, in
    // the 4.5 mm SRA4 leaves beyond the bleed.
    EXPECT_GT(dark_in(dir, pdf, 1, sx - 2, sy - kBleed - 12, 4, 12), 0);
    EXPECT_GT(dark_in(dir, pdf, 1, sx + kA5W - 2, sy - kBleed - 12, 4, 12), 0);
    EXPECT_GT(dark_in(dir, pdf, 1, sx - kBleed - 25, sy - 2, 25, 4), 0);
}

TEST(ImposedPdf, RefusesWhatItCannotFold) {
    try {
        render_imposed_pdf(booklet(6), print_options());
        FAIL() << "expected RenderError";
    } catch (const RenderError& e) {
        EXPECT_NE(std::string(e.what()).find("multiple of 4"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("6 pages"), std::string::npos) << e.what();
    }
    Document mixed = booklet(4);
    mixed.pages[2].width = 595.28;
    EXPECT_THROW(render_imposed_pdf(mixed, print_options()), RenderError);
    Document huge = booklet(4);
    for (auto& p : huge.pages) p.width = p.height = 2000;
    EXPECT_THROW(render_imposed_pdf(huge, print_options()), RenderError);
}

TEST(ImposedPdf, SheetLooksAsItShould) {
    TempDir dir;
    Document doc = booklet(8);
    doc.pages[7].rects.push_back(fill(0, kA5H - 120, kA5W, 120, kBlue, true));
    const auto pdf = to_file(dir, "imposed.pdf", render_imposed_pdf(doc, print_options()));
    const auto r = run_tool("pdftoppm -r 30 -png -singlefile -f 1 -l 1 " + shell_quote(pdf) + " " +
                            shell_quote(dir.path() + "/sheet"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto problem = test::compare_with_reference(
        dir.path() + "/sheet.png", BOOKLET_SOURCE_DIR "/tests/render/reference/imposed-sheet-1-front.png");
    EXPECT_EQ(problem, "");
}

// --- PDF/A ------------------------------------------------------------------------

PdfOptions pdfa_options() {
    PdfOptions o;
    o.pdfa = true;
    return o;
}

TEST(PdfAPdf, MetadataOutputIntentAndPrintableLinks) {
    TempDir dir;
    const auto pdf = to_file(dir, "a.pdf", render_pdf(booklet(3), pdfa_options()));
    const auto info = run_tool("pdfinfo " + shell_quote(pdf));
    EXPECT_EQ(info.err, "");
    const auto kv = test::parse_key_values(info.out);
    EXPECT_EQ(kv.at("PDF version"), "1.4");
    EXPECT_EQ(kv.at("Metadata Stream"), "yes");
    EXPECT_EQ(kv.at("Title"), "Fête « été »");

    const auto meta = run_tool("pdfinfo -meta " + shell_quote(pdf));
    EXPECT_EQ(meta.err, "");
    EXPECT_NE(meta.out.find("<pdfaid:part>1</pdfaid:part>"), std::string::npos) << meta.out;
    EXPECT_NE(meta.out.find("<pdfaid:conformance>B</pdfaid:conformance>"), std::string::npos);
    EXPECT_NE(meta.out.find("<rdf:li xml:lang=\"x-default\">Fête « été »</rdf:li>"), std::string::npos);
    EXPECT_NE(meta.out.find("<rdf:li>Comité</rdf:li>"), std::string::npos);
    EXPECT_NE(meta.out.find("<xmp:CreateDate>2020-01-01T00:00:00+00:00</xmp:CreateDate>"), std::string::npos);
    EXPECT_NE(meta.out.find("<pdf:Producer>booklet"), std::string::npos);

    const auto objects = qpdf_objects(pdf);
    const auto catalog = dicts_of(objects, "/Catalog");
    ASSERT_EQ(catalog.size(), 1u);
    EXPECT_TRUE(catalog[0]->has("/Metadata"));
    ASSERT_TRUE(catalog[0]->has("/OutputIntents"));
    const auto intents = dicts_of(objects, "/OutputIntent");
    ASSERT_EQ(intents.size(), 1u);
    EXPECT_EQ(intents[0]->getValue<std::string>("/S"), "/GTS_PDFA1");
    EXPECT_EQ(intents[0]->getValue<std::string>("/OutputConditionIdentifier"), "u:sRGB IEC61966-2.1");
    ASSERT_TRUE(intents[0]->has("/DestOutputProfile"));
    const auto profile = objects->getObject("obj:" + intents[0]->getValue<std::string>("/DestOutputProfile"));
    EXPECT_EQ(profile->getObject("stream")->getObject("dict")->getValue<int>("/N"), 3);
    const auto metadata = objects->getObject("obj:" + catalog[0]->getValue<std::string>("/Metadata"));
    const auto meta_dict = metadata->getObject("stream")->getObject("dict");
    EXPECT_EQ(meta_dict->getValue<std::string>("/Subtype"), "/XML");
    EXPECT_FALSE(meta_dict->has("/Filter")) << "PDF/A-1 metadata is not compressed";

    const auto links = dicts_of(objects, "/Link");
    ASSERT_EQ(links.size(), 3u);
    for (const auto& l : links) EXPECT_EQ(l->getValue<int>("/F"), 4);

    // Every embedded subset font lists its CIDs.
    const auto descriptors = dicts_of(objects, "/FontDescriptor");
    ASSERT_FALSE(descriptors.empty());
    for (const auto& d : descriptors) {
        EXPECT_TRUE(d->has("/CIDSet"));
        EXPECT_TRUE(d->has("/FontFile2"));
        EXPECT_TRUE(d->has("/CapHeight"));
    }
    // The trailer has an /ID.
    EXPECT_NE(test::read_file(pdf).find("/ID ["), std::string::npos);
    expect_tools_are_quiet(pdf);

    // Text still extracts exactly.
    EXPECT_EQ(text_in(pdf, 2, 0, 0, kA5W, kA5H), "Page 2");
}

TEST(PdfAPdf, TransparencyIsFlattenedOntoWhatIsUnder) {
    TempDir dir;
    Document doc = booklet(1);
    // The logo over the blue band (fully inside it) and on paper.
    doc.pages[0].images = {{kData + "logo-alpha.png", 40, 40, 96, 64}, {kData + "logo-alpha.png", 40, 300, 96, 64}};
    std::vector<std::string> warnings;
    PdfOptions o = pdfa_options();
    o.warn = [&](const std::string& w) { warnings.push_back(w); };
    const auto pdf = to_file(dir, "a.pdf", render_pdf(doc, o));
    EXPECT_TRUE(warnings.empty());
    const auto list = run_tool("pdfimages -list " + shell_quote(pdf));
    EXPECT_EQ(list.err, "");
    EXPECT_EQ(list.out.find("smask"), std::string::npos) << list.out;
    const auto lines = test::normalized_lines(list.out);
    EXPECT_EQ(lines.size(), 2u + 2u) << "one image per background\n" << list.out;
    for (const auto& obj : dicts_of(qpdf_objects(pdf), "/Image")) EXPECT_FALSE(obj->has("/SMask"));

    // The screen edition keeps the soft mask.
    const auto screen = run_tool("pdfimages -list " + shell_quote(to_file(dir, "s.pdf", render_pdf(doc))));
    EXPECT_NE(screen.out.find("smask"), std::string::npos);

    // Rasterised, the flattened logo looks like the transparent one.
    auto raster = [&](const std::string& file, const std::string& stem) {
        const auto r = run_tool("pdftoppm -r 72 -gray -singlefile " + shell_quote(file) + " " +
                                shell_quote(dir.path() + "/" + stem));
        EXPECT_EQ(r.err, "");
        return test::read_file(dir.path() + "/" + stem + ".pgm");
    };
    const std::string a = raster(pdf, "a"), s = raster(dir.path() + "/s.pdf", "s");
    ASSERT_EQ(a.size(), s.size());
    long differing = 0;
    for (std::size_t i = 0; i < a.size(); ++i)
        differing += std::abs(int(static_cast<unsigned char>(a[i])) - int(static_cast<unsigned char>(s[i]))) > 24;
    EXPECT_LT(differing, 40) << "the PDF/A page should look like the screen page";

    // Half on the band, half on paper: flattened onto one, with a warning.
    doc.pages[0].images = {{kData + "logo-alpha.png", 40, 170, 96, 64}};
    warnings.clear();
    EXPECT_NO_THROW(render_pdf(doc, o));
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_NE(warnings[0].find("not of one colour"), std::string::npos) << warnings[0];
    o.strict = true;
    EXPECT_THROW(render_pdf(doc, o), RenderError);
}

TEST(PdfAPdf, NeedsAUsableProfile) {
    PdfOptions o = pdfa_options();
    o.srgb_profile = "/nonexistent/sRGB.icc";
    try {
        render_pdf(booklet(1), o);
        FAIL() << "expected RenderError";
    } catch (const RenderError& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/sRGB.icc"), std::string::npos) << e.what();
    }
    o.srgb_profile = kData + "photo.jpg";
    EXPECT_THROW(render_pdf(booklet(1), o), RenderError);
    // A CMYK JPEG cannot go in with an sRGB output intent.
    TempDir dir;
    std::string jpeg = test::read_file(kData + "photo.jpg");
    jpeg[jpeg.find("\xFF\xC0") + 9] = 4;
    Document doc = booklet(1);
    doc.pages[0].images = {{dir.write("cmyk.jpg", jpeg), 10, 10, 20, 20}};
    EXPECT_THROW(render_pdf(doc, pdfa_options()), RenderError);
}

// --- reproducibility ------------------------------------------------------------------

TEST(PrintPdf, EveryEditionIsReproducibleAndHasItsOwnId) {
    Document doc = booklet(8);
    doc.pages[2].images = {{kData + "logo-alpha.png", 40, 300, 96, 64}};
    const std::vector<std::pair<std::string, std::function<std::string()>>> editions = {
        {"screen", [&] { return render_pdf(doc); }},
        {"print", [&] { return render_pdf(doc, print_options()); }},
        {"imposed", [&] { return render_imposed_pdf(doc, print_options()); }},
        {"pdfa", [&] { return render_pdf(doc, pdfa_options()); }},
    };
    auto id = [](const std::string& pdf) {
        const auto at = pdf.rfind("/ID [");
        return pdf.substr(at, pdf.find(']', at) - at);
    };
    std::set<std::string> ids;
    for (const auto& [name, make] : editions) {
        const std::string a = make(), b = make();
        EXPECT_TRUE(a == b) << name << ": two renders differ";
        ids.insert(id(a));
    }
    EXPECT_EQ(ids.size(), editions.size()) << "each edition has its own /ID";
}

}  // namespace
}  // namespace booklet::render
