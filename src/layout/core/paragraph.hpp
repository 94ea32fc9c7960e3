#pragma once
// Paragraph setting: styled text in, positioned lines out. This is the API
// the booklet parts use; everything typographic happens here.
//
//  * Words are measured with the fonts' PDF widths and placed one by one
//    (libharu cannot justify UTF-8 text): inter-word glue becomes x offsets.
//    Justification stretches or shrinks the spaces only, never the letters.
//  * Lines are chosen by Knuth–Plass (linebreak.hpp), first without
//    hyphenation, then with it, then in emergency mode.
//  * French text gets French spacing (french_spacing.hpp); U+00A0 and
//    U+202F are non-breaking spaces, U+202F a fixed thin one (1/6 em).
//  * Break opportunities: spaces; hyphenation points (libhyphen); soft
//    hyphens U+00AD (a hyphen is added if used); after a word's own hyphen
//    (nothing added); after an em or en dash between letters; U+200B; inside
//    URLs at Chicago-style points (nothing added, the line may end ragged).
//    A piece of a word wider than the narrowest line can break between any
//    two characters (nothing added) as a last resort, so nothing overflows
//    the margin unless truly unavoidable (a single glyph wider than the line).
//  * A character the span's face lacks is set in the first face of the
//    fallback chain that has it (FontSet::face_for): a word may be made of
//    runs in several faces. A character no face has, or one beyond the BMP
//    (libharu 2.3.0 cannot encode those), is drawn as an empty box, 0.6 em
//    by the cap height (LaidOutLine::boxes), and reported (once per
//    character per paragraph) as a warning, an error when strict.
//    Control and invisible formatting characters are removed with a
//    warning. Text is NFC-normalised first, so decomposed accents are drawn
//    with the precomposed glyphs.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "layout/core/font_metrics.hpp"
#include "layout/core/hyphenation.hpp"
#include "layout/core/issues.hpp"
#include "layout/core/linebreak.hpp"
#include "layout/document.hpp"

namespace booklet::layout {

// The code points of UTF-8 text as layout sets them: decoded (malformed
// bytes as U+FFFD) and NFC-normalised.
std::u32string normalized_code_points(std::string_view utf8);
// Whether layout draws a glyph for this character: not a space, line
// break, soft hyphen, zero-width space, control, invisible formatting
// character or variation selector.
bool is_drawn_character(char32_t cp);

// A run of input text in one style.
struct Span {
    std::string text;             // UTF-8
    int font = 0;                 // index into the FontSet (= Document::fonts)
    double size = 10;             // pt
    Color color = Color::black();
    std::string href;             // non-empty: the text is a link to this URI
    bool hyphenate = true;        // false: no hyphen is added in this span's words (code)
};

enum class Align : std::uint8_t { Justify, Left, Center, Right };

struct ParagraphStyle {
    // Width of line i is line_widths[min(i, size-1)] (pt); e.g. {w} for a
    // plain column, {w - 20, w} for a shortened first line.
    std::vector<double> line_widths{300.0};
    double leading = 0;              // baseline to baseline (pt); 0 = 1.2 × the largest size
    Align align = Align::Justify;
    Align last_line = Align::Left;   // Justify only: how the last line is set
    double first_indent = 0;         // pt, blank space opening the first line
    std::string language = "fr";     // a language tag: hyphenation patterns, French spacing (fr only)
    bool hyphenate = true;
    bool french_spacing = true;      // applied when language is French
    bool avoid_runt = true;          // keep the last two words together when they are short
    // Justified spaces: the font's space, stretchable by space_stretch_em
    // (as TeX: 1/6 em, so that fonts with a narrow space such as Vollkorn's
    // 0.2 em still justify well) and shrinkable by space_shrink × the space
    // (1/3: never tighter than 2/3 of the designed space).
    double space_stretch_em = 1.0 / 6;
    double space_shrink = 1.0 / 3;
    double ragged_stretch_em = 3;    // Left/Center/Right: raggedness allowed, in ems
    int hyphen_penalty = 50;
    int explicit_hyphen_penalty = 50;
    int url_penalty = 200;
    int emergency_penalty = 5000;
    // Tolerances and demerits; its line_widths are ignored (see above).
    LineBreakParams breaking{};
};

// A clickable stretch of a line (x relative to the line start).
struct LinkSpan {
    double x = 0, width = 0;
    std::string href;
};

// The stroked box that stands for a character no font can draw, standing on
// the baseline (x relative to the line start).
struct GlyphBox {
    double x = 0, width = 0, height = 0;  // pt; height above the baseline
    double line_width = 0.3;              // pt, a hairline
    Color color = Color::black();
};

struct LaidOutLine {
    std::vector<TextRun> runs;   // x relative to the line start, y = 0 (the baseline)
    std::vector<GlyphBox> boxes; // characters no font has
    std::vector<LinkSpan> links;
    double width = 0;            // right end of the text (the measure, for a justified line)
    double measure = 0;          // the width the line was set to
    double ascent = 0;           // above the baseline, pt (largest font ascender on the line)
    double descent = 0;          // below the baseline, pt, positive
    double ratio = 0;            // adjustment ratio of the spaces (> 0 stretched, < 0 shrunk)
    bool justified = false;      // set to the full measure by adjusting the spaces
    bool hyphenated = false;     // ends with a hyphen, added or the word's own
    bool overfull = false;       // sticks out of the measure by `overflow` pt
    double overflow = 0;
    bool last = false;           // the paragraph's last line

