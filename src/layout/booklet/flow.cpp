#include "layout/booklet/flow.hpp"

#include <cmath>

namespace booklet::layout {

namespace {
constexpr int kOrphans = 2;  // lines a paragraph keeps together at the foot of a page
constexpr int kWidows = 2;   // lines a paragraph keeps together at the head of a page
constexpr double kEps = 0.01;
}  // namespace

Flow::Flow(BookletContext& ctx, Composer& c, QualityReport& report, std::string part)
    : ctx_(ctx), c_(c), report_(report), part_(std::move(part)) {
    // A part opens on a right-hand page when the theme asks: a blank
    // left-hand page first if needed.
    if (ctx_.theme.parts_open_on_right && !Composer::recto(c_.page_count())) c_.add_page("");
    new_page();
}

void Flow::new_page() {
    page_ = c_.add_page(part_);
    frame_ = c_.frame(page_);
    y_ = frame_.y;
}

void Flow::need(double h) {
    if (!at_top() && y_ + h > frame_.bottom() + kEps) new_page();
}

void Flow::space(double h) {
    if (!at_top()) y_ = std::min(y_ + h, frame_.bottom());
}

void Flow::add(LaidOutParagraph para, FlowOptions options) {
    report_.add(para, options.where, options.justified);
    pending_.push_back({std::move(para), std::move(options)});
    if (pending_.back().options.keep_with_next) return;  // wait for what follows
    // The held-back headings, plus the first lines of this paragraph, must
    // share a page.
    double h = 0;
    for (std::size_t i = 0; i + 1 < pending_.size(); ++i) {
        const auto& p = pending_[i];
        h += (i == 0 && at_top() ? 0 : p.options.space_before) + p.para.height() + p.options.space_after;
    }
    const auto& last = pending_.back();
    const std::size_t head_lines = std::min<std::size_t>(last.para.lines.size(), kOrphans);
    h += last.options.space_before + lines_height(last.para, head_lines);
    if (pending_.size() > 1) need(h);
    for (auto& p : pending_) place(p);
    pending_.clear();
}

void Flow::flush() {
    for (auto& p : pending_) place(p);
    pending_.clear();
}

void Flow::place_lines(const Pending& p, std::size_t from, std::size_t to) {
    const double lead = p.para.leading;
    double baseline = y_ + lead * 0.78;
    for (std::size_t i = from; i < to; ++i) {
        c_.place_line(page_, p.para.lines[i], frame_.x + p.options.indent, baseline);
        if (i == 0 && p.options.marker) c_.text(page_, *p.options.marker, frame_.x + p.options.indent - 2, baseline, Align::Right);
        baseline += lead;
    }
    y_ += lead * static_cast<double>(to - from);
}

void Flow::place(Pending& p) {
    const auto& lines = p.para.lines;
    const std::size_t n = lines.size();
    if (!at_top()) y_ += p.options.space_before;
    std::size_t from = 0;
    while (from < n) {
        const std::size_t left = n - from;
        const auto fit = static_cast<std::size_t>(std::max(0.0, std::floor((frame_.bottom() - y_ + kEps) / p.para.leading)));
        if (left <= fit) {
            place_lines(p, from, n);
            if (from > 0 && left == 1) ++report_.widows;  // only when unavoidable (a one-line page)
            break;
        }
        // Split: as many lines as fit, but leave no orphan, no widow and
        // no hyphen at the foot of the page.
        std::size_t m = fit;
        if (left - m < static_cast<std::size_t>(kWidows)) m = left >= static_cast<std::size_t>(kWidows) ? left - kWidows : 0;
        while (m > 0 && lines[from + m - 1].hyphenated) --m;
        const bool first_part = from == 0;
        if (first_part && m < static_cast<std::size_t>(kOrphans) && !at_top()) m = 0;
        if (m == 0) {
            if (at_top()) {
                // A page that cannot hold even this: place what fits, the
                // best that can be done, and count the fault.
                m = std::max<std::size_t>(1, fit);
                if (lines[from + m - 1].hyphenated) ++report_.pages_ending_in_hyphen;
            } else {
                new_page();
                continue;
            }
        }
        place_lines(p, from, from + m);
        if (first_part && m == 1) ++report_.orphans;
        from += m;
        new_page();
    }
    y_ += p.options.space_after;
}

}  // namespace booklet::layout
