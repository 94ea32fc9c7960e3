#pragma once
// The iCalendar part of an iMIP invitation (RFC 6047 / RFC 5546): one
// VEVENT for the whole programme, from the first day's opening to the last
// day's closing, sent to one attendee with METHOD:REQUEST, or withdrawn
// with METHOD:CANCEL. The mail stage wraps it as text/calendar.
#include <cstdint>
#include <optional>
#include <string>

#include "calendar/programme_calendar.hpp"
#include "model/diagnostic.hpp"
#include "model/programme.hpp"

namespace booklet::calendar {

enum class InvitationMethod { Request, Cancel };

// "REQUEST" / "CANCEL", as in METHOD and in the MIME type's method=.
const char* method_name(InvitationMethod m);

struct Attendee {
    std::string name;   // CN; may be empty
    std::string email;  // required
};

struct InvitationOptions {
    InvitationMethod method = InvitationMethod::Request;
    Attendee attendee;
    std::string organizer_email;          // empty: the programme's first contact with an e-mail
    std::optional<int> sequence;          // empty: the programme's revision
    std::optional<std::int64_t> dtstamp;  // seconds since the epoch; empty: now
    std::string prodid = kDefaultProdid;
};

// From the first day's opening to the last day's closing (Day::hours());
// nullopt when no day has hours.
std::optional<TimedSpan> programme_span(const model::Programme& p);

// METHOD, the VTIMEZONE and one VEVENT: UID programme_uid(p), DTSTAMP,
// SEQUENCE, DTSTART/DTEND, SUMMARY (the title), DESCRIPTION (subtitle,
// outline of the day, web site), LOCATION (the venue), URL (the web site),
// ORGANIZER:mailto:… (bare), ATTENDEE;CN=…;ROLE=REQ-PARTICIPANT;
// PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:…, and STATUS:CONFIRMED or, for a
// cancel, STATUS:CANCELLED. On error adds diagnostics and returns "".
std::string make_invitation(const model::Programme& p, const InvitationOptions& options,
                            model::Diagnostics& diags);

}  // namespace booklet::calendar
