#pragma once
// Reading an input file safely: regular files only, a size limit checked
// before reading, valid UTF-8, no NUL bytes. Failures come back as
// diagnostics at the file (or the offending byte), never as exceptions.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "model/diagnostic.hpp"

namespace booklet::io {

// The largest input booklet reads (programme, schedule.xml, theme, CSV).
inline constexpr std::size_t kMaxInputBytes = 32u * 1024u * 1024u;

struct InputFile {
    std::string path;     // as given
    std::string content;  // UTF-8, BOM stripped
};

// Reads `path`; on failure adds one error to `diags` and returns nullopt.
// `what` names the kind of file in messages ("programme", "theme", …).
std::optional<InputFile> read_input_file(const std::string& path, model::Diagnostics& diags,
                                         std::size_t max_bytes = kMaxInputBytes);

// The checks of read_input_file() on bytes already in memory (BOM
// stripped, no NUL, valid UTF-8, at most max_bytes); `path` names them in
// messages. The fuzz targets enter the readers through this.
std::optional<InputFile> input_from_bytes(const std::string& path, std::string bytes, model::Diagnostics& diags,
                                          std::size_t max_bytes = kMaxInputBytes);

// Position (1-based line and column, counting characters) of a byte offset.
model::SourceLocation locate(const std::string& file, std::string_view text, std::size_t offset);

// Offset of the first byte that is not valid UTF-8, or npos.
std::size_t find_invalid_utf8(std::string_view text);

}  // namespace booklet::io
