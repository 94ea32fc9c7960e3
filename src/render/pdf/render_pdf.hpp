#pragma once
// The PDF renderer: serialises a laid-out Document into PDF bytes with
// libharu. This is the only code in booklet that talks to libharu.
//
// Three editions come out of the same Document (whose pages are the trim
// size):
//   screen  RGB colours, links, bookmarks, page labels (the default);
//           with `pdfa`, a PDF/A-1b file: XMP metadata, an sRGB output
//           intent, printable annotations, no transparency.
//   print   DeviceCMYK colours only (DeviceGray for grey images), every
//           page grown by the bleed and the crop-mark area, with TrimBox
//           and BleedBox; rectangles marked `bleed` run into the bleed.
//   imposed (render_imposed_pdf) the pages two up on sheets, in
//           saddle-stitch order, with cut and fold marks.
#include <functional>
#include <stdexcept>
#include <string>

#include "layout/document.hpp"

namespace booklet::render {

// Anything that stops the PDF from being written: a libharu error (with its
// code and what was being done), an unreadable font or image (with its
// path), a Document that contradicts itself (a link to a page that does not
// exist, a font index out of range, text a font has no glyph for), options
// that contradict each other, or a warning in strict mode.
struct RenderError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

enum class Profile { Screen, Print };

inline constexpr double kPointsPerMm = 72.0 / 25.4;

struct PdfOptions {
    Profile profile = Profile::Screen;
    // Print: how far the page grows beyond the trim on every side (pt).
    // The CLI passes the theme's page.bleed. Ignored for the screen edition.
    double bleed = 3 * kPointsPerMm;
    // Print: crop marks at the trim corners, outside the bleed (the page
    // grows by 10 mm more on every side to hold them). Imposed sheets get
    // cut and fold marks where the sheet has room for them.
    bool crop_marks = true;
    // Every warning becomes a RenderError.
    bool strict = false;
    // Not read by the renderer: tells the caller to call render_imposed_pdf
    // as well.
    bool impose = false;
    // Screen edition only: PDF/A-1b. PNG transparency is flattened onto what
    // lies under the image (see render_pdf.cpp).
    bool pdfa = false;
    // The sRGB ICC profile embedded as the PDF/A output intent; empty: the
    // first of the usual system locations (Debian: icc-profiles-free's
    // /usr/share/color/icc/sRGB.icc).
    std::string srgb_profile;
    // Receives each warning (an RGB image in the print edition, a
    // transparent image flattened over a non-uniform background). Not
    // called in strict mode: the warning is thrown instead.
    std::function<void(const std::string&)> warn;
};

// Renders `doc` and returns the bytes of the PDF file. The same Document
// (with the same font and image files) and options always give the same
// bytes. Throws RenderError.
std::string render_pdf(const layout::Document& doc, const PdfOptions& options = {});

// The imposed edition for saddle stitching: two pages a side, sheets in
// folding order (sheet i, 0-based, of n pages: front n−2i | 2i+1, back
// 2i+2 | n−2i−1, 1-based, left | right; print the back flipped on the short
// edge). The sheet is SRA4 (225 x 320 mm) landscape when there is a bleed
// (print profile with bleed > 0), A4 landscape otherwise (SRA3/A3 when the
// spread does not fit). Colours follow options.profile. No links or
// bookmarks; never PDF/A (options.pdfa is ignored). Throws RenderError, in
// particular when the page count is not a multiple of 4 or the pages differ
// in size.
std::string render_imposed_pdf(const layout::Document& doc, const PdfOptions& options = {});

// The file render_pdf uses for the PDF/A output intent when
// options.srgb_profile is empty; "" when none is installed.
std::string default_srgb_profile();

}  // namespace booklet::render
