// Fuzz target: a frab/pretalx schedule.json through the JSON reader (and so
// the schedule.xml reader), as `booklet build` reads it. Whatever the bytes:
// no crash, no hang, no stack overflow (nesting), clean
// diagnostics; and a schedule read without errors converts to a programme
// XML that the programme reader and checker accept (what `convert`
// promises).
#include <cstddef>
#include <cstdint>

#include "round_trip.hpp"
#include "read/schedule_json.hpp"

using namespace booklet;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::require_schedule_converts(data, size, "schedule.json", [](const io::InputFile& f, model::Diagnostics& d) {
        return read::read_schedule_json(f, d);
    });
    return 0;
}
