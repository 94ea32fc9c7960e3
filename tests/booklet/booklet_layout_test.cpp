// The booklet laid out, without a PDF: structure, typesetting quality and
// the hard cases of the schedule.
#include <algorithm>
#include <set>

#include "booklet_fixture.hpp"
#include "layout/booklet/coverage.hpp"
#include "layout/core/font_fallback.hpp"
#include "locale/format.hpp"

using namespace booklet;
using test::page_text;

namespace {

// Every run, fill and image stays inside the page's text frame or its
// header/footer bands: nothing runs into the side margins.
void expect_inside_margins(const layout::Document& doc, const theme::Theme& th) {
    const auto& g = th.page;
    for (std::size_t i = 1; i < doc.pages.size(); ++i) {  // the cover bleeds on purpose
        const auto& page = doc.pages[i];
        const bool recto = i % 2 == 0;
        const double left = recto ? g.inner : g.outer;
        const double right = g.width - (recto ? g.outer : g.inner);
        for (const auto& r : page.runs) {
            EXPECT_GE(r.x, left - 0.5) << "page " << i + 1 << ": " << r.text;
            EXPECT_LE(r.x + r.width, right + 0.5) << "page " << i + 1 << ": " << r.text;
            EXPECT_GE(r.y, 0) << "page " << i + 1 << ": " << r.text;
            EXPECT_LE(r.y, g.height - g.bottom + 30) << "page " << i + 1 << ": " << r.text;
        }
    }
}

TEST(Booklet, SeedDayHasEveryPartInOrder) {
    const auto laid = test::lay_out(test::seed_day());
    ASSERT_TRUE(laid.out) << (laid.diags.empty() ? "" : laid.diags.items()[0].str());
    const auto& doc = laid.out->document;
    ASSERT_GE(doc.pages.size(), 14u);
    EXPECT_NE(page_text(doc.pages[0]).find("médico-social"), std::string::npos);
    EXPECT_NE(page_text(doc.pages[0]).find("Mardi 28 janvier 2020"), std::string::npos);
    EXPECT_NE(page_text(doc.pages[0]).find("9 h 30 – 17 h"), std::string::npos) << page_text(doc.pages[0]);
    std::vector<std::string> top;
    for (const auto& o : doc.outline)
        if (o.level == 0) top.push_back(o.title);
    EXPECT_EQ(top, (std::vector<std::string>{"Quel impact de la transformation numérique dans le champ du médico-social ?",
                                             "Présentation", "Sommaire", "Programme de la journée", "Résumés",
                                             "Index des intervenants", "Quatrième de couverture"}));
}

TEST(Booklet, EveryAbstractStartsAPageThatHoldsItsTitle) {
    const auto p = test::seed_day();
    const auto laid = test::lay_out(p);
    ASSERT_TRUE(laid.out);
    const auto& doc = laid.out->document;
    std::set<int> pages;
    for (const auto& t : p.talks()) {
        auto it = std::find_if(doc.outline.begin(), doc.outline.end(),
                               [&](const auto& o) { return o.level == 1 && o.title == t.item->title; });
        ASSERT_NE(it, doc.outline.end()) << t.item->title;
        const std::string first_word = t.item->title.substr(0, t.item->title.find(' '));
        EXPECT_NE(page_text(doc.pages[static_cast<std::size_t>(it->page)]).find(first_word), std::string::npos);
        EXPECT_TRUE(pages.insert(it->page).second) << "two abstracts share page " << it->page + 1;
    }
}

TEST(Booklet, ScheduleLinksPointAtTheAbstractPages) {
    const auto p = test::seed_day();
    const auto laid = test::lay_out(p);
    ASSERT_TRUE(laid.out);
    const auto& doc = laid.out->document;
    int links = 0;
    for (std::size_t i = 0; i < doc.pages.size(); ++i) {
        const std::string text = page_text(doc.pages[i]);
        if (text.find("Horaire") == std::string::npos) continue;  // schedule pages only
        for (const auto& l : doc.pages[i].links) {
            if (l.target_page < 0) continue;
            ++links;
            // The "p. N" run drawn at the link is the target's folio.
            const std::string folio = std::to_string(l.target_page + 1);
            bool found = false;
            for (const auto& r : doc.pages[i].runs)
                if (r.x >= l.x - 0.5 && r.x + r.width <= l.x + l.w + 0.5 && std::abs(r.y - (l.y + 8.6)) < 6 &&
                    r.text.find(folio) != std::string::npos)
                    found = true;
            EXPECT_TRUE(found) << "link to page " << folio << " on page " << i + 1;
        }
    }
    EXPECT_EQ(links, 7);  // one per talk with an abstract
}

TEST(Booklet, TypesettingQualityOfTheSeedDay) {
    const auto laid = test::lay_out(test::seed_day());
    ASSERT_TRUE(laid.out);
    const auto& r = laid.out->report;
    EXPECT_GT(r.justified_lines, 150u);
    EXPECT_EQ(r.widows, 0);
    EXPECT_EQ(r.orphans, 0);
    EXPECT_EQ(r.hyphenated_page_ends, 0);
    EXPECT_EQ(r.broken_keeps, 0);
    EXPECT_TRUE(r.overfull.empty());
    EXPECT_LE(r.max_consecutive_hyphens, 2);
    EXPECT_LT(r.max_abs_ratio, 2.0);
    EXPECT_EQ(r.emergency_paragraphs, 0u);
    expect_inside_margins(laid.out->document, test::bundled_theme());
}

TEST(Booklet, NoPageEndsInAHyphen) {
    const auto laid = test::lay_out(test::seed_day());
    ASSERT_TRUE(laid.out);
    for (std::size_t i = 0; i < laid.out->document.pages.size(); ++i) {
        const auto& runs = laid.out->document.pages[i].runs;
        // The last text line above the folio: the runs with the largest y
        // below the frame's bottom.
        double last_y = 0;
        for (const auto& r : runs)
            if (r.y < 595.28 - 19 * 72 / 25.4) last_y = std::max(last_y, r.y);
        for (const auto& r : runs)
            if (r.y == last_y) {
                EXPECT_NE(r.text.back(), '-') << "page " << i + 1 << " ends with " << r.text;
            }
    }
}

TEST(Booklet, ScheduleOfThreePagesRepeatsItsHeader) {
    auto p = test::small_programme();
    model::Item session;
    session.kind = model::ItemKind::Workshop;
    session.id = "s1";
    session.title = "Un atelier très long";
    session.time = model::TimeRange{{9 * 60}, {18 * 60}};
    for (int i = 0; i < 45; ++i)
        session.children.push_back(test::talk("t" + std::to_string(i),
                                              "Communication numéro " + std::to_string(i) +
                                                  " sur la transformation numérique des établissements médico-sociaux",
                                              "a"));
    p.days[0].items = {session};
    const auto laid = test::lay_out(p);
    ASSERT_TRUE(laid.out);
    const auto& doc = laid.out->document;
    int schedule_pages = 0, continued = 0;
    for (const auto& page : doc.pages) {
        const std::string t = page_text(page);
        if (t.find("Horaire") == std::string::npos) continue;
        ++schedule_pages;
        if (t.find("(suite)") != std::string::npos) ++continued;
    }
    EXPECT_GE(schedule_pages, 3);
    EXPECT_EQ(continued, schedule_pages - 1);
    // Every talk's title is in the schedule, once.
    std::string all;
    for (const auto& page : doc.pages)
        if (page_text(page).find("Horaire") != std::string::npos) all += page_text(page);
    for (int i = 0; i < 45; ++i) EXPECT_NE(all.find("numéro " + std::to_string(i) + " "), std::string::npos) << i;
    expect_inside_margins(doc, test::bundled_theme());
}

TEST(Booklet, ARowTallerThanAPageSplitsBetweenLines) {
    auto p = test::small_programme();
    auto t = test::talk("big", "Une table ronde avec beaucoup d’invités", "a");
    t.kind = model::ItemKind::RoundTable;
    t.time = model::TimeRange{{9 * 60}, {12 * 60}};
    t.speakers.clear();
    for (int i = 0; i < 70; ++i) {
        p.people.push_back(test::person("g" + std::to_string(i), "Invité", "Numéro" + std::to_string(i)));
        t.speakers.push_back({"g" + std::to_string(i), {}});
    }
    p.days[0].items = {t};
    const auto laid = test::lay_out(p);
    ASSERT_TRUE(laid.out);
    const auto& doc = laid.out->document;
    std::string all;
    int pages = 0;
    for (const auto& page : doc.pages)
        if (page_text(page).find("Horaire") != std::string::npos) {
            all += page_text(page);
            ++pages;
        }
    EXPECT_GE(pages, 2);
    std::size_t at = 0;
    for (int i = 0; i < 70; ++i) {  // every guest, in order
        const auto next = all.find("Numéro" + std::to_string(i) + " ", at);
        ASSERT_NE(next, std::string::npos) << i;
        at = next;
    }
    expect_inside_margins(doc, test::bundled_theme());
}

TEST(Booklet, ACharacterNoFontHasIsDrawnAsABoxWithAWarning) {
    auto p = test::small_programme();
    // 中文 comes from the fallback chain (Droid Sans Fallback); the emoji,
    // beyond the BMP, cannot be drawn: a box and a warning.
    auto t = test::talk("t1", "Atelier franco-chinois 中文 \U0001F600", "a");
    t.where = {"p.xml", 12, 7};
    t.time = model::TimeRange{{9 * 60}, {10 * 60}};
    p.days[0].items = {t};
    const auto laid = test::lay_out(p);
    ASSERT_TRUE(laid.out.has_value());
    EXPECT_EQ(laid.diags.error_count(), 0u);
    bool emoji = false;
    for (const auto& d : laid.diags.items()) {
        EXPECT_EQ(d.str().find("U+4E2D"), std::string::npos) << d.str();
        if (d.severity == model::Severity::Warning && d.str().find("'\U0001F600' (U+1F600 GRINNING FACE)") != std::string::npos)
            emoji = true;
    }
    EXPECT_TRUE(emoji);
    bool droid = false;
    for (const auto& f : laid.out->document.fonts) droid = droid || f.path.find("DroidSansFallback") != std::string::npos;
    EXPECT_TRUE(droid);
    std::size_t boxes = 0, cjk = 0;
    for (const auto& page : laid.out->document.pages) {
        for (const auto& r : page.rects) boxes += r.stroke && !r.fill;
        for (const auto& r : page.runs) cjk += r.text.find("中文") != std::string::npos;
    }
    EXPECT_GE(boxes, 1u);
    EXPECT_GE(cjk, 1u);
}

TEST(Booklet, TheSeedDayLoadsNoFallbackFont) {
    const auto p = test::seed_day();
    const auto th = test::bundled_theme("theme.xml");
    model::Diagnostics diags;
    auto fonts = layout::load_theme_fonts(th, diags);
    ASSERT_TRUE(fonts);
    const auto labels = test::bundled_labels(p.lang);
    layout::Hyphenators hyphenators;
    layout::BookletInput in{p, th, labels, p.lang, BOOKLET_SOURCE_DIR "/input", 1577836800, 1, false, {}};
    ASSERT_TRUE(layout::lay_out_booklet(in, *fonts, hyphenators, diags));
    EXPECT_EQ(fonts->fallback_files_read(), 0u);
    EXPECT_TRUE(layout::check_font_coverage(p, *fonts, false, diags).empty());
    EXPECT_EQ(fonts->fallback_files_read(), 0u);
}

TEST(Booklet, TheCoveragePassReportsWhereTheTextWasWritten) {
    auto p = test::small_programme();
    auto t = test::talk("t1", "Fête \u2665 \U0001F600", "a");
    t.where = {"p.xml", 12, 7};
    t.time = model::TimeRange{{9 * 60}, {10 * 60}};
    p.days[0].items = {t};
    p.people.push_back(test::person("b", "Yingqi", "\u80e1\u73ae\u6587 \U0001F5A8"));
    p.people.back().where = {"p.xml", 30, 5};
    const auto th = test::bundled_theme("theme.xml");
    model::Diagnostics diags;
    auto fonts = layout::load_theme_fonts(th, diags);
    ASSERT_TRUE(fonts);
    const auto reported = layout::check_font_coverage(p, *fonts, false, diags);
    // people come before the items (model::for_each_text)
    EXPECT_EQ(reported, (std::vector<char32_t>{0x1F5A8, 0x1F600}));
    ASSERT_EQ(diags.items().size(), 2u);
    EXPECT_EQ(diags.items()[0].str(),
              "p.xml:30:5: warning: family name of person 'b': " + layout::missing_glyph_message(0x1F5A8));
    EXPECT_EQ(diags.items()[1].str(), "p.xml:12:7: warning: title of talk 't1': " + layout::missing_glyph_message(0x1F600));
    model::Diagnostics strict;
    layout::check_font_coverage(p, *fonts, true, strict);
    EXPECT_EQ(strict.error_count(), 2u);
}

TEST(Booklet, BookOfAbstractsSharesPages) {
    const auto p = test::seed_day();
    const auto one = test::lay_out(p, "theme.xml");
    const auto many = test::lay_out(p, "theme-book-of-abstracts.xml");
    ASSERT_TRUE(one.out && many.out);
    EXPECT_LT(many.out->document.pages.size(), one.out->document.pages.size());
}

TEST(Booklet, A4Theme) {
    const auto laid = test::lay_out(test::seed_day(), "theme-a4.xml");
    ASSERT_TRUE(laid.out);
    EXPECT_NEAR(laid.out->document.pages[0].width, 595.28, 0.01);
    EXPECT_NEAR(laid.out->document.pages[0].height, 841.89, 0.01);
}

TEST(Booklet, ManyParallelRoomsAreGroupedInReadableColumns) {
    auto p = test::small_programme();
    for (int r = 0; r < 6; ++r) {
        p.rooms.push_back({"r" + std::to_string(r), "Salle " + std::to_string(r), {}});
        auto t = test::talk("t" + std::to_string(r), "Exposé en parallèle numéro " + std::to_string(r), "a");
        t.room = "r" + std::to_string(r);
        t.time = model::TimeRange{{9 * 60}, {10 * 60}};
        p.days[0].items.push_back(t);
    }
    const auto laid = test::lay_out(p);
    ASSERT_TRUE(laid.out);
    // A5 holds two readable room columns beside the time: three groups.
    std::vector<std::string> groups;
    for (const auto& o : laid.out->document.outline)
        if (o.level == 2) groups.push_back(o.title);
    EXPECT_EQ(groups, (std::vector<std::string>{"Salle 0 et Salle 1", "Salle 2 et Salle 3", "Salle 4 et Salle 5"}));
    for (const auto& page : laid.out->document.pages)
        for (const auto& r : page.runs) EXPECT_GE(r.size, 7.0) << r.text;  // never unreadable
    expect_inside_margins(laid.out->document, test::bundled_theme());
}

TEST(Booklet, AGridRowTallerThanAPageBecomesATablePerRoom) {
    auto p = test::small_programme();
    for (int r = 0; r < 2; ++r) {
        p.rooms.push_back({"r" + std::to_string(r), "Salle " + std::to_string(r), {}});
        model::Item s;
        s.kind = model::ItemKind::Session;
        s.id = "s" + std::to_string(r);
        s.title = "Session parallèle " + std::to_string(r);
        s.room = "r" + std::to_string(r);
        s.time = model::TimeRange{{9 * 60}, {18 * 60}};
        for (int i = 0; i < (r == 0 ? 40 : 2); ++i)
            s.children.push_back(test::talk("t" + std::to_string(r) + "-" + std::to_string(i),
                                            "Communication " + std::to_string(i) + " de la session " + std::to_string(r), "a"));
        p.days[0].items.push_back(s);
    }
    const auto laid = test::lay_out(p);
    ASSERT_TRUE(laid.out);
    std::vector<std::string> level2;
    for (const auto& o : laid.out->document.outline)
        if (o.level == 2 && o.title.rfind("Salle", 0) == 0) level2.push_back(o.title);
    EXPECT_EQ(level2, (std::vector<std::string>{"Salle 0", "Salle 1"}));
    expect_inside_margins(laid.out->document, test::bundled_theme());
}

TEST(Booklet, TwoParallelRoomsShareATable) {
    model::Diagnostics d;
    auto p = read::read_programme_file(BOOKLET_SOURCE_DIR "/input/techconf-2021.xml", d);
    ASSERT_TRUE(p);
    const auto laid = test::lay_out(*p);
    ASSERT_TRUE(laid.out);
    bool grid = false;
    for (const auto& page : laid.out->document.pages) {
        const std::string t = page_text(page);
        grid = grid || (t.find("Thames Hall") != std::string::npos && t.find("Lambeth Room") != std::string::npos &&
                        t.find("Time") != std::string::npos);
    }
    EXPECT_TRUE(grid);
    EXPECT_NE(page_text(laid.out->document.pages[0]).find("Monday 14 June 2021"), std::string::npos);
    expect_inside_margins(laid.out->document, test::bundled_theme());
}

TEST(Booklet, IndexIsInFrenchAlphabeticalOrder) {
    const auto laid = test::lay_out(test::seed_day());
    ASSERT_TRUE(laid.out);
    std::string t;
    for (const auto& page : laid.out->document.pages)
        if (page_text(page).find("Index des intervenants") != std::string::npos &&
            page_text(page).find("Bensaid") != std::string::npos)
            t = page_text(page);
    ASSERT_FALSE(t.empty());
    std::vector<std::string> order = {"Bensaid", "Beucher", "Castel", "Deltour", "Dondeyne", "Dubruc", "Dussuet",
                                      "Jaujard", "Jullien", "Lenesley", "Maurel", "Metailler", "Nirello",
                                      "Razat-Lafferrairie", "Welty"};
    std::size_t at = 0;
    for (const auto& name : order) {
        const auto next = t.find(name, at);
        ASSERT_NE(next, std::string::npos) << name;
        at = next;
    }
}

}  // namespace

