#include "layout/core/page_flow.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace booklet::layout {

FlowItem FlowItem::line(double height, double depth, int paragraph, bool hyphenated) {
    FlowItem it;
    it.kind = Kind::Line;
    it.height = height;
    it.depth = depth;
    it.paragraph = paragraph;
    it.hyphenated = hyphenated;
    return it;
}

FlowItem FlowItem::gap(double size, double stretch, double shrink) {
    FlowItem it;
    it.kind = Kind::Gap;
    it.height = size;
    it.stretch = stretch;
    it.shrink = shrink;
    return it;
}

FlowItem FlowItem::page_break() {
    FlowItem it;
    it.kind = Kind::PageBreak;
    return it;
}

namespace {

constexpr double kEps = 1e-6;
constexpr int kLevels = 5;  // 0 strict ... 4 anything goes

struct Info {
    int index = 0;      // Line: index in its paragraph
    int count = 1;      // Line: lines in its paragraph
    int need = 0;       // lines still owed to a keep_with_next item before this item
    int prev_item = -1; // last non-gap item before this one (or -1)
    std::size_t next_item = 0;  // first non-gap item at or after this one (or n)
};

double advance(const FlowItem& it) {
    switch (it.kind) {
        case FlowItem::Kind::Line: return it.height + it.depth;
        case FlowItem::Kind::Gap: return it.height;
        case FlowItem::Kind::PageBreak: return 0;
    }
    return 0;
}

// Which rules a break before item j breaks: bit 0 keep group, 1 hyphen,
// 2 widow, 3 orphan, 4 keep-with-next.
unsigned violations(std::span<const FlowItem> items, const std::vector<Info>& info, std::size_t j,
                    const FlowParams& P) {
    unsigned v = 0;
    const int p = info[j].prev_item;
    if (p < 0) return 0;
    const FlowItem& prev = items[static_cast<std::size_t>(p)];
    const std::size_t k = info[j].next_item;
    const FlowItem* next = k < items.size() ? &items[k] : nullptr;
    if (next && prev.keep_group >= 0 && prev.keep_group == next->keep_group) v |= 1u;
    if (P.no_hyphen_at_page_end && prev.kind == FlowItem::Kind::Line && prev.hyphenated) v |= 2u;
    if (next && prev.kind == FlowItem::Kind::Line && next->kind == FlowItem::Kind::Line && prev.paragraph >= 0 &&
        prev.paragraph == next->paragraph && static_cast<std::size_t>(p) + 1 == k) {
        const Info& pi = info[static_cast<std::size_t>(p)];
        if (pi.count - (pi.index + 1) < P.widow_lines) v |= 4u;
        if (pi.index + 1 < P.orphan_lines) v |= 8u;
    }
    if (prev.keep_with_next || info[j].need > 0) v |= 16u;
    return v;
}

// Is a break with violation set v acceptable at relaxation level L?
bool allowed(unsigned v, int level) {
    static constexpr unsigned kForbidden[kLevels] = {
        1u | 2u | 4u | 8u | 16u,  // strict
        2u | 4u | 8u | 16u,       // keep groups given up
        4u | 8u | 16u,            // hyphen at page end allowed
        16u,                      // widows / orphans allowed
        0u,                       // anything
    };
    return (v & kForbidden[level]) == 0;
}

}  // namespace

