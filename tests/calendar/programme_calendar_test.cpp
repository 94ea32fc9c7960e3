// The programme calendar and the per-talk files: what each VEVENT says,
// stable UIDs, SEQUENCE, DTSTAMP, breaks left out, errors.
#include "calendar/calendar.hpp"

#include <gtest/gtest.h>

#include <ctime>
#include <filesystem>
#include <functional>

#include "fixtures.hpp"

namespace booklet::calendar {
namespace {

using testing::content_lines;
using testing::count_of;
using testing::event_lines;
using testing::line_problems;
using testing::value_after;

constexpr std::int64_t kStamp = 1580000000;  // 2020-01-26T00:53:20Z

CalendarOptions options(bool include_breaks = true) {
    CalendarOptions o;
    o.include_breaks = include_breaks;
    o.dtstamp = kStamp;
    return o;
}

std::vector<CalendarFile> files_of(const model::Programme& p, const CalendarOptions& o = options()) {
    model::Diagnostics diags;
    auto files = make_calendar_files(p, p.id, o, diags);
    EXPECT_FALSE(diags.has_errors()) << diags.items().front().str();
    return files;
}

std::string main_calendar(const model::Programme& p, const CalendarOptions& o = options()) {
    auto files = files_of(p, o);
    return files.empty() ? std::string() : files.front().content;
}

const CalendarFile* find_file(const std::vector<CalendarFile>& files, const std::string& path) {
    for (const auto& f : files)
        if (f.relative_path == path) return &f;
    return nullptr;
}

std::vector<std::string> uids(const std::string& ics) {
    std::vector<std::string> out;
    for (const auto& l : content_lines(ics))
        if (l.rfind("UID:", 0) == 0) out.push_back(l.substr(4));
    return out;
}

std::vector<std::string> expected_uids(const model::Programme& p, bool include_breaks) {
    std::vector<std::string> out;
    for (const auto& r : calendar_items(p, include_breaks)) out.push_back(item_uid(p, *r.item));
    return out;
}

// ---- files --------------------------------------------------------------------------

TEST(CalendarFiles, OneProgrammeFileThenOnePerTalk) {
    const auto p = testing::french_study_day();
    const auto files = files_of(p);
    ASSERT_EQ(files.size(), 1 + p.talks().size());
    EXPECT_EQ(files[0].relative_path, "medico-social-2020.ics");
    for (const auto& talk : p.talks())
        EXPECT_NE(find_file(files, "ics/" + talk.item->id + ".ics"), nullptr) << talk.item->id;
}

TEST(CalendarFiles, EveryFileKeepsTheLineRules) {
    for (const auto& p : {testing::french_study_day(), testing::london_summer_day(), testing::with_all_day_item()}) {
        for (const auto& f : files_of(p)) {
            const auto problems = line_problems(f.content);
            EXPECT_TRUE(problems.empty()) << f.relative_path << ": " << ::testing::PrintToString(problems);
            EXPECT_EQ(count_of(f.content, "\n"), count_of(f.content, "\r\n")) << f.relative_path;
            EXPECT_EQ(count_of(f.content, "\r"), count_of(f.content, "\r\n")) << f.relative_path;
        }
    }
}

TEST(CalendarFiles, HeaderAndOneVtimezone) {
    const auto ics = main_calendar(testing::french_study_day());
    const auto lines = content_lines(ics);
    ASSERT_GE(lines.size(), 6u);
    EXPECT_EQ(lines[0], "BEGIN:VCALENDAR");
    EXPECT_EQ(lines[1], "PRODID:-//booklet//booklet 0.1//EN");
    EXPECT_EQ(lines[2], "VERSION:2.0");
    EXPECT_EQ(lines[3], "CALSCALE:GREGORIAN");
    EXPECT_EQ(lines[4], "METHOD:PUBLISH");
    EXPECT_EQ(lines.back(), "END:VCALENDAR");
    EXPECT_EQ(value_after(lines, "X-WR-CALNAME:"),
              "Quel impact de la transformation numérique dans le champ du médico-social ?");
    EXPECT_EQ(count_of(ics, "BEGIN:VTIMEZONE\r\n"), 1u);
    EXPECT_LT(ics.find("BEGIN:VTIMEZONE"), ics.find("BEGIN:VEVENT"));  // defined before use
    EXPECT_EQ(count_of(ics, "TZNAME:CET"), 1u);
    EXPECT_EQ(count_of(ics, "TZNAME:CEST"), 1u);
}

// ---- one VEVENT per item ---------------------------------------------------------

TEST(CalendarEvents, OneVeventPerScheduleItemInOrder) {
    const auto p = testing::french_study_day();
    const auto ics = main_calendar(p);
    EXPECT_EQ(count_of(ics, "BEGIN:VEVENT\r\n"), p.all_items().size());
    EXPECT_EQ(uids(ics), expected_uids(p, true));
}

TEST(CalendarEvents, BreaksAndMealsLeftOutOnRequest) {
    const auto p = testing::french_study_day();
    const auto ics = main_calendar(p, options(false));
    EXPECT_EQ(count_of(ics, "BEGIN:VEVENT\r\n"), p.all_items().size() - 2);
    EXPECT_EQ(uids(ics), expected_uids(p, false));
    EXPECT_EQ(count_of(ics, "UID:repas@"), 0u);
    EXPECT_EQ(count_of(ics, "UID:2020-01-28-1530-break@"), 0u);
    EXPECT_EQ(count_of(ics, "CATEGORIES:BREAK"), 0u);
    EXPECT_EQ(count_of(ics, "CATEGORIES:MEAL"), 0u);
    EXPECT_EQ(count_of(ics, "UID:accueil@"), 1u);
}

TEST(CalendarEvents, WelcomeAt0930Paris) {
    const auto ev = event_lines(main_calendar(testing::french_study_day()), "accueil@medico-social-2020.booklet");
    ASSERT_FALSE(ev.empty());
    EXPECT_EQ(value_after(ev, "DTSTART"), ";TZID=Europe/Paris:20200128T093000");
    EXPECT_EQ(value_after(ev, "DTEND"), ";TZID=Europe/Paris:20200128T100000");
    EXPECT_EQ(value_after(ev, "SUMMARY:"), "Accueil");
    EXPECT_EQ(value_after(ev, "CATEGORIES:"), "WELCOME");
    EXPECT_EQ(value_after(ev, "LOCATION:"),
              "Mines ParisTech\\, Salle des colonnes\\, 60\\, boulevard Saint-Michel\\, 75006 Paris");
    EXPECT_EQ(value_after(ev, "ORGANIZER"), ";CN=Nadine Dubruc:mailto:dubruc@emse.fr");
    EXPECT_EQ(value_after(ev, "URL"), "<none>");
}

TEST(CalendarEvents, TalkWithoutItsOwnTimeTakesItsSessions) {
    const auto ev =
        event_lines(main_calendar(testing::french_study_day()), "nirello-ehpad@medico-social-2020.booklet");
    EXPECT_EQ(value_after(ev, "DTSTART"), ";TZID=Europe/Paris:20200128T103000");
    EXPECT_EQ(value_after(ev, "DTEND"), ";TZID=Europe/Paris:20200128T120000");
    // … and its session's room.
    EXPECT_NE(value_after(ev, "LOCATION:").find("Salle des colonnes"), std::string::npos);
}

TEST(CalendarEvents, TalkWithItsOwnTimeKeepsIt) {
    const auto ev =
        event_lines(main_calendar(testing::french_study_day()), "deltour-communaute@medico-social-2020.booklet");
    EXPECT_EQ(value_after(ev, "DTSTART"), ";TZID=Europe/Paris:20200128T140000");
    EXPECT_EQ(value_after(ev, "DTEND"), ";TZID=Europe/Paris:20200128T144500");
}

TEST(CalendarEvents, TalkDescriptionHasSpeakersSessionAndAbstract) {
    const auto ev =
        event_lines(main_calendar(testing::french_study_day()), "nirello-ehpad@medico-social-2020.booklet");
    const std::string d = value_after(ev, "DESCRIPTION:");
    EXPECT_EQ(d.rfind("Laura Nirello\\, Maître-assistante\\, IMT Lille Douai\\, CLERSE\\n\\n", 0), 0u) << d;
    EXPECT_NE(d.find("Séance\u00A0: 1er atelier : évolution des contextes et numérisation"), std::string::npos);
    EXPECT_NE(d.find("Le domaine de la prise en charge"), std::string::npos);
    EXPECT_NE(d.find("importantes \\; la mise en œuvre"), std::string::npos);
    EXPECT_NE(d.find("\\n\\nDeuxième paragraphe\\, avec une virgule et un \\\\ antislash."), std::string::npos);
    EXPECT_EQ(value_after(ev, "SUMMARY:"),
              "Introduction des technologies numériques dans les EHPAD et rationalisation du travail");
    EXPECT_EQ(value_after(ev, "CATEGORIES:"), "TALK,EHPAD,travail");
}

// A code block keeps its lines (and their leading spaces) in DESCRIPTION.
TEST(CalendarEvents, CodeLinesStayLines) {
    auto p = testing::french_study_day();
    bool found = false;
    std::function<void(std::vector<model::Item>&)> visit = [&](std::vector<model::Item>& items) {
        for (auto& i : items) {
            if (i.id == "nirello-ehpad") {
                model::Block intro;
                intro.inlines = {{"Run:", false, false, ""}};
                model::Block code;
                code.kind = model::Block::Kind::Code;
                code.lines = {"for f in *; do", "    wc -l", "done"};
                i.abstract.blocks = {intro, code};
                found = true;
            }
            visit(i.children);
        }
    };
    for (auto& d : p.days) visit(d.items);
    ASSERT_TRUE(found);
    const auto ev = event_lines(main_calendar(p), "nirello-ehpad@medico-social-2020.booklet");
    const std::string d = value_after(ev, "DESCRIPTION:");
    EXPECT_NE(d.find("\\n\\nRun:\\n\\nfor f in *\\; do\\n    wc -l\\ndone"), std::string::npos) << d;
}

TEST(CalendarEvents, SeveralSpeakersOneLineEach) {
    const auto ev =
        event_lines(main_calendar(testing::french_study_day()), "dubruc-parcours@medico-social-2020.booklet");
    const std::string d = value_after(ev, "DESCRIPTION:");
    EXPECT_EQ(d.rfind("Nadine Dubruc\\, Maître de conférences\\, Mines Saint-Étienne\\, Univ Lyon\\, EA 4161 "
                      "COACTIS\\nFrançois Jaujard\\, Chargé de Recherche\\,",
                      0),
              0u)
        << d;
    EXPECT_NE(d.find("\\nThibault Metailler\\, Maître de conférences"), std::string::npos);
    // A keyword holding a comma stays one category.
    EXPECT_EQ(value_after(ev, "CATEGORIES:"), "TALK,Référentiel,compétences et activités,rôles\\, interface");
}

TEST(CalendarEvents, SessionDescriptionHasChairAndTalks) {
    const auto ev = event_lines(main_calendar(testing::french_study_day()), "atelier-1@medico-social-2020.booklet");
    const std::string d = value_after(ev, "DESCRIPTION:");
    EXPECT_EQ(d.rfind("Présidence\u00A0: François-Xavier Devetter\\n\\nInterventions\u00A0:\\n- Introduction des "
                      "technologies numériques",
                      0),
              0u)
        << d;
    EXPECT_NE(d.find("\\n- Les pratiques organisationnelles de logique de parcours comme préalable à la "
                     "digitalisation — Nadine Dubruc\\, François Jaujard\\, Thibault Metailler"),
              std::string::npos);
    EXPECT_NE(d.find("\\n- Outils numériques\\, et « personnalisation »"), std::string::npos);
    EXPECT_EQ(value_after(ev, "CATEGORIES:"), "WORKSHOP");
    const auto other = event_lines(main_calendar(testing::french_study_day()), "atelier-2@medico-social-2020.booklet");
    EXPECT_NE(value_after(other, "DESCRIPTION:").find("- 14:00–14:45 Faire communauté par le numérique ? — François "
                                                      "Deltour"),
              std::string::npos);
}

TEST(CalendarEvents, RoundTableGuestsToBeConfirmed) {
    const auto ev = event_lines(main_calendar(testing::french_study_day()), "table-ronde@medico-social-2020.booklet");
    EXPECT_EQ(value_after(ev, "DESCRIPTION:"), "Invités à confirmer");
    EXPECT_EQ(value_after(ev, "CATEGORIES:"), "ROUNDTABLE");
    auto en = testing::french_study_day();
    en.lang = "en";
    const auto ev_en = event_lines(main_calendar(en), "table-ronde@medico-social-2020.booklet");
    EXPECT_EQ(value_after(ev_en, "DESCRIPTION:"), "Guests to be confirmed");
}

TEST(CalendarEvents, UntitledBreakAndMealAreNamedInTheProgrammesLanguage) {
    const auto fr = main_calendar(testing::french_study_day());
    EXPECT_EQ(value_after(event_lines(fr, "repas@medico-social-2020.booklet"), "SUMMARY:"), "Déjeuner");
    EXPECT_EQ(value_after(event_lines(fr, "2020-01-28-1530-break@medico-social-2020.booklet"), "SUMMARY:"), "Pause");
    const auto en = main_calendar(testing::london_summer_day());
    EXPECT_EQ(value_after(event_lines(en, "lunch@techconf-2021.booklet"), "SUMMARY:"), "Lunch");
    EXPECT_EQ(value_after(event_lines(en, "tea@techconf-2021.booklet"), "SUMMARY:"), "Break");
    EXPECT_EQ(value_after(event_lines(en, "tea@techconf-2021.booklet"), "CATEGORIES:"), "BREAK");
    // Any French tag is French: fr-CA and fr-BE too.
    for (const char* tag : {"fr-CA", "fr-BE"}) {
        auto p = testing::french_study_day();
        p.lang = tag;
        EXPECT_EQ(value_after(event_lines(main_calendar(p), "repas@medico-social-2020.booklet"), "SUMMARY:"), "Déjeuner")
            << tag;
    }
}

TEST(CalendarEvents, UrlOnlyWhenTheItemHasAnHref) {
    const auto ics = main_calendar(testing::french_study_day());
    EXPECT_EQ(count_of(ics, "\r\nURL:"), 1u);
    EXPECT_EQ(value_after(event_lines(ics, "deltour-communaute@medico-social-2020.booklet"), "URL:"),
              "https://example.org/talks/deltour?lang=fr&x=1");
}

TEST(CalendarEvents, EndPast24HoursRollsToTheNextDate) {
    const auto ev = event_lines(main_calendar(testing::london_summer_day()), "social@techconf-2021.booklet");
    EXPECT_EQ(value_after(ev, "DTSTART"), ";TZID=Europe/London:20210614T220000");
    EXPECT_EQ(value_after(ev, "DTEND"), ";TZID=Europe/London:20210615T003000");
}

TEST(CalendarEvents, AllDayItemHasValueDateAndExclusiveEnd) {
    const auto ics = main_calendar(testing::with_all_day_item());
    const auto ev = event_lines(ics, "posters@medico-social-2020.booklet");
    ASSERT_FALSE(ev.empty());
    EXPECT_EQ(value_after(ev, "DTSTART"), ";VALUE=DATE:20200129");
    EXPECT_EQ(value_after(ev, "DTEND"), ";VALUE=DATE:20200130");
    // The per-talk file of an all-day talk needs no VTIMEZONE.
    const auto files = files_of(testing::with_all_day_item());
    const auto* f = find_file(files, "ics/posters.ics");
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(count_of(f->content, "BEGIN:VTIMEZONE"), 0u);
    EXPECT_EQ(count_of(f->content, "DTSTART;VALUE=DATE:20200129\r\n"), 1u);
}

// ---- UID, SEQUENCE, DTSTAMP ------------------------------------------------------

TEST(CalendarIdentity, UidsAreStableAndBuiltFromTheIds) {
    const auto first = files_of(testing::french_study_day());
    const auto second = files_of(testing::french_study_day());
    ASSERT_EQ(first.size(), second.size());
    for (std::size_t i = 0; i < first.size(); ++i) EXPECT_EQ(first[i].content, second[i].content);
    const auto ids = uids(first[0].content);
    EXPECT_EQ(ids.front(), "accueil@medico-social-2020.booklet");
    // A derived id gives a UID as stable as any other.
    EXPECT_EQ(count_of(first[0].content, "UID:2020-01-28-1530-break@medico-social-2020.booklet\r\n"), 1u);
}

TEST(CalendarIdentity, UidsDoNotDependOnTheOtherItems) {
    auto p = testing::french_study_day();
    p.days[0].items.erase(p.days[0].items.begin());  // drop the welcome
    const auto ics = main_calendar(p);
    EXPECT_EQ(count_of(ics, "UID:nirello-ehpad@medico-social-2020.booklet\r\n"), 1u);
    EXPECT_EQ(count_of(ics, "UID:accueil@"), 0u);
}

TEST(CalendarIdentity, PerTalkFileHasTheSameUidAndOneEvent) {
    const auto files = files_of(testing::french_study_day());
    const auto* f = find_file(files, "ics/nirello-ehpad.ics");
    ASSERT_NE(f, nullptr);
    EXPECT_EQ(uids(f->content), std::vector<std::string>{"nirello-ehpad@medico-social-2020.booklet"});
    EXPECT_EQ(count_of(f->content, "BEGIN:VEVENT"), 1u);
    EXPECT_EQ(count_of(f->content, "BEGIN:VTIMEZONE"), 1u);
    EXPECT_EQ(count_of(f->content, "METHOD:PUBLISH\r\n"), 1u);
    // The same VEVENT as in the programme file.
    EXPECT_EQ(event_lines(f->content, "nirello-ehpad@medico-social-2020.booklet"),
              event_lines(files[0].content, "nirello-ehpad@medico-social-2020.booklet"));
}

TEST(CalendarIdentity, SequenceIsTheRevision) {
    auto p = testing::french_study_day();
    p.revision = 3;
    const auto ics = main_calendar(p);
    EXPECT_EQ(count_of(ics, "\r\nSEQUENCE:3\r\n"), p.all_items().size());
    EXPECT_EQ(count_of(ics, "SEQUENCE:0"), 0u);
}

TEST(CalendarIdentity, DtstampFromTheOption) {
    const auto ics = main_calendar(testing::french_study_day());
    EXPECT_EQ(count_of(ics, "\r\nDTSTAMP:20200126T005320Z\r\n"), testing::french_study_day().all_items().size());
    CalendarOptions o = options();
    o.dtstamp = 0;
    EXPECT_EQ(count_of(main_calendar(testing::french_study_day(), o), "DTSTAMP:19700101T000000Z"),
              testing::french_study_day().all_items().size());
}

TEST(CalendarIdentity, DtstampIsNowWithoutTheOption) {
    CalendarOptions o;
    const std::int64_t before = std::time(nullptr);
    const auto ics = main_calendar(testing::french_study_day(), o);
    const std::int64_t after = std::time(nullptr);
    const std::string stamp = value_after(content_lines(ics), "DTSTAMP:");
    EXPECT_GE(stamp, ics::utc_date_time_value(before));
    EXPECT_LE(stamp, ics::utc_date_time_value(after));
}

// ---- organiser ---------------------------------------------------------------------

TEST(CalendarOrganizer, WithoutContactNoOrganizerAndNoMethod) {
    auto p = testing::french_study_day();
    p.contacts.clear();
    const auto ics = main_calendar(p);
    EXPECT_EQ(count_of(ics, "ORGANIZER"), 0u);
    EXPECT_EQ(count_of(ics, "METHOD:"), 0u);  // RFC 5546: PUBLISH needs an ORGANIZER
}

TEST(CalendarOrganizer, NameWithCommaIsQuoted) {
    auto p = testing::french_study_day();
    p.people[1].family = "Dubruc, PhD";
    const auto ev = event_lines(main_calendar(p), "accueil@medico-social-2020.booklet");
    EXPECT_EQ(value_after(ev, "ORGANIZER"), ";CN=\"Nadine Dubruc, PhD\":mailto:dubruc@emse.fr");
}

// ---- errors ------------------------------------------------------------------------

TEST(CalendarErrors, UnknownTimeZone) {
    auto p = testing::french_study_day();
    p.timezone = "Europe/Atlantis";
    model::Diagnostics diags;
    EXPECT_TRUE(make_calendar_files(p, p.id, options(), diags).empty());
    ASSERT_EQ(diags.items().size(), 1u);
    EXPECT_EQ(diags.items()[0].str(), "fixture.xml:2:3: error: unknown time zone 'Europe/Atlantis'");
}

TEST(CalendarErrors, NoTimedItem) {
    auto p = testing::french_study_day();
    for (auto& d : p.days) {
        for (auto& item : d.items) {
            item.time.reset();
            for (auto& child : item.children) child.time.reset();
        }
    }
    model::Diagnostics diags;
    EXPECT_TRUE(make_calendar_files(p, p.id, options(), diags).empty());
    ASSERT_EQ(diags.items().size(), 1u);
    EXPECT_EQ(diags.items()[0].str(),
              "fixture.xml:2:3: error: the programme has no timed item: nothing to put in a calendar");
}

TEST(CalendarErrors, NoItemAtAll) {
    auto p = testing::french_study_day();
    p.days[0].items.clear();
    model::Diagnostics diags;
    EXPECT_TRUE(make_calendar_files(p, p.id, options(), diags).empty());
    EXPECT_EQ(diags.error_count(), 1u);
}

TEST(CalendarErrors, BothErrorsAreReportedTogether) {
    auto p = testing::french_study_day();
    p.timezone = "Nowhere";
    p.days.clear();
    model::Diagnostics diags;
    EXPECT_TRUE(make_calendar_files(p, p.id, options(), diags).empty());
    EXPECT_EQ(diags.error_count(), 2u);
}

TEST(CalendarErrors, DuplicateOrMissingItemIds) {
    auto p = testing::french_study_day();
    p.days[0].items[1].id = "accueil";
    p.days[0].items[2].children[0].id = "";
    model::Diagnostics diags;
    EXPECT_TRUE(make_calendar_files(p, p.id, options(), diags).empty());
    ASSERT_EQ(diags.error_count(), 2u);
    EXPECT_EQ(diags.items()[0].str(),
              "fixture.xml:114:3: error: item id 'accueil' is used twice: calendar UIDs would clash");
    EXPECT_EQ(diags.items()[1].where.line, 121);
}

TEST(CalendarErrors, StemThatIsNotAFileName) {
    for (const char* stem : {"", "..", "a/b", "a\\b"}) {
        model::Diagnostics diags;
        EXPECT_TRUE(make_calendar_files(testing::french_study_day(), stem, options(), diags).empty()) << stem;
        EXPECT_EQ(diags.error_count(), 1u) << stem;
    }
}

TEST(CalendarErrors, EarlierDiagnosticsDoNotCount) {
    model::Diagnostics diags;
    diags.error({}, "from another stage");
    const auto files = make_calendar_files(testing::french_study_day(), "x", options(), diags);
    EXPECT_FALSE(files.empty());
    EXPECT_EQ(diags.error_count(), 1u);
}

// ---- file names ------------------------------------------------------------------

TEST(CalendarFileNames, SafeIdsAreKept) {
    EXPECT_EQ(file_name_for_id("nirello-ehpad"), "nirello-ehpad");
    EXPECT_EQ(file_name_for_id("Talk_1.v2"), "Talk_1.v2");
}

TEST(CalendarFileNames, AnythingElseIsEscapedSoTheFileStaysInItsFolder) {
    EXPECT_EQ(file_name_for_id("../etc/passwd"), "%2E.%2Fetc%2Fpasswd");
    EXPECT_EQ(file_name_for_id(".."), "%2E.");
    EXPECT_EQ(file_name_for_id(".hidden"), "%2Ehidden");
    EXPECT_EQ(file_name_for_id("a b"), "a%20b");
    EXPECT_EQ(file_name_for_id("é"), "%C3%A9");
    EXPECT_EQ(file_name_for_id("50%"), "50%25");  // "%" itself, so names never collide
    EXPECT_EQ(file_name_for_id("a\\b"), "a%5Cb");
}

TEST(CalendarFileNames, HostileTalkIdStaysInIcsFolder) {
    auto p = testing::french_study_day();
    p.days[0].items[2].children[0].id = "../../evil";
    const auto files = files_of(p);
    bool found = false;
    for (const auto& f : files) {
        const auto path = std::filesystem::path(f.relative_path);
        for (const auto& part : path) EXPECT_NE(part, "..") << f.relative_path;
        EXPECT_EQ(std::distance(path.begin(), path.end()), f.relative_path.rfind("ics/", 0) == 0 ? 2 : 1)
            << f.relative_path;
        if (f.relative_path == "ics/%2E.%2F..%2Fevil.ics") found = true;
    }
    EXPECT_TRUE(found);
}

}  // namespace
}  // namespace booklet::calendar
