#include <gtest/gtest.h>

#include "layout/core/hyphenation.hpp"

using namespace booklet::layout;

namespace {

Hyphenator& french() {
    static std::unique_ptr<Hyphenator> h = [] {
        std::string error;
        auto p = Hyphenator::for_language("fr", error);
        EXPECT_NE(p, nullptr) << error;
        return p;
    }();
    return *h;
}

Hyphenator& english() {
    static std::unique_ptr<Hyphenator> h = [] {
        std::string error;
        auto p = Hyphenator::for_language("en", error);
        EXPECT_NE(p, nullptr) << error;
        return p;
    }();
    return *h;
}

}  // namespace

// Expected values are libhyphen's actual output with the Debian 12
// hyph_fr.dic / hyph_en_US.dic, checked once by hand, after this module's
// rules (minimum fragments 2/3, case folding, apostrophes).
TEST(Hyphenation, FrenchWords) {
    Hyphenator& fr = french();
    EXPECT_EQ(fr.hyphenated("informatisation"), "in-for-ma-ti-sa-tion");
    EXPECT_EQ(fr.hyphenated("transformation"), "trans-for-ma-tion");
    EXPECT_EQ(fr.hyphenated("organisation"), "or-ga-ni-sa-tion");
    EXPECT_EQ(fr.hyphenated("déclaration"), "dé-cla-ra-tion");
    EXPECT_EQ(fr.hyphenated("anticonstitutionnellement"), "an-ti-cons-ti-tu-tion-nel-le-ment");
}

TEST(Hyphenation, CapitalisedWordsAreFoldedFirst) {
    Hyphenator& fr = french();
    EXPECT_EQ(fr.hyphenated("Établissements"), "Éta-blis-se-ments");
    EXPECT_EQ(fr.hyphenated("Informatisation"), "In-for-ma-ti-sa-tion");
    // all capitals: an acronym or a title in capitals, never hyphenated
    EXPECT_EQ(fr.hyphenated("ÉTABLISSEMENTS"), "ÉTABLISSEMENTS");
    EXPECT_EQ(fr.hyphenated("UNESCO"), "UNESCO");
}

TEST(Hyphenation, ExistingHyphenIsTheOnlyBreak) {
    Hyphenator& fr = french();
    const auto& b = fr.breaks("médico-social");
    ASSERT_EQ(b.size(), 1u);
    EXPECT_EQ(b[0].offset, std::string("médico-").size());
    EXPECT_TRUE(b[0].explicit_hyphen);
    EXPECT_EQ(fr.hyphenated("médico-social"), "médico-social");  // nothing added
    EXPECT_EQ(fr.breaks("porte-monnaie").size(), 1u);
    EXPECT_TRUE(fr.breaks("e-mail").empty());  // one letter before the hyphen
    EXPECT_EQ(fr.breaks("COVID-19").size(), 1u);
}

TEST(Hyphenation, ElisionHyphenatesTheWordAfterTheApostrophe) {
    Hyphenator& fr = french();
    EXPECT_EQ(fr.hyphenated("l’organisation"), "l’or-ga-ni-sa-tion");
    EXPECT_EQ(fr.hyphenated("l'organisation"), "l'or-ga-ni-sa-tion");
    EXPECT_EQ(fr.hyphenated("d’informatisation"), "d’in-for-ma-ti-sa-tion");
    EXPECT_EQ(fr.hyphenated("aujourd’hui"), "au-jour-d’hui");
    for (const HyphenBreak& b : fr.breaks("l’organisation")) EXPECT_GE(b.offset, std::string("l’or").size());
}

TEST(Hyphenation, OffsetsAreBytesIntoTheUtf8Word) {
    Hyphenator& fr = french();
    const std::string w = "Établissements";
    const auto& b = fr.breaks(w);
    ASSERT_EQ(b.size(), 3u);
    EXPECT_EQ(w.substr(0, b[0].offset), "Éta");
    EXPECT_EQ(w.substr(b[0].offset, b[1].offset - b[0].offset), "blis");
    EXPECT_EQ(w.substr(b[2].offset), "ments");
}

TEST(Hyphenation, IgnoresSurroundingPunctuation) {
    Hyphenator& fr = french();
    EXPECT_EQ(fr.hyphenated("(informatisation),"), "(in-for-ma-ti-sa-tion),");
    EXPECT_EQ(fr.hyphenated("«transformation»"), "«trans-for-ma-tion»");
}

TEST(Hyphenation, NeverHyphenatesNumbersCodesAndUrls) {
    Hyphenator& fr = french();
    for (const char* w : {"2024", "XIXe", "H2O", "covid19", "https://example.org/informatisation",
                          "informatisation.fr", "jean@transformation.fr", "a/b", "snake_case_word"}) {
        EXPECT_TRUE(fr.breaks(w).empty()) << w;
    }
}

