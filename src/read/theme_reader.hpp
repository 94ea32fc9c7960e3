#pragma once
// Reads a theme (templates/theme.xml) and a labels file
// (templates/labels/<lang>.xml). Errors are "file:line:col: error: …",
// as for programmes.
#include <optional>
#include <string>

#include "model/diagnostic.hpp"
#include "theme/theme.hpp"

namespace booklet::read {

struct ThemeReadOptions {
    // Folder searched for a font named by bare file name when the theme's
    // own folder does not hold it: the bundled fonts/.
    std::string bundled_fonts_dir;
    bool allow_outside = false;  // font paths may leave the theme's folder
};

std::optional<theme::Theme> read_theme_file(const std::string& path, const ThemeReadOptions& options,
                                            model::Diagnostics& diags);
std::optional<theme::Labels> read_labels_file(const std::string& path, model::Diagnostics& diags);

// "148mm", "12pt", "1.5cm", "0.5in" → points; nullopt when malformed or negative.
std::optional<double> parse_length(const std::string& s);
// "#1d3d5c" → RGB 0..1
std::optional<theme::Rgb> parse_rgb(const std::string& s);
// "85 55 20 35" (percent) → CMYK 0..1
std::optional<theme::Cmyk> parse_cmyk(const std::string& s);

}  // namespace booklet::read
