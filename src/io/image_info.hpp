#pragma once
// The kind and pixel size of a PNG or JPEG file, read from its header
// without decoding it (bounds-checked: the file may be anything).
#include <optional>
#include <string>

namespace booklet::io {

struct ImageInfo {
    enum class Kind { Png, Jpeg } kind = Kind::Png;
    int width = 0, height = 0;
};

// nullopt when the file cannot be read or is neither a PNG nor a JPEG
// with a readable size.
std::optional<ImageInfo> read_image_info(const std::string& path);

}  // namespace booklet::io
