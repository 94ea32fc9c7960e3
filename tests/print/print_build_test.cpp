// Print production end to end: `booklet build --profile print`, `--impose`,
// `--pdfa` and `--strict` on the seed day, checked with poppler and qpdf as
// a print shop and an archive would.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "pdf_tools.hpp"
#include "files.hpp"

namespace fs = std::filesystem;
using namespace booklet::render::test;

namespace {

constexpr double kA5W = 419.53, kA5H = 595.28;
constexpr double kBleed = 8.50;  // the default theme's 3 mm
const std::string kEpoch = "SOURCE_DATE_EPOCH=1577836800";
const std::string kSeed = BOOKLET_SOURCE_DIR "/input/medico-social-2020.xml";

ToolResult booklet(const fs::path& cwd, const std::string& args, const std::string& env = kEpoch) {
    return run_tool("cd " + shell_quote(cwd.string()) + " && " + env + " " + shell_quote(BOOKLET_BINARY_DIR "/booklet") +
                    " " + args);
}

using booklet::test::slurp;

int page_count(const std::string& pdf) {
    return std::stoi(parse_key_values(run_tool("pdfinfo " + shell_quote(pdf)).out).at("Pages"));
}

std::vector<std::string> words(const std::string& text) {
    std::istringstream in(text);
    std::vector<std::string> out;
    for (std::string w; in >> w;) out.push_back(w);
    return out;
}

std::string page_text(const std::string& pdf, int page, const std::string& crop = "") {
    const auto r = run_tool("pdftotext -f " + std::to_string(page) + " -l " + std::to_string(page) + " " + crop + " " +
                            shell_quote(pdf) + " -");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(r.err, "");
    return r.out;
}

std::string crop(double x, double y, double w, double h) {
    return "-x " + std::to_string(std::lround(x)) + " -y " + std::to_string(std::lround(y)) + " -W " +
           std::to_string(std::lround(w)) + " -H " + std::to_string(std::lround(h));
}

void expect_tools_are_quiet(const std::string& pdf) {
    const auto check = run_tool("qpdf --check " + shell_quote(pdf));
    EXPECT_EQ(check.exit_code, 0) << check.out;
    EXPECT_EQ(check.err, "") << pdf;
    EXPECT_NE(check.out.find("No syntax or stream encoding errors found"), std::string::npos) << check.out;
    const auto text = run_tool("pdftotext " + shell_quote(pdf) + " -");
    EXPECT_EQ(text.exit_code, 0);
    EXPECT_EQ(text.err, "") << pdf;
    const auto fonts = run_tool("pdffonts " + shell_quote(pdf));
    EXPECT_EQ(fonts.exit_code, 0);
    EXPECT_EQ(fonts.err, "") << pdf;
    const auto lines = normalized_lines(fonts.out);
    ASSERT_GE(lines.size(), 2u + 5u) << fonts.out;
    for (std::size_t i = 2; i < lines.size(); ++i)
        EXPECT_NE(lines[i].find(" yes yes yes "), std::string::npos) << "not embedded: " << lines[i];
}

// The seed day built once per edition for the whole suite.
class PrintBuild : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = fs::temp_directory_path() / ("booklet-print-" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        for (const auto& [out, args] : std::vector<std::pair<std::string, std::string>>{
                 {"screen", ""}, {"print", "--profile print"}, {"print2", "--profile print"},
                 {"pdfa", "--pdfa"}, {"pdfa2", "--pdfa"}}) {
            const auto r = booklet(dir_, "build " + args + " -o " + out);
            ASSERT_EQ(r.exit_code, 0) << args << "\n" << r.err;
            EXPECT_EQ(r.err, "") << args;
        }
        imposed_ = booklet(dir_, "build --profile print --impose -o imposed");
        imposed_again_ = booklet(dir_, "build --profile print --impose -o imposed2");
    }
    static void TearDownTestSuite() { fs::remove_all(dir_); }
    static std::string pdf(const std::string& edition, const std::string& suffix = "") {
        return (dir_ / edition / ("medico-social-2020" + suffix + ".pdf")).string();
    }
    static fs::path dir_;
    static ToolResult imposed_, imposed_again_;
};
fs::path PrintBuild::dir_;
ToolResult PrintBuild::imposed_, PrintBuild::imposed_again_;

