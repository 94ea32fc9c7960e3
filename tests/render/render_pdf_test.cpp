// The PDF renderer, checked from the outside with the tools a reader of
// the PDF would use: poppler (pdffonts, pdftotext, pdfinfo, pdfimages,
// pdftoppm) and qpdf. Every tool must also stay silent on stderr.
#include <gtest/gtest.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <map>
#include <set>
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
using layout::OutlineEntry;
using layout::Page;
using layout::PageLabelRange;
using layout::Rect;
using layout::TextRun;
using test::normalized_lines;
using test::run_tool;
using test::shell_quote;
using test::TempDir;

const std::string kFonts = BOOKLET_SOURCE_DIR "/fonts/";
const std::string kData = BOOKLET_SOURCE_DIR "/tests/render/data/";

constexpr double kA5W = 419.53, kA5H = 595.28;

enum Font { SerifRegular, SerifItalic, SerifBold, SansRegular, SansBold };

Document base_document(int pages = 1) {
    Document d;
    d.fonts = {
        {"serif-regular", kFonts + "Vollkorn-Regular.ttf"},
        {"serif-italic", kFonts + "Vollkorn-Italic.ttf"},
        {"serif-bold", kFonts + "Vollkorn-Bold.ttf"},
        {"sans-regular", kFonts + "OpenSans-Regular.ttf"},
        {"sans-bold", kFonts + "OpenSans-Bold.ttf"},
    };
    for (int i = 0; i < pages; ++i) d.pages.push_back(Page{kA5W, kA5H, {}, {}, {}, {}});
    d.meta.title = "Programme";
    return d;
}

TextRun run(int font, double size, double x, double y, std::string text, Color color = Color::black()) {
    TextRun r;
    r.font = font;
    r.size = size;
    r.x = x;
    r.y = y;
    r.color = color;
    r.text = std::move(text);
    return r;
}

// Renders `doc` into `dir` and returns the file's path.
std::string render_to(const TempDir& dir, const Document& doc, const std::string& name = "out.pdf") {
    return dir.write(name, render_pdf(doc));
}

void expect_clean_qpdf_check(const std::string& pdf) {
    const auto r = run_tool("qpdf --check " + shell_quote(pdf));
    EXPECT_EQ(r.exit_code, 0) << r.out;
    EXPECT_EQ(r.err, "");
    EXPECT_NE(r.out.find("No syntax or stream encoding errors found"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("WARNING"), std::string::npos) << r.out;
}

// Every object of the file: "obj:12 0 R" → {"value": ...} (qpdf JSON v2).
Poco::JSON::Object::Ptr qpdf_objects(const Poco::JSON::Object::Ptr& json) {
    return json->getArray("qpdf")->getObject(1);
}

Poco::JSON::Object::Ptr qpdf_json(const std::string& pdf, const std::string& keys) {
    const auto r = run_tool("qpdf --json " + keys + " " + shell_quote(pdf));
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.err, "");
    Poco::JSON::Parser parser;
    return parser.parse(r.out).extract<Poco::JSON::Object::Ptr>();
}

// Page object reference ("12 0 R") → 0-based page index.
std::map<std::string, int> page_indices(const Poco::JSON::Object::Ptr& json) {
    std::map<std::string, int> out;
    const auto pages = json->getArray("pages");
    for (unsigned i = 0; i < pages->size(); ++i) {
        const auto p = pages->getObject(i);
        out[p->getValue<std::string>("object")] = p->getValue<int>("pageposfrom1") - 1;
    }
    return out;
}

// --- fonts and text -------------------------------------------------------

const std::vector<std::string> kFrenchLines = {
    "L’œuvre « été » déjà vue à Noël…",
    "Cœur, façade, Œdipe — île, où, çà – là",
    "ÉCOLE À PÂQUES : ÇA COMMENCE",
    "NOËL ŸVES ÜBER ÖDE ÄNE ìl",
};

