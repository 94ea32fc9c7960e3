// The schedule: one table per day, flowing over as many pages as it needs
// with its header repeated. A time column and an item column: the title,
// the speakers in italics with their affiliations, the chair for sessions,
// and a clickable "p. 12" for every talk that has an abstract page.
// Breaks and meals sit on shaded rows; sessions open with a row spanning
// the table. Long titles wrap; a row taller than a page splits between
// lines. Days with parallel rooms get a column per room while each column
// keeps a readable measure, otherwise one table per room.
//
// Items may overlap in one room (a workshop area running several
// workshops, an installation open all day, lightning talks inside a
// block): every one is shown in its room's column or table, never drawn
// over another (only items without a room, shared by all, repeat in each
// room group's table). In a grid, a room's items that overlap go side by
// side in lanes (lanes.hpp) when each lane still keeps the readable
// measure of a room column; otherwise they are stacked in the room's
// column in start order. In a one-column table they follow each other in
// start order. Either way an overlapping item carries its own start–end,
// so nothing reads as if it ended when the next one starts.
#include <algorithm>
#include <optional>
#include <set>

#include "locale/format.hpp"
#include "layout/booklet/lanes.hpp"
#include "layout/booklet/parts.hpp"
#include "layout/booklet/rich_text.hpp"

namespace booklet::layout {

namespace {

using model::Item;
using model::ItemKind;

constexpr double kInset = 5;  // the time column's text keeps clear of a session's bar

// A line of a cell, positioned from the cell's top.
struct CellLine {
    LaidOutLine line;
    double x = 0;    // from the cell's left edge
    double top = 0;  // from the cell's top
    double leading = 0;
};

// A track colour bar beside one of the items stacked in a cell.
struct MarkSegment {
    double top = 0, height = 0;  // from the cell's top
    Color colour;
};

// One cell's content: paragraphs stacked, plus the page references that
// go at the right end of some of its lines.
struct Cell {
    double x = 0, w = 0;  // column position in the frame
    std::optional<Color> mark;  // the item's track colour, a bar beside the cell
    std::vector<MarkSegment> marks;  // several items stacked: a bar beside each
    std::vector<CellLine> lines;
    std::vector<std::pair<std::string, std::size_t>> refs;  // target → line
    double height = 0;

    void add(const LaidOutParagraph& p, double dx = 0, double space_before = 0) {
        if (!lines.empty()) height += space_before;
        for (const auto& l : p.lines) {
            lines.push_back({l, dx, height, p.leading});
            height += p.leading;
        }
    }

    // `more` below what the cell holds, `gap` apart (none for the first).
    void append(const Cell& more, double gap) {
        const double top = lines.empty() ? 0 : height + gap;
        const std::size_t off = lines.size();
        for (auto l : more.lines) {
            l.top += top;
            lines.push_back(l);
        }
        for (const auto& [key, line] : more.refs) refs.push_back({key, line + off});
        if (more.mark) marks.push_back({top, more.height, *more.mark});
        for (auto m : more.marks) {
            m.top += top;
            marks.push_back(m);
        }
        height = top + more.height;
    }
};

enum class RowKind { Plain, Shaded, SessionHeader };

struct Row {
    RowKind kind = RowKind::Plain;
    std::vector<Cell> cells;
    std::string target;     // "sched:<item id>"
    std::string bookmark;   // sessions
    bool keep_with_next = false;
    double height(double pad) const {
        double h = 0;
        for (const auto& c : cells) h = std::max(h, c.height);
        return h + 2 * pad;
    }
};

// The geometry and styles shared by the rows of one table.
struct Table {
    double x = 0, w = 0;        // in the frame
    double time_w = 0, gap = 0, ref_w = 0;
    double pad = 0;
    std::vector<std::pair<std::string, double>> columns;  // header label, x offset (time column first)
    std::vector<LaidOutParagraph> heads;  // a grid: each room's name, wrapped to its column
    double min_col = 0;                   // the narrowest readable column (or lane)
    double header_h = 0;                  // the header row, wrapped room names included
};

// Where each item of a day's list overlaps another (start–end shown).
std::vector<bool> overlaps_of(const std::vector<const Item*>& items) {
    std::vector<Interval> v;
    for (const Item* i : items)
        v.push_back(i->time ? Interval{i->time->start.minutes, i->time->end.minutes} : Interval{});
    return overlapping(v);
}

class ScheduleWriter {
public:
    explicit ScheduleWriter(BookletState& b) : b_(b), ctx_(b.ctx), c_(b.composer) {}

