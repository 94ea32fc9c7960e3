#pragma once
// The PDF renderer: serialises a laid-out Document into PDF bytes with
// libharu. This is the only code in booklet that talks to libharu.
#include <stdexcept>
#include <string>

#include "layout/document.hpp"

namespace booklet::render {

// Anything that stops the PDF from being written: a libharu error (with its
// code and what was being done), an unreadable font or image (with its
// path), a Document that contradicts itself (a link to a page that does not
// exist, a font index out of range, text a font has no glyph for).
struct RenderError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct PdfOptions {
    // Reserved: the screen/print profile (CMYK colours, bleed and trim
    // boxes) will be chosen here.
};

// Renders `doc` and returns the bytes of the PDF file. The same Document
// (with the same font and image files) always gives the same bytes.
// Throws RenderError.
std::string render_pdf(const layout::Document& doc, const PdfOptions& options = {});

}  // namespace booklet::render
