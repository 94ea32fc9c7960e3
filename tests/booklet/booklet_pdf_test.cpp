// The seed day's booklet as a reader and a print shop get it: the PDF
// written by `booklet build`, checked with poppler and qpdf, compared with
// reference pictures, and reproducible byte for byte.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cmath>
#include <cstring>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "pdf_tools.hpp"
#include "run_command.hpp"
#include "read/programme_reader.hpp"

namespace fs = std::filesystem;
using namespace booklet;

namespace {

using Output = test::CommandResult;

Output run(const std::string& cmd, const fs::path&) { return test::run_command(cmd); }

// Builds the seed day once for the whole suite.
class SeedPdf : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = fs::temp_directory_path() / ("booklet-pdf-" + std::to_string(::getpid()));
        fs::create_directories(dir_);
        const auto r = run("cd '" + dir_.string() + "' && SOURCE_DATE_EPOCH=1577836800 '" BOOKLET_BINARY_DIR
                           "/booklet' build -o out",
                           dir_);
        ASSERT_EQ(r.status, 0) << r.err;
        pdf_ = (dir_ / "out" / "medico-social-2020.pdf").string();
    }
    static void TearDownTestSuite() { fs::remove_all(dir_); }
    static Output tool(const std::string& args) { return run(args + " '" + pdf_ + "'", dir_); }
    static fs::path dir_;
    static std::string pdf_;
};
fs::path SeedPdf::dir_;
std::string SeedPdf::pdf_;

TEST_F(SeedPdf, TextComesOutInReadingOrder) {
    const auto r = run("pdftotext -layout '" + pdf_ + "' -", dir_);
    ASSERT_EQ(r.status, 0);
    EXPECT_EQ(r.err, "");
    model::Diagnostics d;
    const auto p = read::read_programme_file(BOOKLET_SOURCE_DIR "/input/medico-social-2020.xml", d);
    ASSERT_TRUE(p);
    // pdftotext -layout keeps lines; compare on words with white space folded.
    std::string text;
    bool space = false;
    for (char c : r.out) {
        const bool ws = c == ' ' || c == '\n' || c == '\f' || c == '\r';
        if (ws) { space = true; continue; }
        if (space && !text.empty()) text += ' ';
        space = false;
        text += c;
    }
    auto fold = [](std::string s) {
        for (const char* nb : {"\u00A0", "\u202F"})
            for (auto at = s.find(nb); at != std::string::npos; at = s.find(nb)) s.replace(at, std::strlen(nb), " ");
        return s;
    };
    text = fold(text);
    // Each abstract page: speakers, then the title's opening words, then keywords, in that order.
    std::size_t at = text.find("Résumés");
    ASSERT_NE(at, std::string::npos);
    for (const auto& t : p->talks()) {
        for (const auto& s : t.item->speakers) {
            const auto* person = p->person(s.id);
            const auto next = text.find(person->display_name(), at);
            ASSERT_NE(next, std::string::npos) << person->display_name() << " after " << at;
            at = next;
            for (const auto& a : person->affiliations) EXPECT_NE(text.find(fold(a), at), std::string::npos) << a;
        }
        const std::string opening = fold(t.item->title.substr(0, 30));
        const auto title = text.find(opening.substr(0, opening.rfind(' ')), at);
        ASSERT_NE(title, std::string::npos) << t.item->title;
        at = title;
        for (const auto& k : t.item->keywords) EXPECT_NE(text.find(fold(k), at), std::string::npos) << k;
    }
}

TEST_F(SeedPdf, EveryFontIsEmbedded) {
    const auto r = tool("pdffonts");
    ASSERT_EQ(r.status, 0);
    EXPECT_EQ(r.err, "");
    std::istringstream in(r.out);
    std::string line;
    int fonts = 0;
    while (std::getline(in, line)) {
        if (line.rfind("HPDF", 0) != 0) continue;
        ++fonts;
        EXPECT_NE(line.find(" yes yes yes "), std::string::npos) << line;  // emb sub uni
    }
    EXPECT_GE(fonts, 5);
}