    void run() {
        const auto& p = ctx_.programme;
        if (p.days.empty()) return;
        const std::string title = p.days.size() == 1 ? ctx_.label("schedule") : ctx_.label("schedule-days");
        flow_ = std::make_unique<Flow>(ctx_, c_, b_.report, title);
        part_ = title;
        open_part(b_, *flow_, title, "schedule");
        flow_->flush();
        bool first = true;
        for (const auto& day : p.days) {
            if (!first) flow_->new_page();
            first = false;
            lay_out_day(day);
        }
    }

private:
    // ---- text helpers ----
    LaidOutParagraph para(std::vector<Span> spans, double width, const std::string& lang, Align align = Align::Left,
                          Style lead_style = Style::Schedule, const model::SourceLocation* where = nullptr) {
        ParagraphStyle st;
        st.line_widths = {width};
        st.align = align;
        st.last_line = align == Align::Justify ? Align::Left : align;
        st.leading = ctx_.leading(lead_style);
        st.language = lang;
        st.hyphenate = true;  // narrow columns need it; ragged right keeps it rare
        return ctx_.paragraphs.layout(spans, st, diagnostics_sink(ctx_.diags, where ? *where : ctx_.programme.where));
    }

    std::string speaker_line(const model::PersonRef& ref) const {
        const auto* person = ctx_.programme.person(ref.id);
        if (!person) return ref.id;
        std::string s = person->display_name();
        std::string affs;
        for (const auto& a : person->affiliations) affs += (affs.empty() ? "" : ", ") + a;
        if (!affs.empty()) s += " (" + affs + ")";
        return s;
    }

    std::string title_of(const Item& item) const {
        // A testimony says so, as the printed programme does.
        if (item.kind == ItemKind::Testimony) {
            const std::string& label = ctx_.label("testimony");
            if (item.title.rfind(label, 0) != 0) return item.title.empty() ? label : label + ctx_.colon() + item.title;
        }
        if (!item.title.empty()) return item.title;
        if (item.kind == ItemKind::Meal) return ctx_.label("meal");
        if (item.kind == ItemKind::Break) return ctx_.label("break");
        return item.id;
    }

    static bool shaded(const Item& item) { return item.kind == ItemKind::Break || item.kind == ItemKind::Meal; }

    // ---- cells ----
    Cell time_cell(const std::optional<model::TimeRange>& t, double w, bool in_header) {
        Cell c;
        c.w = w;
        if (!t) return c;
        const Style st = in_header ? Style::ScheduleBold : Style::ScheduleTime;
        c.add(para({ctx_.span(locale::schedule_time(t->start, ctx_.lang), st)}, w, ctx_.lang));
        return c;
    }

