// The send journal: state transitions, durability across a kill -9, the
// lock, and the plans (resume, update, cancel) made from it.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mail/journal.hpp"
#include "mail/plan.hpp"
#include "test_support.hpp"

namespace booklet::mail {
namespace {

using testing_support::TempDir;

std::vector<NewEntry> people(std::initializer_list<const char*> emails) {
    std::vector<NewEntry> out;
    for (const char* e : emails) out.push_back({e, std::string("Name of ") + e, "fr", MessageKind::Invite});
    return out;
}

std::vector<std::string> emails(const std::vector<Entry>& entries) {
    std::vector<std::string> out;
    for (const auto& e : entries) out.push_back(e.email);
    return out;
}

void send(Journal& j, const std::string& key, int seq) {
    j.mark_sending(key, seq, "<" + key + "." + std::to_string(seq) + "@id>");
    j.mark_sent(key, seq, "250 OK");
}

class JournalTest : public ::testing::Test {
protected:
    JournalTest() : dir_("journal"), path_((dir_ / "j.sqlite").string()) {}
    std::unique_ptr<Journal> open() { return Journal::open(path_, "prog"); }
    TempDir dir_;
    std::string path_;
};

TEST_F(JournalTest, CreatedPrivateAndReopened) {
    {
        auto j = open();
        j->create_batch({0, calendar::InvitationMethod::Request, MessageKind::Invite, {}}, people({"a@x.org", "b@x.org"}));
    }
    struct stat st {};
    ASSERT_EQ(::stat(path_.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 077, 0u) << "the journal holds addresses: not readable by others";
    auto j = open();
    ASSERT_EQ(j->batches().size(), 1u);
    EXPECT_EQ(j->latest_batch()->kind, MessageKind::Invite);
    EXPECT_EQ(emails(j->entries(0)), (std::vector<std::string>{"a@x.org", "b@x.org"}));
    for (const auto& e : j->entries(0)) EXPECT_EQ(e.state, State::Pending);
    EXPECT_THROW(Journal::open(path_, "another-programme"), JournalError);
}

TEST_F(JournalTest, Transitions) {
    auto j = open();
    j->create_batch({0, calendar::InvitationMethod::Request, MessageKind::Invite, {}}, people({"a@x.org", "b@x.org", "c@x.org"}));
    EXPECT_THROW(j->mark_sent("a@x.org", 0, "250"), JournalError) << "pending → sent skips 'sending'";
    EXPECT_THROW(j->mark_sending("a@x.org", 0, ""), JournalError) << "'sending' needs the Message-ID";
    j->mark_sending("a@x.org", 0, "<id-a>");
    auto a = *j->entry("a@x.org", 0);
    EXPECT_EQ(a.state, State::Sending);
    EXPECT_EQ(a.message_id, "<id-a>");
    EXPECT_EQ(a.attempts, 0);
    j->mark_sent("a@x.org", 0, "250 2.0.0 OK");
    a = *j->entry("a@x.org", 0);
    EXPECT_EQ(a.state, State::Sent);
    EXPECT_EQ(a.message_id, "<id-a>");
    EXPECT_EQ(a.reply, "250 2.0.0 OK");
    EXPECT_EQ(a.attempts, 1);
    EXPECT_FALSE(a.sent_at.empty());
    EXPECT_THROW(j->mark_sending("a@x.org", 0, "<again>"), JournalError) << "sent is final";
    EXPECT_THROW(j->mark_temp_failed("a@x.org", 0, "451"), JournalError);
    EXPECT_THROW(j->mark_perm_failed("a@x.org", 0, "550"), JournalError);

    j->mark_temp_failed("b@x.org", 0, "451 later");
    j->mark_temp_failed("b@x.org", 0, "451 later");
    j->mark_sending("b@x.org", 0, "<id-b>");
    j->mark_perm_failed("b@x.org", 0, "554 no");
    auto b = *j->entry("b@x.org", 0);
    EXPECT_EQ(b.state, State::PermFailed);
    EXPECT_EQ(b.attempts, 3);
    EXPECT_EQ(b.reply, "554 no");
    j->mark_sending("b@x.org", 0, "<id-b>");  // a rerun retries a permanent failure

    j->mark_sending("c@x.org", 0, "<id-c>");
    j->mark_sending("c@x.org", 0, "<id-c>");  // resending an uncertain one
    EXPECT_EQ(j->entry("c@x.org", 0)->state, State::Sending);
    EXPECT_THROW(j->mark_sent("nobody@x.org", 0, "250"), JournalError);
    EXPECT_THROW(j->mark_sent("c@x.org", 7, "250"), JournalError);
}

TEST_F(JournalTest, AddedEntriesComeLast) {
    auto j = open();
    j->create_batch({0, calendar::InvitationMethod::Request, MessageKind::Invite, {}}, people({"b@x.org", "a@x.org"}));
    j->add_entries(0, people({"c@x.org"}));
    EXPECT_EQ(emails(j->entries(0)), (std::vector<std::string>{"b@x.org", "a@x.org", "c@x.org"}));
    EXPECT_THROW(j->add_entries(0, people({"a@x.org"})), JournalError) << "one entry per address and batch";
    EXPECT_EQ(j->entries(0).size(), 3u) << "the failed transaction left nothing behind";
}

TEST_F(JournalTest, KillNineLosesNothing) {
    {
        auto j = open();
        j->create_batch({0, calendar::InvitationMethod::Request, MessageKind::Invite, {}}, people({"a@x.org", "b@x.org"}));
    }
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        auto j = Journal::open(path_, "prog");
        send(*j, "a@x.org", 0);
        j->mark_sending("b@x.org", 0, "<id-b>");
        ::raise(SIGKILL);  // no destructor, no close
        ::_exit(0);
    }
    int st = 0;
    ::waitpid(pid, &st, 0);
    ASSERT_TRUE(WIFSIGNALED(st));
    auto j = open();
    EXPECT_EQ(j->entry("a@x.org", 0)->state, State::Sent);
    const auto b = *j->entry("b@x.org", 0);
    EXPECT_EQ(b.state, State::Sending);
    EXPECT_EQ(b.message_id, "<id-b>");
}

TEST_F(JournalTest, LockIsExclusive) {
    JournalLock first(path_);
    EXPECT_THROW(JournalLock second(path_), JournalError);
}

TEST_F(JournalTest, LockIsReleased) {
    { JournalLock first(path_); }
    EXPECT_NO_THROW(JournalLock again(path_));
}

// --- plans ---

PlanInput input(Mode mode, std::vector<NewEntry> reg, bool resend = false) {
    PlanInput in;
    in.mode = mode;
    in.registrants = std::move(reg);
    in.revision = 0;
    in.resend_uncertain = resend;
    return in;
}

TEST_F(JournalTest, FirstInvitationsThenResume) {
    auto j = open();
    Plan plan = plan_batch(*j, input(Mode::Invite, people({"a@x.org", "b@x.org", "c@x.org"})));
    ASSERT_TRUE(plan.error.empty());
    EXPECT_TRUE(plan.new_batch);
    EXPECT_EQ(plan.batch.sequence, 0);
    EXPECT_EQ(plan.batch.method, calendar::InvitationMethod::Request);
    apply_plan(*j, plan);
    send(*j, "a@x.org", 0);
    j->mark_sending("b@x.org", 0, "<b>");  // then a crash

    // The rerun resumes batch 0, adds the newcomer, skips the sent and the uncertain.
    plan = plan_batch(*j, input(Mode::Invite, people({"a@x.org", "b@x.org", "c@x.org", "d@x.org"})));
    EXPECT_FALSE(plan.new_batch);
    EXPECT_EQ(plan.batch.sequence, 0);
    EXPECT_EQ(emails(std::vector<Entry>(planned_entries(*j, plan))),
              (std::vector<std::string>{"a@x.org", "b@x.org", "c@x.org", "d@x.org"}));
    apply_plan(*j, plan);
    Work w = work_of(j->entries(0), false);
    EXPECT_EQ(emails(w.to_send), (std::vector<std::string>{"c@x.org", "d@x.org"}));
    EXPECT_EQ(emails(w.uncertain), (std::vector<std::string>{"b@x.org"}));
    EXPECT_EQ(w.already_sent, 1u);
    w = work_of(j->entries(0), true);
    EXPECT_EQ(emails(w.to_send), (std::vector<std::string>{"b@x.org", "c@x.org", "d@x.org"}));
}

TEST_F(JournalTest, PermanentFailuresAreRetriedByARerun) {
    auto j = open();
    apply_plan(*j, plan_batch(*j, input(Mode::Invite, people({"a@x.org", "z@x.org"}))));
    send(*j, "a@x.org", 0);
    j->mark_perm_failed("z@x.org", 0, "550");
    const Plan plan = plan_batch(*j, input(Mode::Invite, people({"a@x.org", "z@x.org"})));
    EXPECT_TRUE(plan.additions.empty());
    EXPECT_EQ(emails(work_of(planned_entries(*j, plan), false).to_send), (std::vector<std::string>{"z@x.org"}));
}

TEST_F(JournalTest, UpdateGoesToEveryoneWhoMayHaveTheInvitation) {
    auto j = open();
    EXPECT_FALSE(plan_batch(*j, input(Mode::Update, people({"a@x.org"}))).error.empty()) << "nothing to update yet";
    apply_plan(*j, plan_batch(*j, input(Mode::Invite, people({"a@x.org", "b@x.org", "c@x.org", "z@x.org"}))));
    send(*j, "a@x.org", 0);
    j->mark_sending("b@x.org", 0, "<b>");  // uncertain: may have it
    send(*j, "c@x.org", 0);
    // z still pending: the invitations are unfinished, an update must wait.
    Plan plan = plan_batch(*j, input(Mode::Update, people({"a@x.org", "b@x.org", "c@x.org", "z@x.org"})));
    EXPECT_NE(plan.error.find("not finished"), std::string::npos) << plan.error;
    j->mark_perm_failed("z@x.org", 0, "550");

    auto csv = people({"a@x.org", "b@x.org", "new@x.org"});
    csv[0].name = "A, renamed";
    plan = plan_batch(*j, input(Mode::Update, csv));
    ASSERT_TRUE(plan.error.empty()) << plan.error;
    EXPECT_TRUE(plan.new_batch);
    EXPECT_EQ(plan.batch.sequence, 1);
    EXPECT_EQ(plan.batch.method, calendar::InvitationMethod::Request);
    EXPECT_EQ(plan.batch.kind, MessageKind::Update);
    ASSERT_EQ(plan.additions.size(), 3u);  // a, b (uncertain), c (no longer in the CSV); not z, not new
    EXPECT_EQ(plan.additions[0].email, "a@x.org");
    EXPECT_EQ(plan.additions[0].name, "A, renamed");
    EXPECT_EQ(plan.additions[1].email, "b@x.org");
    EXPECT_EQ(plan.additions[2].email, "c@x.org");
    for (const auto& a : plan.additions) EXPECT_EQ(a.wording, MessageKind::Update);
    EXPECT_EQ(plan.notes.size(), 2u);
    apply_plan(*j, plan);
    send(*j, "a@x.org", 1);

    // Rerun of --update: the unfinished update is resumed, not a SEQUENCE 2.
    plan = plan_batch(*j, input(Mode::Update, csv));
    EXPECT_FALSE(plan.new_batch);
    EXPECT_EQ(plan.batch.sequence, 1);
    // A plain rerun continues it too, and adds the newcomer with the first-invitation wording.
    plan = plan_batch(*j, input(Mode::Invite, csv));
    EXPECT_EQ(plan.batch.sequence, 1);
    ASSERT_EQ(plan.additions.size(), 1u);
    EXPECT_EQ(plan.additions[0].email, "new@x.org");
    EXPECT_EQ(plan.additions[0].wording, MessageKind::Invite);
}

TEST_F(JournalTest, SomeoneNoLongerRegisteredDoesNotHoldUpAnUpdate) {
    auto j = open();
    apply_plan(*j, plan_batch(*j, input(Mode::Invite, people({"a@x.org", "gone@x.org"}))));
    send(*j, "a@x.org", 0);
    j->mark_temp_failed("gone@x.org", 0, "451");
    EXPECT_FALSE(plan_batch(*j, input(Mode::Update, people({"a@x.org", "gone@x.org"}))).error.empty());
    const Plan plan = plan_batch(*j, input(Mode::Update, people({"a@x.org"})));
    ASSERT_TRUE(plan.error.empty()) << plan.error;
    EXPECT_EQ(plan.batch.sequence, 1);
    ASSERT_EQ(plan.additions.size(), 1u);
    EXPECT_EQ(plan.additions[0].email, "a@x.org");
}

TEST_F(JournalTest, CancelThenNothingElse) {
    auto j = open();
    apply_plan(*j, plan_batch(*j, input(Mode::Invite, people({"a@x.org", "b@x.org"}))));
    send(*j, "a@x.org", 0);
    send(*j, "b@x.org", 0);
    apply_plan(*j, plan_batch(*j, input(Mode::Update, people({"a@x.org", "b@x.org"}))));
    send(*j, "a@x.org", 1);
    send(*j, "b@x.org", 1);
    Plan plan = plan_batch(*j, input(Mode::Cancel, {}));
    ASSERT_TRUE(plan.error.empty());
    EXPECT_EQ(plan.batch.sequence, 2);
    EXPECT_EQ(plan.batch.method, calendar::InvitationMethod::Cancel);
    EXPECT_EQ(plan.additions.size(), 2u);
    apply_plan(*j, plan);
    send(*j, "a@x.org", 2);
    // --cancel again resumes the cancellation; nothing new.
    plan = plan_batch(*j, input(Mode::Cancel, {}));
    EXPECT_FALSE(plan.new_batch);
    EXPECT_EQ(plan.batch.sequence, 2);
    EXPECT_EQ(emails(work_of(planned_entries(*j, plan), false).to_send), (std::vector<std::string>{"b@x.org"}));
    // Inviting after a cancellation is refused.
    EXPECT_NE(plan_batch(*j, input(Mode::Invite, people({"c@x.org"}))).error.find("cancelled"), std::string::npos);
}

}  // namespace
}  // namespace booklet::mail
