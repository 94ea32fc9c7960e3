#include "render/pdf/print.hpp"

#include <png.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace booklet::render::pdf {

namespace {
constexpr double kMm = 72.0 / 25.4;
}  // namespace

PrintGeometry print_geometry(double width, double height, double bleed, bool marks) {
    const double o = bleed + (marks ? kMarkRoom : 0.0);
    PrintGeometry g;
    g.media = {0, 0, width + 2 * o, height + 2 * o};
    g.trim = {o, o, o + width, o + height};
    g.bleed = {o - bleed, o - bleed, o + width + bleed, o + height + bleed};
    return g;
}

LayoutRect bleed_extended(LayoutRect r, double width, double height, double bleed, std::array<bool, 4> sides) {
    if (r.w < 0) {
        r.x += r.w;
        r.w = -r.w;
    }
    if (r.h < 0) {
        r.y += r.h;
        r.h = -r.h;
    }
    double left = r.x, top = r.y, right = r.x + r.w, bottom = r.y + r.h;
    // A side at (or beyond) the trim edge runs on to the bleed edge.
    if (sides[0] && left <= kBleedTouch) left = std::min(left, -bleed);
    if (sides[1] && top <= kBleedTouch) top = std::min(top, -bleed);
    if (sides[2] && right >= width - kBleedTouch) right = std::max(right, width + bleed);
    if (sides[3] && bottom >= height - kBleedTouch) bottom = std::max(bottom, height + bleed);
    return {left, top, right - left, bottom - top};
}

std::optional<MarkSpan> mark_span(double bleed, double room) {
    if (room >= kMarkGap + kMarkLength - 1e-9) return MarkSpan{bleed + kMarkGap, bleed + kMarkGap + kMarkLength};
    const double gap = 1 * kMm, length = room - gap - 0.5 * kMm;
    if (length < 2 * kMm) return std::nullopt;
    return MarkSpan{bleed + gap, bleed + gap + length};
}

std::vector<Line> crop_marks(const Box& trim, double bleed, double room_x, double room_y) {
    const auto sx = mark_span(bleed, room_x), sy = mark_span(bleed, room_y);
    std::vector<Line> out;
    for (const double x : {trim.left, trim.right}) {
        const double dx = x == trim.left ? -1 : 1;
        for (const double y : {trim.bottom, trim.top}) {
            const double dy = y == trim.bottom ? -1 : 1;
            if (sx) out.push_back({x + dx * sx->from, y, x + dx * sx->to, y});  // along the horizontal edge
            if (sy) out.push_back({x, y + dy * sy->from, x, y + dy * sy->to});  // along the vertical edge
        }
    }
    return out;
}

std::vector<Sheet> saddle_stitch(int n) {
    std::vector<Sheet> out;
    if (n <= 0 || n % 4 != 0) return out;
    for (int i = 0; i < n / 4; ++i)
        out.push_back({{n - 2 * i, 2 * i + 1}, {2 * i + 2, n - 2 * i - 1}});
    return out;
}

std::optional<SheetSize> sheet_for(double page_width, double page_height, double bleed) {
    const std::vector<SheetSize> sizes =
        bleed > 0 ? std::vector<SheetSize>{{"SRA4", 320 * kMm, 225 * kMm}, {"SRA3", 450 * kMm, 320 * kMm}}
                  : std::vector<SheetSize>{{"A4", 297 * kMm, 210 * kMm}, {"A3", 420 * kMm, 297 * kMm}};
    const double w = 2 * page_width + 2 * bleed, h = page_height + 2 * bleed;
    for (const auto& s : sizes)
        if (w <= s.width + 0.01 && h <= s.height + 0.01) return s;
    return std::nullopt;
}

// --- PDF/A -------------------------------------------------------------------