FlowResult flow_pages(std::span<const FlowItem> items, const FlowParams& P) {
    FlowResult res;
    const std::size_t n = items.size();
    res.y.assign(n, std::numeric_limits<double>::quiet_NaN());
    res.page_of.assign(n, -1);
    if (n == 0) return res;

    // Paragraph positions, owed lines, previous non-gap item.
    std::vector<Info> info(n);
    {
        std::size_t i = 0;
        while (i < n) {
            if (items[i].kind != FlowItem::Kind::Line || items[i].paragraph < 0) {
                ++i;
                continue;
            }
            std::size_t j = i;
            while (j < n && items[j].kind == FlowItem::Kind::Line && items[j].paragraph == items[i].paragraph) ++j;
            for (std::size_t k = i; k < j; ++k) {
                info[k].index = static_cast<int>(k - i);
                info[k].count = static_cast<int>(j - i);
            }
            i = j;
        }
        int need = 0;
        int prev = -1;
        for (std::size_t k = 0; k < n; ++k) {
            info[k].need = need;
            info[k].prev_item = prev;
            const FlowItem& it = items[k];
            if (it.kind == FlowItem::Kind::PageBreak) {
                need = 0;
                prev = -1;
                continue;
            }
            if (it.keep_with_next) need = P.lines_after_keep;
            else if (it.kind == FlowItem::Kind::Line && need > 0) --need;
            if (it.kind != FlowItem::Kind::Gap) prev = static_cast<int>(k);
        }
        std::size_t next = n;
        for (std::size_t k = n; k-- > 0;) {
            if (items[k].kind != FlowItem::Kind::Gap) next = k;
            info[k].next_item = next;
        }
    }

    auto skip_gaps = [&](std::size_t i) {
        while (i < n && items[i].kind == FlowItem::Kind::Gap) ++i;
        return i;
    };

    auto close_page = [&](std::size_t begin, std::size_t end, bool forced, int relaxed) {
        FlowPage page;
        page.begin = begin;
        page.end = end;
        page.frame = P.frame(res.pages.size());
        page.forced = forced;
        page.relaxed = relaxed;
        std::size_t last = end;  // trailing gaps and page breaks do not count
        while (last > begin && items[last - 1].kind != FlowItem::Kind::Line) --last;
        double h = 0, stretch = 0, shrink = 0;
        for (std::size_t k = begin; k < last; ++k) {
            h += advance(items[k]);
            if (items[k].kind == FlowItem::Kind::Gap) {
                stretch += items[k].stretch;
                shrink += items[k].shrink;
            }
        }
        page.height = h;
        const double slack = page.frame - h;
        if (slack < -kEps && shrink > 0) page.ratio = std::max(-1.0, slack / shrink);
        else if (slack > kEps && stretch > 0 && P.stretch_gaps && !forced) page.ratio = std::min(1.0, slack / stretch);
        if (h - shrink > page.frame + kEps) ++res.overfull_pages;
        const int index = static_cast<int>(res.pages.size());
        double y = 0;
        for (std::size_t k = begin; k < end; ++k) {
            const FlowItem& it = items[k];
            if (it.kind == FlowItem::Kind::PageBreak) continue;
            res.y[k] = y;
            res.page_of[k] = index;
            double a = advance(it);
            if (it.kind == FlowItem::Kind::Gap) a += page.ratio >= 0 ? page.ratio * it.stretch : page.ratio * it.shrink;
            y += a;
        }
        res.pages.push_back(page);
    };

    std::size_t begin = skip_gaps(0);
    while (begin < n) {
        const double frame = P.frame(res.pages.size());
        double natural = 0, shrink = 0;
        std::size_t best[kLevels];
        std::fill(std::begin(best), std::end(best), SIZE_MAX);
        std::size_t j = begin;
        bool ended = false;
        for (; j < n; ++j) {
            const FlowItem& it = items[j];
            if (it.kind == FlowItem::Kind::PageBreak) {
                close_page(begin, j + 1, true, 0);
                begin = skip_gaps(j + 1);
                ended = true;
                break;
            }
            const double a = advance(it);
            const double s = it.kind == FlowItem::Kind::Gap ? it.shrink : 0.0;
            const bool fits = natural + a - (shrink + s) <= frame + kEps;
            if (j > begin) {
                const unsigned v = violations(items, info, j, P);
                if (!fits) {
                    // The page is full: break at the best point before j.
                    int level = 0;
                    std::size_t b = SIZE_MAX;
                    for (; level < kLevels; ++level) {
                        if (allowed(v, level)) {  // right before j: the latest point
                            b = j;
                            break;
                        }
                        if (best[level] != SIZE_MAX) {
                            b = best[level];
                            break;
                        }
                    }
                    if (b == SIZE_MAX) {
                        b = j;
                        level = kLevels - 1;
                    }
                    const unsigned bv = violations(items, info, b, P);
                    if (bv & 1u || bv & 16u) ++res.broken_keeps;
                    if (bv & 2u) ++res.hyphenated_page_ends;
                    if (bv & 4u) ++res.widows;
                    if (bv & 8u) ++res.orphans;
                    close_page(begin, b, false, level);
                    begin = skip_gaps(b);
                    ended = true;
                    break;
                }
                for (int level = 0; level < kLevels; ++level)
                    if (allowed(v, level)) best[level] = j;
            }
            natural += a;
            shrink += s;
        }
        if (!ended) {
            close_page(begin, n, true, 0);
            break;
        }
    }
    return res;
}

}  // namespace booklet::layout
