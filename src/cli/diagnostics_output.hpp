#pragma once
// How every command prints diagnostics: sorted, repeated warnings collapsed
// into one line per class unless --verbose was given.
#include "model/diagnostic.hpp"

namespace booklet::cli {

// Set once from the command line (--verbose): every warning on its own line.
void set_verbose(bool verbose);
bool verbose();

// Prints `diags` on stderr, one line each (see Diagnostics::report_lines).
void print_diagnostics(const model::Diagnostics& diags);

}  // namespace booklet::cli
