#include "io/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace booklet::io {

namespace {

std::string temp_path_for(const std::string& path) {
    return path + ".tmp." + std::to_string(::getpid());
}

void write_all_and_sync(const std::string& tmp, std::string_view bytes) {
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw WriteError("cannot create " + tmp + ": " + std::strerror(errno));
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            const int err = errno;
            ::close(fd);
            ::unlink(tmp.c_str());
            throw WriteError("cannot write " + tmp + ": " + std::strerror(err));
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        throw WriteError("cannot flush " + tmp + ": " + std::strerror(err));
    }
}

void rename_into_place(const std::string& tmp, const std::string& path) {
    if (std::rename(tmp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        throw WriteError("cannot rename " + tmp + " to " + path + ": " + std::strerror(err));
    }
}

}  // namespace

void write_file_atomically(const std::string& path, std::string_view bytes) {
    const std::string tmp = temp_path_for(path);
    write_all_and_sync(tmp, bytes);
    rename_into_place(tmp, path);
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
    const std::string tmp = temp_path_for(path);
    write_all_and_sync(tmp, bytes);
    temps_.push_back(tmp);
    targets_.push_back(path);
}

void OutputSet::commit() {
    for (std::size_t i = 0; i < temps_.size(); ++i) rename_into_place(temps_[i], targets_[i]);
    committed_ = true;
}

void make_directories(const std::string& path) {
    std::error_code ec;
    std::filesystem::create_directories(path, ec);
    if (ec) throw WriteError("cannot create directory " + path + ": " + ec.message());
}

}  // namespace booklet::io
