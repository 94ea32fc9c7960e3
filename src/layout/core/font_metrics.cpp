#include "layout/core/font_metrics.hpp"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <unordered_map>

#include "layout/core/font_fallback.hpp"
#include "unicode/utf8.hpp"

namespace booklet::layout {

namespace {

constexpr std::size_t kMaxFontFile = 64u << 20;  // 64 MiB

struct ParseError {
    std::string message;
};

[[noreturn]] void fail(std::string message) { throw ParseError{std::move(message)}; }

// A bounds-checked window on the file's bytes. Every read checks that the
// bytes exist; offsets come in as 64-bit so that sums cannot wrap.
class Bytes {
public:
    Bytes() = default;
    Bytes(const unsigned char* p, std::size_t n) : p_(p), n_(n) {}

    std::size_t size() const { return n_; }
    bool has(std::uint64_t off, std::uint64_t len) const { return off <= n_ && len <= n_ - off; }

    std::uint8_t u8(std::uint64_t off, const char* what) const {
        need(off, 1, what);
        return p_[off];
    }
    std::uint16_t u16(std::uint64_t off, const char* what) const {
        need(off, 2, what);
        return static_cast<std::uint16_t>((p_[off] << 8) | p_[off + 1]);
    }
    std::int16_t i16(std::uint64_t off, const char* what) const {
        return static_cast<std::int16_t>(u16(off, what));
    }
    std::uint32_t u32(std::uint64_t off, const char* what) const {
        need(off, 4, what);
        return (std::uint32_t{p_[off]} << 24) | (std::uint32_t{p_[off + 1]} << 16) |
               (std::uint32_t{p_[off + 2]} << 8) | std::uint32_t{p_[off + 3]};
    }
    Bytes sub(std::uint64_t off, std::uint64_t len, const char* what) const {
        need(off, len, what);
        return Bytes(p_ + off, static_cast<std::size_t>(len));
    }

private:
    void need(std::uint64_t off, std::uint64_t len, const char* what) const {
        if (!has(off, len)) fail(std::string("truncated or corrupt ") + what);
    }
    const unsigned char* p_ = nullptr;
    std::size_t n_ = 0;
};

std::uint32_t tag(const char (&t)[5]) {
    return (std::uint32_t(static_cast<unsigned char>(t[0])) << 24) |
           (std::uint32_t(static_cast<unsigned char>(t[1])) << 16) |
           (std::uint32_t(static_cast<unsigned char>(t[2])) << 8) | std::uint32_t(static_cast<unsigned char>(t[3]));
}

struct CmapChoice {
    std::uint64_t offset = 0;  // within cmap
    int rank = -1;             // higher is better
};

}  // namespace

std::uint16_t FontMetrics::supplementary_gid(char32_t cp) const {
    auto it = std::upper_bound(groups_.begin(), groups_.end(), cp,
                               [](char32_t c, const Group& g) { return c < g.first; });
    if (it == groups_.begin()) return 0;
    --it;
    if (cp > it->last) return 0;
    const std::uint64_t gid = std::uint64_t{it->first_gid} + (cp - it->first);
    return gid < glyph_count_ ? static_cast<std::uint16_t>(gid) : 0;
}

std::uint16_t FontMetrics::glyph_advance(std::uint16_t gid) const {
    return gid < hmtx_.size() ? hmtx_[gid] : 0;
}

std::int64_t FontMetrics::width_1000(std::string_view s) const {
    std::int64_t w = 0;
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        const auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {
            w += bmp_w1000_[b];
            ++i;
        } else {
            w += advance_1000(unicode::decode(s, i));
        }
    }
    return w;
}

std::optional<FontMetrics> FontMetrics::load(const std::string& path, std::string& error) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) {
        error = "cannot read font " + path + ": " + ec.message();
        return std::nullopt;
    }
    if (size > kMaxFontFile) {
        error = "font " + path + " is larger than 64 MiB; refusing to load it";
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = "cannot open font " + path;
        return std::nullopt;
    }
    std::string bytes(static_cast<std::size_t>(size), '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (static_cast<std::uintmax_t>(in.gcount()) != size) {
        error = "cannot read font " + path;
        return std::nullopt;
    }
    auto font = parse(bytes, std::filesystem::path(path).stem().string(), error);
    if (!font) error = "font " + path + ": " + error;
    return font;
}

