// `booklet invite` end to end, against a real SMTP server (aiosmtpd, in
// smtp_server.py) with faults injected: every message read back with
// Python's email package and libical, crashes and reruns, updates and
// cancellations, header injection, STARTTLS refused, TLS and AUTH.
#include <gtest/gtest.h>
#include <signal.h>

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <thread>

#include "test_support.hpp"

namespace booklet::mail {
namespace {

using namespace testing_support;

const std::string kOrganiser = "anne-sophie.lefevre@example.org";
const std::string kUid = "journee-mail@booklet";

struct Reg {
    std::string email;
    std::string name;
    std::string lang;
};

std::string csv_quote(const std::string& s) {
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

// 200 people, most with accented names, some with commas and quotes.
std::vector<Reg> generated(std::size_t n) {
    const std::vector<std::string> firsts = {"Élodie", "François", "Zoë",   "Łukasz", "Ørjan", "Chloé",  "Jürgen",
                                             "Søren",  "Anaïs",    "José",  "Björn",  "Renée", "Œdipe",  "Ígor",
                                             "Mélissa", "Noël",    "Ángel", "Maëlle", "Hélène", "Çağla"};
    const std::vector<std::string> lasts = {"Œhlenschläger-Dubœuf", "Müller",   "Dupont, fils",
                                            "O'Brien",              "de La Tour d’Auvergne", "Ñúñez",
                                            "Straße",               "\"Le Grand\" Martin",   "Lefèvre",
                                            "Øster"};
    std::vector<Reg> out;
    for (std::size_t i = 0; i < n; ++i) {
        char buf[64];
        std::snprintf(buf, sizeof buf, i % 7 == 0 ? "R%03zu.Upper@Sub.Example.ORG" : "r%03zu@example.org", i);
        const std::string lang = i % 3 == 0 ? "en" : i % 3 == 1 ? "fr" : "";
        out.push_back({buf, i % 11 == 5 ? "" : firsts[i % 20] + " " + lasts[(i / 20) % 10], lang});
    }
    return out;
}

std::string csv_of(const std::vector<Reg>& regs) {
    std::string out = "\xEF\xBB\xBF" "email,name,language\r\n";
    for (const auto& r : regs) out += r.email + "," + csv_quote(r.name) + "," + r.lang + "\r\n";
    return out;
}

// How check_ical and iCalendar spell a CN parameter: a DQUOTE cannot be escaped, it becomes "'".
std::string cn_of(std::string name) {
    std::replace(name.begin(), name.end(), '"', '\'');
    return name;
}

std::string lower_domain(const std::string& email) {
    const auto at = email.rfind('@');
    std::string domain = email.substr(at + 1);
    for (char& c : domain) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return email.substr(0, at + 1) + domain;
}

std::map<std::string, int> per_recipient(const SmtpServer& server) {
    std::map<std::string, int> out;
    for (const auto& r : server.received()) {
        EXPECT_EQ(r.to.size(), 1u) << "one recipient per message";
        for (const auto& to : r.to) ++out[lower_domain(to)];
    }
    return out;
}

// The addresses listed under the "uncertain" heading of a run's report.
std::set<std::string> uncertain_in(const std::string& err) {
    std::set<std::string> out;
    const auto at = err.find("uncertain: may or may not have arrived:\n");
    if (at == std::string::npos) return out;
    std::istringstream lines(err.substr(at));
    std::string line;
    std::getline(lines, line);
    while (std::getline(lines, line) && line.rfind("  ", 0) == 0) {
        const auto end = line.find_first_of(" :", 2);
        const std::string addr = line.substr(2, end - 2);
        if (addr.find('@') != std::string::npos) out.insert(lower_domain(addr));
    }
    return out;
}

class Invite : public ::testing::Test {
protected:
    Invite() : dir_(::testing::UnitTest::GetInstance()->current_test_info()->name()) {}

    fs::path out() const { return dir_ / "out"; }
    fs::path journal() const { return out() / "programme.invites.sqlite"; }
    fs::path csv() const { return dir_ / "reg.csv"; }
    void write_registrants(const std::vector<Reg>& regs) { write_file(csv(), csv_of(regs)); }

    std::vector<std::string> argv(const std::vector<std::string>& extra) const {
        std::vector<std::string> a{booklet_binary(), "invite", test_data("data/programme.xml").string(),
                                   "--registrants", csv().string(), "-o", out().string()};
        a.insert(a.end(), extra.begin(), extra.end());
        return a;
    }
    std::map<std::string, std::string> env(std::map<std::string, std::string> more = {}) const {
        std::map<std::string, std::string> e{{"BOOKLET_SMTP_RETRY_DELAY_MS", "20"},
                                             {"BOOKLET_SMTP_TIMEOUT_MS", "5000"},
                                             {"BOOKLET_SMTP_PASSWORD", ""},
                                             {"SSL_CERT_FILE", ""},
                                             {"SOURCE_DATE_EPOCH", ""}};
        for (auto& [k, v] : more) e[k] = v;
        return e;
    }
    RunResult invite(const std::vector<std::string>& extra, std::map<std::string, std::string> more_env = {}) {
        return run(argv(extra), env(std::move(more_env)));
    }
    std::vector<ParsedMessage> parsed(const SmtpServer& server, std::size_t from = 0,
                                      const fs::path& extract = {}) {
        std::vector<fs::path> files;
        const auto all = server.received();
        for (std::size_t i = from; i < all.size(); ++i) files.push_back(all[i].eml);
        return parse_messages(files, extract);
    }

    TempDir dir_;
};

TEST_F(Invite, TwoHundredRegistrantsOneWellFormedMessageEach) {
    const auto regs = generated(200);
    write_registrants(regs);
    SmtpServer server(dir_.path());
    const auto r = invite({"--smtp", server.address()});
    ASSERT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.err.find("200/200 sent, 0 failed"), std::string::npos) << r.err;

    // Exactly one message per registrant, from the organiser.
    const auto counts = per_recipient(server);
    ASSERT_EQ(counts.size(), 200u);
    for (const auto& reg : regs) EXPECT_EQ(counts.count(lower_domain(reg.email)) ? counts.at(lower_domain(reg.email)) : 0, 1) << reg.email;
    for (const auto& rec : server.received()) EXPECT_EQ(rec.from, kOrganiser);

    // Every message read back by Python's email package.
    const fs::path ics_dir = dir_ / "ics";
    fs::create_directories(ics_dir);
    const auto messages = parsed(server, 0, ics_dir);
    ASSERT_EQ(messages.size(), 200u);
    std::map<std::string, Reg> by_email;
    for (const auto& reg : regs) by_email[lower_domain(reg.email)] = reg;
    std::set<std::string> ids;
    const std::regex id_shape(R"(<journee-mail\.0\.[0-9a-f]{16}@example\.org>)");
    for (const auto& m : messages) {
        SCOPED_TRACE(m.file);
        EXPECT_EQ(m.get("CRLF"), "ok");
        EXPECT_EQ(m.get("DEFECTS"), "0");
        EXPECT_EQ(m.get("NONASCII"), "0");
        EXPECT_LE(std::stoi(m.get("MAXLINE")), 78);
        EXPECT_EQ(m.get("STRUCTURE"), "multipart/alternative(text/plain,text/calendar)");
        EXPECT_EQ(m.get("TEXT-CTE"), "quoted-printable");
        EXPECT_EQ(m.get("CALENDAR-CTE"), "base64");
        EXPECT_EQ(m.get("CALENDAR-METHOD"), "REQUEST");
        EXPECT_EQ(m.get("CALENDAR-CHARSET"), "UTF-8");
        EXPECT_EQ(m.get("FROM"), "Anne-Sophie Lefèvre|" + kOrganiser);
        EXPECT_EQ(m.get("MIME-VERSION"), "1.0");
        EXPECT_EQ(m.get("ICS-METHOD"), "REQUEST");
        EXPECT_EQ(m.get("ICS-UID"), kUid);
        EXPECT_EQ(m.get("ICS-SEQUENCE"), "0");
        EXPECT_EQ(m.get("ICS-STATUS"), "CONFIRMED");
        EXPECT_EQ(m.get("ICS-ORGANIZER"), "mailto:" + kOrganiser);
        EXPECT_TRUE(ids.insert(m.get("MESSAGE-ID")).second) << "duplicate Message-ID";
        EXPECT_TRUE(std::regex_match(m.get("MESSAGE-ID"), id_shape)) << m.get("MESSAGE-ID");

        // The To header decodes to the registrant; the ATTENDEE is the same person.
        const std::string to = m.get("TO");
        const auto bar = to.rfind('|');
        const std::string addr = lower_domain(to.substr(bar + 1));
        ASSERT_TRUE(by_email.count(addr)) << to;
        const Reg& reg = by_email.at(addr);
        EXPECT_EQ(to.substr(0, bar), reg.name);
        EXPECT_EQ(lower_domain(m.get("ICS-ATTENDEE")), "mailto:" + addr);
        EXPECT_EQ(m.get("ICS-ATTENDEE-CN"), cn_of(reg.name));

        // The wording follows the registrant's language (fr by default).
        const bool en = reg.lang == "en";
        EXPECT_EQ(m.get("SUBJECT"), std::string(en ? "Invitation: " : "Invitation : ") +
                                        "Journée d’étude : numérique et médico-social");
        ASSERT_FALSE(m.text.empty());
        const std::string greeting = reg.name.empty() ? (en ? "Hello," : "Bonjour,")
                                                      : (en ? "Dear " : "Bonjour ") + reg.name + ",";
        EXPECT_EQ(m.text.front(), greeting);
        const std::string date = en ? "Date: Tuesday 28 January 2020" : "Date : mardi 28 janvier 2020";
        EXPECT_NE(std::find(m.text.begin(), m.text.end(), date), m.text.end());
    }

    // libical accepts every calendar part (RFC 5545 line rules, RFC 5546 REQUEST rules).
    std::vector<std::string> check{CHECK_ICAL};
    for (const auto& e : fs::directory_iterator(ics_dir)) check.push_back(e.path().string());
    ASSERT_EQ(check.size(), 201u);
    const auto ical = run(check);
    EXPECT_EQ(ical.status, 0) << ical.out << ical.err;

    // A rerun sends nothing: nobody gets a message twice.
    const auto again = invite({"--smtp", server.address()});
    EXPECT_EQ(again.status, 0) << again.err;
    EXPECT_NE(again.err.find("0 to send, 200 already sent"), std::string::npos) << again.err;
    EXPECT_EQ(server.count(), 200u);
}

TEST_F(Invite, FaultsCrashAndRerunLoseNothingAndDuplicateNothing) {
    const auto regs = generated(100);
    write_registrants(regs);
    const std::string perm = lower_domain(regs[20].email);
    const std::string faults = R"({"rcpt_temp": {")" + regs[5].email + R"(": 1, ")" + regs[10].email +
                               R"(": 2}, "data_temp": {")" + regs[15].email + R"(": 1}, "rcpt_perm": [")" +
                               regs[20].email + R"("], "drop_after": 30})";
    SmtpServer server(dir_.path(), faults);

    // First run: killed with SIGKILL once the server holds 50 messages.
    {
        Process p(argv({"--smtp", server.address(), "--rate", "100"}), env(), dir_ / "logs", "first");
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (server.count() < 50 && p.running() && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        p.kill(SIGKILL);
        const auto r = p.wait();
        ASSERT_EQ(r.signal, SIGKILL) << "the first run ended before the kill: " << r.err;
    }
    const std::size_t at_kill = server.count();
    EXPECT_GE(at_kill, 50u);
    EXPECT_LT(at_kill, 99u) << "the kill should land mid-run";

    // The rerun finishes the batch; the 550 address is reported, exit 3.
    const auto second = invite({"--smtp", server.address()});
    EXPECT_NE(second.err.find("invitations SEQUENCE 0 (REQUEST): "), std::string::npos) << second.err;
    EXPECT_EQ(second.err.find("(REQUEST): 0 to send"), std::string::npos) << "the kill left work for the rerun";

    // Every fault fired: the retries, the permanent refusal and the drop were exercised.
    const auto events = server.events();
    auto fired = [&](const std::string& e) { return std::count(events.begin(), events.end(), e); };
    EXPECT_EQ(fired("rcpt-451 " + regs[5].email), 1);
    EXPECT_EQ(fired("rcpt-451 " + regs[10].email), 2);
    EXPECT_EQ(fired("data-451 " + regs[15].email), 1);
    EXPECT_GE(fired("rcpt-550 " + regs[20].email), 1);
    EXPECT_EQ(fired("drop-at-mail"), 1);
    EXPECT_EQ(second.status, 3) << second.err;
    EXPECT_NE(second.err.find("failed permanently"), std::string::npos) << second.err;
    EXPECT_NE(second.err.find(regs[20].email + ": RCPT TO: 550"), std::string::npos) << second.err;

    // At most the one message in flight at the kill can be uncertain: it is
    // reported, not resent.
    const auto uncertain = uncertain_in(second.err);
    EXPECT_LE(uncertain.size(), 1u) << second.err;
    auto counts = per_recipient(server);
    EXPECT_EQ(counts.count(perm), 0u);
    for (const auto& reg : regs) {
        const std::string a = lower_domain(reg.email);
        if (a == perm) continue;
        const int n = counts.count(a) ? counts.at(a) : 0;
        if (uncertain.count(a)) EXPECT_LE(n, 1) << a;
        else EXPECT_EQ(n, 1) << a << " (nothing lost, nothing twice)";
    }

    // A third run without --resend-uncertain changes nothing; with it, the
    // uncertain one is sent again (and may arrive twice: the user asked).
    const std::size_t before = server.count();
    const auto third = invite({"--smtp", server.address()});
    EXPECT_EQ(third.status, 3) << third.err;
    EXPECT_EQ(server.count(), before);
    if (!uncertain.empty()) {
        const auto fourth = invite({"--smtp", server.address(), "--resend-uncertain"});
        EXPECT_EQ(fourth.status, 3) << fourth.err;  // the 550 one still fails
        counts = per_recipient(server);
        for (const auto& a : uncertain) EXPECT_GE(counts[a], 1) << a;
    }
}