namespace {

}  // namespace

namespace {

TEST(Booklet, TracksGetAnIndexAndTheirColour) {
    model::Diagnostics d;
    auto p = read::read_programme_file(BOOKLET_SOURCE_DIR "/input/techconf-2021.xml", d);
    ASSERT_TRUE(p);
    const auto laid = test::lay_out(*p);
    ASSERT_TRUE(laid.out);
    const auto& doc = laid.out->document;
    std::vector<std::string> level1_after_index;
    bool in_tracks = false;
    for (const auto& o : doc.outline) {
        if (o.level == 0) in_tracks = o.title == "Index of tracks";
        else if (in_tracks && o.level == 1) level1_after_index.push_back(o.title);
    }
    EXPECT_EQ(level1_after_index, (std::vector<std::string>{"Standards and formats", "Tools and practice"}));
    // The schedule marks each talk of a track with the track's colour.
    const auto th = test::bundled_theme();
    const auto first = th.colour("track-1").rgb;
    int marks = 0;
    for (const auto& page : doc.pages)
        for (const auto& r : page.rects)
            if (r.fill && std::abs(r.fill->r - first.r) < 1e-6 && std::abs(r.fill->g - first.g) < 1e-6 && r.w < 3) ++marks;
    EXPECT_GT(marks, 3);
}

}  // namespace

