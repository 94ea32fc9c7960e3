#include "io/atomic_file.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>

namespace booklet::io {

namespace {

constexpr std::string_view kTmp = ".tmp.";

std::string errno_text(int err) { return std::strerror(err); }

// "dir/name" → {"dir", "name"}; "name" → {".", "name"}; "/name" → {"/", "name"}.
std::pair<std::string, std::string> split(const std::string& path) {
    const auto slash = path.rfind('/');
    if (slash == std::string::npos) return {".", path};
    return {slash == 0 ? "/" : path.substr(0, slash), path.substr(slash + 1)};
}

// Creates `tmp` exclusively: never through a symbolic link, never into a
// file someone else holds open. A leftover of our own pid (a previous
// process with the same id that was killed) is removed first.
int create_temp(const std::string& tmp) {
    if (::unlink(tmp.c_str()) != 0 && errno != ENOENT)
        throw WriteError("cannot remove the stale temporary file " + tmp + ": " + errno_text(errno));
    int fd;
    do {
        fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) throw WriteError("cannot create " + tmp + ": " + errno_text(errno));
    return fd;
}

void write_all(const std::string& tmp, std::string_view bytes, bool sync) {
    const int fd = create_temp(tmp);
    auto fail = [&](const char* what, int err) {
        ::close(fd);
        ::unlink(tmp.c_str());
        throw WriteError(std::string("cannot ") + what + " " + tmp + ": " + errno_text(err));
    };
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            fail("write", errno);
        }
        done += static_cast<std::size_t>(n);
    }
    if (sync && ::fsync(fd) != 0) fail("flush", errno);
    if (::close(fd) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        throw WriteError("cannot flush " + tmp + ": " + errno_text(err));
    }
}

void rename_into_place(const std::string& tmp, const std::string& path) {
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        throw WriteError("cannot rename " + tmp + " to " + path + ": " + errno_text(err));
    }
}

// Flushes a folder, so that the names just renamed or created in it
// survive a crash. File systems that cannot flush a folder say EINVAL.
void sync_directory(const std::string& dir) {
    int fd;
    do {
        fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) throw WriteError("cannot open the folder " + dir + " to flush it: " + errno_text(errno));
    if (::fsync(fd) != 0 && errno != EINVAL && errno != ENOTSUP) {
        const int err = errno;
        ::close(fd);
        throw WriteError("cannot flush the folder " + dir + ": " + errno_text(err));
    }
    ::close(fd);
}

// The pid in a temporary-file name's suffix: digits only, a real pid (> 0,
// so never kill(0, …)'s "my process group"); else -1.
long parse_pid(std::string_view digits) {
    if (digits.empty() || digits.size() > 10) return -1;
    long v = 0;
    for (char c : digits) {
        if (c < '0' || c > '9') return -1;
        v = v * 10 + (c - '0');
    }
    return v > 0 && v <= INT_MAX ? v : -1;
}

