#pragma once
// The semantic rules of a programme: time order, overlaps, talks inside
// their session, references, unique ids, titles, time-zone names, logos.
// Pure: takes a Programme, returns diagnostics; prints nothing.
#include <cstddef>
#include <string>

#include "model/diagnostic.hpp"
#include "model/programme.hpp"

namespace booklet::check {

struct CheckOptions {
    // Folder that relative paths (logos) resolve against: the programme's.
    std::string base_dir = ".";
    // Allow files named by the programme to lie outside base_dir.
    bool allow_outside = false;
    // Warn about talks without an abstract.
    bool warn_missing_abstracts = true;
};

// Limits of one programme. Each is checked with a clear error, so that a
// huge or hostile input is refused before layout, never by running out of
// memory (README, "Limits"). The file itself is at most io::kMaxInputBytes
// and nested at most 64 elements deep (the readers check those).
inline constexpr std::size_t kMaxItems = 10000;             // sessions, talks, events, breaks
inline constexpr std::size_t kMaxPeople = 20000;
inline constexpr std::size_t kMaxDays = 62;
inline constexpr std::size_t kMaxRooms = 1000;
inline constexpr std::size_t kMaxTextCharacters = 100000;   // one abstract, or the introduction
inline constexpr std::size_t kMaxFieldCharacters = 2000;    // a title, a name, a keyword
inline constexpr std::size_t kMaxWordCharacters = 500;      // between two spaces

model::Diagnostics check_programme(const model::Programme& p, const CheckOptions& options = {});

// True when `tz` names a zone in the system's time-zone database (ICU).
bool is_known_time_zone(const std::string& tz);

}  // namespace booklet::check