    // The item column of an entry: title, subtitle, speakers, chairs, notes.
    Cell item_cell(const Item& item, double w, double ref_w, bool header) {
        Cell c;
        c.w = w;
        const std::string lang = ctx_.text_lang(item);
        const bool has_abstract = b_.abstract_pages && item.kind == ItemKind::Talk && !item.abstract.empty();
        const double title_w = has_abstract ? w - ref_w : w;
        Style title_style = header ? Style::ScheduleBold : (item.kind == ItemKind::Talk ? Style::Schedule : Style::ScheduleBold);
        if (shaded(item)) title_style = Style::ScheduleItalic;
        auto title = para({ctx_.span(title_of(item), title_style)}, title_w, lang, Align::Left, Style::Schedule,
                          &item.where);
        if (has_abstract) c.refs.push_back({abstract_key(item.id), 0});
        c.add(title);
        if (!item.subtitle.empty()) c.add(para({ctx_.span(item.subtitle, Style::ScheduleItalic)}, w, lang));
        for (const auto& s : item.speakers)
            c.add(para({ctx_.span(speaker_line(s), Style::ScheduleItalic)}, w, lang), 0, 1);
        if (!item.chairs.empty()) {
            std::vector<std::string> names;
            for (const auto& ch : item.chairs)
                if (const auto* person = ctx_.programme.person(ch.id)) names.push_back(person->display_name());
            c.add(para({ctx_.span(ctx_.label("chair") + ctx_.colon(), Style::ScheduleMuted),
                        ctx_.span(locale::join_names(names, ctx_.label("and")), Style::ScheduleItalic)},
                       w, lang),
                  0, 1);
        }
        if (item.guests_to_be_confirmed) c.add(para({ctx_.span(ctx_.label("guests-tbc"), Style::ScheduleItalic)}, w, lang), 0, 1);
        return c;
    }

    // ---- rows for a one-column table ----
    // The time column gives the start; an item that overlaps another
    // (`own_span`) also says when it ends, above its title: "2 pm – 6 pm".
    Cell entry_cell(const Item& item, const std::optional<model::TimeRange>& time, double w, double ref_w, bool header,
                    bool own_span) {
        Cell ic = item_cell(item, w, ref_w, header);
        if (!own_span || !time) return ic;
        Cell c;
        c.w = w;
        c.add(para({ctx_.span(locale::hours(*time, ctx_.lang), Style::ScheduleMuted)}, w, ctx_.lang));
        c.append(ic, 0);
        return c;
    }

    Row entry_row(const Item& item, const Table& t, const std::optional<model::TimeRange>& time, bool own_span = false) {
        Row r;
        r.kind = shaded(item) ? RowKind::Shaded : RowKind::Plain;
        r.target = "sched:" + item.id;
        Cell tc = time_cell(time, t.time_w, false);
        tc.x = t.x + kInset;
        Cell ic = entry_cell(item, time, t.w - t.time_w - t.gap, t.ref_w, false, own_span);
        ic.x = t.x + t.time_w + t.gap;
        r.cells = {std::move(tc), std::move(ic)};
        return r;
    }

    Row session_header(const Item& session, const Table& t, bool own_span = false) {
        Row r;
        r.kind = RowKind::SessionHeader;
        r.target = "sched:" + session.id;
        r.bookmark = session.title;
        r.keep_with_next = !session.children.empty();
        Cell tc = time_cell(session.time, t.time_w, true);
        tc.x = t.x + kInset;
        Cell ic = entry_cell(session, session.time, t.w - t.time_w - t.gap, t.ref_w, true, own_span);
        ic.x = t.x + t.time_w + t.gap;
        r.cells = {std::move(tc), std::move(ic)};
        return r;
    }

    // One row per item in start order (`items` is sorted); items that
    // overlap follow each other like the rest, each with its start–end.
    std::vector<Row> single_column_rows(const std::vector<const Item*>& items, const Table& t) {
        std::vector<Row> rows;
        const auto overlap = overlaps_of(items);
        for (std::size_t k = 0; k < items.size(); ++k) {
            const Item* item = items[k];
            if (model::is_container(item->kind)) {
                rows.push_back(session_header(*item, t, overlap[k]));
                rows.back().cells[1].mark = ctx_.track_colour(item->track);
                std::vector<const Item*> talks;
                for (const auto& talk : item->children) talks.push_back(&talk);
                const auto talk_overlap = overlaps_of(talks);
                for (std::size_t j = 0; j < talks.size(); ++j) {
                    const Item& talk = *talks[j];
                    rows.push_back(entry_row(talk, t, talk.time, talk_overlap[j]));
                    rows.back().cells[1].mark = ctx_.track_colour(talk.track.empty() ? item->track : talk.track);
                }
            } else {
                rows.push_back(entry_row(*item, t, item->time, overlap[k]));
                rows.back().cells[1].mark = ctx_.track_colour(item->track);
            }
        }
        return rows;
    }

