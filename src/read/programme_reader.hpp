#pragma once
// Reads the project's programme XML (input/FORMAT.md, input/programme.xsd)
// into the model. Structural and lexical problems (unknown or missing
// elements and attributes, bad dates, times, ids, e-mail addresses, URLs)
// are reported here, all of them, with their exact line:col. Semantic rules
// (references, time order, overlaps) are the check stage's.
#include <optional>
#include <string>

#include "io/input_file.hpp"
#include "model/diagnostic.hpp"
#include "model/programme.hpp"

namespace booklet::read {

// Returns the programme, or nullopt when it could not be read at all.
// A programme with errors in `diags` may still be returned, for tools that
// want to report more; callers must not use it to write output.
std::optional<model::Programme> read_programme(const io::InputFile& file, model::Diagnostics& diags);
std::optional<model::Programme> read_programme_file(const std::string& path, model::Diagnostics& diags);

// The root element's name, or "" when the file is not XML; used to pick a reader.
std::string root_element_name(const io::InputFile& file);

}  // namespace booklet::read
