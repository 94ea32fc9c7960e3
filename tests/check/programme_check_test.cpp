// The check stage on programmes built in code: each rule on its own,
// including the cases that must NOT be errors.
#include <gtest/gtest.h>

#include "check/programme_check.hpp"

using namespace booklet;
using model::ItemKind;

namespace {

model::SourceLocation at(int line) { return {"p.xml", line, 1}; }

model::Item item(ItemKind kind, std::string id, int start_min, int end_min, std::string room = "", int line = 10) {
    model::Item i;
    i.kind = kind;
    i.id = std::move(id);
    i.title = "Titre " + i.id;
    i.time = model::TimeRange{{start_min}, {end_min}};
    i.room = std::move(room);
    i.where = at(line);
    return i;
}

model::Programme programme() {
    model::Programme p;
    p.id = "p";
    p.title = "Journée";
    p.timezone = "Europe/Paris";
    p.where = at(1);
    p.rooms = {{"a", "Salle A", at(2)}, {"b", "Salle B", at(3)}};
    model::Person anne;
    anne.id = "anne";
    anne.family = "Martin";
    anne.where = at(4);
    p.people.push_back(anne);
    model::Day d;
    d.date = {2020, 1, 28};
    d.where = at(5);
    p.days.push_back(d);
    return p;
}

std::vector<std::string> errors(const model::Programme& p, const check::CheckOptions& o = {}) {
    std::vector<std::string> out;
    const auto diags = check::check_programme(p, o);
    for (const auto& d : diags.items())
        if (d.severity == model::Severity::Error) out.push_back(d.str());
    return out;
}

TEST(Check, ParallelRoomsDoNotOverlap) {
    auto p = programme();
    p.days[0].items = {item(ItemKind::Session, "s1", 600, 660, "a", 10), item(ItemKind::Session, "s2", 600, 660, "b", 11)};
    EXPECT_EQ(errors(p), std::vector<std::string>{});
}

TEST(Check, SameRoomOverlapIsReportedOnTheLaterItem) {
    auto p = programme();
    p.days[0].items = {item(ItemKind::Session, "s1", 600, 660, "a", 10), item(ItemKind::Session, "s2", 630, 700, "a", 11)};
    const auto e = errors(p);
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0].rfind("p.xml:11:1: error: session «Titre s2» (10:30–11:40) overlaps session «Titre s1»", 0), 0u) << e[0];
}

TEST(Check, AnItemWithoutRoomClashesWithEveryRoom) {
    auto p = programme();
    p.days[0].items = {item(ItemKind::Session, "s1", 600, 660, "a", 10), item(ItemKind::Break, "pause", 650, 670, "", 11)};
    EXPECT_EQ(errors(p).size(), 1u);
}

// A schedule.xml night: an item of the 28th that runs until 03:30 on the
// 29th (27:30) meets the 29th's items, in absolute time.
TEST(Check, AnItemPastMidnightOverlapsTheNextDaysItems) {
    auto p = programme();
    model::Day next;
    next.date = {2020, 1, 29};
    next.where = at(20);
    p.days.push_back(next);
    p.days[0].items = {item(ItemKind::Session, "night", 22 * 60, 27 * 60 + 30, "a", 10)};
    p.days[1].items = {item(ItemKind::Session, "early", 3 * 60, 4 * 60, "a", 21),
                       item(ItemKind::Session, "other-room", 3 * 60, 4 * 60, "b", 22)};
    const auto e = errors(p);
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0].rfind("p.xml:21:1: error: session «Titre early» (03:00–04:00) overlaps session «Titre night»", 0), 0u)
        << e[0];
}

// overlap="allowed" (or a schedule.xml's parallel events) on either item
// of a pair: the same overlap is a warning, never an error.
TEST(Check, AnOverlapAllowedOnEitherItemIsAWarning) {
    auto p = programme();
    p.days[0].items = {item(ItemKind::Session, "s1", 600, 660, "a", 10), item(ItemKind::Session, "s2", 630, 700, "a", 11),
                       item(ItemKind::Session, "s3", 650, 720, "a", 12)};
    p.days[0].items[1].may_overlap = true;
    const auto diags = check::check_programme(p, {});
    std::vector<std::string> e, w;
    for (const auto& d : diags.sorted()) (d.severity == model::Severity::Error ? e : w).push_back(d.str());
    // s2 allows: s2/s1 and s3/s2 are warnings; s3/s1 (neither allows) stays an error.
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0].rfind("p.xml:12:1: error: session «Titre s3» (10:50–12:00) overlaps session «Titre s1»", 0), 0u) << e[0];
    EXPECT_NE(e[0].find("(overlap=\"allowed\" on either lets them)"), std::string::npos) << e[0];
    std::vector<std::string> overlaps;
    for (const auto& x : w)
        if (x.find(" overlaps ") != std::string::npos) overlaps.push_back(x.substr(0, x.find(" overlaps ")));
    EXPECT_EQ(overlaps, (std::vector<std::string>{"p.xml:11:1: warning: session «Titre s2» (10:30–11:40)",
                                                  "p.xml:12:1: warning: session «Titre s3» (10:50–12:00)"}));
}