// True only when no process has this id: kill(pid, 0) says ESRCH. A
// process of another user (EPERM) is alive.
bool pid_is_dead(long pid) {
    if (pid == static_cast<long>(::getpid())) return false;
    return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

// Removes, in `dir`, the temporary files killed runs left for the targets
// `names`: `.<name>.tmp.<pid>`, and the older `<name>.tmp.<pid>`, whose pid
// is dead. Best effort: a file that cannot be removed is left.
void remove_stale_temps(const std::string& dir, const std::set<std::string>& names) {
    DIR* d = ::opendir(dir.c_str());
    if (!d) return;
    std::vector<std::string> stale;
    while (const dirent* e = ::readdir(d)) {
        const std::string_view name = e->d_name;
        const auto at = name.rfind(kTmp);
        if (at == std::string_view::npos || at == 0) continue;
        const long pid = parse_pid(name.substr(at + kTmp.size()));
        if (pid < 0) continue;
        std::string_view base = name.substr(0, at);
        const bool ours = (base.size() > 1 && base[0] == '.' && names.count(std::string(base.substr(1)))) ||
                          names.count(std::string(base));
        if (ours && pid_is_dead(pid)) stale.emplace_back(name);
    }
    const int dfd = ::dirfd(d);
    for (const auto& s : stale) ::unlinkat(dfd, s.c_str(), 0);
    ::closedir(d);
}

// Flushes every file system that holds one of `paths` (their folders must
// exist): one syncfs() per file system instead of one fsync() per file,
// which for the thousand calendars of a big conference is the difference
// between a few milliseconds and seconds of waiting for the disk.
void sync_file_systems(const std::vector<std::string>& paths) {
    std::set<dev_t> done;
    for (const auto& p : paths) {
        const std::string dir = split(p).first;
        struct stat st {};
        if (::stat(dir.c_str(), &st) != 0 || !done.insert(st.st_dev).second) continue;
        const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (fd < 0) throw WriteError("cannot open the folder " + dir + " to flush it: " + errno_text(errno));
        const int rc = ::syncfs(fd);
        const int err = errno;
        ::close(fd);
        if (rc != 0) throw WriteError("cannot flush the files written in " + dir + ": " + errno_text(err));
    }
}

// After renaming `targets` into place: flush their folders, then clear
// what killed runs left beside them.
void finish(const std::vector<std::string>& targets) {
    std::map<std::string, std::set<std::string>> by_dir;
    for (const auto& t : targets) {
        auto [dir, name] = split(t);
        by_dir[dir].insert(name);
    }
    for (const auto& [dir, names] : by_dir) sync_directory(dir);
    for (const auto& [dir, names] : by_dir) remove_stale_temps(dir, names);
}

}  // namespace

std::string temp_path_for(const std::string& path, long pid) {
    const auto slash = path.rfind('/');
    const std::size_t at = slash == std::string::npos ? 0 : slash + 1;
    return path.substr(0, at) + "." + path.substr(at) + std::string(kTmp) + std::to_string(pid);
}

void write_file_atomically(const std::string& path, std::string_view bytes) {
    const std::string tmp = temp_path_for(path, ::getpid());
    write_all(tmp, bytes, true);
    rename_into_place(tmp, path);
    finish({path});
}

OutputSet::~OutputSet() {
    if (!committed_) discard();
}

void OutputSet::discard() {
    for (const auto& t : temps_) ::unlink(t.c_str());
    temps_.clear();
    targets_.clear();
}

void OutputSet::stage(const std::string& path, std::string_view bytes) {
    for (std::size_t i = 0; i < targets_.size(); ++i)
        if (targets_[i] == path) {  // staged again: the new bytes win
            ::unlink(temps_[i].c_str());
            temps_.erase(temps_.begin() + static_cast<std::ptrdiff_t>(i));
            targets_.erase(targets_.begin() + static_cast<std::ptrdiff_t>(i));
            break;
        }
    const std::string tmp = temp_path_for(path, ::getpid());
    write_all(tmp, bytes, false);  // flushed all at once by commit()
    temps_.push_back(tmp);
    targets_.push_back(path);
}

void OutputSet::commit() {
    sync_file_systems(targets_);  // every byte on disk before any name changes
    for (std::size_t i = 0; i < temps_.size(); ++i) rename_into_place(temps_[i], targets_[i]);
    committed_ = true;
    finish(targets_);
}

void make_directories(const std::string& path) {
    namespace fs = std::filesystem;
    // The folders about to be created: each one's parent is flushed after,
    // so the new folder survives a crash along with what is renamed into it.
    std::vector<fs::path> created;
    std::error_code ec;
    fs::path p = fs::path(path).lexically_normal();
    if (!p.has_filename()) p = p.parent_path();  // "out/" → "out"
    for (; !p.empty() && !fs::exists(p, ec); p = p.parent_path()) {
        created.push_back(p);
        if (p == p.parent_path()) break;
    }
    fs::create_directories(path, ec);
    if (ec) throw WriteError("cannot create directory " + path + ": " + ec.message());
    for (const auto& c : created) {
        const fs::path parent = c.parent_path();
        sync_directory(parent.empty() ? std::string(".") : parent.string());
    }
}

}  // namespace booklet::io
