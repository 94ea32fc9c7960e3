#include <gtest/gtest.h>

#include "layout/core/french_spacing.hpp"

using booklet::layout::apply_french_spacing;

namespace {
// Visible stand-ins to keep the expectations readable.
std::string v(std::string s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s.compare(i, 3, "\u202F") == 0) {
            out += "_";
            i += 2;
        } else if (s.compare(i, 2, "\u00A0") == 0) {
            out += "~";
            i += 1;
        } else {
            out += s[i];
        }
    }
    return out;
}
std::string fs(const std::string& s) { return v(apply_french_spacing(s)); }
}  // namespace

TEST(FrenchSpacing, IsForFrenchTagsOnly) {
    for (const char* t : {"fr", "fr-CA", "fr-BE", "FR", "fr_CH", "fr-Latn-FR"}) EXPECT_TRUE(booklet::layout::is_french(t)) << t;
    for (const char* t : {"", "f", "en", "de", "fry", "frr", "frc", "en-FR", "nl-BE"}) EXPECT_FALSE(booklet::layout::is_french(t)) << t;
}

TEST(FrenchSpacing, AddsNarrowSpacesInsideGuillemets) {
    EXPECT_EQ(fs("«texte»"), "«_texte_»");
    EXPECT_EQ(fs("« texte »"), "«_texte_»");
    EXPECT_EQ(fs("«\u00A0texte\u00A0»"), "«_texte_»");
    EXPECT_EQ(fs("il dit «  oui  » puis"), "il dit «_oui_» puis");
    EXPECT_EQ(fs("‹texte›"), "‹_texte_›");
}

TEST(FrenchSpacing, NarrowSpaceBeforeHighPunctuation) {
    EXPECT_EQ(fs("Pourquoi ? Parce que ! Ainsi ; voilà."), "Pourquoi_? Parce que_! Ainsi_; voilà.");
    EXPECT_EQ(fs("Pourquoi? Parce que! Ainsi; voilà."), "Pourquoi_? Parce que_! Ainsi_; voilà.");
    EXPECT_EQ(fs("Vraiment?!"), "Vraiment_?!");
    EXPECT_EQ(fs("Vraiment !?"), "Vraiment_!?");
    EXPECT_EQ(fs("« Quoi ? »"), "«_Quoi_?_»");
    EXPECT_EQ(fs("(voir plus haut)!"), "(voir plus haut)_!");
    EXPECT_EQ(fs("Quoi?"), "Quoi_?");  // at the end
}

TEST(FrenchSpacing, NoBreakSpaceBeforeColon) {
    EXPECT_EQ(fs("Remarque : le texte"), "Remarque~: le texte");
    EXPECT_EQ(fs("Remarque: le texte"), "Remarque~: le texte");
    EXPECT_EQ(fs("Note:"), "Note~:");
    EXPECT_EQ(fs("« Atelier »: salle 2"), "«_Atelier_»~: salle 2");
    EXPECT_EQ(fs("Remarque\u202F: x"), "Remarque~: x");
}

TEST(FrenchSpacing, LeavesUrlsTimesAndRatiosAlone) {
    for (const char* s : {"https://example.org/a?b=1;c=2", "voir https://x.fr/page!", "www.example.org/?q=a:b",
                          "mailto:jean@example.org", "jean.dupont@example.org;", "10:30", "de 9:00 à 10:30",
                          "un ratio 3:2", "a:b", "C:\\dossier", "std::vector", "1;2", "?q=1", "&amp;", "a;b"}) {
        EXPECT_EQ(apply_french_spacing(s), s) << s;
    }
    // prose around a URL is still fixed, the URL itself is not
    EXPECT_EQ(fs("Voir : https://a.fr/x?y=1 !"), "Voir~: https://a.fr/x?y=1_!");
}

TEST(FrenchSpacing, KeepsLeadingSpacesAndLonePunctuation) {
    EXPECT_EQ(fs("?"), "?");
    EXPECT_EQ(fs(" ?"), " ?");
    EXPECT_EQ(fs("a\n ?"), "a\n ?");
    EXPECT_EQ(fs("«"), "«");
    EXPECT_EQ(fs("« »"), "« »");
    EXPECT_EQ(fs(""), "");
}

TEST(FrenchSpacing, IsIdempotent) {
    for (const char* s : {"«texte» : a ; b ! c ? d", "Quoi?! « Oui » : non.", "https://x.fr/?a=b : c",
                          "Note:\u00A0voir « ceci »; et cela!"}) {
        const std::string once = apply_french_spacing(s);
        EXPECT_EQ(apply_french_spacing(once), once) << s;
    }
}

TEST(FrenchSpacing, CarriesTagsToInsertedSpaces) {
    std::u32string text = U"«texte»";
    std::vector<std::uint32_t> tags = {0, 1, 1, 1, 1, 1, 2};
    booklet::layout::apply_french_spacing(text, &tags);
    ASSERT_EQ(text, U"«\u202Ftexte\u202F»");
    ASSERT_EQ(tags.size(), text.size());
    EXPECT_EQ(tags[1], 0u);  // the space after « belongs with «
    EXPECT_EQ(tags[7], 2u);  // the space before » belongs with »
    EXPECT_EQ(tags[2], 1u);
}
