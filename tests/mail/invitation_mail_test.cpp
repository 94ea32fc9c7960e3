// One invitation message, as bytes: headers, structure, CRLF, the
// calendar part, deterministic Message-IDs.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "mail/invitation_mail.hpp"
#include "read/programme_reader.hpp"
#include "test_support.hpp"

namespace booklet::mail {
namespace {

using namespace testing_support;

constexpr std::int64_t kNow = 1580200200;  // 2020-01-28 08:30:00 UTC

model::Programme programme() {
    model::Diagnostics diags;
    auto p = read::read_programme_file(test_data("data/programme.xml").string(), diags);
    if (!p) throw std::runtime_error("test programme unreadable");
    return *p;
}

std::map<std::string, MailTemplates> templates() {
    std::map<std::string, MailTemplates> out;
    for (const std::string lang : {"fr", "en"}) {
        model::Diagnostics diags;
        out.emplace(lang, *read_mail_templates(lang, diags));
    }
    return out;
}

// The header block, unfolded, as name → value.
std::map<std::string, std::string> headers_of(const std::string& message) {
    const std::string block = unfold(message.substr(0, message.find("\r\n\r\n") + 2));
    std::map<std::string, std::string> out;
    std::size_t start = 0;
    while (start < block.size()) {
        const auto end = block.find("\r\n", start);
        const std::string line = block.substr(start, end - start);
        const auto colon = line.find(':');
        out[line.substr(0, colon)] = line.substr(colon + 2);
        start = end + 2;
    }
    return out;
}

// The decoded body of the first part whose headers contain `type`.
std::string part_body(const std::string& message, const std::string& type) {
    const auto at = message.find("Content-Type: " + type);
    if (at == std::string::npos) return "<no such part>";
    const auto body = message.find("\r\n\r\n", at) + 4;
    const auto end = message.find("\r\n--=_", body);
    const std::string raw = message.substr(body, end - body + 2);
    const std::string headers = message.substr(at, body - at);
    return headers.find("base64") != std::string::npos ? base64_decode(raw) : qp_decode(raw);
}

class InvitationMail : public ::testing::Test {
protected:
    InvitationMail() : p_(programme()) {}
    OutgoingMessage compose(const Recipient& r, BatchSettings s = {}, MessageKind kind = MessageKind::Invite) {
        if (s.now == 0) s.now = kNow;
        const auto org = Mailbox{"Anne-Sophie Lefèvre", "anne-sophie.lefevre@example.org"};
        InvitationComposer c(p_, org, templates(), s);
        model::Diagnostics diags;
        auto m = c.compose(r, kind, diags);
        for (const auto& d : diags.items()) ADD_FAILURE() << d.str();
        if (!m) throw std::runtime_error("no message");
        return *m;
    }
    model::Programme p_;
};

TEST(MessageId, DeterministicAndDistinct) {
    const std::string a = message_id("journee-mail", 0, "Anne@Example.org", "example.org");
    EXPECT_EQ(a, message_id("journee-mail", 0, "Anne@example.ORG", "example.org"));
    EXPECT_NE(a, message_id("journee-mail", 1, "Anne@example.org", "example.org"));
    EXPECT_NE(a, message_id("journee-mail", 0, "anne@example.org", "example.org"));
    EXPECT_NE(a, message_id("other", 0, "Anne@example.org", "example.org"));
    EXPECT_TRUE(std::regex_match(a, std::regex(R"(<journee-mail\.0\.[0-9a-f]{16}@example\.org>)"))) << a;
    EXPECT_TRUE(std::regex_match(message_id("Weird id/é", 3, "x@y.org", ""),
                                 std::regex(R"(<Weird-id---\.3\.[0-9a-f]{16}@booklet\.invalid>)")));
    std::set<std::string> ids;
    for (int i = 0; i < 1000; ++i) ids.insert(message_id("p", 0, "user" + std::to_string(i) + "@example.org", "x.org"));
    EXPECT_EQ(ids.size(), 1000u);
}

TEST(DateHeader, Rfc5322InUtc) {
    EXPECT_EQ(date_value(kNow), "Tue, 28 Jan 2020 08:30:00 +0000");
    EXPECT_EQ(date_value(0), "Thu, 1 Jan 1970 00:00:00 +0000");
}

TEST_F(InvitationMail, HeadersAndStructure) {
    const auto m = compose({{"Dubœuf, Élodie", "elodie@example.org"}, "fr"});
    EXPECT_EQ(m.envelope.from, "anne-sophie.lefevre@example.org");
    EXPECT_EQ(m.envelope.to, "elodie@example.org");
    EXPECT_TRUE(all_crlf(m.bytes));
    for (unsigned char c : m.bytes) ASSERT_LT(c, 0x80) << "the message is 7-bit";
    const auto h = headers_of(m.bytes);
    EXPECT_EQ(h.at("Date"), "Tue, 28 Jan 2020 08:30:00 +0000");
    EXPECT_EQ(decode_header_value(h.at("From")), "Anne-Sophie Lefèvre <anne-sophie.lefevre@example.org>");
    EXPECT_EQ(decode_header_value(h.at("To")), "Dubœuf, Élodie <elodie@example.org>");
    EXPECT_EQ(decode_header_value(h.at("Subject")), "Invitation : Journée d’étude : numérique et médico-social");
    EXPECT_EQ(h.at("Message-ID"), m.message_id);
    EXPECT_EQ(m.message_id, message_id("journee-mail", 0, "elodie@example.org", "example.org"));
    EXPECT_EQ(h.at("MIME-Version"), "1.0");
    EXPECT_EQ(h.at("Content-Type").rfind("multipart/alternative; boundary=\"=_booklet_alt_", 0), 0u);
    const auto text = m.bytes.find("Content-Type: text/plain; charset=UTF-8");
    const auto cal = m.bytes.find("Content-Type: text/calendar; method=REQUEST; charset=UTF-8");
    ASSERT_NE(text, std::string::npos);
    ASSERT_NE(cal, std::string::npos);
    EXPECT_LT(text, cal) << "the calendar part comes last";
}

TEST_F(InvitationMail, TextAndCalendarParts) {
    const auto m = compose({{"Élodie Œhlenschläger-Dubœuf", "elodie@example.org"}, "fr"}, {});
    const std::string text = part_body(m.bytes, "text/plain");
    EXPECT_NE(text.find("Bonjour Élodie Œhlenschläger-Dubœuf,"), std::string::npos) << text;
    EXPECT_NE(text.find("Date : mardi 28 janvier 2020"), std::string::npos) << text;
    EXPECT_NE(text.find("Horaires : 9\u00A0h\u00A030 – 17\u00A0h"), std::string::npos) << text;
    const std::string ics = part_body(m.bytes, "text/calendar");
    EXPECT_TRUE(all_crlf(ics));
    const std::string flat = unfold_ics(ics);
    EXPECT_NE(flat.find("METHOD:REQUEST\r\n"), std::string::npos);
    EXPECT_NE(flat.find("SEQUENCE:0\r\n"), std::string::npos);
    EXPECT_NE(flat.find("UID:journee-mail@booklet\r\n"), std::string::npos);
    EXPECT_NE(flat.find("ORGANIZER:mailto:anne-sophie.lefevre@example.org\r\n"), std::string::npos);
    EXPECT_NE(flat.find("ATTENDEE;CN=Élodie Œhlenschläger-Dubœuf;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;"
                        "RSVP=TRUE:mailto:elodie@example.org\r\n"),
              std::string::npos)
        << flat;
    EXPECT_NE(flat.find("DTSTAMP:20200128T083000Z\r\n"), std::string::npos);
}

TEST_F(InvitationMail, EnglishWithoutAName) {
    const auto m = compose({{"", "bob@example.org"}, "en"});
    const auto h = headers_of(m.bytes);
    EXPECT_EQ(h.at("To"), "bob@example.org");
    EXPECT_EQ(decode_header_value(h.at("Subject")), "Invitation: Journée d’étude : numérique et médico-social");
    const std::string text = part_body(m.bytes, "text/plain");
    EXPECT_EQ(text.rfind("Hello,\r\n", 0), 0u) << text;
    EXPECT_NE(text.find("Date: Tuesday 28 January 2020"), std::string::npos) << text;
    EXPECT_NE(text.find("Time: 9:30\u00A0am – 5\u00A0pm"), std::string::npos) << text;
    EXPECT_EQ(unfold_ics(part_body(m.bytes, "text/calendar")).find("CN="), std::string::npos);
}

TEST_F(InvitationMail, CancelAndSequence) {
    BatchSettings s;
    s.method = calendar::InvitationMethod::Cancel;
    s.sequence = 4;
    const auto m = compose({{"Bob", "bob@example.org"}, "en"}, s, MessageKind::Cancel);
    EXPECT_NE(m.bytes.find("Content-Type: text/calendar; method=CANCEL; charset=UTF-8"), std::string::npos);
    const std::string flat = unfold_ics(part_body(m.bytes, "text/calendar"));
    EXPECT_NE(flat.find("METHOD:CANCEL\r\n"), std::string::npos);
    EXPECT_NE(flat.find("STATUS:CANCELLED\r\n"), std::string::npos);
    EXPECT_NE(flat.find("SEQUENCE:4\r\n"), std::string::npos);
    EXPECT_EQ(decode_header_value(headers_of(m.bytes).at("Subject")).rfind("Cancelled: ", 0), 0u);
    EXPECT_NE(m.message_id.find(".4."), std::string::npos);
}

TEST_F(InvitationMail, AttachmentsMakeAMultipartMixed) {
    BatchSettings s;
    s.attachments = {{"application/pdf", "journee.pdf", std::string("%PDF-1.4\r\n\0\xff", 12)},
                     {"application/ics", "journee.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"}};
    const auto m = compose({{"Bob", "bob@example.org"}, "en"}, s);
    EXPECT_TRUE(all_crlf(m.bytes));
    EXPECT_EQ(headers_of(m.bytes).at("Content-Type").rfind("multipart/mixed; boundary=\"=_booklet_mix_", 0), 0u);
    const auto alt = m.bytes.find("Content-Type: multipart/alternative");
    const auto pdf = m.bytes.find("Content-Type: application/pdf; name=\"journee.pdf\"");
    const auto ics = m.bytes.find("Content-Type: application/ics; name=\"journee.ics\"");
    ASSERT_NE(alt, std::string::npos);
    ASSERT_NE(pdf, std::string::npos);
    ASSERT_NE(ics, std::string::npos);
    EXPECT_LT(alt, pdf);
    EXPECT_LT(pdf, ics);
    EXPECT_EQ(part_body(m.bytes, "application/pdf"), std::string("%PDF-1.4\r\n\0\xff", 12));
}

TEST_F(InvitationMail, SameInputSameBytes) {
    const Recipient r{{"Élodie", "elodie@example.org"}, "fr"};
    EXPECT_EQ(compose(r).bytes, compose(r).bytes);
}

TEST_F(InvitationMail, NoLineTooLong) {
    const auto m = compose({{std::string(120, 'x') + " Élodie " + std::string(90, 'y'), "elodie@example.org"}, "fr"});
    std::size_t start = 0;
    while (start < m.bytes.size()) {
        const auto end = m.bytes.find("\r\n", start);
        EXPECT_LE(end - start, 78u) << m.bytes.substr(start, end - start);
        start = end + 2;
    }
}

TEST_F(InvitationMail, CalendarErrorsAreDiagnostics) {
    p_.timezone = "Mars/Olympus";
    const InvitationComposer c(p_, {"", "a@example.org"}, templates(), {});
    model::Diagnostics diags;
    EXPECT_FALSE(c.compose({{"", "b@example.org"}, "fr"}, MessageKind::Invite, diags).has_value());
    EXPECT_TRUE(diags.has_errors());
    EXPECT_FALSE(c.compose({{"", "b@example.org"}, "de"}, MessageKind::Invite, diags).has_value());
}

}  // namespace
}  // namespace booklet::mail