TEST_F(Invite, UpdateThenCancelKeepTheUid) {
    const auto regs = generated(5);
    write_registrants(regs);
    SmtpServer server(dir_.path());
    ASSERT_EQ(invite({"--smtp", server.address()}).status, 0);
    ASSERT_EQ(server.count(), 5u);

    const auto update = invite({"--smtp", server.address(), "--update"});
    ASSERT_EQ(update.status, 0) << update.err;
    ASSERT_EQ(server.count(), 10u);
    for (const auto& m : parsed(server, 5)) {
        EXPECT_EQ(m.get("ICS-METHOD"), "REQUEST");
        EXPECT_EQ(m.get("ICS-SEQUENCE"), "1");
        EXPECT_EQ(m.get("ICS-UID"), kUid);
        EXPECT_EQ(m.get("ICS-STATUS"), "CONFIRMED");
        const std::string s = m.get("SUBJECT");
        EXPECT_TRUE(s.rfind("Mise à jour : ", 0) == 0 || s.rfind("Updated: ", 0) == 0) << s;
    }

    const auto cancel = invite({"--smtp", server.address(), "--cancel"});
    ASSERT_EQ(cancel.status, 0) << cancel.err;
    ASSERT_EQ(server.count(), 15u);
    std::set<std::string> cancelled;
    for (const auto& m : parsed(server, 10)) {
        EXPECT_EQ(m.get("CALENDAR-METHOD"), "CANCEL");
        EXPECT_EQ(m.get("ICS-METHOD"), "CANCEL");
        EXPECT_EQ(m.get("ICS-STATUS"), "CANCELLED");
        EXPECT_EQ(m.get("ICS-SEQUENCE"), "2");
        EXPECT_EQ(m.get("ICS-UID"), kUid);
        cancelled.insert(lower_domain(m.get("TO").substr(m.get("TO").rfind('|') + 1)));
    }
    EXPECT_EQ(cancelled.size(), 5u);
    std::set<std::string> ids;
    for (const auto& m : parsed(server)) ids.insert(m.get("MESSAGE-ID"));
    EXPECT_EQ(ids.size(), 15u);

    // Again: the cancellation is complete, nothing is sent; inviting now is refused.
    const auto again = invite({"--smtp", server.address(), "--cancel"});
    EXPECT_EQ(again.status, 0) << again.err;
    EXPECT_EQ(server.count(), 15u);
    const auto reinvite = invite({"--smtp", server.address()});
    EXPECT_EQ(reinvite.status, 2);
    EXPECT_NE(reinvite.err.find("cancelled"), std::string::npos) << reinvite.err;
    EXPECT_EQ(server.count(), 15u);
}