TEST_F(PrintBuild, EveryPageHasTrimAndBleedBoxes) {
    const int n = page_count(pdf("print"));
    ASSERT_GE(n, 8);
    // The layout may add blank pages to the print edition (a multiple of 4).
    EXPECT_GE(n, page_count(pdf("screen")));
    const auto boxes = page_boxes(pdf("print"), n);
    ASSERT_EQ(boxes.size(), static_cast<std::size_t>(n));
    for (const auto& [page, b] : boxes) {
        EXPECT_NEAR(b.at("TrimBox").width(), kA5W, 0.01) << page;
        EXPECT_NEAR(b.at("TrimBox").height(), kA5H, 0.01) << page;
        EXPECT_NEAR(b.at("BleedBox").width(), kA5W + 2 * kBleed, 0.02) << page;
        EXPECT_NEAR(b.at("BleedBox").height(), kA5H + 2 * kBleed, 0.02) << page;
        EXPECT_NEAR(b.at("TrimBox").left - b.at("BleedBox").left, kBleed, 0.01) << page;
        EXPECT_NEAR(b.at("TrimBox").bottom - b.at("BleedBox").bottom, kBleed, 0.01) << page;
        // Room for the crop marks outside the bleed.
        EXPECT_GT(b.at("MediaBox").width(), b.at("BleedBox").width() + 50) << page;
    }
}

TEST_F(PrintBuild, ToolsAreQuietAndFontsEmbeddedInEveryEdition) {
    for (const char* edition : {"screen", "print", "pdfa"}) expect_tools_are_quiet(pdf(edition));
    if (imposed_.exit_code == 0) expect_tools_are_quiet(pdf("imposed", "-imposed"));
}

TEST_F(PrintBuild, PrintContentHasNoRgbColour) {
    const auto contents = page_contents(pdf("print"));
    ASSERT_EQ(contents.size(), static_cast<std::size_t>(page_count(pdf("print"))));
    bool cmyk = false;
    for (std::size_t i = 0; i < contents.size(); ++i) {
        EXPECT_EQ(rgb_colour_operators(contents[i]), std::vector<std::string>{}) << "page " << i + 1;
        for (const auto& [operands, op] : content_operators(contents[i])) cmyk |= op == "k" || op == "K";
    }
    EXPECT_TRUE(cmyk);
    // The screen edition stays RGB.
    EXPECT_FALSE(rgb_colour_operators(page_contents(pdf("screen"))[0]).empty());
}

// Page by page, leaving out blank pages (the print edition may have more).
std::vector<std::vector<std::string>> text_pages(const std::string& pdf) {
    std::vector<std::vector<std::string>> out;
    for (int p = 1; p <= page_count(pdf); ++p)
        if (auto w = words(page_text(pdf, p)); !w.empty()) out.push_back(std::move(w));
    return out;
}

TEST_F(PrintBuild, TextIsTheScreenEditionsText) {
    EXPECT_EQ(text_pages(pdf("print")), text_pages(pdf("screen")));
    EXPECT_EQ(text_pages(pdf("pdfa")), text_pages(pdf("screen")));
}

TEST_F(PrintBuild, CoverLooksAsItShould) {
    // The band runs into the bleed; crop marks at the corners.
    const std::string stem = (dir_ / "print-cover").string();
    const auto r = run_tool("pdftoppm -r 40 -png -singlefile -f 1 -l 1 " + shell_quote(pdf("print")) + " " +
                            shell_quote(stem));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(compare_with_reference(stem + ".png", BOOKLET_SOURCE_DIR "/tests/print/reference/print-cover.png"), "");
}

