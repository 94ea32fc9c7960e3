#pragma once
// Reads a frab / pretalx / Pentabarf schedule.xml (root <schedule>, the
// format the c3voc "schedule" project documents) into the model, so that
// `booklet build schedule.xml` works and `booklet convert` can write the
// project's own format from it.
//
// Mapping:
//  * <conference>: title (else the acronym), acronym (→ Programme.acronym
//    and, as a slug, the programme id), subtitle, venue and city
//    (Pentabarf), time_zone_name, description (→ introduction), url
//    (→ website; else <schedule><url>), <version> when a whole number
//    (→ revision); start, end and days are compared with the <day>s.
//    pretalx and frab give no venue: the venue's name is then the
//    conference title (the cover and the calendars' LOCATION print one, and
//    the project format requires it; edit it after `booklet convert`).
//    Each event keeps its language as a tag ("de", "pt-BR"; names such as
//    "Deutsch" are read too); the programme's is the one most events give
//    (en if none).
//  * time zone: --timezone (ScheduleOptions::timezone) when given, with a
//    warning when <time_zone_name> names another; else <time_zone_name>;
//    else the zone of the first UTC offset in the file (+02:00 → Etc/GMT-2,
//    a fixed offset without daylight-saving time; +05:30 → Asia/Kolkata, …),
//    with a warning; else (FOSDEM: no zone, no offset) an error at 1:1 that
//    names --timezone when ScheduleOptions::require_timezone, otherwise a
//    warning and UTC. An unknown name is the check stage's error.
//  * <day index date start end>: the time of `start` is that day's day
//    change (pretalx: 04:00); else <conference><day_change>; else 00:00.
//    An event stays on the <day> that lists it when it falls between that
//    date's midnight and the next date's day change: 01:30 on D+1 listed
//    under D is day D at 25:30 (ClockTime past 24:00, its real date D+1 in
//    the calendar), 09:30 on D before an 11:00 day change is day D at
//    09:30. Otherwise (or outside any dated <day>) it belongs to the day
//    whose day change it falls after, with a warning. Events without <date>
//    (Pentabarf) are on their <day>'s date, or the next one before the day
//    change. The day's own start/end are not opening hours and are not
//    kept; `index` is not used. Every <day> is kept, even empty.
//  * rooms: <conference><rooms><room name guid>, else the <day><room name
//    guid> elements; a room is known by its guid, else its name; its id is
//    a slug of the name. Rooms used but not declared are added (warning).
//    Items of one day are ordered by start, then room, then as listed.
//    Events that overlap in one room (or where one has no room) are marked
//    Item::may_overlap: the check warns, `convert` writes overlap="allowed".
//  * tracks: <conference><track name slug>, <conference><tracks><track>,
//    else every event <track> name; the id is the slug, else a slug of the
//    name. Undeclared tracks are added (warning when tracks are declared).
//  * events: id "e<@id>" (else from <slug>, the guid or the time, with a
//    warning; a repeated id gets "-2"); <date> (ISO 8601 with offset: its
//    local time) and <start> (HH:MM, which wins when they disagree), plus
//    <duration> (H:MM, HH:MM, HH:MM:SS; minutes, PT1H30M and D:HH:MM:SS
//    with a warning; missing, zero or unreadable: the timeslot_duration, else
//    15 minutes, with a warning), or <end>; type → kind (talk, lecture,
//    workshop, keynote, … → talk; break/pause/coffee → break;
//    lunch/meal/dinner → meal; opening/welcome/closing; panel/round table
//    → roundtable; anything else → talk when it has persons, else other; a
//    talk without persons is an event of kind other, since a talk needs a
//    speaker); title, subtitle (references decoded); language fr/en → lang
//    (other languages are not kept: one warning for all); abstract, then
//    the description when it says something else, as further blocks (HTML
//    or Markdown: see html_fragment.hpp); url → href; the links, as a list
//    at the end of the abstract; persons → speakers "p<@id>". A <person>'s
//    name is its <public_name>, else <name>, else its name attribute, else
//    its own text (Pentabarf); its identity the id, else the guid, else the
//    code (attributes or children), else the name. A person is an identity
//    *and* a name: merged exports give one id to different people, so the
//    same id with another name is another person ("p12-2"), and the same
//    name with other ids stays distinct persons (one warning each, for all).
//    <biography> (or the one <schedule><persons> lists for that id and
//    name) → Person::biography, never the name.
//    Names split at the last space into given and family name, particles
//    (van, de, la, …) going with the family name. slug, logo, recording,
//    attachments and unknown elements are ignored.
//  * Fields the project format cannot hold for an item's kind are left out:
//    a break or meal keeps only its title, time and room (persons, abstract,
//    subtitle and url dropped with a warning); only talks keep a track.
//
// Every problem is reported with file:line:col; most are warnings (missing
// or malformed guids, odd durations, undeclared rooms, duplicate names, no
// time zone, …). Errors only where nothing sensible can be built: no
// <conference>, an event without a start, an unreadable date.
#include <functional>
#include <optional>
#include <string>

#include "io/input_file.hpp"
#include "model/diagnostic.hpp"
#include "model/programme.hpp"

namespace tinyxml2 {
class XMLElement;
}

namespace booklet::read {

// Returns the programme, or nullopt when the file is not XML at all or its
// root is not <schedule>. A programme returned with errors in `diags` must
// not be used to write output.
struct ScheduleOptions {
    // An IANA zone name the caller has checked (--timezone): it wins over
    // the file's.
    std::string timezone;
    // No zone in the file and none given: an error rather than UTC (build
    // and ics would write wrong hours).
    bool require_timezone = false;
};

std::optional<model::Programme> read_schedule(const io::InputFile& file, model::Diagnostics& diags,
                                              const ScheduleOptions& options = {});
std::optional<model::Programme> read_schedule_file(const std::string& path, model::Diagnostics& diags,
                                                   const ScheduleOptions& options = {});

// The same reader over a document already parsed (the schedule.json reader
// builds the equivalent schedule.xml tree): `where` gives an element's
// position, or its attribute's when `attribute` is not null.
using ElementLocator =
    std::function<model::SourceLocation(const tinyxml2::XMLElement* element, const char* attribute)>;
std::optional<model::Programme> read_schedule_document(const tinyxml2::XMLElement* root, const ElementLocator& where,
                                                       model::Diagnostics& diags, const ScheduleOptions& options = {});

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
