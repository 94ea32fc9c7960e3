#include "render/pdf/render_pdf.hpp"

#include "unicode/utf8.hpp"

#include <hpdf.h>
#include <hpdf_catalog.h>
#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string_view>
#include <vector>

#include "render/pdf/haru.hpp"
#include "render/pdf/png_check.hpp"
#include "render/pdf/print.hpp"
#include "render/pdf/text.hpp"
#include "render/pdf/truetype.hpp"

#ifndef BOOKLET_VERSION
#define BOOKLET_VERSION "unknown"
#endif

namespace booklet::render {
namespace {

using layout::Color;
using layout::Document;
using layout::Page;
using pdf::Box;
using pdf::HaruDoc;

[[noreturn]] void fail(const std::string& message) { throw RenderError(message); }

std::string page_ref(std::size_t index) { return "page " + std::to_string(index + 1); }

std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

// Reads a whole file; nullopt when it cannot be opened or read.
std::optional<std::string> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) return std::nullopt;
    return bytes;
}

bool is_ascii_text(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u >= 0x20 && u < 0x7F;
    });
}

// URIs in PDF are 7-bit ASCII: percent-encode anything else.
std::string ascii_uri(std::string_view uri) {
    std::string out;
    for (const char c : uri) {
        const auto u = static_cast<unsigned char>(c);
        if (u <= 0x20 || u >= 0x7F) {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", u);
            out += buf;
        } else {
            out += c;
        }
    }
    return out;
}

// A colour as PDF operators see it (libharu writes reals as floats): RGB
// for the screen edition, CMYK for print.
struct Paint {
    int components = 0;  // 3 or 4
    std::array<float, 4> v{};
    bool operator==(const Paint&) const = default;
};

Paint paint(const Color& c, bool cmyk) {
    auto clamp = [](double v) { return static_cast<float>(std::clamp(v, 0.0, 1.0)); };
    if (cmyk) return {4, {clamp(c.c), clamp(c.m), clamp(c.y), clamp(c.k)}};
    return {3, {clamp(c.r), clamp(c.g), clamp(c.b), 0}};
}

// Registration black for marks: on every separation in print, black on
// screen.
const Color kRegistration{0, 0, 0, 1, 1, 1, 1};

// Where one Document page is drawn on a PDF page.
struct Placement {
    double ox = 0, oy = 0;    // the trim's bottom-left corner in PDF user space
    std::optional<Box> clip;  // PDF user space
    std::array<bool, 4> bleed_sides{true, true, true, true};  // left, top, right, bottom
};

// Candidate locations of an sRGB profile (Debian: icc-profiles-free,
// colord).
const char* const kSrgbProfiles[] = {
    "/usr/share/color/icc/sRGB.icc",
    "/usr/share/color/icc/colord/sRGB.icc",
    "/usr/local/share/color/icc/sRGB.icc",
};

// One TrueType file loaded into the PDF (two FontFaces naming the same file
// share it).
struct LoadedFont {
    std::string path;
    std::string bytes;  // the file, kept for TrueTypeGlyphs
    std::unique_ptr<pdf::TrueTypeGlyphs> glyphs;
    HPDF_Font font = nullptr;
    HPDF_FontDef fontdef = nullptr;
    std::set<char32_t> codes;  // every character drawn with it
    std::vector<bool> checked = std::vector<bool>(0x10000, false);  // glyph looked up already
};

class Renderer {
public:
    Renderer(const Document& doc, const PdfOptions& options, bool imposed)
        : doc_(doc),
          opt_(options),
          imposed_(imposed),
          print_(options.profile == Profile::Print),
          bleed_(print_ ? options.bleed : 0.0),
          pdfa_(options.pdfa && !imposed) {}

    std::string render() {
        validate();
        validate_options();
        setup();
        if (imposed_) {
            impose();
        } else {
            for (std::size_t i = 0; i < doc_.pages.size(); ++i) add_page(i);
            for (std::size_t i = 0; i < doc_.pages.size(); ++i) draw_page(i);
            for (std::size_t i = 0; i < doc_.pages.size(); ++i) add_links(i);
            add_outline();
            add_page_labels();
        }
        set_info();
        if (pdfa_) add_pdfa_parts();
        finish_fonts();
        set_id();
        return haru_.save();
    }

private:
    // --- checks before libharu sees anything --------------------------------

    void validate() {
        if (doc_.pages.empty()) fail("the document has no pages");
        const auto page_count = static_cast<int>(doc_.pages.size());
        for (std::size_t p = 0; p < doc_.pages.size(); ++p) {
            const Page& page = doc_.pages[p];
            finite(page_ref(p) + " size", {page.width, page.height});
            if (page.width < 3 || page.height < 3 || page.width > 14400 || page.height > 14400)
                fail(page_ref(p) + ": page size " + std::to_string(page.width) + " x " +
                     std::to_string(page.height) + " pt is outside 3..14400 pt");
            for (const auto& r : page.rects)
                finite(page_ref(p) + " rectangle", {r.x, r.y, r.w, r.h, r.line_width});
            for (const auto& im : page.images) {
                finite(page_ref(p) + " image " + quoted(im.path), {im.x, im.y, im.w, im.h});
                if (im.w <= 0 || im.h <= 0)
                    fail(page_ref(p) + ": image " + quoted(im.path) + " has no area");
            }
            std::vector<char32_t> cps;
            for (const auto& run : page.runs) {
                // Built only when something is wrong: this runs for every word.
                const auto where_fn = [&] { return page_ref(p) + ", text " + quoted(run.text); };
                if (!std::isfinite(run.x) || !std::isfinite(run.y) || !std::isfinite(run.size))
                    finite(where_fn(), {run.x, run.y, run.size});
                if (run.font < 0 || static_cast<std::size_t>(run.font) >= doc_.fonts.size())
                    fail(where_fn() + ": font index " + std::to_string(run.font) + " out of range (" +
                         std::to_string(doc_.fonts.size()) + " fonts)");
                if (run.size <= 0 || run.size > 600)
                    fail(where_fn() + ": font size " + std::to_string(run.size) + " out of range");
                if (!pdf::decode_utf8(run.text, cps)) fail(where_fn() + ": invalid UTF-8");
                for (const char32_t c : cps) {
                    if (c < 0x20 || (c >= 0x7F && c < 0xA0))
                        fail(where_fn() + ": control character " + unicode::code_point_name(c));
                    // libharu's UTF-8 encoder maps a character to one 16-bit
                    // code: it cannot show characters beyond the BMP.
                    if (c > 0xFFFF)
                        fail(where_fn() + ": character " + unicode::code_point_name(c) +
                             " is outside the Basic Multilingual Plane, which the PDF renderer "
                             "cannot show");
                }
            }
            for (const auto& link : page.links) {
                finite(page_ref(p) + " link", {link.x, link.y, link.w, link.h, link.target_y});
                if (!link.uri.empty()) continue;
                if (link.target_page < 0 || link.target_page >= page_count)
                    fail(page_ref(p) + ": link to page index " + std::to_string(link.target_page) +
                         ", but the document has " + std::to_string(page_count) + " pages");
            }
        }
        int previous_level = -1;
        for (const auto& entry : doc_.outline) {
            const std::string where = "outline entry " + quoted(entry.title);
            finite(where, {entry.y});
            if (entry.level < 0 || entry.level > previous_level + 1)
                fail(where + ": level " + std::to_string(entry.level) + " after level " +
                     std::to_string(previous_level));
            if (entry.page < 0 || entry.page >= page_count)
                fail(where + ": page index " + std::to_string(entry.page) + ", but the document has " +
                     std::to_string(page_count) + " pages");
            std::vector<char32_t> cps;
            if (!pdf::decode_utf8(entry.title, cps)) fail(where + ": invalid UTF-8");
            previous_level = entry.level;
        }
        std::set<int> label_starts;
        for (const auto& range : doc_.page_labels) {
            const std::string where = "page label range at page index " + std::to_string(range.first_page);
            if (range.first_page < 0 || range.first_page >= page_count)
                fail(where + ": the document has " + std::to_string(page_count) + " pages");
            if (!label_starts.insert(range.first_page).second) fail(where + ": given twice");
            if (range.first_number < 1)
                fail(where + ": first number " + std::to_string(range.first_number) + " is below 1");
            std::vector<char32_t> cps;
            if (!pdf::decode_utf8(range.prefix, cps)) fail(where + ": prefix is not valid UTF-8");
        }
        for (const std::string* s : {&doc_.meta.title, &doc_.meta.author, &doc_.meta.subject,
                                     &doc_.meta.keywords, &doc_.meta.creator}) {
            std::vector<char32_t> cps;
            if (!pdf::decode_utf8(*s, cps)) fail("document metadata " + quoted(*s) + " is not valid UTF-8");
        }
        for (const char c : doc_.meta.lang)
            if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-'))
                fail("document language " + quoted(doc_.meta.lang) + " is not a language tag");
    }

