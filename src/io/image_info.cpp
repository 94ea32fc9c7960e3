#include "io/image_info.hpp"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <vector>

namespace booklet::io {

namespace {

std::uint32_t be32(const unsigned char* p) {
    return std::uint32_t(p[0]) << 24 | std::uint32_t(p[1]) << 16 | std::uint32_t(p[2]) << 8 | p[3];
}
int be16(const unsigned char* p) { return p[0] << 8 | p[1]; }

std::optional<ImageInfo> png(const std::vector<unsigned char>& b) {
    // Signature, then the IHDR chunk: length, "IHDR", width, height.
    if (b.size() < 24 || b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') return std::nullopt;
    const std::uint32_t w = be32(&b[16]), h = be32(&b[20]);
    if (w == 0 || h == 0 || w > 100000 || h > 100000) return std::nullopt;
    return ImageInfo{ImageInfo::Kind::Png, static_cast<int>(w), static_cast<int>(h)};
}

std::optional<ImageInfo> jpeg(std::ifstream& in) {
    // Walk the markers to the first start-of-frame (SOF0..SOF15 but DHT,
    // JPG and DAC), whose payload holds height and width.
    in.seekg(2);
    unsigned char m[4];
    for (int guard = 0; guard < 1000 && in.read(reinterpret_cast<char*>(m), 4); ++guard) {
        if (m[0] != 0xFF) return std::nullopt;
        const int marker = m[1];
        const int length = be16(&m[2]);
        if (length < 2) return std::nullopt;
        const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (sof) {
            unsigned char f[5];
            if (!in.read(reinterpret_cast<char*>(f), 5)) return std::nullopt;
            const int h = be16(&f[1]), w = be16(&f[3]);
            if (w == 0 || h == 0) return std::nullopt;
            return ImageInfo{ImageInfo::Kind::Jpeg, w, h};
        }
        in.seekg(length - 2, std::ios::cur);
    }
    return std::nullopt;
}

}  // namespace

std::optional<ImageInfo> read_image_info(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::vector<unsigned char> head(24);
    in.read(reinterpret_cast<char*>(head.data()), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<std::size_t>(in.gcount()));
    static const unsigned char kPng[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    if (head.size() >= 8 && std::equal(kPng, kPng + 8, head.begin())) return png(head);
    if (head.size() >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) {
        in.clear();
        return jpeg(in);
    }
    return std::nullopt;
}

}  // namespace booklet::io