TEST_F(SeedPdf, QpdfFindsNothingWrong) {
    const auto r = tool("qpdf --check");
    EXPECT_EQ(r.status, 0) << r.out;
    EXPECT_EQ(r.err, "");
    EXPECT_NE(r.out.find("No syntax or stream encoding errors found"), std::string::npos) << r.out;
}

TEST_F(SeedPdf, PagesAreA5AndTheInfoIsSet) {
    const auto r = tool("pdfinfo");
    ASSERT_EQ(r.status, 0);
    EXPECT_EQ(r.err, "");
    EXPECT_NE(r.out.find("Page size:       419.528 x 595.276 pts"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Title:           Quel impact de la transformation numérique dans le champ du médico-social ?"),
              std::string::npos);
    EXPECT_NE(r.out.find("Author:          François-Xavier Devetter, Nadine Dubruc"), std::string::npos);
    EXPECT_NE(r.out.find("Subject:         Journée rencontre entre chercheurs et acteurs"), std::string::npos);
    EXPECT_NE(r.out.find("Keywords:        Référentiel"), std::string::npos);
    EXPECT_NE(r.out.find("CreationDate:    Wed Jan  1 00:00:00 2020 UTC"), std::string::npos) << r.out;
}

TEST_F(SeedPdf, BookmarksAndPageLabels) {
    const auto r = tool("qpdf --json --json-key=outlines --json-key=pagelabels");
    ASSERT_EQ(r.status, 0);
    for (const char* title : {"Présentation", "Sommaire", "Programme de la journée", "Résumés", "Index des intervenants",
                              "1er atelier : évolution des contextes et numérisation",
                              "L’influence de la télémédecine sur la relation résident-professionnels de santé en EHPAD"})
        EXPECT_NE(r.out.find(std::string("\"title\": \"") + title), std::string::npos) << title;
    EXPECT_NE(r.out.find("Couverture"), std::string::npos);
}

TEST_F(SeedPdf, TwoBuildsAreByteIdentical) {
    const auto again = dir_ / "again";
    const auto r = run("cd '" + dir_.string() + "' && SOURCE_DATE_EPOCH=1577836800 '" BOOKLET_BINARY_DIR
                       "/booklet' build -o again",
                       dir_);
    ASSERT_EQ(r.status, 0) << r.err;
    auto slurp = [](const fs::path& p) {
        std::ifstream in(p, std::ios::binary);
        return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    };
    EXPECT_EQ(slurp(pdf_), slurp(again / "medico-social-2020.pdf"));
    EXPECT_EQ(slurp(dir_ / "out" / "medico-social-2020.ics"), slurp(again / "medico-social-2020.ics"));
}

// ---- pictures -----------------------------------------------------------

// Renders a page now and compares it with the reference picture in
// tests/booklet/reference/. To update a reference on purpose, run the test
// with BOOKLET_UPDATE_REFERENCES=1, look at the new PNG, and commit it.
void compare_page(int page, const char* name, const fs::path& dir, const std::string& pdf) {
    const fs::path prefix = dir / name;
    const auto r = run("pdftoppm -r 50 -png -singlefile -f " + std::to_string(page) + " -l " + std::to_string(page) +
                           " '" + pdf + "' '" + prefix.string() + "'",
                       dir);
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_EQ(render::test::compare_with_reference(prefix.string() + ".png", BOOKLET_SOURCE_DIR "/tests/booklet/reference/" +
                                                                               std::string(name) + ".png"),
              "");
}

TEST_F(SeedPdf, CoverLooksAsItShould) { compare_page(1, "cover", dir_, pdf_); }
TEST_F(SeedPdf, SchedulePageLooksAsItShould) { compare_page(5, "schedule", dir_, pdf_); }
TEST_F(SeedPdf, AbstractPageLooksAsItShould) { compare_page(7, "abstract", dir_, pdf_); }

}  // namespace