    // ---- rows for a grid of parallel rooms ----
    Cell grid_cell(const Item& item, double x, double w, double ref_w) {
        Cell c;
        c.x = x;
        c.w = w;
        c.mark = ctx_.track_colour(item.track);
        const std::string lang = ctx_.text_lang(item);
        if (item.time)
            c.add(para({ctx_.span(locale::hours(*item.time, ctx_.lang), Style::ScheduleMuted)}, w, ctx_.lang));
        Cell main = item_cell(item, w, ref_w, model::is_container(item.kind));
        const std::size_t offset = c.lines.size();
        for (auto& l : main.lines) {
            l.top += c.height;
            c.lines.push_back(l);
        }
        for (auto& [key, line] : main.refs) c.refs.push_back({key, line + offset});
        c.height += main.height;
        // A session's talks follow its title; those that overlap one
        // another say their start–end.
        std::vector<const Item*> talks;
        for (const auto& talk : item.children) talks.push_back(&talk);
        const auto overlap = overlaps_of(talks);
        for (std::size_t k = 0; k < talks.size(); ++k) {
            const Item& talk = *talks[k];
            Cell tc = entry_cell(talk, talk.time, w, ref_w, false, overlap[k]);
            const std::size_t off = c.lines.size();
            const double top = c.height + ctx_.leading(Style::Schedule) * 0.45;
            for (auto& l : tc.lines) {
                l.top += top;
                c.lines.push_back(l);
            }
            for (auto& [key, line] : tc.refs) c.refs.push_back({key, line + off});
            c.height = top + tc.height;
        }
        return c;
    }

    std::vector<Row> grid_rows(const std::vector<const Item*>& items, const std::vector<std::string>& rooms,
                               const Table& t) {
        std::vector<Row> rows;
        std::size_t i = 0;
        const double col_w = (t.w - t.time_w - t.gap) / static_cast<double>(rooms.size());
        while (i < items.size()) {
            const Item* first = items[i];
            if (first->room.empty() || !first->time) {  // spans every room
                rows.push_back(model::is_container(first->kind) ? session_header(*first, t) : entry_row(*first, t, first->time));
                if (model::is_container(first->kind))
                    for (const auto& talk : first->children) rows.push_back(entry_row(talk, t, talk.time));
                ++i;
                continue;
            }
            // The items whose times chain into one another share a row
            // (a cluster), whatever their rooms: the row starts at the
            // first one's time and lasts until the last one ends.
            Row r;
            r.target = "sched:" + first->id;
            Cell tc = time_cell(first->time, t.time_w, false);
            tc.x = t.x + kInset;
            r.cells.push_back(std::move(tc));
            model::ClockTime end = first->time->end;
            std::vector<const Item*> members;
            while (i < items.size() && !items[i]->room.empty() && items[i]->time && items[i]->time->start < end) {
                members.push_back(items[i]);
                end = std::max(end, items[i]->time->end);
                ++i;
            }
            for (std::size_t col = 0; col < rooms.size(); ++col) {
                std::vector<const Item*> here;  // in start order
                std::vector<Interval> spans;
                for (const Item* m : members)
                    if (m->room == rooms[col]) {
                        here.push_back(m);
                        spans.push_back({m->time->start.minutes, m->time->end.minutes});
                    }
                if (here.empty()) continue;
                // A room's items that overlap go side by side, each in the
                // lowest lane free at its start, when every lane keeps a
                // room column's readable measure: who runs alongside whom
                // then shows at a glance. Narrower lanes would break every
                // other word, so then the items are stacked in start order
                // in the room's column instead; each says its start–end
                // (grid cells always do) and has its own track bar.
                auto lanes = assign_lanes(spans);
                if (lanes.count > 1 && col_w / static_cast<double>(lanes.count) < t.min_col) {
                    lanes.count = 1;
                    lanes.lane.assign(here.size(), 0);
                }
                const double lane_w = col_w / static_cast<double>(lanes.count);
                const double x = t.x + t.time_w + t.gap + col_w * static_cast<double>(col);
                std::vector<Cell> cells(lanes.count);
                for (std::size_t l = 0; l < cells.size(); ++l) {
                    cells[l].x = x + lane_w * static_cast<double>(l) + 3;
                    cells[l].w = lane_w - 6;
                }
                for (std::size_t k = 0; k < here.size(); ++k) {
                    Cell& into = cells[lanes.lane[k]];
                    into.append(grid_cell(*here[k], into.x, into.w, t.ref_w), ctx_.leading(Style::Schedule));
                    extra_targets_.push_back({"sched:" + here[k]->id, rows.size()});
                    for (const auto& talk : here[k]->children) extra_targets_.push_back({"sched:" + talk.id, rows.size()});
                }
                for (auto& cell : cells) {
                    if (cell.marks.size() == 1 && cell.marks[0].top == 0) {  // one item: its bar runs the row's height
                        cell.mark = cell.marks[0].colour;
                        cell.marks.clear();
                    }
                    r.cells.push_back(std::move(cell));
                }
            }
            rows.push_back(std::move(r));
        }
        return rows;
    }