TEST(RenderPdf, EmbedsEveryFontWithUnicodeMap) {
    TempDir dir;
    Document doc = base_document();
    for (int f = SerifRegular; f <= SansBold; ++f)
        doc.pages[0].runs.push_back(run(f, 11, 40, 60 + 20 * f, "Été œuvre « » ’"));
    const auto pdf = render_to(dir, doc);

    const auto r = run_tool("pdffonts " + shell_quote(pdf));
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.err, "");
    const auto lines = normalized_lines(r.out);
    ASSERT_EQ(lines.size(), 2u + 5u) << r.out;  // two header lines
    for (std::size_t i = 2; i < lines.size(); ++i) {
        std::vector<std::string> cols;
        std::istringstream in(lines[i]);
        for (std::string c; in >> c;) cols.push_back(c);
        ASSERT_GE(cols.size(), 6u);
        const auto n = cols.size();
        EXPECT_EQ(cols[n - 5], "yes") << "not embedded: " << lines[i];
        EXPECT_EQ(cols[n - 4], "yes") << "not subset: " << lines[i];
        EXPECT_EQ(cols[n - 3], "yes") << "no ToUnicode: " << lines[i];
    }
    expect_clean_qpdf_check(pdf);
}

TEST(RenderPdf, FrenchTextExtractsExactlyAndInOrder) {
    TempDir dir;
    Document doc = base_document();
    const int fonts[] = {SerifRegular, SerifItalic, SansBold, SerifRegular};
    for (std::size_t i = 0; i < kFrenchLines.size(); ++i)
        doc.pages[0].runs.push_back(run(fonts[i], 12, 30, 80 + 30.0 * static_cast<double>(i), kFrenchLines[i]));
    // A line laid out word by word, as layout does, mixing fonts.
    const std::vector<std::pair<int, std::string>> words = {
        {SerifRegular, "Le"}, {SerifItalic, "programme"}, {SerifBold, "complet"}, {SansRegular, "s’affiche"}};
    // Advance widths at 12 pt (from the fonts' hmtx) and a 3 pt word space.
    const double widths[] = {12.41, 53.93, 46.36, 45.36};
    double x = 30;
    for (std::size_t i = 0; i < words.size(); ++i) {
        doc.pages[0].runs.push_back(run(words[i].first, 12, x, 260, words[i].second));
        x += widths[i] + 3;
    }
    const auto pdf = render_to(dir, doc);

    const auto r = run_tool("pdftotext -enc UTF-8 " + shell_quote(pdf) + " -");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.err, "");
    auto expected = kFrenchLines;
    expected.push_back("Le programme complet s’affiche");
    EXPECT_EQ(normalized_lines(r.out), expected) << r.out;

    // Raw mode follows the content stream: the runs' order.
    const auto raw = run_tool("pdftotext -raw -enc UTF-8 " + shell_quote(pdf) + " -");
    EXPECT_EQ(raw.err, "");
    EXPECT_EQ(normalized_lines(raw.out), expected) << raw.out;
    expect_clean_qpdf_check(pdf);
}

// libharu 2.3.0 keeps only one level of composite glyph components when
// subsetting; in Vollkorn, Ë Ÿ Ü Ö Ä are composites of composites and came
// out without their diaeresis. Rasterise each alone and compare with its
// base letter: the accent must add ink.
TEST(RenderPdf, NestedCompositeGlyphsKeepTheirAccents) {
    TempDir dir;
    const std::vector<std::pair<std::string, std::string>> pairs = {
        {"Ë", "E"}, {"Ÿ", "Y"}, {"Ü", "U"}, {"Ö", "O"}, {"Ä", "A"}, {"ì", "ı"}, {"é", "e"}};
    auto ink = [&](int font, const std::string& text, const std::string& name) {
        Document doc = base_document();
        doc.pages[0] = Page{100, 100, {}, {}, {run(font, 72, 10, 80, text)}, {}};
        const auto pdf = render_to(dir, doc, name + ".pdf");
        const auto r = run_tool("pdftoppm -r 72 -gray -singlefile " + shell_quote(pdf) + " " +
                                shell_quote(dir.path() + "/" + name));
        EXPECT_EQ(r.exit_code, 0);
        EXPECT_EQ(r.err, "");
        return test::dark_pixels_in_pgm(dir.path() + "/" + name + ".pgm");
    };
    for (const int font : {SerifRegular, SerifItalic, SerifBold}) {
        for (std::size_t i = 0; i < pairs.size(); ++i) {
            const std::string tag = std::to_string(font) + "-" + std::to_string(i);
            const long accented = ink(font, pairs[i].first, "a" + tag);
            const long base = ink(font, pairs[i].second, "b" + tag);
            EXPECT_GT(accented, base + 30) << pairs[i].first << " in font " << font << " lost its accent ("
                                           << accented << " vs " << base << " dark pixels)";
        }
    }
}

