#pragma once
// The programme and schedule targets' shared promise: a programme XML that
// booklet itself wrote (convert, or a programme written back) reads and
// checks without an error.
#include <string>

#include "check/programme_check.hpp"
#include "fuzz_support.hpp"
#include "io/input_file.hpp"
#include "read/programme_reader.hpp"

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

}  // namespace booklet::fuzz
