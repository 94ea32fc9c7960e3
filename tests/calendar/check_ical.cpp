// check_ical FILE... — reads iCalendar files with libical, the parser of
// Evolution, Thunderbird's ancestors and many servers, and fails on any
// problem:
//   * RFC 5545 line rules (CRLF ends, 75-octet lines, continuation lines,
//     UTF-8 never cut, no control characters), checked on the raw bytes;
//   * anything libical reports as X-LIC-ERROR while parsing or in
//     icalrestriction_check (the RFC 5545/5546 property rules for the
//     file's METHOD);
//   * a VEVENT without UID, DTSTAMP or DTSTART; a TZID with no VTIMEZONE in
//     the same file (libical's built-in zones are never used); a floating
//     time; DTEND not after DTSTART.
// For each file it prints "FILE <path> VEVENTS <n>", then for each VEVENT
// "EVENT <path> <uid> <start> <offset>": start in UTC (2020-01-28T08:30:00Z)
// and the zone's UTC offset (+01:00), or the date and "date" for an all-day
// event. Exit status 0 when every file is fine, 1 otherwise.
#include <libical/ical.h>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "unicode/utf8.hpp"

namespace {

struct Report {
    std::string path;
    std::vector<std::string> problems;
    std::vector<std::string> events;
    std::size_t vevents = 0;
    void problem(const std::string& what) { problems.push_back(what); }
};

bool valid_utf8(const std::string& s) { return booklet::unicode::valid(s); }

void lint_lines(const std::string& text, Report& r) {
    if (text.size() < 2 || text.compare(text.size() - 2, 2, "\r\n") != 0) r.problem("the file does not end with CRLF");
    std::size_t start = 0, number = 0;
    while (start < text.size()) {
        ++number;
        std::size_t end = text.find("\r\n", start);
        if (end == std::string::npos) end = text.size();
        const std::string line = text.substr(start, end - start);
        const std::string at = "line " + std::to_string(number) + ": ";
        if (line.empty()) r.problem(at + "empty line");
        if (line.size() > 75) r.problem(at + std::to_string(line.size()) + " octets, more than 75");
        if (!valid_utf8(line)) r.problem(at + "not valid UTF-8 on its own (a fold cut a character?)");
        for (char c : line) {
            const auto u = static_cast<unsigned char>(c);
            if (u < 0x20 || u == 0x7F) {
                r.problem(at + (c == '\n' ? std::string("bare LF") : c == '\r' ? "bare CR" : "control character"));
                break;
            }
        }
        start = end + 2;
    }
}

void collect_errors(icalcomponent* c, Report& r) {
    for (icalproperty* p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY); p;
         p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY))
        r.problem(std::string(icalcomponent_kind_to_string(icalcomponent_isa(c))) + ": " +
                  icalproperty_get_xlicerror(p));
    for (icalcomponent* sub = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); sub;
         sub = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
        collect_errors(sub, r);
}

std::string iso_utc(time_t t) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

std::string offset_text(int seconds) {
    char buf[16];
    const int a = seconds < 0 ? -seconds : seconds;
    std::snprintf(buf, sizeof buf, "%c%02d:%02d", seconds < 0 ? '-' : '+', a / 3600, a / 60 % 60);
    return buf;
}

struct Instant {
    bool ok = false;
    bool is_date = false;
    time_t utc = 0;
    int offset = 0;
    std::string date;
};

// A DTSTART/DTEND resolved against the file's own VTIMEZONEs.
Instant resolve(icalcomponent* calendar, icalproperty* prop, const char* name, Report& r, const std::string& uid) {
    Instant out;
    const icaltimetype t = icalvalue_get_datetime(icalproperty_get_value(prop));
    if (icaltime_is_null_time(t) || !icaltime_is_valid_time(t)) {
        r.problem(uid + ": " + name + " is not a valid date-time");
        return out;
    }
    if (t.is_date) {
        out.ok = out.is_date = true;
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", t.year, t.month, t.day);
        out.date = buf;
        out.utc = icaltime_as_timet(t);
        return out;
    }
    icalparameter* tzid = icalproperty_get_first_parameter(prop, ICAL_TZID_PARAMETER);
    if (tzid) {
        const char* id = icalparameter_get_tzid(tzid);
        icaltimezone* zone = icalcomponent_get_timezone(calendar, id);
        if (!zone) {
            r.problem(uid + ": " + name + " TZID=" + id + " has no VTIMEZONE in the file");
            return out;
        }
        icaltimetype local = t;
        out.utc = icaltime_as_timet_with_zone(local, zone);
        int is_daylight = 0;
        out.offset = icaltimezone_get_utc_offset(zone, &local, &is_daylight);
    } else if (icaltime_is_utc(t)) {
        out.utc = icaltime_as_timet(t);
    } else {
        r.problem(uid + ": " + name + " is a floating time (no TZID, no Z)");
        return out;
    }
    out.ok = true;
    return out;
}

void check_event(icalcomponent* calendar, icalcomponent* ev, Report& r) {
    icalproperty* uid_prop = icalcomponent_get_first_property(ev, ICAL_UID_PROPERTY);
    const std::string uid = uid_prop ? icalproperty_get_uid(uid_prop) : "(no UID)";
    if (!uid_prop) r.problem("a VEVENT has no UID");
    if (!icalcomponent_get_first_property(ev, ICAL_DTSTAMP_PROPERTY)) r.problem(uid + ": no DTSTAMP");
    icalproperty* start_prop = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
    if (!start_prop) {
        r.problem(uid + ": no DTSTART");
        return;
    }
    const Instant start = resolve(calendar, start_prop, "DTSTART", r, uid);
    if (!start.ok) return;
    if (icalproperty* end_prop = icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY)) {
        const Instant end = resolve(calendar, end_prop, "DTEND", r, uid);
        if (end.ok && end.is_date != start.is_date) r.problem(uid + ": DTSTART and DTEND are of different types");
        if (end.ok && end.utc <= start.utc) r.problem(uid + ": DTEND is not after DTSTART");
    }
    r.events.push_back("EVENT " + r.path + " " + uid + " " +
                       (start.is_date ? start.date + " date" : iso_utc(start.utc) + " " + offset_text(start.offset)));
}

Report check_file(const std::string& path) {
    Report r{path, {}, {}};
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        r.problem("cannot read the file");
        return r;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    lint_lines(text, r);

    icalcomponent* root = icalparser_parse_string(text.c_str());
    if (!root || icalcomponent_isa(root) != ICAL_VCALENDAR_COMPONENT) {
        r.problem("libical found no VCALENDAR");
        if (root) icalcomponent_free(root);
        return r;
    }
    icalrestriction_check(root);
    collect_errors(root, r);
    for (icalcomponent* ev = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT); ev;
         ev = icalcomponent_get_next_component(root, ICAL_VEVENT_COMPONENT)) {
        ++r.vevents;
        check_event(root, ev, r);
    }
    icalcomponent_free(root);
    return r;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: check_ical FILE.ics...\n";
        return 2;
    }
    bool ok = true;
    for (int i = 1; i < argc; ++i) {
        const Report r = check_file(argv[i]);
        std::cout << "FILE " << r.path << " VEVENTS " << r.vevents << "\n";
        for (const auto& e : r.events) std::cout << e << "\n";
        for (const auto& p : r.problems) std::cerr << r.path << ": libical: " << p << "\n";
        ok = ok && r.problems.empty();
    }
    return ok ? 0 : 1;
}