TEST(Hyphenation, RespectsMinimumFragments) {
    Hyphenator& fr = french();
    EXPECT_EQ(fr.left_min(), 2);
    EXPECT_EQ(fr.right_min(), 3);
    for (const char* w : {"informatisation", "organisation", "typographie", "amélioration", "été", "idée"}) {
        const std::string s = w;
        const std::size_t chars = [&] {
            std::size_t n = 0;
            for (unsigned char c : s) n += (c & 0xC0) != 0x80;
            return n;
        }();
        for (const HyphenBreak& b : fr.breaks(s)) {
            std::size_t left = 0;
            for (std::size_t i = 0; i < b.offset; ++i) left += (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
            EXPECT_GE(left, 2u) << w;
            EXPECT_GE(chars - left, 3u) << w;
        }
    }
    EXPECT_TRUE(fr.breaks("été").empty());
}

TEST(Hyphenation, EnglishWords) {
    Hyphenator& en = english();
    EXPECT_EQ(en.hyphenated("hyphenation"), "hy-phen-ation");
    EXPECT_EQ(en.hyphenated("typesetting"), "type-set-ting");
    EXPECT_EQ(en.hyphenated("paragraph"), "para-graph");
    EXPECT_EQ(en.hyphenated("Typesetting"), "Type-set-ting");
}

TEST(Hyphenation, CachesPerWord) {
    std::string error;
    auto fr = Hyphenator::for_language("fr-FR", error);
    ASSERT_NE(fr, nullptr) << error;
    EXPECT_EQ(fr->cache_size(), 0u);
    const auto first = fr->breaks("informatisation");
    EXPECT_EQ(fr->cache_size(), 1u);
    EXPECT_EQ(fr->breaks("informatisation"), first);
    EXPECT_EQ(fr->cache_size(), 1u);
    fr->breaks("transformation");
    EXPECT_EQ(fr->cache_size(), 2u);
}

TEST(Hyphenation, ReportsMissingDictionaries) {
    std::string error;
    EXPECT_EQ(Hyphenator::for_language("tlh", error), nullptr);
    EXPECT_NE(error.find("tlh"), std::string::npos) << error;
    EXPECT_EQ(Hyphenator::for_language("fr", error, "/nonexistent"), nullptr);
    EXPECT_NE(error.find("/nonexistent"), std::string::npos) << error;

    Hyphenators all;
    EXPECT_NE(all.get("fr"), nullptr);
    EXPECT_EQ(all.get("fr_CA"), all.get("fr"));
    std::string why;
    EXPECT_EQ(all.get("de", &why), nullptr);
    EXPECT_FALSE(why.empty());
}

TEST(Hyphenation, HandlesVeryLongWordsWithoutHyphenating) {
    Hyphenator& fr = french();
    const std::string giant(10000, 'a');
    EXPECT_TRUE(fr.breaks(giant).empty());
}

TEST(ExplicitHyphens, BreakAfterTheHyphenOnly) {
    const auto b = explicit_hyphen_breaks("Jean-Pierre");
    ASSERT_EQ(b.size(), 1u);
    EXPECT_EQ(b[0].offset, 5u);
    EXPECT_TRUE(b[0].explicit_hyphen);
    EXPECT_TRUE(explicit_hyphen_breaks("-ment").empty());
    EXPECT_TRUE(explicit_hyphen_breaks("pré-").empty());
    EXPECT_EQ(explicit_hyphen_breaks("vis-à-vis").size(), 0u);  // "à" is one letter
    EXPECT_EQ(explicit_hyphen_breaks("sud-est-nord").size(), 2u);
}

TEST(Urls, AreRecognised) {
    EXPECT_TRUE(looks_like_url("https://indico.example.org/event/12"));
    EXPECT_TRUE(looks_like_url("www.example.org"));
    EXPECT_TRUE(looks_like_url("jean.dupont@univ.fr"));
    EXPECT_TRUE(looks_like_url("mailto:x@y.z"));
    EXPECT_FALSE(looks_like_url("informatisation"));
    EXPECT_FALSE(looks_like_url("@handle"));
    EXPECT_FALSE(looks_like_url("10:30"));
}

TEST(Urls, BreakAtChicagoPoints) {
    const std::string u = "https://indico.example.org/event/12?view=a&b=c";
    std::vector<std::string> parts;
    std::size_t prev = 0;
    for (std::uint32_t off : url_breaks(u)) {
        parts.push_back(u.substr(prev, off - prev));
        prev = off;
    }
    parts.push_back(u.substr(prev));
    const std::vector<std::string> expected = {"https://", "indico", ".example", ".org", "/event", "/12",
                                               "?view", "=a", "&b", "=c"};
    EXPECT_EQ(parts, expected);
}
