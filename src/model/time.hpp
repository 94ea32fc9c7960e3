#pragma once
// Calendar dates and wall-clock times, as plain values. No time-zone
// arithmetic here: the calendar stage does that with ICU.
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace booklet::model {

struct Date {
    int year = 0;
    int month = 0;  // 1..12
    int day = 0;    // 1..31

    auto operator<=>(const Date&) const = default;
    bool valid() const;
    // 0 = Monday … 6 = Sunday.
    int weekday() const;
    // Days since 1970-01-01 (may be negative).
    long days_since_epoch() const;
    static Date from_days_since_epoch(long days);
    Date next() const { return from_days_since_epoch(days_since_epoch() + 1); }
    std::string iso() const;  // "2020-01-28"
    // Strict "YYYY-MM-DD", a real date; nullopt otherwise.
    static std::optional<Date> parse_iso(std::string_view s);
};

bool is_leap_year(int year);
// Reads exactly `n` decimal digits of `s` at `pos` into `out`; false (and
// `out` untouched) when there are fewer or another character comes first.
bool parse_digits(std::string_view s, std::size_t pos, std::size_t n, int& out);
int days_in_month(int year, int month);

// Minutes since midnight of an item's day. May exceed 24*60 for an item
// that runs past midnight (schedule.xml day_change; "25:30" in the
// programme XML): the day's night, on the next date.
struct ClockTime {
    int minutes = 0;
    auto operator<=>(const ClockTime&) const = default;
    int hour() const { return (minutes / 60) % 24; }
    int minute() const { return minutes % 60; }
    std::string hhmm() const;  // "09:30"
    // Strict "HH:MM", 00:00..23:59; nullopt otherwise.
    static std::optional<ClockTime> parse_hhmm(std::string_view s);
    // Strict "HH:MM", 00:00..47:59: a day's times, 24:00 and later being
    // after midnight; nullopt otherwise.
    static std::optional<ClockTime> parse_day_time(std::string_view s);
};

// A date and a wall-clock time in the programme's time zone.
struct LocalDateTime {
    Date date;
    ClockTime time;
    auto operator<=>(const LocalDateTime&) const = default;
    // Normalised: minutes folded into the date (25:30 on the 1st → 01:30 on the 2nd).
    LocalDateTime normalised() const;
};

}  // namespace booklet::model
