#pragma once
// Language tags (BCP 47): checking their shape, writing them the canonical
// way, and reading the names people write instead ("German", "Deutsch",
// "français"). ICU's locale data does the work.
#include <string>
#include <string_view>

namespace booklet::locale {

// The canonical form of a well-formed language tag, "" when `raw` is not
// one: "de" → "de", "de-de" → "de-DE", "pt_BR" → "pt-BR" (an underscore is
// read as a hyphen), "zh-hant-tw" → "zh-Hant-TW", "deu" → "de". The
// language subtag has 2 or 3 letters; script, region, variants, extensions
// and private use follow BCP 47. The language need not be one ICU knows.
std::string canonical_language_tag(std::string_view raw);

// The language subtag of a tag: "de-CH" → "de", "pt_BR" → "pt", "" → "".
std::string primary_language(std::string_view tag);

// True when ICU knows the tag's language ("de", "ab", "fr-CA"; not "qq").
bool is_known_language(std::string_view tag);

// A language as schedule exports write it: a tag ("de", "pt_BR", "EN") or
// a language's name in English, in the language itself, or in French,
// German, Dutch, Spanish or Italian, case and accents ignored ("German",
// "Deutsch", "english", "francais", "Französisch"); also the ISO 639-2
// bibliographic codes ("ger", "fre", "dut"). "" for anything else (and for
// a well-formed tag of a language ICU does not know).
std::string language_from_text(std::string_view text);

// The language's name in English ("German" for "de-CH"), "" when unknown.
std::string language_name(std::string_view tag);

}  // namespace booklet::locale