TEST(RenderPdf, RejectsTextTheFontCannotShow) {
    Document doc = base_document();
    doc.pages[0].runs.push_back(run(SansRegular, 10, 10, 10, "neige ☃"));
    try {
        render_pdf(doc);
        FAIL() << "expected RenderError";
    } catch (const RenderError& e) {
        EXPECT_NE(std::string(e.what()).find("U+2603"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("sans-regular"), std::string::npos) << e.what();
    }
    doc.pages[0].runs.back().text = "fête 🎉";
    EXPECT_THROW(render_pdf(doc), RenderError);
    doc.pages[0].runs.back().text = "bad \xC3";
    EXPECT_THROW(render_pdf(doc), RenderError);
    doc.pages[0].runs.back().text = "ok";
    doc.pages[0].runs.back().font = 9;
    EXPECT_THROW(render_pdf(doc), RenderError);
}

TEST(RenderPdf, UnreadableFontIsAnError) {
    Document doc = base_document();
    doc.fonts[0].path = "/nonexistent/font.ttf";
    doc.pages[0].runs.push_back(run(SerifRegular, 10, 10, 10, "x"));
    try {
        render_pdf(doc);
        FAIL() << "expected RenderError";
    } catch (const RenderError& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/font.ttf"), std::string::npos) << e.what();
    }
}

// --- document information ---------------------------------------------------

TEST(RenderPdf, InfoAndPageSizes) {
    TempDir dir;
    Document doc = base_document(2);
    doc.pages[1].width = 595.28;
    doc.pages[1].height = 841.89;
    doc.meta.title = "Fête de Noël « à l’école » 🎄";
    doc.meta.author = "Comité d’organisation";
    doc.meta.subject = "Programme été 2024";
    doc.meta.keywords = "fête, œuvre";
    doc.meta.creator = "booklet";
    doc.meta.lang = "fr";
    doc.meta.created = 1709647629;  // 2024-03-05T14:07:09Z
    doc.pages[0].runs.push_back(run(SerifRegular, 10, 10, 20, "x"));
    const auto pdf = render_to(dir, doc);

    const auto r = run_tool("pdfinfo -isodates -f 1 -l 2 " + shell_quote(pdf));
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.err, "");
    const auto info = test::parse_key_values(r.out);
    EXPECT_EQ(info.at("Title"), doc.meta.title);
    EXPECT_EQ(info.at("Author"), doc.meta.author);
    EXPECT_EQ(info.at("Subject"), doc.meta.subject);
    EXPECT_EQ(info.at("Keywords"), doc.meta.keywords);
    EXPECT_EQ(info.at("Creator"), "booklet");
    EXPECT_NE(info.at("Producer").find("booklet"), std::string::npos);
    EXPECT_NE(info.at("Producer").find("libharu"), std::string::npos);
    EXPECT_EQ(info.at("CreationDate"), "2024-03-05T14:07:09Z");
    EXPECT_EQ(info.at("ModDate"), "2024-03-05T14:07:09Z");
    // Written as +00'00' (libharu's 'Z' form is the one its PDF/A code
    // mishandles); the Info dictionary is not compressed.
    const std::string bytes = test::read_file(pdf);
    EXPECT_NE(bytes.find("/CreationDate (D:20240305140709+00'00')"), std::string::npos);
    EXPECT_NE(bytes.find("/ModDate (D:20240305140709+00'00')"), std::string::npos);
    EXPECT_EQ(info.at("Pages"), "2");
    EXPECT_EQ(info.at("Page    1 size").substr(0, 19), "419.53 x 595.28 pts");
    EXPECT_EQ(info.at("Page    2 size").substr(0, 19), "595.28 x 841.89 pts");

    const auto objects = qpdf_objects(qpdf_json(pdf, "--json-key=qpdf"));
    bool found_lang = false;
    for (const auto& [key, value] : *objects) {
        const auto obj = value.extract<Poco::JSON::Object::Ptr>();
        if (!obj->has("value") || !obj->isObject("value")) continue;
        const auto dict = obj->getObject("value");
        if (dict->has("/Type") && dict->getValue<std::string>("/Type") == "/Catalog") {
            ASSERT_TRUE(dict->has("/Lang"));
            EXPECT_EQ(dict->getValue<std::string>("/Lang"), "u:fr");
            found_lang = true;
        }
    }
    EXPECT_TRUE(found_lang);
    expect_clean_qpdf_check(pdf);
}

