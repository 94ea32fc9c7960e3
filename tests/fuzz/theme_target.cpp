// Fuzz target: a theme file and a labels file, as `booklet build --theme`
// and `--lang` read them. The bytes are written to a file in a scratch
// folder (the readers resolve font paths against the file's folder, and
// must not leave it). Whatever the bytes: no crash, no hang, clean
// diagnostics, and a theme accepted has sane dimensions.
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>

#include "fuzz_support.hpp"
#include "read/theme_reader.hpp"

using namespace booklet;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string path = fuzz::scratch_dir() + "/theme.xml";
    {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    read::ThemeReadOptions options;
    options.bundled_fonts_dir = std::string(BOOKLET_SOURCE_DIR) + "/fonts";
    model::Diagnostics diags;
    const auto theme = read::read_theme_file(path, options, diags);
    fuzz::require_clean_diagnostics(diags, !theme);
    if (theme && !diags.has_errors()) {
        const auto& g = theme->page;
        fuzz::require(g.width > 0 && g.height > 0, "theme accepted with an empty page");
        fuzz::require(g.width > g.inner + g.outer && g.height > g.top + g.bottom,
                      "theme accepted whose margins leave no text area");
        for (const auto& f : theme->fonts)
            fuzz::require(f.path.rfind(fuzz::scratch_dir(), 0) == 0 || f.path.rfind(options.bundled_fonts_dir, 0) == 0,
                          "theme font outside the theme's folder: " + f.path);
    }
    model::Diagnostics label_diags;
    const auto labels = read::read_labels_file(path, label_diags);
    fuzz::require_clean_diagnostics(label_diags, !labels);
    return 0;
}
