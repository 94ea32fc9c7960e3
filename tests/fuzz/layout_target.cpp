// Fuzz target: setting arbitrary text as paragraphs, with the bundled
// fonts and hyphenation. The first bytes choose the measure, alignment,
// language and sizes; the rest is the text, cut into spans (one per font)
// at each 0x01 byte. Whatever the text (any Unicode, invalid UTF-8, very
// long words, empty paragraphs):
//  * no crash, no hang;
//  * every run holds valid UTF-8, and its x lies inside the line;
//  * a line is wider than its measure only if it says so (overfull), and
//    then only when one character alone is wider than the measure;
//  * text with a visible character gives at least one line.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_support.hpp"
#include "layout/core/font_metrics.hpp"
#include "layout/core/hyphenation.hpp"
#include "layout/core/font_fallback.hpp"
#include "layout/core/paragraph.hpp"

using namespace booklet;
using namespace booklet::layout;

namespace {

struct Setup {
    FontSet fonts;
    Hyphenators hyphenators;
    std::unique_ptr<ParagraphBuilder> builder;
};

Setup& setup() {
    static Setup* s = [] {
        auto* st = new Setup;
        std::string error;
        auto fonts = FontSet::load_bundled(std::string(BOOKLET_SOURCE_DIR) + "/fonts", error);
        if (!fonts) fuzz::fail("cannot load the bundled fonts: " + error);
        st->fonts = std::move(*fonts);
        st->builder = std::make_unique<ParagraphBuilder>(st->fonts, st->hyphenators);
        return st;
    }();
    return *s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 4) return 0;
    Setup& s = setup();
    ParagraphStyle style;
    const double measure = 20.0 + data[0] * 1.5;  // 20 to 402 pt
    style.line_widths = {measure};
    if (data[1] & 1) style.line_widths = {measure * 0.7, measure};
    static const Align aligns[] = {Align::Justify, Align::Left, Align::Center, Align::Right};
    style.align = aligns[(data[1] >> 1) & 3];
    style.language = (data[1] & 8) ? "en" : "fr";
    style.hyphenate = (data[1] & 16) == 0;
    style.first_indent = (data[1] & 32) ? 12 : 0;
    const double size_pt = 6.0 + (data[2] % 20);

    std::vector<Span> spans;
    Span span;
    span.size = size_pt;
    span.font = data[3] % static_cast<int>(s.fonts.size());
    for (std::size_t i = 4; i < size; ++i) {
        const char c = static_cast<char>(data[i]);
        if (c == '\x01') {
            spans.push_back(span);
            span.text.clear();
            span.font = (span.font + 1) % static_cast<int>(s.fonts.size());
            span.href = (span.font % 3 == 0) ? "https://example.org/a" : "";
            continue;
        }
        span.text += c;
    }
    spans.push_back(span);

    const auto para = s.builder->layout(spans, style, [](const TextIssue& issue) {
        fuzz::require(!issue.message.empty(), "a text issue without a message");
    });

    // The widest single character of the text, for the overfull rule (a
    // character no face has is a box 0.6 em wide).
    double widest = 0;
    for (const auto& sp : spans)
        unicode::for_each(sp.text, [&](char32_t cp, std::size_t) {
            const int face = s.fonts.face_for(sp.font, cp);
            widest = std::max(widest, face < 0 ? kMissingGlyphBoxWidth * sp.size / 1000.0
                                               : s.fonts.metrics(face).advance(cp, sp.size));
        });

    bool visible = false;
    for (const auto& sp : spans)
        unicode::for_each(sp.text, [&](char32_t cp, std::size_t) {
            if (cp > 0x20 && cp != 0x7F && !(cp >= 0x80 && cp <= 0xA0) && s.fonts.metrics(sp.font).has_glyph(cp))
                visible = true;
        });
    if (visible) fuzz::require(!para.lines.empty(), "visible text set as no line");

    if (std::getenv("BOOKLET_FUZZ_VERBOSE"))
        for (const auto& line : para.lines)
            std::fprintf(stderr, "line '%s' width %.3f measure %.3f overfull %d pass %d\n", line.text().c_str(),
                         line.width, line.measure, line.overfull ? 1 : 0, para.pass);
    for (const auto& line : para.lines) {
        for (const auto& run : line.runs) {
            fuzz::require(unicode::valid(run.text), "a run holds invalid UTF-8");
            fuzz::require(std::isfinite(run.x) && std::isfinite(run.width), "a run at a non-finite position");
            fuzz::require(run.x >= -0.01, "a run starts left of the line");
        }
        for (const auto& box : line.boxes)
            fuzz::require(std::isfinite(box.x) && box.x >= -0.01 && box.width > 0, "a glyph box out of place");
        const double tolerance = 0.05;
        if (line.width > line.measure + tolerance) {
            fuzz::require(line.overfull, "a line wider than its measure is not marked overfull");
            fuzz::require(widest + style.first_indent > line.measure,
                          "an overfull line although every character fits the measure: '" + line.text() +
                              "' is " + std::to_string(line.width) + " pt wide for " + std::to_string(line.measure) +
                              " pt (widest character " + std::to_string(widest) + " pt)");
        }
    }
    return 0;
}