TEST(Check, BackToBackItemsAreFine) {
    auto p = programme();
    p.days[0].items = {item(ItemKind::Session, "s1", 600, 660, "a"), item(ItemKind::Break, "b", 660, 675, "a")};
    EXPECT_EQ(errors(p), std::vector<std::string>{});
}

TEST(Check, ZeroLengthItem) {
    auto p = programme();
    p.days[0].items = {item(ItemKind::Break, "b", 660, 660)};
    const auto e = errors(p);
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0], "p.xml:10:1: error: break «Titre b» ends at 11:00, when it starts");
}

TEST(Check, TalksOverlappingInsideTheirSession) {
    auto p = programme();
    auto s = item(ItemKind::Workshop, "s", 600, 720, "a", 10);
    auto t1 = item(ItemKind::Talk, "t1", 600, 640, "", 11);
    auto t2 = item(ItemKind::Talk, "t2", 630, 660, "", 12);
    t1.speakers = t2.speakers = {{"anne", at(11)}};
    s.children = {t1, t2};
    p.days[0].items = {s};
    const auto e = errors(p);
    ASSERT_EQ(e.size(), 1u);
    EXPECT_NE(e[0].find("p.xml:12:1: error: talk «Titre t2» (10:30–11:00) overlaps talk «Titre t1»"), std::string::npos) << e[0];
}

TEST(Check, DuplicateDerivedIdsAskForIds) {
    auto p = programme();
    auto a = item(ItemKind::Break, "2020-01-28-1100-break", 660, 670, "a", 10);
    auto b = item(ItemKind::Break, "2020-01-28-1100-break", 660, 670, "b", 11);
    a.id_derived = b.id_derived = true;
    p.days[0].items = {a, b};
    const auto e = errors(p);
    ASSERT_EQ(e.size(), 1u);
    EXPECT_NE(e[0].find("give them ids"), std::string::npos) << e[0];
}

TEST(Check, DuplicatePersonAndRoomIds) {
    auto p = programme();
    p.rooms.push_back({"a", "Encore A", at(7)});
    p.people.push_back(p.people[0]);
    p.people.back().where = at(8);
    const auto e = errors(p);
    EXPECT_EQ(e, (std::vector<std::string>{"p.xml:8:1: error: duplicate person id 'anne' (first defined at line 4:1)",
                                           "p.xml:7:1: error: duplicate room id 'a' (first defined at line 2:1)"}));
}

TEST(Check, UnknownTimeZones) {
    EXPECT_TRUE(check::is_known_time_zone("Europe/Paris"));
    EXPECT_TRUE(check::is_known_time_zone("America/Argentina/Buenos_Aires"));
    EXPECT_TRUE(check::is_known_time_zone("UTC"));
    EXPECT_FALSE(check::is_known_time_zone("Europe/Pariss"));
    EXPECT_FALSE(check::is_known_time_zone("GMT+1"));  // not an IANA zone name
    EXPECT_FALSE(check::is_known_time_zone(""));
    EXPECT_FALSE(check::is_known_time_zone("Etc/Unknown"));
}

TEST(Check, ContactNeedsAnEmail) {
    auto p = programme();
    p.contacts.push_back({"anne", "", at(9)});
    const auto e = errors(p);
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0], "p.xml:9:1: error: contact 'anne' has no e-mail address: give one on <contact> or <person>");
}

TEST(Check, UnreferencedPersonIsAWarningNotAnError) {
    auto p = programme();
    const auto d = check::check_programme(p);
    EXPECT_FALSE(d.has_errors());
    ASSERT_EQ(d.warning_count(), 1u);
    EXPECT_EQ(d.items()[0].str(), "p.xml:4:1: warning: person 'anne' is defined but never referenced");
}

TEST(Check, LogoOutsideTheProgrammeFolderIsRefused) {
    auto p = programme();
    p.organisers.push_back({"Org", "../../etc/passwd", "", at(6)});
    check::CheckOptions o;
    o.base_dir = BOOKLET_SOURCE_DIR "/input";
    EXPECT_EQ(errors(p, o), std::vector<std::string>{
                                "p.xml:6:1: error: logo '../../etc/passwd' lies outside the programme's folder (use --allow-outside)"});
}

TEST(Check, LogoThatIsNotAnImage) {
    auto p = programme();
    p.organisers.push_back({"Org", "FORMAT.md", "", at(6)});
    check::CheckOptions o;
    o.base_dir = BOOKLET_SOURCE_DIR "/input";
    EXPECT_EQ(errors(p, o), std::vector<std::string>{"p.xml:6:1: error: logo 'FORMAT.md' is neither a PNG nor a JPEG image"});
}

}  // namespace