TEST_F(Invite, HeaderInjectionIsRefusedBeforeAnythingIsSent) {
    write_file(csv(), "email,name\r\n"
                      "a@example.org,Anne\r\n"
                      "\"b@example.org\r\nBcc: victim@example.org\",Bob\r\n"
                      "c@example.org,\"Carl\r\nBcc: victim@example.org\"\r\n"
                      "d@example.org,Dora\r\n");
    SmtpServer server(dir_.path());
    const auto r = invite({"--smtp", server.address()});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("reg.csv:3:1: error: line break in the e-mail address"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("reg.csv:5:15: error: line break in the name"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("2 bad rows; nothing was sent"), std::string::npos) << r.err;
    EXPECT_EQ(server.count(), 0u);
    EXPECT_FALSE(fs::exists(journal()));

    // --skip-invalid sends to the good rows only.
    const auto skip = invite({"--smtp", server.address(), "--skip-invalid"});
    EXPECT_EQ(skip.status, 0) << skip.err;
    const auto counts = per_recipient(server);
    EXPECT_EQ(counts, (std::map<std::string, int>{{"a@example.org", 1}, {"d@example.org", 1}}));
    for (const auto& rec : server.received()) EXPECT_EQ(read_file(rec.eml).find("victim"), std::string::npos);
}

TEST_F(Invite, StartTlsMissingOrRefusedSendsNothing) {
    write_registrants(generated(3));
    {
        SmtpServer server(dir_ / "plain");
        const auto r = invite({"--smtp", server.address(), "--starttls"});
        EXPECT_EQ(r.status, 2);
        EXPECT_NE(r.err.find("does not offer STARTTLS: refusing to send in clear text"), std::string::npos) << r.err;
        EXPECT_EQ(server.count(), 0u);
    }
    {
        SmtpServer server(dir_ / "fake", R"({"fake_starttls": true})");
        const auto r = invite({"--smtp", server.address(), "--starttls"});
        EXPECT_EQ(r.status, 2);
        EXPECT_NE(r.err.find("refused STARTTLS"), std::string::npos) << r.err;
        EXPECT_EQ(server.count(), 0u);
    }
}

class InviteTls : public Invite {
protected:
    void SetUp() override {
        if (!fs::exists("/usr/bin/openssl")) FAIL() << "openssl is missing (package openssl): run ./setup";
        const auto r = run({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                            (dir_ / "key.pem").string(), "-out", cert().string(), "-days", "2", "-subj",
                            "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"});
        ASSERT_EQ(r.status, 0) << r.err;
        write_registrants(generated(2));
    }
    fs::path cert() const { return dir_ / "cert.pem"; }
    std::string tls_faults(const std::string& more) const {
        return R"({"tls_cert": ")" + cert().string() + R"(", "tls_key": ")" + (dir_ / "key.pem").string() + "\"" +
               more + "}";
    }
};