namespace {

TEST(Booklet, LogosKeepTheirProportions) {
    model::Diagnostics d;
    auto p = read::read_programme_file(BOOKLET_SOURCE_DIR "/input/techconf-2021.xml", d);
    ASSERT_TRUE(p);
    const auto laid = test::lay_out(*p);
    ASSERT_TRUE(laid.out);
    const auto& images = laid.out->document.pages[0].images;
    ASSERT_EQ(images.size(), 2u);
    EXPECT_NEAR(images[0].w / images[0].h, 240.0 / 120.0, 1e-9);
    EXPECT_NEAR(images[1].w / images[1].h, 160.0 / 100.0, 1e-9);
    EXPECT_NEAR(images[0].h, 14 * 72 / 25.4, 1e-9);  // 14 mm high
}

}  // namespace

namespace {

TEST(Booklet, PartsOpenOnRightHandPagesWhenTheThemeAsks) {
    auto th = test::bundled_theme();
    th.parts_open_on_right = true;
    const auto laid = test::lay_out_with(test::seed_day(), th, 4);
    ASSERT_TRUE(laid.out);
    const auto* out = &*laid.out;
    const auto& doc = out->document;
    EXPECT_EQ(doc.pages.size() % 4, 0u);
    for (const auto& o : doc.outline) {
        if (o.level == 0 && o.title != "Sommaire" && o.title != "Quatrième de couverture") {
            EXPECT_EQ(o.page % 2, 0) << o.title << " opens on page " << o.page + 1;  // odd folio: right-hand
        }
    }
    // The pages added to get there are blank: no text, no running head.
    int blank = 0;
    for (const auto& page : doc.pages) blank += page.runs.empty() && page.rects.empty();
    EXPECT_GE(blank, 1);
}

TEST(Booklet, PrintPaddingPutsBlankPagesBeforeTheBackCover) {
    const auto laid = test::lay_out_with(test::seed_day(), test::bundled_theme(), 4);
    ASSERT_TRUE(laid.out);
    const auto* out = &*laid.out;
    const auto& pages = out->document.pages;
    ASSERT_EQ(pages.size() % 4, 0u);
    EXPECT_NE(test::page_text(pages.back()).find("Comité d’organisation"), std::string::npos);  // the back cover
    EXPECT_TRUE(pages[pages.size() - 2].runs.empty());  // a blank page before it
}

}  // namespace

