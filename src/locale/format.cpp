#include "locale/format.hpp"

#include <unicode/coll.h>
#include <unicode/dtptngen.h>
#include <unicode/gregocal.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>

#include <algorithm>
#include <memory>

namespace booklet::locale {

namespace {
const char* kEnDash = "\u2013";

std::string primary(const std::string& lang) { return lang.substr(0, lang.find_first_of("-_")); }

// "fr" and "en" alone are France and Britain (booklet's first two
// languages); any other tag is given to ICU as it is ("de-CH", "nl").
icu::Locale locale_for(const std::string& lang) {
    if (lang.empty() || lang == "en") return icu::Locale("en", "GB");
    if (lang == "fr") return icu::Locale("fr", "FR");
    UErrorCode status = U_ZERO_ERROR;
    icu::Locale l = icu::Locale::forLanguageTag(lang, status);
    if (U_FAILURE(status) || l.isBogus()) return icu::Locale("en", "GB");
    return l;
}

// The locale's own pattern for a skeleton ("EEEEdMMMMy" → "EEEE, d. MMMM y"
// in German), or "" when ICU has none.
icu::UnicodeString pattern_for(const icu::Locale& where, const char* skeleton) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::DateTimePatternGenerator> gen(icu::DateTimePatternGenerator::createInstance(where, status));
    if (U_FAILURE(status) || !gen) return {};
    icu::UnicodeString p = gen->getBestPattern(icu::UnicodeString(skeleton), status);
    return U_FAILURE(status) ? icu::UnicodeString() : p;
}

std::string formatted(const icu::UnicodeString& pattern, const icu::Locale& where, UDate when) {
    UErrorCode status = U_ZERO_ERROR;
    icu::SimpleDateFormat fmt(pattern, where, status);
    if (U_FAILURE(status)) return {};
    std::unique_ptr<icu::TimeZone> utc(icu::TimeZone::createTimeZone("UTC"));
    fmt.setTimeZone(*utc);
    icu::UnicodeString out;
    fmt.format(when, out);
    std::string s;
    out.toUTF8String(s);
    return s;
}
}  // namespace

std::string long_date(const model::Date& d, const std::string& lang) {
    const icu::Locale where = locale_for(lang);
    // fr and en keep booklet's own form ("Tuesday 28 January 2020", no
    // comma); any other language its CLDR one.
    icu::UnicodeString pattern;
    if (lang.empty() || lang == "fr" || lang == "en") pattern = icu::UnicodeString("EEEE d MMMM y");
    else pattern = pattern_for(where, "EEEEdMMMMy");
    if (pattern.isEmpty()) pattern = icu::UnicodeString("EEEE d MMMM y");
    const UDate when = static_cast<double>(d.days_since_epoch()) * 86400.0 * 1000.0 + 12 * 3600.0 * 1000.0;
    const std::string s = formatted(pattern, where, when);
    return s.empty() ? d.iso() : s;
}

std::string clock(const model::ClockTime& t, const std::string& lang) {
    const int h = t.hour(), m = t.minute();
    if (primary(lang) == "fr") {
        std::string s = std::to_string(h) + "\u00A0h";
        if (m) s += (m < 10 ? "\u00A00" : "\u00A0") + std::to_string(m);
        return s;
    }
    if (lang.empty() || primary(lang) == "en") {
        const int h12 = h % 12 == 0 ? 12 : h % 12;
        std::string s = std::to_string(h12);
        if (m) s += (m < 10 ? ":0" : ":") + std::to_string(m);
        s += h < 12 ? "\u00A0am" : "\u00A0pm";
        return s;
    }
    // Any other language: its own hours and minutes ("9:30", "09:30",
    // "9.30"), with no-break spaces so a time never splits.
    const icu::Locale where = locale_for(lang);
    icu::UnicodeString pattern = pattern_for(where, "jmm");
    if (pattern.isEmpty()) pattern = icu::UnicodeString("HH:mm");
    std::string s = formatted(pattern, where, (h * 60.0 + m) * 60.0 * 1000.0);
    if (s.empty()) s = (h < 10 ? "0" : "") + std::to_string(h) + (m < 10 ? ":0" : ":") + std::to_string(m);
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == ' ') out += "\u00A0";
        else if (s.compare(i, 3, "\u202F") == 0 || s.compare(i, 3, "\u2009") == 0) { out += "\u00A0"; i += 2; }
        else out += s[i];
    }
    return out;
}

std::string hours(const model::TimeRange& r, const std::string& lang) {
    return clock(r.start, lang) + " " + kEnDash + " " + clock(r.end, lang);
}

std::string schedule_time(const model::ClockTime& t, const std::string& lang) {
    // The same form as the hours on the cover, so the booklet speaks one way.
    return clock(t, lang);
}

void sort_for_index(std::vector<const model::Person*>& people, const std::string& lang) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> coll(icu::Collator::createInstance(locale_for(lang), status));
    if (U_FAILURE(status) || !coll) {
        std::stable_sort(people.begin(), people.end(),
                         [](const auto* a, const auto* b) { return a->sort_name() < b->sort_name(); });
        return;
    }
    coll->setStrength(icu::Collator::SECONDARY);  // accents count, case does not
    auto key = [&](const model::Person* p) {
        return icu::UnicodeString::fromUTF8(p->family + "\u0001" + p->given);
    };
    std::stable_sort(people.begin(), people.end(), [&](const auto* a, const auto* b) {
        UErrorCode st = U_ZERO_ERROR;
        return coll->compare(key(a), key(b), st) == UCOL_LESS;
    });
}

std::string join_names(const std::vector<std::string>& names, const std::string& and_word) {
    std::string s;
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0) s += i + 1 == names.size() ? " " + and_word + " " : ", ";
        s += names[i];
    }
    return s;
}

}  // namespace booklet::locale
