#pragma once
// What a schedule item says in a calendar: its summary, plain-text
// description, location and categories, in the programme's language
// ("fr" or "en"). Plain strings; the ICS writer escapes them.
#include <string>
#include <vector>

#include "model/programme.hpp"

namespace booklet::calendar {

// The item's title; an untitled break or meal gets "Pause"/"Déjeuner"
// (fr) or "Break"/"Lunch" (en).
std::string event_summary(const model::Programme& p, const model::Item& item);

// "Laura Nirello, Maître-assistante, IMT Lille Douai, CLERSE"
std::string person_line(const model::Person& person);

// Blocks separated by a blank line: the subtitle; the speakers (one per
// line), a container's chairs, "Invités à confirmer"; a container's talks;
// a talk's session; the abstract as plain text.
std::string event_description(const model::Programme& p, const model::ItemRef& ref);

// "venue, room, street, postcode city", empty parts left out. A talk
// without a room of its own is in its session's room.
std::string event_location(const model::Programme& p, const model::ItemRef& ref);

// The kind in capitals ("TALK", "WORKSHOP", "BREAK") then the keywords.
std::vector<std::string> event_categories(const model::Item& item);

}  // namespace booklet::calendar
