#include "layout/core/french_spacing.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <cctype>

#include "unicode/utf8.hpp"

namespace booklet::layout {

namespace {

bool space_like(char32_t c) { return c == U' ' || c == 0x00A0 || c == 0x202F || c == 0x2009; }
bool whitespace(char32_t c) { return space_like(c) || c == U'\t' || c == U'\n' || c == U'\r'; }

bool closing_mark(char32_t c) {
    switch (c) {
        case U')': case U']': case U'}': case 0x00BB: case 0x203A: case 0x201D: case 0x2019:
        case U'"': case U'\'': case U'.': case 0x2026: case U'%': case U'*':
            return true;
        default:
            return false;
    }
}

bool letter_or_digit(char32_t c) {
    return u_isUAlphabetic(static_cast<UChar32>(c)) || u_isdigit(static_cast<UChar32>(c)) ||
           u_charType(static_cast<UChar32>(c)) == U_NON_SPACING_MARK;
}

// May a space be added after `c` (no space between c and the punctuation)?
bool attaches_after(char32_t c) { return letter_or_digit(c) || closing_mark(c); }

// After ; ! ? with no space before: what may follow for it to be prose.
bool prose_follower(char32_t c) {
    if (whitespace(c)) return true;
    switch (c) {
        case U')': case U']': case U'}': case 0x00BB: case 0x203A: case 0x201D: case 0x2019:
        case U'"': case U'\'': case U'.': case U',': case 0x2026: case U'!': case U'?': case U';':
        case U':': case U'-': case 0x2013: case 0x2014:
            return true;
        default:
            return false;
    }
}

bool lower_ascii_eq(const std::u32string& s, std::size_t at, std::size_t end, std::u32string_view what) {
    if (end - at < what.size()) return false;
    for (std::size_t k = 0; k < what.size(); ++k) {
        char32_t c = s[at + k];
        if (c >= U'A' && c <= U'Z') c += 32;
        if (c != what[k]) return false;
    }
    return true;
}

// Does the output end with "&name" or "&#123" (an entity left as text)?
bool ends_with_entity(const std::u32string& out) {
    std::size_t k = out.size();
    while (k > 0 && (std::isalnum(static_cast<int>(out[k - 1] < 128 ? out[k - 1] : 0)) || out[k - 1] == U'#')) --k;
    return k > 0 && k < out.size() && out[k - 1] == U'&';
}

// Marks characters of tokens that look like URLs or e-mail addresses.
void verbatim_mask(const std::u32string& s, std::vector<bool>& mask) {
    mask.assign(s.size(), false);
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && whitespace(s[i])) ++i;
        const std::size_t a = i;
        while (i < s.size() && !whitespace(s[i])) ++i;
        const std::size_t b = i;
        if (a == b) continue;
        bool verbatim = lower_ascii_eq(s, a, b, U"www.") || lower_ascii_eq(s, a, b, U"mailto:");
        bool at_seen = false;
        for (std::size_t k = a; k < b && !verbatim; ++k) {
            if (s[k] == U':' && k + 2 < b && s[k + 1] == U'/' && s[k + 2] == U'/') verbatim = true;
            if (s[k] == U'@' && k > a) at_seen = true;
            if (at_seen && s[k] == U'.' && k + 1 < b && letter_or_digit(s[k + 1])) verbatim = true;
        }
        if (verbatim)
            for (std::size_t k = a; k < b; ++k) mask[k] = true;
    }
}

}  // namespace