TEST_F(PrintBuild, TwoBuildsAreByteIdentical) {
    EXPECT_TRUE(slurp(pdf("print")) == slurp(pdf("print2"))) << "print";
    EXPECT_TRUE(slurp(pdf("pdfa")) == slurp(pdf("pdfa2"))) << "pdfa";
    if (imposed_.exit_code == 0) {
        EXPECT_TRUE(slurp(pdf("imposed", "-imposed")) == slurp(pdf("imposed2", "-imposed"))) << "imposed";
    }
    EXPECT_FALSE(slurp(pdf("print")) == slurp(pdf("screen")));
}

// The layout pads the print edition to a multiple of 4 pages; until it
// does, --impose must be refused cleanly (exit 2, a message, no files).
TEST_F(PrintBuild, ImposedSheetsFollowTheFoldingOrder) {
    const int n = page_count(pdf("print"));
    if (n % 4 != 0) {
        EXPECT_EQ(imposed_.exit_code, 2) << imposed_.err;
        EXPECT_NE(imposed_.err.find("multiple of 4"), std::string::npos) << imposed_.err;
        EXPECT_FALSE(fs::exists(pdf("imposed"))) << "nothing written";
        EXPECT_FALSE(fs::exists(pdf("imposed", "-imposed")));
        GTEST_SKIP() << "the print edition has " << n << " pages, not a multiple of 4: imposition refused as it should";
    }
    ASSERT_EQ(imposed_.exit_code, 0) << imposed_.err;
    const std::string sheets = pdf("imposed", "-imposed");
    EXPECT_TRUE(slurp(pdf("imposed")) == slurp(pdf("print"))) << "--impose also writes the print edition";
    ASSERT_EQ(page_count(sheets), n / 2);
    const auto boxes = page_boxes(sheets, n / 2);
    const double W = boxes.at(1).at("MediaBox").width(), H = boxes.at(1).at("MediaBox").height();
    EXPECT_NEAR(W, 320 / 25.4 * 72, 0.02) << "SRA4 landscape";
    EXPECT_NEAR(H, 225 / 25.4 * 72, 0.02);
    int folios = 0;
    for (int i = 0; i < n / 4; ++i) {
        const std::pair<int, int> front{n - 2 * i, 2 * i + 1}, back{2 * i + 2, n - 2 * i - 1};
        for (const auto& [side, pages] : {std::pair{2 * i + 1, front}, std::pair{2 * i + 2, back}}) {
            for (const auto& [half, logical] : {std::pair{0, pages.first}, std::pair{1, pages.second}}) {
                // The half holds exactly the text of its logical page in the
                // print edition...
                const auto text = words(page_text(sheets, side, crop(half * W / 2, 0, W / 2, H)));
                const auto expected = words(page_text(pdf("imposed"), logical));
                EXPECT_EQ(text, expected) << "sheet side " << side << (half ? " right" : " left") << " should be page "
                                          << logical;
                // ...including its folio, on the pages that have one (all
                // but the covers).
                if (std::find(expected.begin(), expected.end(), std::to_string(logical)) != expected.end())
                    ++folios;
            }
        }
    }
    EXPECT_GE(folios, n / 2) << "most pages carry their folio number";
    const std::string stem = (dir_ / "sheet").string();
    const auto r = run_tool("pdftoppm -r 30 -png -singlefile -f 1 -l 1 " + shell_quote(sheets) + " " + shell_quote(stem));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(compare_with_reference(stem + ".png", BOOKLET_SOURCE_DIR "/tests/print/reference/imposed-sheet-1-front.png"),
              "");
}