TEST(RenderPdf, NoDatesWithoutCreationTime) {
    TempDir dir;
    Document doc = base_document();
    const auto pdf = render_to(dir, doc);
    const auto r = run_tool("pdfinfo " + shell_quote(pdf));
    EXPECT_EQ(r.err, "");
    const auto info = test::parse_key_values(r.out);
    EXPECT_EQ(info.count("CreationDate"), 0u);
    EXPECT_EQ(info.count("ModDate"), 0u);
}

// --- navigation --------------------------------------------------------------

TEST(RenderPdf, OutlineReadsBackWithTitlesAndTargets) {
    TempDir dir;
    Document doc = base_document(4);
    doc.outline = {
        {"Samedi 5 octobre", 0, 0, 0},
        {"Ouverture « été »", 1, 1, 100},
        {"Œuvres choisies 🎨", 2, 1, 300},
        {"Clôture", 1, 2, 50},
        {"Dimanche 6 octobre", 0, 3, 0},
    };
    const auto pdf = render_to(dir, doc);
    const auto json = qpdf_json(pdf, "--json-key=outlines --json-key=pages");
    const auto pages = page_indices(json);
    const auto top = json->getArray("outlines");
    ASSERT_EQ(top->size(), 2u);

    auto check = [&](const Poco::JSON::Object::Ptr& o, const std::string& title, int page, double y,
                     std::size_t kids) {
        EXPECT_EQ(o->getValue<std::string>("title"), title);
        EXPECT_EQ(o->getValue<int>("destpageposfrom1"), page + 1) << title;
        const auto dest = o->getArray("dest");
        ASSERT_EQ(dest->size(), 5u) << title;
        EXPECT_EQ(pages.at(dest->getElement<std::string>(0)), page);
        EXPECT_EQ(dest->getElement<std::string>(1), "/XYZ");
        EXPECT_TRUE(dest->isNull(2)) << title << ": keep the horizontal position";
        EXPECT_NEAR(dest->getElement<double>(3), kA5H - y, 0.01) << title;
        EXPECT_TRUE(dest->isNull(4)) << title << ": keep the zoom";
        EXPECT_EQ(o->getArray("kids")->size(), kids) << title;
    };
    const auto sat = top->getObject(0);
    check(sat, "Samedi 5 octobre", 0, 0, 2);
    const auto opening = sat->getArray("kids")->getObject(0);
    check(opening, "Ouverture « été »", 1, 100, 1);
    check(opening->getArray("kids")->getObject(0), "Œuvres choisies 🎨", 1, 300, 0);
    check(sat->getArray("kids")->getObject(1), "Clôture", 2, 50, 0);
    check(top->getObject(1), "Dimanche 6 octobre", 3, 0, 0);
    expect_clean_qpdf_check(pdf);
}

TEST(RenderPdf, BadOutlineLevelsAreRejected) {
    Document doc = base_document();
    doc.outline = {{"a", 0, 0, 0}, {"b", 2, 0, 0}};
    EXPECT_THROW(render_pdf(doc), RenderError);
    doc.outline = {{"a", 0, 5, 0}};
    EXPECT_THROW(render_pdf(doc), RenderError);
}

