#pragma once
// One invitation e-mail per registrant (RFC 5322 + MIME + iMIP, RFC 6047),
// built as bytes by booklet's own writer:
//
//   Date, From (the organiser), To (the registrant, RFC 2047 encoded),
//   Subject (the template's, encoded when not ASCII), Message-ID
//   (deterministic, so the journal can record it before DATA), MIME-Version
//   multipart/alternative
//     text/plain; charset=UTF-8            quoted-printable, from the template
//     text/calendar; method=REQUEST|CANCEL; charset=UTF-8   base64
//   and, with attachments, all of it inside a multipart/mixed followed by
//   the attachments (the booklet PDF, the programme's .ics as application/ics).
//
// Every line ends in CRLF, every body is 7-bit.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/invitation.hpp"
#include "mail/mail_template.hpp"
#include "mail/mime.hpp"
#include "model/diagnostic.hpp"
#include "model/programme.hpp"

namespace booklet::mail {

struct Mailbox {
    std::string name;   // display name, may be empty
    std::string email;  // a valid address (read::is_email)
};

struct Recipient {
    Mailbox mailbox;
    std::string lang;  // "fr" or "en": the registrant's, else the programme's
};

struct Attachment {
    std::string content_type;  // "application/pdf"
    std::string filename;      // "medico-social-2020.pdf"
    std::string bytes;
};

struct Envelope {
    std::string from;  // MAIL FROM
    std::string to;    // RCPT TO
};

struct OutgoingMessage {
    Envelope envelope;
    std::string message_id;  // with the angle brackets
    std::string bytes;       // the whole message, CRLF lines, not dot-stuffed
};

// Settings shared by every message of a batch.
struct BatchSettings {
    calendar::InvitationMethod method = calendar::InvitationMethod::Request;
    int sequence = 0;
    std::int64_t now = 0;  // seconds since the epoch: the Date header and DTSTAMP
    std::vector<Attachment> attachments;
};

// "<programme-id.SEQ.HASH@domain>": the same programme, sequence and
// address (compared as read::address_key) always give the same id; HASH is
// the first 16 hex digits of the SHA-256 of the address key.
std::string message_id(std::string_view programme_id, int sequence, std::string_view email,
                       std::string_view domain);

// "Tue, 28 Jan 2020 08:30:00 +0000" (RFC 5322 §3.3, in UTC).
std::string date_value(std::int64_t epoch_seconds);

class InvitationComposer {
public:
    // `templates` must hold every language recipients will use.
    InvitationComposer(const model::Programme& programme, Mailbox from, std::map<std::string, MailTemplates> templates,
                       BatchSettings settings);

    const BatchSettings& settings() const { return settings_; }
    const Mailbox& from() const { return from_; }

    // The message for one recipient, worded as `kind`. On error (a
    // calendar problem, a language without templates) adds diagnostics and
    // returns nullopt.
    // `now` (seconds since the epoch) replaces the settings' time for
    // this message's Date and DTSTAMP.
    std::optional<OutgoingMessage> compose(const Recipient& to, MessageKind kind, model::Diagnostics& diags,
                                           std::optional<std::int64_t> now = std::nullopt) const;

private:
    const model::Programme& programme_;
    Mailbox from_;
    std::map<std::string, MailTemplates> templates_;
    std::map<std::string, Values> values_;  // per language
    BatchSettings settings_;
    std::vector<mime::Part> attachment_parts_;  // encoded once
};

}  // namespace booklet::mail
