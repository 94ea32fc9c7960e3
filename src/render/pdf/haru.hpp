#pragma once
// A thin RAII layer over libharu: owns the HPDF_Doc, records libharu's
// errors through an error handler (libharu is C: the handler only records,
// it never throws, prints or aborts) and turns them into RenderError at the
// next check.
#include <hpdf.h>

#include <memory>
#include <concepts>
#include <string>
#include <string_view>

namespace booklet::render::pdf {

// What libharu's error handler saw first.
struct HaruErrorState {
    HPDF_STATUS code = HPDF_OK;
    HPDF_STATUS detail = 0;
};

// "invalid PNG image (0x103B, detail 0)"
std::string describe_haru_error(HPDF_STATUS code, HPDF_STATUS detail);

class HaruDoc {
public:
    HaruDoc();  // throws RenderError
    ~HaruDoc();
    HaruDoc(const HaruDoc&) = delete;
    HaruDoc& operator=(const HaruDoc&) = delete;

    HPDF_Doc get() const { return doc_; }
    HPDF_MMgr mmgr() const { return doc_->mmgr; }

    // Throws RenderError "<what>: libharu: <error>" when `status` is not
    // HPDF_OK or libharu has reported an error.
    void check(HPDF_STATUS status, std::string_view what) const;
    // As check(), but builds the message only when there is an error: for
    // the calls made once per word.
    template <typename Describe>
        requires std::invocable<Describe>
    void check_lazily(HPDF_STATUS status, Describe&& describe) const {
        if (status != HPDF_OK || failed()) check(status, describe());
    }
    bool failed() const;
    // Same for calls that return a handle: null is an error.
    template <class T>
    T need(T handle, std::string_view what) const {
        check(handle ? HPDF_OK : HPDF_INVALID_OBJECT, what);
        return handle;
    }

    // Saves to libharu's memory stream and returns the bytes.
    std::string save();

private:
    std::unique_ptr<HaruErrorState> error_;  // stable address: libharu holds it
    HPDF_Doc doc_ = nullptr;
};

}  // namespace booklet::render::pdf
