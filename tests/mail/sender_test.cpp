// The sending loop with a scripted transport: retries with backoff,
// permanent failures, uncertain messages, giving up, the rate limit, and
// the journal saying "sending" before DATA.
#include <gtest/gtest.h>

#include <deque>
#include <map>

#include "mail/sender.hpp"
#include "test_support.hpp"

namespace booklet::mail {
namespace {

using testing_support::TempDir;

// Plays a script of outcomes per recipient (Sent when the script is empty).
class ScriptedTransport : public Transport {
public:
    std::map<std::string, std::deque<Delivery>> script;
    std::vector<std::string> calls;                      // recipients, in call order
    std::vector<std::chrono::steady_clock::time_point> times;
    std::function<void(const std::string&)> at_data;     // runs after before_data
    int closes = 0;

    Delivery deliver(const Envelope& envelope, std::string_view, const std::function<void()>& before_data) override {
        calls.push_back(envelope.to);
        times.push_back(std::chrono::steady_clock::now());
        Delivery d{Outcome::Sent, "250 OK", false};
        auto& queue = script[envelope.to];
        if (!queue.empty()) {
            d = queue.front();
            queue.pop_front();
        }
        // Refusals at RCPT never reach DATA; everything else does.
        if (!d.connection_failed && d.reply.rfind("RCPT", 0) != 0) {
            before_data();
            if (at_data) at_data(envelope.to);
        }
        return d;
    }
    void close() override { ++closes; }
};

class SenderTest : public ::testing::Test {
protected:
    SenderTest() : dir_("sender"), journal_(Journal::open((dir_ / "j.sqlite").string(), "prog")) {}

    std::vector<Entry> batch(std::initializer_list<const char*> emails) {
        std::vector<NewEntry> entries;
        for (const char* e : emails) entries.push_back({e, "", "fr", MessageKind::Invite});
        journal_->create_batch({0, calendar::InvitationMethod::Request, MessageKind::Invite, {}}, entries);
        return journal_->entries(0);
    }
    static ComposeFn composer() {
        return [](const Entry& e) {
            return std::optional<OutgoingMessage>(
                OutgoingMessage{{"org@x.org", e.email}, "<" + e.email + ".id>", "Subject: x\r\n\r\nbody\r\n"});
        };
    }
    SendPolicy fast() {
        SendPolicy p;
        p.retry_delay = std::chrono::milliseconds(5);
        return p;
    }
    State state(const std::string& email) { return journal_->entry(email, 0)->state; }