TEST(RenderPdf, LinksReadBackWithTargets) {
    TempDir dir;
    Document doc = base_document(3);
    Link internal;
    internal.x = 50;
    internal.y = 100;
    internal.w = 120;
    internal.h = 14;
    internal.target_page = 2;
    internal.target_y = 200;
    Link external;
    external.x = 50;
    external.y = 130;
    external.w = 80;
    external.h = 14;
    external.uri = "https://example.org/programme?jour=samedi&été";
    doc.pages[0].links = {internal, external};
    const auto pdf = render_to(dir, doc);

    const auto json = qpdf_json(pdf, "--json-key=qpdf --json-key=pages");
    const auto pages = page_indices(json);
    const auto objects = qpdf_objects(json);
    int internal_found = 0, external_found = 0;
    for (const auto& [key, value] : *objects) {
        const auto obj = value.extract<Poco::JSON::Object::Ptr>();
        if (!obj->has("value") || !obj->isObject("value")) continue;
        const auto d = obj->getObject("value");
        if (!d->has("/Subtype") || d->getValue<std::string>("/Subtype") != "/Link") continue;
        const auto rect = d->getArray("/Rect");
        ASSERT_EQ(rect->size(), 4u);
        const auto border = d->getArray("/Border");
        ASSERT_EQ(border->size(), 3u);
        EXPECT_EQ(border->getElement<double>(2), 0.0) << "links must have no visible border";
        if (d->has("/Dest")) {
            ++internal_found;
            // libharu writes the destination array as an indirect object.
            const auto dest = d->isArray("/Dest")
                                  ? d->getArray("/Dest")
                                  : objects->getObject("obj:" + d->getValue<std::string>("/Dest"))->getArray("value");
            ASSERT_TRUE(dest);
            ASSERT_EQ(dest->size(), 5u);
            EXPECT_EQ(pages.at(dest->getElement<std::string>(0)), 2);
            EXPECT_EQ(dest->getElement<std::string>(1), "/XYZ");
            EXPECT_TRUE(dest->isNull(2));
            EXPECT_NEAR(dest->getElement<double>(3), kA5H - 200, 0.01);
            EXPECT_TRUE(dest->isNull(4));
            EXPECT_NEAR(rect->getElement<double>(0), 50, 0.01);
            EXPECT_NEAR(rect->getElement<double>(1), kA5H - 114, 0.01);
            EXPECT_NEAR(rect->getElement<double>(2), 170, 0.01);
            EXPECT_NEAR(rect->getElement<double>(3), kA5H - 100, 0.01);
        } else {
            ++external_found;
            const auto action = d->getObject("/A");
            EXPECT_EQ(action->getValue<std::string>("/S"), "/URI");
            EXPECT_EQ(action->getValue<std::string>("/URI"),
                      "u:https://example.org/programme?jour=samedi&%C3%A9t%C3%A9");
        }
    }
    EXPECT_EQ(internal_found, 1);
    EXPECT_EQ(external_found, 1);
    expect_clean_qpdf_check(pdf);
}

TEST(RenderPdf, LinkToMissingPageIsAnError) {
    Document doc = base_document(2);
    Link l;
    l.w = l.h = 10;
    l.target_page = 2;
    doc.pages[0].links.push_back(l);
    try {
        render_pdf(doc);
        FAIL() << "expected RenderError";
    } catch (const RenderError& e) {
        EXPECT_NE(std::string(e.what()).find("page index 2"), std::string::npos) << e.what();
    }
    doc.pages[0].links[0].target_page = -1;  // neither page nor URI
    EXPECT_THROW(render_pdf(doc), RenderError);
}

