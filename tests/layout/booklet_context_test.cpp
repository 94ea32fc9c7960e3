// BookletContext: which language a text is set in, and the one warning per
// language without hyphenation patterns.
#include <gtest/gtest.h>

#include "layout/booklet/context.hpp"

using namespace booklet;
using namespace booklet::layout;

namespace {

model::Item item(std::string id, std::string lang, model::ItemKind kind = model::ItemKind::Talk) {
    model::Item i;
    i.id = std::move(id);
    i.kind = kind;
    i.lang = std::move(lang);
    i.title = "t";
    return i;
}

struct Fixture {
    model::Programme programme;
    theme::Theme theme;
    theme::Labels labels;
    FontSet fonts;
    Hyphenators hyphenators;
    ParagraphBuilder paragraphs{fonts, hyphenators};
    model::Diagnostics diags;

    Fixture() {
        programme.lang = "fr";
        programme.where = {"p.xml", 2, 1};
        model::Day day;
        model::Item session = item("s", "en", model::ItemKind::Session);
        session.children.push_back(item("in-english-session", ""));
        session.children.push_back(item("own-dutch", "nl"));
        day.items.push_back(std::move(session));
        day.items.push_back(item("french", ""));
        day.items.push_back(item("abkhaz-1", "ab"));
        day.items.back().where = {"p.xml", 30, 5};
        day.items.push_back(item("abkhaz-2", "ab-GE"));
        day.items.push_back(item("bulgarian", "bg"));
        day.items.back().where = {"p.xml", 40, 5};
        programme.days.push_back(std::move(day));
    }
    BookletContext context(const std::string& lang = "fr") {
        return BookletContext{programme, theme, labels, fonts, paragraphs, diags, lang, "."};
    }
};

TEST(BookletContext, ATalkTakesItsOwnLanguageElseItsSessionsElseTheProgrammes) {
    Fixture f;
    const BookletContext ctx = f.context();
    const auto& day = f.programme.days.at(0);
    EXPECT_EQ(ctx.text_lang(day.items[0]), "en");               // the session itself
    EXPECT_EQ(ctx.text_lang(day.items[0].children[0]), "en");   // from its session
    EXPECT_EQ(ctx.text_lang(day.items[0].children[1]), "nl");   // its own
    EXPECT_EQ(ctx.text_lang(day.items[1]), "fr");               // the programme's
    EXPECT_EQ(ctx.text_lang(day.items[2]), "ab");
}

TEST(BookletContext, OneWarningPerLanguageWithoutPatterns) {
    Fixture f;
    const BookletContext ctx = f.context();
    report_unhyphenated_languages(ctx, f.hyphenators);
    std::vector<std::string> lines;
    for (const auto& d : f.diags.sorted()) lines.push_back(d.str());
    EXPECT_EQ(lines, (std::vector<std::string>{
                         "p.xml:30:5: warning: no hyphenation patterns for Abkhazian ('ab') in /usr/share/hyphen: 2 "
                         "items are set without hyphenation",
                         "p.xml:40:5: warning: no hyphenation patterns for Bulgarian ('bg') in /usr/share/hyphen: 1 "
                         "item is set without hyphenation"}));
    // said once: the paragraphs of those items say nothing more
    EXPECT_FALSE(f.hyphenators.first_report_of_missing("ab"));
    EXPECT_FALSE(f.hyphenators.first_report_of_missing("bg-BG"));
    report_unhyphenated_languages(ctx, f.hyphenators);
    EXPECT_EQ(f.diags.warning_count(), 2u);
}

TEST(BookletContext, TheProgrammesOwnLanguageWithoutPatterns) {
    Fixture f;
    f.programme.lang = "bg";
    const BookletContext ctx = f.context("en");
    report_unhyphenated_languages(ctx, f.hyphenators);
    std::vector<std::string> lines;
    for (const auto& d : f.diags.sorted()) lines.push_back(d.str());
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0], "p.xml:2:1: warning: no hyphenation patterns for Bulgarian ('bg') in /usr/share/hyphen: the "
                        "programme's own text and 2 items are set without hyphenation");
}

}  // namespace
