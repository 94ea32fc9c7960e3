// The iMIP invitation: one VEVENT for the whole day, REQUEST or CANCEL.
#include "calendar/invitation.hpp"

#include <gtest/gtest.h>

#include "fixtures.hpp"

namespace booklet::calendar {
namespace {

using testing::content_lines;
using testing::count_of;
using testing::event_lines;
using testing::line_problems;
using testing::value_after;

InvitationOptions request() {
    InvitationOptions o;
    o.attendee = {"Jean Dupont", "jean.dupont@example.org"};
    o.dtstamp = 1580000000;
    return o;
}

std::string invitation(const model::Programme& p, const InvitationOptions& o) {
    model::Diagnostics diags;
    auto text = make_invitation(p, o, diags);
    EXPECT_TRUE(diags.empty()) << diags.items().front().str();
    return text;
}

TEST(Invitation, RequestForTheWholeDay) {
    const auto p = testing::french_study_day();
    const auto ics = invitation(p, request());
    EXPECT_TRUE(line_problems(ics).empty()) << ::testing::PrintToString(line_problems(ics));
    const auto lines = content_lines(ics);
    EXPECT_EQ(value_after(lines, "METHOD:"), "REQUEST");
    EXPECT_EQ(count_of(ics, "BEGIN:VEVENT"), 1u);
    EXPECT_EQ(count_of(ics, "BEGIN:VTIMEZONE"), 1u);
    const auto ev = event_lines(ics, "medico-social-2020@booklet");
    ASSERT_FALSE(ev.empty());
    EXPECT_EQ(value_after(ev, "DTSTART"), ";TZID=Europe/Paris:20200128T093000");
    EXPECT_EQ(value_after(ev, "DTEND"), ";TZID=Europe/Paris:20200128T170000");
    EXPECT_EQ(value_after(ev, "SEQUENCE:"), "0");
    EXPECT_EQ(value_after(ev, "DTSTAMP:"), "20200126T005320Z");
    EXPECT_EQ(value_after(ev, "SUMMARY:"), p.title);
    EXPECT_EQ(value_after(ev, "ORGANIZER"), ":mailto:dubruc@emse.fr");  // bare, no CN
    EXPECT_EQ(value_after(ev, "ATTENDEE"),
              ";CN=Jean Dupont;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:jean.dupont@example.org");
    EXPECT_EQ(value_after(ev, "STATUS:"), "CONFIRMED");
    EXPECT_EQ(value_after(ev, "URL:"), p.website_url);
    EXPECT_EQ(value_after(ev, "LOCATION:"),
              "Mines ParisTech\\, Salle des colonnes\\, 60\\, boulevard Saint-Michel\\, 75006 Paris");
    const std::string d = value_after(ev, "DESCRIPTION:");
    EXPECT_EQ(d.rfind("Journée rencontre entre chercheurs et acteurs\\n\\n09:30–10:00 Accueil\\n", 0), 0u) << d;
    EXPECT_NE(d.find("\\n13:00–14:00 Déjeuner\\n"), std::string::npos);
}

TEST(Invitation, CancelKeepsTheUidAndSaysCancelled) {
    auto o = request();
    o.method = InvitationMethod::Cancel;
    o.sequence = 4;
    const auto ics = invitation(testing::french_study_day(), o);
    EXPECT_EQ(value_after(content_lines(ics), "METHOD:"), "CANCEL");
    const auto ev = event_lines(ics, "medico-social-2020@booklet");
    ASSERT_FALSE(ev.empty());
    EXPECT_EQ(value_after(ev, "STATUS:"), "CANCELLED");
    EXPECT_EQ(value_after(ev, "SEQUENCE:"), "4");
    EXPECT_EQ(std::string(method_name(InvitationMethod::Cancel)), "CANCEL");
    EXPECT_EQ(std::string(method_name(InvitationMethod::Request)), "REQUEST");
}

TEST(Invitation, SequenceDefaultsToTheRevisionAndUidIsStable) {
    auto p = testing::french_study_day();
    p.revision = 7;
    const auto a = invitation(p, request());
    const auto b = invitation(p, request());
    EXPECT_EQ(a, b);
    EXPECT_EQ(value_after(event_lines(a, "medico-social-2020@booklet"), "SEQUENCE:"), "7");
    EXPECT_NE(programme_uid(p), item_uid(p, p.days[0].items[0]));
}

TEST(Invitation, AttendeeNameWithCommaIsQuoted) {
    auto o = request();
    o.attendee.name = "Dupont, Jean \"JD\"";
    const auto ev = event_lines(invitation(testing::french_study_day(), o), "medico-social-2020@booklet");
    EXPECT_EQ(value_after(ev, "ATTENDEE;CN="), "\"Dupont, Jean 'JD'\";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;"
                                               "RSVP=TRUE:mailto:jean.dupont@example.org");
}

TEST(Invitation, OrganizerFromTheOptionWins) {
    auto o = request();
    o.organizer_email = "events@example.org";
    const auto ev = event_lines(invitation(testing::french_study_day(), o), "medico-social-2020@booklet");
    EXPECT_EQ(value_after(ev, "ORGANIZER"), ":mailto:events@example.org");
}

TEST(Invitation, SpanCoversAllDays) {
    const auto span = programme_span(testing::with_all_day_item());
    ASSERT_TRUE(span.has_value());
    EXPECT_EQ(span->start, (model::LocalDateTime{{2020, 1, 28}, {9 * 60 + 30}}));
    EXPECT_EQ(span->end, (model::LocalDateTime{{2020, 1, 28}, {17 * 60}}));  // day 2 has no hours
    const auto london = programme_span(testing::london_summer_day());
    ASSERT_TRUE(london.has_value());
    EXPECT_EQ(london->end, (model::LocalDateTime{{2021, 6, 15}, {30}}));
}

TEST(Invitation, Errors) {
    auto p = testing::french_study_day();
    p.contacts.clear();
    auto o = request();
    o.attendee.email.clear();
    model::Diagnostics diags;
    EXPECT_EQ(make_invitation(p, o, diags), "");
    ASSERT_EQ(diags.error_count(), 2u);
    EXPECT_EQ(diags.items()[0].str(),
              "fixture.xml:2:3: error: an invitation needs an organiser: give the programme a contact with an e-mail");
    EXPECT_EQ(diags.items()[1].str(), "fixture.xml:2:3: error: an invitation needs the attendee's e-mail address");

    auto q = testing::french_study_day();
    q.timezone = "Europe/Atlantis";
    model::Diagnostics zone_diags;
    EXPECT_EQ(make_invitation(q, request(), zone_diags), "");
    ASSERT_EQ(zone_diags.error_count(), 1u);
    EXPECT_EQ(zone_diags.items()[0].message, "unknown time zone 'Europe/Atlantis'");
}

}  // namespace
}  // namespace booklet::calendar
