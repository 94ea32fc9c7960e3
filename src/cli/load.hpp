#pragma once
// The front half every command shares: read the input file (programme XML,
// schedule.xml or schedule.json, told by content), check it, print the diagnostics.
#include <CLI/CLI.hpp>

#include <optional>
#include <string>

#include "model/programme.hpp"

namespace booklet::cli {

struct LoadOptions {
    bool allow_outside = false;
    bool quiet_warnings = false;
    // --timezone: wins over the file's zone (a warning when they differ).
    std::string timezone;
    // A schedule.xml with no zone and no --timezone is an error (build,
    // ics, convert, invite: their hours would be wrong), not UTC.
    bool require_timezone = false;
};

// Adds --timezone ZONE to a command: an IANA name ICU knows.
CLI::Option* add_timezone_option(CLI::App& command, std::string& zone);

// Returns the programme when it has no errors; otherwise prints every
// diagnostic as "file:line:col: error: message" on stderr and returns nullopt.
std::optional<model::Programme> load_programme(const std::string& path, const LoadOptions& options);

// The bundled default input: the seed day.
std::string default_input();

}  // namespace booklet::cli
