#include "layout/core/paragraph.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "layout/core/font_fallback.hpp"
#include "layout/core/french_spacing.hpp"
#include "unicode/utf8.hpp"

namespace booklet::layout {

namespace {

enum PieceKind : std::uint8_t { kText, kIndent, kHyphen };

bool is_space(char32_t c) {
    return c == U' ' || c == 0x00A0 || c == 0x202F || (c >= 0x2000 && c <= 0x200A) || c == 0x205F || c == 0x3000;
}
bool non_breaking_space(char32_t c) { return c == 0x00A0 || c == 0x202F || c == 0x2007; }

bool is_combining(char32_t c) {
    const auto t = u_charType(static_cast<UChar32>(c));
    return t == U_NON_SPACING_MARK || t == U_ENCLOSING_MARK || t == U_COMBINING_SPACING_MARK;
}

bool needs_nfc(const std::u32string& s) {
    for (char32_t c : s) {
        if (c < 0x300) continue;
        const auto u = static_cast<UChar32>(c);
        if (u_getCombiningClass(u) != 0 || u_getIntPropertyValue(u, UCHAR_NFC_QUICK_CHECK) != UNORM_YES) return true;
    }
    return false;
}

void nfc(std::u32string& s) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status) || !n) return;
    const icu::UnicodeString in =
        icu::UnicodeString::fromUTF32(reinterpret_cast<const UChar32*>(s.data()), static_cast<int32_t>(s.size()));
    const icu::UnicodeString out = n->normalize(in, status);
    if (U_FAILURE(status)) return;
    std::u32string r(static_cast<std::size_t>(out.countChar32()), U'\0');
    status = U_ZERO_ERROR;
    out.toUTF32(reinterpret_cast<UChar32*>(r.data()), static_cast<int32_t>(r.size()), status);
    if (U_SUCCESS(status)) s = std::move(r);
}

std::string char_name(char32_t cp) {
    char buf[128];
    UErrorCode status = U_ZERO_ERROR;
    const int32_t n = u_charName(static_cast<UChar32>(cp), U_UNICODE_CHAR_NAME, buf, sizeof buf, &status);
    if (U_FAILURE(status) || n <= 0) return {};
    return std::string(buf, static_cast<std::size_t>(n));
}

bool same_style(const TextRun& r, int face, const Span& s) {
    return r.font == face && r.size == s.size && r.color == s.color;
}

}  // namespace

std::u32string normalized_code_points(std::string_view t) {
    std::u32string out;
    std::size_t i = 0;
    while (i < t.size()) out.push_back(unicode::decode(t, i));
    if (needs_nfc(out)) nfc(out);
    return out;
}

