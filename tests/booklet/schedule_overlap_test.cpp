// Items that overlap in one room: every one in the schedule, once, each in
// its room's column (side by side in lanes, or stacked), none drawn over
// another, and the page count stays that of the items' text.
#include <algorithm>
#include <map>
#include <set>

#include "booklet_fixture.hpp"
#include "layout/booklet/lanes.hpp"
#include "read/schedule_reader.hpp"

using namespace booklet;
using layout::Interval;
using test::page_text;

namespace {

// ---- the lanes themselves ----

TEST(Lanes, EachItemTakesTheLowestLaneFreeAtItsStart) {
    // 9–12, 9–10, 9:30–10:30, 10–11, 12–13 (given out of order).
    const std::vector<Interval> v = {{600, 660}, {540, 720}, {540, 600}, {570, 630}, {720, 780}};
    const auto a = layout::assign_lanes(v);
    ASSERT_EQ(a.lane.size(), 5u);
    EXPECT_EQ(a.count, 3u);  // three run at once at 9:30
    EXPECT_EQ(a.lane[1], 0u);  // 9–12 first, in lane 0
    EXPECT_EQ(a.lane[2], 1u);  // 9–10 beside it
    EXPECT_EQ(a.lane[3], 2u);  // 9:30–10:30: both taken
    EXPECT_EQ(a.lane[0], 1u);  // 10–11: lane 1 is free again at 10
    EXPECT_EQ(a.lane[4], 0u);  // 12–13: everything is free
    // No two items of one lane share time.
    for (std::size_t i = 0; i < v.size(); ++i)
        for (std::size_t j = i + 1; j < v.size(); ++j)
            if (a.lane[i] == a.lane[j]) {
                EXPECT_TRUE(v[i].end <= v[j].start || v[j].end <= v[i].start) << i << " " << j;
            }
}

TEST(Lanes, NothingOverlappingNeedsOneLane) {
    const std::vector<Interval> v = {{540, 600}, {600, 660}, {660, 660}, {660, 700}};
    const auto a = layout::assign_lanes(v);
    EXPECT_EQ(a.count, 1u);
    EXPECT_EQ(layout::overlapping(v), (std::vector<bool>{false, false, false, false}));
    EXPECT_EQ(layout::assign_lanes({}).count, 0u);
}

TEST(Lanes, OverlappingMarksBothSidesOnly) {
    // An all-day item over two short ones, and one after it.
    const std::vector<Interval> v = {{540, 1080}, {600, 630}, {700, 760}, {1080, 1140}, {1200, 1260}, {1230, 1290}};
    EXPECT_EQ(layout::overlapping(v), (std::vector<bool>{true, true, true, false, true, true}));
    // A zero-length item inside another shares no time with it.
    EXPECT_EQ(layout::overlapping({{540, 600}, {560, 560}}), (std::vector<bool>{false, false}));
}

// ---- the schedule ----

model::Item timed(const std::string& id, const std::string& title, const std::string& room, int from, int to) {
    auto t = test::talk(id, title, "a");
    t.room = room;
    t.time = model::TimeRange{{from}, {to}};
    return t;
}

model::Programme two_rooms() {
    auto p = test::small_programme();
    p.rooms = {{"r0", "Atelier", {}}, {"r1", "Amphi", {}}};
    return p;
}

// The schedule pages: those with the table header.
std::vector<const layout::Page*> schedule_pages(const layout::Document& doc) {
    std::vector<const layout::Page*> r;
    for (const auto& page : doc.pages)
        if (page_text(page).find("Horaire") != std::string::npos || page_text(page).find("Time ") != std::string::npos)
            r.push_back(&page);
    return r;
}

// Text as one string without spaces or hyphens, so that a title wrapped or
// hyphenated over lines is still found whole.
std::string squeezed(const std::string& s) {
    std::string r;
    for (const char c : s)
        if (c != ' ' && c != '-') r += c;
    return r;
}

std::size_t occurrences(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
    return n;
}

std::string schedule_text(const layout::Document& doc) {
    std::string all;
    for (const auto* page : schedule_pages(doc)) all += page_text(*page);
    return squeezed(all);
}

// No two text runs of a schedule page cover each other.
void expect_nothing_drawn_over(const layout::Document& doc) {
    for (const auto* page : schedule_pages(doc)) {
        const auto& runs = page->runs;
        for (std::size_t i = 0; i < runs.size(); ++i)
            for (std::size_t j = i + 1; j < runs.size(); ++j) {
                const auto& a = runs[i];
                const auto& b = runs[j];
                const bool x = a.x + 0.5 < b.x + b.width && b.x + 0.5 < a.x + a.width;
                const bool y = a.y - a.size * 0.75 + 0.5 < b.y + b.size * 0.2 && b.y - b.size * 0.75 + 0.5 < a.y + a.size * 0.2;
                EXPECT_FALSE(x && y) << "'" << a.text << "' and '" << b.text << "' are drawn over each other";
            }
    }
}

// Every run holding `token` lies in the column headed `room` (the header's
// x, less the cell's padding, to the next column, `col_w` wide).
void expect_in_column(const layout::Document& doc, const std::string& token, const std::string& room, double col_w) {
    int seen = 0;
    for (const auto* page : schedule_pages(doc)) {
        double left = -1;
        for (const auto& r : page->runs)
            if (r.text == room) left = r.x - 3;
        for (const auto& r : page->runs) {
            if (r.text.find(token) == std::string::npos) continue;
            ASSERT_GE(left, 0) << "no column " << room << " on the page of " << token;
            ++seen;
            EXPECT_GE(r.x, left - 0.5) << token << " left of its column " << room;
            EXPECT_LE(r.x + r.width, left + col_w + 0.5) << token << " right of its column " << room;
        }
    }
    EXPECT_GT(seen, 0) << token;
}

// The two room columns' width, from their header labels.
double column_width(const layout::Document& doc) {
    for (const auto* page : schedule_pages(doc)) {
        double a = -1, b = -1;
        for (const auto& r : page->runs) {
            if (r.text == "Atelier") a = r.x;
            if (r.text == "Amphi") b = r.x;
        }
        if (a >= 0 && b >= 0) return b - a;
    }
    return 0;
}

const layout::TextRun* first_run(const layout::Document& doc, const std::string& token) {
    for (const auto* page : schedule_pages(doc))
        for (const auto& r : page->runs)
            if (r.text.find(token) != std::string::npos) return &r;
    return nullptr;
}

TEST(ScheduleOverlap, ThreeItemsAtOnceInOneRoomAreAllShownInTheirColumn) {
    auto p = two_rooms();
    p.days[0].items = {timed("a", "Alpha soudure", "r0", 9 * 60, 12 * 60),
                       timed("b", "Bravo électronique", "r0", 9 * 60 + 30, 11 * 60),
                       timed("c", "Charlie robots", "r0", 10 * 60, 10 * 60 + 45),
                       timed("d", "Delta conférence", "r1", 9 * 60, 10 * 60),
                       timed("e", "Echo conférence", "r1", 10 * 60, 11 * 60)};
    const auto laid = test::lay_out(p);
    ASSERT_TRUE(laid.out) << (laid.diags.empty() ? "" : laid.diags.items()[0].str());
    const auto& doc = laid.out->document;
    const std::string text = schedule_text(doc);
    for (const auto& item : p.days[0].items) EXPECT_EQ(occurrences(text, squeezed(item.title)), 1u) << item.title;
    // Each with its own start–end.
    for (const char* span : {"9h–12h", "9h30–11h", "10h–10h45", "9h–10h", "10h–11h"})
        EXPECT_GE(occurrences(text, span), 1u) << span << " in " << text;
    // Its abstract page, once each.
    int links = 0;
    for (const auto* page : schedule_pages(doc)) links += static_cast<int>(page->links.size());
    EXPECT_EQ(links, 5);
    expect_nothing_drawn_over(doc);
    const double col_w = column_width(doc);
    ASSERT_GT(col_w, 50);
    for (const char* t : {"Alpha", "Bravo", "Charlie"}) expect_in_column(doc, t, "Atelier", col_w);
    for (const char* t : {"Delta", "Echo"}) expect_in_column(doc, t, "Amphi", col_w);
    // On A5 a room column is too narrow for lanes: stacked in start order.
    const auto* a = first_run(doc, "Alpha");
    const auto* b = first_run(doc, "Bravo");
    const auto* c = first_run(doc, "Charlie");
    ASSERT_TRUE(a && b && c);
    EXPECT_LT(a->y, b->y);
    EXPECT_LT(b->y, c->y);
    EXPECT_NEAR(a->x, b->x, 0.01);
}

TEST(ScheduleOverlap, OnAWidePageOverlappingItemsGoSideBySideInLanes) {
    auto p = two_rooms();
    p.days[0].items = {timed("a", "Alpha soudure", "r0", 9 * 60, 12 * 60),
                       timed("b", "Bravo électronique", "r0", 9 * 60, 10 * 60),
                       timed("c", "Charlie robots", "r0", 10 * 60, 11 * 60),
                       timed("d", "Delta conférence", "r1", 9 * 60, 10 * 60)};
    const auto laid = test::lay_out(p, "theme-a4.xml");
    ASSERT_TRUE(laid.out);
    const auto& doc = laid.out->document;
    const std::string text = schedule_text(doc);
    for (const auto& item : p.days[0].items) EXPECT_EQ(occurrences(text, squeezed(item.title)), 1u) << item.title;
    expect_nothing_drawn_over(doc);
    const double col_w = column_width(doc);
    for (const char* t : {"Alpha", "Bravo", "Charlie"}) expect_in_column(doc, t, "Atelier", col_w);
    expect_in_column(doc, "Delta", "Amphi", col_w);
    const auto* a = first_run(doc, "Alpha");
    const auto* b = first_run(doc, "Bravo");
    const auto* c = first_run(doc, "Charlie");
    ASSERT_TRUE(a && b && c);
    // Two lanes, each half the room's column: Alpha all morning on the
    // left, Bravo then Charlie on the right.
    EXPECT_NEAR(a->y, b->y, 0.01);
    EXPECT_NEAR(b->x - a->x, col_w / 2, 0.5);
    EXPECT_NEAR(c->x, b->x, 0.01);
    EXPECT_GT(c->y, b->y);
}

TEST(ScheduleOverlap, AnAllDayItemBesideManyShortOnesKeepsThePageCountSane) {
    auto p = two_rooms();
    auto& items = p.days[0].items;
    items.push_back(timed("all", "Installation lumineuse", "r0", 9 * 60, 21 * 60));
    for (int i = 0; i < 24; ++i)
        items.push_back(timed("s" + std::to_string(i), "Séance éclair numéro " + std::to_string(i) + " fin",
                              "r0", 9 * 60 + 30 * i, 9 * 60 + 30 * i + 30));
    for (int i = 0; i < 6; ++i)
        items.push_back(timed("r" + std::to_string(i), "Exposé du matin numéro " + std::to_string(i) + " fin", "r1",
                              9 * 60 + 60 * i, 10 * 60 + 60 * i));
    const auto laid = test::lay_out(p);
    ASSERT_TRUE(laid.out) << (laid.diags.empty() ? "" : laid.diags.items()[0].str());
    const auto& doc = laid.out->document;
    const std::string text = schedule_text(doc);
    EXPECT_EQ(occurrences(text, squeezed("Installation lumineuse")), 1u);
    for (const auto& item : items) EXPECT_GE(occurrences(text, squeezed(item.title)), 1u) << item.title;
    for (int i = 0; i < 24; ++i)  // "numéro 1 fin" is not inside "numéro 12 fin"
        EXPECT_EQ(occurrences(text, squeezed("éclair numéro " + std::to_string(i) + " fin")), 1u) << i;
    expect_nothing_drawn_over(doc);
    // 31 short entries: a handful of pages, not one per item.
    const auto pages = schedule_pages(doc).size();
    EXPECT_GE(pages, 1u);
    EXPECT_LE(pages, 6u);
    // The all-day item says when it ends.
    EXPECT_GE(occurrences(text, "9h–21h"), 1u);
    // Too tall a row for a grid: a table per room, each headed by its
    // room's name above its first item.
    std::vector<std::string> tables;
    for (const auto& o : doc.outline)
        if (o.level == 2) tables.push_back(o.title);
    EXPECT_EQ(tables, (std::vector<std::string>{"Atelier", "Amphi"}));
    for (const auto& [room, first] : {std::pair<std::string, std::string>{"Atelier", "Installation"}, {"Amphi", "Exposé"}}) {
        bool headed = false;
        for (const auto* page : schedule_pages(doc)) {
            const layout::TextRun* item = nullptr;
            for (const auto& r : page->runs)
                if (!item && r.text == first) item = &r;
            if (!item) continue;
            for (const auto& r : page->runs) headed = headed || (r.text == room && r.y < item->y);
            break;
        }
        EXPECT_TRUE(headed) << room;
    }
}

TEST(ScheduleOverlap, OneRoomListsOverlappingItemsInStartOrderWithTheirEnd) {
    auto p = test::small_programme();
    p.days[0].items = {timed("late", "Clôture des ateliers", "", 17 * 60, 18 * 60),
                       timed("all", "Exposition permanente", "", 9 * 60, 16 * 60),
                       timed("one", "Atelier du matin", "", 10 * 60, 11 * 60 + 30),
                       timed("two", "Atelier de midi", "", 11 * 60, 12 * 60)};
    const auto laid = test::lay_out(p);
    ASSERT_TRUE(laid.out);
    const auto& doc = laid.out->document;
    expect_nothing_drawn_over(doc);
    const std::string text = schedule_text(doc);
    // In start order, each once.
    std::size_t at = 0;
    for (const char* t : {"Expositionpermanente", "Atelierdumatin", "Atelierdemidi", "Clôturedesateliers"}) {
        EXPECT_EQ(occurrences(text, t), 1u) << t;
        const auto next = text.find(t);
        ASSERT_NE(next, std::string::npos) << t;
        EXPECT_GT(next, at) << t;
        at = next;
    }
    // The overlapping ones with their start–end; the last, alone, with its start only.
    for (const char* span : {"9h–16h", "10h–11h30", "11h–12h"}) EXPECT_EQ(occurrences(text, span), 1u) << span;
    EXPECT_EQ(occurrences(text, "17h–18h"), 0u);
}

TEST(ScheduleOverlap, TalksOverlappingInsideASessionSayTheirEnd) {
    for (const bool grid : {true, false}) {
        auto p = two_rooms();
        model::Item s;
        s.kind = model::ItemKind::Session;
        s.id = "s";
        s.title = "Session des ateliers";
        s.room = "r0";
        s.time = model::TimeRange{{9 * 60}, {12 * 60}};
        s.children = {timed("a", "Alpha soudure", "", 9 * 60, 11 * 60), timed("b", "Bravo robots", "", 10 * 60, 12 * 60),
                      timed("c", "Charlie clôture", "", 11 * 60 + 30, 11 * 60 + 45)};
        p.days[0].items = {s};
        if (grid) p.days[0].items.push_back(timed("d", "Delta conférence", "r1", 9 * 60, 10 * 60));
        const auto laid = test::lay_out(p);
        ASSERT_TRUE(laid.out);
        const std::string text = schedule_text(laid.out->document);
        for (const char* t : {"Alphasoudure", "Bravorobots", "Charlieclôture"}) EXPECT_EQ(occurrences(text, t), 1u) << t;
        EXPECT_EQ(occurrences(text, "10h–12h"), 1u) << grid;
        EXPECT_EQ(occurrences(text, "11h30–11h45"), 1u) << grid;
        expect_nothing_drawn_over(laid.out->document);
    }
}

TEST(ScheduleOverlap, StackedItemsHaveATrackBarEach) {
    auto p = two_rooms();
    p.tracks = {{"t1", "Matériel", {}}, {"t2", "Logiciel", {}}};
    auto a = timed("a", "Alpha soudure", "r0", 9 * 60, 12 * 60);
    auto b = timed("b", "Bravo électronique", "r0", 9 * 60 + 30, 11 * 60);
    a.track = "t1";
    b.track = "t2";
    p.days[0].items = {a, b, timed("d", "Delta conférence", "r1", 9 * 60, 10 * 60)};
    const auto th = test::bundled_theme();
    const auto laid = test::lay_out_with(p, th);
    ASSERT_TRUE(laid.out);
    const auto* ra = first_run(laid.out->document, "Alpha");
    const auto* rb = first_run(laid.out->document, "Bravo");
    ASSERT_TRUE(ra && rb);
    // A thin bar of each track's colour beside its own item, not the other.
    auto bar_beside = [&](const std::string& colour, const layout::TextRun& run) {
        const auto c = th.colour(colour).rgb;
        for (const auto* page : schedule_pages(laid.out->document))
            for (const auto& r : page->rects)
                if (r.fill && r.w < 3 && std::abs(r.fill->r - c.r) < 1e-6 && std::abs(r.fill->g - c.g) < 1e-6 &&
                    std::abs(r.fill->b - c.b) < 1e-6 && r.x < run.x && r.x > run.x - 6 && r.y <= run.y && r.y + r.h >= run.y)
                    return true;
        return false;
    };
    EXPECT_TRUE(bar_beside("track-1", *ra));
    EXPECT_TRUE(bar_beside("track-2", *rb));
    EXPECT_FALSE(bar_beside("track-1", *rb));
    EXPECT_FALSE(bar_beside("track-2", *ra));
}

// Real rooms have long names ("Assembly:RCC Data Research Office: Club
// Culture and Urban Transformation Processes"): in a grid's header each
// wraps inside its own column instead of running into the next one.
TEST(ScheduleGrid, LongRoomNamesWrapInTheirColumn) {
    auto p = test::small_programme();
    p.rooms = {{"r0", "Assemblée des ateliers de soudure et de robotique pour petits et grands", {}},
               {"r1", "Amphi", {}}};
    p.days[0].items = {timed("a", "Alpha soudure", "r0", 9 * 60, 10 * 60), timed("d", "Delta conférence", "r1", 9 * 60, 10 * 60)};
    const auto laid = test::lay_out(p);
    ASSERT_TRUE(laid.out);
    const auto& doc = laid.out->document;
    expect_nothing_drawn_over(doc);
    const auto pages = schedule_pages(doc);
    ASSERT_EQ(pages.size(), 1u);
    const auto* amphi = first_run(doc, "Amphi");
    const auto* alpha = first_run(doc, "Alpha");
    ASSERT_TRUE(amphi && alpha);
    double lowest = 0;
    int lines = 0;
    for (const auto& r : pages[0]->runs) {
        if (r.text.find("Assembl") == std::string::npos && r.text.find("robotique") == std::string::npos &&
            r.text.find("grands") == std::string::npos)
            continue;
        EXPECT_LT(r.x + r.width, amphi->x - 3) << r.text << " runs into the next column";
        lowest = std::max(lowest, r.y);
        ++lines;
    }
    EXPECT_GE(lines, 2);
    EXPECT_LT(lowest, alpha->y - 10) << "the rows start below the whole header";
    EXPECT_EQ(occurrences(schedule_text(doc), squeezed("Assemblée des ateliers de soudure et de robotique pour petits et grands")), 1u);
}

// The same in a table per room, where the room's name goes into the
// header of every page the table continues on.
TEST(ScheduleGrid, ALongRoomNameWrapsInATablePerRoom) {
    auto p = test::small_programme();
    const std::string name = "Assemblée des ateliers de soudure et de robotique pour petits et grands";
    p.rooms = {{"r0", name, {}}, {"r1", "Amphi", {}}};
    p.days[0].items.push_back(timed("all", "Installation lumineuse", "r0", 9 * 60, 21 * 60));
    for (int i = 0; i < 40; ++i)
        p.days[0].items.push_back(timed("s" + std::to_string(i), "Séance éclair numéro " + std::to_string(i) + " fin", "r0",
                                        9 * 60 + 15 * i, 9 * 60 + 15 * i + 15));
    p.days[0].items.push_back(timed("d", "Delta conférence", "r1", 9 * 60, 10 * 60));
    const auto th = test::bundled_theme();
    const auto laid = test::lay_out_with(p, th);
    ASSERT_TRUE(laid.out);
    const auto& doc = laid.out->document;
    expect_nothing_drawn_over(doc);
    const auto pages = schedule_pages(doc);
    ASSERT_GE(pages.size(), 3u);  // the room's table continues over a page
    const double right = th.page.width - std::min(th.page.inner, th.page.outer);
    int continued = 0;
    for (const auto* page : pages) {
        for (const auto& r : page->runs) EXPECT_LE(r.x + r.width, right + 0.5) << r.text;
        const std::string t = squeezed(page_text(*page));
        if (t.find("(suite)") != std::string::npos && t.find(squeezed(name)) != std::string::npos) ++continued;
    }
    EXPECT_GE(continued, 1);
}

// ---- the real thing ----

// 35C3's workshop areas run items side by side in one room. Laid out
// straight from the reader (the checker is not the point here): every
// event of those rooms, and every speaker as the model has them, is in the
// schedule, and nothing is drawn over anything.
TEST(ScheduleOverlap, The35c3RoomsWithOverlapsShowEveryEvent) {
    model::Diagnostics d;
    auto p = read::read_schedule_file(BOOKLET_SOURCE_DIR "/../shared/corpus/35c3-everything.schedule.xml", d);
    ASSERT_TRUE(p);
    // The rooms where two items share time.
    std::set<std::string> rooms;
    std::size_t overlapping_items = 0;
    for (const auto& day : p->days) {
        std::map<std::string, std::vector<const model::Item*>> by_room;
        for (const auto& item : day.items)
            if (!item.room.empty() && item.time) by_room[item.room].push_back(&item);
        for (const auto& [room, items] : by_room) {
            std::vector<Interval> v;
            for (const auto* i : items) v.push_back({i->time->start.minutes, i->time->end.minutes});
            const auto flags = layout::overlapping(v);
            const auto n = static_cast<std::size_t>(std::count(flags.begin(), flags.end(), true));
            if (n) rooms.insert(room);
            overlapping_items += n;
        }
    }
    ASSERT_GE(overlapping_items, 20u);
    // Those rooms only.
    for (auto& day : p->days)
        std::erase_if(day.items, [&](const model::Item& i) { return !rooms.count(i.room); });
    const auto laid = test::lay_out(*p);
    ASSERT_TRUE(laid.out) << (laid.diags.empty() ? "" : laid.diags.items()[0].str());
    const auto& doc = laid.out->document;
    const std::string text = schedule_text(doc);
    std::size_t items = 0;
    for (const auto& day : p->days)
        for (const auto& item : day.items) {
            ++items;
            EXPECT_GE(occurrences(text, squeezed(item.title)), 1u) << item.title;
            for (const auto& s : item.speakers)
                if (const auto* person = p->person(s.id)) {
                    EXPECT_GE(occurrences(text, squeezed(person->display_name())), 1u) << person->display_name();
                }
        }
    ASSERT_GE(items, 200u);  // 15 rooms, over 300 events
    expect_nothing_drawn_over(doc);
}

}  // namespace