std::optional<FontMetrics> FontMetrics::parse(std::string_view data, std::string name, std::string& error) {
    FontMetrics fm;
    fm.name_ = std::move(name);
    try {
        const Bytes file(reinterpret_cast<const unsigned char*>(data.data()), data.size());
        if (file.size() < 12) fail("file is truncated (" + std::to_string(file.size()) + " bytes)");
        const std::uint32_t version = file.u32(0, "header");
        if (version == tag("OTTO"))
            fail("is a CFF-based OpenType font ('OTTO'); only TrueType outlines (.ttf) are supported");
        if (version == tag("ttcf")) fail("is a TrueType collection (.ttc); use a single-face .ttf");
        if (version == tag("wOFF") || version == tag("wOF2"))
            fail("is a WOFF web font; use the .ttf it was made from");
        if (version != 0x00010000u && version != tag("true")) fail("is not a TrueType font (unknown header)");

        const std::uint16_t num_tables = file.u16(4, "table directory");
        if (num_tables == 0) fail("has no tables");
        if (!file.has(12, std::uint64_t{num_tables} * 16)) fail("table directory is truncated");
        std::map<std::uint32_t, Bytes> tables;
        for (std::uint16_t i = 0; i < num_tables; ++i) {
            const std::uint64_t rec = 12 + std::uint64_t{i} * 16;
            const std::uint32_t t = file.u32(rec, "table directory");
            const std::uint32_t off = file.u32(rec + 8, "table directory");
            const std::uint32_t len = file.u32(rec + 12, "table directory");
            if (!file.has(off, len)) {
                char tg[5] = {static_cast<char>(t >> 24), static_cast<char>(t >> 16), static_cast<char>(t >> 8),
                              static_cast<char>(t), 0};
                fail(std::string("table '") + tg + "' lies outside the file (truncated?)");
            }
            tables.emplace(t, file.sub(off, len, "table"));  // first of duplicates wins
        }
        auto table = [&](const char (&t)[5]) -> Bytes {
            auto it = tables.find(tag(t));
            if (it == tables.end()) fail(std::string("has no '") + t + "' table");
            return it->second;
        };

        const Bytes head = table("head");
        if (head.size() < 54) fail("'head' table is truncated");
        if (head.u32(12, "head") != 0x5F0F3CF5u) fail("'head' table has a bad magic number");
        const std::uint16_t upem = head.u16(18, "head");
        if (upem < 16 || upem > 16384) fail("unitsPerEm " + std::to_string(upem) + " is out of range");
        fm.units_per_em_ = upem;
        const std::int16_t loca_format = head.i16(50, "head");

        const Bytes maxp = table("maxp");
        const std::uint16_t num_glyphs = maxp.u16(4, "'maxp' table");
        if (num_glyphs == 0) fail("has no glyphs");
        fm.glyph_count_ = num_glyphs;

        const Bytes hhea = table("hhea");
        if (hhea.size() < 36) fail("'hhea' table is truncated");
        fm.ascender_ = hhea.i16(4, "hhea");
        fm.descender_ = hhea.i16(6, "hhea");
        fm.line_gap_ = hhea.i16(8, "hhea");
        std::uint16_t num_hmetrics = hhea.u16(34, "hhea");
        if (num_hmetrics == 0) fail("'hhea' declares no horizontal metrics");
        if (fm.descender_ > 0) fm.descender_ = -fm.descender_;  // some fonts store it positive

        // TrueType outlines are what libharu embeds.
        const Bytes glyf = table("glyf");
        const Bytes loca = table("loca");

        const Bytes hmtx = table("hmtx");
        num_hmetrics = std::min(num_hmetrics, num_glyphs);
        if (!hmtx.has(0, std::uint64_t{num_hmetrics} * 4)) fail("'hmtx' table is truncated");
        fm.hmtx_.resize(num_glyphs);
        fm.gid_w1000_.resize(num_glyphs);
        for (std::uint32_t g = 0; g < num_glyphs; ++g) {
            const std::uint16_t adv = g < num_hmetrics ? hmtx.u16(std::uint64_t{g} * 4, "hmtx") : fm.hmtx_[num_hmetrics - 1];
            fm.hmtx_[g] = adv;
            // As libharu: (HPDF_UINT16)(advance * 1000 / units_per_em).
            fm.gid_w1000_[g] = static_cast<std::uint16_t>(std::min<std::uint32_t>(std::uint32_t{adv} * 1000u / upem, 0xFFFFu));
        }

        // ---- cmap: the best BMP subtable (format 4, else 12) and the best
        // format 12 for characters above U+FFFF.
        const Bytes cmap = table("cmap");
        const std::uint16_t ncmaps = cmap.u16(2, "'cmap' table");
        if (!cmap.has(4, std::uint64_t{ncmaps} * 8)) fail("'cmap' table is truncated");
        CmapChoice best4, best12;
        for (std::uint16_t i = 0; i < ncmaps; ++i) {
            const std::uint64_t rec = 4 + std::uint64_t{i} * 8;
            const std::uint16_t platform = cmap.u16(rec, "cmap");
            const std::uint16_t encoding = cmap.u16(rec + 2, "cmap");
            const std::uint32_t off = cmap.u32(rec + 4, "cmap");
            if (!cmap.has(off, 2)) continue;  // a bad record: ignore it
            const std::uint16_t format = cmap.u16(off, "cmap");
            int rank = -1;
            if (platform == 3 && encoding == 10) rank = 4;
            else if (platform == 3 && encoding == 1) rank = 3;
            else if (platform == 0) rank = 1 + (encoding >= 3 ? 1 : 0);
            if (rank < 0) continue;
            if (format == 4 && rank > best4.rank) best4 = {off, rank};
            if (format == 4 && platform == 3 && encoding == 1) fm.windows_bmp_cmap_ = true;
            if (format == 12 && rank > best12.rank) best12 = {off, rank};
        }
        if (best4.rank < 0 && best12.rank < 0) fail("has no Unicode character map (cmap format 4 or 12)");

        fm.bmp_gid_.assign(0x10000, 0);
        if (best4.rank >= 0) {
            const std::uint64_t base = best4.offset;
            const std::uint16_t seg_x2 = cmap.u16(base + 6, "cmap format 4");
            const std::uint32_t segs = seg_x2 / 2u;
            const std::uint64_t ends = base + 14;
            const std::uint64_t starts = ends + 2ull * segs + 2;
            const std::uint64_t deltas = starts + 2ull * segs;
            const std::uint64_t ranges = deltas + 2ull * segs;
            if (!cmap.has(base, 14 + 8ull * segs + 2)) fail("cmap format 4 subtable is truncated");
            std::int64_t prev_end = -1;
            for (std::uint32_t s = 0; s < segs; ++s) {
                const std::uint16_t end = cmap.u16(ends + 2ull * s, "cmap");
                const std::uint16_t start = cmap.u16(starts + 2ull * s, "cmap");
                const std::uint16_t delta = cmap.u16(deltas + 2ull * s, "cmap");
                const std::uint16_t range = cmap.u16(ranges + 2ull * s, "cmap");
                // Segments must ascend and not overlap; skipping the rest
                // also bounds the work a hostile table can cause.
                if (start > end || start <= prev_end) continue;
                prev_end = end;
                for (std::uint32_t c = start; c <= end; ++c) {
                    if (c == 0xFFFF) break;
                    std::uint32_t gid = 0;
                    if (range == 0) {
                        gid = (c + delta) & 0xFFFFu;
                    } else {
                        const std::uint64_t addr = ranges + 2ull * s + range + 2ull * (c - start);
                        if (!cmap.has(addr, 2)) continue;
                        gid = cmap.u16(addr, "cmap");
                        if (gid != 0) gid = (gid + delta) & 0xFFFFu;
                    }
                    if (gid < num_glyphs) fm.bmp_gid_[c] = static_cast<std::uint16_t>(gid);
                }
            }
        }
        if (best12.rank >= 0) {
            const std::uint64_t base = best12.offset;
            const std::uint32_t ngroups = cmap.u32(base + 12, "cmap format 12");
            if (!cmap.has(base + 16, std::uint64_t{ngroups} * 12)) fail("cmap format 12 subtable is truncated");
            std::int64_t prev_last = -1;
            for (std::uint32_t g = 0; g < ngroups; ++g) {
                const std::uint64_t rec = base + 16 + std::uint64_t{g} * 12;
                const std::uint32_t first = cmap.u32(rec, "cmap");
                const std::uint32_t last = cmap.u32(rec + 4, "cmap");
                const std::uint32_t first_gid = cmap.u32(rec + 8, "cmap");
                if (first > last || last > 0x10FFFF || std::int64_t{first} <= prev_last) continue;
                prev_last = last;
                if (best4.rank < 0 && first < 0x10000) {
                    const std::uint32_t stop = std::min<std::uint32_t>(last, 0xFFFF);
                    for (std::uint32_t c = first; c <= stop; ++c) {
                        const std::uint64_t gid = std::uint64_t{first_gid} + (c - first);
                        if (gid < num_glyphs) fm.bmp_gid_[c] = static_cast<std::uint16_t>(gid);
                    }
                }
                if (last >= 0x10000) {
                    const char32_t f = std::max<std::uint32_t>(first, 0x10000);
                    fm.groups_.push_back({f, last, static_cast<std::uint32_t>(first_gid + (f - first))});
                }
            }
        }
        fm.bmp_w1000_.resize(0x10000);
        for (std::uint32_t c = 0; c < 0x10000; ++c) fm.bmp_w1000_[c] = fm.gid_w1000_[fm.bmp_gid_[c]];

        // ---- cap height and x-height: OS/2 v2+, else the outlines.
        int cap = 0, xh = 0;
        auto os2it = tables.find(tag("OS/2"));
        if (os2it != tables.end()) {
            const Bytes& os2 = os2it->second;
            if (os2.size() >= 90 && os2.u16(0, "OS/2") >= 2) {
                xh = os2.i16(86, "OS/2");
                cap = os2.i16(88, "OS/2");
            }
        }
        auto glyph_top = [&](char32_t cp) -> int {
            const std::uint16_t gid = fm.bmp_gid_[cp];
            if (gid == 0) return 0;
            std::uint64_t start = 0, end = 0;
            if (loca_format == 0) {
                if (!loca.has(2ull * gid, 4)) return 0;
                start = 2ull * loca.u16(2ull * gid, "loca");
                end = 2ull * loca.u16(2ull * gid + 2, "loca");
            } else {
                if (!loca.has(4ull * gid, 8)) return 0;
                start = loca.u32(4ull * gid, "loca");
                end = loca.u32(4ull * gid + 4, "loca");
            }
            if (end < start + 10 || !glyf.has(start, end - start)) return 0;
            return glyf.i16(start + 8, "glyf");  // yMax
        };
        if (cap <= 0) cap = glyph_top(U'H');
        if (xh <= 0) xh = glyph_top(U'x');
        fm.cap_height_ = cap > 0 ? cap : upem * 7 / 10;
        fm.x_height_ = xh > 0 ? xh : upem / 2;
        if (fm.ascender_ <= 0) fm.ascender_ = upem * 8 / 10;
        if (fm.descender_ == 0) fm.descender_ = -(upem / 5);
    } catch (const ParseError& e) {
        error = e.message;
        return std::nullopt;
    }
    return fm;
}

