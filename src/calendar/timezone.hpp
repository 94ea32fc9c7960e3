#pragma once
// Time zones, all from ICU's copy of the tz database: which names exist,
// wall-clock → UTC, abbreviations, and the VTIMEZONE component that lets a
// calendar program read "DTSTART;TZID=Europe/Paris:…" without a tz database
// of its own. No time-zone table is written by hand anywhere.
#include <cstdint>
#include <optional>
#include <string>

#include "model/diagnostic.hpp"
#include "model/source_location.hpp"
#include "model/time.hpp"

namespace booklet::calendar {

// True when `tzid` is a zone of the tz database (a canonical name or an
// alias such as "US/Eastern"); false for "Etc/Unknown", custom "GMT+1"
// zones and anything else ICU does not know.
bool is_known_time_zone(const std::string& tzid);

// The UTC instant of a wall-clock time in `tzid`, in seconds since the
// epoch; nullopt when the zone is unknown. Minutes past 24:00 roll over to
// the next day. As RFC 5545 §3.3.5 says, a time skipped by the spring
// change is read with the offset before the change, and a time that occurs
// twice in autumn means its first occurrence.
std::optional<std::int64_t> to_utc_epoch(const model::LocalDateTime& local, const std::string& tzid);

// The zone's offset from UTC at an instant, in seconds; nullopt when unknown.
std::optional<int> utc_offset_at(const std::string& tzid, std::int64_t epoch_seconds);

// The zone's abbreviation at an instant as people write it ("CET", "CEST",
// "GMT", "BST", "EST"), taken from ICU's English display names; when ICU has
// no alphabetic abbreviation, the numeric offset ("+1100", "-0330").
// Empty when the zone is unknown.
std::string zone_abbreviation(const std::string& tzid, std::int64_t epoch_seconds);

// "+0100" / "-0330" / "+053012": an RFC 5545 UTC-OFFSET (never "-0000").
std::string utc_offset_value(int seconds);

// One VTIMEZONE component (CRLF lines) for `tzid` that is right for every
// instant from 1 January `from_year` to 31 December `to_year`, local time:
// ICU's VTimeZone rules (writeSimple: one STANDARD and, for zones with
// summer time, one DAYLIGHT sub-component with RRULE), with TZID exactly
// `tzid`, real abbreviations in TZNAME, offsets without zero seconds.
// The result is read back with ICU and compared with the zone at every
// transition in the range; if the zone changed its rules in between, the
// full history since the year before `from_year` is written instead.
// An unknown zone, or one that cannot be described, adds an error at
// `where` and returns "".
std::string vtimezone(const std::string& tzid, int from_year, int to_year, const model::SourceLocation& where,
                      model::Diagnostics& diags);

}  // namespace booklet::calendar