    // ---- placing rows ----
    // The header row's height: room names too long for their column wrap
    // (real rooms are called "Assembly:Hardware Hacking Area").
    double header_height(const Table& t) const {
        std::size_t lines = 1;
        for (const auto& head : t.heads) lines = std::max(lines, head.lines.size());
        return ctx_.leading(Style::Schedule) * (1.5 + static_cast<double>(lines - 1));
    }

    static double item_width(const Table& t) { return t.w - t.time_w - t.gap; }

    LaidOutParagraph caption_lines(const Table& t, const std::string& caption) {
        return para({ctx_.span(caption, Style::ScheduleMuted)}, item_width(t), ctx_.lang);
    }

    void table_header(const Table& t, const std::string& caption) {
        const double h1 = ctx_.leading(Style::Schedule) * 1.5;
        const double h = t.header_h;
        flow_->need(h + h1 * 2);
        const int pg = flow_->page();
        const double y = flow_->y();
        const double base = y + h1 * 0.68;
        const Frame f = flow_->frame();
        c_.text(pg, ctx_.span(ctx_.label("time"), Style::ScheduleMuted), f.x + t.x + kInset, base);
        double x = f.x + t.x + t.time_w + t.gap;
        if (t.columns.size() <= 1) {
            const Span span = ctx_.span(caption, Style::ScheduleMuted);
            if (c_.width_of(span) <= item_width(t)) {
                c_.text(pg, span, x, base);
            } else {  // a long room name in "Friday 28 December 2018 — Room … (continued)"
                const auto lines = caption_lines(t, caption);
                for (std::size_t k = 0; k < lines.lines.size(); ++k)
                    c_.place_line(pg, lines.lines[k], x, base + lines.leading * static_cast<double>(k));
            }
        } else {
            for (std::size_t i = 1; i < t.columns.size() && i - 1 < t.heads.size(); ++i) {
                const auto& head = t.heads[i - 1];
                for (std::size_t k = 0; k < head.lines.size(); ++k)
                    c_.place_line(pg, head.lines[k], f.x + t.columns[i].second + 3,
                                  base + head.leading * static_cast<double>(k));
            }
        }
        c_.rule(pg, f.x + t.x, y + h, t.w, 0.8, ctx_.colour("accent"));
        move_to(y + h + 0.8);
    }

    double cursor() const { return flow_->y(); }
    void move_to(double y) { flow_->advance(y - flow_->y()); }

    void place_cell_lines(const Cell& cell, std::size_t from, std::size_t to, double top, double shift, int pg) {
        const Frame f = flow_->frame();
        for (std::size_t i = from; i < to; ++i) {
            const auto& l = cell.lines[i];
            const double baseline = top + (l.top - shift) + l.leading * 0.78;
            c_.place_line(pg, l.line, f.x + cell.x + l.x, baseline);
            for (const auto& [key, line] : cell.refs)
                if (line == i) c_.page_reference(key, pg, f.x + cell.x + cell.w, baseline, Style::Schedule);
        }
    }