std::string xml_escaped(std::string_view s) {
    std::string out;
    for (const char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string xmp_date(std::int64_t seconds) {
    using namespace std::chrono;
    const sys_seconds t{std::chrono::seconds{seconds}};
    const sys_days day = floor<days>(t);
    const year_month_day ymd{day};
    const hh_mm_ss<std::chrono::seconds> hms{t - day};
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d+00:00", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()));
    return buf;
}

std::string xmp_packet(const XmpFields& f) {
    auto alt = [](const std::string& v) {
        return "<rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escaped(v) + "</rdf:li></rdf:Alt>";
    };
    std::string x;
    // The begin attribute holds the UTF-8 byte order mark, as XMP wants.
    x += "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n";
    x += "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n";
    x += " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n";
    x += "  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n";
    x += "   <dc:format>application/pdf</dc:format>\n";
    if (!f.title.empty()) x += "   <dc:title>" + alt(f.title) + "</dc:title>\n";
    // One entry: the Info dictionary's Author as it is (PDF/A-1 wants the
    // two to match).
    if (!f.author.empty())
        x += "   <dc:creator><rdf:Seq><rdf:li>" + xml_escaped(f.author) + "</rdf:li></rdf:Seq></dc:creator>\n";
    if (!f.subject.empty()) x += "   <dc:description>" + alt(f.subject) + "</dc:description>\n";
    x += "  </rdf:Description>\n";
    x += "  <rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n";
    if (!f.creator.empty()) x += "   <xmp:CreatorTool>" + xml_escaped(f.creator) + "</xmp:CreatorTool>\n";
    if (f.created) {
        const std::string d = xmp_date(*f.created);
        x += "   <xmp:CreateDate>" + d + "</xmp:CreateDate>\n";
        x += "   <xmp:ModifyDate>" + d + "</xmp:ModifyDate>\n";
    }
    x += "  </rdf:Description>\n";
    x += "  <rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n";
    if (!f.producer.empty()) x += "   <pdf:Producer>" + xml_escaped(f.producer) + "</pdf:Producer>\n";
    if (!f.keywords.empty()) x += "   <pdf:Keywords>" + xml_escaped(f.keywords) + "</pdf:Keywords>\n";
    x += "  </rdf:Description>\n";
    x += "  <rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n";
    x += "   <pdfaid:part>1</pdfaid:part>\n";
    x += "   <pdfaid:conformance>B</pdfaid:conformance>\n";
    x += "  </rdf:Description>\n";
    x += " </rdf:RDF>\n";
    x += "</x:xmpmeta>\n";
    x += "<?xpacket end=\"w\"?>";
    return x;
}

std::optional<std::string> srgb_output_profile_problem(std::string_view icc) {
    if (icc.size() < 128 || icc.substr(36, 4) != "acsp") return "not an ICC profile";
    const auto u8 = [&](std::size_t i) { return static_cast<unsigned char>(icc[i]); };
    const std::uint32_t declared = (std::uint32_t{u8(0)} << 24) | (std::uint32_t{u8(1)} << 16) |
                                   (std::uint32_t{u8(2)} << 8) | u8(3);
    if (declared != icc.size())
        return "the profile says it is " + std::to_string(declared) + " bytes long, the file has " +
               std::to_string(icc.size());
    if (icc.substr(16, 4) != "RGB ") return "not an RGB profile (colour space '" + std::string(icc.substr(16, 4)) + "')";
    const std::string_view cls = icc.substr(12, 4);
    if (cls != "mntr" && cls != "prtr")
        return "device class '" + std::string(cls) + "': PDF/A-1 wants a display (mntr) or output (prtr) profile";
    if (u8(8) >= 4) return "ICC version " + std::to_string(u8(8)) + ": PDF/A-1 wants a version 2 profile";
    return std::nullopt;
}

// --- images --------------------------------------------------------------------

namespace {
struct PngImage {
    png_image image{};
    PngImage() { image.version = PNG_IMAGE_VERSION; }
    ~PngImage() { png_image_free(&image); }
    PngImage(const PngImage&) = delete;
    PngImage& operator=(const PngImage&) = delete;
};
}  // namespace

ImageColour image_colour(std::string_view b) {
    const auto u8 = [&](std::size_t i) { return static_cast<unsigned char>(b[i]); };
    if (b.size() >= 26 && b.substr(0, 8) == "\x89PNG\r\n\x1a\n" && b.substr(12, 4) == "IHDR") {
        switch (u8(25)) {  // colour type
            case 0: case 4: return ImageColour::Grey;
            case 2: case 3: case 6: return ImageColour::Rgb;
            default: return ImageColour::Unknown;
        }
    }
    if (b.size() >= 4 && u8(0) == 0xFF && u8(1) == 0xD8) {
        // Walk the marker segments to the start of frame.
        std::size_t i = 2;
        while (i + 4 <= b.size()) {
            if (u8(i) != 0xFF) return ImageColour::Unknown;
            const unsigned marker = u8(i + 1);
            if (marker == 0xFF) {  // fill byte
                ++i;
                continue;
            }
            if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
                i += 2;
                continue;
            }
            const std::size_t len = (std::size_t{u8(i + 2)} << 8) | u8(i + 3);
            const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                if (i + 9 >= b.size()) return ImageColour::Unknown;
                switch (u8(i + 9)) {  // number of components
                    case 1: return ImageColour::Grey;
                    case 3: return ImageColour::Rgb;
                    case 4: return ImageColour::Cmyk;
                    default: return ImageColour::Unknown;
                }
            }
            if (marker == 0xDA || len < 2) return ImageColour::Unknown;  // scan data before any frame
            i += 2 + len;
        }
    }
    return ImageColour::Unknown;
}

