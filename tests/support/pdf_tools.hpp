#pragma once
// Test helpers: run the real PDF tools (poppler-utils, qpdf) on a rendered
// file and capture what they print.
#include <map>
#include <string>
#include <vector>

namespace booklet::render::test {

struct ToolResult {
    int exit_code = -1;
    std::string out;  // stdout
    std::string err;  // stderr
};

// Runs a shell command; stdout and stderr are captured separately.
ToolResult run_tool(const std::string& command);

// Single-quotes a path for the shell.
std::string shell_quote(const std::string& s);

// A fresh directory under the system temp dir, removed on destruction.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return path_; }
    // Writes `bytes` to `name` inside the directory and returns its path.
    std::string write(const std::string& name, const std::string& bytes) const;

private:
    std::string path_;
};

std::string read_file(const std::string& path);

// "Key:   value" lines (pdfinfo) → map.
std::map<std::string, std::string> parse_key_values(const std::string& text);

// Non-empty lines with surrounding blanks trimmed and inner runs of blanks
// collapsed to one space.
std::vector<std::string> normalized_lines(const std::string& text);

// Dark pixels (< 128) in a binary PGM (P5) file.
long dark_pixels_in_pgm(const std::string& path);

// --- print production --------------------------------------------------------

struct PdfBox {
    double left = 0, bottom = 0, right = 0, top = 0;
    double width() const { return right - left; }
    double height() const { return top - bottom; }
};

// `pdfinfo -box -f 1 -l <pages>`: page number (1-based) → box name
// ("MediaBox", "CropBox", "BleedBox", "TrimBox", "ArtBox") → box. Throws
// when pdfinfo fails or prints anything on stderr.
std::map<int, std::map<std::string, PdfBox>> page_boxes(const std::string& pdf, int pages);

// The decompressed content stream of every page, in page order (via
// `qpdf --qdf --object-streams=disable`).
std::vector<std::string> page_contents(const std::string& pdf);

// The colour operators of a content stream that use RGB: rg, RG, sc/scn/
// SC/SCN with three operands, cs/CS selecting /DeviceRGB. Each as
// "<operands> <operator>".
std::vector<std::string> rgb_colour_operators(const std::string& content);

// Operators of a content stream with their operands, e.g. {"0 0 0 1", "K"}.
std::vector<std::pair<std::string, std::string>> content_operators(const std::string& content);

// An 8-bit grey picture read with libpng's simplified API; w == 0 on error.
struct GrayImage {
    int w = 0, h = 0;
    std::vector<unsigned char> px;
};
GrayImage read_png_gray(const std::string& path);

// Compares `png` with the reference picture `reference` (same size, < 1 %
// of the pixels differing by more than 48, mean difference < 2). With
// BOOKLET_UPDATE_REFERENCES set, copies `png` over the reference first.
// Returns "" when they match, else what differs.
std::string compare_with_reference(const std::string& png, const std::string& reference);

}  // namespace booklet::render::test
