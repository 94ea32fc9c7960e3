#pragma once
// Building blocks shared by the programme calendars and the invitations:
// UIDs, the time an event occupies, DTSTAMP, the organiser, the VCALENDAR
// header and one VEVENT per schedule item.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "calendar/ics_writer.hpp"
#include "model/diagnostic.hpp"
#include "model/programme.hpp"

namespace booklet::calendar {

inline constexpr const char* kDefaultProdid = "-//booklet//booklet 0.1//EN";

// "<item id>@<programme id>.booklet": the same input gives the same UID.
std::string item_uid(const model::Programme& p, const model::Item& item);
// "<programme id>@booklet": the whole programme (invitations). Never equal
// to an item UID, whose domain part always ends in ".booklet".
std::string programme_uid(const model::Programme& p);

// A timed event: wall-clock start and end in the programme's zone,
// normalised (an end past 24:00 is on the next date).
struct TimedSpan {
    model::LocalDateTime start;
    model::LocalDateTime end;
};
// An all-day event: DTSTART;VALUE=DATE first, DTEND;VALUE=DATE the day
// after `last` (DTEND is exclusive).
struct AllDaySpan {
    model::Date first;
    model::Date last;
};
using EventSpan = std::variant<TimedSpan, AllDaySpan>;

// The item's own time, else its session's; an item with neither is an
// all-day event on its day.
EventSpan event_span(const model::ItemRef& ref);
bool is_timed(const EventSpan& span);

// The first and last years the timed spans touch; nullopt if none is timed.
std::optional<std::pair<int, int>> years_spanned(const std::vector<EventSpan>& spans);

// `dtstamp` or, when absent, the current time; seconds since the epoch.
std::int64_t resolve_dtstamp(std::optional<std::int64_t> dtstamp);

// The programme's organiser: the first contact with an e-mail address,
// named after the person it refers to.
struct Organizer {
    std::string name;  // may be empty
    std::string email;
};
std::optional<Organizer> programme_organizer(const model::Programme& p);

// BEGIN:VCALENDAR, PRODID, VERSION:2.0, CALSCALE:GREGORIAN and METHOD when
// `method` is not empty. The caller adds the rest and END:VCALENDAR.
void begin_calendar(ics::Writer& w, std::string_view prodid, std::string_view method);

// DTSTART and, when the event lasts, DTEND.
void write_span(ics::Writer& w, const EventSpan& span, const std::string& tzid);

// One VEVENT for a schedule item: UID, DTSTAMP, SEQUENCE (the revision),
// DTSTART/DTEND, SUMMARY, DESCRIPTION, LOCATION, CATEGORIES, URL (when the
// item has an href) and ORGANIZER (when the programme has one).
void write_item_event(ics::Writer& w, const model::Programme& p, const model::ItemRef& ref,
                      std::int64_t dtstamp);

}  // namespace booklet::calendar
