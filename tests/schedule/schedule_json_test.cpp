// frab / pretalx schedule.json → model: the JSON becomes the schedule.xml
// tree frab would write, read by the schedule.xml reader. Every mapping
// rule, every tolerated oddity (exact warnings with the JSON's line:col),
// every error; and the real 35C3 export read as JSON and as XML gives the
// same programme.
#include <gtest/gtest.h>
#include <tinyxml2.h>

#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <sstream>

#include "model_dump.hpp"
#include "read/schedule_json.hpp"
#include "read/schedule_reader.hpp"
#include "schedule_test_support.hpp"

namespace {

using namespace booklet;

const std::string& kSamples = test::kScheduleSamples;
using test::lines;
using test::short_lines;
const std::string& kCorpus = test::kCorpusDir;

std::optional<model::Programme> read_json(const std::string& text, model::Diagnostics& d) {
    return read::read_schedule_json(io::InputFile{"t.json", text}, d);
}

std::string as_xml(const std::string& text) {
    model::Diagnostics d;
    auto x = read::schedule_json_as_xml(io::InputFile{"t.json", text}, d);
    return x ? *x + lines(d) : "(none) " + lines(d);
}

// A schedule with one day in room "R" holding the given events (JSON text).
std::string one_day(const std::string& events, const std::string& conference_extra = "") {
    return "{\"schedule\": {\"conference\": {\"acronym\": \"t\", \"title\": \"T\", \"time_zone_name\": \"Europe/Paris\"" +
           conference_extra + ",\n\"days\": [{\"index\": 1, \"date\": \"2024-05-01\", \"rooms\": {\"R\": [\n" + events +
           "\n]}}]}}}\n";
}

TEST(ScheduleJson, SameProgrammeAsTheScheduleXmlItMirrors) {
    // samples/json/frab.json holds what samples/frab.xml holds, as frab
    // writes JSON: numbers for ids, null for empty fields, tracks as names.
    model::Diagnostics dj, dx;
    auto j = read::read_schedule_json_file(kSamples + "json/frab.json", dj);
    auto x = read::read_schedule_file(kSamples + "frab.xml", dx);
    ASSERT_TRUE(j) << lines(dj);
    ASSERT_TRUE(x) << lines(dx);
    EXPECT_EQ(test::dump(*j), test::dump(*x));
    EXPECT_EQ(j->acronym, x->acronym);
    EXPECT_EQ(short_lines(dj),
              "json/frab.json:3:17: warning: the schedule has no time zone (no <time_zone_name>, no UTC offset): times "
              "are taken as UTC; give the zone with --timezone ZONE\n");
    ASSERT_EQ(dx.items().size(), 1u);
    EXPECT_EQ(dx.items()[0].message, dj.items()[0].message);
}

TEST(ScheduleJson, PretalxFlavourWithPositions) {
    model::Diagnostics d;
    auto p = read::read_schedule_json_file(kSamples + "json/democon.json", d);
    ASSERT_TRUE(p) << lines(d);
    EXPECT_EQ(short_lines(d),
              "json/democon.json:89:29: warning: duration '90' read as 90 minutes; schedule.xml writes H:MM\n"
              "json/democon.json:92:26: warning: track 'Hardware' is not declared in <conference>: added\n"
              "json/democon.json:109:15: warning: read as a meal, which has only a title, a time and a room: its abstract "
              "is left out\n");
    EXPECT_EQ(test::dump(*p),
              "programme id=democon-2024 lang=en tz=Europe/Berlin revision=12\n"
              "title='DemoCon 2024 – Open Tools' subtitle=''\n"
              "venue 'DemoCon 2024 – Open Tools' '' '' '' ''\n"
              "room main-hall 'Main Hall'\n"
              "room room-b 'Room B'\n"
              "capacity - ''\n"
              "registration  website https://democon.example.org/2024/\n"
              "track security 'Security'\n"
              "track community-culture 'Community & Culture'\n"
              "track hardware 'Hardware'\n"
              "person pAB12CD 'Ada' 'Lovelace' role='' email= url= affiliations=\n"
              "person p7 'Grace' 'Hopper' role='' email= url= affiliations=\n"
              "person p8 'Ludwig' 'van Beethoven' role='' email= url= affiliations=\n"
              "introduction\n"
              "day 2024-05-01 - -\n"
              "  opening id=e101 title='Opening: \"Open\" tools' subtitle='' 600-645 room=main-hall track= lang=en "
              "href=https://democon.example.org/2024/talk/ABC101/ speakers=pAB12CD, chairs= keywords=\n"
              "    | p ['Welcome to '][em 'DemoCon']['.']\n"
              "  talk id=e102 title='Locks – for everyone' subtitle='Keys, pins/tumblers' 660-720 room=main-hall "
              "track=security lang=en href= speakers=p7,p8, chairs= keywords=\n"
              "    | p ['First line']\n"
              "    | p ['Second '][em 'paragraph']['.']\n"
              "    | ul\n"
              "    |   li\n"
              "    |     p [href=https://example.org/slides 'Slides']\n"
              "  talk id=e103 title='Solder your badge' subtitle='' 840-930 room=room-b track=hardware lang=de href= "
              "speakers=p7, chairs= keywords=\n"
              "day 2024-05-02 - -\n"
              "  meal id=e201 title='Lunch' subtitle='' 720-780 room=main-hall track= lang= href= speakers= chairs= "
              "keywords=\n"
              "  talk id=e202 title='Night owls' subtitle='' 1530-1560 room=main-hall track= lang=en href= "
              "speakers=pAB12CD, chairs= keywords=\n"
              "    | p ['After midnight.']\n");
    // Every element reports the place of the JSON value it was made from.
    EXPECT_EQ(p->where.line, 4);
    EXPECT_EQ(p->where.column, 15);
    EXPECT_EQ(p->timezone_where.line, 14);
    EXPECT_EQ(p->timezone_where.column, 25);
    EXPECT_EQ(p->rooms[0].where.line, 17);
    EXPECT_EQ(p->rooms[0].where.column, 9);
    EXPECT_EQ(p->tracks[2].where.line, 92);
    EXPECT_EQ(p->tracks[2].where.column, 26);
    const auto& e101 = p->days[0].items[0];
    EXPECT_EQ(e101.where.line, 32);
    EXPECT_EQ(e101.where.column, 15);
    EXPECT_EQ(e101.speakers[0].where.line, 52);
    EXPECT_EQ(e101.speakers[0].where.column, 19);
    EXPECT_EQ(p->people[0].where.line, 52);
    EXPECT_EQ(p->days[1].where.line, 102);
    EXPECT_EQ(p->days[1].where.column, 9);
}

TEST(ScheduleJson, TheScheduleXmlTree) {
    // Scalars become children of the same name; id and guid attributes; a
    // number is its text as written; null an empty element; persons, links,
    // attachments and the recording fields take frab's XML form; members
    // holding other arrays or objects (answers) are ignored.
    EXPECT_EQ(as_xml("{\"schedule\": {\"version\": \"1.0\", \"conference\": {\"acronym\": \"x\", \"daysCount\": 1,\n"
                     "\"rooms\": [{\"name\": \"A\", \"guid\": \"g\", \"capacity\": 3}, \"B\"], \"colors\": {\"a\": 1},\n"
                     "\"days\": [{\"index\": 1, \"date\": \"2024-05-01\", \"day_start\": \"2024-05-01T04:00:00+02:00\",\n"
                     "\"rooms\": {\"A\": [{\"id\": 5, \"guid\": null, \"logo\": null, \"title\": \"T\", \"do_not_record\": true,\n"
                     "\"recording_license\": \"CC\", \"answers\": [1],\n"
                     "\"persons\": [{\"id\": 1, \"code\": \"X1\", \"public_name\": \"Ann\", \"url\": \"https://a.example\"},\n"
                     "{\"guid\": \"pg\", \"public_name\": \" \", \"name\": \"Bob B\"}, {\"full_public_name\": \"Cy\", \"full_name\": \"Cyrus\"}, \"Di\"],\n"
                     "\"links\": [{\"url\": \"https://l.example\", \"title\": \"L\"}, \"https://plain.example\"],\n"
                     "\"attachments\": [{\"url\": \"/a.pdf\", \"title\": \"Slides\"}]}]}}]}}}"),
              "<schedule>\n"
              "    <version>1.0</version>\n"
              "    <conference>\n"
              "        <acronym>x</acronym>\n"
              "        <days>1</days>\n"
              "        <rooms>\n"
              "            <room name=\"A\" guid=\"g\"/>\n"
              "            <room>B</room>\n"
              "        </rooms>\n"
              "    </conference>\n"
              "    <day index=\"1\" date=\"2024-05-01\" start=\"2024-05-01T04:00:00+02:00\">\n"
              "        <room name=\"A\">\n"
              "            <event id=\"5\">\n"
              "                <logo/>\n"
              "                <title>T</title>\n"
              "                <recording>\n"
              "                    <optout>true</optout>\n"
              "                    <license>CC</license>\n"
              "                </recording>\n"
              "                <persons>\n"
              "                    <person id=\"1\" code=\"X1\" href=\"https://a.example\">Ann</person>\n"
              "                    <person guid=\"pg\">Bob B</person>\n"
              "                    <person>Cy</person>\n"
              "                    <person>Di</person>\n"
              "                </persons>\n"
              "                <links>\n"
              "                    <link href=\"https://l.example\">L</link>\n"
              "                    <link>https://plain.example</link>\n"
              "                </links>\n"
              "                <attachments>\n"
              "                    <attachment href=\"/a.pdf\">Slides</attachment>\n"
              "                </attachments>\n"
              "            </event>\n"
              "        </room>\n"
              "    </day>\n"
              "</schedule>\n");
}

TEST(ScheduleJson, NumbersAndBooleansAreTheirText) {
    model::Diagnostics d;
    auto p = read_json(one_day("{\"id\": 9985, \"date\": \"2024-05-01T10:00:00+02:00\", \"start\": \"10:00\", "
                               "\"duration\": \"00:30\", \"title\": 1984, \"subtitle\": true, \"type\": \"lecture\", "
                               "\"persons\": [{\"id\": 7, \"public_name\": 42}]}"),
                       d);
    ASSERT_TRUE(p) << lines(d);
    EXPECT_EQ(lines(d), "");
    ASSERT_EQ(p->days.size(), 1u);
    ASSERT_EQ(p->days[0].items.size(), 1u);
    const auto& e = p->days[0].items[0];
    EXPECT_EQ(e.id, "e9985");
    EXPECT_EQ(e.title, "1984");
    EXPECT_EQ(e.subtitle, "true");
    ASSERT_EQ(p->people.size(), 1u);
    EXPECT_EQ(p->people[0].id, "p7");
    EXPECT_EQ(p->people[0].family, "42");
}

TEST(ScheduleJson, NullAndMissingFieldsGiveTheXmlReadersWarnings) {
    model::Diagnostics d;
    auto p = read_json(one_day("{\"id\": 1, \"guid\": null, \"date\": \"2024-05-01T10:00:00+02:00\", \"start\": null,\n"
                               " \"duration\": null, \"title\": null, \"type\": null, \"language\": null, \"persons\": null,"
                               " \"links\": null, \"abstract\": null},\n"
                               "{\"id\": 2, \"date\": \"2024-05-01T11:00:00+02:00\", \"title\": \"B\"}"),
                       d);
    ASSERT_TRUE(p) << lines(d);
    EXPECT_EQ(lines(d),
              "t.json:4:14: warning: event has no duration: 15 minutes assumed\n"
              "t.json:5:1: warning: event has no duration: 15 minutes assumed\n");
    ASSERT_EQ(p->days[0].items.size(), 2u);
    EXPECT_EQ(p->days[0].items[0].time->start.minutes, 600);
    EXPECT_EQ(p->days[0].items[0].time->end.minutes, 615);
    EXPECT_EQ(p->days[0].items[1].title, "B");
}

TEST(ScheduleJson, AnEventWithoutStartIsTheXmlReadersError) {
    model::Diagnostics d;
    read_json(one_day("{\"id\": 1, \"title\": \"A\", \"duration\": \"0:30\"}"), d);
    EXPECT_EQ(lines(d),
              "t.json:3:1: error: <event> has no start: give it a <start> (HH:MM) or a <date> with a time\n");
    model::Diagnostics d2;
    read_json(one_day("{\"id\": 1, \"date\": \"soon\", \"start\": \"10:00\"}"), d2);
    EXPECT_EQ(lines(d2),
              "t.json:3:19: error: unreadable date 'soon': expected ISO 8601 such as 2024-05-01T10:00:00+02:00\n");
}

TEST(ScheduleJson, WrongTypesAreLeftOutWithAWarning) {
    model::Diagnostics d;
    auto p = read_json(one_day("{\"id\": 1, \"start\": \"10:00\", \"duration\": \"0:30\", \"title\": [\"A\"],\n"
                               " \"persons\": \"Ann\", \"links\": {\"url\": \"https://x.example\"}, \"id\": 2,\n"
                               " \"subtitle\": {\"de\": \"x\"}},\n"
                               "\"not an event\", {\"id\": 3, \"start\": \"11:00\", \"duration\": \"0:30\","
                               " \"persons\": [7, {\"id\": 8, \"public_name\": [\"B\"]}], \"links\": [true]}",
                               ", \"rooms\": {\"Main\": 1}, \"tracks\": [{\"name\": \"T\"}, 5]"),
                       d);
    ASSERT_TRUE(p) << lines(d);
    EXPECT_EQ(lines(d),
              "t.json:1:103: warning: \"rooms\" is an object, expected an array: left out\n"
              "t.json:1:142: warning: a track is a number, expected an object: left out\n"
              "t.json:3:58: warning: \"title\" is an array, expected text: left out\n"
              "t.json:4:13: warning: \"persons\" is a string, expected an array: left out\n"
              "t.json:4:29: warning: \"links\" is an object, expected an array: left out\n"
              "t.json:4:59: warning: duplicate key \"id\" (first at line 3:2): the last value is used\n"
              "t.json:5:14: warning: \"subtitle\" is an object, expected text: left out\n"
              "t.json:6:1: warning: an event is a string, expected an object: left out\n"
              "t.json:6:77: warning: a person is a number, expected an object: left out\n"
              "t.json:6:80: warning: person without a name: left out\n"
              "t.json:6:105: warning: \"public_name\" is an array, expected text: left out\n"
              "t.json:6:124: warning: a link is a boolean, expected an object: left out\n");
    ASSERT_EQ(p->days[0].items.size(), 2u);
    EXPECT_EQ(p->days[0].items[0].id, "e2");
    EXPECT_EQ(p->days[0].items[0].title, "");
    EXPECT_EQ(p->days[0].items[1].id, "e3");
}

TEST(ScheduleJson, DaysAndRoomsOfTheWrongShape) {
    model::Diagnostics d;
    auto p = read_json("{\"schedule\": {\"conference\": {\"title\": \"T\", \"time_zone_name\": \"UTC\",\n"
                       "\"days\": [\"2024-05-01\", {\"date\": \"2024-05-02\", \"rooms\": [\"A\"]},\n"
                       "{\"date\": \"2024-05-03\", \"rooms\": {\"A\": {\"id\": 1}, \"B\": null}}]}}}",
                       d);
    ASSERT_TRUE(p) << lines(d);
    EXPECT_EQ(lines(d),
              "t.json:2:10: warning: a day is a string, expected an object: left out\n"
              "t.json:2:56: warning: \"rooms\" is an array, expected an object of room names and their events: left out\n"
              "t.json:3:39: warning: \"A\" is an object, expected an array: left out\n");
    ASSERT_EQ(p->days.size(), 2u);
    EXPECT_EQ(p->days[0].date.iso(), "2024-05-02");
    // The rooms are known, even empty.
    ASSERT_EQ(p->rooms.size(), 2u);
    EXPECT_EQ(p->rooms[1].name, "B");
    EXPECT_EQ(p->rooms[1].where.line, 3);
    EXPECT_EQ(p->rooms[1].where.column, 50);
}

TEST(ScheduleJson, NotASchedule) {
    auto error = [](const std::string& text) {
        model::Diagnostics d;
        const auto p = read_json(text, d);
        EXPECT_FALSE(p);
        EXPECT_EQ(d.error_count(), 1u);
        return lines(d);
    };
    EXPECT_EQ(error("[{\"schedule\": {}}]"),
              "t.json:1:1: error: the JSON document is an array, expected an object holding a \"schedule\" (a "
              "frab/pretalx schedule.json)\n");
    EXPECT_EQ(error("\n  {\"conference\": {}}"),
              "t.json:2:3: error: the JSON object has no \"schedule\" member: not a frab/pretalx schedule.json\n");
    EXPECT_EQ(error("{\"schedule\": [1]}"), "t.json:1:14: error: \"schedule\" is an array, expected an object\n");
    EXPECT_EQ(error("{\"schedule\": {\"conference\": {\"title\": \"T\", \"days\": [{]}}}"),
              "t.json:1:54: error: expected a key in double quotes, found ']'\n");
    // No conference, no day: the schedule.xml reader's errors, at the JSON's places.
    model::Diagnostics d;
    read_json("{\"schedule\": {\"conference\": \"x\"}}", d);
    EXPECT_EQ(lines(d),
              "t.json:1:14: error: <schedule> has no <conference>: its title and time zone are unknown\n"
              "t.json:1:14: error: <schedule> has no <day>\n"
              "t.json:1:14: warning: the schedule has no time zone (no <time_zone_name>, no UTC offset): times are taken "
              "as UTC; give the zone with --timezone ZONE\n"
              "t.json:1:29: warning: \"conference\" is a string, expected an object: left out\n");
}

// ---- the real export: 35C3 as JSON and as XML ------------------------------------------

std::string collapse(const std::string& s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

// The first field in which two programmes differ, or "".
std::string first_difference(const model::Programme& j, const model::Programme& x) {
    std::ostringstream o;
    auto differ = [&](const std::string& what, const auto& a, const auto& b) {
        if (a == b) return false;
        o << what << ": JSON '" << a << "', XML '" << b << "'";
        return true;
    };
    if (differ("title", j.title, x.title) || differ("acronym", j.acronym, x.acronym) ||
        differ("id", j.id, x.id) || differ("time zone", j.timezone, x.timezone) || differ("lang", j.lang, x.lang) ||
        differ("website", j.website_url, x.website_url) || differ("venue", j.venue.name, x.venue.name) ||
        differ("rooms", j.rooms.size(), x.rooms.size()) || differ("tracks", j.tracks.size(), x.tracks.size()) ||
        differ("people", j.people.size(), x.people.size()) || differ("days", j.days.size(), x.days.size()))
        return o.str();
    for (std::size_t r = 0; r < j.rooms.size(); ++r)
        if (differ("room " + std::to_string(r), j.rooms[r].id + " " + j.rooms[r].name, x.rooms[r].id + " " + x.rooms[r].name))
            return o.str();
    for (std::size_t t = 0; t < j.tracks.size(); ++t)
        if (differ("track " + std::to_string(t), j.tracks[t].id + " " + j.tracks[t].name,
                   x.tracks[t].id + " " + x.tracks[t].name))
            return o.str();
    for (std::size_t p = 0; p < j.people.size(); ++p)
        if (differ("person " + std::to_string(p), j.people[p].id, x.people[p].id)) return o.str();
    for (std::size_t d = 0; d < j.days.size(); ++d) {
        const auto& dj = j.days[d];
        const auto& dx = x.days[d];
        const std::string day = "day " + dj.date.iso();
        if (differ(day + " date", dj.date.iso(), dx.date.iso()) || differ(day + " items", dj.items.size(), dx.items.size()))
            return o.str();
        for (std::size_t i = 0; i < dj.items.size(); ++i) {
            const auto& a = dj.items[i];
            const auto& b = dx.items[i];
            const std::string item = day + " item " + std::to_string(i) + " (" + b.id + ")";
            auto speakers = [](const model::Item& it) {
                std::string s;
                for (const auto& sp : it.speakers) s += sp.id + ",";
                return s;
            };
            auto abstract = [](const model::Item& it) {
                std::ostringstream a;
                test::dump_blocks(a, it.abstract.blocks, "");
                return a.str();
            };
            if (differ(item + " id", a.id, b.id) || differ(item + " kind", model::kind_name(a.kind), model::kind_name(b.kind)) ||
                differ(item + " title", a.title, b.title) || differ(item + " subtitle", a.subtitle, b.subtitle) ||
                differ(item + " start", a.time->start.minutes, b.time->start.minutes) ||
                differ(item + " end", a.time->end.minutes, b.time->end.minutes) || differ(item + " room", a.room, b.room) ||
                differ(item + " track", a.track, b.track) || differ(item + " lang", a.lang, b.lang) ||
                differ(item + " href", a.href, b.href) || differ(item + " speakers", speakers(a), speakers(b)) ||
                differ(item + " abstract", abstract(a), abstract(b)))
                return o.str();
        }
    }
    return "";
}

// Every person id's names as the XML file writes them: the <public_name> or
// <name> child (the fuller frab form), else the element's text.
std::multimap<std::string, std::string> names_in_xml(const std::string& path, std::size_t& nested) {
    tinyxml2::XMLDocument doc;
    EXPECT_EQ(doc.LoadFile(path.c_str()), tinyxml2::XML_SUCCESS);
    std::multimap<std::string, std::string> names;
    nested = 0;
    // Depth first, in document order.
    std::function<void(const tinyxml2::XMLElement*)> walk = [&](const tinyxml2::XMLElement* e) {
        if (std::string(e->Name()) == "person" && e->Attribute("id")) {
            std::string name;
            const auto* pn = e->FirstChildElement("public_name");
            if (!pn) pn = e->FirstChildElement("name");
            if (pn) {
                name = pn->GetText() ? pn->GetText() : "";
                ++nested;
            } else {
                name = e->GetText() ? e->GetText() : "";
            }
            names.emplace(std::string("p") + e->Attribute("id"), collapse(name));
            return;
        }
        for (const auto* c = e->FirstChildElement(); c; c = c->NextSiblingElement()) walk(c);
    };
    walk(doc.RootElement());
    return names;
}

TEST(ScheduleJsonCorpus, The35c3JsonGivesTheProgrammeOfThe35c3Xml) {
    const std::string json = kCorpus + "35c3-everything.schedule.json";
    const std::string xml = kCorpus + "35c3-everything.schedule.xml";
    ASSERT_TRUE(std::filesystem::exists(json)) << json << ": the shared corpus is missing";
    model::Diagnostics dj, dx;
    auto j = read::read_schedule_json_file(json, dj);
    auto x = read::read_schedule_file(xml, dx);
    ASSERT_TRUE(j);
    ASSERT_TRUE(x);
    EXPECT_FALSE(dj.has_errors()) << lines(dj);
    std::size_t items = 0;
    for (const auto& d : j->days) items += d.items.size();
    EXPECT_EQ(j->days.size(), 4u);
    EXPECT_EQ(items, 927u);
    EXPECT_EQ(first_difference(*j, *x), "");

    // Speakers' names as written: the same persons (an id and a name each)
    // as the XML reader's, and every name as the XML file writes it (its
    // <public_name> or <name> child, else the element's text).
    std::size_t nested = 0;
    const auto names = names_in_xml(xml, nested);
    EXPECT_GT(nested, 0u);
    ASSERT_EQ(j->people.size(), x->people.size());
    std::set<std::string> written;
    for (const auto& [id, name] : names) written.insert(name);
    for (std::size_t k = 0; k < j->people.size(); ++k) {
        const auto& person = j->people[k];
        EXPECT_EQ(person.id, x->people[k].id);
        EXPECT_EQ(person.given, x->people[k].given) << person.id;
        EXPECT_EQ(person.family, x->people[k].family) << person.id;
        EXPECT_EQ(written.count(collapse(person.display_name())), 1u) << person.id << " " << person.display_name();
    }
}

}  // namespace