TEST_F(InviteTls, StartTlsWithAuthentication) {
    SmtpServer server(dir_ / "srv", tls_faults(R"(, "auth": {"user": "booklet", "password": "s3cret"})"));
    const auto r = invite({"--smtp", server.address(), "--starttls", "--user", "booklet"},
                          {{"SSL_CERT_FILE", cert().string()}, {"BOOKLET_SMTP_PASSWORD", "s3cret"}});
    ASSERT_EQ(r.status, 0) << r.err;
    const auto got = server.received();
    ASSERT_EQ(got.size(), 2u);
    for (const auto& g : got) {
        EXPECT_TRUE(g.tls);
        EXPECT_EQ(g.auth, "booklet");
    }
}

TEST_F(InviteTls, WrongPasswordStopsTheRun) {
    SmtpServer server(dir_ / "srv", tls_faults(R"(, "auth": {"user": "booklet", "password": "s3cret"})"));
    write_file(dir_ / "pw", "wrong\n");
    const auto r = invite({"--smtp", server.address(), "--starttls", "--user", "booklet", "--password-file",
                           (dir_ / "pw").string()},
                          {{"SSL_CERT_FILE", cert().string()}});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("authentication as 'booklet'"), std::string::npos) << r.err;
    EXPECT_EQ(server.count(), 0u);
}

