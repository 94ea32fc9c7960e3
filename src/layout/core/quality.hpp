#pragma once
// Typographic quality figures of the typesetting core's own output: how
// loose the spacing got, how many hyphens, overfull lines and where, and the
// widows/orphans/keeps page_flow() had to give up. Tests check them.
// The booklet accumulates one of these over a whole booklet for
// `booklet build --report`.
#include <cstddef>
#include <string>
#include <vector>

#include "layout/core/page_flow.hpp"
#include "layout/core/paragraph.hpp"
#include "model/source_location.hpp"

namespace booklet::layout {

struct QualityReport {
    struct Overfull {
        model::SourceLocation where;
        int line = 0;        // 1-based line in its paragraph
        double overflow = 0; // pt
        std::string text;    // the line's text
    };

    std::size_t paragraphs = 0;
    std::size_t lines = 0;
    std::size_t justified_lines = 0;     // justified lines other than last lines
    double max_abs_ratio = 0;            // over those lines
    double sum_abs_ratio = 0;            // for the mean
    std::size_t hyphenated_lines = 0;
    int max_consecutive_hyphens = 0;
    std::size_t emergency_paragraphs = 0; // set in the emergency pass
    std::vector<Overfull> overfull;

    std::size_t pages = 0;
    int widows = 0;
    int orphans = 0;
    int hyphenated_page_ends = 0;
    int broken_keeps = 0;
    int overfull_pages = 0;
    double min_fill = 1;                 // lowest fill of a page not ended by force

    void add(const LaidOutParagraph& p, const model::SourceLocation& where = {});
    void add(const FlowResult& flow);
    void merge(const QualityReport& other);

    double mean_abs_ratio() const { return justified_lines ? sum_abs_ratio / static_cast<double>(justified_lines) : 0; }
    // Several lines of "name: value", then one line per overfull line.
    std::string str() const;
};

}  // namespace booklet::layout
