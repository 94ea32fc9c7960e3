#include "calendar/programme_calendar.hpp"

#include <algorithm>
#include <ctime>

#include "calendar/item_text.hpp"

namespace booklet::calendar {

std::string item_uid(const model::Programme& p, const model::Item& item) {
    return item.id + '@' + p.id + ".booklet";
}

std::string programme_uid(const model::Programme& p) { return p.id + "@booklet"; }

EventSpan event_span(const model::ItemRef& ref) {
    const auto time = ref.effective_time();
    if (!time) return AllDaySpan{ref.day->date, ref.day->date};
    return TimedSpan{model::LocalDateTime{ref.day->date, time->start}.normalised(),
                     model::LocalDateTime{ref.day->date, time->end}.normalised()};
}

bool is_timed(const EventSpan& span) { return std::holds_alternative<TimedSpan>(span); }

std::optional<std::pair<int, int>> years_spanned(const std::vector<EventSpan>& spans) {
    std::optional<std::pair<int, int>> years;
    for (const auto& span : spans) {
        const auto* timed = std::get_if<TimedSpan>(&span);
        if (!timed) continue;
        const int first = timed->start.date.year;
        const int last = std::max(first, timed->end.date.year);
        if (!years)
            years = {first, last};
        else
            years = {std::min(years->first, first), std::max(years->second, last)};
    }
    return years;
}

std::int64_t resolve_dtstamp(std::optional<std::int64_t> dtstamp) {
    return dtstamp ? *dtstamp : static_cast<std::int64_t>(std::time(nullptr));
}

std::optional<Organizer> programme_organizer(const model::Programme& p) {
    for (const auto& contact : p.contacts) {
        if (contact.email.empty()) continue;
        const auto* person = p.person(contact.ref);
        return Organizer{person ? person->display_name() : std::string(), contact.email};
    }
    return std::nullopt;
}

void begin_calendar(ics::Writer& w, std::string_view prodid, std::string_view method) {
    w.begin("VCALENDAR");
    w.text("PRODID", prodid);
    w.raw("VERSION", "2.0");
    w.raw("CALSCALE", "GREGORIAN");
    if (!method.empty()) w.raw("METHOD", method);
}

void write_span(ics::Writer& w, const EventSpan& span, const std::string& tzid) {
    if (const auto* timed = std::get_if<TimedSpan>(&span)) {
        w.local_date_time("DTSTART", timed->start, tzid);
        if (timed->end > timed->start) w.local_date_time("DTEND", timed->end, tzid);
    } else {
        const auto& all_day = std::get<AllDaySpan>(span);
        w.date("DTSTART", all_day.first);
        w.date("DTEND", all_day.last.next());
    }
}

void write_item_event(ics::Writer& w, const model::Programme& p, const model::ItemRef& ref,
                      std::int64_t dtstamp) {
    const model::Item& item = *ref.item;
    w.begin("VEVENT");
    w.text("UID", item_uid(p, item));
    w.utc_date_time("DTSTAMP", dtstamp);
    w.integer("SEQUENCE", p.revision);
    write_span(w, event_span(ref), p.timezone);
    if (const auto summary = event_summary(p, item); !summary.empty()) w.text("SUMMARY", summary);
    if (const auto description = event_description(p, ref); !description.empty())
        w.text("DESCRIPTION", description);
    if (const auto location = event_location(p, ref); !location.empty()) w.text("LOCATION", location);
    w.text_list("CATEGORIES", event_categories(item));
    if (!item.href.empty()) w.raw("URL", ics::uri(item.href));
    if (const auto organizer = programme_organizer(p)) {
        ics::Params params;
        if (!organizer->name.empty()) params.push_back({"CN", organizer->name});
        w.raw("ORGANIZER", ics::mailto(organizer->email), params);
    }
    w.end("VEVENT");
}

}  // namespace booklet::calendar