// ---------------------------------------------------------------- FontSet

std::string face_name(Family family, FontStyle style) {
    std::string s = family == Family::Serif ? "serif-" : family == Family::Sans ? "sans-" : "mono-";
    switch (style) {
        case FontStyle::Regular: s += "regular"; break;
        case FontStyle::Italic: s += "italic"; break;
        case FontStyle::Bold: s += "bold"; break;
        case FontStyle::BoldItalic: s += "bold-italic"; break;
        case FontStyle::Semibold: s += "semibold"; break;
    }
    return s;
}

// One loaded fallback file, shared by the styles that resolve to it.
struct FontSet::Fallbacks {
    struct File {
        std::string path;
        std::unique_ptr<FontMetrics> own;  // until appended to the set
        const FontMetrics* metrics = nullptr;
        int index = -1;                    // in the set, once used
    };
    struct Entry {
        FallbackFamily spec;
        int file[5] = {-2, -2, -2, -2, -2};  // per FontStyle: index in files, -1 none, -2 not resolved yet
    };
    std::vector<Entry> chain;
    std::vector<File> files;
    std::unordered_map<std::uint64_t, int> cache;  // (font, cp) → face_for

    // The file of `entry` in `style`, resolved and loaded on first use; -1
    // when there is none that booklet (and libharu) can use.
    int file(std::size_t entry, FontStyle style) {
        Entry& e = chain[entry];
        int& slot = e.file[static_cast<int>(style)];
        if (slot != -2) return slot;
        slot = -1;
        const std::string path = e.spec.path.empty() ? find_font_file(e.spec.family, style) : e.spec.path;
        if (path.empty()) return slot;
        for (std::size_t i = 0; i < files.size(); ++i)
            if (files[i].path == path) return slot = files[i].metrics ? static_cast<int>(i) : -1;
        File f;
        f.path = path;
        std::string error;
        if (auto fm = FontMetrics::load(path, error); fm && fm->has_windows_bmp_cmap()) {
            f.own = std::make_unique<FontMetrics>(std::move(*fm));
            f.metrics = f.own.get();
        }
        files.push_back(std::move(f));
        return slot = files.back().metrics ? static_cast<int>(files.size() - 1) : -1;
    }
};

