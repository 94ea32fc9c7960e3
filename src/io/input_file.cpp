#include "io/input_file.hpp"

#include "unicode/utf8.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>

namespace booklet::io {

std::size_t find_invalid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t at = i;
        bool ok = true;
        unicode::decode(s, i, ok);
        if (!ok) return at;
    }
    return std::string_view::npos;
}

model::SourceLocation locate(const std::string& file, std::string_view text, std::size_t offset) {
    model::SourceLocation loc{file, 1, 1};
    if (offset > text.size()) offset = text.size();
    for (std::size_t i = 0; i < offset; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++loc.line;
            loc.column = 1;
        } else if ((c & 0xC0) != 0x80) {  // count characters, not bytes
            ++loc.column;
        }
    }
    return loc;
}

std::optional<InputFile> input_from_bytes(const std::string& path, std::string bytes, model::Diagnostics& diags,
                                          std::size_t max_bytes) {
    if (bytes.size() > max_bytes) {
        diags.error({path, 0, 0}, "file is too large (" + std::to_string(bytes.size() / (1024 * 1024)) +
                                      " MiB); the limit is " + std::to_string(max_bytes / (1024 * 1024)) + " MiB");
        return std::nullopt;
    }
    InputFile f;
    f.path = path;
    f.content = std::move(bytes);
    if (f.content.empty()) {
        diags.error({path, 1, 1}, "file is empty");
        return std::nullopt;
    }
    if (f.content.size() >= 3 && f.content.compare(0, 3, "\xEF\xBB\xBF") == 0) f.content.erase(0, 3);
    if (const auto nul = f.content.find('\0'); nul != std::string::npos) {
        diags.error(locate(path, f.content, nul), "binary data: NUL byte in a text file");
        return std::nullopt;
    }
    if (const auto bad = find_invalid_utf8(f.content); bad != std::string_view::npos) {
        diags.error(locate(path, f.content, bad), "invalid UTF-8 byte sequence");
        return std::nullopt;
    }
    return f;
}

std::optional<InputFile> read_input_file(const std::string& path, model::Diagnostics& diags,
                                         std::size_t max_bytes) {
    const model::SourceLocation at_file{path, 0, 0};
    // Open first and ask the open file what it is: a name swapped for a FIFO
    // or a device between a stat() and the open() cannot make us block.
    // O_NONBLOCK keeps open() itself from waiting on a FIFO's writer.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        diags.error(at_file, std::string("cannot open file: ") + std::strerror(errno));
        return std::nullopt;
    }
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        diags.error(at_file, std::string("cannot open file: ") + std::strerror(errno));
        return std::nullopt;
    }
    if (S_ISDIR(st.st_mode)) {
        diags.error(at_file, "is a directory, not a file");
        return std::nullopt;
    }
    if (!S_ISREG(st.st_mode)) {
        diags.error(at_file, "is not a regular file");
        return std::nullopt;
    }
    if (static_cast<std::size_t>(st.st_size) > max_bytes) {
        diags.error(at_file, "file is too large (" + std::to_string(st.st_size / (1024 * 1024)) +
                                 " MiB); the limit is " + std::to_string(max_bytes / (1024 * 1024)) + " MiB");
        return std::nullopt;
    }
    // Read what stat() announced, plus one byte to notice a file that grew:
    // whatever it grew to, no more than max_bytes + 1 bytes are held.
    std::string bytes(static_cast<std::size_t>(st.st_size) + 1, '\0');
    std::size_t got = 0;
    while (got < bytes.size()) {
        const ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
        if (n < 0) {
            if (errno == EINTR) continue;
            diags.error(at_file, std::string("cannot read file: ") + std::strerror(errno));
            return std::nullopt;
        }
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
    }
    if (got > static_cast<std::size_t>(st.st_size)) {
        diags.error(at_file, "file changed while it was being read; try again once it is complete");
        return std::nullopt;
    }
    bytes.resize(got);
    return input_from_bytes(path, std::move(bytes), diags, max_bytes);
}

}  // namespace booklet::io
