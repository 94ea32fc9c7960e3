#include "render/pdf/haru.hpp"

#include <algorithm>
#include <cstdio>

#include "render/pdf/render_pdf.hpp"

namespace booklet::render::pdf {

namespace {

void record_haru_error(HPDF_STATUS code, HPDF_STATUS detail, void* user_data) {
    auto* state = static_cast<HaruErrorState*>(user_data);
    if (state && state->code == HPDF_OK) {
        state->code = code;
        state->detail = detail;
    }
}

const char* haru_error_text(HPDF_STATUS code) {
    switch (code) {
        case HPDF_FAILD_TO_ALLOC_MEM: return "out of memory";
        case HPDF_FILE_IO_ERROR: return "file input/output error";
        case HPDF_FILE_OPEN_ERROR: return "cannot open file";
        case HPDF_FONT_EXISTS: return "font already registered";
        case HPDF_INVALID_DATE_TIME: return "invalid date";
        case HPDF_INVALID_DESTINATION: return "invalid destination";
        case HPDF_INVALID_DOCUMENT: return "invalid document";
        case HPDF_INVALID_DOCUMENT_STATE: return "invalid document state";
        case HPDF_INVALID_ENCODER: return "invalid encoder";
        case HPDF_INVALID_FONTDEF_DATA: return "invalid font data";
        case HPDF_INVALID_FONT_NAME: return "invalid font name";
        case HPDF_INVALID_IMAGE: return "invalid image";
        case HPDF_INVALID_JPEG_DATA: return "invalid JPEG data";
        case HPDF_INVALID_OBJECT: return "invalid object";
        case HPDF_INVALID_OPERATION: return "invalid operation";
        case HPDF_INVALID_OUTLINE: return "invalid outline";
        case HPDF_INVALID_PAGE: return "invalid page";
        case HPDF_INVALID_PARAMETER: return "invalid parameter";
        case HPDF_INVALID_PNG_IMAGE: return "invalid PNG image";
        case HPDF_LIBPNG_ERROR: return "libpng error";
        case HPDF_PAGE_INVALID_FONT: return "invalid font";
        case HPDF_PAGE_INVALID_FONT_SIZE: return "invalid font size";
        case HPDF_PAGE_INVALID_GMODE: return "operation not allowed in the current graphics mode";
        case HPDF_PAGE_INVALID_SIZE: return "invalid page size (libharu accepts 3 to 14400 pt)";
        case HPDF_PAGE_OUT_OF_RANGE: return "page out of range";
        case HPDF_REAL_OUT_OF_RANGE: return "number out of range";
        case HPDF_STREAM_EOF: return "unexpected end of stream";
        case HPDF_STRING_OUT_OF_RANGE: return "string too long";
        case HPDF_TTF_CANNOT_EMBEDDING_FONT: return "the font's licence forbids embedding";
        case HPDF_TTF_INVALID_CMAP: return "unsupported TrueType cmap";
        case HPDF_TTF_INVALID_FOMAT: return "invalid TrueType font";
        case HPDF_TTF_MISSING_TABLE: return "TrueType font lacks a required table";
        case HPDF_UNSUPPORTED_FONT_TYPE: return "unsupported font type";
        case HPDF_UNSUPPORTED_FUNC: return "unsupported function (libharu built without it)";
        case HPDF_UNSUPPORTED_JPEG_FORMAT: return "unsupported JPEG format";
        case HPDF_ZLIB_ERROR: return "zlib error";
        case HPDF_INVALID_URI: return "invalid URI";
        case HPDF_PAGE_NUM_STYLE_OUT_OF_RANGE: return "page number style out of range";
        case HPDF_ANNOT_INVALID_BORDER_STYLE: return "invalid annotation border style";
        default: return "error";
    }
}

}  // namespace

std::string describe_haru_error(HPDF_STATUS code, HPDF_STATUS detail) {
    char buf[64];
    std::snprintf(buf, sizeof buf, " (0x%04lX, detail %lu)", static_cast<unsigned long>(code),
                  static_cast<unsigned long>(detail));
    return std::string(haru_error_text(code)) + buf;
}

HaruDoc::HaruDoc() : error_(std::make_unique<HaruErrorState>()) {
    doc_ = HPDF_New(record_haru_error, error_.get());
    if (!doc_)
        throw RenderError("cannot create a PDF document: libharu: " +
                          describe_haru_error(error_->code, error_->detail));
}

HaruDoc::~HaruDoc() {
    if (doc_) HPDF_Free(doc_);
}

bool HaruDoc::failed() const { return error_->code != HPDF_OK; }

void HaruDoc::check(HPDF_STATUS status, std::string_view what) const {
    if (status == HPDF_OK && error_->code == HPDF_OK) return;
    const HPDF_STATUS code = error_->code != HPDF_OK ? error_->code : status;
    throw RenderError(std::string(what) + ": libharu: " + describe_haru_error(code, error_->detail));
}

std::string HaruDoc::save() {
    check(HPDF_SaveToStream(doc_), "writing the PDF");
    const HPDF_UINT32 size = HPDF_GetStreamSize(doc_);
    check(HPDF_OK, "writing the PDF");
    std::string out(size, '\0');
    check(HPDF_ResetStream(doc_), "reading the PDF back");
    HPDF_UINT32 done = 0;
    while (done < size) {
        // Ask for exactly what is left: reading past the end is an error
        // in libharu (HPDF_STREAM_EOF, reported to the error handler).
        HPDF_UINT32 len = std::min<HPDF_UINT32>(size - done, 1u << 20);
        check(HPDF_ReadFromStream(doc_, reinterpret_cast<HPDF_BYTE*>(out.data()) + done, &len),
              "reading the PDF back");
        if (len == 0) throw RenderError("reading the PDF back: libharu returned no data");
        done += len;
    }
    return out;
}

}  // namespace booklet::render::pdf
