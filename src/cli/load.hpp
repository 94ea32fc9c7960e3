#pragma once
// The front half every command shares: read the input file (programme XML,
// schedule.xml or schedule.json, told by content), check it, print the diagnostics.
#include <optional>
#include <string>

#include "model/programme.hpp"

namespace booklet::cli {

struct LoadOptions {
    bool allow_outside = false;
    bool quiet_warnings = false;
};

// Returns the programme when it has no errors; otherwise prints every
// diagnostic as "file:line:col: error: message" on stderr and returns nullopt.
std::optional<model::Programme> load_programme(const std::string& path, const LoadOptions& options);

// The bundled default input: the seed day.
std::string default_input();

}  // namespace booklet::cli