std::optional<bool> png_has_alpha(std::string_view png) {
    PngImage p;
    if (!png_image_begin_read_from_memory(&p.image, png.data(), png.size())) return std::nullopt;
    return (p.image.format & PNG_FORMAT_FLAG_ALPHA) != 0;
}

RawImage flatten_png(std::string_view png, std::array<unsigned char, 3> background) {
    PngImage p;
    if (!png_image_begin_read_from_memory(&p.image, png.data(), png.size()))
        throw std::runtime_error(std::string("invalid PNG: ") + p.image.message);
    const bool grey = (p.image.format & PNG_FORMAT_FLAG_COLOR) == 0 && background[0] == background[1] &&
                      background[1] == background[2];
    // 8-bit sRGB values with straight alpha, composited here on the values
    // themselves, as a PDF viewer blends an image with its soft mask
    // (libpng's own compositing works in linear light and looks lighter).
    p.image.format = grey ? PNG_FORMAT_GA : PNG_FORMAT_RGBA;
    std::vector<unsigned char> rgba(PNG_IMAGE_SIZE(p.image));
    if (!png_image_finish_read(&p.image, nullptr, rgba.data(), 0, nullptr))
        throw std::runtime_error(std::string("invalid PNG: ") + p.image.message);
    RawImage out;
    out.width = p.image.width;
    out.height = p.image.height;
    out.channels = grey ? 1 : 3;
    const std::size_t n = std::size_t{out.width} * out.height;
    const int in_channels = out.channels + 1;
    out.pixels.resize(n * static_cast<std::size_t>(out.channels));
    for (std::size_t i = 0; i < n; ++i) {
        const unsigned char* px = &rgba[i * static_cast<std::size_t>(in_channels)];
        const int a = px[out.channels];
        for (int c = 0; c < out.channels; ++c)
            out.pixels[i * static_cast<std::size_t>(out.channels) + static_cast<std::size_t>(c)] =
                static_cast<unsigned char>((px[c] * a + background[static_cast<std::size_t>(c)] * (255 - a) + 127) / 255);
    }
    return out;
}

}  // namespace booklet::render::pdf
