// Every file in tests/samples/invalid/ breaks one rule (or, for
// several-errors.xml, several). Its header comment lists the diagnostics
// booklet must give, exactly, one per line:
//   <!-- expect: 12:7: error: unknown element <floor> in <venue> -->
// The test reads and checks the file as `booklet check` does and compares
// the errors one for one: same positions, same messages, none missing, none extra.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "check/programme_check.hpp"
#include "read/programme_reader.hpp"

namespace fs = std::filesystem;
using namespace booklet;

namespace {

const fs::path kSamples = fs::path(BOOKLET_SOURCE_DIR) / "tests" / "samples";

std::vector<std::string> expected_errors(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    std::vector<std::string> out;
    static const std::regex re(R"(<!-- expect: (.*?) -->)");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it)
        out.push_back(file.string() + ":" + (*it)[1].str());
    return out;
}

std::vector<std::string> actual_errors(const fs::path& file) {
    model::Diagnostics diags;
    auto p = read::read_programme_file(file.string(), diags);
    if (p) diags.append(check::check_programme(*p, {file.parent_path().string()}));
    std::vector<std::string> out;
    for (const auto& d : diags.sorted())
        if (d.severity == model::Severity::Error) out.push_back(d.str());
    return out;
}

std::vector<fs::path> files_in(const char* dir) {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(kSamples / dir))
        if (e.path().extension() == ".xml") out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

class InvalidSample : public ::testing::TestWithParam<fs::path> {};

TEST_P(InvalidSample, GivesExactlyTheExpectedDiagnostics) {
    const auto expected = expected_errors(GetParam());
    const auto actual = actual_errors(GetParam());
    if (expected.empty()) {
        std::string listing;
        for (const auto& a : actual) listing += "\n  " + a;
        FAIL() << GetParam() << " has no <!-- expect: … --> line; booklet says:" << listing;
    }
    EXPECT_EQ(actual, expected);
}

INSTANTIATE_TEST_SUITE_P(Samples, InvalidSample, ::testing::ValuesIn(files_in("invalid")),
                         [](const auto& info) {
                             std::string n = info.param.stem().string();
                             for (auto& c : n)
                                 if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                             return n;
                         });

class ValidSample : public ::testing::TestWithParam<fs::path> {};

TEST_P(ValidSample, HasNoErrors) { EXPECT_EQ(actual_errors(GetParam()), std::vector<std::string>{}); }

std::vector<fs::path> valid_files() {
    auto v = files_in("valid");
    for (const auto& e : fs::directory_iterator(fs::path(BOOKLET_SOURCE_DIR) / "input"))
        if (e.path().extension() == ".xml") v.push_back(e.path());
    return v;
}

INSTANTIATE_TEST_SUITE_P(Samples, ValidSample, ::testing::ValuesIn(valid_files()),
                         [](const auto& info) {
                             std::string n = info.param.stem().string();
                             for (auto& c : n)
                                 if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                             return n;
                         });

}  // namespace