FontSet::FontSet() = default;
FontSet::~FontSet() = default;
FontSet::FontSet(FontSet&&) noexcept = default;
FontSet& FontSet::operator=(FontSet&&) noexcept = default;

void FontSet::set_fallbacks(std::vector<FallbackFamily> chain) {
    fallbacks_ = std::make_unique<Fallbacks>();
    for (auto& spec : chain) fallbacks_->chain.push_back({std::move(spec)});
}

std::size_t FontSet::fallback_files_read() const { return fallbacks_ ? fallbacks_->files.size() : 0; }

int FontSet::face_for(int font, char32_t cp) const {
    if (cp > 0xFFFF) return -1;
    if (metrics(font).has_glyph(cp)) return font;
    if (!fallbacks_) return -1;
    Fallbacks& fb = *fallbacks_;
    const std::uint64_t key = (std::uint64_t(static_cast<std::uint32_t>(font)) << 32) | cp;
    if (auto it = fb.cache.find(key); it != fb.cache.end()) return it->second;
    const auto family = static_cast<Family>(face_family_[static_cast<std::size_t>(font)]);
    FontStyle style = static_cast<FontStyle>(face_style_[static_cast<std::size_t>(font)]);
    if (style == FontStyle::Semibold) style = FontStyle::Bold;
    int found = -1;
    for (std::size_t e = 0; e < fb.chain.size() && found < 0; ++e) {
        if (fb.chain[e].spec.only_for && *fb.chain[e].spec.only_for != family) continue;
        for (FontStyle s : {style, FontStyle::Regular}) {
            const int f = fb.file(e, s);
            if (f < 0 || !fb.files[static_cast<std::size_t>(f)].metrics->has_glyph(cp)) {
                if (s == FontStyle::Regular) break;
                continue;
            }
            auto& file = fb.files[static_cast<std::size_t>(f)];
            if (file.index < 0) {
                // One file may serve several styles: the face is named by its file.
                std::string name = "fallback-" + std::filesystem::path(file.path).stem().string();
                file.index = append(std::move(name), file.path, std::move(file.own));
                ++fallbacks_used_;
            }
            found = file.index;
            break;
        }
    }
    fb.cache.emplace(key, found);
    return found;
}

