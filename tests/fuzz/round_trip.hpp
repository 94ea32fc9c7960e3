#pragma once
// The programme and schedule targets' shared promise: a programme XML that
// booklet itself wrote (convert, or a programme written back) reads and
// checks without an error.
#include <cstddef>
#include <cstdint>
#include <string>

#include "check/programme_check.hpp"
#include "fuzz_support.hpp"
#include "io/input_file.hpp"
#include "read/programme_reader.hpp"
#include "write/programme_writer.hpp"

namespace booklet::fuzz {

// Reads `xml` as a programme in `dir`; fails, quoting the errors and the
// XML, unless it reads and checks cleanly. `what` names the XML's origin.
inline model::Programme require_readable_programme(const std::string& xml, const std::string& dir,
                                                   const std::string& what) {
    model::Diagnostics diags;
    auto file = io::input_from_bytes(dir + "/written.xml", xml, diags);
    std::optional<model::Programme> p;
    if (file) p = read::read_programme(*file, diags);
    if (p) diags.append(check::check_programme(*p, {dir}));
    if (!p || diags.has_errors()) {
        std::string why;
        for (const auto& d : diags.items()) why += "\n  " + d.str();
        fail(what + " does not read back:" + why + "\n--- written:\n" + xml);
    }
    return std::move(*p);
}

// The schedule targets (schedule.xml, schedule.json): `bytes` as the file
// `name`, read by `read` as `booklet convert` reads it. Whatever the bytes:
// clean diagnostics; and a schedule read without errors converts to a
// programme XML that the programme reader and checker accept.
template <typename Reader>
void require_schedule_converts(const std::uint8_t* data, std::size_t size, const std::string& name, Reader read) {
    model::Diagnostics diags;
    const std::string dir = scratch_dir();
    auto file = io::input_from_bytes(dir + "/" + name, std::string(reinterpret_cast<const char*>(data), size), diags);
    if (!file) {
        require_clean_diagnostics(diags, true);
        return;
    }
    auto programme = read(*file, diags);
    if (programme) diags.append(check::check_programme(*programme, {dir}));
    require_clean_diagnostics(diags, !programme);
    if (!programme || diags.has_errors()) return;

    model::Diagnostics write_diags;
    const auto xml = write::write_programme(*programme, write_diags);
    if (!xml) {
        // The writer refuses what it cannot express; it must say why.
        require_clean_diagnostics(write_diags, true);
        return;
    }
    require_readable_programme(*xml, dir, "a schedule read without errors, converted,");
}

}  // namespace booklet::fuzz
