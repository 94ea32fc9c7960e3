#pragma once
// The semantic rules of a programme: time order, overlaps, talks inside
// their session, references, unique ids, titles, time-zone names, logos.
// Pure: takes a Programme, returns diagnostics; prints nothing.
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

model::Diagnostics check_programme(const model::Programme& p, const CheckOptions& options = {});

// True when `tz` names a zone in the system's time-zone database (ICU).
bool is_known_time_zone(const std::string& tz);

}  // namespace booklet::check