TEST(RenderPdf, PageLabels) {
    TempDir dir;
    Document doc = base_document(6);
    doc.page_labels = {
        {0, PageLabelRange::Style::LowerRoman, "", 1},
        {2, PageLabelRange::Style::Decimal, "", 1},
        {4, PageLabelRange::Style::None, "Annexe", 1},
        {5, PageLabelRange::Style::UpperRoman, "Éd-", 3},
    };
    const auto pdf = render_to(dir, doc);
    const auto json = qpdf_json(pdf, "--json-key=pagelabels");
    const auto labels = json->getArray("pagelabels");
    ASSERT_EQ(labels->size(), 4u);
    auto label = [&](unsigned i) { return labels->getObject(i)->getObject("label"); };
    EXPECT_EQ(labels->getObject(0)->getValue<int>("index"), 0);
    EXPECT_EQ(label(0)->getValue<std::string>("/S"), "/r");
    EXPECT_EQ(labels->getObject(1)->getValue<int>("index"), 2);
    EXPECT_EQ(label(1)->getValue<std::string>("/S"), "/D");
    EXPECT_EQ(labels->getObject(2)->getValue<int>("index"), 4);
    EXPECT_FALSE(label(2)->has("/S"));
    EXPECT_EQ(label(2)->getValue<std::string>("/P"), "u:Annexe");
    EXPECT_EQ(labels->getObject(3)->getValue<int>("index"), 5);
    EXPECT_EQ(label(3)->getValue<std::string>("/S"), "/R");
    EXPECT_EQ(label(3)->getValue<std::string>("/P"), "u:Éd-");
    EXPECT_EQ(label(3)->getValue<int>("/St"), 3);
    expect_clean_qpdf_check(pdf);
}

TEST(RenderPdf, PageLabelsStartAtPageZero) {
    TempDir dir;
    Document doc = base_document(3);
    doc.page_labels = {{1, PageLabelRange::Style::UpperRoman, "", 1}};
    const auto pdf = render_to(dir, doc);
    const auto labels = qpdf_json(pdf, "--json-key=pagelabels")->getArray("pagelabels");
    ASSERT_EQ(labels->size(), 2u);
    EXPECT_EQ(labels->getObject(0)->getValue<int>("index"), 0);
    EXPECT_EQ(labels->getObject(1)->getValue<int>("index"), 1);
}

// --- graphics -------------------------------------------------------------------

TEST(RenderPdf, RectsLinesAndImages) {
    TempDir dir;
    Document doc = base_document();
    Rect filled;
    filled.x = 20;
    filled.y = 20;
    filled.w = 100;
    filled.h = 40;
    filled.fill = Color{0.9, 0.2, 0.1};
    Rect both = filled;
    both.y = 80;
    both.stroke = Color{0, 0, 0.5};
    both.line_width = 2;
    Rect line;
    line.x = 20;
    line.y = 150;
    line.w = 300;
    line.stroke = Color::black();
    doc.pages[0].rects = {filled, both, line};
    doc.pages[0].images = {
        {kData + "logo-alpha.png", 200, 20, 48, 32},
        {kData + "photo.jpg", 200, 80, 96, 64},
        {kData + "logo-alpha.png", 300, 20, 24, 16},  // same file again: one image object
    };
    doc.pages[0].runs.push_back(run(SansRegular, 9, 20, 200, "Légende", Color{0.2, 0.4, 0.6}));
    const auto pdf = render_to(dir, doc);
    expect_clean_qpdf_check(pdf);

    const auto r = run_tool("pdfimages -list " + shell_quote(pdf));
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.err, "");
    const auto lines = normalized_lines(r.out);
    // Header (2 lines), then: png image + its soft mask, jpeg, png again + mask.
    ASSERT_EQ(lines.size(), 2u + 5u) << r.out;
    std::set<std::string> image_objects;
    for (std::size_t i = 2; i < lines.size(); ++i) {
        std::istringstream in(lines[i]);
        std::vector<std::string> c;
        for (std::string s; in >> s;) c.push_back(s);
        ASSERT_GE(c.size(), 12u);
        if (c[2] == "image") image_objects.insert(c[10]);
    }
    EXPECT_EQ(image_objects.size(), 2u) << "each image file is embedded once\n" << r.out;
    EXPECT_NE(r.out.find("smask"), std::string::npos) << "PNG alpha becomes a soft mask\n" << r.out;
    EXPECT_NE(r.out.find("jpeg"), std::string::npos) << r.out;

    // The filled rectangle is where the Document says: rasterise and probe.
    const auto ppm = run_tool("pdftoppm -r 72 -gray -singlefile -x 30 -y 30 -W 10 -H 10 " + shell_quote(pdf) +
                              " " + shell_quote(dir.path() + "/probe"));
    EXPECT_EQ(ppm.err, "");
    EXPECT_EQ(test::dark_pixels_in_pgm(dir.path() + "/probe.pgm"), 100);
}

