#include "mail/invitation_mail.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <ctime>

#include "mail/header.hpp"
#include "read/registrants_reader.hpp"

namespace booklet::mail {

namespace {

std::string hash16(std::string_view text) {
    Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
    sha.update(text.data(), static_cast<unsigned>(text.size()));
    return Poco::DigestEngine::digestToHex(sha.digest()).substr(0, 16);
}

// A programme id as a dot-atom piece: letters, digits and '-' kept.
std::string id_atom(std::string_view id) {
    std::string out;
    for (char c : id) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
        out += ok ? c : '-';
    }
    return out.empty() ? std::string("booklet") : out;
}

std::string domain_of(std::string_view email) {
    const auto at = email.rfind('@');
    return at == std::string_view::npos ? std::string("booklet.invalid") : std::string(email.substr(at + 1));
}

}  // namespace

std::string message_id(std::string_view programme_id, int sequence, std::string_view email,
                       std::string_view domain) {
    return "<" + id_atom(programme_id) + "." + std::to_string(sequence) + "." + hash16(read::address_key(email)) +
           "@" + std::string(domain.empty() ? "booklet.invalid" : domain) + ">";
}

std::string date_value(std::int64_t epoch_seconds) {
    static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const std::time_t t = static_cast<std::time_t>(epoch_seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s, %d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday], tm.tm_mday,
                  kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return buf;
}

InvitationComposer::InvitationComposer(const model::Programme& programme, Mailbox from,
                                       std::map<std::string, MailTemplates> templates, BatchSettings settings)
    : programme_(programme), from_(std::move(from)), templates_(std::move(templates)), settings_(std::move(settings)) {
    for (const auto& [lang, t] : templates_) values_[lang] = programme_values(programme_, lang);
    for (const auto& a : settings_.attachments)
        attachment_parts_.push_back(mime::attachment(a.content_type, a.filename, a.bytes));
}

std::optional<OutgoingMessage> InvitationComposer::compose(const Recipient& to, MessageKind kind,
                                                           model::Diagnostics& diags,
                                                           std::optional<std::int64_t> now) const {
    const std::int64_t stamp = now.value_or(settings_.now);
    const auto templates = templates_.find(to.lang);
    if (templates == templates_.end()) {
        diags.error(programme_.where, "no mail template for language '" + to.lang + "'");
        return std::nullopt;
    }

    calendar::InvitationOptions io;
    io.method = settings_.method;
    io.attendee = {to.mailbox.name, to.mailbox.email};
    io.organizer_email = from_.email;
    io.sequence = settings_.sequence;
    io.dtstamp = stamp;
    const std::string ics = calendar::make_invitation(programme_, io, diags);
    if (ics.empty()) return std::nullopt;

    Values values = values_.at(to.lang);
    values["name"] = to.mailbox.name;
    const MailSection& section = templates->second.section(kind);

    OutgoingMessage out;
    out.envelope = {from_.email, to.mailbox.email};
    out.message_id = message_id(programme_.id, settings_.sequence, to.mailbox.email, domain_of(from_.email));
    const std::string tag = hash16(out.message_id);

    mime::Part alternative =
        mime::multipart("alternative", "=_booklet_alt_" + tag,
                        {mime::text_part(section.render_body(values)),
                         mime::calendar_part(ics, calendar::method_name(settings_.method))});
    mime::Part top;
    if (attachment_parts_.empty()) {
        top = std::move(alternative);
    } else {
        std::vector<mime::Part> parts{std::move(alternative)};
        parts.insert(parts.end(), attachment_parts_.begin(), attachment_parts_.end());
        top = mime::multipart("mixed", "=_booklet_mix_" + tag, std::move(parts));
    }

    std::vector<std::string> headers{
        header::field("Date", date_value(stamp)),
        header::mailbox_field("From", from_.name, from_.email),
        header::mailbox_field("To", to.mailbox.name, to.mailbox.email),
        header::unstructured_field("Subject", section.render_subject(values)),
        header::field("Message-ID", out.message_id),
        header::field("MIME-Version", "1.0"),
    };
    top.headers.insert(top.headers.begin(), headers.begin(), headers.end());
    out.bytes = mime::write(top);
    return out;
}

}  // namespace booklet::mail
