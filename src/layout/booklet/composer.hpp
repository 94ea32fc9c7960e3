#pragma once
// The booklet's pages as they fill: page geometry (recto/verso margins),
// placing laid-out lines and single-line texts, rules and fills, bookmarks,
// and references to pages not laid out yet ("p. 12" in the schedule, the
// contents and the index), which finish() resolves once every page exists.
// finish() also adds the running heads, the folios and the page labels.
#include <map>
#include <string>
#include <vector>

#include "layout/booklet/context.hpp"
#include "layout/document.hpp"

namespace booklet::layout {

struct Frame {
    double x = 0, y = 0, w = 0, h = 0;  // the text area; y is its top
    double bottom() const { return y + h; }
};

class Composer {
public:
    explicit Composer(BookletContext& ctx);

    // A new page; `part` is its running head (empty: no head, no folio).
    int add_page(const std::string& part);
    int page_count() const { return static_cast<int>(pages_.size()); }
    Page& page(int index) { return pages_.at(static_cast<std::size_t>(index)); }
    Frame frame(int index) const;
    // Folio n = index + 1; odd folios are right-hand (recto) pages.
    static bool recto(int index) { return index % 2 == 0; }
    double page_width() const { return ctx_.theme.page.width; }
    double page_height() const { return ctx_.theme.page.height; }

    // Lines [from, to) of `p`, the first baseline at `baseline`.
    void place_lines(int page, const LaidOutParagraph& p, std::size_t from, std::size_t to, double x,
                     double baseline);
    void place_line(int page, const LaidOutLine& line, double x, double baseline);
    // One line of text, no breaking; returns its width. Align Left: x is the
    // left end; Right: x is the right end; Center: x is the middle.
    double text(int page, const Span& span, double x, double baseline, Align align = Align::Left);
    double width_of(const Span& span);
    void fill(int page, double x, double y, double w, double h, const Color& c, bool bleed = false);
    void rule(int page, double x, double y, double w, double thickness, const Color& c);
    void image(int page, const std::string& path, double x, double y, double w, double h);

    // Bookmarks, in document order; a level-n entry nests under the last
    // entry of level n-1.
    void bookmark(const std::string& title, int level, int page, double y);
    // A named place (a talk's abstract, a part's first page).
    void target(const std::string& key, int page, double y);
    bool has_target(const std::string& key) const { return targets_.count(key) > 0; }
    int target_page(const std::string& key) const;
    // "p. N" (the label prefix + the folio of `key`), right-aligned at
    // right_x on the baseline, clickable, filled in by finish().
    void page_reference(const std::string& key, int page, double right_x, double baseline, Style style,
                        bool with_prefix = true);
    // Several folios as one text, "14, 16", right-aligned, each clickable;
    // wrapped onto further lines (`leading` apart) when wider than max_width.
    void page_references(std::vector<std::string> keys, int page, double right_x, double baseline, Style style,
                         double max_width, double leading);
    // Lines page_references() needs at most for `count` folios.
    int page_reference_lines(std::size_t count, Style style, double max_width);
    // A clickable area leading to `key`, resolved by finish().
    void link_to(const std::string& key, int page, double x, double y, double w, double h);
    // Widest "p. NN" a reference can become, for reserving room.
    double page_reference_width(Style style);

    // Resolves references and adds running heads, folios and labels.
    Document finish(Metadata meta);

private:
    struct PendingRef {
        std::vector<std::string> keys;
        int page;
        double right_x, baseline;
        Style style;
        bool prefix;
        double max_width = 1e9;
        double leading = 0;
    };
    struct PendingLink {
        std::string key;
        int page;
        double x, y, w, h;
    };
    struct Place {
        int page;
        double y;
    };
    void running_elements(int index);

    BookletContext& ctx_;
    std::vector<Page> pages_;
    std::vector<std::string> parts_;
    std::vector<OutlineEntry> outline_;
    std::map<std::string, Place> targets_;
    std::vector<PendingRef> refs_;
    std::vector<PendingLink> links_;
};

}  // namespace booklet::layout
