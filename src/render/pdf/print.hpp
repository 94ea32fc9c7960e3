#pragma once
// Print production helpers, independent of libharu: page geometry with
// bleed and marks, saddle-stitch imposition, PDF/A-1b metadata and the ICC
// profile check, PNG flattening.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "layout/document.hpp"

namespace booklet::render::pdf {

// A rectangle in PDF user space (origin bottom left, y up).
struct Box {
    double left = 0, bottom = 0, right = 0, top = 0;
    double width() const { return right - left; }
    double height() const { return top - bottom; }
    bool operator==(const Box&) const = default;
};

// Crop marks: 0.25 pt lines starting this far outside the bleed edge and
// this long; the page grows by kMarkRoom beyond the bleed to hold them.
inline constexpr double kMarkLineWidth = 0.25;
inline constexpr double kMarkGap = 72.0 / 25.4 * 2;     // 2 mm
inline constexpr double kMarkLength = 72.0 / 25.4 * 6;  // 6 mm
inline constexpr double kMarkRoom = 72.0 / 25.4 * 10;   // 10 mm
// A rect edge within this distance of the trim edge touches it.
inline constexpr double kBleedTouch = 0.5;

// Where a trim-size page sits on its (larger) print page.
struct PrintGeometry {
    Box media, bleed, trim;
};

// The print page for a `width` x `height` trim: the trim grown by `bleed`,
// then by kMarkRoom when there are crop marks.
PrintGeometry print_geometry(double width, double height, double bleed, bool crop_marks);

// A rect with `bleed` set, in layout coordinates (y down, trim origin),
// extended by `bleed` on each side that touches the trim edge of a
// `width` x `height` page. `sides` selects which sides may grow
// (left, top, right, bottom), for the spine of an imposed spread.
struct LayoutRect {
    double x = 0, y = 0, w = 0, h = 0;
};
LayoutRect bleed_extended(LayoutRect r, double width, double height, double bleed,
                          std::array<bool, 4> sides = {true, true, true, true});

// One stroke of a mark, in PDF user space.
struct Line {
    double x1, y1, x2, y2;
    bool operator==(const Line&) const = default;
};

// How far from the trim edge a mark starts and ends, given the `room`
// there is beyond the bleed edge: kMarkGap then kMarkLength when there is
// kMarkRoom, else a 1 mm gap and what is left but 0.5 mm. nullopt when
// fewer than 2 mm of mark would fit.
struct MarkSpan {
    double from = 0, to = 0;
};
std::optional<MarkSpan> mark_span(double bleed, double room);

// Two lines at each corner of `trim`, on the extensions of its edges,
// outside the bleed: the horizontal ones fitted into `room_x` beyond the
// bleed edge, the vertical ones into `room_y` (see mark_span; a direction
// without room gets no lines).
std::vector<Line> crop_marks(const Box& trim, double bleed, double room_x = kMarkRoom, double room_y = kMarkRoom);

// --- imposition ------------------------------------------------------------

// The logical pages (1-based) on one side of a sheet, left then right.
struct SheetSide {
    int left = 0, right = 0;
    bool operator==(const SheetSide&) const = default;
};
struct Sheet {
    SheetSide front, back;
};

// Saddle-stitch order for `n` pages (n a multiple of 4, n > 0): sheet i
// front = (n−2i, 2i+1), back = (2i+2, n−2i−1).
std::vector<Sheet> saddle_stitch(int n);

struct SheetSize {
    std::string name;  // "SRA4", "A4", ...
    double width = 0, height = 0;  // landscape, pt
};

// The sheet for a spread of two `page_width` x `page_height` pages: SRA4
// (225 x 320 mm, then SRA3, 320 x 450 mm) landscape when `bleed` > 0, A4
// (then A3) landscape without,
// the first that holds the spread and its bleed. nullopt when none does.
std::optional<SheetSize> sheet_for(double page_width, double page_height, double bleed);

// --- PDF/A -----------------------------------------------------------------

struct XmpFields {
    std::string title, author, subject, keywords, creator, producer;
    std::optional<std::int64_t> created;  // seconds since the epoch, UTC
};

// An XMP packet for PDF/A-1b: dc:title, dc:creator, dc:description,
// pdf:Keywords, pdf:Producer, xmp:CreatorTool, xmp:CreateDate and
// xmp:ModifyDate (each only when set, matching the Info dictionary), and
// pdfaid:part 1, conformance B. No bytes= or encoding= in the header.
std::string xmp_packet(const XmpFields& f);

// "2020-01-01T00:00:00+00:00"
std::string xmp_date(std::int64_t seconds);

std::string xml_escaped(std::string_view s);

// nullopt when `icc` is an ICC profile PDF/A-1 accepts as an RGB output
// intent (RGB data, display or output class, version below 4), else why not.
std::optional<std::string> srgb_output_profile_problem(std::string_view icc);

// --- images ----------------------------------------------------------------

struct RawImage {
    unsigned width = 0, height = 0;
    int channels = 0;  // 1 grey, 3 RGB
    std::vector<unsigned char> pixels;
};

// What a PNG or JPEG file holds, from its header (as libharu will embed
// it: a palette PNG is RGB, a 4-component JPEG is CMYK).
enum class ImageColour { Grey, Rgb, Cmyk, Unknown };
ImageColour image_colour(std::string_view bytes);

// Whether the PNG has an alpha channel or a tRNS chunk. nullopt if it does
// not decode.
std::optional<bool> png_has_alpha(std::string_view png);

// The PNG composited onto `background` (8-bit RGB), without alpha: grey
// when the PNG is grey and the background is grey, else RGB. Throws
// std::runtime_error when it does not decode.
RawImage flatten_png(std::string_view png, std::array<unsigned char, 3> background);

}  // namespace booklet::render::pdf