    static void finite(const std::string& where, std::initializer_list<double> values) {
        for (const double v : values)
            if (!std::isfinite(v)) fail(where + ": a coordinate or size is not a finite number");
    }

    void validate_options() {
        if (print_ && (!std::isfinite(opt_.bleed) || opt_.bleed < 0 || opt_.bleed > 72))
            fail("bleed " + std::to_string(opt_.bleed) + " pt is outside 0..72 pt");
        if (pdfa_ && print_)
            fail("PDF/A-1b is made from the screen edition: the print edition's DeviceCMYK colours would need a "
                 "CMYK output intent");
        if (pdfa_) {
            // XML 1.0 cannot hold C0 control characters, and the XMP must
            // repeat the Info dictionary exactly.
            const auto& m = doc_.meta;
            for (const std::string* s : {&m.title, &m.author, &m.subject, &m.keywords, &m.creator})
                for (const char c : *s)
                    if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')
                        fail("document metadata " + quoted(*s) + " holds a control character, which PDF/A "
                             "metadata (XMP) cannot");
        }
        if (imposed_) {
            const auto n = static_cast<int>(doc_.pages.size());
            if (n % 4 != 0)
                fail("imposition for saddle stitching needs a page count that is a multiple of 4; the document "
                     "has " + std::to_string(n) + " pages");
            const Page& first = doc_.pages.front();
            for (std::size_t p = 1; p < doc_.pages.size(); ++p)
                if (std::abs(doc_.pages[p].width - first.width) > 0.01 ||
                    std::abs(doc_.pages[p].height - first.height) > 0.01)
                    fail("imposition needs pages of one size: " + page_ref(p) + " is " +
                         std::to_string(doc_.pages[p].width) + " x " + std::to_string(doc_.pages[p].height) +
                         " pt, page 1 is " + std::to_string(first.width) + " x " + std::to_string(first.height) +
                         " pt");
            if (!pdf::sheet_for(first.width, first.height, bleed_))
                fail("a spread of two " + std::to_string(first.width) + " x " + std::to_string(first.height) +
                     " pt pages does not fit on any sheet the imposition uses (A4, A3, SRA4, SRA3)");
        } else if (print_) {
            for (std::size_t p = 0; p < doc_.pages.size(); ++p) {
                const auto g = pdf::print_geometry(doc_.pages[p].width, doc_.pages[p].height, bleed_, opt_.crop_marks);
                if (g.media.width() > 14400 || g.media.height() > 14400)
                    fail(page_ref(p) + ": with bleed and marks the page exceeds 14400 pt");
            }
        }
    }

    // A warning goes to the caller, or stops the rendering in strict mode.
    void warn(const std::string& message) {
        if (!warned_.insert(message).second) return;
        if (opt_.strict) fail(message + " (strict mode)");
        if (opt_.warn) opt_.warn(message);
    }

    // --- document ----------------------------------------------------------