    std::string text() const;    // the runs' text, a space where glue was (reports, tests)
};

struct LaidOutParagraph {
    std::vector<LaidOutLine> lines;
    double leading = 0;          // baseline to baseline, pt
    int pass = 0;                // line-breaking pass that succeeded (1, 2, 3 = emergency)
    double demerits = 0;
    double height() const { return lines.empty() ? 0 : leading * static_cast<double>(lines.size()); }
};

// Sets paragraphs. Keep one per document: it caches hyphenation and reuses
// its buffers. Not thread-safe.
class ParagraphBuilder {
public:
    // `fonts` and `hyphenators` must outlive the builder.
    ParagraphBuilder(const FontSet& fonts, Hyphenators& hyphenators);

    // Sets `spans` as one paragraph. Problems go to `sink` if given.
    LaidOutParagraph layout(std::span<const Span> spans, const ParagraphStyle& style,
                            const IssueSink& sink = {});

    // Natural width of a single line of text in one span's style (no
    // breaking, French spacing and character checks as in layout()).
    double natural_width(const Span& span, const ParagraphStyle& style);

    // Strict: a character drawn as a box is an error, not a warning.
    void set_strict(bool strict) { strict_ = strict; }
    // Characters the caller has reported already, where they were written
    // (the coverage pass): drawn as boxes without a second report.
    void set_reported_elsewhere(std::vector<char32_t> cps) { reported_elsewhere_ = std::move(cps); }

private:
    struct Ch {
        char32_t cp;
        std::uint32_t span;
    };
    struct WordChar {
        char32_t cp;
        std::uint32_t span;
        int face;             // the face that draws it; -1: a box
        std::uint32_t byte;   // offset in text_
        std::uint16_t units;  // advance, 1/1000 em
    };
    struct Piece {
        std::uint32_t span = 0;
        int face = 0;                      // kText: the face, -1 for a box
        std::uint32_t begin = 0, end = 0;  // bytes in text_
        std::uint8_t kind = 0;
    };
    enum BreakKind : std::uint8_t { kNone, kExplicit, kZwsp, kUrl, kDash, kSoft, kAuto, kEmergency };

    void collect(std::span<const Span> spans, const ParagraphStyle& style, const IssueSink& sink);
    void build_items(std::span<const Span> spans, const ParagraphStyle& style, bool with_hyphenation,
                     const IssueSink& sink);
    // Adds the items of the word gathered in word_/breaks_.
    void add_word(std::span<const Span> spans, const ParagraphStyle& style, bool with_hyphenation, double min_width);
    void add_space(char32_t cp, std::uint32_t span, std::span<const Span> spans, const ParagraphStyle& style);
    void keep_last_words(const ParagraphStyle& style);
    void report(const IssueSink& sink, TextIssue::Kind kind, char32_t cp, std::string message);

    const FontSet& fonts_;
    Hyphenators& hyphenators_;
    bool strict_ = false;
    std::vector<char32_t> reported_elsewhere_;

    Hyphenator* hyphenator_ = nullptr;           // the current paragraph's

    // per-paragraph scratch
    std::u32string span_buf_;
    std::u32string cps_;
    std::vector<std::uint32_t> tags_;
    std::vector<char32_t> reported_;
    std::string text_;
    std::vector<WordChar> word_;
    std::vector<std::uint8_t> breaks_;
    // 1 where a hyphen break ends a fragment too wide for the narrowest line
    // with its hyphen: the break is offered without the hyphen as well.
    std::vector<std::uint8_t> plain_too_;
    std::vector<Piece> pieces_;
    std::vector<Item> items_;
    std::vector<std::size_t> space_items_;  // breakable space glue positions in items_
    bool ragged_ = false;
    bool break_anywhere_ = false;  // every character a possible (emergency) break: the last resort
};

}  // namespace booklet::layout