bool is_drawn_character(char32_t cp) {
    if (cp > 0x20 && cp < 0x7F) return true;
    if (cp == U'\t' || cp == U'\n' || cp == U'\r' || cp == 0x0B || cp == 0x0C || cp == 0x85 || cp == 0x2028 ||
        cp == 0x2029 || cp == 0x00AD || cp == 0x200B || is_space(cp))
        return false;
    const auto type = u_charType(static_cast<UChar32>(cp));
    const bool control = cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
    const bool variation = (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
    return !(control || type == U_FORMAT_CHAR || variation);
}

std::string LaidOutLine::text() const {
    std::string s;
    double end = 0;
    for (std::size_t i = 0; i < runs.size(); ++i) {
        if (i > 0 && runs[i].x > end + 0.01) s += ' ';
        s += runs[i].text;
        end = runs[i].x + runs[i].width;
    }
    return s;
}

ParagraphBuilder::ParagraphBuilder(const FontSet& fonts, Hyphenators& hyphenators)
    : fonts_(fonts), hyphenators_(hyphenators) {}

void ParagraphBuilder::report(const IssueSink& sink, TextIssue::Kind kind, char32_t cp, std::string message) {
    if (std::find(reported_.begin(), reported_.end(), cp) != reported_.end()) return;
    reported_.push_back(cp);
    if (kind == TextIssue::Kind::MissingGlyph &&
        std::find(reported_elsewhere_.begin(), reported_elsewhere_.end(), cp) != reported_elsewhere_.end())
        return;
    if (sink) sink(TextIssue{kind, cp, std::move(message), strict_});
}

// ------------------------------------------------------------- collect

void ParagraphBuilder::collect(std::span<const Span> spans, const ParagraphStyle& style, const IssueSink& sink) {
    cps_.clear();
    tags_.clear();
    reported_.clear();
    std::u32string& buf = span_buf_;
    bool bad_utf8 = false;
    for (std::size_t si = 0; si < spans.size(); ++si) {
        const std::string_view t = spans[si].text;
        buf.clear();
        std::size_t i = 0;
        while (i < t.size()) {
            bool ok = true;
            buf.push_back(unicode::decode(t, i, ok));
            if (!ok) bad_utf8 = true;
        }
        if (needs_nfc(buf)) nfc(buf);
        const auto tag = static_cast<std::uint32_t>(si);
        for (char32_t cp : buf) {
            if (cp > 0x20 && cp < 0x7F) {  // printable ASCII: nothing to check
                cps_.push_back(cp);
                tags_.push_back(tag);
                continue;
            }
            if (cp == U'\t' || cp == U'\n' || cp == U'\r' || cp == 0x0B || cp == 0x0C || cp == 0x85 || cp == 0x2028 ||
                cp == 0x2029) {
                cps_.push_back(U' ');
                tags_.push_back(tag);
                continue;
            }
            if (cp == 0x00AD || cp == 0x200B) {  // soft hyphen, zero-width space: break markers
                cps_.push_back(cp);
                tags_.push_back(tag);
                continue;
            }
            const auto type = u_charType(static_cast<UChar32>(cp));
            const bool control = cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
            const bool variation = (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF);
            if (control || type == U_FORMAT_CHAR || variation) {
                const std::string name = char_name(cp);
                report(sink, TextIssue::Kind::RemovedCharacter, cp,
                       std::string(control ? "control character " : "invisible character ") +
                           unicode::code_point_name(cp) + (name.empty() ? "" : " (" + name + ")") + " removed");
                continue;
            }
            cps_.push_back(cp);
            tags_.push_back(tag);
        }
    }
    if (bad_utf8 && sink)
        sink(TextIssue{TextIssue::Kind::InvalidUtf8, unicode::kReplacement,
                       "malformed UTF-8 in the text, replaced by U+FFFD"});
    if (style.french_spacing && is_french(style.language)) apply_french_spacing(cps_, &tags_);
}

// ----------------------------------------------------------- items

void ParagraphBuilder::add_space(char32_t cp, std::uint32_t span_index, std::span<const Span> spans,
                                 const ParagraphStyle& style) {
    const Span& span = spans[span_index];
    const FontMetrics& fm = fonts_.metrics(span.font);
    const double size = span.size;
    const double space = (fm.has_glyph(U' ') ? fm.advance_1000(U' ') : 250) * size / 1000.0;
    const double gamma = style.ragged_stretch_em * size;
    auto breakable = [&](double w, double stretch, double shrink) {
        space_items_.push_back(items_.size());
        if (ragged_) {
            items_.push_back(Item::make_glue(0, gamma, 0));
            items_.push_back(Item::make_penalty(0, 0));
            items_.push_back(Item::make_glue(w, -gamma, 0));
        } else {
            items_.push_back(Item::make_glue(w, stretch, shrink));
        }
    };
    // A no-break space never breaks, except in the last resort (a measure
    // too narrow for "« m"), where it costs the most a break can.
    const int no_break = break_anywhere_ ? kInfinitePenalty - 1 : kInfinitePenalty;
    auto fixed = [&](double w, bool can_break) {
        if (can_break) {
            breakable(w, 0, 0);
        } else {
            items_.push_back(Item::make_penalty(0, no_break));
            items_.push_back(Item::make_glue(w, 0, 0));
        }
    };
    switch (cp) {
        case 0x00A0:
            items_.push_back(Item::make_penalty(0, no_break));
            if (ragged_) items_.push_back(Item::make_glue(space, 0, 0));
            else items_.push_back(Item::make_glue(space, size * style.space_stretch_em, space * style.space_shrink));
            break;
        case 0x202F: fixed(size / 6, false); break;
        case 0x2007: fixed(fm.advance(U'0', size), false); break;
        case 0x2009: case 0x2006: fixed(size / 6, true); break;
        case 0x2000: case 0x2002: fixed(size / 2, true); break;
        case 0x2001: case 0x2003: case 0x3000: fixed(size, true); break;
        case 0x2004: fixed(size / 3, true); break;
        case 0x2005: fixed(size / 4, true); break;
        case 0x2008: fixed(fm.advance(U'.', size), true); break;
        case 0x200A: fixed(size / 10, true); break;
        case 0x205F: fixed(size * 4 / 18, true); break;
        default: breakable(space, size * style.space_stretch_em, space * style.space_shrink); break;
    }
}

void ParagraphBuilder::add_word(std::span<const Span> spans, const ParagraphStyle& style, bool with_hyphenation,
                                double min_width) {
    const std::size_t n = word_.size();
    const std::uint32_t word_start = word_.front().byte;
    const std::string_view wtext = std::string_view(text_).substr(word_start);

    bool has_soft = false;
    for (std::size_t k = 1; k < n; ++k) has_soft = has_soft || breaks_[k] == kSoft;
    auto set_break = [&](std::size_t k, BreakKind kind) {
        if (k == 0 || k >= n) return;
        if (breaks_[k] == kNone || kind < breaks_[k]) breaks_[k] = kind;
    };
    // byte offset within the word → character index
    auto index_of = [&](std::uint32_t offset, std::size_t& cursor) -> std::size_t {
        while (cursor < n && word_[cursor].byte - word_start < offset) ++cursor;
        return cursor < n && word_[cursor].byte - word_start == offset ? cursor : n;
    };

    if (looks_like_url(wtext)) {
        std::size_t cursor = 0;
        for (std::uint32_t off : url_breaks(wtext)) set_break(index_of(off, cursor), kUrl);
    } else {
        for (std::size_t k = 1; k + 1 < n; ++k) {
            const char32_t c = word_[k].cp;
            if ((c == 0x2014 || c == 0x2013) && u_isUAlphabetic(static_cast<UChar32>(word_[k - 1].cp)) &&
                u_isUAlphabetic(static_cast<UChar32>(word_[k + 1].cp)))
                set_break(k + 1, kDash);
        }
        bool may_hyphenate = with_hyphenation && !has_soft;
        for (std::size_t k = 0; k < n && may_hyphenate; ++k) may_hyphenate = spans[word_[k].span].hyphenate;
        Hyphenator* hy = may_hyphenate ? hyphenator_ : nullptr;
        std::size_t cursor = 0;
        if (hy) {
            for (const HyphenBreak& hb : hy->breaks(wtext))
                set_break(index_of(hb.offset, cursor), hb.explicit_hyphen ? kExplicit : kAuto);
        } else {
            for (const HyphenBreak& hb : explicit_hyphen_breaks(wtext)) set_break(index_of(hb.offset, cursor), kExplicit);
        }
    }

    // A fragment wider than the narrowest line may break anywhere. A
    // fragment that ends where a hyphen is added must leave room for it;
    // if it cannot, that break is also offered without the hyphen.
    plain_too_.assign(n, 0);
    {
        std::size_t frag = 0;
        double w = 0;
        for (std::size_t k = 0; k <= n; ++k) {
            if (k == n || (k > 0 && breaks_[k] != kNone)) {
                double hyphen = 0;
                if (k < n && (breaks_[k] == kAuto || breaks_[k] == kSoft)) {
                    const Span& sp = spans[word_[k - 1].span];
                    hyphen = fonts_.metrics(sp.font).advance(U'-', sp.size);
                    if (w + hyphen > min_width) plain_too_[k] = 1;
                }
                if (w + hyphen > min_width) {
                    for (std::size_t m = frag + 1; m < k; ++m)
                        if (!is_combining(word_[m].cp)) set_break(m, kEmergency);
                }
                frag = k;
                w = 0;
            }
            if (k < n) w += word_[k].units * spans[word_[k].span].size / 1000.0;
        }
    }

    // Emit boxes and breaks.
    double max_width = 0;
    for (double lw : style.line_widths) max_width = std::max(max_width, lw);
    std::size_t start = 0;
    std::int64_t units = 0;
    auto flush = [&](std::size_t k) {
        if (k <= start) return;
        const std::uint32_t span = word_[start].span;
        Piece p;
        p.span = span;
        p.face = word_[start].face;
        p.begin = word_[start].byte;
        p.end = k < n ? word_[k].byte : static_cast<std::uint32_t>(text_.size());
        p.kind = kText;
        pieces_.push_back(p);
        items_.push_back(Item::make_box(static_cast<double>(units) * spans[span].size / 1000.0,
                                        static_cast<std::uint32_t>(pieces_.size() - 1)));
        units = 0;
        start = k;
    };
    // A break with nothing added, where the line may end ragged: glue that
    // only counts when the break is taken.
    auto emergency_break = [&](int penalty) {
        const double e = std::max(max_width, 1.0);
        items_.push_back(Item::make_penalty(0, kInfinitePenalty));
        items_.push_back(Item::make_glue(0, e, 0));
        items_.push_back(Item::make_penalty(0, penalty));
        items_.push_back(Item::make_glue(0, -e, 0));
    };
    for (std::size_t k = 0; k < n; ++k) {
        // A new piece at a break, a change of span or face, and around
        // each box (one box per character).
        if (k > 0 && (breaks_[k] != kNone || word_[k].span != word_[k - 1].span || word_[k].face != word_[k - 1].face ||
                      word_[k].face < 0)) {
            flush(k);
            const std::uint32_t span = word_[k - 1].span;
            const Span& sp = spans[span];
            switch (breaks_[k]) {
                case kNone:
                    break;
                case kAuto:
                case kSoft: {
                    const FontMetrics& fm = fonts_.metrics(sp.font);
                    const char32_t h = fm.has_glyph(U'-') ? U'-' : (fm.has_glyph(0x2010) ? 0x2010 : 0);
                    if (!h) break;  // no hyphen to draw: no break
                    Piece p;
                    p.span = span;
                    p.kind = kHyphen;
                    pieces_.push_back(p);
                    items_.push_back(Item::make_penalty(fm.advance(h, sp.size), style.hyphen_penalty, true,
                                                        breaks_[k] == kAuto,
                                                        static_cast<std::uint32_t>(pieces_.size() - 1)));
                    if (plain_too_[k]) emergency_break(style.emergency_penalty);
                    break;
                }
                case kExplicit:
                    items_.push_back(Item::make_penalty(0, style.explicit_hyphen_penalty, true));
                    break;
                case kDash:
                    items_.push_back(Item::make_penalty(0, style.explicit_hyphen_penalty, false));
                    break;
                case kZwsp:
                    items_.push_back(Item::make_penalty(0, 0, false));
                    break;
                case kUrl:
                    emergency_break(style.url_penalty);
                    break;
                case kEmergency:
                    emergency_break(style.emergency_penalty);
                    break;
            }
        }
        units += word_[k].units;
    }
    flush(n);
}

void ParagraphBuilder::keep_last_words(const ParagraphStyle& style) {
    if (space_items_.size() < 3) return;
    const std::size_t g = space_items_.back();
    const std::size_t g_prev = space_items_[space_items_.size() - 2];
    const std::size_t group = ragged_ ? 3 : 1;
    double last_word = 0, prev_word = 0;
    for (std::size_t i = g + group; i < items_.size(); ++i)
        if (items_[i].type == Item::Type::Box) last_word += items_[i].width;
    for (std::size_t i = g_prev + group; i < g; ++i)
        if (items_[i].type == Item::Type::Box) prev_word += items_[i].width;
    double measure = style.line_widths.empty() ? 0 : style.line_widths.back();
    if (last_word + prev_word + items_[ragged_ ? g + 2 : g].width > 0.4 * measure) return;
    if (ragged_) {
        const double w = items_[g + 2].width;
        items_[g] = Item::make_penalty(0, kInfinitePenalty);
        items_[g + 1] = Item::make_glue(w, 0, 0);
        items_.erase(items_.begin() + static_cast<std::ptrdiff_t>(g + 2));
    } else {
        items_.insert(items_.begin() + static_cast<std::ptrdiff_t>(g), Item::make_penalty(0, kInfinitePenalty));
    }
    space_items_.pop_back();
}

void ParagraphBuilder::build_items(std::span<const Span> spans, const ParagraphStyle& style, bool with_hyphenation,
                                   const IssueSink& sink) {
    text_.clear();
    pieces_.clear();
    items_.clear();
    space_items_.clear();
    ragged_ = style.align != Align::Justify;
    // The narrowest line, the first one counted without its indent.
    double min_width = style.line_widths.empty() ? 0 : style.line_widths.front() - std::max(style.first_indent, 0.0);
    for (double w : style.line_widths) min_width = std::min(min_width, w);
    min_width = break_anywhere_ ? 0.0 : std::max(min_width, 1.0);

    if (style.first_indent > 0) {
        Piece p;
        p.kind = kIndent;
        pieces_.push_back(p);
        items_.push_back(Item::make_box(style.first_indent, static_cast<std::uint32_t>(pieces_.size() - 1)));
    }

    const std::size_t n = cps_.size();
    bool pending_space = false;
    char32_t space_cp = U' ';
    std::uint32_t space_span = 0;
    bool any_word = false;
    std::size_t i = 0;
    while (i < n) {
        if (is_space(cps_[i])) {
            // A run of spaces: one space, the non-breaking kind winning.
            std::size_t j = i;
            char32_t pick = 0;
            std::uint32_t pick_span = tags_[i];
            for (; j < n && is_space(cps_[j]); ++j) {
                const char32_t c = cps_[j];
                if (!pick || (non_breaking_space(c) && !non_breaking_space(pick)) || (pick == U' ' && c != U' ')) {
                    pick = c;
                    pick_span = tags_[j];
                }
            }
            if (!pending_space || non_breaking_space(pick)) {
                space_cp = pick;
                space_span = pick_span;
            }
            pending_space = true;
            i = j;
            continue;
        }
        std::size_t j = i;
        while (j < n && !is_space(cps_[j])) ++j;
        // Gather the word's drawable characters.
        word_.clear();
        breaks_.clear();
        std::uint8_t pending = kNone;
        const auto text_mark = text_.size();
        for (std::size_t k = i; k < j; ++k) {
            const char32_t cp = cps_[k];
            if (cp == 0x00AD) {
                if (pending == kNone || kSoft < pending) pending = kSoft;
                continue;
            }
            if (cp == 0x200B) {
                pending = kZwsp;
                continue;
            }
            const Span& sp = spans[tags_[k]];
            const int face = fonts_.face_for(sp.font, cp);
            if (face < 0) report(sink, TextIssue::Kind::MissingGlyph, cp, missing_glyph_message(cp));
            WordChar wc;
            wc.cp = cp;
            wc.span = tags_[k];
            wc.face = face;
            wc.byte = static_cast<std::uint32_t>(text_.size());
            wc.units = face < 0 ? std::uint16_t{kMissingGlyphBoxWidth} : fonts_.metrics(face).advance_1000(cp);
            unicode::append(text_, cp);
            word_.push_back(wc);
            breaks_.push_back(word_.size() == 1 ? std::uint8_t{kNone} : pending);
            pending = kNone;
        }
        if (!word_.empty()) {
            if (pending_space && any_word) {
                // The space goes before the word's items, but its text does
                // not: the word's bytes are already in text_.
                add_space(space_cp, space_span, spans, style);
            }
            add_word(spans, style, with_hyphenation, min_width);
            any_word = true;
        } else {
            text_.resize(text_mark);
        }
        pending_space = false;
        i = j;
    }
    if (style.avoid_runt && style.align != Align::Center && style.align != Align::Right) keep_last_words(style);
    if (!(style.align == Align::Justify && style.last_line == Align::Justify)) {
        items_.push_back(Item::make_penalty(0, kInfinitePenalty));
        items_.push_back(Item::make_fil_glue());
    }
    items_.push_back(Item::make_penalty(0, -kInfinitePenalty));
}

// ---------------------------------------------------------------- layout

LaidOutParagraph ParagraphBuilder::layout(std::span<const Span> spans, const ParagraphStyle& style,
                                          const IssueSink& sink) {
    LaidOutParagraph out;
    double max_size = 0;
    for (const Span& s : spans) max_size = std::max(max_size, s.size);
    out.leading = style.leading > 0 ? style.leading : 1.2 * max_size;
    if (spans.empty()) return out;

    collect(spans, style, sink);

    LineBreakParams params = style.breaking;
    params.line_widths = style.line_widths.empty() ? std::vector<double>{300.0} : style.line_widths;

    Hyphenator* hy = nullptr;
    if (style.hyphenate) {
        std::string err;
        hy = hyphenators_.get(style.language, &err);
        if (!hy && hyphenators_.first_report_of_missing(style.language) && sink)
            sink(TextIssue{TextIssue::Kind::NoHyphenation, 0, err + "; text is set without hyphenation"});
    }

    // One item list, hyphenation points included: pass 1 ignores them.
    hyphenator_ = hy;
    build_items(spans, style, hy != nullptr, sink);
    bool has_box = false;
    for (const Item& it : items_) has_box = has_box || (it.type == Item::Type::Box && pieces_[it.ref].kind == kText);
    if (!has_box) return out;

    LineBreakResult res = break_lines(items_, params);
    if (!res.ok()) {  // every enabled pass failed: emergency
        LineBreakParams p3 = params;
        p3.pretolerance = -1;
        p3.tolerance = -1;
        p3.emergency_pass = true;
        res = break_lines(items_, p3);
    }
    auto overflow_of = [](const LineBreakResult& r) {
        double sum = 0;
        for (const auto& l : r.lines) sum += l.overfull ? l.overflow : 0;
        return sum;
    };
    if (overflow_of(res) > 0) {
        // Last resort. Text glued to a word by no-break spaces ("« mutations
        // »", "sociale :") can overflow a line although each fragment of the
        // word fits alone: allow a break between any two characters, and
        // keep the result if it overflows less.
        break_anywhere_ = true;
        build_items(spans, style, hy != nullptr, {});
        break_anywhere_ = false;
        LineBreakParams p3 = params;
        p3.pretolerance = -1;
        p3.tolerance = -1;
        p3.emergency_pass = true;
        LineBreakResult again = break_lines(items_, p3);
        if (again.ok() && overflow_of(again) < overflow_of(res)) res = std::move(again);
        else build_items(spans, style, hy != nullptr, {});  // the items `res` refers to
    }
    out.pass = res.pass;
    out.demerits = res.demerits;

    const bool justify = style.align == Align::Justify;
    for (std::size_t li = 0; li < res.lines.size(); ++li) {
        const BrokenLine& bl = res.lines[li];
        const bool last = li + 1 == res.lines.size();
        LaidOutLine L;
        L.measure = bl.target;
        L.last = last;
        const double r = bl.ratio;
        double x = 0, content_end = 0;
        bool prev_box = false;
        std::size_t cur = SIZE_MAX;       // run being extended
        std::uint32_t cur_end = 0;        // its end byte in text_
        std::size_t link = SIZE_MAX;      // link being extended
        std::vector<int> run_span_font;  // per run: the span's own face (line ascent and descent)
        auto add_text = [&](std::uint32_t span_index, int face, std::string_view text, double width,
                            std::uint32_t end, bool contiguous) {
            const Span& sp = spans[span_index];
            if (cur != SIZE_MAX && prev_box && contiguous && same_style(L.runs[cur], face, sp)) {
                L.runs[cur].text.append(text);
                L.runs[cur].width += width;
            } else {
                TextRun run;
                run.font = face;
                run_span_font.push_back(sp.font);
                run.size = sp.size;
                run.color = sp.color;
                run.x = x;
                run.y = 0;
                run.width = width;
                run.text.assign(text);
                L.runs.push_back(std::move(run));
                cur = L.runs.size() - 1;
            }
            cur_end = end;
            if (!sp.href.empty()) {
                if (link != SIZE_MAX && L.links[link].href == sp.href) {
                    L.links[link].width = x + width - L.links[link].x;
                } else {
                    L.links.push_back({x, width, sp.href});
                    link = L.links.size() - 1;
                }
            } else {
                link = SIZE_MAX;
            }
            x += width;
            content_end = x;
            prev_box = true;
        };
        for (std::size_t i = bl.begin; i < bl.end && i < items_.size(); ++i) {
            const Item& it = items_[i];
            switch (it.type) {
                case Item::Type::Box: {
                    const Piece& p = pieces_[it.ref];
                    if (p.kind == kIndent) {
                        x += it.width;
                        content_end = x;
                        prev_box = false;
                        break;
                    }
                    if (p.face < 0) {  // a character no font has: a box, and a new run after it
                        const Span& sp = spans[p.span];
                        GlyphBox box;
                        box.x = x;
                        box.width = it.width;
                        box.height = fonts_.metrics(sp.font).cap_height(sp.size);
                        box.color = sp.color;
                        L.boxes.push_back(box);
                        if (!sp.href.empty()) {
                            if (link != SIZE_MAX && L.links[link].href == sp.href)
                                L.links[link].width = x + it.width - L.links[link].x;
                            else {
                                L.links.push_back({x, it.width, sp.href});
                                link = L.links.size() - 1;
                            }
                        } else {
                            link = SIZE_MAX;
                        }
                        x += it.width;
                        content_end = x;
                        cur = SIZE_MAX;
                        prev_box = true;
                        break;
                    }
                    add_text(p.span, p.face, std::string_view(text_).substr(p.begin, p.end - p.begin), it.width,
                             p.end, cur != SIZE_MAX && cur_end == p.begin);
                    break;
                }
                case Item::Type::Glue:
                    x += it.width + (r >= 0 ? r * it.stretch : r * it.shrink);
                    // Zero-width glue inside a word (at a URL or emergency
                    // break not taken) cancels out: the word stays one run.
                    if (it.width != 0 || it.fil != 0) prev_box = false;
                    break;
                case Item::Type::Penalty:
                    break;
            }
        }
        if (bl.end < items_.size() && items_[bl.end].type == Item::Type::Penalty) {
            const Item& brk = items_[bl.end];
            if (brk.flagged) L.hyphenated = true;
            if (brk.width > 0 && pieces_[brk.ref].kind == kHyphen) {
                const Piece& p = pieces_[brk.ref];
                const FontMetrics& fm = fonts_.metrics(spans[p.span].font);
                const char32_t h = fm.has_glyph(U'-') ? U'-' : 0x2010;
                const std::string hs = unicode::encode(h);
                add_text(p.span, spans[p.span].font, hs, brk.width, cur_end, true);
            }
        }
        L.width = content_end;
        L.overfull = bl.overfull;
        L.overflow = bl.overflow;
        Align eff = style.align;
        if (justify) {
            if (last) eff = style.last_line;
            else if (bl.underfull) eff = Align::Left;
        }
        L.justified = justify && eff == Align::Justify;
        L.ratio = L.justified ? r : 0.0;
        double shift = 0;
        if (L.width < L.measure) {
            if (eff == Align::Right) shift = L.measure - L.width;
            else if (eff == Align::Center) shift = (L.measure - L.width) / 2;
        }
        if (shift > 0) {
            for (TextRun& run : L.runs) run.x += shift;
            for (GlyphBox& box : L.boxes) box.x += shift;
            for (LinkSpan& ls : L.links) ls.x += shift;
            L.width += shift;
        }
        // A fallback face does not make the line taller than its span's face.
        for (std::size_t ri = 0; ri < L.runs.size(); ++ri) {
            const FontMetrics& fm = fonts_.metrics(run_span_font[ri]);
            L.ascent = std::max(L.ascent, fm.ascender(L.runs[ri].size));
            L.descent = std::max(L.descent, -fm.descender(L.runs[ri].size));
        }
        if (L.runs.empty()) {
            const FontMetrics& fm = fonts_.metrics(spans.front().font);
            L.ascent = fm.ascender(spans.front().size);
            L.descent = -fm.descender(spans.front().size);
        }
        if (L.overfull && sink) {
            std::string excerpt = L.text();
            if (unicode::length(excerpt) > 60) {
                std::size_t k = 0, count = 0;
                while (k < excerpt.size() && count < 57) {
                    unicode::decode(excerpt, k);
                    ++count;
                }
                excerpt = excerpt.substr(0, k) + "…";
            }
            char buf[64];
            std::snprintf(buf, sizeof buf, "%.1f", L.overflow);
            sink(TextIssue{TextIssue::Kind::Overfull, 0,
                           "line " + std::to_string(li + 1) + " of a paragraph sticks out of the measure by " + buf +
                               " pt: \u201C" + excerpt + "\u201D"});
        }
        out.lines.push_back(std::move(L));
    }
    return out;
}

double ParagraphBuilder::natural_width(const Span& span, const ParagraphStyle& style) {
    std::span<const Span> spans(&span, 1);
    collect(spans, style, {});
    build_items(spans, style, false, {});
    double w = 0;
    for (const Item& it : items_)
        if (it.type != Item::Type::Penalty) w += it.width;
    return w;
}

}  // namespace booklet::layout