    // The row's shading, its cells' track bars and its rule; `shift`, for a
    // row split over pages, is per cell how much of it earlier pages hold.
    void background(const Row& r, double top, double h, int pg, const std::vector<double>& shift = {}) {
        const Frame f = flow_->frame();
        if (r.kind == RowKind::Shaded) c_.fill(pg, f.x + table_.x, top, table_.w, h, ctx_.colour("shade"));
        else if (r.kind == RowKind::SessionHeader) c_.fill(pg, f.x + table_.x, top, table_.w, h, ctx_.colour("band"));
        if (r.kind == RowKind::SessionHeader) c_.fill(pg, f.x + table_.x, top, 2.2, h, ctx_.colour("accent"));
        for (std::size_t k = 0; k < r.cells.size(); ++k) {
            const Cell& cell = r.cells[k];
            if (cell.mark) c_.fill(pg, f.x + cell.x - 3.5, top + 2, 1.8, std::max(0.0, h - 4), *cell.mark);
            const double s = k < shift.size() ? shift[k] : 0;
            for (const auto& m : cell.marks) {  // a bar beside each stacked item, cut at the page's part of the row
                const double from = std::max(top + 2, top + table_.pad + m.top - s);
                const double to = std::min(top + h - 2, top + table_.pad + m.top + m.height - s);
                if (to > from) c_.fill(pg, f.x + cell.x - 3.5, from, 1.8, to - from, m.colour);
            }
        }
        c_.rule(pg, f.x + table_.x, top + h, table_.w, 0.35, ctx_.colour("rule"));
    }

    // The table: its header, then its rows. `bookmark`, when given, marks
    // where the table starts (after any page break its first row needs);
    // `heading` is the item column's header (default: the "entry" label),
    // `caption` what it says on the pages the table continues on.
    void place_rows(const std::vector<Row>& rows, const std::string& caption, const std::string& bookmark = {},
                    const std::string& heading = {}) {
        const double pad = table_.pad;
        const std::string first_heading = heading.empty() ? ctx_.label("entry") : heading;
        if (table_.columns.size() <= 1) {  // a one-column table: its captions may wrap
            std::size_t lines = 1;
            for (const auto& text : {first_heading, caption + " " + ctx_.label("continued")})
                lines = std::max(lines, caption_lines(table_, text).lines.size());
            table_.header_h = ctx_.leading(Style::Schedule) * (1.5 + static_cast<double>(lines - 1));
        }
        // The header never stands alone: it needs its first row (and that
        // row's keep) below it. A row taller than a page splits anyway, so
        // at most a page is asked for.
        const double header = table_.header_h + 1;
        double first = 0;
        if (!rows.empty()) {
            first = rows[0].height(pad);
            if (rows[0].keep_with_next && rows.size() > 1) first += rows[1].height(pad);
        }
        flow_->need(header + std::min(first, flow_->frame().h - header));
        if (!bookmark.empty()) c_.bookmark(bookmark, 2, flow_->page(), cursor());
        table_header(table_, first_heading);
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const Row& r = rows[i];
            double h = r.height(pad);
            double need = h;
            if (r.keep_with_next && i + 1 < rows.size()) need += std::min(rows[i + 1].height(pad), ctx_.leading(Style::Schedule) * 3);
            const Frame f = flow_->frame();
            double top = cursor();
            const double page_room = f.bottom() - f.y - table_.header_h - 1;
            if (top + need > f.bottom() && !(h > page_room)) {
                new_table_page(caption);
                top = cursor();
            }
            record_targets(r, i, top);
            if (top + h <= flow_->frame().bottom() + 0.01) {
                background(r, top, h, flow_->page());
                for (const auto& cell : r.cells) place_cell_lines(cell, 0, cell.lines.size(), top + pad, 0, flow_->page());
                move_to(top + h);
                continue;
            }
            // Taller than the room left: split between lines, page by page.
            std::vector<std::size_t> next(r.cells.size(), 0);
            std::vector<double> shift(r.cells.size(), 0);
            bool done = false;
            while (!done) {
                const double room = flow_->frame().bottom() - top - 2 * pad;
                const std::vector<double> slice_shift = shift;
                double used = 0;
                done = true;
                for (std::size_t k = 0; k < r.cells.size(); ++k) {
                    const Cell& cell = r.cells[k];
                    std::size_t to = next[k];
                    while (to < cell.lines.size() &&
                           cell.lines[to].top - shift[k] + cell.lines[to].leading <= room + 0.01)
                        ++to;
                    if (to == next[k] && to < cell.lines.size() && top <= flow_->frame().y + 40) ++to;  // progress
                    place_cell_lines(cell, next[k], to, top + pad, shift[k], flow_->page());
                    if (to > next[k]) used = std::max(used, cell.lines[to - 1].top - shift[k] + cell.lines[to - 1].leading);
                    next[k] = to;
                    if (to < cell.lines.size()) {
                        done = false;
                        shift[k] = cell.lines[to].top;
                    }
                }
                background(r, top, used + 2 * pad, flow_->page(), slice_shift);
                if (!done) {
                    new_table_page(caption);
                    top = cursor();
                } else {
                    move_to(top + used + 2 * pad);
                }
            }
        }
        flow_->space(ctx_.leading(Style::Body));
    }

