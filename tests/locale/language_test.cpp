// Language tags: shape, canonical form, names → codes.
#include <gtest/gtest.h>

#include "locale/language.hpp"

using namespace booklet::locale;

namespace {

TEST(LanguageTag, CanonicalForm) {
    EXPECT_EQ(canonical_language_tag("de"), "de");
    EXPECT_EQ(canonical_language_tag("de-CH"), "de-CH");
    EXPECT_EQ(canonical_language_tag("de-ch"), "de-CH");
    EXPECT_EQ(canonical_language_tag("DE"), "de");
    EXPECT_EQ(canonical_language_tag("pt_BR"), "pt-BR");
    EXPECT_EQ(canonical_language_tag("zh-hant-tw"), "zh-Hant-TW");
    EXPECT_EQ(canonical_language_tag("es-419"), "es-419");
    EXPECT_EQ(canonical_language_tag("sr-Latn-RS"), "sr-Latn-RS");
    EXPECT_EQ(canonical_language_tag("en-US-x-twain"), "en-US-x-twain");
    EXPECT_EQ(canonical_language_tag("deu"), "de");  // ISO 639-2/T → the two-letter code
    EXPECT_EQ(canonical_language_tag(" fr "), "fr");
}

TEST(LanguageTag, RefusesMalformedTags) {
    for (const char* bad : {"", "12-!", "d", "german", "de-", "-de", "de--CH", "de-CHE-", "de CH", "de-toolongsubtag",
                            "x-private", "fr.utf8", "de-DE-DE-DE-DE-DE-DE-DE-DE-DE-DE-DE-DE-DE-DE-DE-DE-DE-DE-DE-DE-DE"})
        EXPECT_EQ(canonical_language_tag(bad), "") << bad;
}

TEST(LanguageTag, PrimaryLanguageAndName) {
    EXPECT_EQ(primary_language("de-CH"), "de");
    EXPECT_EQ(primary_language("PT_br"), "pt");
    EXPECT_EQ(primary_language(""), "");
    EXPECT_EQ(language_name("de-CH"), "German");
    EXPECT_EQ(language_name("ab"), "Abkhazian");
    EXPECT_EQ(language_name("qq"), "");
    EXPECT_TRUE(is_known_language("nl-BE"));
    EXPECT_FALSE(is_known_language("qq"));
}

}  // namespace
