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
#include "schedule_test_support.hpp"

namespace {

namespace fs = std::filesystem;

using Outcome = booklet::test::CommandResult;

const std::string& kSamples = booklet::test::kScheduleSamples;

class ScheduleCli : public booklet::test::BookletInScratchFolder {
protected:

    static std::string head(const fs::path& p, std::size_t n) {
        std::ifstream in(p, std::ios::binary);
        std::string s(n, '\0');
        in.read(s.data(), static_cast<std::streamsize>(n));
        s.resize(static_cast<std::size_t>(in.gcount()));
        return s;
    }
};

TEST_F(ScheduleCli, BuildAcceptsAScheduleXml) {
    for (const char* name : {"pretalx", "frab"}) {
        // frab.xml names no zone and writes no UTC offset: --timezone says it.
        const auto r = booklet("build '" + kSamples + name + ".xml' -o out --timezone Europe/Berlin");
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
        const auto r = booklet("convert '" + kSamples + name + ".xml' -o " + out + " --timezone Europe/Berlin");
        ASSERT_EQ(r.status, 0) << r.err;
        EXPECT_NE(r.out.find("wrote " + out), std::string::npos) << r.out;
        const auto lint = run("xmllint --noout --schema '" BOOKLET_SOURCE_DIR "/input/programme.xsd' " + out);
        EXPECT_EQ(lint.status, 0) << lint.err;
        const auto check = booklet("check " + out);
        EXPECT_EQ(check.status, 0) << check.err;
        const auto build = booklet("build " + out + " -o out");
        EXPECT_EQ(build.status, 0) << build.err;
    }
    // Times past midnight stay on their day, as the day's night; parallel
    // events are written as allowed to overlap, and pass the check.
    std::ifstream in(dir_ / "sub" / "after-midnight-programme.xml");
    std::stringstream night;
    night << in.rdbuf();
    EXPECT_NE(night.str().find("start=\"25:30\" end=\"26:15\""), std::string::npos) << night.str();
}

// A night item, 25:30 on the 1st in the converted programme XML, is 01:30
// on the 2nd in its calendar, as from the schedule.xml itself.
TEST_F(ScheduleCli, TheNightKeepsItsRealDateInTheCalendar) {
    ASSERT_EQ(booklet("convert '" + kSamples + "after-midnight.xml' -o night.xml").status, 0);
    for (const std::string& input : {kSamples + "after-midnight.xml", (dir_ / "night.xml").string()}) {
        SCOPED_TRACE(input);
        fs::remove_all(dir_ / "out");
        const auto r = booklet("ics '" + input + "' -o out");
        ASSERT_EQ(r.status, 0) << r.err;
        std::ifstream in(dir_ / "out" / "ics" / "e3.ics");
        std::stringstream ics;
        ics << in.rdbuf();
        EXPECT_NE(ics.str().find("DTSTART;TZID=Europe/Berlin:20240502T013000\r\n"), std::string::npos) << ics.str();
        EXPECT_NE(ics.str().find("DTEND;TZID=Europe/Berlin:20240502T021500\r\n"), std::string::npos) << ics.str();
    }
}

// One room, two events at once (a talk and its live stream): a warning,
// and overlap="allowed" in the converted programme, which builds.
TEST_F(ScheduleCli, ParallelEventsAreWarningsAndConvertAsAllowed) {
    std::ofstream(dir_ / "par.xml")
        << "<schedule><conference><acronym>par</acronym><title>Par</title><time_zone_name>Europe/Berlin</time_zone_name>"
           "</conference><day date='2024-05-01'><room name='Main'>"
           "<event id='1'><start>10:00</start><duration>1:00</duration><title>Talk</title><type>other</type></event>"
           "<event id='2'><start>10:30</start><duration>1:00</duration><title>Stream</title><type>other</type></event>"
           "<event id='3'><start>12:00</start><duration>0:30</duration><title>Later</title><type>other</type></event>"
           "</room></day></schedule>";
    const auto r = booklet("convert par.xml -o par-programme.xml");
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.err.find("par.xml:1:267: warning: other «Stream» (10:30–11:30) overlaps other «Talk» (10:00–11:00, line 1:163) in room 'main'"), std::string::npos)
        << r.err;
    std::ifstream in(dir_ / "par-programme.xml");
    std::stringstream xml;
    xml << in.rdbuf();
    EXPECT_NE(xml.str().find("id=\"e1\" kind=\"other\" start=\"10:00\" end=\"11:00\" overlap=\"allowed\""),
              std::string::npos)
        << xml.str();
    EXPECT_NE(xml.str().find("id=\"e3\" kind=\"other\" start=\"12:00\" end=\"12:30\" room"), std::string::npos)
        << xml.str();
    const auto lint = run("xmllint --noout --schema '" BOOKLET_SOURCE_DIR "/input/programme.xsd' par-programme.xml");
    EXPECT_EQ(lint.status, 0) << lint.err;
    const auto check = booklet("check par-programme.xml");
    EXPECT_EQ(check.status, 0) << check.err;
    EXPECT_NE(check.err.find("par-programme.xml:15:5: warning: other «Stream» (10:30–11:30) overlaps other «Talk» (10:00–11:00, line 12:5)"), std::string::npos)
        << check.err;
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
