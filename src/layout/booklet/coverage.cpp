#include "layout/booklet/coverage.hpp"

#include <algorithm>

#include "layout/core/font_fallback.hpp"
#include "layout/core/paragraph.hpp"
#include "model/text_fields.hpp"

namespace booklet::layout {

namespace {

class Coverage {
public:
    Coverage(const FontSet& fonts, bool strict, model::Diagnostics& diags) : fonts_(fonts), strict_(strict), diags_(diags) {
        // Booklets set text in the serif and the sans: a character is
        // missing when neither (nor their fallbacks) can draw it.
        for (Family f : {Family::Serif, Family::Sans})
            if (int i = fonts.index(f, FontStyle::Regular); i >= 0 && std::find(bases_.begin(), bases_.end(), i) == bases_.end())
                bases_.push_back(i);
        theme_faces_ = static_cast<int>(fonts.size());
    }

    void text(const model::SourceLocation& where, const std::string& what, const std::string& s) {
        if (s.empty()) return;
        std::vector<char32_t> here;
        for (char32_t cp : normalized_code_points(s)) {
            if (!is_drawn_character(cp) || drawable(cp)) continue;
            if (std::find(here.begin(), here.end(), cp) != here.end()) continue;
            here.push_back(cp);
            if (std::find(reported_.begin(), reported_.end(), cp) == reported_.end()) reported_.push_back(cp);
            const std::string message = what + ": " + missing_glyph_message(cp);
            if (strict_) diags_.error(where, message);
            else diags_.warning(where, message);
        }
    }

    void rich(const model::SourceLocation& where, const std::string& what, const model::Text& t) {
        for (const auto& b : t.blocks) block(where, what, b);
    }

    std::vector<char32_t> reported() && { return std::move(reported_); }

private:
    void block(const model::SourceLocation& where, const std::string& what, const model::Block& b) {
        const model::SourceLocation& at = b.where.known() ? b.where : where;
        for (const auto& in : b.inlines) text(at, what, in.text);
        for (const auto& item : b.items)
            for (const auto& child : item) block(at, what, child);
    }

    bool drawable(char32_t cp) {
        if (cp > 0xFFFF) return false;
        for (int i = 0; i < theme_faces_; ++i)
            if (fonts_.metrics(i).has_glyph(cp)) return true;
        for (int i : bases_)
            if (fonts_.face_for(i, cp) >= 0) return true;
        return false;
    }

    const FontSet& fonts_;
    bool strict_;
    model::Diagnostics& diags_;
    std::vector<int> bases_;
    int theme_faces_ = 0;
    std::vector<char32_t> reported_;
};

}  // namespace

std::vector<char32_t> check_font_coverage(const model::Programme& p, const FontSet& fonts, bool strict,
                                          model::Diagnostics& diags) {
    Coverage c(fonts, strict, diags);
    model::for_each_text(
        p, [&](const model::SourceLocation& where, const std::string& what, const std::string& s) { c.text(where, what, s); },
        [&](const model::SourceLocation& where, const std::string& what, const model::Text& t) { c.rich(where, what, t); });
    return std::move(c).reported();
}

}  // namespace booklet::layout
