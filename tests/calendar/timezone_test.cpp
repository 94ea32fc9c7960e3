// Time zones from ICU: known names, wall clock → UTC, abbreviations and the
// VTIMEZONE post-processing.
#include "calendar/timezone.hpp"

#include <gtest/gtest.h>
#include <unicode/unistr.h>
#include <unicode/vtzone.h>

#include <memory>
#include <regex>

#include "fixtures.hpp"

namespace booklet::calendar {
namespace {

using testing::content_lines;
using testing::count_of;
using testing::line_problems;
using testing::utc;

model::LocalDateTime local(int y, int mo, int d, int h, int mi) { return {{y, mo, d}, {h * 60 + mi}}; }

std::string paris_vtimezone(int from = 2020, int to = 2020) {
    model::Diagnostics diags;
    auto text = vtimezone("Europe/Paris", from, to, {"p.xml", 2, 1}, diags);
    EXPECT_TRUE(diags.empty());
    return text;
}

// The offset ICU itself reads from our VTIMEZONE text at an instant.
int offset_read_back(const std::string& vtimezone_text, std::int64_t epoch) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::VTimeZone> z(
        icu::VTimeZone::createVTimeZone(icu::UnicodeString::fromUTF8(vtimezone_text), status));
    EXPECT_TRUE(U_SUCCESS(status) && z);
    if (!z) return -1;
    int32_t raw = 0, dst = 0;
    z->getOffset(static_cast<UDate>(epoch) * 1000.0, false, raw, dst, status);
    return (raw + dst) / 1000;
}

TEST(TimeZoneNames, KnownAndUnknown) {
    EXPECT_TRUE(is_known_time_zone("Europe/Paris"));
    EXPECT_TRUE(is_known_time_zone("Europe/London"));
    EXPECT_TRUE(is_known_time_zone("US/Eastern"));  // an alias
    EXPECT_FALSE(is_known_time_zone("Europe/Pariss"));
    EXPECT_FALSE(is_known_time_zone("Etc/Unknown"));
    EXPECT_FALSE(is_known_time_zone("GMT+1"));  // a custom ICU zone, not the tz database
    EXPECT_FALSE(is_known_time_zone(""));
}

TEST(LocalToUtc, ParisWinterAndSummer) {
    EXPECT_EQ(to_utc_epoch(local(2020, 1, 28, 9, 30), "Europe/Paris"), utc(2020, 1, 28, 8, 30));
    EXPECT_EQ(to_utc_epoch(local(2021, 6, 14, 9, 30), "Europe/Paris"), utc(2021, 6, 14, 7, 30));
}

TEST(LocalToUtc, LondonSummerAndNewYork) {
    EXPECT_EQ(to_utc_epoch(local(2021, 6, 14, 9, 30), "Europe/London"), utc(2021, 6, 14, 8, 30));
    EXPECT_EQ(to_utc_epoch(local(2020, 1, 28, 9, 30), "Europe/London"), utc(2020, 1, 28, 9, 30));
    EXPECT_EQ(to_utc_epoch(local(2020, 7, 1, 9, 0), "America/New_York"), utc(2020, 7, 1, 13, 0));
}

TEST(LocalToUtc, MinutesPast24RollToTheNextDay) {
    model::LocalDateTime t{{2020, 1, 28}, {25 * 60 + 30}};
    EXPECT_EQ(to_utc_epoch(t, "Europe/Paris"), utc(2020, 1, 29, 0, 30));
}

TEST(LocalToUtc, SkippedAndRepeatedTimesFollowRfc5545) {
    // 02:30 does not exist on 2020-03-29 in Paris: read with the offset before (+01:00).
    EXPECT_EQ(to_utc_epoch(local(2020, 3, 29, 2, 30), "Europe/Paris"), utc(2020, 3, 29, 1, 30));
    // 02:30 happens twice on 2020-10-25: the first one (+02:00).
    EXPECT_EQ(to_utc_epoch(local(2020, 10, 25, 2, 30), "Europe/Paris"), utc(2020, 10, 25, 0, 30));
}

TEST(LocalToUtc, UnknownZoneHasNoInstant) {
    EXPECT_FALSE(to_utc_epoch(local(2020, 1, 28, 9, 30), "Mars/Olympus_Mons").has_value());
    EXPECT_FALSE(utc_offset_at("Mars/Olympus_Mons", 0).has_value());
}

TEST(ZoneAbbreviation, RealAbbreviationsFromIcu) {
    EXPECT_EQ(zone_abbreviation("Europe/Paris", utc(2020, 1, 28, 8, 30)), "CET");
    EXPECT_EQ(zone_abbreviation("Europe/Paris", utc(2021, 6, 14, 7, 30)), "CEST");
    EXPECT_EQ(zone_abbreviation("Europe/London", utc(2020, 1, 28, 8, 30)), "GMT");
    EXPECT_EQ(zone_abbreviation("Europe/London", utc(2021, 6, 14, 7, 30)), "BST");
    EXPECT_EQ(zone_abbreviation("America/New_York", utc(2020, 1, 28, 8, 30)), "EST");
    EXPECT_EQ(zone_abbreviation("America/New_York", utc(2020, 7, 1, 8, 30)), "EDT");
}

TEST(ZoneAbbreviation, NumericWhenIcuHasNoLetters) {
    const std::regex shape("[A-Z]{2,6}|[+-][0-9]{4}");
    for (const char* zone : {"Australia/Sydney", "America/Sao_Paulo", "Asia/Kolkata", "Asia/Kathmandu"}) {
        const auto name = zone_abbreviation(zone, utc(2020, 1, 28, 8, 30));
        EXPECT_TRUE(std::regex_match(name, shape)) << zone << " → " << name;
    }
    // Nepal is 5:45 ahead and ICU has no English abbreviation for it.
    EXPECT_EQ(zone_abbreviation("Asia/Kathmandu", utc(2020, 1, 28, 8, 30)), "+0545");
}

TEST(UtcOffsetValue, Rfc5545Spelling) {
    EXPECT_EQ(utc_offset_value(3600), "+0100");
    EXPECT_EQ(utc_offset_value(-12600), "-0330");
    EXPECT_EQ(utc_offset_value(0), "+0000");
    EXPECT_EQ(utc_offset_value(561), "+000921");  // Paris mean time, 1891
}

TEST(Vtimezone, ParisHasStandardAndDaylightWithRrulesAndRealNames) {
    const std::string tz = paris_vtimezone();
    const auto lines = content_lines(tz);
    ASSERT_FALSE(lines.empty());
    EXPECT_EQ(lines.front(), "BEGIN:VTIMEZONE");
    EXPECT_EQ(lines.back(), "END:VTIMEZONE");
    EXPECT_EQ(count_of(tz, "\r\nTZID:Europe/Paris\r\n"), 1u);
    EXPECT_EQ(count_of(tz, "BEGIN:STANDARD\r\n"), 1u);
    EXPECT_EQ(count_of(tz, "BEGIN:DAYLIGHT\r\n"), 1u);
    EXPECT_EQ(count_of(tz, "TZNAME:CET\r\n"), 1u);
    EXPECT_EQ(count_of(tz, "TZNAME:CEST\r\n"), 1u);
    EXPECT_EQ(count_of(tz, "TZOFFSETFROM:+0100\r\n"), 1u);
    EXPECT_EQ(count_of(tz, "TZOFFSETTO:+0200\r\n"), 1u);
    EXPECT_EQ(count_of(tz, "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"), 1u);
    EXPECT_EQ(count_of(tz, "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"), 1u);
    EXPECT_EQ(count_of(tz, "RDATE"), 0u);
    EXPECT_EQ(count_of(tz, "(DST)"), 0u);
    EXPECT_EQ(count_of(tz, "(STD)"), 0u);
    EXPECT_EQ(count_of(tz, "X-TZINFO"), 0u);   // ICU's note, which names its tz version
    EXPECT_EQ(count_of(tz, "+010000"), 0u);    // no zero seconds
}

TEST(Vtimezone, CrlfOnlyAndWellFormedLines) {
    const std::string tz = paris_vtimezone();
    EXPECT_TRUE(line_problems(tz).empty()) << ::testing::PrintToString(line_problems(tz));
    EXPECT_EQ(count_of(tz, "\n"), count_of(tz, "\r\n"));
    EXPECT_EQ(count_of(tz, "\r"), count_of(tz, "\r\n"));
}

TEST(Vtimezone, CoversTheYearsAsked) {
    const std::string tz = paris_vtimezone(2020, 2020);
    // The STANDARD onset is before 1 January 2020, so the whole year is covered.
    const auto lines = content_lines(tz);
    std::string standard_start;
    bool in_standard = false;
    for (const auto& l : lines) {
        if (l == "BEGIN:STANDARD") in_standard = true;
        if (in_standard && l.rfind("DTSTART:", 0) == 0) standard_start = l.substr(8);
        if (l == "END:STANDARD") in_standard = false;
    }
    EXPECT_LT(standard_start, "20200101T000000");
    EXPECT_EQ(offset_read_back(tz, utc(2020, 1, 1, 0, 0)), 3600);
    EXPECT_EQ(offset_read_back(tz, utc(2020, 7, 1, 0, 0)), 7200);
    EXPECT_EQ(offset_read_back(tz, utc(2024, 7, 1, 0, 0)), 7200);
}

TEST(Vtimezone, LondonNamesAreGmtAndBst) {
    model::Diagnostics diags;
    const auto tz = vtimezone("Europe/London", 2021, 2021, {}, diags);
    EXPECT_EQ(count_of(tz, "TZNAME:GMT\r\n"), 1u);
    EXPECT_EQ(count_of(tz, "TZNAME:BST\r\n"), 1u);
    EXPECT_EQ(count_of(tz, "\r\nTZID:Europe/London\r\n"), 1u);
}

TEST(Vtimezone, ZoneWithoutSummerTimeHasOnlyStandard) {
    model::Diagnostics diags;
    const auto tz = vtimezone("Asia/Tokyo", 2020, 2020, {}, diags);
    EXPECT_TRUE(diags.empty());
    EXPECT_EQ(count_of(tz, "BEGIN:STANDARD"), 1u);
    EXPECT_EQ(count_of(tz, "BEGIN:DAYLIGHT"), 0u);
    EXPECT_EQ(count_of(tz, "TZOFFSETTO:+0900"), 1u);
    EXPECT_EQ(count_of(tz, "(STD)"), 0u);
    EXPECT_EQ(offset_read_back(tz, utc(2020, 6, 1, 0, 0)), 9 * 3600);
}

TEST(Vtimezone, RuleChangeInsideTheRangeIsStillRight) {
    // São Paulo had summer time until February 2019, none since.
    model::Diagnostics diags;
    const auto tz = vtimezone("America/Sao_Paulo", 2018, 2019, {}, diags);
    ASSERT_TRUE(diags.empty()) << diags.items().front().str();
    EXPECT_EQ(offset_read_back(tz, utc(2018, 12, 1, 12, 0)), -2 * 3600);
    EXPECT_EQ(offset_read_back(tz, utc(2019, 12, 1, 13, 0)), -3 * 3600);
    EXPECT_EQ(offset_read_back(tz, utc(2018, 6, 1, 12, 0)), -3 * 3600);
    EXPECT_EQ(count_of(tz, "(DST)"), 0u);
    EXPECT_TRUE(line_problems(tz).empty());
    // RFC 5545: an UNTIL in a VTIMEZONE is in UTC.
    for (const auto& l : content_lines(tz)) {
        if (l.find("UNTIL=") != std::string::npos) {
            EXPECT_NE(l.find('Z', l.find("UNTIL=")), std::string::npos) << l;
        }
    }
}

TEST(Vtimezone, UnknownZoneIsAnErrorAtTheGivenPlace) {
    model::Diagnostics diags;
    const auto tz = vtimezone("Mars/Olympus_Mons", 2020, 2020, {"p.xml", 4, 12}, diags);
    EXPECT_TRUE(tz.empty());
    ASSERT_EQ(diags.items().size(), 1u);
    EXPECT_EQ(diags.items()[0].str(), "p.xml:4:12: error: unknown time zone 'Mars/Olympus_Mons'");
}

}  // namespace
}  // namespace booklet::calendar
