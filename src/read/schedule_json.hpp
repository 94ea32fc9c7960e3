#pragma once
// Reads a frab / pretalx / c3voc schedule.json (the JSON export beside
// schedule.xml, same content) into the model.
//
// The JSON is turned into the schedule.xml element tree frab would have
// written for it, which the schedule.xml reader then reads: one mapping,
// one set of warnings (see schedule_reader.hpp), for both formats. Every
// element made from a JSON value reports that value's line:column.
//
//  * {"schedule": {version, url, base_url, conference}} → <schedule> with
//    <version>, <url>, <base_url>, <conference>; any other top-level member
//    (pretalx: "$schema", "generator") is ignored.
//  * conference: days → one <day> each under <schedule>; daysCount →
//    <days>; rooms [{name, guid}] → <rooms><room name guid/>; tracks
//    [{name, slug, color}] → <tracks><track name slug color/> (a plain
//    string is a name); every other member with a scalar value → a child of
//    the same name (acronym, title, start, end, timeslot_duration,
//    time_zone_name, url, …).
//  * day {index, date, day_start, day_end, rooms: {"<room name>": [event]}}
//    → <day index date start end> with <room name> children holding the
//    events, in file order.
//  * event: id and guid → attributes; persons [{id, guid, code, url,
//    public_name (else name, full_public_name, full_name)}] →
//    <persons><person id guid code href=url>name</person>; links / attachments [{url, title}] →
//    <links><link href>title</link> / <attachments><attachment href> (a
//    plain string: <link>string</link>, as frab writes it);
//    recording_license, do_not_record → <recording><license>, <optout>;
//    every other scalar member → a child of the same name (date, start,
//    duration, room, slug, title, subtitle, track, type, language,
//    abstract, description, url, logo, …).
//  * Values: a number or boolean where text is expected is its text as
//    written ("id": 9985 → id="9985"); null is an empty element (as frab
//    writes <logo/>) or a missing attribute; an array or object where text
//    is expected, or a scalar where a list is expected, is left out with a
//    warning. Members of other names holding arrays or objects (answers,
//    …) are ignored, as the XML reader ignores unknown elements.
//
// Errors: malformed JSON (file:line:col, see json_source.hpp), a top level
// that is not an object with a "schedule" object. Everything else is the
// schedule.xml reader's.
#include <optional>
#include <string>

#include "io/input_file.hpp"
#include "model/diagnostic.hpp"
#include "model/programme.hpp"
#include "read/schedule_reader.hpp"

namespace booklet::read {

std::optional<model::Programme> read_schedule_json(const io::InputFile& file, model::Diagnostics& diags,
                                                   const ScheduleOptions& options = {});
std::optional<model::Programme> read_schedule_json_file(const std::string& path, model::Diagnostics& diags,
                                                        const ScheduleOptions& options = {});

// The schedule.xml tree the JSON stands for, printed (for the tests and for
// looking at what the reader sees); nullopt when the JSON is malformed or
// not a schedule.
std::optional<std::string> schedule_json_as_xml(const io::InputFile& file, model::Diagnostics& diags);

}  // namespace booklet::read
