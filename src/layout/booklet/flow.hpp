#pragma once
// Running text poured into the pages' text frames. Paragraphs are queued;
// whenever the caller needs a position (or at flush), the queue is cut
// into pages by the typesetting core's page breaker (core/page_flow.hpp),
// which keeps the rules of good books: no orphan, no widow, a heading kept
// with the first lines of what follows, no page ending in a hyphen. The
// flow then places the lines and moves on.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "layout/booklet/composer.hpp"
#include "layout/core/quality.hpp"

namespace booklet::layout {

struct FlowOptions {
    double space_before = 0;      // dropped at the top of a page
    double space_after = 0;
    double indent = 0;            // left indent of every line
    bool keep_with_next = false;  // a heading: never the last thing on a page
    std::optional<Span> marker;   // a list bullet, set in the indent of the first line
    model::SourceLocation where;
};

class Flow {
public:
    // Starts on a new page whose running head is `part` (a right-hand page
    // when the theme wants parts to open there).
    Flow(BookletContext& ctx, Composer& c, QualityReport& report, std::string part);
    // Places whatever is still queued: nothing added is ever lost.
    ~Flow() { flush(); }
    Flow(const Flow&) = delete;
    Flow& operator=(const Flow&) = delete;

    void add(LaidOutParagraph para, FlowOptions options);
    void space(double h);  // vertical space, dropped at the top of a page
    void new_page();
    // Places everything queued.
    void flush();

    // Where the flow stands, everything queued placed first.
    int page();
    double y();
    const Frame& frame() const { return frame_; }
    // Guarantees `h` points of room, starting a page if needed.
    void need(double h);
    // Moves past `h` points the caller filled itself (a table row).
    void advance(double h);

private:
    struct Pending {
        LaidOutParagraph para;  // no lines: a gap of options.space_before
        FlowOptions options;
    };
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
