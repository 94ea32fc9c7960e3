#pragma once
// Hand-made programmes for the calendar tests, built in C++ so the tests do
// not depend on the XML reader.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/programme.hpp"

namespace booklet::calendar::testing {

// Shaped like the seed day: "medico-social-2020", fr, Europe/Paris,
// 2020-01-28, 09:30 welcome, an opening, a workshop whose three talks have
// no time of their own, a testimony session, an untitled meal, a session
// whose talk has its own time, an untitled break, a round table with
// guests to be confirmed, a closing. One contact (dubruc@emse.fr).
model::Programme french_study_day();

// An English one-day workshop on 2021-06-14 in Europe/London (summer time),
// revision 2: a welcome, a keynote talk with an href, a session with two
// talks, an untitled lunch and break, and a social event from 22:00 to
// 24:30 that ends on the next date.
model::Programme london_summer_day();

// The same programme on another date (e.g. 2021-06-14 for Paris summer time).
model::Programme on_date(model::Programme p, model::Date date);

// Two talks, 2018-12-01 and 2019-12-01 at 10:00 in America/Sao_Paulo,
// which had summer time in 2018 and abolished it in 2019.
model::Programme sao_paulo_two_years();

// A day with a timed talk, then a day whose only talk has no time: an
// all-day event on 2020-01-29.
model::Programme with_all_day_item();

// Seconds since the epoch of a UTC date and time.
std::int64_t utc(int year, int month, int day, int hour, int minute, int second = 0);

// Test helpers on iCalendar text.
std::size_t count_of(std::string_view haystack, std::string_view needle);
// The text with folded lines joined again (CRLF + space removed).
std::string unfolded(std::string_view ics);
// The unfolded content lines of the text.
std::vector<std::string> content_lines(std::string_view ics);
// The unfolded content lines between BEGIN:VEVENT and END:VEVENT of the
// event whose UID is `uid`; empty if there is none.
std::vector<std::string> event_lines(std::string_view ics, std::string_view uid);
// The value of the first line in `lines` that starts with `prefix`, the
// prefix removed; "<none>" if no line does.
std::string value_after(const std::vector<std::string>& lines, std::string_view prefix);

// Every RFC 5545 line rule a file must keep: CRLF line ends only, no line
// longer than 75 octets, continuation lines starting with one space, every
// physical line valid UTF-8 on its own, no control characters. Returns the
// problems found, empty when the text is fine.
std::vector<std::string> line_problems(std::string_view ics);

}  // namespace booklet::calendar::testing
