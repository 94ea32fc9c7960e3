// Fuzz target: a programme XML through the reader and the checker, as
// `booklet check` does. Whatever the bytes: no crash, no hang, clean
// diagnostics; and a programme read without errors, once written back by
// the programme writer, reads again without errors and to the same items.
#include <cstddef>
#include <cstdint>
#include <string>

#include "check/programme_check.hpp"
#include "fuzz_support.hpp"
#include "round_trip.hpp"
#include "io/input_file.hpp"
#include "read/programme_reader.hpp"
#include "write/programme_writer.hpp"

using namespace booklet;

namespace {

std::size_t count_items(const model::Programme& p) {
    std::size_t n = 0;
    for (const auto& d : p.days)
        for (const auto& i : d.items) n += 1 + i.children.size();
    return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    model::Diagnostics diags;
    const std::string dir = fuzz::scratch_dir();
    auto file = io::input_from_bytes(dir + "/programme.xml", std::string(reinterpret_cast<const char*>(data), size),
                                     diags);
    if (!file) {
        fuzz::require_clean_diagnostics(diags, true);
        return 0;
    }
    auto programme = read::read_programme(*file, diags);
    if (programme) diags.append(check::check_programme(*programme, {dir}));
    fuzz::require_clean_diagnostics(diags, !programme);
    if (!programme || diags.has_errors()) return 0;

    model::Diagnostics write_diags;
    const auto xml = write::write_programme(*programme, write_diags);
    fuzz::require(xml.has_value(), "a valid programme could not be written back");
    const auto reread = fuzz::require_readable_programme(*xml, dir, "a valid programme, written back,");
    fuzz::require(count_items(reread) == count_items(*programme), "items lost in the round trip");
    return 0;
}