// A multi-day event's cover: "Thursday 27 December 2018 – Sunday 30 December
// 2018" is wider than the A5 type area; it breaks after the dash, and no
// glyph of the cover runs past the margins.
TEST(Booklet, ACoverDateRangeStaysInsideTheTypeArea) {
    auto p = booklet::test::seed_day();
    p.lang = "en";
    auto second = p.days.front();
    p.days.front().date = booklet::model::Date{2018, 12, 27};
    second.date = booklet::model::Date{2018, 12, 30};
    for (auto& item : second.items) item.id += "-d4";
    for (auto& item : second.items)
        for (auto& child : item.children) child.id += "-d4";
    p.days.push_back(second);
    const auto th = booklet::test::bundled_theme();
    const auto r = booklet::test::lay_out_with(p, th);
    ASSERT_TRUE(r.out);
    const auto& cover = r.out->document.pages.front();
    const double right = cover.width - std::min(th.page.inner, th.page.outer);
    bool saw_first = false, saw_last = false;
    for (const auto& run : cover.runs) {
        EXPECT_LE(run.x + run.width, right + 0.01) << run.text;
        if (run.text.find("Thursday") != std::string::npos) saw_first = true;
        if (run.text.find("Sunday") != std::string::npos) saw_last = true;
    }
    EXPECT_TRUE(saw_first);
    EXPECT_TRUE(saw_last);
}

