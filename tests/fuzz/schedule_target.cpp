// Fuzz target: a frab/pretalx schedule.xml through the schedule reader, as
// `booklet convert` reads it. Whatever the bytes: no crash, no hang, clean
// diagnostics; and a schedule read without errors converts to a programme
// XML that the programme reader and checker accept (what `convert`
// promises).
#include <cstddef>
#include <cstdint>

#include "round_trip.hpp"
#include "read/schedule_reader.hpp"

using namespace booklet;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::require_schedule_converts(data, size, "schedule.xml", [](const io::InputFile& f, model::Diagnostics& d) {
        return read::read_schedule(f, d);
    });
    return 0;
}
