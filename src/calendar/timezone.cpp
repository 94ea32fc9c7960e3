#include "calendar/timezone.hpp"

#include <unicode/basictz.h>
#include <unicode/gregocal.h>
#include <unicode/locid.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/tztrans.h>
#include <unicode/unistr.h>
#include <unicode/vtzone.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <string_view>
#include <vector>

#include "calendar/ics_writer.hpp"

namespace booklet::calendar {

namespace {

constexpr std::int64_t kMillis = 1000;
constexpr std::int64_t kHour = 3600;
constexpr std::int64_t kDay = 24 * kHour;

std::string utf8(const icu::UnicodeString& s) {
    std::string out;
    s.toUTF8String(out);
    return out;
}

icu::UnicodeString unicode(const std::string& s) { return icu::UnicodeString::fromUTF8(s); }

UDate to_udate(std::int64_t epoch_seconds) { return static_cast<UDate>(epoch_seconds * kMillis); }

// The zone as ICU's tz-database-backed BasicTimeZone, or nullptr when the
// name is not a zone of the database.
std::unique_ptr<icu::VTimeZone> known_zone(const std::string& tzid) {
    if (!is_known_time_zone(tzid)) return nullptr;
    return std::unique_ptr<icu::VTimeZone>(icu::VTimeZone::createVTimeZoneByID(unicode(tzid)));
}

int offset_at(const icu::TimeZone& zone, UDate when) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t raw = 0, dst = 0;
    zone.getOffset(when, false, raw, dst, status);
    return U_SUCCESS(status) ? (raw + dst) / 1000 : 0;
}

bool is_abbreviation(const std::string& name) {
    if (name.size() < 2 || name.size() > 6) return false;
    return std::all_of(name.begin(), name.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// English locales whose metazone names are tried in turn: British English
// has CET/CEST and GMT/BST, American English EST/EDT…, and English of the
// zone's own country covers the rest (IST in en_IN, say).
std::vector<std::string> name_locales(const std::string& tzid) {
    std::vector<std::string> locales = {"en_GB", "en_US"};
    UErrorCode status = U_ZERO_ERROR;
    char region[8] = {};
    icu::TimeZone::getRegion(unicode(tzid), region, sizeof region, status);
    if (U_SUCCESS(status) && region[0] != '\0' && std::string_view(region) != "001")
        locales.push_back(std::string("en_") + region);
    return locales;
}

// The abbreviation of `zone` at `when`, assuming its offset there is `offset`.
std::string abbreviation(const std::string& tzid, const icu::TimeZone& zone, UDate when, int offset) {
    if (offset_at(zone, when) == offset) {
        for (const auto& locale : name_locales(tzid)) {
            UErrorCode status = U_ZERO_ERROR;
            icu::SimpleDateFormat format(icu::UnicodeString(u"zzz"), icu::Locale(locale.c_str()), status);
            if (U_FAILURE(status)) continue;
            // By name: ICU finds the metazone ("Europe_Central") from the
            // zone's ID, which a VTimeZone does not carry.
            format.adoptTimeZone(icu::TimeZone::createTimeZone(unicode(tzid)));
            icu::UnicodeString name;
            format.format(when, name);
            const std::string s = utf8(name);
            if (is_abbreviation(s)) return s;
        }
    }
    std::string numeric = utc_offset_value(offset);
    return numeric.size() > 5 ? numeric.substr(0, 5) : numeric;
}

// ---- ICU's VTIMEZONE text, read back into properties ----------------------

struct Property {
    std::string name;
    std::string value;
};

struct Observance {
    std::string kind;  // STANDARD or DAYLIGHT
    std::vector<Property> properties;

    std::vector<std::string> all(std::string_view name) const {
        std::vector<std::string> out;
        for (const auto& p : properties)
            if (p.name == name) out.push_back(p.value);
        return out;
    }
    std::string first(std::string_view name) const {
        auto v = all(name);
        return v.empty() ? std::string() : v.front();
    }
};

// Splits on LF or CRLF and joins folded continuation lines.
std::vector<std::string> unfolded_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !lines.empty())
            lines.back() += line.substr(1);
        else if (!line.empty())
            lines.push_back(line);
        start = end + 1;
    }
    return lines;
}

// The STANDARD/DAYLIGHT sub-components of ICU's output; nullopt if it is
// not the one VTIMEZONE we expect.
std::optional<std::vector<Observance>> parse_observances(const std::string& text) {
    const auto lines = unfolded_lines(text);
    if (lines.size() < 2 || lines.front() != "BEGIN:VTIMEZONE" || lines.back() != "END:VTIMEZONE")
        return std::nullopt;
    std::vector<Observance> out;
    bool inside = false;
    for (std::size_t i = 1; i + 1 < lines.size(); ++i) {
        const std::string& line = lines[i];
        if (line == "BEGIN:STANDARD" || line == "BEGIN:DAYLIGHT") {
            if (inside) return std::nullopt;
            out.push_back({line.substr(6), {}});
            inside = true;
        } else if (line == "END:STANDARD" || line == "END:DAYLIGHT") {
            if (!inside || out.back().kind != line.substr(4)) return std::nullopt;
            inside = false;
        } else if (inside) {
            const auto colon = line.find(':');
            if (colon == std::string::npos) return std::nullopt;
            out.back().properties.push_back({line.substr(0, colon), line.substr(colon + 1)});
        }
    }
    if (inside || out.empty()) return std::nullopt;
    return out;
}

