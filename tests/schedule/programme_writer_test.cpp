// model → programme XML: valid against input/programme.xsd (xmllint), and
// read back by the programme reader to the same model.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include "check/programme_check.hpp"
#include "model_dump.hpp"
#include "read/html_fragment.hpp"
#include "read/programme_reader.hpp"
#include "read/schedule_reader.hpp"
#include "write/programme_writer.hpp"

namespace {

using namespace booklet;
namespace fs = std::filesystem;

const std::string kSamples = BOOKLET_SOURCE_DIR "/tests/schedule/samples/";

std::string lines(const model::Diagnostics& d) {
    std::string s;
    for (const auto& x : d.sorted()) s += x.str() + "\n";
    for (std::size_t p; (p = s.find(kSamples)) != std::string::npos;) s.erase(p, kSamples.size());
    return s;
}

struct Outcome {
    int status = -1;
    std::string out;
};

Outcome run(const std::string& cmd) {
    Outcome r;
    FILE* p = ::popen((cmd + " 2>&1").c_str(), "r");
    if (!p) return r;
    std::array<char, 4096> buf{};
    std::size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
    const int st = ::pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
}

class Writer : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("booklet-writer-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }

    // xmllint's verdict on `xml` against the project's schema ("" when valid).
    std::string schema_errors(const std::string& xml, const std::string& name = "out.xml") {
        const fs::path path = dir_ / name;
        std::ofstream(path, std::ios::binary) << xml;
        const Outcome r = run("xmllint --noout --schema '" BOOKLET_SOURCE_DIR "/input/programme.xsd' '" + path.string() + "'");
        return r.status == 0 ? std::string() : r.out;
    }

    // Writes `p`, validates the output, reads it back.
    std::optional<model::Programme> round_trip(const model::Programme& p, model::Diagnostics& write_diags,
                                               std::string* xml_out = nullptr) {
        auto xml = write::write_programme(p, write_diags, {"a test"});
        if (!xml) return std::nullopt;
        if (xml_out) *xml_out = *xml;
        EXPECT_EQ(schema_errors(*xml), "");
        model::Diagnostics d;
        auto back = read::read_programme(io::InputFile{"back.xml", *xml}, d);
        EXPECT_FALSE(d.has_errors()) << lines(d) << *xml;
        return back;
    }

    fs::path dir_;
};

TEST_F(Writer, XmllintIsThere) {
    ASSERT_EQ(run("xmllint --version").status, 0) << "the tests need xmllint (libxml2-utils)";
}

TEST_F(Writer, ScheduleSamplesRoundTrip) {
    for (const char* name : {"pretalx.xml", "frab.xml", "tolerances.xml"}) {
        SCOPED_TRACE(name);
        model::Diagnostics d;
        auto p = read::read_schedule_file(kSamples + name, d);
        ASSERT_TRUE(p);
        ASSERT_FALSE(d.has_errors()) << lines(d);
        model::Diagnostics wd;
        auto back = round_trip(*p, wd);
        ASSERT_TRUE(back) << lines(wd);
        EXPECT_EQ(lines(wd), "");
        EXPECT_EQ(test::dump(*back), test::dump(*p));
        EXPECT_TRUE(back->acronym.empty());  // the one thing the format cannot hold
        EXPECT_FALSE(check::check_programme(*back).has_errors()) << lines(check::check_programme(*back));
    }
}

TEST_F(Writer, ProjectSamplesRoundTrip) {
    for (const std::string path : {BOOKLET_SOURCE_DIR "/input/medico-social-2020.xml", BOOKLET_SOURCE_DIR "/input/techconf-2021.xml",
                                   BOOKLET_SOURCE_DIR "/tests/samples/valid/minimal.xml",
                                   // overlap="allowed" and a night past 24:00
                                   BOOKLET_SOURCE_DIR "/tests/samples/valid/overlap-allowed.xml"}) {
        SCOPED_TRACE(path);
        model::Diagnostics d;
        auto p = read::read_programme_file(path, d);
        ASSERT_TRUE(p);
        ASSERT_FALSE(d.has_errors()) << lines(d);
        model::Diagnostics wd;
        auto back = round_trip(*p, wd);
        ASSERT_TRUE(back) << lines(wd);
        EXPECT_EQ(lines(wd), "");
        EXPECT_EQ(test::dump(*back), test::dump(*p));
    }
}

// The format's day runs to 47:59: an item after midnight stays on the day
// that lists it, at 25:30, and reads back the same.
TEST_F(Writer, TimesPastMidnight) {
    model::Diagnostics d;
    auto p = read::read_schedule_file(kSamples + "after-midnight.xml", d);
    ASSERT_TRUE(p);
    model::Diagnostics wd;
    std::string xml;
    auto back = round_trip(*p, wd, &xml);
    ASSERT_TRUE(back) << lines(wd);
    EXPECT_EQ(lines(wd), "");
    std::string s;
    for (const auto& day : back->days)
        for (const auto& i : day.items) s += day.date.iso() + " " + i.id + " " + i.time->start.hhmm() + "-" + i.time->end.hhmm() + "\n";
    EXPECT_EQ(s,
              "2024-05-01 e1 22:00-23:00\n"
              "2024-05-01 e2 23:30-24:30\n"
              "2024-05-01 e3 25:30-26:15\n"
              "2024-05-02 e4 03:30-03:50\n"
              "2024-05-02 e5 10:00-10:30\n");
    EXPECT_NE(xml.find("<talk id=\"e3\" start=\"25:30\" end=\"26:15\""), std::string::npos) << xml;
    EXPECT_EQ(test::dump(*back), test::dump(*p));
    EXPECT_FALSE(check::check_programme(*back).has_errors());
}

// A schedule.xml person's biography is written as <biography> and read
// back as it was; overlapping events as overlap="allowed".
TEST_F(Writer, BiographiesAndOverlapsRoundTrip) {
    const std::string xml =
        "<schedule><conference><acronym>b</acronym><title>B</title><time_zone_name>UTC</time_zone_name></conference>"
        "<day date='2024-05-01'><room name='R'>"
        "<event id='1'><start>10:00</start><duration>1:00</duration><title>A</title><persons>"
        "<person id='7'><public_name>Ada Lovelace</public_name><biography>&lt;p&gt;Wrote the &lt;em&gt;first&lt;/em&gt; "
        "program.&lt;/p&gt;&lt;p&gt;Second.&lt;/p&gt;</biography></person></persons></event>"
        "<event id='2'><start>10:30</start><duration>1:00</duration><title>B</title><persons>"
        "<person id='8'>Grace Hopper</person></persons></event>"
        "</room></day></schedule>";
    model::Diagnostics d;
    auto p = read::read_schedule(io::InputFile{"b.xml", xml}, d);
    ASSERT_TRUE(p);
    ASSERT_EQ(p->people.at(0).biography.blocks.size(), 2u);
    model::Diagnostics wd;
    std::string out;
    auto back = round_trip(*p, wd, &out);
    ASSERT_TRUE(back) << lines(wd);
    EXPECT_EQ(lines(wd), "");
    EXPECT_NE(out.find("<biography>"), std::string::npos) << out;
    EXPECT_NE(out.find("overlap=\"allowed\""), std::string::npos) << out;
    EXPECT_EQ(test::dump(*back), test::dump(*p));
    EXPECT_EQ(back->people.at(0).biography.plain(), p->people.at(0).biography.plain());
    EXPECT_TRUE(back->days.at(0).items.at(1).may_overlap);
}

// An event of several days ends after the format's 47:59: cut there.
TEST_F(Writer, PastTheNightIsCut) {
    model::Programme p;
    p.id = "x";
    p.lang = "fr";
    p.timezone = "Europe/Paris";
    p.title = "X";
    p.venue.name = "V";
    model::Day day;
    day.date = *model::Date::parse_iso("2024-12-31");
    model::Item item;
    item.kind = model::ItemKind::Other;
    item.id = "late";
    item.title = "Party";
    item.time = model::TimeRange{{23 * 60}, {26 * 60}};
    model::Item later = item;
    later.id = "later";
    later.title = "Exhibition";
    later.time = model::TimeRange{{25 * 60}, {50 * 60}};
    day.items = {item, later};
    p.days.push_back(day);
    model::Diagnostics wd;
    std::string xml;
    auto back = round_trip(p, wd, &xml);
    ASSERT_TRUE(back) << lines(wd);
    EXPECT_EQ(lines(wd),
              "warning: other «Exhibition» ends at 50:00, after the format's last minute (47:59, the night after its "
              "day): it ends at 47:59\n");
    ASSERT_EQ(back->days.size(), 1u);
    EXPECT_EQ(back->days[0].items.at(0).time->end.hhmm(), "26:00");
    EXPECT_EQ(back->days[0].items.at(1).time->start.hhmm(), "25:00");
    EXPECT_EQ(back->days[0].items.at(1).time->end.hhmm(), "47:59");
    EXPECT_NE(xml.find("<!-- ends at 50:00, after the format's last minute: cut at 47:59 -->"), std::string::npos) << xml;
}

model::Programme small_programme() {
    model::Programme p;
    p.id = "small";
    p.lang = "en";
    p.timezone = "UTC";
    p.title = "Small <&> \"quoted\"";
    p.venue.name = "Hall";
    p.rooms.push_back({"r1", "Room & One", {}});
    p.tracks.push_back({"t1", "Track", {}});
    model::Person person;
    person.id = "p1";
    person.family = "Doe";
    p.people.push_back(person);
    model::Day day;
    day.date = *model::Date::parse_iso("2024-01-10");
    model::Item talk;
    talk.kind = model::ItemKind::Talk;
    talk.id = "t";
    talk.title = "A <b>talk</b>";
    talk.time = model::TimeRange{{600}, {630}};
    talk.room = "r1";
    talk.track = "t1";
    talk.speakers.push_back({"p1", {}});
    day.items.push_back(talk);
    p.days.push_back(day);
    return p;
}

TEST_F(Writer, EscapesAndValidates) {
    model::Diagnostics wd;
    std::string xml;
    auto back = round_trip(small_programme(), wd, &xml);
    ASSERT_TRUE(back) << lines(wd);
    EXPECT_EQ(back->title, "Small <&> \"quoted\"");
    EXPECT_EQ(back->days[0].items[0].title, "A <b>talk</b>");
    EXPECT_NE(xml.find("<title>Small &lt;&amp;&gt; \"quoted\"</title>"), std::string::npos) << xml;
}

TEST_F(Writer, SpaceBetweenSpansSurvives) {
    // tinyxml2 drops a white-space-only text node: "<em>a</em> <em>b</em>".
    auto p = small_programme();
    p.days[0].items[0].abstract = read::text_from_fragment("<p><em>a</em> <strong>b</strong> <a href='https://x.org'>c</a></p>", {});
    model::Diagnostics wd;
    std::string xml;
    auto back = round_trip(p, wd, &xml);
    ASSERT_TRUE(back);
    EXPECT_EQ(back->days[0].items[0].abstract.plain(), "a b c");
    EXPECT_EQ(test::dump(*back), test::dump(p));
    EXPECT_NE(xml.find("<p><em>a</em>&#32;<strong>b</strong>&#32;<a href=\"https://x.org\">c</a></p>"), std::string::npos)
        << xml;
}

// Random fragments of HTML and Markdown: whatever the converter makes of
// them, the programme format holds it exactly.
TEST_F(Writer, FragmentsSurviveTheRoundTrip) {
    const std::vector<std::string> atoms = {
        "<p>", "</p>", "<ul>", "</ul>", "<li>", "</li>", "<ol>", "<em>", "</em>", "<b>", "</b>",
        "<a href=\"https://x.org/a\">", "<a href=\"/rel\">", "</a>", "*", "**", "_", "`", "[t](https://y.org)",
        "&amp;", "&nbsp;", "&lt;", "text", "word", "\n", "\n\n", " ", "- ", "* ", "  - ", "1. ", "> ", "# ", "<br>",
        "<h2>", "</h2>", "Ã©", "\\*", "https://z.org/q", "<span>", "x@y.org", "<", ">", "\"", "'",
        "<pre>", "</pre>", "```\n", "    ", "\t", "<code>", "</code>", "www.w.org/p"};
    std::mt19937 rng(2024);
    auto p = small_programme();
    for (int iter = 0; iter < 300; ++iter) {
        std::string s;
        const int n = static_cast<int>(rng() % 30);
        for (int i = 0; i < n; ++i) s += atoms[rng() % atoms.size()];
        p.days[0].items[0].abstract = read::text_from_fragment(s, {});
        p.introduction = p.days[0].items[0].abstract;
        model::Diagnostics wd;
        auto xml = write::write_programme(p, wd);
        ASSERT_TRUE(xml) << s;
        ASSERT_TRUE(wd.empty()) << s << "\n" << lines(wd);
        model::Diagnostics rd;
        auto back = read::read_programme(io::InputFile{"b.xml", *xml}, rd);
        ASSERT_TRUE(back) << s;
        ASSERT_TRUE(rd.empty()) << s << "\n" << lines(rd) << *xml;
        ASSERT_EQ(test::dump(*back), test::dump(p)) << s;
        if (iter % 50 == 0) {
            ASSERT_EQ(schema_errors(*xml), "") << s;
        }
    }
}

TEST_F(Writer, DropsWhatTheFormatCannotHold) {
    auto p = small_programme();
    model::Item event;
    event.kind = model::ItemKind::Other;
    event.id = "o";
    event.title = "";
    event.track = "t1";
    event.keywords = {"k"};
    event.time = model::TimeRange{{700}, {730}};
    event.where = {"s.xml", 9, 3};
    model::Item brk;
    brk.kind = model::ItemKind::Break;
    brk.id = "b";
    brk.time = model::TimeRange{{640}, {650}};
    brk.speakers.push_back({"p1", {}});
    brk.lang = "fr";
    brk.where = {"s.xml", 8, 3};
    model::Block para;
    model::Inline in;
    in.text = "file";
    in.href = "ftp://example.org/f";
    para.inlines.push_back(in);
    brk.abstract.blocks.push_back(para);
    p.days[0].items[0].abstract.blocks.push_back(para);
    p.days[0].items[0].where = {"s.xml", 7, 3};
    p.days[0].items.push_back(brk);
    p.days[0].items.push_back(event);
    model::Diagnostics wd;
    auto back = round_trip(p, wd);
    ASSERT_TRUE(back) << lines(wd);
    EXPECT_EQ(lines(wd),
              "s.xml:7:3: warning: link to 'ftp://example.org/f' is neither http(s) nor mailto: its text is written "
              "without it\n"
              "s.xml:8:3: warning: break 'b': the format has no place for its speakers, abstract and language, left "
              "out\n"
              "s.xml:9:3: warning: other 'o''s title is empty: '[title]' written, to edit\n"
              "s.xml:9:3: warning: other 'o': the format has no place for its track and keywords, left out\n");
    EXPECT_EQ(back->days[0].items[0].abstract.plain(), "file");
    EXPECT_EQ(back->days[0].items[2].title, "[title]");
}

TEST_F(Writer, RefusesWhatCannotBeWritten) {
    auto p = small_programme();
    p.days[0].items[0].speakers.clear();
    p.days[0].items[0].where = {"s.xml", 1, 1};
    model::Item dup = p.days[0].items[0];
    dup.where = {"s.xml", 2, 1};
    dup.room = "nowhere";
    dup.speakers.push_back({"ghost", {"s.xml", 2, 5}});
    p.days[0].items.push_back(dup);
    p.rooms.push_back({"bad id", "Bad", {"s.xml", 3, 1}});
    p.id = "Not An Id";
    model::Diagnostics wd;
    EXPECT_FALSE(write::write_programme(p, wd));
    EXPECT_EQ(lines(wd),
              "error: cannot write the programme id 'Not An Id': use lowercase letters, digits and '-'\n"
              "s.xml:1:1: error: cannot write talk «A <b>talk</b>»: a talk needs a speaker\n"
              "s.xml:2:1: error: cannot write two items with the id 't'\n"
              "s.xml:2:1: error: cannot write talk «A <b>talk</b>»: unknown room 'nowhere'\n"
              "s.xml:2:5: error: cannot write a <speaker> to unknown person 'ghost'\n"
              "s.xml:3:1: error: cannot write room id 'bad id': not an id\n");
}

}  // namespace
