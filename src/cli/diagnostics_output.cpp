#include "cli/diagnostics_output.hpp"

#include <iostream>

namespace booklet::cli {

namespace {
bool g_verbose = false;
}

void set_verbose(bool v) { g_verbose = v; }
bool verbose() { return g_verbose; }

void print_diagnostics(const model::Diagnostics& diags) {
    for (const auto& line : diags.report_lines(g_verbose)) std::cerr << line << '\n';
}

}  // namespace booklet::cli
