#include "layout/core/quality.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace booklet::layout {

void QualityReport::add(const LaidOutParagraph& p, const model::SourceLocation& where) {
    ++paragraphs;
    if (p.pass == 3) ++emergency_paragraphs;
    int run = 0;
    for (std::size_t i = 0; i < p.lines.size(); ++i) {
        const LaidOutLine& l = p.lines[i];
        ++lines;
        if (l.justified && !l.last) {
            ++justified_lines;
            max_abs_ratio = std::max(max_abs_ratio, std::fabs(l.ratio));
            sum_abs_ratio += std::fabs(l.ratio);
        }
        if (l.hyphenated) {
            ++hyphenated_lines;
            max_consecutive_hyphens = std::max(max_consecutive_hyphens, ++run);
        } else {
            run = 0;
        }
        if (l.overfull) overfull.push_back({where, static_cast<int>(i + 1), l.overflow, l.text()});
    }
}

void QualityReport::add(const FlowResult& flow) {
    pages += flow.pages.size();
    widows += flow.widows;
    orphans += flow.orphans;
    hyphenated_page_ends += flow.hyphenated_page_ends;
    broken_keeps += flow.broken_keeps;
    overfull_pages += flow.overfull_pages;
    for (const FlowPage& page : flow.pages)
        if (!page.forced) min_fill = std::min(min_fill, page.fill());
}

void QualityReport::merge(const QualityReport& o) {
    paragraphs += o.paragraphs;
    lines += o.lines;
    justified_lines += o.justified_lines;
    max_abs_ratio = std::max(max_abs_ratio, o.max_abs_ratio);
    sum_abs_ratio += o.sum_abs_ratio;
    hyphenated_lines += o.hyphenated_lines;
    max_consecutive_hyphens = std::max(max_consecutive_hyphens, o.max_consecutive_hyphens);
    emergency_paragraphs += o.emergency_paragraphs;
    overfull.insert(overfull.end(), o.overfull.begin(), o.overfull.end());
    pages += o.pages;
    widows += o.widows;
    orphans += o.orphans;
    hyphenated_page_ends += o.hyphenated_page_ends;
    broken_keeps += o.broken_keeps;
    overfull_pages += o.overfull_pages;
    min_fill = std::min(min_fill, o.min_fill);
}

std::string QualityReport::str() const {
    char buf[512];
    std::string s;
    std::snprintf(buf, sizeof buf,
                  "paragraphs: %zu\nlines: %zu\nspacing ratio: max %.2f, mean %.2f (justified lines)\n"
                  "hyphenated lines: %zu (%.1f%%), at most %d in a row\nemergency paragraphs: %zu\n"
                  "overfull lines: %zu\n",
                  paragraphs, lines, max_abs_ratio, mean_abs_ratio(), hyphenated_lines,
                  lines ? 100.0 * static_cast<double>(hyphenated_lines) / static_cast<double>(lines) : 0.0,
                  max_consecutive_hyphens, emergency_paragraphs, overfull.size());
    s += buf;
    if (pages > 0) {
        std::snprintf(buf, sizeof buf,
                      "pages: %zu\nwidows: %d\norphans: %d\nhyphenated page ends: %d\nbroken keeps: %d\n"
                      "overfull pages: %d\nlowest page fill: %.0f%%\n",
                      pages, widows, orphans, hyphenated_page_ends, broken_keeps, overfull_pages, 100.0 * min_fill);
        s += buf;
    }
    for (const Overfull& o : overfull) {
        const std::string where = o.where.str();
        std::snprintf(buf, sizeof buf, "%s%soverfull line %d by %.1f pt: ", where.c_str(), where.empty() ? "" : ": ",
                      o.line, o.overflow);
        s += buf;
        s += o.text;
        s += '\n';
    }
    return s;
}

}  // namespace booklet::layout