    void new_table_page(const std::string& caption) {
        flow_->new_page();
        table_header(table_, caption + " " + ctx_.label("continued"));
    }

    void record_targets(const Row& r, std::size_t index, double top) {
        if (!r.target.empty() && !c_.has_target(r.target)) c_.target(r.target, flow_->page(), top);
        if (!r.bookmark.empty()) c_.bookmark(r.bookmark, 2, flow_->page(), top);
        for (const auto& [key, row] : extra_targets_)
            if (row == index && !c_.has_target(key)) c_.target(key, flow_->page(), top);
    }

    // ---- a day ----
    void lay_out_day(const model::Day& day) {
        const auto& p = ctx_.programme;
        const Frame f = flow_->frame();
        std::string date = locale::long_date(day.date, ctx_.lang);
        if (!date.empty() && date[0] >= 'a' && date[0] <= 'z') date[0] = static_cast<char>(date[0] - 'a' + 'A');
        // The day's heading.
        FlowOptions o;
        o.keep_with_next = true;
        o.space_after = ctx_.leading(Style::Body) * 0.6;
        std::string heading = date;
        if (auto h = day.hours()) heading += " · " + locale::hours(*h, ctx_.lang);
        c_.bookmark(date, 1, flow_->page(), flow_->y());
        if (p.days.size() > 1) b_.contents.push_back({date, "day:" + day.date.iso(), 1});
        c_.target("day:" + day.date.iso(), flow_->page(), flow_->y());
        flow_->add(para({ctx_.span(heading, Style::Subheading)}, f.w, ctx_.lang, Align::Left, Style::Subheading), o);
        flow_->flush();

        std::vector<const Item*> items;
        for (const auto& item : day.items) items.push_back(&item);
        std::stable_sort(items.begin(), items.end(), [](const Item* a, const Item* b) {
            if (!a->time || !b->time) return false;
            return a->time->start < b->time->start;
        });
        // Rooms in use at the same time as another room decide the layout.
        std::vector<std::string> rooms;
        for (const Item* i : items)
            if (!i->room.empty() && std::find(rooms.begin(), rooms.end(), i->room) == rooms.end()) rooms.push_back(i->room);
        const bool parallel = rooms.size() > 1 && has_parallel(items);

        table_ = base_table(f.w);
        extra_targets_.clear();
        if (!parallel) {
            place_rows(single_column_rows(items, table_), date);
            return;
        }
        // As many rooms side by side as keep a readable measure (about 24
        // characters of schedule text); more rooms make several groups.
        const double min_col = table_.min_col;
        const double room_w = f.w - table_.time_w - table_.gap;
        const auto per_group = std::max<std::size_t>(1, static_cast<std::size_t>(room_w / min_col));
        for (std::size_t first = 0; first < rooms.size(); first += per_group) {
            const std::vector<std::string> group(rooms.begin() + static_cast<std::ptrdiff_t>(first),
                                                 rooms.begin() + static_cast<std::ptrdiff_t>(std::min(rooms.size(), first + per_group)));
            std::vector<const Item*> in_group;  // the group's items and the shared ones (breaks, plenaries)
            for (const Item* i : items)
                if (i->room.empty() || std::find(group.begin(), group.end(), i->room) != group.end()) in_group.push_back(i);
            std::vector<std::string> names;
            for (const auto& id : group) names.push_back(p.room(id) ? p.room(id)->name : id);
            if (group.size() >= 2 && lay_out_grid(in_group, group, names, date)) continue;
            // One room, or a grid whose rows would not fit a page: a table per room.
            for (std::size_t k = 0; k < group.size(); ++k) {
                std::vector<const Item*> in_room;
                for (const Item* i : in_group)
                    if (i->room.empty() || i->room == group[k]) in_room.push_back(i);
                table_ = base_table(f.w);
                extra_targets_.clear();
                // Its header names the room, as a grid's does: the tables
                // of a day's rooms look alike.
                place_rows(single_column_rows(in_room, table_), date + " — " + ctx_.label("room") + " " + names[k],
                           names[k], names[k]);
            }
        }
    }