int FontSet::append(std::string name, std::string path, std::unique_ptr<FontMetrics> metrics) const {
    metrics_.push_back(std::move(metrics));
    faces_.push_back({std::move(name), std::move(path)});
    face_family_.push_back(static_cast<std::uint8_t>(Family::Serif));
    face_style_.push_back(static_cast<std::uint8_t>(FontStyle::Regular));
    return static_cast<int>(faces_.size() - 1);
}

std::optional<int> FontSet::add(std::string name, const std::string& path, std::string& error) {
    auto fm = FontMetrics::load(path, error);
    if (!fm) return std::nullopt;
    return add(std::move(name), path, std::move(*fm));
}

int FontSet::add(std::string name, std::string path, FontMetrics metrics) {
    return append(std::move(name), std::move(path), std::make_unique<FontMetrics>(std::move(metrics)));
}

void FontSet::assign(Family family, FontStyle style, int index) {
    assigned_[static_cast<int>(family)][static_cast<int>(style)] = index;
    if (index >= 0 && static_cast<std::size_t>(index) < faces_.size()) {
        face_family_[static_cast<std::size_t>(index)] = static_cast<std::uint8_t>(family);
        face_style_[static_cast<std::size_t>(index)] = static_cast<std::uint8_t>(style);
    }
}

