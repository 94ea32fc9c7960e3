// frab / pretalx / Pentabarf schedule.xml → model: every mapping rule, every
// tolerated oddity (exact warnings with line:col), every error.
#include <gtest/gtest.h>

#include "model_dump.hpp"
#include "read/formats.hpp"
#include "check/programme_check.hpp"
#include "read/html_fragment.hpp"
#include "read/schedule_reader.hpp"
#include "schedule_test_support.hpp"

#include <tinyxml2.h>

#include <functional>
#include <map>
#include <set>

namespace {

using namespace booklet;

const std::string& kSamples = test::kScheduleSamples;
using test::lines;
using test::short_lines;

std::optional<model::Programme> read_xml(const std::string& xml, model::Diagnostics& d) {
    return read::read_schedule(io::InputFile{"t.xml", xml}, d);
}

std::string wrap(const std::string& conference, const std::string& days) {
    return "<schedule>\n<conference><acronym>t</acronym><title>T</title>" + conference + "</conference>\n" + days +
           "</schedule>\n";
}

std::string event(const std::string& id, const std::string& inner) {
    return "<event id='" + id + "'>" + inner + "</event>";
}

TEST(ScheduleReader, PretalxFlavour) {
    model::Diagnostics d;
    auto p = read::read_schedule_file(kSamples + "pretalx.xml", d);
    ASSERT_TRUE(p);
    EXPECT_EQ(lines(d), "");
    EXPECT_EQ(p->acronym, "democon-2024");
    EXPECT_EQ(p->timezone_where.line, 14);
    EXPECT_EQ(test::dump(*p),
              "programme id=democon-2024 lang=en tz=Europe/Berlin revision=0\n"
              "title='DemoCon 2024 – Open Tools' subtitle=''\n"
              "venue 'DemoCon 2024 – Open Tools' '' '' '' ''\n"
              "room main-hall 'Main Hall'\n"
              "room room-b 'Room B'\n"
              "capacity - ''\n"
              "registration  website \n"
              "track security 'Security'\n"
              "track community 'Community & Culture'\n"
              "person p7 'Ada' 'Lovelace' role='' email= url= affiliations=\n"
              "person p8 'Grace' 'Hopper' role='' email= url= affiliations=\n"
              "person p9 'Linus' 'Torvalds' role='' email= url= affiliations=\n"
              "introduction\n"
              "day 2024-05-01 - -\n"
              "  talk id=e101 title='Keeping Secrets & Sharing Them' subtitle='' 600-645 room=main-hall track=security "
              "lang=en href=https://pretalx.example.org/democon-2024/talk/ABCDEF/ speakers=p7,p8, chairs= keywords=\n"
              "    | p ['Secrets are '][em 'hard'][' to keep & '][strong 'harder'][' to share.']\n"
              "    | p ['See '][href=https://example.org/secrets 'the notes']['.']\n"
              "    | ul\n"
              "    |   li\n"
              "    |     p ['café été']\n"
              "    |   li\n"
              "    |     p ['vaults']\n"
              "    | p ['We will look at '][strong 'three'][' tools:']\n"
              "    | ul\n"
              "    |   li\n"
              "    |     p [em 'age'][' for files']\n"
              "    |   li\n"
              "    |     p [em 'sops'][' for configuration']\n"
              "    |   li\n"
              "    |     p [href=https://www.vaultproject.io/ 'Vault'][' for services']\n"
              "    | ol\n"
              "    |   li\n"
              "    |     p ['install']\n"
              "    |   li\n"
              "    |     p ['configure']\n"
              "  opening id=e104 title='Opening' subtitle='' 600-630 room=room-b track= lang=en href= speakers=p9, "
              "chairs= keywords=\n"
              "    | p ['Welcome to DemoCon!']\n"
              "  talk id=e102 title='Growing a Community' subtitle='A hands-on session' 660-750 room=main-hall "
              "track=community lang=fr href=https://pretalx.example.org/democon-2024/talk/GHIJKL/ speakers=p7, "
              "chairs= keywords=\n"
              "    | p ['Un atelier pour '][em 'toutes'][' et '][strong 'tous']['.']\n"
              "    | ul\n"
              "    |   li\n"
              "    |     p [href=https://example.org/slides.pdf 'Slides']\n"
              "  meal id=e103 title='Lunch' subtitle='' 750-810 room=main-hall track= lang= href= speakers= chairs= "
              "keywords=\n"
              "day 2024-05-02 - -\n"
              "  break id=e201 title='Coffee' subtitle='' 570-585 room=main-hall track= lang= href= speakers= chairs= "
              "keywords=\n"
              "  talk id=e202 title='Compilers, Then and Now' subtitle='' 600-650 room=main-hall track=security lang=en "
              "href= speakers=p8, chairs= keywords=\n"
              "    | p ['From '][em 'A-0'][' to LLVM: see '][href=https://llvm.org 'https://llvm.org']['.']\n"
              "    | h1 ['History']\n"
              "    | p ['Nested lists:']\n"
              "    | ul\n"
              "    |   li\n"
              "    |     p ['first']\n"
              "    |     ul\n"
              "    |       li\n"
              "    |         p ['inner one']\n"
              "    |       li\n"
              "    |         p ['inner two']\n"
              "    |   li\n"
              "    |     p ['second']\n");
    // Locations point into the schedule.xml.
    EXPECT_EQ(p->days[0].items[0].where.str(), kSamples + "pretalx.xml:20:13");
    EXPECT_EQ(p->days[0].items[0].speakers[1].where.str(), kSamples + "pretalx.xml:48:21");
    EXPECT_EQ(p->rooms[1].where.str(), kSamples + "pretalx.xml:85:9");
}

TEST(ScheduleReader, FrabFlavour) {
    model::Diagnostics d;
    auto p = read::read_schedule_file(kSamples + "frab.xml", d);
    ASSERT_TRUE(p);
    EXPECT_EQ(short_lines(d),
              "frab.xml:6:3: warning: the schedule has no time zone (no <time_zone_name>, no UTC offset): times are "
              "taken as UTC; give the zone with --timezone ZONE\n");
    EXPECT_EQ(test::dump(*p),
              "programme id=libre-days lang=en tz=UTC revision=3\n"
              "title='Libre Days' subtitle='A weekend of free software'\n"
              "venue 'Université Libre' '' '' 'Bruxelles' ''\n"
              "room janson 'Janson'\n"
              "room k-1-105-la-fontaine 'K.1.105 (La Fontaine)'\n"
              "capacity - ''\n"
              "registration  website \n"
              "track keynotes 'Keynotes'\n"
              "track history 'History'\n"
              "person p228 'Simon' 'Phipps' role='' email= url= affiliations=\n"
              "person p312 'Italo' 'Vignoli' role='' email= url= affiliations=\n"
              "person p4 'Diomidis' 'Spinellis' role='' email= url= affiliations=\n"
              "introduction\n"
              "day 2018-02-03 - -\n"
              "  talk id=e6245 title='Consensus as a Service' subtitle='Twenty Years of Stewardship' 600-650 room=janson "
              "track=keynotes lang=en href= speakers=p228,p312, chairs= keywords=\n"
              "    | p ['The Open Source label was born in 1998.']\n"
              "    | p ['Open source software is now '][em 'ubiquitous']['.']\n"
              "    | p ['This talk looks back — and ahead.']\n"
              "    | ul\n"
              "    |   li\n"
              "    |     p [href=https://submission.example.org/feedback/6245.php 'Submit feedback']\n"
              "  roundtable id=e7001 title='Panel: the next twenty years' subtitle='' 630-675 room=k-1-105-la-fontaine "
              "track= lang=en href= speakers=p228, chairs= keywords=\n"
              "    | p ['With '][strong 'everyone'][' from the morning.']\n"
              "  talk id=e6230 title='Unix Architecture Evolution' subtitle='' 660-750 room=janson track=history lang= "
              "href= speakers=p4, chairs= keywords=\n"
              "day 2018-02-04 - -\n"
              "  break id=e6300 title='Morning coffee' subtitle='' 540-570 room=janson track= lang= href= speakers= "
              "chairs= keywords=\n"
              "  talk id=e6301 title='Hacking the Kernel' subtitle='' 570-615 room=janson track=history lang=en href= "
              "speakers=p4, chairs= keywords=\n"
              "    | p ['Patches, e-mail and '][em 'patience']['.']\n");
}

TEST(ScheduleReader, EveryToleranceIsAWarningWithItsPlace) {
    model::Diagnostics d;
    auto p = read::read_schedule_file(kSamples + "tolerances.xml", d);
    ASSERT_TRUE(p);
    EXPECT_FALSE(d.has_errors());
    EXPECT_EQ(short_lines(d),
              "tolerances.xml:4:3: warning: <conference> has no <time_zone_name>: 'Etc/GMT-1' is used, from the UTC "
              "offset +01:00 at line 15:36, a fixed offset without daylight-saving time: name the zone with --timezone ZONE\n"
              "tolerances.xml:11:25: warning: room guid 'hall-1' is not a UUID; it still identifies the room\n"
              "tolerances.xml:17:21: warning: event guid 'not-a-uuid' is not a UUID\n"
              "tolerances.xml:20:9: warning: duration '45' read as 45 minutes; schedule.xml writes H:MM\n"
              "tolerances.xml:32:9: warning: duration 'PT1H' read as 60 minutes; schedule.xml writes H:MM\n"
              "tolerances.xml:35:9: warning: track 'Side' is not declared in <conference>: added\n"
              "tolerances.xml:37:18: warning: a person with the name of another id (the first: 'Jan Schmidt' is 'p1' "
              "at line 27:18 and 'p2' here): they stay distinct persons\n"
              "tolerances.xml:37:53: warning: a person with the id of another name (the first: '1' is 'Jan Schmidt' at "
              "line 27:18 and 'J. Schmidt' here): a person is an id and a name, so each name is a person of its own\n"
              "tolerances.xml:39:7: warning: 'Vortrag' without persons: read as an event of kind other (a talk needs "
              "a speaker)\n"
              "tolerances.xml:39:21: warning: duplicate event guid 'a0000000-0000-4000-8000-000000000002' (first at "
              "line 29:21)\n"
              "tolerances.xml:42:9: warning: duration '00:44:30' read as 45 minutes (seconds rounded); schedule.xml "
              "writes H:MM\n"
              "tolerances.xml:43:9: warning: <room> 'Main Hall' differs from the enclosing <room name=\"Hall\">: the "
              "enclosing room is used\n"
              "tolerances.xml:48:7: warning: event has no duration: 15 minutes assumed\n"
              "tolerances.xml:48:7: warning: read as a meal, which has only a title, a time and a room: its persons "
              "and abstract are left out\n"
              "tolerances.xml:48:7: warning: event has no guid (other events have one)\n"
              "tolerances.xml:48:14: warning: duplicate event id '3' (first at line 39:7): this one is 'e3-2'\n"
              "tolerances.xml:55:46: warning: person without a name: left out\n"
              "tolerances.xml:57:7: warning: <event> has no 'id': it is called "
              "'e-a0000000-0000-4000-8000-000000000005'\n"
              "tolerances.xml:59:9: warning: <start> 13:30 differs from the time in <date>, 13:00 (another UTC "
              "offset?): <start> is taken as the local time\n"
              "tolerances.xml:60:9: warning: unreadable duration 'abc': 15 minutes assumed\n"
              "tolerances.xml:62:9: warning: invalid URL 'not a url': left out\n"
              "tolerances.xml:66:22: warning: invalid link 'ftp://example.org/x': left out\n"
              "tolerances.xml:69:5: warning: room 'Side Room' is not declared in <conference><rooms>: added\n"
              "tolerances.xml:73:9: warning: zero duration: 15 minutes assumed\n");
    // What was built from all that.
    EXPECT_EQ(p->timezone, "Etc/GMT-1");
    EXPECT_EQ(p->lang, "en");
    ASSERT_EQ(p->rooms.size(), 2u);
    EXPECT_EQ(p->rooms[1].id, "side-room");
    ASSERT_EQ(p->tracks.size(), 2u);
    EXPECT_EQ(p->tracks[1].id, "side");
    // Jan Schmidt twice (ids 1, 2), J. Schmidt (id 1 again); Chef only on a meal.
    ASSERT_EQ(p->people.size(), 3u);
    EXPECT_EQ(p->people[0].display_name(), "Jan Schmidt");
    EXPECT_EQ(p->people[1].id, "p2");
    EXPECT_EQ(p->people[2].id, "p1-2");
    EXPECT_EQ(p->people[2].display_name(), "J. Schmidt");
    const auto& items = p->days.at(0).items;
    std::string summary;
    for (const auto& i : items)
        summary += i.id + " " + model::kind_name(i.kind) + " " + i.time->start.hhmm() + "-" + i.time->end.hhmm() + " " +
                   i.room + "\n";
    EXPECT_EQ(summary,
              "e1 talk 09:00-09:45 hall\n"
              "e6 other 09:00-09:15 side-room\n"
              "e2 talk 10:00-11:00 hall\n"
              "e3 other 11:00-11:45 hall\n"
              "e3-2 meal 12:00-12:15 hall\n"
              "e-a0000000-0000-4000-8000-000000000005 other 13:30-13:45 hall\n");
    EXPECT_EQ(items[0].lang, "de");  // kept, as written
    EXPECT_EQ(items[2].speakers.size(), 2u);
}

TEST(ScheduleReader, ErrorsOnlyWhereNothingCanBeBuiltAndAllOfThem) {
    model::Diagnostics d;
    auto p = read::read_schedule_file(kSamples + "errors.xml", d);
    ASSERT_TRUE(p);
    EXPECT_EQ(short_lines(d),
              "errors.xml:3:1: error: <schedule> has no <conference>: its title and time zone are unknown\n"
              "errors.xml:3:1: warning: the schedule has no time zone (no <time_zone_name>, no UTC offset): times "
              "are taken as UTC; give the zone with --timezone ZONE\n"
              "errors.xml:6:7: error: <event> has no start: give it a <start> (HH:MM) or a <date> with a time\n"
              "errors.xml:11:9: error: unreadable date 'yesterday': expected ISO 8601 such as "
              "2024-05-01T10:00:00+02:00\n"
              "errors.xml:17:9: error: unreadable start '25:00': expected HH:MM\n"
              "errors.xml:23:18: error: unreadable date '2024-13-01': expected YYYY-MM-DD\n");
}

TEST(ScheduleReader, NotAScheduleOrNotXml) {
    model::Diagnostics d;
    EXPECT_FALSE(read_xml("<programme/>", d));
    EXPECT_EQ(lines(d), "t.xml:1:1: error: the root element is <programme>, expected a frab/pretalx <schedule>\n");
    model::Diagnostics d2;
    EXPECT_FALSE(read_xml("<schedule><conference></schedule>", d2));
    EXPECT_TRUE(d2.has_errors());
    model::Diagnostics d3;
    EXPECT_FALSE(read_xml("<!DOCTYPE schedule [<!ENTITY x 'y'>]><schedule/>", d3));
    EXPECT_NE(lines(d3).find("DOCTYPE is not allowed"), std::string::npos);
}

TEST(ScheduleReader, DayChangeFromTheDayStart) {
    model::Diagnostics d;
    auto p = read::read_schedule_file(kSamples + "after-midnight.xml", d);
    ASSERT_TRUE(p);
    // 03:30 on the 2nd is before the 04:00 day change, but the 2nd lists it: it stays there.
    EXPECT_EQ(short_lines(d), "");
    ASSERT_EQ(p->days.size(), 2u);
    std::string s;
    for (const auto& day : p->days)
        for (const auto& i : day.items)
            s += day.date.iso() + " " + i.id + " " + std::to_string(i.time->start.minutes) + "-" +
                 std::to_string(i.time->end.minutes) + "\n";
    EXPECT_EQ(s,
              "2024-05-01 e1 1320-1380\n"
              "2024-05-01 e2 1410-1470\n"
              "2024-05-01 e3 1530-1575\n"  // D+1 01:30 → 25:30 on D
              "2024-05-02 e4 210-230\n"  // listed under D+1, before its 04:00 day change
              "2024-05-02 e5 600-630\n");
}

TEST(ScheduleReader, DayChangeFromTheConferenceWithoutDates) {
    // Pentabarf: no <date> on events; a time before <day_change> is after midnight.
    const std::string xml = wrap("<time_zone_name>Europe/Brussels</time_zone_name><day_change>04:00:00</day_change>",
                                 "<day index='1' date='2018-02-03'><room name='R'>" +
                                     event("1", "<start>01:30</start><duration>0:30</duration><title>Night</title>") +
                                     event("2", "<start>04:00</start><duration>0:30</duration><title>Dawn</title>") +
                                     "</room></day>");
    model::Diagnostics d;
    auto p = read_xml(xml, d);
    ASSERT_TRUE(p);
    EXPECT_EQ(lines(d), "");
    ASSERT_EQ(p->days.size(), 1u);
    ASSERT_EQ(p->days[0].items.size(), 2u);
    EXPECT_EQ(p->days[0].items[0].id, "e2");
    EXPECT_EQ(p->days[0].items[0].time->start.minutes, 240);
    EXPECT_EQ(p->days[0].items[1].time->start.minutes, 25 * 60 + 30);
}

TEST(ScheduleReader, EarlyOnTheFirstDayStaysThere) {
    // pretalx lists a 02:00 event of the first date under the first day.
    const std::string xml =
        wrap("<time_zone_name>UTC</time_zone_name>",
             "<day date='2024-05-01' start='2024-05-01T04:00:00Z'><room name='R'>" +
                 event("1", "<date>2024-05-01T02:00:00Z</date><start>02:00</start><duration>0:30</duration><title>E</title>") +
                 "</room></day>");
    model::Diagnostics d;
    auto p = read_xml(xml, d);
    ASSERT_TRUE(p);
    EXPECT_EQ(lines(d), "");
    ASSERT_EQ(p->days.size(), 1u);
    EXPECT_EQ(p->days[0].items.at(0).time->start.minutes, 120);
}

TEST(ScheduleReader, EventOutsideEveryDayAddsADay) {
    const std::string xml =
        wrap("<time_zone_name>UTC</time_zone_name>",
             "<day date='2024-05-01'><room name='R'>" +
                 event("1", "<date>2024-05-07T10:00:00Z</date><start>10:00</start><duration>0:30</duration><title>E</title>") +
                 "</room></day>");
    model::Diagnostics d;
    auto p = read_xml(xml, d);
    ASSERT_TRUE(p);
    EXPECT_EQ(lines(d),
              "t.xml:3:39: warning: this event, on 2024-05-07 at 10:00, belongs to the day of 2024-05-07 (day change "
              "00:00), not to the <day> of 2024-05-01 that lists it; that day is added\n");
    ASSERT_EQ(p->days.size(), 2u);
    EXPECT_TRUE(p->days[0].items.empty());
    EXPECT_EQ(p->days[1].date.iso(), "2024-05-07");
}

TEST(ScheduleReader, TimeZoneFromTheOffsets) {
    struct Case {
        const char* offset;
        const char* zone;
    } cases[] = {{"+02:00", "Etc/GMT-2"}, {"-05:00", "Etc/GMT+5"}, {"Z", "UTC"}, {"+0530", "Asia/Kolkata"},
                 {"+05:15", "UTC"}};
    for (const auto& c : cases) {
        const std::string xml = wrap("", std::string("<day date='2024-05-01' start='2024-05-01T04:00:00") + c.offset +
                                             "'/>");
        model::Diagnostics d;
        auto p = read_xml(xml, d);
        ASSERT_TRUE(p) << c.offset;
        EXPECT_EQ(p->timezone, c.zone) << c.offset;
        EXPECT_EQ(d.warning_count(), 1u) << lines(d);
        EXPECT_EQ(p->timezone_where.str(), "t.xml:2:1");
    }
}

// --timezone: names the zone of a file without one (FOSDEM), wins over
// the file's with a warning, and is asked for when nothing gives a zone.
TEST(ScheduleReader, TimeZoneOption) {
    const std::string days = "<day date='2024-05-01'><room name='R'>" +
                             event("1", "<start>10:00</start><duration>0:30</duration><title>E</title>") + "</room></day>";
    const std::string none = wrap("", days);
    {
        model::Diagnostics d;
        read::ScheduleOptions o;
        o.require_timezone = true;
        auto p = read::read_schedule(io::InputFile{"t.xml", none}, d, o);
        ASSERT_TRUE(p);
        EXPECT_EQ(lines(d),
                  "t.xml:1:1: error: the schedule has no time zone (no <time_zone_name>, no UTC offset): give one "
                  "with --timezone ZONE, e.g. --timezone Europe/Brussels\n");
    }
    {
        model::Diagnostics d;
        auto p = read_xml(none, d);  // `check`: a warning
        ASSERT_TRUE(p);
        EXPECT_EQ(p->timezone, "UTC");
        EXPECT_EQ(d.error_count(), 0u);
        EXPECT_NE(lines(d).find("t.xml:2:1: warning: the schedule has no time zone"), std::string::npos) << lines(d);
    }
    {
        model::Diagnostics d;
        read::ScheduleOptions o;
        o.require_timezone = true;
        o.timezone = "Europe/Brussels";
        auto p = read::read_schedule(io::InputFile{"t.xml", none}, d, o);
        ASSERT_TRUE(p);
        EXPECT_EQ(lines(d), "");
        EXPECT_EQ(p->timezone, "Europe/Brussels");
    }
    {
        // A fixed offset alone: a warning without the option, the named zone with it.
        const std::string offset = wrap("", "<day date='2024-05-01' start='2024-05-01T04:00:00+02:00'/>");
        model::Diagnostics d;
        read::ScheduleOptions o;
        o.require_timezone = true;
        auto p = read::read_schedule(io::InputFile{"t.xml", offset}, d, o);
        ASSERT_TRUE(p);
        EXPECT_EQ(p->timezone, "Etc/GMT-2");
        EXPECT_EQ(lines(d),
                  "t.xml:2:1: warning: <conference> has no <time_zone_name>: 'Etc/GMT-2' is used, from the UTC offset "
                  "+02:00 at line 3:24, a fixed offset without daylight-saving time: name the zone with --timezone ZONE\n");
        model::Diagnostics d2;
        o.timezone = "Europe/Berlin";
        p = read::read_schedule(io::InputFile{"t.xml", offset}, d2, o);
        ASSERT_TRUE(p);
        EXPECT_EQ(p->timezone, "Europe/Berlin");
        EXPECT_EQ(lines(d2), "");
    }
    {
        model::Diagnostics d;
        read::ScheduleOptions o;
        o.timezone = "Europe/Brussels";
        auto p = read::read_schedule(io::InputFile{"t.xml", wrap("<time_zone_name>Europe/Berlin</time_zone_name>", days)}, d, o);
        ASSERT_TRUE(p);
        EXPECT_EQ(p->timezone, "Europe/Brussels");
        EXPECT_EQ(lines(d), "t.xml:2:49: warning: the file's time zone 'Europe/Berlin' is replaced by --timezone Europe/Brussels\n");
    }
}

// A fixed offset that --timezone contradicts (+01:00 in May, when Berlin
// is +02:00): one warning for all such times; the local times stay.
TEST(ScheduleReader, TimeZoneOptionAgainstTheFileOffsets) {
    const std::string xml = wrap("", "<day date='2024-05-01'><room name='R'>" +
                                         event("1", "<date>2024-05-01T10:00:00+01:00</date><duration>0:30</duration><title>A</title>") +
                                         event("2", "<date>2024-05-01T11:00:00+01:00</date><duration>0:30</duration><title>B</title>") +
                                         "</room></day>");
    model::Diagnostics d;
    read::ScheduleOptions o;
    o.timezone = "Europe/Berlin";
    auto p = read::read_schedule(io::InputFile{"t.xml", xml}, d, o);
    ASSERT_TRUE(p);
    EXPECT_EQ(lines(d),
              "t.xml:3:53: warning: 2 times of the file have another UTC offset than --timezone Europe/Berlin (the "
              "first: 2024-05-01 10:00+01:00 is +02:00 in Europe/Berlin): their local times are kept, in Europe/Berlin\n");
    EXPECT_EQ(p->days.at(0).items.at(0).time->start.hhmm(), "10:00");
    model::Diagnostics quiet;
    o.timezone = "Europe/London";  // +01:00 in May: it agrees
    ASSERT_TRUE(read::read_schedule(io::InputFile{"t.xml", xml}, quiet, o));
    EXPECT_EQ(lines(quiet), "");
}

// Events that share a room and a time are marked, and only those.
TEST(ScheduleReader, OverlappingEventsMayOverlap) {
    const std::string xml = wrap(
        "<time_zone_name>UTC</time_zone_name>",
        "<day date='2024-05-01'><room name='R'>" +
            event("1", "<start>10:00</start><duration>1:00</duration><title>A</title>") +
            event("2", "<start>10:30</start><duration>1:00</duration><title>B</title>") +
            event("3", "<start>11:30</start><duration>0:30</duration><title>C</title>") +
            "</room><room name='S'>" + event("4", "<start>10:00</start><duration>1:00</duration><title>D</title>") +
            "</room></day>");
    model::Diagnostics d;
    auto p = read_xml(xml, d);
    ASSERT_TRUE(p);
    std::string marked;
    for (const auto& i : p->days.at(0).items) marked += i.id + "=" + (i.may_overlap ? "1 " : "0 ");
    EXPECT_EQ(marked, "e1=1 e4=0 e2=1 e3=0 ");
    const auto c = check::check_programme(*p);
    EXPECT_EQ(c.error_count(), 0u) << lines(c);
    EXPECT_NE(lines(c).find("t.xml:3:122: warning: other «B» (10:30–11:30) overlaps other «A» (10:00–11:00, line 3:39) in room 'r'\n"),
              std::string::npos)
        << lines(c);
}

TEST(ScheduleReader, TypesToKinds) {
    struct Case {
        const char* type;
        bool persons;
        const char* kind;
    } cases[] = {
        {"Talk", true, "talk"},          {"lecture", true, "talk"},        {"Workshop", true, "talk"},
        {"Lightning Talk", true, "talk"}, {"keynote", true, "talk"},       {"something new", true, "talk"},
        {"something new", false, "other"}, {"Talk", false, "other"},       {"Break", false, "break"},
        {"Coffee Break", true, "break"},  {"Pause café", false, "break"},  {"Lunch", false, "meal"},
        {"dinner", false, "meal"},        {"Déjeuner", false, "meal"},     {"Opening", false, "opening"},
        {"Welcome", true, "welcome"},     {"Closing Ceremony", false, "closing"}, {"Panel", true, "roundtable"},
        {"Round Table", true, "roundtable"}, {"", true, "talk"},           {"", false, "other"},
    };
    std::string events;
    int n = 0;
    for (const auto& c : cases) {
        ++n;
        events += event(std::to_string(n), "<start>" + std::to_string(10 + n / 6) + ":" + std::to_string(10 + n % 6 * 5) +
                                               "</start><duration>0:05</duration><title>T</title><type>" + c.type +
                                               "</type>" +
                                               (c.persons ? "<persons><person id='1'>A B</person></persons>" : ""));
    }
    model::Diagnostics d;
    auto p = read_xml(wrap("<time_zone_name>UTC</time_zone_name>", "<day date='2024-05-01'><room name='R'>" + events +
                                                                        "</room></day>"),
                      d);
    ASSERT_TRUE(p);
    for (std::size_t i = 0; i < std::size(cases); ++i) {
        const auto& items = p->days[0].items;
        auto it = std::find_if(items.begin(), items.end(), [&](const model::Item& x) { return x.id == "e" + std::to_string(i + 1); });
        ASSERT_NE(it, items.end());
        EXPECT_STREQ(model::kind_name(it->kind), cases[i].kind) << cases[i].type << " persons=" << cases[i].persons;
    }
}

TEST(ScheduleReader, PersonsById) {
    const std::string xml = wrap(
        "<time_zone_name>UTC</time_zone_name>",
        "<day date='2024-05-01'><room name='R'>" +
            event("1", "<start>10:00</start><duration>0:30</duration><title>A</title><persons>"
                       "<person id='1'>Ludwig van Beethoven</person><person id='1'>Ludwig van Beethoven</person>"
                       "<person>Prince</person><person guid='abc'>Jean-Luc de La Fontaine</person></persons>") +
            event("2", "<start>11:00</start><duration>0:30</duration><title>B</title><persons>"
                       "<person id='1'>L. v. Beethoven</person><person>Prince</person>"
                       "<person code='XY12'>Other</person></persons>") +
            "</room></day>");
    model::Diagnostics d;
    auto p = read_xml(xml, d);
    ASSERT_TRUE(p);
    // id 1 with another name is another person, with one warning for all.
    EXPECT_EQ(lines(d),
              "t.xml:3:387: warning: a person with the id of another name (the first: '1' is 'Ludwig van Beethoven' at "
              "line 3:123 and 'L. v. Beethoven' here): a person is an id and a name, so each name is a person of its own\n");
    std::string people;
    for (const auto& x : p->people) people += x.id + " [" + x.given + "] [" + x.family + "]\n";
    EXPECT_EQ(people,
              "p1 [Ludwig] [van Beethoven]\n"
              "p-prince [] [Prince]\n"
              "pabc [Jean-Luc] [de La Fontaine]\n"
              "p1-2 [L. v.] [Beethoven]\n"
              "pXY12 [] [Other]\n");
    EXPECT_EQ(p->days[0].items[0].speakers.size(), 3u);  // the repeated person once
    EXPECT_EQ(p->days[0].items[1].speakers[1].id, "p-prince");
}

// frab/pretalx persons carry children: the name is <public_name> (or
// <name>), never the <biography>, which is kept apart.
TEST(ScheduleReader, EveryFlavourOfPerson) {
    const std::string xml = wrap(
        "<time_zone_name>UTC</time_zone_name>",
        "<day date='2024-05-01'><room name='R'>" +
            event("1", "<start>10:00</start><duration>0:30</duration><title>A</title><persons>"
                       "<person id='7'>\n  <code>USJAK9</code>\n  <public_name>Andreas Br\u00e4u</public_name>\n"
                       "  <biography>Freifunker since 2006</biography>\n</person>"
                       "<person id='8'><name>Kristof Beyls</name><slug>kristof_beyls</slug><biography/></person>"
                       "<person name='Ada Lovelace' guid='g-1'/>"
                       "<person><code>QX</code><public_name>Grace Hopper</public_name></person>"
                       "<person id='9'>  Anne   Martin </person></persons>") +
            event("2", "<start>11:00</start><duration>0:30</duration><title>B</title><persons>"
                       "<person id='7'><public_name>Andreas Br\u00e4u</public_name></person>"
                       "<person id='10'>Anne Martin</person><person id='11'>Anne Martin</person></persons>") +
            "</room></day>");
    model::Diagnostics d;
    auto p = read_xml(xml, d);
    ASSERT_TRUE(p);
    EXPECT_EQ(lines(d),
              "t.xml:7:414: warning: 2 persons with the name of another id (the first: 'Anne Martin' is 'p9' at line "
              "7:209 and 'p10' here): they stay distinct persons\n");
    std::string people;
    for (const auto& x : p->people) people += x.id + " '" + x.display_name() + "' bio='" + x.biography.plain() + "'\n";
    EXPECT_EQ(people,
              "p7 'Andreas Br\u00e4u' bio='Freifunker since 2006'\n"
              "p8 'Kristof Beyls' bio=''\n"
              "pg-1 'Ada Lovelace' bio=''\n"
              "pQX 'Grace Hopper' bio=''\n"
              "p9 'Anne Martin' bio=''\n"
              "p10 'Anne Martin' bio=''\n"
              "p11 'Anne Martin' bio=''\n");
    ASSERT_EQ(p->days[0].items.size(), 2u);
    EXPECT_EQ(p->days[0].items[1].speakers.at(0).id, "p7");  // the same id and name: the same person
}

// FOSDEM 2026 lists every person once under <schedule><persons>, with the
// biography; the events name them by id.
TEST(ScheduleReader, BiographyFromTheListOfPersons) {
    const std::string xml =
        "<schedule>\n<conference><acronym>t</acronym><title>T</title><time_zone_name>UTC</time_zone_name></conference>\n"
        "<persons><person id='2'><name>Kristof Beyls</name><biography>&lt;p&gt;Compilers.&lt;/p&gt;</biography></person>"
        "</persons>\n<day date='2024-05-01'><room name='R'>" +
        event("1", "<start>10:00</start><duration>0:30</duration><title>A</title><persons>"
                   "<person id='2'>Kristof Beyls</person><person id='3'>Other</person></persons>") +
        "</room></day></schedule>\n";
    model::Diagnostics d;
    auto p = read_xml(xml, d);
    ASSERT_TRUE(p);
    EXPECT_EQ(lines(d), "");
    ASSERT_EQ(p->people.size(), 2u);
    EXPECT_EQ(p->people[0].biography.plain(), "Compilers.");
    EXPECT_TRUE(p->people[1].biography.empty());
}

// Every speaker of the real 35C3 export, with the name as the file writes
// it (its <public_name>, else its <name>, else its text), is a person of exactly that name,
// and the biographies are not names.
TEST(ScheduleCorpus, Every35c3SpeakerNameIsAPerson) {
    const std::string path = BOOKLET_SOURCE_DIR "/../shared/corpus/35c3-everything.schedule.xml";
    tinyxml2::XMLDocument doc;
    ASSERT_EQ(doc.LoadFile(path.c_str()), tinyxml2::XML_SUCCESS) << path;
    std::set<std::string> written;
    std::size_t with_public_name = 0;
    std::function<void(const tinyxml2::XMLElement*)> walk = [&](const tinyxml2::XMLElement* e) {
        for (const auto* c = e->FirstChildElement(); c; c = c->NextSiblingElement()) {
            if (std::string(c->Name()) == "person") {
                // <public_name> (pretalx), <name> (frab), else the text (Pentabarf).
                std::string name;
                const auto* child = c->FirstChildElement("public_name");
                with_public_name += child != nullptr;
                if (!child) child = c->FirstChildElement("name");
                if (child) name = child->GetText() ? child->GetText() : "";
                else name = c->GetText() ? c->GetText() : "";
                written.insert(read::plain_text(name));
            } else {
                walk(c);
            }
        }
    };
    walk(doc.RootElement());
    ASSERT_GT(with_public_name, 100u);
    ASSERT_GT(written.size(), 400u);  // 421 different names
    model::Diagnostics d;
    auto p = read::read_schedule_file(path, d);
    ASSERT_TRUE(p);
    std::set<std::string> names;
    std::size_t biographies = 0;
    for (const auto& person : p->people) {
        names.insert(person.display_name());
        EXPECT_LT(person.display_name().size(), 200u) << person.id;
        biographies += !person.biography.empty();
    }
    EXPECT_EQ(names, written);
    EXPECT_GT(biographies, 10u);
    // Every speaker reference is a person.
    for (const auto& r : p->all_items())
        for (const auto& s : r.item->speakers) EXPECT_TRUE(p->person(s.id)) << s.id;
}

// 35C3 lists 04:00 events (after midnight, before the 11:00 day change)
// under the day before and 09:30 ones under their own date: every event
// stays on the <day> that lists it, the night ones past 24:00.
TEST(ScheduleCorpus, Every35c3EventStaysOnTheDayThatListsIt) {
    const std::string path = BOOKLET_SOURCE_DIR "/../shared/corpus/35c3-everything.schedule.xml";
    tinyxml2::XMLDocument doc;
    ASSERT_EQ(doc.LoadFile(path.c_str()), tinyxml2::XML_SUCCESS) << path;
    std::map<std::string, std::string> listed;  // item id → the <day>'s date
    for (const auto* day = doc.RootElement()->FirstChildElement("day"); day; day = day->NextSiblingElement("day"))
        for (const auto* room = day->FirstChildElement("room"); room; room = room->NextSiblingElement("room"))
            for (const auto* e = room->FirstChildElement("event"); e; e = e->NextSiblingElement("event"))
                listed.emplace(std::string("e") + e->Attribute("id"), day->Attribute("date"));
    model::Diagnostics d;
    auto p = read::read_schedule_file(path, d);
    ASSERT_TRUE(p);
    std::size_t seen = 0, night = 0, morning = 0;
    for (const auto& day : p->days)
        for (const auto& item : day.items) {
            auto it = listed.find(item.id);
            if (it == listed.end()) continue;  // a repeated id, renamed
            ++seen;
            EXPECT_EQ(day.date.iso(), it->second) << item.id;
            night += item.time->start.minutes >= 24 * 60;
            morning += item.time->start.minutes < 11 * 60;
        }
    EXPECT_GT(seen, 900u);
    EXPECT_GT(night, 10u);
    EXPECT_GT(morning, 0u);
    EXPECT_EQ(lines(d).find("belongs to the day of"), std::string::npos) << lines(d);
}

// What an export carries from copy and paste: booklet cannot set invisible
// formatting characters and the checker refuses them, so the reader removes
// them, one warning a field, and the programme then passes the checker.
TEST(ScheduleReader, RemovesInvisibleCharactersWithAWarning) {
    const std::string xml = wrap(
        "<time_zone_name>UTC</time_zone_name>",
        "<day date='2024-05-01'><room name='R'>" +
            event("1", "<start>10:00</start><duration>0:30</duration><title>Data\u200d\u200dsets</title>"
                       "<abstract>Un r\u00e9sum\u00e9\ufeff.</abstract><persons>"
                       "<person id='1'>Anne Martin\u200e</person></persons>") +
            "</room></day>");
    model::Diagnostics d;
    auto p = read_xml(xml, d);
    ASSERT_TRUE(p);
    EXPECT_EQ(lines(d),
              "t.xml:3:39: warning: removed 2 invisible characters (the first U+200D ZERO WIDTH JOINER), from the "
              "title of talk 'e1'\n"
              "t.xml:3:123: warning: removed an invisible character, U+FEFF ZERO WIDTH NO-BREAK SPACE, from the "
              "abstract of talk 'e1'\n"
              "t.xml:3:164: warning: removed an invisible character, U+200E LEFT-TO-RIGHT MARK, from the family name "
              "of person 'p1'\n");
    EXPECT_EQ(p->days[0].items[0].title, "Datasets");
    EXPECT_EQ(p->people[0].family, "Martin");
    EXPECT_FALSE(check::check_programme(*p).has_errors());
}

TEST(ScheduleReader, IdsAreValidUniqueAndStable) {
    model::Diagnostics d;
    auto p = read::read_schedule_file(kSamples + "tolerances.xml", d);
    ASSERT_TRUE(p);
    std::set<std::string> ids;
    for (const auto& r : p->all_items()) {
        EXPECT_TRUE(read::is_item_id(r.item->id)) << r.item->id;
        EXPECT_TRUE(ids.insert(r.item->id).second) << r.item->id;
    }
    for (const auto& x : p->people) EXPECT_TRUE(read::is_item_id(x.id)) << x.id;
    for (const auto& x : p->rooms) EXPECT_TRUE(read::is_item_id(x.id)) << x.id;
    for (const auto& x : p->tracks) EXPECT_TRUE(read::is_item_id(x.id)) << x.id;
    EXPECT_TRUE(read::is_programme_id(p->id));
    model::Diagnostics d2;
    auto again = read::read_schedule_file(kSamples + "tolerances.xml", d2);
    EXPECT_EQ(test::dump(*p), test::dump(*again));
}

TEST(ScheduleReader, RoomsDeclaredEventsOutsideRooms) {
    const std::string xml = wrap(
        "<time_zone_name>UTC</time_zone_name><rooms><room name='Second' guid='22222222-2222-4222-8222-222222222222'/>"
        "<room name='First'/></rooms>",
        "<day date='2024-05-01'>"
        "<room name='First'>" +
            event("1", "<start>10:00</start><duration>0:30</duration><title>A</title>") +
            "</room>"
            "<room name='Renamed' guid='22222222-2222-4222-8222-222222222222'>" +
            event("2", "<start>10:00</start><duration>0:30</duration><title>B</title>") + "</room>" +
            event("3", "<start>10:00</start><duration>0:30</duration><room>Elsewhere</room><title>C</title>") +
            event("4", "<start>11:00</start><duration>0:30</duration><title>D</title>") + "</day>");
    model::Diagnostics d;
    auto p = read_xml(xml, d);
    ASSERT_TRUE(p);
    EXPECT_EQ(lines(d),
              "t.xml:3:133: warning: room guid '22222222-2222-4222-8222-222222222222' is called 'Renamed' here but "
              "'Second' at line 2:92: the first name is kept\n"
              "t.xml:3:347: warning: room 'Elsewhere' is not declared in <conference><rooms>: added\n");
    std::string s;
    for (const auto& i : p->days[0].items) s += i.id + ":" + i.room + " ";
    // Same start: rooms in declaration order, no room first.
    EXPECT_EQ(s, "e2:second e1:first e3:elsewhere e4: ");
}

TEST(ScheduleReader, XhtmlAndCdataAbstracts) {
    const std::string xml = wrap(
        "<time_zone_name>UTC</time_zone_name>",
        "<day date='2024-05-01'><room name='R'>" +
            event("1", "<start>10:00</start><duration>0:30</duration><title>A</title>"
                       "<abstract><p>Hello <em>you</em> &amp; <a href='https://example.org'>them</a></p><ul><li>x</li></ul></abstract>"
                       "<description><![CDATA[<p>More <b>here</b></p>]]></description>") +
            event("2", "<start>11:00</start><duration>0:30</duration><title>B</title>"
                       "<abstract>Same text</abstract><description>Same   text</description>") +
            "</room></day>");
    model::Diagnostics d;
    auto p = read_xml(xml, d);
    ASSERT_TRUE(p);
    std::ostringstream o;
    test::dump_blocks(o, p->days[0].items[0].abstract.blocks, "");
    EXPECT_EQ(o.str(),
              "p ['Hello '][em 'you'][' & '][href=https://example.org 'them']\n"
              "ul\n  li\n    p ['x']\n"
              "p ['More '][strong 'here']\n");
    EXPECT_EQ(p->days[0].items[1].abstract.blocks.size(), 1u);  // a description repeating the abstract
}

TEST(ScheduleReader, ConferenceChecks) {
    const std::string xml =
        "<schedule><conference><acronym>Big_Con 2024!</acronym><start>2024-05-02</start><end>2024-05-02</end>"
        "<days>3</days><time_zone_name>Europe/Paris</time_zone_name><url>https://con.example.org</url>"
        "<description>**Welcome** to the con.</description></conference>"
        "<day date='2024-05-01'/><day date='2024-05-02'/></schedule>";
    model::Diagnostics d;
    auto p = read_xml(xml, d);
    ASSERT_TRUE(p);
    EXPECT_EQ(lines(d),
              "t.xml:1:11: warning: <conference> has no <title>: the acronym 'Big_Con 2024!' is used\n"
              "t.xml:1:101: warning: <days> says 3 but the schedule has 2 <day>\n"
              "t.xml:1:257: warning: day 2024-05-01 lies outside the conference's dates (2024-05-02 – 2024-05-02)\n");
    EXPECT_EQ(p->id, "big-con-2024");
    EXPECT_EQ(p->title, "Big_Con 2024!");
    EXPECT_EQ(p->venue.name, "Big_Con 2024!");
    EXPECT_EQ(p->website_url, "https://con.example.org");
    EXPECT_EQ(p->introduction.plain(), "Welcome to the con.");
    EXPECT_EQ(p->days.size(), 2u);
}

TEST(ScheduleParse, DateTimes) {
    auto a = read::parse_schedule_datetime("2024-05-01T10:15:00+02:00");
    ASSERT_TRUE(a);
    EXPECT_EQ(a->date.iso(), "2024-05-01");
    EXPECT_EQ(*a->minutes, 615);
    EXPECT_EQ(*a->offset_minutes, 120);
    auto b = read::parse_schedule_datetime(" 2024-05-01 ");
    ASSERT_TRUE(b);
    EXPECT_FALSE(b->minutes);
    EXPECT_FALSE(b->offset_minutes);
    EXPECT_EQ(*read::parse_schedule_datetime("2024-05-01T10:15Z")->offset_minutes, 0);
    EXPECT_EQ(*read::parse_schedule_datetime("2024-05-01 10:15:30.123-0330")->offset_minutes, -210);
    EXPECT_EQ(*read::parse_schedule_datetime("2024-05-01T10:15:00-05")->offset_minutes, -300);
    for (const char* bad : {"", "2024-5-1", "2024-02-30", "2024-05-01T25:00", "2024-05-01X10:00", "2024-05-01T10:00+2",
                            "tomorrow"})
        EXPECT_FALSE(read::parse_schedule_datetime(bad)) << bad;
}

TEST(ScheduleParse, Clock) {
    EXPECT_EQ(*read::parse_schedule_clock("9:05"), 545);
    EXPECT_EQ(*read::parse_schedule_clock("09:05"), 545);
    EXPECT_EQ(*read::parse_schedule_clock("23:59:59"), 1439);
    for (const char* bad : {"", "24:00", "9", "09:5", "09:60", "009:00", "09:00:0"})
        EXPECT_FALSE(read::parse_schedule_clock(bad)) << bad;
}

TEST(ScheduleParse, Durations) {
    struct Case {
        const char* text;
        int minutes;
        bool unusual;
        bool seconds;
    } cases[] = {{"0:45", 45, false, false},   {"00:45", 45, false, false},   {"1:30", 90, false, false},
                 {"00:45:00", 45, false, false}, {"01:30:29", 90, false, true}, {"00:44:30", 45, false, true},
                 {"10:00", 600, false, false}, {"1:02:00:00", 1560, true, false}, {"90", 90, true, false},
                 {"PT1H30M", 90, true, false}, {"pt45m", 45, true, false},     {"PT90S", 2, true, true}};
    for (const auto& c : cases) {
        auto d = read::parse_schedule_duration(c.text);
        ASSERT_TRUE(d) << c.text;
        EXPECT_EQ(d->minutes, c.minutes) << c.text;
        EXPECT_EQ(d->unusual, c.unusual) << c.text;
        EXPECT_EQ(d->seconds_dropped, c.seconds) << c.text;
    }
    for (const char* bad : {"", "abc", "1:60", "1:5", ":30", "1:30:", "P", "PT1X", "1h30"})
        EXPECT_FALSE(read::parse_schedule_duration(bad)) << bad;
}

TEST(ScheduleParse, Slugs) {
    EXPECT_EQ(read::schedule_slug("Salle des Fêtes – 1er étage"), "salle-des-fetes-1er-etage");
    EXPECT_EQ(read::schedule_slug("K.1.105 (La Fontaine)"), "k-1-105-la-fontaine");
    EXPECT_EQ(read::schedule_slug("Œuvre Straße Łódź ĳ"), "oeuvre-strasse-lodz-ij");
    EXPECT_EQ(read::schedule_slug("  --  "), "");
    EXPECT_EQ(read::schedule_slug("日本"), "");
    EXPECT_EQ(read::schedule_slug(std::string(100, 'a')).size(), 60u);
}

}  // namespace
