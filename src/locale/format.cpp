#include "locale/format.hpp"

#include <unicode/coll.h>
#include <unicode/gregocal.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>

#include <algorithm>
#include <memory>

namespace booklet::locale {

namespace {
const char* kEnDash = "\u2013";

icu::Locale locale_for(const std::string& lang) { return lang == "fr" ? icu::Locale("fr", "FR") : icu::Locale("en", "GB"); }
}  // namespace

std::string long_date(const model::Date& d, const std::string& lang) {
    UErrorCode status = U_ZERO_ERROR;
    icu::SimpleDateFormat fmt(icu::UnicodeString("EEEE d MMMM y"), locale_for(lang), status);
    if (U_FAILURE(status)) return d.iso();
    std::unique_ptr<icu::TimeZone> utc(icu::TimeZone::createTimeZone("UTC"));
    fmt.setTimeZone(*utc);
    const UDate when = static_cast<double>(d.days_since_epoch()) * 86400.0 * 1000.0 + 12 * 3600.0 * 1000.0;
    icu::UnicodeString out;
    fmt.format(when, out);
    std::string s;
    out.toUTF8String(s);
    return s;
}

std::string clock(const model::ClockTime& t, const std::string& lang) {
    const int h = t.hour(), m = t.minute();
    if (lang == "fr") {
        std::string s = std::to_string(h) + "\u00A0h";
        if (m) s += (m < 10 ? "\u00A00" : "\u00A0") + std::to_string(m);
        return s;
    }
    const int h12 = h % 12 == 0 ? 12 : h % 12;
    std::string s = std::to_string(h12);
    if (m) s += (m < 10 ? ":0" : ":") + std::to_string(m);
    s += h < 12 ? "\u00A0am" : "\u00A0pm";
    return s;
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