TEST_F(InviteTls, ImplicitTls) {
    SmtpServer server(dir_ / "srv", tls_faults(R"(, "implicit_tls": true)"));
    const auto r = invite({"--smtp", server.address(), "--tls"}, {{"SSL_CERT_FILE", cert().string()}});
    ASSERT_EQ(r.status, 0) << r.err;
    ASSERT_EQ(server.count(), 2u);
    EXPECT_TRUE(server.received().front().tls);
}

TEST_F(InviteTls, UntrustedCertificateSendsNothing) {
    SmtpServer server(dir_ / "srv", tls_faults(""));
    const auto r = invite({"--smtp", server.address(), "--starttls"});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("TLS with 127.0.0.1"), std::string::npos) << r.err;
    EXPECT_EQ(server.count(), 0u);
}

TEST_F(Invite, ARefusedSenderStopsTheRun) {
    write_registrants(generated(5));
    SmtpServer server(dir_.path(), R"({"mail_perm": true})");
    const auto r = invite({"--smtp", server.address()});
    EXPECT_EQ(r.status, 2);
    EXPECT_NE(r.err.find("refuses the sender <" + kOrganiser + ">: 553"), std::string::npos) << r.err;
    EXPECT_EQ(server.events().size(), 1u) << "one refusal, not one per registrant";
    EXPECT_EQ(server.count(), 0u);
}

