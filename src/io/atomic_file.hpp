#pragma once
// Writing an output file so that it is either complete or untouched: the
// bytes go to a temporary file in the same folder, are flushed to disk,
// then renamed over the target. A crash midway leaves the old file intact.
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace booklet::io {

struct WriteError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Writes `bytes` to `path` atomically; throws WriteError on failure.
void write_file_atomically(const std::string& path, std::string_view bytes);

// Collects several outputs and commits them together at the end, so a
// failing stage leaves no partial set behind: nothing is renamed until
// commit(), and every temporary file is removed if commit() is not reached.
class OutputSet {
public:
    OutputSet() = default;
    OutputSet(const OutputSet&) = delete;
    OutputSet& operator=(const OutputSet&) = delete;
    ~OutputSet();

    // Writes the bytes to a temporary file beside `path` now.
    void stage(const std::string& path, std::string_view bytes);
    // Renames every staged file into place.
    void commit();
    // Removes every staged temporary file now; nothing is committed.
    void discard();
    const std::vector<std::string>& paths() const { return targets_; }

private:
    std::vector<std::string> temps_;
    std::vector<std::string> targets_;
    bool committed_ = false;
};

// Creates a directory and its parents; throws WriteError on failure.
void make_directories(const std::string& path);

}  // namespace booklet::io