int FontSet::index(Family family, FontStyle style) const {
    auto get = [&](Family f, FontStyle s) { return assigned_[static_cast<int>(f)][static_cast<int>(s)]; };
    auto chain = [&](Family f) -> int {
        using S = FontStyle;
        static constexpr S kRegular[] = {S::Regular};
        static constexpr S kItalic[] = {S::Italic, S::Regular};
        static constexpr S kBold[] = {S::Bold, S::Semibold, S::Regular};
        static constexpr S kBoldItalic[] = {S::BoldItalic, S::Bold, S::Italic, S::Regular};
        static constexpr S kSemibold[] = {S::Semibold, S::Bold, S::Regular};
        const S* first = kRegular;
        std::size_t n = 1;
        switch (style) {
            case S::Regular: break;
            case S::Italic: first = kItalic; n = 2; break;
            case S::Bold: first = kBold; n = 3; break;
            case S::BoldItalic: first = kBoldItalic; n = 4; break;
            case S::Semibold: first = kSemibold; n = 3; break;
        }
        for (std::size_t i = 0; i < n; ++i)
            if (int v = get(f, first[i]); v >= 0) return v;
        return -1;
    };
    if (int v = chain(family); v >= 0) return v;
    if (family == Family::Mono)
        if (int v = chain(Family::Sans); v >= 0) return v;
    if (int v = chain(family == Family::Serif ? Family::Sans : Family::Serif); v >= 0) return v;
    return faces_.empty() ? -1 : 0;
}

int FontSet::index(std::string_view name) const {
    for (std::size_t i = 0; i < faces_.size(); ++i)
        if (faces_[i].name == name) return static_cast<int>(i);
    return -1;
}

std::optional<FontSet> FontSet::load_bundled(const std::string& fonts_dir, std::string& error) {
    struct Entry {
        Family family;
        FontStyle style;
        const char* file;
    };
    static constexpr Entry kEntries[] = {
        {Family::Serif, FontStyle::Regular, "Vollkorn-Regular.ttf"},
        {Family::Serif, FontStyle::Italic, "Vollkorn-Italic.ttf"},
        {Family::Serif, FontStyle::Bold, "Vollkorn-Bold.ttf"},
        {Family::Serif, FontStyle::BoldItalic, "Vollkorn-BoldItalic.ttf"},
        {Family::Sans, FontStyle::Regular, "OpenSans-Regular.ttf"},
        {Family::Sans, FontStyle::Italic, "OpenSans-Italic.ttf"},
        {Family::Sans, FontStyle::Bold, "OpenSans-Bold.ttf"},
        {Family::Sans, FontStyle::BoldItalic, "OpenSans-BoldItalic.ttf"},
        {Family::Sans, FontStyle::Semibold, "OpenSans-Semibold.ttf"},
    };
    FontSet set;
    for (const Entry& e : kEntries) {
        const std::string path = (std::filesystem::path(fonts_dir) / e.file).string();
        auto idx = set.add(face_name(e.family, e.style), path, error);
        if (!idx) return std::nullopt;
        set.assign(e.family, e.style, *idx);
    }
    return set;
}

}  // namespace booklet::layout
