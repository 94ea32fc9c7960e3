#pragma once
// Shared set-up for the booklet tests: the bundled theme, labels and fonts,
// and programmes built in code.
#include <gtest/gtest.h>

#include <string>

#include "layout/booklet/booklet.hpp"
#include "read/programme_reader.hpp"
#include "read/theme_reader.hpp"

namespace booklet::test {

inline theme::Theme bundled_theme(const std::string& name = "theme.xml") {
    model::Diagnostics d;
    read::ThemeReadOptions o;
    o.bundled_fonts_dir = BOOKLET_SOURCE_DIR "/fonts";
    auto t = read::read_theme_file(std::string(BOOKLET_SOURCE_DIR "/templates/") + name, o, d);
    EXPECT_TRUE(t.has_value());
    return t ? *t : theme::Theme{};
}

inline theme::Labels bundled_labels(const std::string& lang) {
    model::Diagnostics d;
    auto l = read::read_labels_file(std::string(BOOKLET_SOURCE_DIR "/templates/labels/") + lang + ".xml", d);
    EXPECT_TRUE(l.has_value());
    return l ? *l : theme::Labels{};
}

inline model::Programme seed_day() {
    model::Diagnostics d;
    auto p = read::read_programme_file(BOOKLET_SOURCE_DIR "/input/medico-social-2020.xml", d);
    EXPECT_TRUE(p.has_value());
    return p ? *p : model::Programme{};
}

struct Laid {
    std::optional<layout::BookletOutput> out;
    model::Diagnostics diags;
};

// Lays out `p` with `th` (and its fonts), French or English labels, the
// given page multiple (4 for print).
inline Laid lay_out_with(const model::Programme& p, const theme::Theme& th, int page_multiple = 1) {
    const auto labels = bundled_labels(p.lang);
    Laid r;
    auto fonts = layout::load_theme_fonts(th, r.diags);
    EXPECT_TRUE(fonts.has_value());
    if (!fonts) return r;
    layout::Hyphenators hyphenators;
    layout::BookletInput in{p, th, labels, p.lang, BOOKLET_SOURCE_DIR "/input", 1577836800, 1, false, {}};
    in.page_multiple = page_multiple;
    r.out = layout::lay_out_booklet(in, *fonts, hyphenators, r.diags);
    return r;
}

inline Laid lay_out(const model::Programme& p, const std::string& theme_file = "theme.xml") {
    return lay_out_with(p, bundled_theme(theme_file));
}

// The words of a page in drawing order, joined by spaces.
inline std::string page_text(const layout::Page& page) {
    std::string s;
    for (const auto& r : page.runs) s += r.text + " ";
    return s;
}

// A person and a talk, for programmes built in code.
inline model::Person person(const std::string& id, const std::string& given, const std::string& family) {
    model::Person p;
    p.id = id;
    p.given = given;
    p.family = family;
    p.affiliations = {"Université de Nantes"};
    return p;
}

inline model::Item talk(const std::string& id, const std::string& title, const std::string& speaker) {
    model::Item t;
    t.kind = model::ItemKind::Talk;
    t.id = id;
    t.title = title;
    t.speakers = {{speaker, {}}};
    model::Block b;
    b.inlines = {{"Un résumé court mais réel, qui dit de quoi il retourne et pourquoi cela compte.", false, false, ""}};
    t.abstract.blocks = {b};
    return t;
}

inline model::Programme small_programme() {
    model::Programme p;
    p.id = "test";
    p.lang = "fr";
    p.timezone = "Europe/Paris";
    p.title = "Journée d’essai";
    p.venue.name = "Salle polyvalente";
    p.people = {person("a", "Anne", "Martin")};
    model::Day d;
    d.date = {2020, 1, 28};
    p.days = {d};
    return p;
}

}  // namespace booklet::test