    TempDir dir_;
    std::unique_ptr<Journal> journal_;
    ScriptedTransport transport_;
};

TEST_F(SenderTest, AllSent) {
    const auto entries = batch({"a@x.org", "b@x.org", "c@x.org"});
    std::vector<Progress> seen;
    const auto r = send_batch(entries, composer(), transport_, *journal_, fast(),
                              [&](const Progress& p) { seen.push_back(p); });
    EXPECT_TRUE(r.all_sent());
    EXPECT_EQ(r.sent, 3u);
    EXPECT_EQ(transport_.calls, (std::vector<std::string>{"a@x.org", "b@x.org", "c@x.org"}));
    for (const char* e : {"a@x.org", "b@x.org", "c@x.org"}) EXPECT_EQ(state(e), State::Sent);
    EXPECT_EQ(journal_->entry("b@x.org", 0)->message_id, "<b@x.org.id>");
    ASSERT_EQ(seen.size(), 3u);
    EXPECT_EQ(seen.back().sent, 3u);
    EXPECT_EQ(transport_.closes, 1);
}

TEST_F(SenderTest, TheJournalSaysSendingBeforeData) {
    const auto entries = batch({"a@x.org"});
    State during = State::Pending;
    std::string id;
    transport_.at_data = [&](const std::string& to) {
        const auto e = journal_->entry(to, 0);
        during = e->state;
        id = e->message_id;
    };
    send_batch(entries, composer(), transport_, *journal_, fast());
    EXPECT_EQ(during, State::Sending);
    EXPECT_EQ(id, "<a@x.org.id>");
}

TEST_F(SenderTest, TemporaryFailuresAreRetriedWithBackoffThenGivenUp) {
    const auto entries = batch({"a@x.org", "b@x.org", "c@x.org"});
    transport_.script["a@x.org"] = {{Outcome::TempFailed, "RCPT TO: 451 later"}};
    transport_.script["b@x.org"] = {{Outcome::TempFailed, "RCPT TO: 451 later"},
                                    {Outcome::TempFailed, "RCPT TO: 451 later"},
                                    {Outcome::TempFailed, "RCPT TO: 451 still"}};
    SendPolicy policy = fast();
    policy.retry_delay = std::chrono::milliseconds(200);  // long enough for c to go first, even on a slow disk
    const auto r = send_batch(entries, composer(), transport_, *journal_, policy);
    EXPECT_EQ(r.sent, 2u);
    ASSERT_EQ(r.temporary.size(), 1u);
    EXPECT_EQ(r.temporary[0].entry.email, "b@x.org");
    EXPECT_EQ(r.temporary[0].reply, "RCPT TO: 451 still");
    EXPECT_EQ(state("a@x.org"), State::Sent);
    EXPECT_EQ(state("b@x.org"), State::TempFailed);
    EXPECT_EQ(journal_->entry("b@x.org", 0)->attempts, 3);
    // The others are not held up by a retry: c goes before a's second try.
    EXPECT_EQ(transport_.calls[2], "c@x.org");
    // b's tries are at least 200 ms then 400 ms apart.
    std::vector<std::chrono::steady_clock::time_point> b_times;
    for (std::size_t i = 0; i < transport_.calls.size(); ++i)
        if (transport_.calls[i] == "b@x.org") b_times.push_back(transport_.times[i]);
    ASSERT_EQ(b_times.size(), 3u);
    EXPECT_GE(b_times[1] - b_times[0], std::chrono::milliseconds(200));
    EXPECT_GE(b_times[2] - b_times[1], std::chrono::milliseconds(400));
}

TEST_F(SenderTest, PermanentFailuresAreNotRetried) {
    const auto entries = batch({"a@x.org", "z@x.org"});
    transport_.script["z@x.org"] = {{Outcome::PermFailed, "RCPT TO: 550 no such user"}};
    const auto r = send_batch(entries, composer(), transport_, *journal_, fast());
    ASSERT_EQ(r.permanent.size(), 1u);
    EXPECT_EQ(r.permanent[0].reply, "RCPT TO: 550 no such user");
    EXPECT_EQ(state("z@x.org"), State::PermFailed);
    EXPECT_EQ(std::count(transport_.calls.begin(), transport_.calls.end(), "z@x.org"), 1);
    EXPECT_FALSE(r.all_sent());
}

TEST_F(SenderTest, UncertainMessagesStaySendingAndAreNotRetried) {
    const auto entries = batch({"a@x.org", "u@x.org", "c@x.org"});
    transport_.script["u@x.org"] = {{Outcome::Uncertain, "connection lost after the end of DATA"}};
    const auto r = send_batch(entries, composer(), transport_, *journal_, fast());
    ASSERT_EQ(r.uncertain.size(), 1u);
    EXPECT_EQ(state("u@x.org"), State::Sending);
    EXPECT_EQ(std::count(transport_.calls.begin(), transport_.calls.end(), "u@x.org"), 1);
    EXPECT_EQ(state("c@x.org"), State::Sent);
}

TEST_F(SenderTest, FailureAfterDataStartedIsRecordedFromSending) {
    const auto entries = batch({"a@x.org"});
    transport_.script["a@x.org"] = {{Outcome::TempFailed, "end of DATA: 451 try later"}};
    const auto r = send_batch(entries, composer(), transport_, *journal_, fast());
    EXPECT_EQ(r.sent, 1u);
    EXPECT_EQ(journal_->entry("a@x.org", 0)->attempts, 2);
}

TEST_F(SenderTest, GivesUpAfterRepeatedConnectionFailures) {
    const auto entries = batch({"a@x.org", "b@x.org", "c@x.org", "d@x.org"});
    for (const char* e : {"a@x.org", "b@x.org", "c@x.org"})
        transport_.script[e] = {{Outcome::TempFailed, "cannot connect: refused", true}};
    SendPolicy policy = fast();
    policy.retry_delay = std::chrono::seconds(10);  // no retry comes due: a, b, c fail in a row
    const auto start = std::chrono::steady_clock::now();
    const auto r = send_batch(entries, composer(), transport_, *journal_, policy);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5)) << "giving up does not wait";
    EXPECT_EQ(r.sent, 0u);
    EXPECT_FALSE(r.gave_up.empty());
    EXPECT_EQ(r.temporary.size(), 1u);
    EXPECT_EQ(r.not_tried.size(), 3u);
    EXPECT_EQ(state("d@x.org"), State::Pending);
    EXPECT_EQ(transport_.calls.size(), 3u);
}

TEST_F(SenderTest, RateLimitSpacesTheMessages) {
    const auto entries = batch({"a@x.org", "b@x.org", "c@x.org", "d@x.org", "e@x.org"});
    SendPolicy policy = fast();
    policy.rate = 50;  // one every 20 ms
    send_batch(entries, composer(), transport_, *journal_, policy);
    ASSERT_EQ(transport_.times.size(), 5u);
    for (std::size_t i = 1; i < transport_.times.size(); ++i)
        EXPECT_GE(transport_.times[i] - transport_.times[i - 1], std::chrono::milliseconds(19));
}

}  // namespace
}  // namespace booklet::mail
