#include "render/pdf/text.hpp"

#include "unicode/utf8.hpp"

#include <algorithm>
#include <bit>
#include <cstdio>

namespace booklet::render::pdf {

bool decode_utf8(std::string_view s, std::vector<char32_t>& out) {
    out.clear();
    for (std::size_t i = 0; i < s.size();) {
        bool ok = true;
        out.push_back(unicode::decode(s, i, ok));
        if (!ok) return false;
    }
    return true;
}

std::string utf16be_with_bom(std::string_view s) {
    std::vector<char32_t> cps;
    decode_utf8(s, cps);
    std::string out = "\xFE\xFF";
    auto unit = [&out](unsigned u) {
        out.push_back(static_cast<char>(u >> 8));
        out.push_back(static_cast<char>(u & 0xFF));
    };
    for (const char32_t c : cps) {
        if (c < 0x10000) {
            unit(c);
        } else {
            const char32_t v = c - 0x10000;
            unit(0xD800 + (v >> 10));
            unit(0xDC00 + (v & 0x3FF));
        }
    }
    return out;
}

namespace {

std::string hex4(char32_t c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "<%04X>", static_cast<unsigned>(c));
    return buf;
}

struct Range {
    char32_t first, last;
};

}  // namespace

std::string identity_to_unicode_cmap(const std::set<char32_t>& codes) {
    // Runs of consecutive codes that stay within one high byte (a bfrange
    // may only vary the last byte of the code).
    std::vector<Range> ranges, singles;
    for (auto it = codes.begin(); it != codes.end();) {
        const char32_t first = *it;
        char32_t last = first;
        ++it;
        while (it != codes.end() && *it == last + 1 && (*it >> 8) == (first >> 8)) last = *it++;
        (last > first ? ranges : singles).push_back({first, last});
    }

    std::string out =
        "/CIDInit /ProcSet findresource begin\n"
        "12 dict begin\n"
        "begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n"
        "/CMapType 2 def\n"
        "1 begincodespacerange\n"
        "<0000> <FFFF>\n"
        "endcodespacerange\n";
    for (std::size_t i = 0; i < singles.size(); i += 100) {
        const std::size_t n = std::min<std::size_t>(100, singles.size() - i);
        out += std::to_string(n) + " beginbfchar\n";
        for (std::size_t k = i; k < i + n; ++k)
            out += hex4(singles[k].first) + " " + hex4(singles[k].first) + "\n";
        out += "endbfchar\n";
    }
    for (std::size_t i = 0; i < ranges.size(); i += 100) {
        const std::size_t n = std::min<std::size_t>(100, ranges.size() - i);
        out += std::to_string(n) + " beginbfrange\n";
        for (std::size_t k = i; k < i + n; ++k)
            out += hex4(ranges[k].first) + " " + hex4(ranges[k].last) + " " +
                   hex4(ranges[k].first) + "\n";
        out += "endbfrange\n";
    }
    out +=
        "endcmap\n"
        "CMapName currentdict /CMap defineresource pop\n"
        "end\n"
        "end\n";
    return out;
}

namespace {
__extension__ typedef unsigned __int128 u128;

// FNV-1a, 128-bit parameters.
constexpr u128 kOffset = (u128{0x6c62272e07bb0142ULL} << 64) | 0x62b821756295c58dULL;
constexpr u128 kPrime = (u128{0x0000000001000000ULL} << 64) | 0x000000000000013BULL;
}  // namespace

Hash128::Hash128() : hi_(static_cast<std::uint64_t>(kOffset >> 64)), lo_(static_cast<std::uint64_t>(kOffset)) {}

void Hash128::bytes(std::string_view s) {
    u128 h = (u128{hi_} << 64) | lo_;
    for (const char ch : s) {
        h ^= static_cast<unsigned char>(ch);
        h *= kPrime;
    }
    hi_ = static_cast<std::uint64_t>(h >> 64);
    lo_ = static_cast<std::uint64_t>(h);
}

void Hash128::integer(std::int64_t v) {
    // One FNV step for the whole 64-bit word instead of one per byte: numbers
    // are most of what a document hashes, and the /ID needs a deterministic,
    // well-mixed value, not FNV-1a's exact one.
    u128 h = (u128{hi_} << 64) | lo_;
    h ^= static_cast<std::uint64_t>(v);
    h *= kPrime;
    hi_ = static_cast<std::uint64_t>(h >> 64);
    lo_ = static_cast<std::uint64_t>(h);
}

void Hash128::number(double v) { integer(static_cast<std::int64_t>(std::bit_cast<std::uint64_t>(v))); }

void Hash128::field(std::string_view s) {
    integer(static_cast<std::int64_t>(s.size()));
    bytes(s);
}

std::array<unsigned char, 16> Hash128::digest() const {
    std::array<unsigned char, 16> d{};
    for (int i = 0; i < 8; ++i) {
        d[i] = static_cast<unsigned char>(hi_ >> (56 - 8 * i));
        d[8 + i] = static_cast<unsigned char>(lo_ >> (56 - 8 * i));
    }
    return d;
}

}  // namespace booklet::render::pdf
