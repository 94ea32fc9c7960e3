#include "layout/booklet/composer.hpp"
#include "locale/language.hpp"

#include <stdexcept>

namespace booklet::layout {

Composer::Composer(BookletContext& ctx) : ctx_(ctx) {}

int Composer::add_page(const std::string& part) {
    Page p;
    p.width = page_width();
    p.height = page_height();
    pages_.push_back(std::move(p));
    parts_.push_back(part);
    return page_count() - 1;
}

Frame Composer::frame(int index) const {
    const auto& g = ctx_.theme.page;
    Frame f;
    f.x = recto(index) ? g.inner : g.outer;
    f.y = g.top;
    f.w = g.width - g.inner - g.outer;
    f.h = g.height - g.top - g.bottom;
    return f;
}

void Composer::place_line(int pg, const LaidOutLine& line, double x, double baseline) {
    Page& p = page(pg);
    for (const auto& run : line.runs) {
        TextRun r = run;
        r.x += x;
        r.y += baseline;
        p.runs.push_back(std::move(r));
    }
    for (const auto& b : line.boxes) {  // characters no font has
        Rect r;
        // Inset by a tenth of its advance on each side, as a glyph's bearings.
        r.x = x + b.x + b.width * 0.1;
        r.y = baseline - b.height;
        r.w = b.width * 0.8;
        r.h = b.height;
        r.stroke = b.color;
        r.line_width = b.line_width;
        p.rects.push_back(r);
    }
    for (const auto& l : line.links) {
        Link link;
        link.x = x + l.x;
        link.y = baseline - line.ascent;
        link.w = l.width;
        link.h = line.ascent + line.descent;
        link.uri = l.href;
        p.links.push_back(std::move(link));
    }
}

void Composer::place_lines(int pg, const LaidOutParagraph& para, std::size_t from, std::size_t to, double x,
                           double baseline) {
    for (std::size_t i = from; i < to && i < para.lines.size(); ++i) {
        place_line(pg, para.lines[i], x, baseline);
        baseline += para.leading;
    }
}

double Composer::width_of(const Span& span) {
    ParagraphStyle st;
    st.language = ctx_.lang;
    st.hyphenate = false;
    return ctx_.paragraphs.natural_width(span, st);
}

double Composer::text(int pg, const Span& span, double x, double baseline, Align align) {
    ParagraphStyle st;
    st.language = ctx_.lang;
    st.hyphenate = false;
    st.align = Align::Left;
    st.line_widths = {1e6};
    const auto para = ctx_.paragraphs.layout(std::span<const Span>(&span, 1), st,
                                             diagnostics_sink(ctx_.diags, ctx_.programme.where));
    if (para.lines.empty()) return 0;
    const auto& line = para.lines[0];
    double left = x;
    if (align == Align::Right) left = x - line.width;
    else if (align == Align::Center) left = x - line.width / 2;
    place_line(pg, line, left, baseline);
    return line.width;
}

void Composer::fill(int pg, double x, double y, double w, double h, const Color& c, bool bleed) {
    Rect r;
    r.x = x, r.y = y, r.w = w, r.h = h;
    r.fill = c;
    r.bleed = bleed;
    page(pg).rects.push_back(r);
}

void Composer::rule(int pg, double x, double y, double w, double thickness, const Color& c) {
    fill(pg, x, y - thickness / 2, w, thickness, c);
}

void Composer::image(int pg, const std::string& path, double x, double y, double w, double h) {
    page(pg).images.push_back({path, x, y, w, h});
}

void Composer::bookmark(const std::string& title, int level, int pg, double y) {
    outline_.push_back({title, level, pg, y});
}

void Composer::target(const std::string& key, int pg, double y) { targets_.emplace(key, Place{pg, y}); }

int Composer::target_page(const std::string& key) const {
    auto it = targets_.find(key);
    return it == targets_.end() ? -1 : it->second.page;
}

void Composer::page_reference(const std::string& key, int pg, double right_x, double baseline, Style style,
                              bool with_prefix) {
    refs_.push_back({{key}, pg, right_x, baseline, style, with_prefix});
}

void Composer::page_references(std::vector<std::string> keys, int pg, double right_x, double baseline, Style style,
                               double max_width, double leading) {
    refs_.push_back({std::move(keys), pg, right_x, baseline, style, false, max_width, leading});
}

int Composer::page_reference_lines(std::size_t count, Style style, double max_width) {
    // Folios of up to four digits, each followed by ", ".
    const double each = width_of(ctx_.span("8888, ", style));
    const auto per_line = std::max<std::size_t>(1, static_cast<std::size_t>(max_width / each));
    return static_cast<int>((count + per_line - 1) / per_line);
}

void Composer::link_to(const std::string& key, int pg, double x, double y, double w, double h) {
    links_.push_back({key, pg, x, y, w, h});
}

double Composer::page_reference_width(Style style) {
    return width_of(ctx_.span(ctx_.label("page-abbrev") + "\u00A0" + "888", style));
}

void Composer::running_elements(int index) {
    const std::string& part = parts_[static_cast<std::size_t>(index)];
    if (part.empty()) return;
    const Frame f = frame(index);
    const auto& g = ctx_.theme.page;
    const double head_base = g.top - ctx_.size(Style::Header) * 2.2;
    const Color rule_colour = ctx_.colour("rule");
    const std::string event = ctx_.programme.acronym.empty() ? ctx_.programme.title : ctx_.programme.acronym;
    // Event on the left-hand page, part on the right-hand page, as books do.
    if (recto(index)) text(index, ctx_.span(part, Style::Header), f.x + f.w, head_base, Align::Right);
    else {
        Span s = ctx_.span(event, Style::Header);
        // A long title is cut at a word boundary, with an ellipsis, to fit.
        std::string words = event;
        while (width_of(s) > f.w * 0.75) {
            const auto space = words.rfind(' ');
            if (space == std::string::npos) break;
            words.erase(space);
            s.text = words + "\u00A0…";
        }
        text(index, s, f.x, head_base, Align::Left);
    }
    rule(index, f.x, head_base + ctx_.size(Style::Header) * 0.6, f.w, 0.4, rule_colour);
    const double folio_base = g.height - g.bottom + ctx_.size(Style::Folio) * 3.2;
    const std::string folio = std::to_string(index + 1);
    if (recto(index)) text(index, ctx_.span(folio, Style::Folio), f.x + f.w, folio_base, Align::Right);
    else text(index, ctx_.span(folio, Style::Folio), f.x, folio_base, Align::Left);
}

Document Composer::finish(Metadata meta) {
    for (const auto& r : refs_) {
        std::vector<Place> places;
        std::vector<std::string> numbers;
        for (const auto& key : r.keys) {
            auto it = targets_.find(key);
            if (it == targets_.end()) throw std::logic_error("page reference to unknown target " + key);
            places.push_back(it->second);
            numbers.push_back(std::to_string(it->second.page + 1));
        }
        // Greedy lines of folios no wider than max_width; each line is set
        // right-aligned, with a link per folio.
        std::size_t i = 0;
        double baseline = r.baseline;
        while (i < numbers.size()) {
            std::string line = r.prefix ? ctx_.label("page-abbrev") + "\u00A0" : "";
            std::vector<std::pair<std::size_t, std::size_t>> ranges;  // bytes of each folio in `line`
            std::size_t j = i;
            while (j < numbers.size()) {
                std::string candidate = line + (j > i ? ", " : "") + numbers[j] + (j + 1 < numbers.size() ? "," : "");
                if (j > i && width_of(ctx_.span(candidate, r.style)) > r.max_width) break;
                if (j > i) line += ", ";
                ranges.push_back({line.size(), line.size() + numbers[j].size()});
                line += numbers[j];
                ++j;
            }
            if (j < numbers.size()) line += ",";
            const double w = text(r.page, ctx_.span(line, r.style), r.right_x, baseline, Align::Right);
            const double left = r.right_x - w;
            for (std::size_t k = 0; k < ranges.size(); ++k) {
                // The prefix belongs to the first folio's link.
                const double x0 = k == 0 ? left : left + width_of(ctx_.span(line.substr(0, ranges[k].first), r.style));
                const double x1 = left + width_of(ctx_.span(line.substr(0, ranges[k].second), r.style));
                Link link;
                link.x = x0;
                link.y = baseline - ctx_.size(r.style);
                link.w = x1 - x0;
                link.h = ctx_.size(r.style) * 1.3;
                link.target_page = places[i + k].page;
                link.target_y = places[i + k].y;
                page(r.page).links.push_back(link);
            }
            i = j;
            baseline += r.leading;
        }
    }
    for (const auto& l : links_) {
        auto it = targets_.find(l.key);
        if (it == targets_.end()) throw std::logic_error("link to unknown target " + l.key);
        Link link;
        link.x = l.x, link.y = l.y, link.w = l.w, link.h = l.h;
        link.target_page = it->second.page;
        link.target_y = it->second.y;
        page(l.page).links.push_back(link);
    }
    for (int i = 0; i < page_count(); ++i) running_elements(i);

    Document doc;
    doc.fonts = ctx_.fonts.faces();
    doc.pages = std::move(pages_);
    doc.outline = std::move(outline_);
    // The cover is page 1 of the booklet: folios and labels agree.
    PageLabelRange cover;
    cover.first_page = 0;
    cover.style = PageLabelRange::Style::None;
    cover.prefix = locale::primary_language(ctx_.lang) == "fr" ? "Couverture" : "Cover";
    doc.page_labels.push_back(cover);
    if (doc.pages.size() > 1) {
        PageLabelRange rest;
        rest.first_page = 1;
        rest.style = PageLabelRange::Style::Decimal;
        rest.first_number = 2;
        doc.page_labels.push_back(rest);
    }
    doc.meta = std::move(meta);
    return doc;
}

}  // namespace booklet::layout
