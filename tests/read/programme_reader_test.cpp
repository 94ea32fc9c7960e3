// The programme reader on what a schedule.xml brings into the project's
// format: overlap="allowed", times past 24:00 (the day's night) and a
// person's <biography>.
#include <gtest/gtest.h>

#include "io/input_file.hpp"
#include "read/programme_reader.hpp"

using namespace booklet;

namespace {

std::string errors(const model::Diagnostics& d) {
    std::string s;
    for (const auto& x : d.sorted())
        if (x.severity == model::Severity::Error) s += x.str() + "\n";
    return s;
}

TEST(ProgrammeReader, OverlapAllowedAndTheNight) {
    model::Diagnostics d;
    auto p = read::read_programme_file(BOOKLET_SOURCE_DIR "/tests/samples/valid/overlap-allowed.xml", d);
    ASSERT_TRUE(p);
    EXPECT_EQ(errors(d), "");
    std::string s;
    for (const auto& i : p->days.at(0).items)
        s += i.id + (i.may_overlap ? " may-overlap " : " ") + i.time->start.hhmm() + "-" + i.time->end.hhmm() + "\n";
    EXPECT_EQ(s,
              "2020-01-28-0900-other may-overlap 09:00-18:00\n"
              "s1 10:00-12:00\n"
              "t2 may-overlap 11:00-11:30\n"
              "2020-01-28-1130-break may-overlap 11:30-11:45\n"
              "night 23:30-25:30\n");
    EXPECT_EQ(p->days[0].items.back().time->end.minutes, 25 * 60 + 30);
}

TEST(ProgrammeReader, BiographyIsRichText) {
    const std::string xml =
        "<programme id='x' lang='en' timezone='UTC'><title>X</title><venue><name>V</name></venue>"
        "<people><person id='p1'><family>Lovelace</family><biography><p>Wrote the <em>first</em> program.</p>"
        "<p>Second.</p></biography></person></people>"
        "<day date='2024-05-01'><talk id='t' start='10:00' end='25:00'><title>T</title><speaker ref='p1'/></talk></day>"
        "</programme>";
    model::Diagnostics d;
    auto p = read::read_programme(io::InputFile{"b.xml", xml}, d);
    ASSERT_TRUE(p);
    EXPECT_EQ(errors(d), "");
    ASSERT_EQ(p->people.at(0).biography.blocks.size(), 2u);
    EXPECT_EQ(p->people[0].biography.plain(), "Wrote the first program.\n\nSecond.");
    model::Diagnostics twice;
    read::read_programme(io::InputFile{"b.xml", "<programme id='x' lang='en' timezone='UTC'><title>X</title>"
                                                "<venue><name>V</name></venue><people><person id='p1'><family>L</family>"
                                                "<biography/><biography/></person></people><day date='2024-05-01'/>"
                                                "</programme>"},
                         twice);
    EXPECT_NE(errors(twice).find("<biography> appears more than once in <person>"), std::string::npos) << errors(twice);
}

}  // namespace