TEST_F(PrintBuild, PdfAEdition) {
    const std::string a = pdf("pdfa");
    const auto info = parse_key_values(run_tool("pdfinfo " + shell_quote(a)).out);
    EXPECT_EQ(info.at("PDF version"), "1.4");
    EXPECT_EQ(info.at("Metadata Stream"), "yes");
    const auto meta = run_tool("pdfinfo -meta " + shell_quote(a));
    EXPECT_EQ(meta.err, "");
    for (const char* s : {"<pdfaid:part>1</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>",
                          "<xmp:CreateDate>2020-01-01T00:00:00+00:00</xmp:CreateDate>", "<pdf:Producer>booklet",
                          "Quel impact de la transformation numérique dans le champ du médico-social ?</rdf:li>"})
        EXPECT_NE(meta.out.find(s), std::string::npos) << s << "\n" << meta.out;

    const auto json = run_tool("qpdf --json --json-key=qpdf " + shell_quote(a));
    ASSERT_EQ(json.exit_code, 0);
    EXPECT_EQ(json.err, "");
    EXPECT_NE(json.out.find("\"/OutputIntents\""), std::string::npos);
    EXPECT_NE(json.out.find("\"/S\": \"/GTS_PDFA1\""), std::string::npos);
    EXPECT_NE(json.out.find("\"/DestOutputProfile\""), std::string::npos);
    EXPECT_NE(json.out.find("\"/Metadata\""), std::string::npos);
    EXPECT_EQ(json.out.find("\"/SMask\""), std::string::npos);
    // Every annotation printable.
    const std::regex annot("\"/Type\": \"/Annot\"");
    const auto annots = std::distance(std::sregex_iterator(json.out.begin(), json.out.end(), annot), std::sregex_iterator());
    EXPECT_GT(annots, 0);
    const std::regex printable("\"/F\": 4,");
    EXPECT_EQ(std::distance(std::sregex_iterator(json.out.begin(), json.out.end(), printable), std::sregex_iterator()),
              annots);
}

TEST_F(PrintBuild, PdfAAndPrintDoNotMix) {
    const auto r = booklet(dir_, "build --profile print --pdfa -o mixed");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--pdfa"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir_ / "mixed" / "medico-social-2020.pdf"));
    EXPECT_EQ(booklet(dir_, "build --profile cmyk -o bad").exit_code, 2);
}

// The seed day with an organiser's RGB logo: a warning in print, refused
// with --strict, fine on screen.
TEST_F(PrintBuild, StrictRefusesRgbImages) {
    const fs::path in = dir_ / "logo-input";
    fs::create_directories(in);
    fs::copy_file(BOOKLET_SOURCE_DIR "/tests/render/data/logo-alpha.png", in / "logo.png");
    std::string xml = slurp(kSeed);
    const auto at = xml.find("  <people>");
    ASSERT_NE(at, std::string::npos);
    xml.insert(at, "  <organisers>\n    <organisation logo=\"logo.png\">Mines Saint-Étienne</organisation>\n  </organisers>\n");
    std::ofstream(in / "day.xml", std::ios::binary) << xml;

    const auto strict = booklet(in, "build day.xml --profile print --strict -o strict");
    EXPECT_EQ(strict.exit_code, 2) << strict.err;
    EXPECT_NE(strict.err.find("logo.png"), std::string::npos) << strict.err;
    EXPECT_NE(strict.err.find("RGB"), std::string::npos) << strict.err;
    EXPECT_FALSE(fs::exists(in / "strict" / "day.pdf")) << "nothing written";

    const auto lax = booklet(in, "build day.xml --profile print -o lax");
    EXPECT_EQ(lax.exit_code, 0) << lax.err;
    EXPECT_NE(lax.err.find("booklet: warning: "), std::string::npos) << lax.err;
    EXPECT_NE(lax.err.find("logo.png"), std::string::npos) << lax.err;
    EXPECT_TRUE(fs::exists(in / "lax" / "day.pdf"));

    const auto screen = booklet(in, "build day.xml --strict -o screen");
    EXPECT_EQ(screen.exit_code, 0) << screen.err;
    EXPECT_EQ(screen.err, "");

    // PDF/A flattens the logo's transparency.
    const auto a = booklet(in, "build day.xml --pdfa -o pdfa");
    EXPECT_EQ(a.exit_code, 0) << a.err;
    const auto images = run_tool("pdfimages -list " + shell_quote((in / "pdfa" / "day.pdf").string()));
    EXPECT_EQ(images.err, "");
    EXPECT_EQ(images.out.find("smask"), std::string::npos) << images.out;
    EXPECT_NE(images.out.find("image"), std::string::npos) << images.out;
}

}  // namespace
