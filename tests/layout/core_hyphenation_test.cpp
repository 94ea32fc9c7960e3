#include <gtest/gtest.h>

#include "layout/core/hyphenation.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>

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

// Debian's hyphen-de, -nl, -es, -cs, -ru, -pl (./setup installs them); the
// expected values are libhyphen's output with those files after this
// module's rules, checked by hand against the languages' usage.
TEST(Hyphenation, GermanCompoundsFromAnIso88591Dictionary) {
    Hyphenators all;
    Hyphenator* de = all.get("de");
    ASSERT_NE(de, nullptr);
    EXPECT_EQ(de->hyphenated("Donaudampfschifffahrt"), "Do-nau-dampf-schiff-fahrt");
    EXPECT_EQ(de->hyphenated("Datenschutzgrundverordnung"), "Da-ten-schutz-grund-ver-ord-nung");
    // letters outside ASCII reach the ISO8859-1 patterns
    EXPECT_EQ(de->hyphenated("Übergrößenträger"), "Über-grö-ßen-trä-ger");
    EXPECT_EQ(de->hyphenated("Schlüsselübergabe"), "Schlüs-sel-über-gabe");
    EXPECT_EQ(de->hyphenated("Zucker"), "Zu-cker");  // the 1996 rule, not "Zuk-ker"
    // byte offsets into the UTF-8 word, as for the UTF-8 dictionaries
    const auto& b = de->breaks("Übergrößenträger");
    ASSERT_FALSE(b.empty());
    EXPECT_EQ(b[0].offset, std::string("Über").size());
    // a character ISO8859-1 lacks: no automatic hyphens, no garbage
    EXPECT_TRUE(de->breaks("Łódźstraßenbahn").empty());
    // Swiss and Austrian German have their own files (links to the same patterns)
    EXPECT_NE(all.get("de-CH"), nullptr);
    EXPECT_EQ(all.get("de-CH")->hyphenated("Silbentrennung"), "Sil-ben-tren-nung");
}

TEST(Hyphenation, DutchWords) {
    Hyphenators all;
    Hyphenator* nl = all.get("nl");
    ASSERT_NE(nl, nullptr);
    EXPECT_EQ(nl->hyphenated("ontwikkelingssamenwerking"), "ont-wik-ke-lings-sa-men-wer-king");
    EXPECT_EQ(nl->hyphenated("ziekenhuisopname"), "zie-ken-huis-op-name");
    EXPECT_EQ(nl->hyphenated("woordafbreking"), "woord-af-bre-king");
    EXPECT_EQ(nl->hyphenated("beëindigen"), "be-ëin-di-gen");
    EXPECT_EQ(all.get("nl_BE")->hyphenated("samenvatting"), "sa-men-vat-ting");
}

TEST(Hyphenation, SpanishWords) {
    Hyphenators all;
    Hyphenator* es = all.get("es");  // no hyph_es.dic: the likely region, hyph_es_ES.dic
    ASSERT_NE(es, nullptr);
    EXPECT_EQ(es->hyphenated("separación"), "se-pa-ra-ción");
    EXPECT_EQ(es->hyphenated("desarrollo"), "de-sa-rro-llo");
    EXPECT_EQ(es->hyphenated("biblioteca"), "bi-blio-teca");
    EXPECT_EQ(all.get("es-MX"), es);  // the same file behind both names: one dictionary
}

TEST(Hyphenation, OtherEightBitCharacterSets) {
    Hyphenators all;
    ASSERT_NE(all.get("ru"), nullptr);  // KOI8-R
    EXPECT_EQ(all.get("ru")->hyphenated("переносы"), "пе-ре-носы");
    ASSERT_NE(all.get("cs"), nullptr);  // ISO8859-2
    EXPECT_EQ(all.get("cs")->hyphenated("středisko"), "stře-disko");
    ASSERT_NE(all.get("pl"), nullptr);  // only hyph_pl_PL.dic
    EXPECT_EQ(all.get("pl")->hyphenated("programowanie"), "pro-gra-mo-wa-nie");
}

TEST(Hyphenation, ChoosesTheBestDictionaryForATag) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("booklet-hyph-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    for (const char* f : {"hyph_de.dic", "hyph_de_CH.dic", "hyph_de_DE.dic", "hyph_en_GB.dic", "hyph_en_US.dic",
                          "hyph_en_Latn_US.dic", "hyph_pl_PL.dic", "hyph_sv_FI.dic", "hyph_sv_SE.dic",
                          "hyph_pt_PT.dic", "hyph_pt_BR.dic", "hyph_nl_BE.dic", "hyph_nl_NL.dic", "hyph_it_CH.dic"})
        std::ofstream(dir / f) << "UTF-8\n";
    auto pick = [&](const char* tag) {
        const std::string f = Hyphenator::dictionary_for(tag, dir.string());
        return f.empty() ? std::string() : fs::path(f).filename().string();
    };
    EXPECT_EQ(pick("de-CH"), "hyph_de_CH.dic");  // the region's own file
    EXPECT_EQ(pick("de_ch"), "hyph_de_CH.dic");
    EXPECT_EQ(pick("de-AT"), "hyph_de.dic");     // no such region: the language's file
    EXPECT_EQ(pick("de"), "hyph_de.dic");
    EXPECT_EQ(pick("en"), "hyph_en_US.dic");     // no hyph_en.dic: the likely region
    EXPECT_EQ(pick("en-GB"), "hyph_en_GB.dic");
    EXPECT_EQ(pick("en-Latn-GB"), "hyph_en_GB.dic");  // the script is skipped
    EXPECT_EQ(pick("sv"), "hyph_sv_SE.dic");
    EXPECT_EQ(pick("pl"), "hyph_pl_PL.dic");
    EXPECT_EQ(pick("pt"), "hyph_pt_BR.dic");
    EXPECT_EQ(pick("pt-PT"), "hyph_pt_PT.dic");
    EXPECT_EQ(pick("nl"), "hyph_nl_NL.dic");
    EXPECT_EQ(pick("it"), "hyph_it_CH.dic");     // neither file nor likely region: the first region
    EXPECT_EQ(pick("ja"), "");
    EXPECT_EQ(pick("x"), "");
    EXPECT_EQ(pick(""), "");
    EXPECT_EQ(pick("../etc"), "");
    fs::remove_all(dir);

    // and with Debian's files
    EXPECT_EQ(fs::path(Hyphenator::dictionary_for("de-CH")).filename(), "hyph_de_CH.dic");
    EXPECT_EQ(fs::path(Hyphenator::dictionary_for("pt_BR")).filename(), "hyph_pt_BR.dic");
    EXPECT_EQ(fs::path(Hyphenator::dictionary_for("sv")).filename(), "hyph_sv_SE.dic");
    EXPECT_EQ(Hyphenator::dictionary_for("bg"), "");
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
    EXPECT_EQ(all.get("tlh", &why), nullptr);
    EXPECT_NE(why.find("no hyphenation patterns for the language 'tlh' in /usr/share/hyphen"), std::string::npos)
        << why;
    // a missing language is reported once, whatever its region
    EXPECT_TRUE(all.first_report_of_missing("tlh"));
    EXPECT_FALSE(all.first_report_of_missing("tlh"));
    EXPECT_FALSE(all.first_report_of_missing("tlh-Latn"));
    EXPECT_TRUE(all.first_report_of_missing("ab"));
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
