// Fuzz target: a registrants CSV, as `booklet invite` reads it. Whatever
// the bytes: no crash, no hang, clean diagnostics; every row kept has an
// address and a name that cannot smuggle a header line into a message;
// every row left out is counted and explained.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_support.hpp"
#include "io/input_file.hpp"
#include "read/formats.hpp"
#include "read/registrants_reader.hpp"

using namespace booklet;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    model::Diagnostics diags;
    auto file = io::input_from_bytes("registrants.csv", std::string(reinterpret_cast<const char*>(data), size), diags);
    if (!file) {
        fuzz::require_clean_diagnostics(diags, true);
        return 0;
    }
    const auto list = read::read_registrants(*file, diags);
    fuzz::require_clean_diagnostics(diags, !list.usable);
    fuzz::require(list.bad_rows <= diags.error_count(), "rows left out without an error each");
    if (!list.usable) return 0;
    for (const auto& r : list.registrants) {
        fuzz::require(read::is_email(r.email), "registrant kept with a bad address: " + r.email);
        fuzz::require(!read::has_control_characters(r.email) && !read::has_control_characters(r.name),
                      "registrant kept with a control character");
        fuzz::require(r.name.size() <= read::kMaxRegistrantNameBytes, "registrant name over the limit");
        fuzz::require(r.language.empty() || r.language == "fr" || r.language == "en",
                      "registrant kept with an unknown language: " + r.language);
        fuzz::require(r.where.line >= 1, "registrant without a position");
    }
    return 0;
}