// "+010000" / "-0330" → seconds; nullopt if malformed.
std::optional<int> parse_offset(const std::string& v) {
    if ((v.size() != 5 && v.size() != 7) || (v[0] != '+' && v[0] != '-')) return std::nullopt;
    int parts[3] = {0, 0, 0};
    for (std::size_t i = 1; i < v.size(); ++i) {
        if (v[i] < '0' || v[i] > '9') return std::nullopt;
        parts[(i - 1) / 2] = parts[(i - 1) / 2] * 10 + (v[i] - '0');
    }
    const int seconds = parts[0] * 3600 + parts[1] * 60 + parts[2];
    return v[0] == '-' ? -seconds : seconds;
}

// "20191027T030000" read as if it were UTC, in seconds; nullopt if malformed.
std::optional<std::int64_t> parse_floating(const std::string& v) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    char t = 0;
    if (v.size() != 15 || std::sscanf(v.c_str(), "%4d%2d%2d%c%2d%2d%2d", &y, &mo, &d, &t, &h, &mi, &s) != 7 ||
        t != 'T')
        return std::nullopt;
    const model::Date date{y, mo, d};
    if (!date.valid()) return std::nullopt;
    return static_cast<std::int64_t>(date.days_since_epoch()) * kDay + h * kHour + mi * 60 + s;
}

// RFC 5545 wants UNTIL in a VTIMEZONE's RRULE in UTC; ICU writes the local
// time (the observance's TZOFFSETFROM). Adds the "Z".
std::string rrule_with_utc_until(const std::string& rrule, int offset_from) {
    const auto pos = rrule.find("UNTIL=");
    if (pos == std::string::npos) return rrule;
    const auto start = pos + 6;
    const auto end = std::min(rrule.find(';', start), rrule.size());
    const std::string until = rrule.substr(start, end - start);
    const auto local = parse_floating(until);
    if (!local) return rrule;  // already UTC ("…Z") or a date: leave it
    const std::string utc = ics::utc_date_time_value(*local - offset_from);
    return rrule.substr(0, start) + utc + rrule.substr(end);
}

// An instant inside the observance whose offset ICU can name: just after
// its first onset, else the start of the range (for an observance that
// began long ago and never recurs).
UDate naming_instant(const icu::TimeZone& zone, std::int64_t onset_utc, int offset, UDate range_start) {
    const UDate after_onset = to_udate(onset_utc + kHour);
    if (offset_at(zone, after_onset) == offset) return after_onset;
    return range_start;
}

// Writes our VTIMEZONE from ICU's observances; nullopt if one is malformed.
std::optional<std::string> rewrite(const std::string& tzid, const icu::TimeZone& zone,
                                   const std::vector<Observance>& observances, UDate range_start) {
    ics::Writer w;
    w.begin("VTIMEZONE");
    w.text("TZID", tzid);
    for (const auto& o : observances) {
        const auto from = parse_offset(o.first("TZOFFSETFROM"));
        const auto to = parse_offset(o.first("TZOFFSETTO"));
        const std::string dtstart = o.first("DTSTART");
        const auto onset = parse_floating(dtstart);
        if (!from || !to || !onset) return std::nullopt;
        w.begin(o.kind);
        w.raw("DTSTART", dtstart);
        w.raw("TZOFFSETFROM", utc_offset_value(*from));
        w.raw("TZOFFSETTO", utc_offset_value(*to));
        for (const auto& rule : o.all("RRULE")) w.raw("RRULE", rrule_with_utc_until(rule, *from));
        for (const auto& date : o.all("RDATE")) w.raw("RDATE", date);
        const UDate when = naming_instant(zone, *onset - *from, *to, range_start);
        w.text("TZNAME", abbreviation(tzid, zone, when, *to));
        w.end(o.kind);
    }
    w.end("VTIMEZONE");
    return w.finish();
}

// True when `written` (our VTIMEZONE, read back by ICU) gives the same UTC
// offset as the real zone at every transition of either in [from, to).
bool same_offsets(const icu::BasicTimeZone& real, const std::string& written, UDate from, UDate to) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::VTimeZone> copy(icu::VTimeZone::createVTimeZone(unicode(written), status));
    if (U_FAILURE(status) || !copy) return false;
    const auto agree = [&](UDate t) { return offset_at(real, t) == offset_at(*copy, t); };
    if (!agree(from)) return false;
    for (const icu::BasicTimeZone* zone : {static_cast<const icu::BasicTimeZone*>(&real),
                                           static_cast<const icu::BasicTimeZone*>(copy.get())}) {
        icu::TimeZoneTransition transition;
        UDate t = from;
        while (zone->getNextTransition(t, false, transition) && transition.getTime() < to) {
            t = transition.getTime();
            if (!agree(t) || !agree(t - kMillis)) return false;
        }
    }
    return true;
}