namespace {

// Code: a block's lines in the mono face exactly as written (spaces kept,
// never joined, never hyphenated); a line too long for the measure breaks
// at the measure with a continuation mark; inline code in the mono face.
TEST(Booklet, CodeBlocksKeepTheirLinesInTheMonoFace) {
    auto p = test::small_programme();
    p.lang = "en";
    auto t = test::talk("t1", "Code", "a");
    t.time = model::TimeRange{{9 * 60}, {10 * 60}};
    model::Block code;
    code.kind = model::Block::Kind::Code;
    const std::string long_line = "echo " + std::string(150, 'x') + " done";
    std::string prose;
    for (int i = 0; i < 40; ++i) prose += i ? " word" : "word";
    code.lines = {"for f in *; do", "    wc  -l \"$f\"   # two  spaces", "", "done", long_line, prose};
    model::Block para;
    para.inlines = {{"Run ", false, false, ""}, {"internationalisation", false, false, "", true}};
    t.abstract.blocks = {para, code};
    p.days[0].items = {t};
    const auto th = test::bundled_theme();
    const auto laid = test::lay_out_with(p, th);
    ASSERT_TRUE(laid.out.has_value());
    const auto& doc = laid.out->document;
    int mono = -1;
    for (std::size_t i = 0; i < doc.fonts.size(); ++i)
        if (doc.fonts[i].name == "mono-regular") mono = static_cast<int>(i);
    ASSERT_GE(mono, 0) << "no mono face loaded";
    EXPECT_NE(doc.fonts[static_cast<std::size_t>(mono)].path.find("Mono"), std::string::npos);
    std::vector<const layout::TextRun*> runs;
    for (const auto& page : doc.pages)
        for (const auto& r : page.runs)
            if (r.font == mono) runs.push_back(&r);
    std::vector<std::string> texts;
    for (const auto* r : runs) texts.push_back(r->text);
    // Inline code: one unhyphenated word in the mono face.
    ASSERT_FALSE(texts.empty());
    EXPECT_EQ(texts[0], "internationalisation");
    // The block: one run per line (the blank line has none), in order.
    ASSERT_GE(texts.size(), 7u);
    EXPECT_EQ(texts[1], "for f in *; do");
    EXPECT_EQ(texts[2], "    wc  -l \"$f\"   # two  spaces");
    EXPECT_EQ(texts[3], "done");
    EXPECT_EQ(runs[1]->x, runs[2]->x);  // leading spaces are text, not indent
    EXPECT_GT(runs[2]->y, runs[1]->y);
    EXPECT_GT(runs[3]->y - runs[2]->y, 1.5 * (runs[2]->y - runs[1]->y));  // the blank line keeps its height
    EXPECT_DOUBLE_EQ(runs[1]->size, th.sizes.body * 0.85);
    // The long line: broken at the measure, the rest after a continuation
    // mark, every character kept, nothing beyond the text frame.
    std::string rebuilt;
    bool mark = false;
    std::size_t i = 4;
    for (; i < runs.size() && rebuilt.size() < long_line.size(); ++i) {
        if (runs[i]->text == "\u21AA") {
            mark = true;
            continue;
        }
        rebuilt += runs[i]->text;
    }
    EXPECT_TRUE(mark);
    EXPECT_EQ(rebuilt, long_line);
    // Prose in a code block breaks after a space: no word is cut.
    std::string prose_back;
    int prose_lines = 0;
    for (; i < runs.size(); ++i) {
        if (runs[i]->text == "\u21AA") continue;
        ++prose_lines;
        prose_back += runs[i]->text;
        std::string t = runs[i]->text;
        while (!t.empty() && t.back() == ' ') t.pop_back();
        for (std::size_t at = 0; at < t.size(); at += 5) EXPECT_EQ(t.substr(at, 4), "word") << runs[i]->text;
    }
    EXPECT_EQ(prose_back, prose);
    EXPECT_GE(prose_lines, 2);
    EXPECT_GT(runs.size(), 6u);
    expect_inside_margins(doc, th);
    for (const auto& d : laid.diags.items()) EXPECT_NE(d.severity, model::Severity::Error) << d.str();
}

}  // namespace
