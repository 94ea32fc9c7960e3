// The booklet binary on schedule.xml files: build, check and convert, with
// the exit codes (0 ok, 2 bad input) and nothing written on bad input.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "run_command.hpp"

namespace {

namespace fs = std::filesystem;

using Outcome = booklet::test::CommandResult;

const std::string kSamples = BOOKLET_SOURCE_DIR "/tests/schedule/samples/";

class ScheduleCli : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("booklet-schedule-cli-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    Outcome run(const std::string& cmd) { return booklet::test::run_command("cd '" + dir_.string() + "' && " + cmd); }
    Outcome booklet(const std::string& args) { return run("'" BOOKLET_BINARY_DIR "/booklet' " + args); }

    static std::string head(const fs::path& p, std::size_t n) {
        std::ifstream in(p, std::ios::binary);
        std::string s(n, '\0');
        in.read(s.data(), static_cast<std::streamsize>(n));
        s.resize(static_cast<std::size_t>(in.gcount()));
        return s;
    }

    fs::path dir_;
};

TEST_F(ScheduleCli, BuildAcceptsAScheduleXml) {
    for (const char* name : {"pretalx", "frab"}) {
        const auto r = booklet("build '" + kSamples + name + ".xml' -o out");
        EXPECT_EQ(r.status, 0) << r.err;
        const fs::path pdf = dir_ / "out" / (std::string(name) + ".pdf");
        EXPECT_TRUE(fs::exists(pdf)) << r.out << r.err;
        EXPECT_EQ(head(pdf, 5), "%PDF-");
        EXPECT_TRUE(fs::exists(dir_ / "out" / (std::string(name) + ".ics")));
    }
}

TEST_F(ScheduleCli, CheckReportsEveryErrorWithItsPlace) {
    const auto r = booklet("check '" + kSamples + "errors.xml'");
    EXPECT_EQ(r.status, 2);
    for (const char* where : {"errors.xml:3:1: error:", "errors.xml:6:7: error:", "errors.xml:11:9: error:",
                              "errors.xml:17:9: error:", "errors.xml:23:18: error:"})
        EXPECT_NE(r.err.find(where), std::string::npos) << where << "\n" << r.err;
    const auto ok = booklet("check '" + kSamples + "tolerances.xml'");
    EXPECT_EQ(ok.status, 0) << ok.err;
    EXPECT_NE(ok.err.find("tolerances.xml:20:9: warning: duration '45' read as 45 minutes"), std::string::npos) << ok.err;
}

TEST_F(ScheduleCli, ConvertWritesAValidProgramme) {
    for (const char* name : {"pretalx", "frab", "after-midnight"}) {
        SCOPED_TRACE(name);
        const std::string out = std::string("sub/") + name + "-programme.xml";
        const auto r = booklet("convert '" + kSamples + name + ".xml' -o " + out);
        ASSERT_EQ(r.status, 0) << r.err;
        EXPECT_NE(r.out.find("wrote " + out), std::string::npos) << r.out;
        const auto lint = run("xmllint --noout --schema '" BOOKLET_SOURCE_DIR "/input/programme.xsd' " + out);
        EXPECT_EQ(lint.status, 0) << lint.err;
        const auto check = booklet("check " + out);
        EXPECT_EQ(check.status, 0) << check.err;
        const auto build = booklet("build " + out + " -o out");
        EXPECT_EQ(build.status, 0) << build.err;
    }
    // The writer's adaptations are on stderr, with their place in the schedule.xml.
    const auto r = booklet("convert '" + kSamples + "after-midnight.xml' -o night.xml");
    EXPECT_NE(r.err.find("after-midnight.xml:35:13: warning: talk «After Midnight» is at 25:30"), std::string::npos)
        << r.err;
}

// Code in abstracts (a Markdown fence, a frab <pre> escaped as text, code
// spans) becomes <pre> and <code> in the programme XML, which validates,
// checks, builds and converts again to the same text.
TEST_F(ScheduleCli, CodeSurvivesConvertAndCheck) {
    auto r = booklet("convert '" + kSamples + "code.xml' -o code.xml");
    ASSERT_EQ(r.status, 0) << r.err;
    std::ifstream in(dir_ / "code.xml", std::ios::binary);
    const std::string xml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_NE(xml.find("<pre>for f in *.txt; do\n    wc -l \"$f\"   # count &amp; show\ndone</pre>"), std::string::npos)
        << xml;
    EXPECT_NE(xml.find("<pre>int main(void) {\n    return *(&amp;x) &lt; 1;\n}</pre>"), std::string::npos) << xml;
    EXPECT_NE(xml.find("<p>Run <code>make check</code> first; more at "
                       "<a href=\"https://www.example.org/shell\">www.example.org/shell</a>.</p>"),
              std::string::npos)
        << xml;
    EXPECT_NE(xml.find("<p>Call <code>gcc -Wall</code>.</p>"), std::string::npos) << xml;
    const auto lint = run("xmllint --noout --schema '" BOOKLET_SOURCE_DIR "/input/programme.xsd' code.xml");
    EXPECT_EQ(lint.status, 0) << lint.err;
    const auto check = booklet("check code.xml");
    EXPECT_EQ(check.status, 0) << check.err;
    const auto build = booklet("build code.xml -o out");
    EXPECT_EQ(build.status, 0) << build.err;
    r = booklet("convert code.xml -o again.xml");
    ASSERT_EQ(r.status, 0) << r.err;
    std::ifstream in2(dir_ / "again.xml", std::ios::binary);
    std::string again((std::istreambuf_iterator<char>(in2)), std::istreambuf_iterator<char>());
    std::string first = xml;
    for (auto* s : {&first, &again}) s->erase(0, s->find("<programme"));  // the comment names the source
    EXPECT_EQ(again, first);
}

TEST_F(ScheduleCli, ConvertWritesNothingOnBadInput) {
    auto r = booklet("convert '" + kSamples + "errors.xml' -o bad.xml");
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("nothing written"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(dir_ / "bad.xml"));
    EXPECT_EQ(booklet("convert '" + kSamples + "missing.xml' -o bad.xml").status, 2);
    EXPECT_FALSE(fs::exists(dir_ / "bad.xml"));
    // Usage errors.
    EXPECT_EQ(booklet("convert '" + kSamples + "pretalx.xml'").status, 2);
    EXPECT_EQ(booklet("convert").status, 2);
    EXPECT_EQ(booklet("convert --help").status, 0);
    // Never over the input.
    fs::copy_file(kSamples + "pretalx.xml", dir_ / "s.xml");
    r = booklet("convert s.xml -o ./s.xml");
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(head(dir_ / "s.xml", 5), "<?xml");
    EXPECT_EQ(fs::file_size(dir_ / "s.xml"), fs::file_size(kSamples + "pretalx.xml"));
}

TEST_F(ScheduleCli, ConvertIsDeterministic) {
    ASSERT_EQ(booklet("convert '" + kSamples + "pretalx.xml' -o a.xml").status, 0);
    ASSERT_EQ(booklet("convert '" + kSamples + "pretalx.xml' -o b.xml").status, 0);
    std::ifstream a(dir_ / "a.xml"), b(dir_ / "b.xml");
    std::stringstream sa, sb;
    sa << a.rdbuf();
    sb << b.rdbuf();
    EXPECT_EQ(sa.str(), sb.str());
}

}  // namespace