void apply_french_spacing(std::u32string& text, std::vector<std::uint32_t>* tags) {
    const bool any = std::any_of(text.begin(), text.end(), [](char32_t c) {
        return c == U';' || c == U'!' || c == U'?' || c == U':' || c == 0x00AB || c == 0x00BB || c == 0x2039 ||
               c == 0x203A;
    });
    if (!any) return;
    const std::u32string& in = text;
    const std::size_t n = in.size();
    // Scratch buffers reused between calls (one set per thread).
    static thread_local std::vector<bool> verbatim;
    static thread_local std::u32string out;
    static thread_local std::vector<std::uint32_t> out_tags;
    verbatim_mask(in, verbatim);
    out.clear();
    out_tags.clear();
    out.reserve(n + n / 8 + 4);
    if (tags) out_tags.reserve(n + n / 8 + 4);

    auto push = [&](char32_t c, std::uint32_t tag) {
        out.push_back(c);
        if (tags) out_tags.push_back(tag);
    };
    // Removes a trailing run of spaces from the output, keeping it aside so
    // that restore() can put it back; true if there was one.
    std::u32string popped;
    std::vector<std::uint32_t> popped_tags;
    auto pop_spaces = [&]() {
        popped.clear();
        popped_tags.clear();
        while (!out.empty() && space_like(out.back())) {
            popped.insert(popped.begin(), out.back());
            out.pop_back();
            if (tags) {
                popped_tags.insert(popped_tags.begin(), out_tags.back());
                out_tags.pop_back();
            }
        }
        return !popped.empty();
    };
    auto restore = [&]() {
        out += popped;
        if (tags) out_tags.insert(out_tags.end(), popped_tags.begin(), popped_tags.end());
    };

    for (std::size_t i = 0; i < n; ++i) {
        const char32_t c = in[i];
        const std::uint32_t tag = tags ? (*tags)[i] : 0;
        if (verbatim[i]) {
            push(c, tag);
            continue;
        }
        const char32_t next = i + 1 < n ? in[i + 1] : 0;
        switch (c) {
            case U';':
            case U'!':
            case U'?': {
                if (pop_spaces()) {
                    if (!out.empty() && !whitespace(out.back())) {
                        push(kNarrowNoBreakSpace, tag);
                    } else {  // spaces at the start of a line: keep them as they were
                        restore();
                    }
                } else if (!out.empty() && attaches_after(out.back()) && (next == 0 || prose_follower(next)) &&
                           !(c == U';' && ends_with_entity(out))) {
                    push(kNarrowNoBreakSpace, tag);
                }
                push(c, tag);
                break;
            }
            case U':': {
                if (next == U':' || (!out.empty() && out.back() == U':')) {
                    push(c, tag);
                    break;
                }
                if (pop_spaces()) {
                    if (!out.empty() && !whitespace(out.back())) {
                        push(kNoBreakSpace, tag);
                    } else {
                        restore();
                    }
                } else if (!out.empty() && attaches_after(out.back()) && (next == 0 || whitespace(next))) {
                    push(kNoBreakSpace, tag);
                }
                push(c, tag);
                break;
            }
            case 0x00AB:    // «
            case 0x2039: {  // ‹
                push(c, tag);
                std::size_t j = i + 1;
                while (j < n && space_like(in[j]) && !verbatim[j]) ++j;
                if (j < n && !whitespace(in[j]) && in[j] != 0x00BB && in[j] != 0x203A) {
                    push(kNarrowNoBreakSpace, tag);
                    i = j - 1;  // the spaces, if any, are replaced
                }
                break;
            }
            case 0x00BB:    // »
            case 0x203A: {  // ›
                const bool had = pop_spaces();
                if (!out.empty() && !whitespace(out.back()) && out.back() != 0x00AB && out.back() != 0x2039) {
                    push(kNarrowNoBreakSpace, tag);
                } else if (had) {
                    restore();
                }
                push(c, tag);
                break;
            }
            default:
                push(c, tag);
        }
    }
    text.swap(out);  // the old text becomes the next call's scratch
    if (tags) tags->swap(out_tags);
}

bool is_french(std::string_view lang) {
    if (lang.size() < 2 || (lang[0] | 0x20) != 'f' || (lang[1] | 0x20) != 'r') return false;
    return lang.size() == 2 || lang[2] == '-' || lang[2] == '_';
}

std::string apply_french_spacing(std::string_view utf8) {
    std::u32string s = unicode::to_u32(utf8);
    apply_french_spacing(s, nullptr);
    return unicode::from_u32(s);
}

}  // namespace booklet::layout