    void setup() {
        HPDF_Doc pdf = haru_.get();
        haru_.check(HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL), "setting compression");
        haru_.check(HPDF_UseUTFEncodings(pdf), "enabling UTF-8");
        haru_.check(HPDF_SetCurrentEncoder(pdf, "UTF-8"), "selecting the UTF-8 encoder");
        // /Lang and PNG soft masks are PDF 1.4; libharu would write 1.3.
        pdf->pdf_version = HPDF_VER_14;
        fonts_.resize(doc_.fonts.size(), nullptr);
        hash_document();
    }

    void hash_document() {
        hash_.field("booklet-pdf-1");
        // The edition: the same Document gives different files.
        hash_.field(imposed_ ? "imposed" : "single");
        hash_.field(print_ ? "print" : "screen");
        hash_.number(bleed_);
        hash_.integer((print_ || imposed_) && opt_.crop_marks);
        hash_.integer(pdfa_);
        for (const auto& f : doc_.fonts) {
            hash_.field(f.name);
            hash_.field(f.path);
        }
        auto color = [this](const Color& c) {
            for (const double v : {c.r, c.g, c.b, c.c, c.m, c.y, c.k}) hash_.number(v);
        };
        for (const Page& page : doc_.pages) {
            hash_.field("page");
            hash_.number(page.width);
            hash_.number(page.height);
            for (const auto& r : page.rects) {
                for (const double v : {r.x, r.y, r.w, r.h, r.line_width}) hash_.number(v);
                hash_.integer(r.fill ? 1 : 0);
                if (r.fill) color(*r.fill);
                hash_.integer(r.stroke ? 1 : 0);
                if (r.stroke) color(*r.stroke);
                hash_.integer(r.bleed);
            }
            for (const auto& im : page.images) {
                hash_.field(im.path);
                for (const double v : {im.x, im.y, im.w, im.h}) hash_.number(v);
            }
            for (const auto& run : page.runs) {
                hash_.integer(run.font);
                for (const double v : {run.size, run.x, run.y, run.width}) hash_.number(v);
                color(run.color);
                hash_.field(run.text);
            }
            for (const auto& l : page.links) {
                for (const double v : {l.x, l.y, l.w, l.h, l.target_y}) hash_.number(v);
                hash_.integer(l.target_page);
                hash_.field(l.uri);
            }
        }
        for (const auto& e : doc_.outline) {
            hash_.field(e.title);
            hash_.integer(e.level);
            hash_.integer(e.page);
            hash_.number(e.y);
        }
        for (const auto& l : doc_.page_labels) {
            hash_.integer(l.first_page);
            hash_.integer(static_cast<int>(l.style));
            hash_.field(l.prefix);
            hash_.integer(l.first_number);
        }
        const auto& m = doc_.meta;
        for (const std::string* s : {&m.title, &m.author, &m.subject, &m.keywords, &m.creator, &m.lang})
            hash_.field(*s);
        hash_.integer(m.created ? 1 : 0);
        hash_.integer(m.created.value_or(0));
    }

    // A PDF text string: literal for plain ASCII, else UTF-16BE with a byte
    // order mark written as a hex string. libharu's own UTF-8 text strings
    // (HPDF_SetInfoAttr, HPDF_CreateOutline) turn characters beyond the BMP
    // into spaces, so text strings are built here.
    void* text_string(std::string_view s) {
        if (is_ascii_text(s)) return HPDF_String_New(haru_.mmgr(), std::string(s).c_str(), nullptr);
        const std::string utf16 = pdf::utf16be_with_bom(s);
        return HPDF_Binary_New(haru_.mmgr(),
                               reinterpret_cast<HPDF_BYTE*>(const_cast<char*>(utf16.data())),
                               static_cast<HPDF_UINT>(utf16.size()));
    }

    void add_text_entry(HPDF_Dict dict, const char* key, std::string_view value, std::string_view what) {
        void* obj = haru_.need(text_string(value), what);
        haru_.check(HPDF_Dict_Add(dict, key, obj), what);
    }

    // --- fonts and images --------------------------------------------------

    LoadedFont& font(int index) {
        if (LoadedFont* f = fonts_[static_cast<std::size_t>(index)]) return *f;
        const auto& face = doc_.fonts[static_cast<std::size_t>(index)];
        for (auto& loaded : loaded_fonts_)
            if (loaded->path == face.path) return *(fonts_[static_cast<std::size_t>(index)] = loaded.get());

        const std::string what = "loading font " + quoted(face.name) + " from " + quoted(face.path);
        auto bytes = read_file(face.path);
        if (!bytes) fail(what + ": cannot read the file");
        auto f = std::make_unique<LoadedFont>();
        f->path = face.path;
        f->bytes = std::move(*bytes);
        try {
            f->glyphs = std::make_unique<pdf::TrueTypeGlyphs>(f->bytes);
        } catch (const pdf::TrueTypeError& e) {
            fail(what + ": " + e.what());
        }
        hash_.field(f->bytes);
        HPDF_Doc pdf = haru_.get();
        const char* name = haru_.need(HPDF_LoadTTFontFromFile(pdf, face.path.c_str(), HPDF_TRUE), what);
        f->font = haru_.need(HPDF_GetFont(pdf, name, "UTF-8"), what);
        // Two files with the same PostScript name come back as one font.
        for (auto& loaded : loaded_fonts_)
            if (loaded->font == f->font) return *(fonts_[static_cast<std::size_t>(index)] = loaded.get());
        auto* attr = static_cast<HPDF_FontAttr>(f->font->attr);
        f->fontdef = attr ? attr->fontdef : nullptr;
        if (!f->fontdef || f->fontdef->type != HPDF_FONTDEF_TYPE_TRUETYPE || !attr->cmap_stream)
            fail(what + ": libharu did not load it as an embedded TrueType font");
        const auto* tt = static_cast<HPDF_TTFontDefAttr>(f->fontdef->attr);
        if (tt->num_glyphs != f->glyphs->glyph_count())
            fail(what + ": libharu and booklet disagree on the number of glyphs");
        loaded_fonts_.push_back(std::move(f));
        return *(fonts_[static_cast<std::size_t>(index)] = loaded_fonts_.back().get());
    }

    // The image file at `path`, loaded once per file (and, in PDF/A, once
    // per background it is flattened onto). `page` is for messages.
    HPDF_Image image(const std::string& path, std::size_t page, const std::optional<Color>& flatten_onto) {
        std::string key = path;
        std::array<unsigned char, 3> bg{255, 255, 255};
        if (flatten_onto) {
            const Paint v = paint(*flatten_onto, false);
            for (int k = 0; k < 3; ++k) bg[k] = static_cast<unsigned char>(std::lround(v.v[k] * 255));
            key += '\0';
            key.append(reinterpret_cast<const char*>(bg.data()), bg.size());
        }
        if (auto it = images_.find(key); it != images_.end()) return it->second;
        const std::string what = "loading image " + quoted(path);
        auto bytes = read_file(path);
        if (!bytes) fail(what + ": cannot read the file");
        hash_.field(*bytes);
        const auto* data = reinterpret_cast<const HPDF_BYTE*>(bytes->data());
        const auto size = static_cast<HPDF_UINT>(bytes->size());
        HPDF_Image img;
        const bool png = bytes->size() >= 8 && bytes->compare(0, 8, "\x89PNG\r\n\x1a\n") == 0;
        const bool jpeg = !png && bytes->size() >= 3 && bytes->compare(0, 3, "\xFF\xD8\xFF") == 0;
        if (png) {
            // libharu's libpng error callback returns instead of jumping out,
            // so libpng aborts the process on a corrupt PNG: decode it here
            // first, where errors are caught.
            if (const auto problem = pdf::png_problem(*bytes)) fail(what + ": " + *problem);
        } else if (jpeg) {
            // libharu copies the JPEG data as it is: catch a truncated file
            // (no end-of-image marker after the last start-of-scan; scan
            // data cannot contain either marker).
            const auto sos = bytes->rfind("\xFF\xDA");
            const auto eoi = bytes->rfind("\xFF\xD9");
            if (sos == std::string::npos || eoi == std::string::npos || eoi < sos)
                fail(what + ": truncated or invalid JPEG file (no image data with an end marker)");
        } else {
            fail(what + ": neither a PNG nor a JPEG file");
        }

        const auto colour = pdf::image_colour(*bytes);
        if (print_ && colour != pdf::ImageColour::Grey && colour != pdf::ImageColour::Cmyk)
            warn("image " + quoted(path) + " (" + page_ref(page) + ") is " +
                 (colour == pdf::ImageColour::Rgb ? "RGB" : "in an unknown colour space") +
                 ": the print edition wants CMYK or greyscale images");
        if (pdfa_ && colour == pdf::ImageColour::Cmyk)
            fail(what + ": a CMYK image cannot go into the PDF/A-1b edition, whose output intent is sRGB");

        if (png && pdfa_ && pdf::png_has_alpha(*bytes).value_or(false)) {
            // PDF/A-1 allows no transparency (no soft masks): composite the
            // image onto the colour under it, as a viewer would show it.
            pdf::RawImage raw;
            try {
                raw = pdf::flatten_png(*bytes, bg);
            } catch (const std::exception& e) {
                fail(what + ": " + e.what());
            }
            img = haru_.need(HPDF_LoadRawImageFromMem(haru_.get(), raw.pixels.data(), raw.width, raw.height,
                                                      raw.channels == 1 ? HPDF_CS_DEVICE_GRAY : HPDF_CS_DEVICE_RGB, 8),
                             what);
            image_bytes_.push_back(std::string(raw.pixels.begin(), raw.pixels.end()));
        } else if (png) {
            img = haru_.need(HPDF_LoadPngImageFromMem(haru_.get(), data, size), what);
        } else {
            img = haru_.need(HPDF_LoadJpegImageFromMem(haru_.get(), data, size), what);
        }
        image_bytes_.push_back(std::move(*bytes));
        images_.emplace(key, img);
        return img;
    }

    // The colour under an image: the last filled rectangle drawn before it
    // that covers it whole, else the paper; with a warning when the area
    // under it is not of one colour.
    Color background_of(const Page& page, std::size_t page_index, std::size_t image_index) {
        const auto& im = page.images[image_index];
        auto overlaps = [&](double x, double y, double w, double h) {
            return std::min(x + w, im.x + im.w) > std::max(x, im.x) && std::min(y + h, im.y + im.h) > std::max(y, im.y);
        };
        Color bg = Color::white();
        bool uniform = true;
        for (const auto& r : page.rects) {
            if (!r.fill || r.w == 0 || r.h == 0) continue;
            const double x = std::min(r.x, r.x + r.w), y = std::min(r.y, r.y + r.h);
            const double w = std::abs(r.w), h = std::abs(r.h);
            if (x <= im.x && y <= im.y && x + w >= im.x + im.w && y + h >= im.y + im.h) {
                bg = *r.fill;
                uniform = true;  // covers whatever was under it before
            } else if (overlaps(x, y, w, h)) {
                uniform = false;
            }
        }
        for (std::size_t k = 0; k < image_index; ++k) {
            const auto& other = page.images[k];
            if (overlaps(other.x, other.y, other.w, other.h)) uniform = false;
        }
        if (!uniform)
            warn("image " + quoted(im.path) + " (" + page_ref(page_index) +
                 "): its transparency was flattened onto one colour, but what lies under it is not of one colour");
        return bg;
    }

    // --- pages ---------------------------------------------------------------

    void add_box(HPDF_Page p, const char* key, const Box& b, const std::string& what) {
        HPDF_Box box;
        box.left = static_cast<HPDF_REAL>(b.left);
        box.bottom = static_cast<HPDF_REAL>(b.bottom);
        box.right = static_cast<HPDF_REAL>(b.right);
        box.top = static_cast<HPDF_REAL>(b.top);
        HPDF_Array a = haru_.need(HPDF_Box_Array_New(haru_.mmgr(), box), what);
        haru_.check(HPDF_Dict_Add(p, key, a), what);
    }

    HPDF_Page new_page(double width, double height, const std::string& what) {
        HPDF_Page p = haru_.need(HPDF_AddPage(haru_.get()), what);
        haru_.check(HPDF_Page_SetWidth(p, static_cast<HPDF_REAL>(width)), what);
        haru_.check(HPDF_Page_SetHeight(p, static_cast<HPDF_REAL>(height)), what);
        return p;
    }

    // Screen: the trim size. Print: MediaBox = trim + bleed + room for the
    // crop marks, BleedBox, TrimBox; the content is moved to the trim box.
    void add_page(std::size_t i) {
        const Page& page = doc_.pages[i];
        const std::string what = "adding " + page_ref(i);
        if (!print_) {
            pages_.push_back(new_page(page.width, page.height, what));
            origins_.push_back({0, 0});
            return;
        }
        const auto g = pdf::print_geometry(page.width, page.height, bleed_, opt_.crop_marks);
        HPDF_Page p = new_page(g.media.width(), g.media.height(), what);
        add_box(p, "BleedBox", g.bleed, what);
        add_box(p, "TrimBox", g.trim, what);
        pages_.push_back(p);
        origins_.push_back({g.trim.left, g.trim.bottom});
    }

    // Graphics state already set in the current content block, so that each
    // operator is written only when its value changes.
    struct State {
        std::optional<Paint> fill, stroke;
        std::optional<float> line_width;
        HPDF_Font font = nullptr;
        float font_size = 0;
    };

    // "dx dy Td" written straight into the page's content stream: libharu's
    // HPDF_Page_MoveTextPos clears a 512-byte buffer byte by byte on every
    // call, which cost more than the rest of drawing a word. libharu does not
    // use the text position it would have tracked when it writes a page.
    void move_text(HPDF_Page p, double dx, double dy) {
        auto* attr = static_cast<HPDF_PageAttr>(p->attr);
        std::string op;
        op.reserve(32);
        append_real(op, dx);
        op += ' ';
        append_real(op, dy);
        op += " Td\012";
        haru_.check(HPDF_Stream_Write(attr->stream, reinterpret_cast<const HPDF_BYTE*>(op.data()),
                                      static_cast<HPDF_UINT>(op.size())),
                    "writing a text position");
    }

    // A PDF real: fixed notation, rounded to four decimals, no trailing
    // zeros, never "-0". (printf's %f costs more than all the rest.)
    static void append_real(std::string& out, double v) {
        long long q = std::llround(v * 10000.0);
        if (q < 0) {
            out += '-';
            q = -q;
        }
        out += std::to_string(q / 10000);
        long long frac = q % 10000;
        if (frac == 0) return;
        char digits[4];
        for (int i = 3; i >= 0; --i, frac /= 10) digits[i] = static_cast<char>('0' + frac % 10);
        int len = 4;
        while (digits[len - 1] == '0') --len;
        out += '.';
        out.append(digits, static_cast<std::size_t>(len));
    }

    void set_fill(HPDF_Page p, State& st, const Color& c) {
        const Paint v = paint(c, print_);
        if (st.fill == v) return;
        if (v.components == 4)
            haru_.check(HPDF_Page_SetCMYKFill(p, v.v[0], v.v[1], v.v[2], v.v[3]), "setting the fill colour");
        else
            haru_.check(HPDF_Page_SetRGBFill(p, v.v[0], v.v[1], v.v[2]), "setting the fill colour");
        st.fill = v;
    }

    void set_stroke(HPDF_Page p, State& st, const Color& c, double width) {
        const Paint v = paint(c, print_);
        if (st.stroke != v) {
            if (v.components == 4)
                haru_.check(HPDF_Page_SetCMYKStroke(p, v.v[0], v.v[1], v.v[2], v.v[3]), "setting the stroke colour");
            else
                haru_.check(HPDF_Page_SetRGBStroke(p, v.v[0], v.v[1], v.v[2]), "setting the stroke colour");
            st.stroke = v;
        }
        const auto w = static_cast<float>(std::max(0.0, width));
        if (st.line_width != w) {
            haru_.check(HPDF_Page_SetLineWidth(p, w), "setting the line width");
            st.line_width = w;
        }
    }

    void draw_page(std::size_t i) {
        const Page& page = doc_.pages[i];
        HPDF_Page p = pages_[i];
        if (!print_) {
            draw_content(p, i, Placement{});
            return;
        }
        const auto g = pdf::print_geometry(page.width, page.height, bleed_, opt_.crop_marks);
        draw_content(p, i, Placement{g.trim.left, g.trim.bottom, g.bleed, {true, true, true, true}});
        if (opt_.crop_marks) draw_marks(p, pdf::crop_marks(g.trim, bleed_), {});
    }

    void draw_marks(HPDF_Page p, const std::vector<pdf::Line>& solid, const std::vector<pdf::Line>& dashed) {
        const std::string what = "drawing marks";
        State st;
        set_stroke(p, st, kRegistration, pdf::kMarkLineWidth);
        auto stroke = [&](const std::vector<pdf::Line>& lines) {
            for (const auto& l : lines) {
                haru_.check(HPDF_Page_MoveTo(p, static_cast<HPDF_REAL>(l.x1), static_cast<HPDF_REAL>(l.y1)), what);
                haru_.check(HPDF_Page_LineTo(p, static_cast<HPDF_REAL>(l.x2), static_cast<HPDF_REAL>(l.y2)), what);
            }
            if (!lines.empty()) haru_.check(HPDF_Page_Stroke(p), what);
        };
        stroke(solid);
        if (!dashed.empty()) {
            const HPDF_UINT16 pattern[] = {3, 2};
            haru_.check(HPDF_Page_SetDash(p, pattern, 2, 0), what);
            stroke(dashed);
        }
    }

    // Draws Document page `i` onto `p` at `at`: rectangles, then images,
    // then text. The content is wrapped in q ... Q with a translation and a
    // clip when `at` has them (print and imposed pages); the screen edition
    // draws directly in page space.
    void draw_content(HPDF_Page p, std::size_t i, const Placement& at) {
        const std::string where = "drawing " + page_ref(i);
        const bool wrapped = at.ox != 0 || at.oy != 0 || at.clip;
        if (wrapped) {
            haru_.check(HPDF_Page_GSave(p), where);
            if (at.clip) {
                haru_.check(HPDF_Page_Rectangle(p, static_cast<HPDF_REAL>(at.clip->left),
                                                static_cast<HPDF_REAL>(at.clip->bottom),
                                                static_cast<HPDF_REAL>(at.clip->width()),
                                                static_cast<HPDF_REAL>(at.clip->height())),
                            where);
                haru_.check(HPDF_Page_Clip(p), where);
                haru_.check(HPDF_Page_EndPath(p), where);
            }
            if (at.ox != 0 || at.oy != 0)
                haru_.check(HPDF_Page_Concat(p, 1, 0, 0, 1, static_cast<HPDF_REAL>(at.ox), static_cast<HPDF_REAL>(at.oy)),
                            where);
        }
        try {
            draw_items(p, i, at);
        } catch (...) {
            // libharu frees only a page's current graphics state with the
            // page: release the one saved by q.
            auto* attr = static_cast<HPDF_PageAttr>(p->attr);
            while (attr && attr->gstate && attr->gstate->prev) attr->gstate = HPDF_GState_Free(p->mmgr, attr->gstate);
            throw;
        }
        if (wrapped) haru_.check(HPDF_Page_GRestore(p), where);
    }

    void draw_items(HPDF_Page p, std::size_t i, const Placement& at) {
        const Page& page = doc_.pages[i];
        const double H = page.height;
        State st;
        const std::string where = "drawing " + page_ref(i);

        for (const auto& r : page.rects) {
            if (r.w == 0 || r.h == 0) {
                const auto& c = r.stroke ? r.stroke : r.fill;
                if (!c) continue;
                set_stroke(p, st, *c, r.line_width);
                haru_.check(HPDF_Page_MoveTo(p, static_cast<HPDF_REAL>(r.x), static_cast<HPDF_REAL>(H - r.y)), where);
                haru_.check(HPDF_Page_LineTo(p, static_cast<HPDF_REAL>(r.x + r.w),
                                             static_cast<HPDF_REAL>(H - r.y - r.h)),
                            where);
                haru_.check(HPDF_Page_Stroke(p), where);
                continue;
            }
            if (!r.fill && !r.stroke) continue;
            pdf::LayoutRect box{r.x, r.y, r.w, r.h};
            if (r.bleed && bleed_ > 0) box = pdf::bleed_extended(box, page.width, H, bleed_, at.bleed_sides);
            if (r.fill) set_fill(p, st, *r.fill);
            if (r.stroke) set_stroke(p, st, *r.stroke, r.line_width);
            haru_.check(HPDF_Page_Rectangle(p, static_cast<HPDF_REAL>(box.x), static_cast<HPDF_REAL>(H - box.y - box.h),
                                            static_cast<HPDF_REAL>(box.w), static_cast<HPDF_REAL>(box.h)),
                        where);
            if (r.fill && r.stroke)
                haru_.check(HPDF_Page_FillStroke(p), where);
            else if (r.fill)
                haru_.check(HPDF_Page_Fill(p), where);
            else
                haru_.check(HPDF_Page_Stroke(p), where);
        }

        for (std::size_t k = 0; k < page.images.size(); ++k) {
            const auto& im = page.images[k];
            std::optional<Color> under;
            if (pdfa_) under = background_of(page, i, k);
            HPDF_Image img = image(im.path, i, under);
            haru_.check(HPDF_Page_DrawImage(p, img, static_cast<HPDF_REAL>(im.x),
                                            static_cast<HPDF_REAL>(H - im.y - im.h),
                                            static_cast<HPDF_REAL>(im.w), static_cast<HPDF_REAL>(im.h)),
                        "drawing image " + quoted(im.path) + " on " + page_ref(i));
        }

        // Text in document order (the content stream order is the reading
        // order of an untagged PDF: text extraction, screen readers), in
        // one text object, with font, size and colour set only on change.
        bool in_text = false;
        double line_x = 0, line_y = 0;  // the text line's start, for relative moves
        std::vector<char32_t> cps;
        for (const auto& run : page.runs) {
            if (run.text.empty()) continue;
            LoadedFont& f = font(run.font);
            pdf::decode_utf8(run.text, cps);
            for (const char32_t c : cps) {
                if (f.checked[c]) continue;  // validate() keeps c within the BMP
                f.checked[c] = true;
                if (HPDF_TTFontDef_GetGlyphid(f.fontdef, static_cast<HPDF_UINT16>(c)) == 0)
                    fail(page_ref(i) + ", text " + quoted(run.text) + ": font " +
                         quoted(doc_.fonts[static_cast<std::size_t>(run.font)].name) + " (" + f.path +
                         ") has no glyph for " + unicode::code_point_name(c));
                f.codes.insert(c);
            }
            if (!in_text) {
                haru_.check(HPDF_Page_BeginText(p), where);
                in_text = true;
                line_x = line_y = 0;
            }
            const auto size = static_cast<float>(run.size);
            if (st.font != f.font || st.font_size != size) {
                haru_.check(HPDF_Page_SetFontAndSize(p, f.font, size), where);
                st.font = f.font;
                st.font_size = size;
            }
            set_fill(p, st, run.color);
            // A relative move from the line's start ("Td"): shorter than a
            // whole text matrix per word, and the start is tracked in double,
            // so rounding does not add up along a page.
            const double x = run.x, y = H - run.y;
            move_text(p, x - line_x, y - line_y);
            line_x = x;
            line_y = y;
            haru_.check_lazily(HPDF_Page_ShowText(p, run.text.c_str()),
                               [&] { return where + ", text " + quoted(run.text); });
        }
        if (in_text) haru_.check(HPDF_Page_EndText(p), where);
    }

    // --- imposition ---------------------------------------------------------------

    // Each sheet side holds a spread of two Document pages, centred; the
    // spread's outer edges may bleed, the spine may not (the neighbour page
    // is there). Cut marks at the spread's corners and fold marks (dashed)
    // on the spine line, outside the bleed, fitted into the room the sheet
    // has (none on A4 for A5 pages: the spread fills the sheet).
    void impose() {
        const Page& first = doc_.pages.front();
        const double W = first.width, H = first.height, b = bleed_;
        const auto sheet = *pdf::sheet_for(W, H, b);
        const double sx = (sheet.width - 2 * W) / 2, sy = (sheet.height - H) / 2;
        const Box trim{sx, sy, sx + 2 * W, sy + H};
        const Box bleed{trim.left - b, trim.bottom - b, trim.right + b, trim.top + b};
        std::vector<pdf::Line> cut, fold;
        if (opt_.crop_marks) {
            // Marks fitted into what the sheet has beyond the bleed.
            cut = pdf::crop_marks(trim, b, sx - b, sy - b);
            if (const auto span = pdf::mark_span(b, sy - b)) {
                const double x = sx + W;
                fold = {{x, trim.top + span->from, x, trim.top + span->to},
                        {x, trim.bottom - span->from, x, trim.bottom - span->to}};
            }
        }
        const bool marks = !cut.empty() || !fold.empty();
        const auto sheets = pdf::saddle_stitch(static_cast<int>(doc_.pages.size()));
        for (std::size_t s = 0; s < sheets.size(); ++s) {
            for (const auto& [side, name] : {std::pair{sheets[s].front, "front"}, std::pair{sheets[s].back, "back"}}) {
                const std::string what = "adding sheet " + std::to_string(s + 1) + " " + name;
                HPDF_Page p = new_page(sheet.width, sheet.height, what);
                add_box(p, "BleedBox", bleed, what);
                add_box(p, "TrimBox", trim, what);
                draw_content(p, static_cast<std::size_t>(side.left - 1),
                             Placement{sx, sy, Box{sx - b, sy - b, sx + W, sy + H + b}, {true, true, false, true}});
                draw_content(p, static_cast<std::size_t>(side.right - 1),
                             Placement{sx + W, sy, Box{sx + W, sy - b, sx + 2 * W + b, sy + H + b}, {false, true, true, true}});
                if (marks) draw_marks(p, cut, fold);
            }
        }
    }

    // [page /XYZ null top null]: scroll to `y`, keep the reader's zoom and
    // horizontal position. libharu 2.3.0's HPDF_Destination_SetXYZ rejects
    // zoom 0 and cannot write null, so the array is rebuilt here the way
    // SetXYZ itself does it.
    HPDF_Destination destination(int page, double y, std::string_view what) {
        const double H = doc_.pages[static_cast<std::size_t>(page)].height;
        const double oy = origins_[static_cast<std::size_t>(page)].second;
        HPDF_Destination dst = haru_.need(HPDF_Page_CreateDestination(pages_[static_cast<std::size_t>(page)]), what);
        void* target = haru_.need(HPDF_Array_GetItem(dst, 0, HPDF_OCLASS_DICT), what);
        HPDF_Array_Clear(dst);
        haru_.check(HPDF_Array_Add(dst, target), what);
        haru_.check(HPDF_Array_AddName(dst, "XYZ"), what);
        haru_.check(HPDF_Array_Add(dst, haru_.need(HPDF_Null_New(haru_.mmgr()), what)), what);
        haru_.check(HPDF_Array_AddReal(dst, static_cast<HPDF_REAL>(oy + std::clamp(H - y, 0.0, H))), what);
        haru_.check(HPDF_Array_Add(dst, haru_.need(HPDF_Null_New(haru_.mmgr()), what)), what);
        return dst;
    }

    void add_links(std::size_t i) {
        const Page& page = doc_.pages[i];
        const double H = page.height;
        const auto [ox, oy] = origins_[i];
        for (const auto& link : page.links) {
            HPDF_Rect rect;
            rect.left = static_cast<HPDF_REAL>(ox + link.x);
            rect.bottom = static_cast<HPDF_REAL>(oy + H - link.y - link.h);
            rect.right = static_cast<HPDF_REAL>(ox + link.x + link.w);
            rect.top = static_cast<HPDF_REAL>(oy + H - link.y);
            HPDF_Annotation annot;
            if (!link.uri.empty()) {
                const std::string what = page_ref(i) + ": link to " + quoted(link.uri);
                annot = haru_.need(HPDF_Page_CreateURILinkAnnot(pages_[i], rect, ascii_uri(link.uri).c_str()), what);
                haru_.check(HPDF_LinkAnnot_SetBorderStyle(annot, 0, 0, 0), what);
            } else {
                const std::string what = page_ref(i) + ": link to " + page_ref(static_cast<std::size_t>(link.target_page));
                HPDF_Destination dst = destination(link.target_page, link.target_y, what);
                annot = haru_.need(HPDF_Page_CreateLinkAnnot(pages_[i], rect, dst), what);
                haru_.check(HPDF_LinkAnnot_SetBorderStyle(annot, 0, 0, 0), what);
            }
            // PDF/A: every annotation printable (/F 4), none hidden.
            if (pdfa_) haru_.check(HPDF_Dict_AddNumber(annot, "F", 4), "setting the print flag of a link");
        }
    }

    void add_outline() {
        if (doc_.outline.empty()) return;
        HPDF_Doc pdf = haru_.get();
        std::vector<HPDF_Outline> parents;  // parents[level] = last entry at that level
        for (const auto& entry : doc_.outline) {
            const std::string what = "outline entry " + quoted(entry.title);
            parents.resize(static_cast<std::size_t>(entry.level));
            HPDF_Outline parent = parents.empty() ? nullptr : parents.back();
            HPDF_Outline o = haru_.need(HPDF_CreateOutline(pdf, parent, "", nullptr), what);
            add_text_entry(o, "Title", entry.title, what);
            haru_.check(HPDF_Outline_SetDestination(o, destination(entry.page, entry.y, what)), what);
            parents.push_back(o);
        }
        haru_.check(HPDF_SetPageMode(pdf, HPDF_PAGE_MODE_USE_OUTLINE), "showing the outline");
    }

    void add_page_labels() {
        if (doc_.page_labels.empty()) return;
        auto ranges = doc_.page_labels;
        std::sort(ranges.begin(), ranges.end(),
                  [](const auto& a, const auto& b) { return a.first_page < b.first_page; });
        // The page label tree must start at page index 0.
        if (ranges.front().first_page != 0) ranges.insert(ranges.begin(), layout::PageLabelRange{});
        HPDF_Doc pdf = haru_.get();
        for (const auto& range : ranges) {
            const std::string what = "page labels from page index " + std::to_string(range.first_page);
            // Built here rather than with HPDF_AddPageLabel: libharu has no
            // style-less label and writes the prefix in its default encoding.
            HPDF_Dict label = haru_.need(HPDF_Dict_New(haru_.mmgr()), what);
            using Style = layout::PageLabelRange::Style;
            const char* style = range.style == Style::Decimal      ? "D"
                                : range.style == Style::LowerRoman ? "r"
                                : range.style == Style::UpperRoman ? "R"
                                                                   : nullptr;
            if (style) haru_.check(HPDF_Dict_AddName(label, "S", style), what);
            if (!range.prefix.empty()) add_text_entry(label, "P", range.prefix, what);
            if (range.first_number != 1)
                haru_.check(HPDF_Dict_AddNumber(label, "St", range.first_number), what);
            haru_.check(HPDF_Catalog_AddPageLabel(pdf->catalog, static_cast<HPDF_UINT>(range.first_page), label),
                        what);
        }
    }

    void set_info() {
        HPDF_Doc pdf = haru_.get();
        HPDF_Dict info = pdf->info;  // created by libharu with its Producer
        if (!info) fail("libharu has no document information dictionary");
        const auto& m = doc_.meta;
        const std::pair<const char*, const std::string*> fields[] = {
            {"Title", &m.title}, {"Author", &m.author}, {"Subject", &m.subject},
            {"Keywords", &m.keywords}, {"Creator", &m.creator}};
        for (const auto& [key, value] : fields)
            if (!value->empty()) add_text_entry(info, key, *value, std::string("document ") + key);
        add_text_entry(info, "Producer", producer(), "document Producer");

        if (m.created) {
            // UTC as +00'00': libharu's 'Z' form is what breaks its PDF/A code.
            using namespace std::chrono;
            const sys_seconds t{seconds{*m.created}};
            const sys_days day = floor<days>(t);
            const year_month_day ymd{day};
            const hh_mm_ss<seconds> hms{t - day};
            HPDF_Date d{};
            d.year = static_cast<int>(ymd.year());
            d.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
            d.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
            d.hour = static_cast<int>(hms.hours().count());
            d.minutes = static_cast<int>(hms.minutes().count());
            d.seconds = static_cast<int>(hms.seconds().count());
            d.ind = '+';
            d.off_hour = 0;
            d.off_minutes = 0;
            if (d.year < 1 || d.year > 9999) fail("creation date out of range");
            haru_.check(HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, d), "setting the creation date");
            haru_.check(HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, d), "setting the modification date");
        }
        if (!m.lang.empty()) {
            void* lang = haru_.need(HPDF_String_New(haru_.mmgr(), m.lang.c_str(), nullptr), "setting /Lang");
            haru_.check(HPDF_Dict_Add(pdf->catalog, "Lang", lang), "setting /Lang");
        }
    }

    static std::string producer() {
        return std::string("booklet ") + BOOKLET_VERSION + " (libharu " + HPDF_GetVersion() + ")";
    }

    // PDF/A-1b: the XMP metadata (the Info dictionary again) and the sRGB
    // output intent. libharu's own HPDF_PDFA_SetPDFAConformance and
    // HPDF_PDFA_AppendOutputIntents are not used: the first leaves out
    // non-ASCII Info entries (ours are UTF-16) and does not escape XML,
    // writes /SubType and a time-based /ID; the second writes the key
    // "DestOutputProfile " with a trailing space. Built here instead.
    void add_pdfa_parts() {
        HPDF_Doc pdf = haru_.get();
        const std::string icc_path = opt_.srgb_profile.empty() ? default_srgb_profile() : opt_.srgb_profile;
        if (icc_path.empty())
            fail("PDF/A needs an sRGB ICC profile for its output intent, and none is installed (Debian: apt-get "
                 "install icc-profiles-free, which provides /usr/share/color/icc/sRGB.icc)");
        const std::string what_icc = "embedding the ICC profile " + quoted(icc_path);
        const auto icc = read_file(icc_path);
        if (!icc) fail(what_icc + ": cannot read the file");
        if (const auto problem = pdf::srgb_output_profile_problem(*icc)) fail(what_icc + ": " + *problem);
        hash_.field(*icc);

        HPDF_Dict profile = haru_.need(HPDF_DictStream_New(haru_.mmgr(), pdf->xref), what_icc);
        haru_.check(HPDF_Dict_AddNumber(profile, "N", 3), what_icc);
        haru_.check(HPDF_Stream_Write(profile->stream, reinterpret_cast<const HPDF_BYTE*>(icc->data()),
                                      static_cast<HPDF_UINT>(icc->size())),
                    what_icc);
        profile->filter = HPDF_STREAM_FILTER_FLATE_DECODE;

        const std::string what = "adding the PDF/A output intent";
        HPDF_Dict intent = haru_.need(HPDF_Dict_New(haru_.mmgr()), what);
        haru_.check(HPDF_Xref_Add(pdf->xref, intent), what);
        haru_.check(HPDF_Dict_AddName(intent, "Type", "OutputIntent"), what);
        haru_.check(HPDF_Dict_AddName(intent, "S", "GTS_PDFA1"), what);
        add_text_entry(intent, "OutputConditionIdentifier", "sRGB IEC61966-2.1", what);
        add_text_entry(intent, "Info", "sRGB IEC61966-2.1", what);
        add_text_entry(intent, "RegistryName", "http://www.color.org", what);
        haru_.check(HPDF_Dict_Add(intent, "DestOutputProfile", profile), what);
        HPDF_Array intents = haru_.need(HPDF_Array_New(haru_.mmgr()), what);
        haru_.check(HPDF_Array_Add(intents, intent), what);
        haru_.check(HPDF_Dict_Add(pdf->catalog, "OutputIntents", intents), what);

        const std::string what_xmp = "adding the XMP metadata";
        const auto& m = doc_.meta;
        const std::string xmp = pdf::xmp_packet({m.title, m.author, m.subject, m.keywords, m.creator, producer(), m.created});
        // Uncompressed, so that tools that do not parse PDF find it.
        HPDF_Dict meta = haru_.need(HPDF_DictStream_New(haru_.mmgr(), pdf->xref), what_xmp);
        haru_.check(HPDF_Dict_AddName(meta, "Type", "Metadata"), what_xmp);
        haru_.check(HPDF_Dict_AddName(meta, "Subtype", "XML"), what_xmp);
        haru_.check(HPDF_Stream_Write(meta->stream, reinterpret_cast<const HPDF_BYTE*>(xmp.data()),
                                      static_cast<HPDF_UINT>(xmp.size())),
                    what_xmp);
        haru_.check(HPDF_Dict_Add(pdf->catalog, "Metadata", meta), what_xmp);
    }

    // PDF/A-1 wants a /CIDSet in the descriptor of a subset CID font.
    // libharu creates the descriptor only while saving; create it here the
    // way libharu does (CIDFontType2_BeforeWrite_Func, which then keeps it)
    // with the CIDSet and the CapHeight libharu leaves out. Codes are CIDs
    // (Identity-H), and every code drawn is a glyph of the subset.
    void add_font_descriptor(LoadedFont& f, const std::string& what) {
        HPDF_FontDef def = f.fontdef;
        if (def->descriptor) return;
        auto* tt = static_cast<HPDF_TTFontDefAttr>(def->attr);
        HPDF_Doc pdf = haru_.get();
        HPDF_Dict descriptor = haru_.need(HPDF_Dict_New(haru_.mmgr()), what);
        HPDF_Dict data = haru_.need(HPDF_DictStream_New(haru_.mmgr(), pdf->xref), what);
        haru_.check(HPDF_TTFontDef_SaveFontData(def, data->stream), what);  // subsets with the final glyph flags
        haru_.check(HPDF_Dict_Add(descriptor, "FontFile2", data), what);
        haru_.check(HPDF_Dict_AddNumber(data, "Length1", static_cast<HPDF_INT32>(tt->length1)), what);
        haru_.check(HPDF_Dict_AddNumber(data, "Length2", 0), what);
        haru_.check(HPDF_Dict_AddNumber(data, "Length3", 0), what);
        data->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
        haru_.check(HPDF_Xref_Add(pdf->xref, descriptor), what);
        haru_.check(HPDF_Dict_AddName(descriptor, "Type", "FontDescriptor"), what);
        haru_.check(HPDF_Dict_AddNumber(descriptor, "Ascent", def->ascent), what);
        haru_.check(HPDF_Dict_AddNumber(descriptor, "Descent", def->descent), what);
        haru_.check(HPDF_Dict_AddNumber(descriptor, "CapHeight", def->cap_height), what);
        haru_.check(HPDF_Dict_AddNumber(descriptor, "Flags", static_cast<HPDF_INT32>(def->flags)), what);
        haru_.check(HPDF_Dict_Add(descriptor, "FontBBox", haru_.need(HPDF_Box_Array_New(haru_.mmgr(), def->font_bbox), what)),
                    what);
        haru_.check(HPDF_Dict_AddName(descriptor, "FontName", tt->base_font), what);
        haru_.check(HPDF_Dict_AddNumber(descriptor, "ItalicAngle", def->italic_angle), what);
        haru_.check(HPDF_Dict_AddNumber(descriptor, "StemV", def->stemv), what);
        haru_.check(HPDF_Dict_AddNumber(descriptor, "XHeight", def->x_height), what);

        std::string bits(f.codes.empty() ? 1 : static_cast<std::size_t>(*f.codes.rbegin() / 8 + 1), '\0');
        bits[0] = static_cast<char>(0x80);  // CID 0, .notdef
        for (const char32_t c : f.codes) bits[c / 8] = static_cast<char>(bits[c / 8] | (0x80 >> (c % 8)));
        HPDF_Dict cidset = haru_.need(HPDF_DictStream_New(haru_.mmgr(), pdf->xref), what);
        haru_.check(HPDF_Stream_Write(cidset->stream, reinterpret_cast<const HPDF_BYTE*>(bits.data()),
                                      static_cast<HPDF_UINT>(bits.size())),
                    what);
        cidset->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
        haru_.check(HPDF_Dict_Add(descriptor, "CIDSet", cidset), what);
        def->descriptor = descriptor;
    }

    // Two libharu 2.3.0 defects are repaired on each font after all text is
    // drawn and before libharu writes (and subsets) it.
    void finish_fonts() {
        for (auto& f : loaded_fonts_) {
            const std::string what = "embedding font " + quoted(f->path);
            // 1. Subsetting keeps the components of a composite glyph only
            //    one level deep (Vollkorn's Ë Ÿ Ü Ö Ä ì, non-breaking hyphen
            //    and fractions lost their accents or parts): mark the whole
            //    component tree of every used glyph.
            auto* tt = static_cast<HPDF_TTFontDefAttr>(f->fontdef->attr);
            std::vector<bool> used(tt->num_glyphs);
            for (std::size_t g = 0; g < used.size(); ++g) used[g] = tt->glyph_tbl.flgs[g] != 0;
            try {
                f->glyphs->close_over_components(used);
            } catch (const pdf::TrueTypeError& e) {
                fail(what + ": " + e.what());
            }
            for (std::size_t g = 0; g < used.size(); ++g)
                if (used[g]) tt->glyph_tbl.flgs[g] = 1;

            // 2. The /ToUnicode CMap libharu writes for its UTF-8 encoder is
            //    a CID CMap (begincidrange), not a ToUnicode CMap: poppler
            //    warns and other readers may extract nothing. libharu's code
            //    for a character is its Unicode value, so the correct map is
            //    the identity on the codes used.
            auto* attr = static_cast<HPDF_FontAttr>(f->font->attr);
            HPDF_Dict cmap = attr->cmap_stream;
            if (HPDF_Dict_GetItem(f->font, "ToUnicode", HPDF_OCLASS_DICT) != cmap || !cmap->stream)
                fail(what + ": unexpected libharu font structure (no ToUnicode stream)");
            HPDF_MemStream_FreeData(cmap->stream);
            haru_.check(HPDF_Stream_WriteStr(cmap->stream, pdf::identity_to_unicode_cmap(f->codes).c_str()), what);

            if (pdfa_) add_font_descriptor(*f, what);
        }
    }

    // A file identifier derived from the content, so that the same input
    // always gives the same bytes (libharu writes no /ID unless encrypting).
    void set_id() {
        const auto digest = hash_.digest();
        const std::string what = "setting the file identifier";
        HPDF_Array id = haru_.need(HPDF_Array_New(haru_.mmgr()), what);
        haru_.check(HPDF_Dict_Add(haru_.get()->trailer, "ID", id), what);
        for (int i = 0; i < 2; ++i) {
            HPDF_Binary b = haru_.need(
                HPDF_Binary_New(haru_.mmgr(), const_cast<HPDF_BYTE*>(digest.data()), static_cast<HPDF_UINT>(digest.size())), what);
            haru_.check(HPDF_Array_Add(id, b), what);
        }
    }

    const Document& doc_;
    const PdfOptions& opt_;
    const bool imposed_;
    const bool print_;
    const double bleed_;  // 0 for the screen edition
    const bool pdfa_;     // never for imposed sheets
    std::set<std::string> warned_;
    std::vector<std::pair<double, double>> origins_;  // by page: the trim's bottom-left corner
    HaruDoc haru_;
    pdf::Hash128 hash_;
    std::vector<HPDF_Page> pages_;
    std::vector<LoadedFont*> fonts_;  // by Document::fonts index, loaded lazily
    std::vector<std::unique_ptr<LoadedFont>> loaded_fonts_;
    std::map<std::string, HPDF_Image> images_;
    std::vector<std::string> image_bytes_;
};

}  // namespace

std::string render_pdf(const layout::Document& doc, const PdfOptions& options) {
    return Renderer(doc, options, false).render();
}

std::string render_imposed_pdf(const layout::Document& doc, const PdfOptions& options) {
    return Renderer(doc, options, true).render();
}

std::string default_srgb_profile() {
    for (const char* path : kSrgbProfiles)
        if (std::ifstream(path, std::ios::binary)) return path;
    return "";
}

}  // namespace booklet::render
