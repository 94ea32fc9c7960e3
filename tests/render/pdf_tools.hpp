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

}  // namespace booklet::render::test
