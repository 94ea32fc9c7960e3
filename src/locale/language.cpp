#include "locale/language.hpp"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/unistr.h>

#include <map>
#include <set>

namespace booklet::locale {

namespace {

bool ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool ascii_alnum(char c) { return ascii_alpha(c) || (c >= '0' && c <= '9'); }
char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

std::string_view trimmed(std::string_view s) {
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return s;
}

// Lower case, no accents: "Français" → "francais".
std::string folded(std::string_view s) {
    UErrorCode st = U_ZERO_ERROR;
    const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(st);
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
    if (U_SUCCESS(st)) u = nfd->normalize(u, st);
    if (U_FAILURE(st)) return {};
    icu::UnicodeString plain;
    for (int32_t i = 0; i < u.length();) {
        const UChar32 c = u.char32At(i);
        if (u_charType(c) != U_NON_SPACING_MARK) plain.append(c);
        i += U16_LENGTH(c);
    }
    plain.foldCase();
    std::string out;
    plain.toUTF8String(out);
    return out;
}

// Language names, folded, in English, in the language itself and in a few
// languages programmes are written in → the language's code.
const std::map<std::string, std::string>& language_names() {
    static const std::map<std::string, std::string> names = [] {
        std::map<std::string, std::string> m;
        std::set<std::string> codes;
        int32_t count = 0;
        const icu::Locale* all = icu::Locale::getAvailableLocales(count);
        for (int32_t i = 0; i < count; ++i) codes.insert(all[i].getLanguage());
        const char* in[] = {"en", "fr", "de", "nl", "es", "it"};
        auto add = [&](const std::string& code, const icu::Locale& display) {
            icu::UnicodeString name;
            icu::Locale(code.c_str()).getDisplayLanguage(display, name);
            std::string utf8;
            name.toUTF8String(utf8);
            if (utf8.empty() || utf8 == code) return;
            m.emplace(folded(utf8), code);  // the first language to claim a name keeps it
        };
        for (const auto& code : codes) add(code, icu::Locale(code.c_str()));
        for (const char* d : in)
            for (const auto& code : codes) add(code, icu::Locale(d));
        return m;
    }();
    return names;
}

}  // namespace

std::string canonical_language_tag(std::string_view raw) {
    std::string t(trimmed(raw));
    if (t.empty() || t.size() > 64) return {};
    for (char& c : t)
        if (c == '_') c = '-';
    // Shape: subtags of 1 to 8 letters or digits; the first, 2 or 3 letters.
    std::size_t start = 0, index = 0;
    while (start <= t.size()) {
        std::size_t end = t.find('-', start);
        if (end == std::string::npos) end = t.size();
        const std::size_t len = end - start;
        if (len < 1 || len > 8) return {};
        for (std::size_t k = start; k < end; ++k)
            if (!(index == 0 ? ascii_alpha(t[k]) : ascii_alnum(t[k]))) return {};
        if (index == 0 && len != 2 && len != 3) return {};
        ++index;
        start = end + 1;
    }
    // ICU checks the order of the subtags and writes the canonical form.
    char id[ULOC_FULLNAME_CAPACITY];
    int32_t parsed = 0;
    UErrorCode st = U_ZERO_ERROR;
    uloc_forLanguageTag(t.c_str(), id, sizeof id, &parsed, &st);
    if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING || parsed != static_cast<int32_t>(t.size())) return {};
    char tag[ULOC_FULLNAME_CAPACITY];
    st = U_ZERO_ERROR;
    const int32_t n = uloc_toLanguageTag(id, tag, sizeof tag, true, &st);
    if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING || n <= 0) return {};
    return std::string(tag, static_cast<std::size_t>(n));
}

std::string primary_language(std::string_view tag) {
    std::string out(tag.substr(0, tag.find_first_of("-_")));
    for (char& c : out) c = ascii_lower(c);
    return out;
}

std::string language_name(std::string_view tag) {
    const std::string code = primary_language(tag);
    if (code.empty()) return {};
    icu::UnicodeString name;
    icu::Locale(code.c_str()).getDisplayLanguage(icu::Locale::getEnglish(), name);
    std::string utf8;
    name.toUTF8String(utf8);
    return utf8 == code ? std::string() : utf8;
}

bool is_known_language(std::string_view tag) { return !language_name(tag).empty(); }

std::string language_from_text(std::string_view text) {
    const std::string_view t = trimmed(text);
    if (t.empty() || t.size() > 200) return {};
    std::string lower(t);
    for (char& c : lower) c = ascii_lower(c);
    // ISO 639-2/B, the bibliographic codes some library systems still write.
    static const std::map<std::string, std::string, std::less<>> bibliographic = {
        {"alb", "sq"}, {"arm", "hy"}, {"baq", "eu"}, {"bur", "my"}, {"chi", "zh"}, {"cze", "cs"}, {"dut", "nl"},
        {"fre", "fr"}, {"geo", "ka"}, {"ger", "de"}, {"gre", "el"}, {"ice", "is"}, {"mac", "mk"}, {"mao", "mi"},
        {"may", "ms"}, {"per", "fa"}, {"rum", "ro"}, {"slo", "sk"}, {"tib", "bo"}, {"wel", "cy"}};
    if (const auto it = bibliographic.find(lower); it != bibliographic.end()) return it->second;
    if (std::string tag = canonical_language_tag(t); !tag.empty()) return is_known_language(tag) ? tag : std::string();
    const auto& names = language_names();
    if (const auto it = names.find(folded(t)); it != names.end()) return it->second;
    return {};
}

}  // namespace booklet::locale
