#pragma once
// The calendar stage: a programme → iCalendar files (RFC 5545) that every
// calendar program accepts. Reads the model only; knows nothing of XML or
// PDF. The building blocks (content lines, time zones, VEVENTs, iMIP
// invitations) are in ics_writer.hpp, timezone.hpp, programme_calendar.hpp
// and invitation.hpp.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/programme_calendar.hpp"
#include "model/diagnostic.hpp"
#include "model/programme.hpp"

namespace booklet::calendar {

struct CalendarOptions {
    bool include_breaks = true;  // false: breaks and meals are left out
    // DTSTAMP, seconds since the epoch (UTC), e.g. from SOURCE_DATE_EPOCH;
    // the current time when absent.
    std::optional<std::int64_t> dtstamp;
    std::string prodid = kDefaultProdid;
};

struct CalendarFile {
    std::string relative_path;  // "<stem>.ics" or "ics/<item id>.ics"
    std::string content;        // CRLF lines, UTF-8
};

// "<stem>.ics": METHOD:PUBLISH, one VTIMEZONE and one VEVENT per schedule
// item (sessions, their talks, events, breaks and meals), then one
// "ics/<item id>.ics" per talk with its VEVENT (same UID) and the VTIMEZONE.
// Without a contact e-mail there is no ORGANIZER, so no METHOD either
// (RFC 5546 wants an ORGANIZER in a PUBLISH). On error (unknown time zone,
// no timed item, an item without an id or with a duplicate one, a stem
// that is not a file name) adds diagnostics and returns nothing.
std::vector<CalendarFile> make_calendar_files(const model::Programme& p, const std::string& stem,
                                              const CalendarOptions& options, model::Diagnostics& diags);

// The items a calendar holds, in schedule order.
std::vector<model::ItemRef> calendar_items(const model::Programme& p, bool include_breaks);

// An item id as a file name: [A-Za-z0-9_.-] kept, every other byte and a
// leading "." written "%XX", so the name never leaves its folder and two
// ids never share a name.
std::string file_name_for_id(std::string_view id);

}  // namespace booklet::calendar