    // A grid of the rooms in `group`, one column each; false (nothing
    // placed) when a row would be too tall for a page.
    bool lay_out_grid(const std::vector<const Item*>& items, const std::vector<std::string>& group,
                      const std::vector<std::string>& names, const std::string& date) {
        const Frame f = flow_->frame();
        table_ = base_table(f.w);
        extra_targets_.clear();
        const double col_w = (f.w - table_.time_w - table_.gap) / static_cast<double>(group.size());
        table_.columns.clear();
        table_.columns.push_back({ctx_.label("time"), table_.x});
        for (std::size_t i = 0; i < group.size(); ++i) {
            table_.columns.push_back({names[i], table_.x + table_.time_w + table_.gap + col_w * static_cast<double>(i)});
            table_.heads.push_back(para({ctx_.span(names[i], Style::ScheduleBold)}, col_w - 6, ctx_.lang));
        }
        table_.header_h = header_height(table_);
        auto rows = grid_rows(items, group, table_);
        if (!fits_on_a_page(rows)) return false;
        place_rows(rows, date, locale::join_names(names, ctx_.label("and")));
        return true;
    }

    bool fits_on_a_page(const std::vector<Row>& rows) const {
        const Frame f = flow_->frame();
        for (const auto& r : rows)
            if (r.height(table_.pad) > f.h * 0.8) return false;
        return true;
    }

    static bool has_parallel(const std::vector<const Item*>& items) {
        for (std::size_t i = 0; i < items.size(); ++i)
            for (std::size_t j = i + 1; j < items.size(); ++j) {
                const Item* a = items[i];
                const Item* b = items[j];
                if (!a->time || !b->time || a->room.empty() || b->room.empty() || a->room == b->room) continue;
                if (b->time->start >= a->time->end) break;
                if (a->time->start < b->time->end && b->time->start < a->time->end) return true;
            }
        return false;
    }

    Table base_table(double width) {
        Table t;
        t.x = 0;
        t.w = width;
        t.time_w = c_.width_of(ctx_.span(locale::schedule_time({23 * 60 + 59}, ctx_.lang), Style::ScheduleBold)) + kInset + 6;
        t.gap = 6;
        t.ref_w = c_.page_reference_width(Style::Schedule) + 6;
        t.pad = ctx_.leading(Style::Schedule) * 0.3;
        t.columns = {{ctx_.label("time"), 0}};
        t.min_col = ctx_.size(Style::Schedule) * 12;
        t.header_h = header_height(t);
        return t;
    }

    BookletState& b_;
    BookletContext& ctx_;
    Composer& c_;
    std::unique_ptr<Flow> flow_;
    std::string part_;
    Table table_;
    std::vector<std::pair<std::string, std::size_t>> extra_targets_;  // grid: item targets → row
};

}  // namespace

void lay_out_schedule(BookletState& b) { ScheduleWriter(b).run(); }

}  // namespace booklet::layout
