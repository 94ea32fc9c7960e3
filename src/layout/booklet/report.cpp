#include "layout/booklet/report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace booklet::layout {

void QualityReport::add(const LaidOutParagraph& p, const model::SourceLocation& where, bool justified) {
    ++paragraphs;
    if (p.pass == 3) ++emergency_paragraphs;
    int run = 0;
    for (const auto& line : p.lines) {
        ++lines;
        if (justified && !line.last) {
            ++justified_lines;
            if (line.ratio > 0) max_stretch = std::max(max_stretch, line.ratio);
            else max_shrink = std::max(max_shrink, -line.ratio);
        }
        if (line.hyphenated) {
            ++hyphenated_lines;
            max_consecutive_hyphens = std::max(max_consecutive_hyphens, ++run);
        } else {
            run = 0;
        }
        if (line.overfull) overfull.push_back({where, line.overflow, line.text()});
    }
}

std::string QualityReport::str() const {
    char buf[1024];
    std::snprintf(buf, sizeof buf,
                  "pages                        %d\n"
                  "paragraphs                   %d\n"
                  "lines                        %d (%d justified)\n"
                  "largest stretch ratio        %.2f\n"
                  "largest shrink ratio         %.2f\n"
                  "hyphenated lines             %d (at most %d in a row)\n"
                  "emergency paragraphs         %d\n"
                  "overfull lines               %zu\n"
                  "widows                       %d\n"
                  "orphans                      %d\n"
                  "pages ending in a hyphen     %d\n",
                  pages, paragraphs, lines, justified_lines, max_stretch, max_shrink, hyphenated_lines,
                  max_consecutive_hyphens, emergency_paragraphs, overfull.size(), widows, orphans,
                  pages_ending_in_hyphen);
    std::string s = buf;
    for (const auto& o : overfull) {
        std::snprintf(buf, sizeof buf, "  overfull by %.1f pt at %s: %s\n", o.overflow, o.where.str().c_str(),
                      o.text.c_str());
        s += buf;
    }
    return s;
}

}  // namespace booklet::layout
