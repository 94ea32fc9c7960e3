#include "render/pdf/truetype.hpp"

#include <algorithm>

namespace booklet::render::pdf {
namespace {

std::uint16_t u16(std::string_view d, std::size_t at) {
    if (at + 2 > d.size()) throw TrueTypeError("truncated font data");
    return static_cast<std::uint16_t>((static_cast<unsigned char>(d[at]) << 8) |
                                      static_cast<unsigned char>(d[at + 1]));
}

std::uint32_t u32(std::string_view d, std::size_t at) {
    return (static_cast<std::uint32_t>(u16(d, at)) << 16) | u16(d, at + 2);
}

std::string_view table(std::string_view d, std::string_view tag) {
    const std::uint16_t count = u16(d, 4);
    for (std::size_t i = 0; i < count; ++i) {
        const std::size_t rec = 12 + 16 * i;
        if (rec + 16 > d.size()) throw TrueTypeError("truncated table directory");
        if (d.substr(rec, 4) == tag) {
            const std::uint32_t off = u32(d, rec + 8);
            const std::uint32_t len = u32(d, rec + 12);
            if (off > d.size() || len > d.size() - off)
                throw TrueTypeError("table '" + std::string(tag) + "' lies outside the file");
            return d.substr(off, len);
        }
    }
    throw TrueTypeError("missing table '" + std::string(tag) + "'");
}

// Composite glyph flags (OpenType 'glyf' specification).
constexpr std::uint16_t kArg1And2AreWords = 0x0001;
constexpr std::uint16_t kWeHaveAScale = 0x0008;
constexpr std::uint16_t kMoreComponents = 0x0020;
constexpr std::uint16_t kWeHaveAnXAndYScale = 0x0040;
constexpr std::uint16_t kWeHaveATwoByTwo = 0x0080;

}  // namespace

TrueTypeGlyphs::TrueTypeGlyphs(std::string_view data) : data_(data) {
    if (data.size() < 12) throw TrueTypeError("not a TrueType font (too short)");
    const std::uint32_t version = u32(data, 0);
    if (version != 0x00010000 && version != 0x74727565 /* 'true' */)
        throw TrueTypeError("not a TrueType font with glyf outlines");
    const std::string_view head = table(data, "head");
    const std::string_view maxp = table(data, "maxp");
    const std::string_view loca = table(data, "loca");
    glyf_ = table(data, "glyf");
    const std::int16_t loca_format = static_cast<std::int16_t>(u16(head, 50));
    num_glyphs_ = u16(maxp, 4);
    loca_.resize(std::size_t{num_glyphs_} + 1);
    for (std::size_t i = 0; i <= num_glyphs_; ++i)
        loca_[i] = loca_format == 0 ? std::uint32_t{u16(loca, 2 * i)} * 2 : u32(loca, 4 * i);
}

std::string_view TrueTypeGlyphs::glyph_data(std::uint16_t gid) const {
    if (gid >= num_glyphs_) throw TrueTypeError("glyph id out of range");
    const std::uint32_t begin = loca_[gid];
    const std::uint32_t end = loca_[std::size_t{gid} + 1];
    if (end < begin || end > glyf_.size()) throw TrueTypeError("bad 'loca' entry");
    return glyf_.substr(begin, end - begin);
}

std::vector<std::uint16_t> TrueTypeGlyphs::components(std::uint16_t gid) const {
    const std::string_view g = glyph_data(gid);
    std::vector<std::uint16_t> out;
    if (g.size() < 10) return out;  // empty glyph
    if (static_cast<std::int16_t>(u16(g, 0)) >= 0) return out;  // simple glyph
    std::size_t at = 10;
    for (;;) {
        const std::uint16_t flags = u16(g, at);
        const std::uint16_t component = u16(g, at + 2);
        if (component >= num_glyphs_) throw TrueTypeError("component glyph id out of range");
        out.push_back(component);
        at += 4 + ((flags & kArg1And2AreWords) ? 4 : 2);
        if (flags & kWeHaveAScale)
            at += 2;
        else if (flags & kWeHaveAnXAndYScale)
            at += 4;
        else if (flags & kWeHaveATwoByTwo)
            at += 8;
        if (!(flags & kMoreComponents)) break;
    }
    return out;
}

std::size_t TrueTypeGlyphs::close_over_components(std::vector<bool>& used) const {
    used.resize(num_glyphs_, false);
    std::vector<std::uint16_t> todo;
    for (std::uint16_t gid = 0; gid < num_glyphs_; ++gid)
        if (used[gid]) todo.push_back(gid);
    std::size_t added = 0;
    while (!todo.empty()) {
        const std::uint16_t gid = todo.back();
        todo.pop_back();
        for (const std::uint16_t c : components(gid)) {
            if (!used[c]) {
                used[c] = true;
                ++added;
                todo.push_back(c);
            }
        }
    }
    return added;
}

int TrueTypeGlyphs::composite_depth(std::uint16_t gid) const {
    // Iterative deepening would be overkill: fonts nest a few levels at most,
    // and a cycle (malformed font) is cut off by the depth limit.
    struct Rec {
        const TrueTypeGlyphs& self;
        int operator()(std::uint16_t g, int limit) const {
            if (limit == 0) throw TrueTypeError("composite glyphs nest too deeply");
            int depth = 0;
            for (const std::uint16_t c : self.components(g))
                depth = std::max(depth, 1 + (*this)(c, limit - 1));
            return depth;
        }
    };
    return Rec{*this}(gid, 32);
}

}  // namespace booklet::render::pdf
