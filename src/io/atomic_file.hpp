#pragma once
// Writing an output file so that it is either complete or untouched: the
// bytes go to a temporary file in the same folder, are flushed to disk,
// then renamed over the target, and the folder is flushed so the rename
// itself is durable. A failure or a kill -9 midway leaves the old file
// intact.
//
// The temporary file is `.<name>.tmp.<pid>` beside `<name>`: hidden, and
// recognisable as ours. It is created exclusively (O_EXCL|O_NOFOLLOW), so
// a symbolic link planted at that name is never followed. A temporary file
// left by a killed run (its pid no longer exists) is removed the next time
// the same target is committed; one whose pid is alive (a concurrent run)
// is left alone.
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

// The temporary file a process with id `pid` writes `path` through.
std::string temp_path_for(const std::string& path, long pid);

// Collects several outputs and commits them together at the end, so a
// failing stage leaves no partial set behind: nothing is renamed until
// commit(), and every temporary file is removed if commit() is not reached.
// (Each file is replaced atomically; the set is renamed file by file, so a
// kill during commit() itself can leave some files new and some old.)
class OutputSet {
public:
    OutputSet() = default;
    OutputSet(const OutputSet&) = delete;
    OutputSet& operator=(const OutputSet&) = delete;
    ~OutputSet();

    // Writes the bytes to a temporary file beside `path` now (not yet
    // flushed). Staging the same path again replaces the earlier bytes.
    void stage(const std::string& path, std::string_view bytes);
    // Flushes the staged files' file systems (one syncfs() each, not one
    // fsync() per file), renames every staged file into place, flushes
    // their folders, and
    // removes temporary files that killed runs left for these targets.
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
