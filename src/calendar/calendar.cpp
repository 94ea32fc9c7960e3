#include "calendar/calendar.hpp"

#include <cstdio>
#include <set>

#include "calendar/timezone.hpp"

namespace booklet::calendar {

namespace {

bool is_break_or_meal(const model::Item& item) {
    return item.kind == model::ItemKind::Break || item.kind == model::ItemKind::Meal;
}

bool is_safe_file_byte(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '.' || c == '-';
}

void check_stem(const std::string& stem, const model::Programme& p, model::Diagnostics& diags) {
    bool bad = stem.empty() || stem == "." || stem == "..";
    for (char c : stem) bad = bad || c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20;
    if (bad) diags.error(p.where, "'" + stem + "' cannot name a calendar file");
}

// Every item needs an id of its own: it makes the UID.
void check_item_ids(const model::Programme& p, model::Diagnostics& diags) {
    std::set<std::string> seen;
    for (const auto& ref : p.all_items()) {
        const auto& item = *ref.item;
        if (item.id.empty())
            diags.error(item.where, "this item has no id, so it cannot have a stable calendar UID");
        else if (!seen.insert(item.id).second)
            diags.error(item.where, "item id '" + item.id + "' is used twice: calendar UIDs would clash");
    }
}

std::vector<EventSpan> spans_of(const std::vector<model::ItemRef>& items) {
    std::vector<EventSpan> spans;
    for (const auto& ref : items) spans.push_back(event_span(ref));
    return spans;
}

std::string publish_method(const model::Programme& p) { return programme_organizer(p) ? "PUBLISH" : ""; }

std::string programme_calendar(const model::Programme& p, const std::vector<model::ItemRef>& items,
                               const std::string& zone, std::int64_t dtstamp, const CalendarOptions& options) {
    ics::Writer w;
    begin_calendar(w, options.prodid, publish_method(p));
    if (!p.title.empty()) w.text("X-WR-CALNAME", p.title);
    if (!p.subtitle.empty()) w.text("X-WR-CALDESC", p.subtitle);
    w.text("X-WR-TIMEZONE", p.timezone);
    w.append(zone);
    for (const auto& ref : items) write_item_event(w, p, ref, dtstamp);
    w.end("VCALENDAR");
    return w.finish();
}

std::string talk_calendar(const model::Programme& p, const model::ItemRef& talk, const std::string& zone,
                          std::int64_t dtstamp, const CalendarOptions& options) {
    ics::Writer w;
    begin_calendar(w, options.prodid, publish_method(p));
    if (is_timed(event_span(talk))) w.append(zone);
    write_item_event(w, p, talk, dtstamp);
    w.end("VCALENDAR");
    return w.finish();
}

}  // namespace

std::vector<model::ItemRef> calendar_items(const model::Programme& p, bool include_breaks) {
    std::vector<model::ItemRef> out;
    for (const auto& ref : p.all_items())
        if (include_breaks || !is_break_or_meal(*ref.item)) out.push_back(ref);
    return out;
}

std::string file_name_for_id(std::string_view id) {
    std::string out;
    for (std::size_t i = 0; i < id.size(); ++i) {
        const char c = id[i];
        if (is_safe_file_byte(c) && !(i == 0 && c == '.')) {
            out += c;
        } else {
            char buf[4];
            std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
            out += buf;
        }
    }
    return out;
}

std::vector<CalendarFile> make_calendar_files(const model::Programme& p, const std::string& stem,
                                              const CalendarOptions& options, model::Diagnostics& diags) {
    const std::size_t errors_before = diags.error_count();
    const auto items = calendar_items(p, options.include_breaks);
    const auto years = years_spanned(spans_of(items));
    check_stem(stem, p, diags);
    check_item_ids(p, diags);
    if (!years) diags.error(p.where, "the programme has no timed item: nothing to put in a calendar");
    if (!is_known_time_zone(p.timezone)) diags.error(p.where, "unknown time zone '" + p.timezone + "'");
    if (diags.error_count() > errors_before) return {};

    const std::string zone = vtimezone(p.timezone, years->first, years->second, p.where, diags);
    if (zone.empty()) return {};
    const std::int64_t dtstamp = resolve_dtstamp(options.dtstamp);

    std::vector<CalendarFile> files;
    files.push_back({stem + ".ics", programme_calendar(p, items, zone, dtstamp, options)});
    for (const auto& ref : items) {
        if (ref.item->kind != model::ItemKind::Talk) continue;
        files.push_back(
            {"ics/" + file_name_for_id(ref.item->id) + ".ics", talk_calendar(p, ref, zone, dtstamp, options)});
    }
    return files;
}

}  // namespace booklet::calendar
