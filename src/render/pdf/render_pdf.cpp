#include "render/pdf/render_pdf.hpp"

#include <hpdf.h>
#include <hpdf_catalog.h>
#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>

#include <algorithm>
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

// The same rgb, as PDF operators see it (libharu writes reals as floats).
struct Rgb {
    float r, g, b;
    bool operator==(const Rgb&) const = default;
};

Rgb rgb(const Color& c) {
    auto clamp = [](double v) { return static_cast<float>(std::clamp(v, 0.0, 1.0)); };
    return {clamp(c.r), clamp(c.g), clamp(c.b)};
}

// One TrueType file loaded into the PDF (two FontFaces naming the same file
// share it).
struct LoadedFont {
    std::string path;
    std::string bytes;  // the file, kept for TrueTypeGlyphs
    std::unique_ptr<pdf::TrueTypeGlyphs> glyphs;
    HPDF_Font font = nullptr;
    HPDF_FontDef fontdef = nullptr;
    std::set<char32_t> codes;  // every character drawn with it
};

class Renderer {
public:
    explicit Renderer(const Document& doc) : doc_(doc) {}

    std::string render() {
        validate();
        setup();
        for (std::size_t i = 0; i < doc_.pages.size(); ++i) add_page(i);
        for (std::size_t i = 0; i < doc_.pages.size(); ++i) draw_page(i);
        for (std::size_t i = 0; i < doc_.pages.size(); ++i) add_links(i);
        add_outline();
        add_page_labels();
        set_info();
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
            for (const auto& run : page.runs) {
                const std::string where = page_ref(p) + ", text " + quoted(run.text);
                finite(where, {run.x, run.y, run.size});
                if (run.font < 0 || static_cast<std::size_t>(run.font) >= doc_.fonts.size())
                    fail(where + ": font index " + std::to_string(run.font) + " out of range (" +
                         std::to_string(doc_.fonts.size()) + " fonts)");
                if (run.size <= 0 || run.size > 600)
                    fail(where + ": font size " + std::to_string(run.size) + " out of range");
                std::vector<char32_t> cps;
                if (!pdf::decode_utf8(run.text, cps)) fail(where + ": invalid UTF-8");
                for (const char32_t c : cps) {
                    if (c < 0x20 || (c >= 0x7F && c < 0xA0))
                        fail(where + ": control character " + pdf::code_point_name(c));
                    // libharu's UTF-8 encoder maps a character to one 16-bit
                    // code: it cannot show characters beyond the BMP.
                    if (c > 0xFFFF)
                        fail(where + ": character " + pdf::code_point_name(c) +
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

    HPDF_Image image(const std::string& path) {
        if (auto it = images_.find(path); it != images_.end()) return it->second;
        const std::string what = "loading image " + quoted(path);
        auto bytes = read_file(path);
        if (!bytes) fail(what + ": cannot read the file");
        hash_.field(*bytes);
        const auto* data = reinterpret_cast<const HPDF_BYTE*>(bytes->data());
        const auto size = static_cast<HPDF_UINT>(bytes->size());
        HPDF_Image img;
        if (bytes->size() >= 8 && bytes->compare(0, 8, "\x89PNG\r\n\x1a\n") == 0) {
            // libharu's libpng error callback returns instead of jumping out,
            // so libpng aborts the process on a corrupt PNG: decode it here
            // first, where errors are caught.
            if (const auto problem = pdf::png_problem(*bytes)) fail(what + ": " + *problem);
            img = haru_.need(HPDF_LoadPngImageFromMem(haru_.get(), data, size), what);
        } else if (bytes->size() >= 3 && bytes->compare(0, 3, "\xFF\xD8\xFF") == 0) {
            // libharu copies the JPEG data as it is: catch a truncated file
            // (no end-of-image marker after the last start-of-scan; scan
            // data cannot contain either marker).
            const auto sos = bytes->rfind("\xFF\xDA");
            const auto eoi = bytes->rfind("\xFF\xD9");
            if (sos == std::string::npos || eoi == std::string::npos || eoi < sos)
                fail(what + ": truncated or invalid JPEG file (no image data with an end marker)");
            img = haru_.need(HPDF_LoadJpegImageFromMem(haru_.get(), data, size), what);
        } else {
            fail(what + ": neither a PNG nor a JPEG file");
        }
        image_bytes_.push_back(std::move(*bytes));
        images_.emplace(path, img);
        return img;
    }

    // --- pages -------------------------------------------------------------

    void add_page(std::size_t i) {
        const Page& page = doc_.pages[i];
        const std::string what = "adding " + page_ref(i);
        HPDF_Page p = haru_.need(HPDF_AddPage(haru_.get()), what);
        haru_.check(HPDF_Page_SetWidth(p, static_cast<HPDF_REAL>(page.width)), what);
        haru_.check(HPDF_Page_SetHeight(p, static_cast<HPDF_REAL>(page.height)), what);
        pages_.push_back(p);
    }

    // Graphics state already set in the current page's content stream, so
    // that each operator is written only when its value changes.
    struct State {
        std::optional<Rgb> fill, stroke;
        std::optional<float> line_width;
        HPDF_Font font = nullptr;
        float font_size = 0;
    };

    void set_fill(HPDF_Page p, State& st, const Color& c) {
        const Rgb v = rgb(c);
        if (st.fill == v) return;
        haru_.check(HPDF_Page_SetRGBFill(p, v.r, v.g, v.b), "setting the fill colour");
        st.fill = v;
    }

    void set_stroke(HPDF_Page p, State& st, const Color& c, double width) {
        const Rgb v = rgb(c);
        if (st.stroke != v) {
            haru_.check(HPDF_Page_SetRGBStroke(p, v.r, v.g, v.b), "setting the stroke colour");
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
            if (r.fill) set_fill(p, st, *r.fill);
            if (r.stroke) set_stroke(p, st, *r.stroke, r.line_width);
            haru_.check(HPDF_Page_Rectangle(p, static_cast<HPDF_REAL>(r.x), static_cast<HPDF_REAL>(H - r.y - r.h),
                                            static_cast<HPDF_REAL>(r.w), static_cast<HPDF_REAL>(r.h)),
                        where);
            if (r.fill && r.stroke)
                haru_.check(HPDF_Page_FillStroke(p), where);
            else if (r.fill)
                haru_.check(HPDF_Page_Fill(p), where);
            else
                haru_.check(HPDF_Page_Stroke(p), where);
        }

        for (const auto& im : page.images) {
            HPDF_Image img = image(im.path);
            haru_.check(HPDF_Page_DrawImage(p, img, static_cast<HPDF_REAL>(im.x),
                                            static_cast<HPDF_REAL>(H - im.y - im.h),
                                            static_cast<HPDF_REAL>(im.w), static_cast<HPDF_REAL>(im.h)),
                        "drawing image " + quoted(im.path) + " on " + page_ref(i));
        }

        // Text in document order (the content stream order is the reading
        // order of an untagged PDF: text extraction, screen readers), in
        // one text object, with font, size and colour set only on change.
        bool in_text = false;
        std::vector<char32_t> cps;
        for (const auto& run : page.runs) {
            if (run.text.empty()) continue;
            LoadedFont& f = font(run.font);
            pdf::decode_utf8(run.text, cps);
            for (const char32_t c : cps) {
                if (HPDF_TTFontDef_GetGlyphid(f.fontdef, static_cast<HPDF_UINT16>(c)) == 0)
                    fail(page_ref(i) + ", text " + quoted(run.text) + ": font " +
                         quoted(doc_.fonts[static_cast<std::size_t>(run.font)].name) + " (" + f.path +
                         ") has no glyph for " + pdf::code_point_name(c));
                f.codes.insert(c);
            }
            if (!in_text) {
                haru_.check(HPDF_Page_BeginText(p), where);
                in_text = true;
            }
            const auto size = static_cast<float>(run.size);
            if (st.font != f.font || st.font_size != size) {
                haru_.check(HPDF_Page_SetFontAndSize(p, f.font, size), where);
                st.font = f.font;
                st.font_size = size;
            }
            set_fill(p, st, run.color);
            haru_.check(HPDF_Page_SetTextMatrix(p, 1, 0, 0, 1, static_cast<HPDF_REAL>(run.x),
                                                static_cast<HPDF_REAL>(H - run.y)),
                        where);
            haru_.check(HPDF_Page_ShowText(p, run.text.c_str()), where + ", text " + quoted(run.text));
        }
        if (in_text) haru_.check(HPDF_Page_EndText(p), where);
    }

    // [page /XYZ null top null]: scroll to `y`, keep the reader's zoom and
    // horizontal position. libharu 2.3.0's HPDF_Destination_SetXYZ rejects
    // zoom 0 and cannot write null, so the array is rebuilt here the way
    // SetXYZ itself does it.
    HPDF_Destination destination(int page, double y, std::string_view what) {
        const double H = doc_.pages[static_cast<std::size_t>(page)].height;
        HPDF_Destination dst = haru_.need(HPDF_Page_CreateDestination(pages_[static_cast<std::size_t>(page)]), what);
        void* target = haru_.need(HPDF_Array_GetItem(dst, 0, HPDF_OCLASS_DICT), what);
        HPDF_Array_Clear(dst);
        haru_.check(HPDF_Array_Add(dst, target), what);
        haru_.check(HPDF_Array_AddName(dst, "XYZ"), what);
        haru_.check(HPDF_Array_Add(dst, haru_.need(HPDF_Null_New(haru_.mmgr()), what)), what);
        haru_.check(HPDF_Array_AddReal(dst, static_cast<HPDF_REAL>(std::clamp(H - y, 0.0, H))), what);
        haru_.check(HPDF_Array_Add(dst, haru_.need(HPDF_Null_New(haru_.mmgr()), what)), what);
        return dst;
    }

    void add_links(std::size_t i) {
        const Page& page = doc_.pages[i];
        const double H = page.height;
        for (const auto& link : page.links) {
            HPDF_Rect rect;
            rect.left = static_cast<HPDF_REAL>(link.x);
            rect.bottom = static_cast<HPDF_REAL>(H - link.y - link.h);
            rect.right = static_cast<HPDF_REAL>(link.x + link.w);
            rect.top = static_cast<HPDF_REAL>(H - link.y);
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
        const std::string producer = std::string("booklet ") + BOOKLET_VERSION + " (libharu " + HPDF_GetVersion() + ")";
        add_text_entry(info, "Producer", producer, "document Producer");

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
    HaruDoc haru_;
    pdf::Hash128 hash_;
    std::vector<HPDF_Page> pages_;
    std::vector<LoadedFont*> fonts_;  // by Document::fonts index, loaded lazily
    std::vector<std::unique_ptr<LoadedFont>> loaded_fonts_;
    std::map<std::string, HPDF_Image> images_;
    std::vector<std::string> image_bytes_;
};

}  // namespace

std::string render_pdf(const layout::Document& doc, const PdfOptions& /*options*/) {
    return Renderer(doc).render();
}

}  // namespace booklet::render
