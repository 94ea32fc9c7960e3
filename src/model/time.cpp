#include "model/time.hpp"

#include <cstdio>

namespace booklet::model {

bool is_leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12) return 0;
    return m == 2 && is_leap_year(y) ? 29 : days[m - 1];
}

bool Date::valid() const {
    return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
           day <= days_in_month(year, month);
}

// Howard Hinnant's days_from_civil.
long Date::days_since_epoch() const {
    long y = year - (month <= 2 ? 1 : 0);
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long mp = (month + 9) % 12;
    const long doy = (153 * mp + 2) / 5 + day - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

Date Date::from_days_since_epoch(long z) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    Date d;
    d.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    d.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    d.year = static_cast<int>(yoe + era * 400 + (d.month <= 2 ? 1 : 0));
    return d;
}

int Date::weekday() const {
    const long z = days_since_epoch();  // 1970-01-01 was a Thursday (3)
    long w = (z + 3) % 7;
    if (w < 0) w += 7;
    return static_cast<int>(w);
}

std::string Date::iso() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

bool parse_digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
    if (pos + n > s.size()) return false;
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    out = v;
    return true;
}

std::optional<Date> Date::parse_iso(std::string_view s) {
    Date d;
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    if (!parse_digits(s, 0, 4, d.year) || !parse_digits(s, 5, 2, d.month) || !parse_digits(s, 8, 2, d.day)) return std::nullopt;
    if (!d.valid()) return std::nullopt;
    return d;
}

std::string ClockTime::hhmm() const {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
    return buf;
}

std::optional<ClockTime> ClockTime::parse_hhmm(std::string_view s) {
    int h = 0, m = 0;
    if (s.size() != 5 || s[2] != ':' || !parse_digits(s, 0, 2, h) || !parse_digits(s, 3, 2, m)) return std::nullopt;
    if (h > 23 || m > 59) return std::nullopt;
    return ClockTime{h * 60 + m};
}

std::optional<ClockTime> ClockTime::parse_day_time(std::string_view s) {
    int h = 0, m = 0;
    if (s.size() != 5 || s[2] != ':' || !parse_digits(s, 0, 2, h) || !parse_digits(s, 3, 2, m)) return std::nullopt;
    if (h > 47 || m > 59) return std::nullopt;
    return ClockTime{h * 60 + m};
}

LocalDateTime LocalDateTime::normalised() const {
    long days = date.days_since_epoch();
    int m = time.minutes;
    days += m / (24 * 60);
    m %= 24 * 60;
    if (m < 0) {
        m += 24 * 60;
        days -= 1;
    }
    return {Date::from_days_since_epoch(days), ClockTime{m}};
}

}  // namespace booklet::model
