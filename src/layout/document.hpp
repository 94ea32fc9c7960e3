#pragma once
// The output of layout and the input of the renderers: pages of positioned
// boxes. Plain values, no library types. Units are PostScript points
// (1/72 in); the origin is the top-left corner of the trimmed page and y
// grows downwards. A text run's y is its baseline.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace booklet::layout {

// A colour as the theme gives it: RGB for the screen edition, CMYK for print.
// Floats: a booklet holds one per word, and PDF colours have no more precision.
struct Color {
    float r = 0, g = 0, b = 0;        // 0..1
    float c = 0, m = 0, y = 0, k = 1;  // 0..1
    static Color black() { return {0, 0, 0, 0, 0, 0, 1}; }
    static Color white() { return {1, 1, 1, 0, 0, 0, 0}; }
    auto operator<=>(const Color&) const = default;
};

// A font face the document uses, by the TrueType file that holds it.
struct FontFace {
    std::string name;  // "serif-regular", stable, used in reports
    std::string path;  // absolute path to a .ttf
};

// A run of text in one font, one size and one colour, drawn from its
// left end at (x, baseline y). Layout has placed each word itself: a run
// never relies on the renderer for spacing or justification.
struct TextRun {
    int font = 0;        // index into Document::fonts
    double size = 10;    // pt
    Color color = Color::black();
    double x = 0, y = 0;
    double width = 0;    // advance width as measured by layout
    std::string text;    // UTF-8, every character covered by the font
};

// A filled and/or stroked rectangle, or a line when w or h is 0.
struct Rect {
    double x = 0, y = 0, w = 0, h = 0;
    std::optional<Color> fill;
    std::optional<Color> stroke;
    double line_width = 0.5;
    bool bleed = false;  // extend into the bleed on the sides it touches (print)
};

struct Image {
    std::string path;  // PNG or JPEG, absolute
    double x = 0, y = 0, w = 0, h = 0;
};

// A clickable area: to another page of this document, or to a URI.
struct Link {
    double x = 0, y = 0, w = 0, h = 0;
    int target_page = -1;     // 0-based page index, or -1
    double target_y = 0;      // y on the target page (top of the thing linked to)
    std::string uri;          // external link when non-empty
};

struct Page {
    double width = 0, height = 0;  // trim size, pt
    std::vector<Rect> rects;       // drawn first
    std::vector<Image> images;
    std::vector<TextRun> runs;
    std::vector<Link> links;
};

struct OutlineEntry {
    std::string title;
    int level = 0;   // 0 = top level; an entry's children follow it with level+1
    int page = 0;
    double y = 0;
};

// A range of page labels starting at `first_page` (0-based index).
struct PageLabelRange {
    int first_page = 0;
    enum class Style { None, Decimal, LowerRoman, UpperRoman } style = Style::Decimal;
    std::string prefix;
    int first_number = 1;
};

struct Metadata {
    std::string title;
    std::string author;
    std::string subject;
    std::string keywords;
    std::string creator = "booklet";
    std::string lang;                    // "fr", "en"
    std::optional<std::int64_t> created; // seconds since the epoch, UTC
};

struct Document {
    std::vector<FontFace> fonts;
    std::vector<Page> pages;
    std::vector<OutlineEntry> outline;
    std::vector<PageLabelRange> page_labels;
    Metadata meta;
};

}  // namespace booklet::layout
