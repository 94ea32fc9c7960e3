// The booklet binary on schedule.json files: the format is told by the
// content, not the name; a good file builds, a bad one exits 2 with its
// place and writes nothing; the 35C3 export as JSON gets the diagnostics
// it gets as XML.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "run_command.hpp"
#include "schedule_test_support.hpp"

namespace {

namespace fs = std::filesystem;

using Outcome = booklet::test::CommandResult;

const std::string& kSamples = booklet::test::kScheduleSamples;
const std::string& kCorpus = booklet::test::kCorpusDir;

class ScheduleJsonCli : public booklet::test::BookletInScratchFolder {
protected:
    std::string write(const std::string& name, const std::string& text) {
        std::ofstream(dir_ / name, std::ios::binary) << text;
        return (dir_ / name).string();
    }
};

TEST_F(ScheduleJsonCli, BuildsAScheduleJson) {
    const auto r = booklet("build '" + kSamples + "json/democon.json' -o out");
    ASSERT_EQ(r.status, 0) << r.err;
    const fs::path pdf = dir_ / "out" / "democon.pdf";
    ASSERT_TRUE(fs::exists(pdf)) << r.out << r.err;
    EXPECT_TRUE(fs::exists(dir_ / "out" / "democon.ics"));
    // Every event and every speaker, as written in the JSON, is in the PDF.
    const auto text = run("pdftotext -enc UTF-8 '" + pdf.string() + "' -");
    ASSERT_EQ(text.status, 0) << text.err;
    for (const char* s : {"Opening: \"Open\" tools", "Locks – for everyone", "Solder your badge", "Lunch", "Night owls",
                          "Ada Lovelace", "Grace Hopper", "Ludwig van Beethoven", "DemoCon 2024 – Open Tools"})
        EXPECT_NE(text.out.find(s), std::string::npos) << s;
}

TEST_F(ScheduleJsonCli, TheContentTellsTheFormatNotTheName) {
    // JSON in a file called .xml, XML in one called .json.
    std::ifstream json_in(kSamples + "json/frab.json", std::ios::binary), xml_in(kSamples + "frab.xml", std::ios::binary);
    std::stringstream json, xml;
    json << json_in.rdbuf();
    xml << xml_in.rdbuf();
    const std::string as_xml = write("frab-json.xml", json.str());
    const std::string as_json = write("frab-xml.json", xml.str());
    const auto a = booklet("check '" + as_xml + "'");
    const auto b = booklet("check '" + as_json + "'");
    EXPECT_EQ(a.status, 0) << a.err;
    EXPECT_EQ(b.status, 0) << b.err;
    EXPECT_EQ(a.out, as_xml + ": ok: 2 days, 5 items, 3 talks, 3 people\n");
    EXPECT_EQ(b.out, as_json + ": ok: 2 days, 5 items, 3 talks, 3 people\n");
    // With a byte-order mark and white space before the '{'.
    const std::string bom = write("bom.json", "\xEF\xBB\xBF \n" + json.str());
    EXPECT_EQ(booklet("check '" + bom + "'").status, 0);
}

TEST_F(ScheduleJsonCli, NeitherXmlNorJson) {
    for (const std::string text : {"title: Libre Days\n", "[{\"schedule\": {}}]\n", "  \n\t \n"}) {
        const std::string path = write("programme.txt", text);
        const auto r = booklet("build '" + path + "' -o out");
        EXPECT_EQ(r.status, 2);
        EXPECT_EQ(r.err, path + ":1:1: error: not a programme: expected XML or schedule JSON\n" + path +
                             ": 1 error, nothing written\n");
        EXPECT_FALSE(fs::exists(dir_ / "out"));
    }
}

TEST_F(ScheduleJsonCli, MalformedJsonExitsTwoWritingNothing) {
    const std::string path = write("schedule.json", "{\"schedule\": {\n  \"conference\": {\"title\": \"T\",}\n}}\n");
    const auto r = booklet("build '" + path + "' -o out");
    EXPECT_EQ(r.status, 2);
    EXPECT_EQ(r.err, path + ":2:30: error: a comma before '}': JSON allows no trailing comma\n" + path +
                         ": 1 error, nothing written\n");
    EXPECT_FALSE(fs::exists(dir_ / "out"));
    const std::string truncated = write("truncated.json", "{\"schedule\": {\"conference\": {\"title\": \"T");
    const auto t = booklet("check '" + truncated + "'");
    EXPECT_EQ(t.status, 2);
    EXPECT_EQ(t.err, truncated + ":1:39: error: unterminated string: the document ends before its closing quote\n" +
                         truncated + ": 1 error, nothing written\n");
}

// The diagnostics without their positions (file:line:col, and every
// "L:C" inside messages: "at line 12:5", or the first places of a class of
// warnings collapsed into one line), as a sorted list; messages about
// persons are left out when `persons` is false.
std::multiset<std::string> unplaced(const std::string& err, const std::string& path, bool persons) {
    std::multiset<std::string> out;
    std::istringstream in(err);
    const std::regex place("^" + std::regex_replace(path, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)") +
                           "(:[0-9]+:[0-9]+)?: ");
    const std::regex inner("[0-9]+:[0-9]+");
    for (std::string line; std::getline(in, line);) {
        if (!persons && (line.find("person") != std::string::npos || line.find("given name") != std::string::npos))
            continue;
        out.insert(std::regex_replace(std::regex_replace(line, place, "F: "), inner, "L:C"));
    }
    return out;
}

TEST_F(ScheduleJsonCli, The35c3JsonGetsTheDiagnosticsOfThe35c3Xml) {
    const std::string json = kCorpus + "35c3-everything.schedule.json";
    const std::string xml = kCorpus + "35c3-everything.schedule.xml";
    ASSERT_TRUE(fs::exists(json)) << json << ": the shared corpus is missing";
    for (const char* command : {"check", "build"}) {
        const bool build = std::string(command) == "build";
        const auto j = booklet(std::string(command) + " '" + json + "'" + (build ? " -o out-json" : ""));
        const auto x = booklet(std::string(command) + " '" + xml + "'" + (build ? " -o out-xml" : ""));
        EXPECT_EQ(j.status, x.status) << command;
        EXPECT_NE(j.status, 1) << j.err;
        // The same warnings and errors at the same things, persons included
        // (the XML's <person><public_name/>… and the JSON's objects give the
        // same persons).
        const auto dj = unplaced(j.err, json, true);
        const auto dx = unplaced(x.err, xml, true);
        std::vector<std::string> only_json, only_xml;
        std::set_difference(dj.begin(), dj.end(), dx.begin(), dx.end(), std::back_inserter(only_json));
        std::set_difference(dx.begin(), dx.end(), dj.begin(), dj.end(), std::back_inserter(only_xml));
        // The error count differs by the XML persons' errors only.
        auto no_count = [](std::vector<std::string>& v) {
            v.erase(std::remove_if(v.begin(), v.end(),
                                   [](const std::string& s) { return s.find(", nothing written") != std::string::npos; }),
                    v.end());
        };
        no_count(only_json);
        no_count(only_xml);
        EXPECT_EQ(only_json, std::vector<std::string>{}) << command;
        EXPECT_EQ(only_xml, std::vector<std::string>{}) << command;
        EXPECT_GT(dj.size(), 10u) << command;  // repeated warnings are collapsed by class
        if (!build) continue;
        // Overlaps are warnings in schedule input: both build.
        EXPECT_EQ(j.status, 0) << j.err;
        EXPECT_TRUE(fs::exists(dir_ / "out-json" / "35c3-everything.schedule.pdf")) << j.out;
        EXPECT_TRUE(fs::exists(dir_ / "out-xml" / "35c3-everything.schedule.pdf")) << x.out;
    }
}

}  // namespace
