#pragma once
// Reads a frab / pretalx / Pentabarf schedule.xml (root <schedule>, the
// format the c3voc "schedule" project documents) into the model, so that
// `booklet build schedule.xml` works and `booklet convert` can write the
// project's own format from it.
//
// Mapping (see also the report in the header of schedule_reader.cpp):
//  * <conference>: title, acronym (→ Programme.acronym and, as a slug, the
//    programme id), subtitle and venue/city (Pentabarf), time_zone_name,
//    description (→ introduction), url (→ website); start, end and days are
//    compared with the <day>s. schedule.xml has no venue in pretalx or frab:
//    the venue's name is then the conference title (the booklet's cover and
//    the calendars' LOCATION need one, and the project format requires it).
//  * <day index date start end>: the time of `start` is that day's day
//    change (pretalx: 04:00); else <conference><day_change>; else 00:00.
//    An event belongs to the day whose day change it falls after: 01:30 on
//    D+1 with a 04:00 day change is day D at 25:30 (ClockTime past 24:00).
//    The day's own start/end are not opening hours and are not kept.
//  * rooms: <conference><rooms><room name guid>, else the <day><room name
//    guid> elements; a room is known by its guid, else its name; its id is
//    a slug of the name. Rooms used but not declared are added (warning).
//  * tracks: <conference><track name slug>, <conference><tracks><track>,
//    else every event <track> name; the id is the slug, else a slug of the
//    name. Undeclared tracks are added (warning when tracks are declared).
//  * events: id "e<@id>"; type → kind (talk, lecture, workshop, keynote, …
//    → talk; break/pause/coffee → break; lunch/meal/dinner → meal;
//    opening/welcome/closing; panel/round table → roundtable; anything else
//    → talk when it has persons, else other; a talk without persons is an
//    event of kind other, since a talk needs a speaker); title, subtitle,
//    language fr/en → lang; abstract then description (HTML or Markdown) →
//    abstract; url, else the first link → href, the other links appended to
//    the abstract as a list; persons → speakers "p<@id>".
//  * Fields the project format cannot hold for an item's kind are left out:
//    a break or meal keeps only its title, time and room (persons and
//    abstract dropped with a warning); events other than talks have no track.
//
// Every problem is reported with file:line:col; most are warnings (missing
// or malformed guids, odd durations, undeclared rooms, duplicate names, no
// time zone, …). Errors only where nothing sensible can be built: no
// <conference>, an event without a start, an unreadable date.
#include <optional>
#include <string>

#include "io/input_file.hpp"
#include "model/diagnostic.hpp"
#include "model/programme.hpp"

namespace booklet::read {

// Returns the programme, or nullopt when the file is not XML at all or its
// root is not <schedule>. A programme returned with errors in `diags` must
// not be used to write output.
std::optional<model::Programme> read_schedule(const io::InputFile& file, model::Diagnostics& diags);
std::optional<model::Programme> read_schedule_file(const std::string& path, model::Diagnostics& diags);

// Parsing helpers, exposed for the tests.
struct ScheduleDateTime {
    model::Date date;
    std::optional<int> minutes;         // time of day, when given
    std::optional<int> offset_minutes;  // UTC offset, when given ("Z" = 0)
};
// "YYYY-MM-DD", optionally followed by "THH:MM[:SS[.fff]]" (or a space) and
// "Z", "±HH:MM", "±HHMM" or "±HH".
std::optional<ScheduleDateTime> parse_schedule_datetime(std::string_view s);
// "H:MM", "HH:MM", "HH:MM:SS" → minutes since midnight (00:00 … 23:59).
std::optional<int> parse_schedule_clock(std::string_view s);

struct ScheduleDuration {
    int minutes = 0;
    bool unusual = false;          // written as minutes, ISO 8601 or D:HH:MM:SS
    bool seconds_dropped = false;  // seconds other than :00 were ignored
};
// "H:MM", "HH:MM", "HH:MM:SS", "D:HH:MM:SS", "90" (minutes), "PT1H30M".
std::optional<ScheduleDuration> parse_schedule_duration(std::string_view s);

// A lowercase ASCII slug: letters and digits, accents folded, other runs → '-'.
std::string schedule_slug(std::string_view s);

}  // namespace booklet::read
