#include "layout/booklet/flow.hpp"

#include <cmath>

#include "layout/core/page_flow.hpp"

namespace booklet::layout {

namespace {
constexpr double kAscentShare = 0.78;  // a line's baseline sits this far down its leading
}

Flow::Flow(BookletContext& ctx, Composer& c, QualityReport& report, std::string part)
    : ctx_(ctx), c_(c), report_(report), part_(std::move(part)) {
    // A part opens on a right-hand page when the theme asks: a blank
    // left-hand page first if needed.
    if (ctx_.theme.parts_open_on_right && !Composer::recto(c_.page_count())) c_.add_page("");
    page_ = c_.add_page(part_);
    frame_ = c_.frame(page_);
    y_ = frame_.y;
}

void Flow::new_page() {
    flush();
    page_ = c_.add_page(part_);
    frame_ = c_.frame(page_);
    y_ = frame_.y;
}

int Flow::page() {
    flush();
    return page_;
}

double Flow::y() {
    flush();
    return y_;
}

void Flow::need(double h) {
    flush();
    if (!at_top() && y_ + h > frame_.bottom() + 0.01) new_page();
}

void Flow::advance(double h) {
    flush();
    y_ = std::min(y_ + h, frame_.bottom());
}

void Flow::space(double h) {
    FlowOptions gap;
    gap.space_before = h;
    pending_.push_back({{}, gap});
}

void Flow::add(LaidOutParagraph para, FlowOptions options) {
    report_.add(para, options.where);
    pending_.push_back({std::move(para), std::move(options)});
}

void Flow::flush() {
    if (pending_.empty()) return;
    // The core drops gaps at the start of its list, as at the top of a
    // page; in mid-page they are real space, so take them here.
    for (auto& p : pending_) {
        if (at_top()) break;
        y_ = std::min(y_ + p.options.space_before, frame_.bottom());
        p.options.space_before = 0;
        if (!p.para.lines.empty()) break;
    }
    // The queue as the core's vertical list: a gap, the lines, a gap.
    struct Source {
        std::size_t pending;
        std::size_t line;  // npos: a gap
    };
    constexpr std::size_t kGap = static_cast<std::size_t>(-1);
    std::vector<FlowItem> items;
    std::vector<Source> sources;
    for (std::size_t k = 0; k < pending_.size(); ++k) {
        const auto& p = pending_[k];
        if (p.options.space_before > 0) {
            items.push_back(FlowItem::gap(p.options.space_before));
            sources.push_back({k, kGap});
        }
        const double lead = p.para.leading;
        for (std::size_t i = 0; i < p.para.lines.size(); ++i) {
            auto item = FlowItem::line(lead * kAscentShare, lead * (1 - kAscentShare), static_cast<int>(k),
                                       p.para.lines[i].hyphenated);
            item.keep_with_next = p.options.keep_with_next;
            items.push_back(item);
            sources.push_back({k, i});
        }
        if (p.options.space_after > 0) {
            auto gap = FlowItem::gap(p.options.space_after);
            gap.keep_with_next = p.options.keep_with_next;
            items.push_back(gap);
            sources.push_back({k, kGap});
        }
    }
    FlowParams params;
    params.frame_heights = {std::max(0.0, frame_.bottom() - y_), frame_.h};
    FlowResult result = flow_pages(items, params);
    if (!at_top() && !result.pages.empty() && result.pages[0].relaxed > 0) {
        // The rest of this page cannot take the start of the queue without
        // giving up a rule (an orphan, a hyphen at the foot): the core must
        // put something on every page, so the queue starts on a new one.
        page_ = c_.add_page(part_);
        frame_ = c_.frame(page_);
        y_ = frame_.y;
        params.frame_heights = {frame_.h};
        result = flow_pages(items, params);
    }
    report_.add(result);

    int on = 0;            // the result's page we are on
    double base = y_;      // where that page's content starts
    double bottom = y_;    // the lowest point reached on it
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (result.page_of[i] < 0) continue;  // a gap dropped at the top of a page
        while (on < result.page_of[i]) {
            page_ = c_.add_page(part_);
            frame_ = c_.frame(page_);
            base = bottom = frame_.y;
            ++on;
        }
        const double top = base + result.y[i];
        bottom = std::max(bottom, top + items[i].height + items[i].depth);
        const auto& src = sources[i];
        if (src.line == kGap) continue;
        const auto& p = pending_[src.pending];
        const double baseline = top + items[i].height;
        c_.place_line(page_, p.para.lines[src.line], frame_.x + p.options.indent, baseline);
        if (src.line == 0 && p.options.marker)
            c_.text(page_, *p.options.marker, frame_.x + p.options.indent - 2, baseline, Align::Right);
    }
    y_ = std::min(bottom, frame_.bottom());
    pending_.clear();
}

}  // namespace booklet::layout