TEST_F(Invite, ADroppedIdleConnectionIsReopenedAtOnce) {
    write_registrants(generated(3));
    SmtpServer server(dir_.path(), R"({"drop_after": 1})");
    const auto start = std::chrono::steady_clock::now();
    // A retry would wait 30 s: the reconnection must not count as one.
    const auto r = invite({"--smtp", server.address()}, {{"BOOKLET_SMTP_RETRY_DELAY_MS", "30000"}});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
    EXPECT_EQ(server.events(), (std::vector<std::string>{"drop-at-mail"}));
    EXPECT_EQ(server.count(), 3u);
}

TEST_F(Invite, SomeoneTakenOutOfTheFileIsNotInvitedOnTheRerun) {
    auto regs = generated(3);
    write_registrants(regs);
    SmtpServer server(dir_.path(), R"({"rcpt_temp": {")" + regs[2].email + R"(": 9}})");
    EXPECT_EQ(invite({"--smtp", server.address()}).status, 3);  // r002 still waiting
    EXPECT_EQ(server.count(), 2u);
    regs.pop_back();  // r002 unregisters
    write_registrants(regs);
    const auto r = invite({"--smtp", server.address()});
    EXPECT_EQ(r.status, 0) << r.err;
    EXPECT_NE(r.err.find("1 registrant of the journal is no longer in"), std::string::npos) << r.err;
    EXPECT_EQ(server.count(), 2u);
}

TEST_F(Invite, UncertainDeliveryIsReportedAndOnlyResentOnRequest) {
    const auto regs = generated(3);
    write_registrants(regs);
    SmtpServer server(dir_.path(), R"({"drop_after_data": [")" + regs[1].email + R"("]})");
    const std::string b = lower_domain(regs[1].email);

    const auto first = invite({"--smtp", server.address()});
    EXPECT_EQ(first.status, 3) << first.err;
    EXPECT_EQ(server.events(), (std::vector<std::string>{"drop-after-data " + regs[1].email}));
    EXPECT_EQ(uncertain_in(first.err), (std::set<std::string>{b})) << first.err;
    EXPECT_EQ(server.count(), 3u);

    const auto second = invite({"--smtp", server.address()});
    EXPECT_EQ(second.status, 3) << second.err;
    EXPECT_NE(second.err.find("0 to send, 2 already sent, 1 uncertain"), std::string::npos) << second.err;
    EXPECT_EQ(uncertain_in(second.err), (std::set<std::string>{b})) << second.err;
    EXPECT_EQ(server.count(), 3u);

    const auto third = invite({"--smtp", server.address(), "--resend-uncertain"});
    EXPECT_EQ(third.status, 0) << third.err;
    ASSERT_EQ(server.count(), 4u);
    const auto all = parsed(server);
    EXPECT_EQ(all[1].get("MESSAGE-ID"), all[3].get("MESSAGE-ID")) << "the same message, the same Message-ID";
}