enum class IcuForm { Simple, History };

std::optional<std::string> icu_vtimezone_text(icu::VTimeZone& zone, IcuForm form, UDate start) {
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString text;
    if (form == IcuForm::Simple)
        zone.writeSimple(start, text, status);
    else
        zone.write(start, text, status);
    if (U_FAILURE(status)) return std::nullopt;
    return utf8(text);
}

// The instant of 00:00 on 1 January `year` in the zone.
UDate new_year(const std::string& tzid, int year) {
    return to_udate(to_utc_epoch({model::Date{year, 1, 1}, model::ClockTime{0}}, tzid).value_or(0));
}

}  // namespace

bool is_known_time_zone(const std::string& tzid) {
    if (tzid.empty()) return false;
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString canonical;
    UBool is_system = false;
    icu::TimeZone::getCanonicalID(unicode(tzid), canonical, is_system, status);
    return U_SUCCESS(status) && is_system && canonical != icu::UnicodeString(u"Etc/Unknown");
}

std::optional<std::int64_t> to_utc_epoch(const model::LocalDateTime& local, const std::string& tzid) {
    if (!is_known_time_zone(tzid)) return std::nullopt;
    const model::LocalDateTime t = local.normalised();
    UErrorCode status = U_ZERO_ERROR;
    icu::GregorianCalendar calendar(icu::TimeZone::createTimeZone(unicode(tzid)), status);
    if (U_FAILURE(status)) return std::nullopt;
    calendar.setGregorianChange(-8.64e15, status);  // proleptic Gregorian, as iCalendar
    calendar.setRepeatedWallTimeOption(UCAL_WALLTIME_FIRST);
    calendar.setSkippedWallTimeOption(UCAL_WALLTIME_LAST);
    calendar.clear();
    calendar.set(t.date.year, t.date.month - 1, t.date.day, t.time.hour(), t.time.minute(), 0);
    const UDate when = calendar.getTime(status);
    if (U_FAILURE(status)) return std::nullopt;
    return static_cast<std::int64_t>(when / kMillis);
}

std::optional<int> utc_offset_at(const std::string& tzid, std::int64_t epoch_seconds) {
    auto zone = known_zone(tzid);
    if (!zone) return std::nullopt;
    return offset_at(*zone, to_udate(epoch_seconds));
}

std::string zone_abbreviation(const std::string& tzid, std::int64_t epoch_seconds) {
    auto zone = known_zone(tzid);
    if (!zone) return {};
    const UDate when = to_udate(epoch_seconds);
    return abbreviation(tzid, *zone, when, offset_at(*zone, when));
}

std::string utc_offset_value(int seconds) {
    const char sign = seconds < 0 ? '-' : '+';
    const int a = seconds < 0 ? -seconds : seconds;
    char buf[16];
    if (a % 60 != 0)
        std::snprintf(buf, sizeof buf, "%c%02d%02d%02d", sign, a / 3600, a / 60 % 60, a % 60);
    else
        std::snprintf(buf, sizeof buf, "%c%02d%02d", sign, a / 3600, a / 60 % 60);
    return buf;
}

std::string vtimezone(const std::string& tzid, int from_year, int to_year, const model::SourceLocation& where,
                      model::Diagnostics& diags) {
    auto zone = known_zone(tzid);
    if (!zone) {
        diags.error(where, "unknown time zone '" + tzid + "'");
        return {};
    }
    if (from_year > to_year) std::swap(from_year, to_year);
    const UDate range_start = new_year(tzid, from_year) - kDay * kMillis;
    const UDate range_end = new_year(tzid, to_year + 1) + kDay * kMillis;

    // The rules in force at the start of the range, then, if the zone
    // changed them within the range, its history from a year before.
    const std::pair<IcuForm, UDate> attempts[] = {
        {IcuForm::Simple, new_year(tzid, from_year)},
        {IcuForm::History, new_year(tzid, from_year - 1)},
    };
    for (const auto& [form, start] : attempts) {
        const auto text = icu_vtimezone_text(*zone, form, start);
        const auto observances = text ? parse_observances(*text) : std::nullopt;
        const auto ours = observances ? rewrite(tzid, *zone, *observances, range_start) : std::nullopt;
        if (ours && same_offsets(*zone, *ours, range_start, range_end)) return *ours;
    }
    diags.error(where, "cannot describe time zone '" + tzid + "' from " + std::to_string(from_year) + " to " +
                           std::to_string(to_year) + " in a VTIMEZONE");
    return {};
}

}  // namespace booklet::calendar