TEST(RenderPdf, UnreadableImageIsAnErrorNamingThePath) {
    Document doc = base_document();
    doc.pages[0].images = {{"/nonexistent/dir/logo.png", 10, 10, 20, 20}};
    try {
        render_pdf(doc);
        FAIL() << "expected RenderError";
    } catch (const RenderError& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/dir/logo.png"), std::string::npos) << e.what();
    }
    // A file that is not an image.
    doc.pages[0].images = {{kFonts + "OpenSans-LICENSE.txt", 10, 10, 20, 20}};
    EXPECT_THROW(render_pdf(doc), RenderError);
}

TEST(RenderPdf, CorruptImageIsAnError) {
    TempDir dir;
    const std::string png = test::read_file(kData + "logo-alpha.png");
    const auto path = dir.write("truncated.png", png.substr(0, 60));
    Document doc = base_document();
    doc.pages[0].images = {{path, 10, 10, 20, 20}};
    try {
        render_pdf(doc);
        FAIL() << "expected RenderError";
    } catch (const RenderError& e) {
        EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    }
    const std::string jpeg = test::read_file(kData + "photo.jpg");
    doc.pages[0].images = {{dir.write("truncated.jpg", jpeg.substr(0, jpeg.size() / 2)), 10, 10, 20, 20}};
    EXPECT_THROW(render_pdf(doc), RenderError);
    // Bytes after the end marker (some editors append data) are fine.
    doc.pages[0].images = {{dir.write("trailing.jpg", jpeg + std::string(16, '\0')), 10, 10, 20, 20}};
    EXPECT_NO_THROW(render_pdf(doc));
}

// --- determinism --------------------------------------------------------------

Document full_document() {
    Document doc = base_document(3);
    doc.meta.title = "Fête « été »";
    doc.meta.lang = "fr";
    doc.meta.created = 1700000000;
    for (int p = 0; p < 3; ++p)
        for (std::size_t i = 0; i < kFrenchLines.size(); ++i)
            doc.pages[static_cast<std::size_t>(p)].runs.push_back(
                run(static_cast<int>(i) % 5, 10, 30, 50 + 20.0 * static_cast<double>(i), kFrenchLines[i]));
    doc.pages[0].images = {{kData + "photo.jpg", 200, 300, 96, 64}};
    Link l;
    l.w = l.h = 20;
    l.target_page = 2;
    doc.pages[0].links = {l};
    doc.outline = {{"Un", 0, 0, 0}, {"Deux", 1, 2, 10}};
    doc.page_labels = {{0, PageLabelRange::Style::Decimal, "", 1}};
    return doc;
}

TEST(RenderPdf, SameDocumentGivesIdenticalBytes) {
    const Document doc = full_document();
    const std::string a = render_pdf(doc);
    const std::string b = render_pdf(doc);
    ASSERT_FALSE(a.empty());
    EXPECT_TRUE(a == b) << "two renders of the same Document differ";
    EXPECT_NE(a.find("/ID ["), std::string::npos) << "the file has a /ID";

    Document other = doc;
    other.pages[1].runs[0].text = "Autre texte";
    const std::string c = render_pdf(other);
    auto id = [](const std::string& pdf) {
        const auto at = pdf.rfind("/ID [");
        return pdf.substr(at, pdf.find(']', at) - at);
    };
    EXPECT_NE(id(a), id(c)) << "a different document has a different /ID";

    TempDir dir;
    expect_clean_qpdf_check(dir.write("a.pdf", a));
}

TEST(RenderPdf, EmptyDocumentIsAnError) {
    Document doc;
    EXPECT_THROW(render_pdf(doc), RenderError);
}

}  // namespace
}  // namespace booklet::render