TEST_F(Invite, DryRunWritesMessagesAndTouchesNothing) {
    write_registrants(generated(3));
    const fs::path eml = dir_ / "eml";
    const auto r = invite({"--dry-run", eml.string()});
    ASSERT_EQ(r.status, 0) << r.err;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(eml)) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    ASSERT_EQ(files.size(), 3u);
    EXPECT_EQ(files[0].filename(), "1-R000.Upper@Sub.Example.ORG.eml");
    EXPECT_EQ(files[1].filename(), "2-r001@example.org.eml");
    EXPECT_FALSE(fs::exists(journal()));
    for (const auto& m : parse_messages(files)) {
        EXPECT_EQ(m.get("CRLF"), "ok");
        EXPECT_EQ(m.get("STRUCTURE"), "multipart/alternative(text/plain,text/calendar)");
    }
}

TEST_F(Invite, AttachmentsNeedTheBookletFirst) {
    write_registrants(generated(2));
    const auto missing = invite({"--dry-run", (dir_ / "eml").string(), "--attach-pdf"});
    EXPECT_EQ(missing.status, 2);
    EXPECT_NE(missing.err.find("build the booklet first: booklet build"), std::string::npos) << missing.err;

    write_file(out() / "programme.pdf", std::string("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"));
    const auto r = invite({"--dry-run", (dir_ / "eml").string(), "--attach-pdf", "--attach-ics"});
    ASSERT_EQ(r.status, 0) << r.err;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir_ / "eml")) files.push_back(e.path());
    const auto messages = parse_messages(files);
    ASSERT_EQ(messages.size(), 2u);
    for (const auto& m : messages) {
        EXPECT_EQ(m.get("STRUCTURE"),
                  "multipart/mixed(multipart/alternative(text/plain,text/calendar),application/pdf,application/ics)");
        EXPECT_EQ(m.attachments, (std::vector<std::string>{"application/pdf|programme.pdf",
                                                           "application/ics|programme.ics"}));
        EXPECT_EQ(m.get("CRLF"), "ok");
    }
}

TEST_F(Invite, UsageErrors) {
    write_registrants(generated(2));
    EXPECT_EQ(invite({}).status, 2) << "neither --smtp nor --dry-run";
    EXPECT_EQ(invite({"--smtp", "127.0.0.1:1", "--password", "x"}).status, 2) << "no password on the command line";
    const auto no_pw = invite({"--smtp", "127.0.0.1:1", "--user", "me"});
    EXPECT_EQ(no_pw.status, 2);
    EXPECT_NE(no_pw.err.find("BOOKLET_SMTP_PASSWORD"), std::string::npos) << no_pw.err;
    EXPECT_EQ(invite({"--smtp", "127.0.0.1:1", "--update", "--cancel"}).status, 2);
    EXPECT_EQ(invite({"--smtp", "127.0.0.1:1", "--tls", "--starttls"}).status, 2);
    EXPECT_EQ(invite({"--smtp", "host:99999"}).status, 2);
    EXPECT_EQ(invite({"--smtp", "127.0.0.1:1", "--rate", "0"}).status, 2);
}

TEST_F(Invite, UnreachableServerIsATemporaryFailure) {
    write_registrants(generated(2));
    // Port 1 on the loopback: connection refused at once.
    const auto r = invite({"--smtp", "127.0.0.1:1"});
    EXPECT_EQ(r.status, 3) << r.err;
    EXPECT_NE(r.err.find("cannot connect to 127.0.0.1:1"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace booklet::mail
