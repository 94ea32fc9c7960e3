// Dates, hours, name lists and index order in French, English and any
// other language ICU knows.
#include <gtest/gtest.h>

#include "locale/format.hpp"

using namespace booklet;

namespace {

model::Person person(const std::string& id, const std::string& given, const std::string& family) {
    model::Person p;
    p.id = id;
    p.given = given;
    p.family = family;
    return p;
}

TEST(Format, IndexSortsAccentsAsADictionaryDoes) {
    std::vector<model::Person> people = {person("1", "Zoé", "Zola"),    person("2", "Paul", "Émile"),
                                         person("3", "Paul", "Eluard"), person("4", "Jean", "Dupont"),
                                         person("5", "Ana", "Œhler"),   person("6", "Luis", "Oeste"),
                                         person("7", "Marc", "de la Tour"), person("8", "Anne", "Dupont")};
    std::vector<const model::Person*> ptrs;
    for (const auto& p : people) ptrs.push_back(&p);
    locale::sort_for_index(ptrs, "fr");
    std::vector<std::string> names;
    for (const auto* p : ptrs) names.push_back(p->given + " " + p->family);
    EXPECT_EQ(names, (std::vector<std::string>{"Marc de la Tour", "Anne Dupont", "Jean Dupont", "Paul Eluard",
                                               "Paul Émile", "Ana Œhler", "Luis Oeste", "Zoé Zola"}));
}

TEST(Format, DatesAndHoursInBothLanguages) {
    EXPECT_EQ(locale::long_date({2020, 1, 28}, "fr"), "mardi 28 janvier 2020");
    EXPECT_EQ(locale::long_date({2020, 1, 28}, "en"), "Tuesday 28 January 2020");
    const model::TimeRange day{{9 * 60 + 30}, {17 * 60}};
    EXPECT_EQ(locale::hours(day, "fr"), "9\u00A0h\u00A030 – 17\u00A0h");
    EXPECT_EQ(locale::hours(day, "en"), "9:30\u00A0am – 5\u00A0pm");
    EXPECT_EQ(locale::clock({12 * 60 + 5}, "en"), "12:05\u00A0pm");
    EXPECT_EQ(locale::clock({0}, "en"), "12\u00A0am");
    EXPECT_EQ(locale::clock({9 * 60 + 5}, "fr"), "9\u00A0h\u00A005");
}


TEST(Format, ASundayInAugustAndMidnight) {
    EXPECT_EQ(locale::long_date({2021, 8, 1}, "fr"), "dimanche 1 août 2021");
    EXPECT_EQ(locale::clock({17 * 60}, "fr"), "17\u00A0h");
    EXPECT_EQ(locale::clock({17 * 60}, "en"), "5\u00A0pm");
    EXPECT_EQ(locale::clock({12 * 60}, "en"), "12\u00A0pm");
    EXPECT_EQ(locale::clock({15}, "en"), "12:15\u00A0am");
}

TEST(Format, DatesInAnyLanguageIcuKnows) {
    EXPECT_EQ(locale::long_date({2024, 12, 27}, "de"), "Freitag, 27. Dezember 2024");
    EXPECT_EQ(locale::long_date({2024, 12, 27}, "de-CH"), "Freitag, 27. Dezember 2024");
    EXPECT_EQ(locale::long_date({2024, 12, 27}, "nl"), "vrijdag 27 december 2024");
    EXPECT_EQ(locale::long_date({2024, 12, 27}, "es"), "viernes, 27 de diciembre de 2024");
    EXPECT_EQ(locale::long_date({2024, 12, 27}, "fr-CA"), "vendredi 27 décembre 2024");
    EXPECT_EQ(locale::long_date({2024, 12, 27}, "en-US"), "Friday, December 27, 2024");
    EXPECT_EQ(locale::long_date({2024, 12, 27}, "en-GB"), "Friday, 27 December 2024");
    // French and English stay as they were: France and Britain
    EXPECT_EQ(locale::long_date({2024, 12, 27}, "fr"), "vendredi 27 décembre 2024");
    EXPECT_EQ(locale::long_date({2024, 12, 27}, "en"), "Friday 27 December 2024");
}

TEST(Format, HoursInOtherLanguages) {
    const model::TimeRange morning{{9 * 60 + 30}, {17 * 60}};
    EXPECT_EQ(locale::hours(morning, "de"), "09:30 – 17:00");
    EXPECT_EQ(locale::hours(morning, "nl"), "09:30 – 17:00");
    EXPECT_EQ(locale::hours(morning, "fr-CA"), "9\u00A0h\u00A030 – 17\u00A0h");
    EXPECT_EQ(locale::clock({13 * 60 + 5}, "en-US"), "1:05\u00A0pm");
    // a language's own separators, never a breakable space
    for (const char* lang : {"de", "nl", "es", "da", "fi", "ko"}) {
        const std::string c = locale::clock({21 * 60 + 45}, lang);
        EXPECT_EQ(c.find(' '), std::string::npos) << lang << ": " << c;
        EXPECT_NE(c.find("45"), std::string::npos) << lang << ": " << c;
    }
}

TEST(Format, IndexSortsByTheBookletsLanguage) {
    std::vector<model::Person> people = {person("1", "Anna", "Zander"), person("2", "Björn", "Åberg"),
                                         person("3", "Eva", "Ärlig"), person("4", "Olle", "Adler")};
    auto order = [&](const char* lang) {
        std::vector<const model::Person*> ptrs;
        for (const auto& p : people) ptrs.push_back(&p);
        locale::sort_for_index(ptrs, lang);
        std::vector<std::string> names;
        for (const auto* p : ptrs) names.push_back(p->family);
        return names;
    };
    // German: Å and Ä are A with an accent
    EXPECT_EQ(order("de"), (std::vector<std::string>{"Åberg", "Adler", "Ärlig", "Zander"}));
    // Swedish: Å and Ä are letters after Z
    EXPECT_EQ(order("sv"), (std::vector<std::string>{"Adler", "Zander", "Åberg", "Ärlig"}));
}

TEST(Format, JoinNames) {
    EXPECT_EQ(locale::join_names({"A"}, "et"), "A");
    EXPECT_EQ(locale::join_names({"A", "B"}, "et"), "A et B");
    EXPECT_EQ(locale::join_names({"A", "B", "C"}, "and"), "A, B and C");
}

}  // namespace
