// Fuzz target: a frab/pretalx schedule.json through the JSON reader (and so
// the schedule.xml reader), as `booklet build` reads it. Whatever the bytes:
// no crash, no hang, no stack overflow (nesting), clean
// diagnostics; and a schedule read without errors converts to a programme
// XML that the programme reader and checker accept (what `convert`
// promises).
#include <cstddef>
#include <cstdint>
#include <string>

#include "check/programme_check.hpp"
#include "fuzz_support.hpp"
#include "round_trip.hpp"
#include "io/input_file.hpp"
#include "read/programme_reader.hpp"
#include "read/schedule_json.hpp"
#include "write/programme_writer.hpp"

using namespace booklet;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    model::Diagnostics diags;
    const std::string dir = fuzz::scratch_dir();
    auto file = io::input_from_bytes(dir + "/schedule.json", std::string(reinterpret_cast<const char*>(data), size),
                                     diags);
    if (!file) {
        fuzz::require_clean_diagnostics(diags, true);
        return 0;
    }
    auto programme = read::read_schedule_json(*file, diags);
    if (programme) diags.append(check::check_programme(*programme, {dir}));
    fuzz::require_clean_diagnostics(diags, !programme);
    if (!programme || diags.has_errors()) return 0;

    model::Diagnostics write_diags;
    const auto xml = write::write_programme(*programme, write_diags);
    if (!xml) {
        // The writer refuses what it cannot express; it must say why.
        fuzz::require_clean_diagnostics(write_diags, true);
        return 0;
    }
    fuzz::require_readable_programme(*xml, dir, "a schedule read without errors, converted,");
    return 0;
}
