#include "calendar/invitation.hpp"

#include "calendar/item_text.hpp"
#include "calendar/timezone.hpp"

namespace booklet::calendar {

namespace {

std::string outline_line(const model::Programme& p, const model::Item& item) {
    std::string line;
    if (item.time) line = item.time->start.hhmm() + "\u2013" + item.time->end.hhmm() + ' ';
    return line + event_summary(p, item);
}

// One line per top-level item; each day under its date when there are several.
std::string outline(const model::Programme& p) {
    std::string out;
    for (const auto& day : p.days) {
        if (p.days.size() > 1) out += (out.empty() ? "" : "\n") + day.date.iso();
        for (const auto& item : day.items) out += (out.empty() ? "" : "\n") + outline_line(p, item);
    }
    return out;
}

std::string invitation_description(const model::Programme& p) {
    std::string out;
    for (const std::string& block : {p.subtitle, outline(p), p.website_url, p.registration_url}) {
        if (block.empty()) continue;
        if (!out.empty()) out += "\n\n";
        out += block;
    }
    return out;
}

std::string venue_location(const model::Programme& p) {
    const model::Venue& v = p.venue;
    std::string out;
    const std::string city = v.postcode.empty() ? v.city : v.city.empty() ? v.postcode : v.postcode + ' ' + v.city;
    const std::string room = p.rooms.size() == 1 ? p.rooms.front().name : std::string();
    for (const std::string& part : {v.name, room, v.street, city}) {
        if (part.empty()) continue;
        if (!out.empty()) out += ", ";
        out += part;
    }
    return out;
}

std::string organizer_email(const model::Programme& p, const InvitationOptions& options) {
    if (!options.organizer_email.empty()) return options.organizer_email;
    const auto organizer = programme_organizer(p);
    return organizer ? organizer->email : std::string();
}

void write_attendee(ics::Writer& w, const Attendee& a) {
    ics::Params params;
    if (!a.name.empty()) params.push_back({"CN", a.name});
    params.push_back({"ROLE", "REQ-PARTICIPANT"});
    params.push_back({"PARTSTAT", "NEEDS-ACTION"});
    params.push_back({"RSVP", "TRUE"});
    w.raw("ATTENDEE", ics::mailto(a.email), params);
}

void write_invitation_event(ics::Writer& w, const model::Programme& p, const InvitationOptions& options,
                            const TimedSpan& span, const std::string& organizer) {
    const bool cancel = options.method == InvitationMethod::Cancel;
    w.begin("VEVENT");
    w.text("UID", programme_uid(p));
    w.utc_date_time("DTSTAMP", resolve_dtstamp(options.dtstamp));
    w.integer("SEQUENCE", options.sequence.value_or(p.revision));
    write_span(w, span, p.timezone);
    w.text("SUMMARY", p.title);
    if (const auto d = invitation_description(p); !d.empty()) w.text("DESCRIPTION", d);
    if (const auto l = venue_location(p); !l.empty()) w.text("LOCATION", l);
    if (!p.website_url.empty()) w.raw("URL", ics::uri(p.website_url));
    w.raw("ORGANIZER", ics::mailto(organizer));
    write_attendee(w, options.attendee);
    w.raw("STATUS", cancel ? "CANCELLED" : "CONFIRMED");
    w.end("VEVENT");
}

}  // namespace

const char* method_name(InvitationMethod m) { return m == InvitationMethod::Cancel ? "CANCEL" : "REQUEST"; }

std::optional<TimedSpan> programme_span(const model::Programme& p) {
    std::optional<TimedSpan> span;
    for (const auto& day : p.days) {
        const auto hours = day.hours();
        if (!hours) continue;
        const auto start = model::LocalDateTime{day.date, hours->start}.normalised();
        const auto end = model::LocalDateTime{day.date, hours->end}.normalised();
        if (!span) span = TimedSpan{start, end};
        span->start = std::min(span->start, start);
        span->end = std::max(span->end, end);
    }
    return span;
}

std::string make_invitation(const model::Programme& p, const InvitationOptions& options,
                            model::Diagnostics& diags) {
    const std::size_t errors_before = diags.error_count();
    const auto span = programme_span(p);
    const std::string organizer = organizer_email(p, options);
    if (!span) diags.error(p.where, "the programme has no timed item: nothing to put in a calendar");
    if (organizer.empty())
        diags.error(p.where, "an invitation needs an organiser: give the programme a contact with an e-mail");
    if (options.attendee.email.empty()) diags.error(p.where, "an invitation needs the attendee's e-mail address");
    if (!is_known_time_zone(p.timezone)) diags.error(p.where, "unknown time zone '" + p.timezone + "'");
    if (diags.error_count() > errors_before) return {};

    const std::string zone = vtimezone(p.timezone, span->start.date.year, span->end.date.year, p.where, diags);
    if (zone.empty()) return {};
    ics::Writer w;
    begin_calendar(w, options.prodid, method_name(options.method));
    w.append(zone);
    write_invitation_event(w, p, options, *span, organizer);
    w.end("VCALENDAR");
    return w.finish();
}

}  // namespace booklet::calendar
