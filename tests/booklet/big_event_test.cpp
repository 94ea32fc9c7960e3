// A 4-day, 90-room, 1,350-event conference (the generator the schedule
// tests use) laid out as a book of abstracts: a usable booklet, with
// nothing unreadable and every part navigable.
#include <unistd.h>

#include <filesystem>
#include <set>

#include "booklet_fixture.hpp"
#include "read/schedule_reader.hpp"
#include "run_command.hpp"

using namespace booklet;
namespace fs = std::filesystem;

namespace {

TEST(BigEvent, FourDaysNinetyRoomsAsABookOfAbstracts) {
    const fs::path file = fs::temp_directory_path() / ("booklet-big-" + std::to_string(::getpid()) + ".xml");
    const auto gen = test::run_command("/usr/bin/python3 '" BOOKLET_SOURCE_DIR
                                       "/tests/schedule/make_synthetic.py' --days 4 --rooms 90 --events 1350 > '" +
                                       file.string() + "'");
    ASSERT_EQ(gen.status, 0) << gen.err;
    model::Diagnostics d;
    const auto p = read::read_schedule_file(file.string(), d);
    fs::remove(file);
    ASSERT_TRUE(p);
    ASSERT_FALSE(d.has_errors());
    ASSERT_EQ(p->days.size(), 4u);
    ASSERT_EQ(p->rooms.size(), 90u);

    const auto th = test::bundled_theme("theme-book-of-abstracts.xml");
    const auto laid = test::lay_out_with(*p, th);
    ASSERT_TRUE(laid.out) << (laid.diags.empty() ? "" : laid.diags.items()[0].str());
    const auto& doc = laid.out->document;

    // Readable everywhere, and inside the page.
    for (std::size_t i = 1; i < doc.pages.size(); ++i)
        for (const auto& r : doc.pages[i].runs) {
            ASSERT_GE(r.size, 7.0) << "page " << i + 1 << ": " << r.text;
            ASSERT_LE(r.x + r.width, th.page.width - 10) << "page " << i + 1 << ": " << r.text;
            ASSERT_GE(r.x, 10) << "page " << i + 1 << ": " << r.text;
        }
    // No table header is left at the foot of a page without rows under it.
    const double text_bottom = th.page.height - th.page.bottom;
    for (std::size_t i = 1; i < doc.pages.size(); ++i)
        for (const auto& head : doc.pages[i].runs) {
            if (head.text != "Time") continue;
            bool rows_below = false;
            for (const auto& r : doc.pages[i].runs) rows_below = rows_below || (r.y > head.y + 5 && r.y < text_bottom);
            EXPECT_TRUE(rows_below) << "a table header stands alone at the foot of page " << i + 1;
        }
    // Bookmarks: the parts, each day, the room groups of each day, each track.
    int days = 0, rooms = 0, tracks = 0;
    std::string part;
    for (const auto& o : doc.outline) {
        if (o.level == 0) part = o.title;
        if (o.level == 1 && part.find("Schedule") == 0) ++days;
        if (o.level == 2 && part.find("Schedule") == 0) ++rooms;
        if (o.level == 1 && part == "Index of tracks") ++tracks;
    }
    EXPECT_EQ(days, 4);
    EXPECT_GE(rooms, 4 * 45);  // at most two rooms side by side on A5
    EXPECT_EQ(tracks, static_cast<int>(p->tracks.size()));
    // A book of abstracts: several to a page.
    std::set<int> abstract_pages;
    int abstracts = 0;
    for (const auto& t : p->talks())
        if (!t.item->abstract.empty()) ++abstracts;
    std::string current;
    for (const auto& o : doc.outline) {
        if (o.level == 0) current = o.title;
        else if (o.level == 1 && current == "Abstracts") abstract_pages.insert(o.page);
    }
    ASSERT_GT(abstracts, 100);
    EXPECT_LT(static_cast<int>(abstract_pages.size()), abstracts);
    EXPECT_EQ(laid.out->report.widows + laid.out->report.orphans, 0);
}

}  // namespace
