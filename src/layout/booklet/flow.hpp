#pragma once
// Running text poured into the pages' text frames, paragraph after
// paragraph, with the page rules of good books: no orphan (a first line
// alone at the foot of a page), no widow (a last line alone at its head),
// a heading kept with the first lines of what follows, and no page ending
// in a hyphenated line.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "layout/booklet/composer.hpp"
#include "layout/booklet/report.hpp"

namespace booklet::layout {

struct FlowOptions {
    double space_before = 0;    // dropped at the top of a page
    double space_after = 0;
    double indent = 0;          // left indent of every line
    bool keep_with_next = false;  // a heading: never the last thing on a page
    bool justified = true;      // for the quality report
    std::optional<Span> marker; // a list bullet, set in the indent of the first line
    model::SourceLocation where;
};

class Flow {
public:
    // Starts on a new page whose running head is `part`.
    Flow(BookletContext& ctx, Composer& c, QualityReport& report, std::string part);

    void add(LaidOutParagraph para, FlowOptions options);
    void space(double h);       // vertical space (dropped at the top of a page)
    void new_page();
    // Places everything still held back (headings waiting for text).
    void flush();

    int page() const { return page_; }
    double y() const { return y_; }          // top of the free space
    const Frame& frame() const { return frame_; }
    double remaining() const { return frame_.bottom() - y_; }
    // Guarantees `h` points of room, starting a page if needed.
    void need(double h);
    // Moves past `h` points the caller filled itself (a table row).
    void advance(double h) { y_ = std::min(y_ + h, frame_.bottom()); }

private:
    struct Pending {
        LaidOutParagraph para;
        FlowOptions options;
    };
    void place(Pending& p);
    void place_lines(const Pending& p, std::size_t from, std::size_t to);
    double lines_height(const LaidOutParagraph& p, std::size_t n) const { return p.leading * static_cast<double>(n); }
    bool at_top() const { return y_ <= frame_.y + 0.01; }

    BookletContext& ctx_;
    Composer& c_;
    QualityReport& report_;
    std::string part_;
    int page_ = -1;
    Frame frame_;
    double y_ = 0;
    std::vector<Pending> pending_;
};

}  // namespace booklet::layout
