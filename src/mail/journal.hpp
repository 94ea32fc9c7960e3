#pragma once
// The send journal: an SQLite file (Poco::Data::SQLite), by default
// <out dir>/<stem>.invites.sqlite, that remembers every invitation so a
// rerun sends to everyone not yet served and to nobody twice.
//
// A batch is one SEQUENCE of the programme's invitation UID with one
// METHOD: the first invitations (REQUEST), an update (REQUEST, SEQUENCE+1)
// or a cancellation (CANCEL, SEQUENCE+1). It holds one entry per
// registrant, which moves through
//
//   pending ──► sending ──► sent
//      │  ▲        │
//      ▼  │        ▼
//   temp-failed / perm-failed   (server reply and attempts kept)
//
// "sending" is written, with the deterministic Message-ID, before the DATA
// command; "sent" after the server's 250. Every change is its own SQLite
// transaction (synchronous=FULL), so a kill -9 at any point leaves the
// journal telling the truth: an entry still "sending" may or may not have
// been delivered — it is UNCERTAIN and is never resent unless asked.
// A transition the diagram does not allow throws JournalError.
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "calendar/invitation.hpp"
#include "mail/mail_template.hpp"

namespace booklet::mail {

struct JournalError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

enum class State { Pending, Sending, Sent, TempFailed, PermFailed };
const char* state_name(State s);  // "pending", "sending", "sent", "temp-failed", "perm-failed"
std::optional<State> parse_state(std::string_view s);

struct BatchInfo {
    int sequence = 0;
    calendar::InvitationMethod method = calendar::InvitationMethod::Request;
    MessageKind kind = MessageKind::Invite;  // why the batch was made
    std::string created_at;                  // ISO 8601 UTC, set by the journal
};

// What a batch is created with, per registrant.
struct NewEntry {
    std::string email;
    std::string name;
    std::string language;  // resolved: "fr" or "en"
    MessageKind wording = MessageKind::Invite;  // which template section the message uses
};

struct Entry {
    std::string key;  // read::address_key(email)
    int sequence = 0;
    std::string email;
    std::string name;
    std::string language;
    MessageKind wording = MessageKind::Invite;
    State state = State::Pending;
    std::string message_id;
    int attempts = 0;  // finished tries: failures and the success
    std::string reply;  // the server's last reply (or the network error)
    std::string updated_at;
    std::string sent_at;
    int position = 0;  // send order within the batch
};

class Journal {
public:
    // Opens the journal at `path`, creating it (mode 0600: it holds
    // addresses) and its tables when missing. A journal made for another
    // programme id is refused. Throws JournalError.
    static std::unique_ptr<Journal> open(const std::string& path, const std::string& programme_id);
    // An empty journal in memory (dry runs without a journal file).
    static std::unique_ptr<Journal> in_memory(const std::string& programme_id);
    ~Journal();
    Journal(const Journal&) = delete;
    Journal& operator=(const Journal&) = delete;

    const std::string& path() const { return path_; }

    std::vector<BatchInfo> batches() const;  // by sequence
    std::optional<BatchInfo> latest_batch() const;
    std::vector<Entry> entries(int sequence) const;  // by position
    std::vector<Entry> all_entries() const;          // by sequence, position
    std::optional<Entry> entry(const std::string& key, int sequence) const;

    // A new batch and its entries (pending), in one transaction.
    void create_batch(const BatchInfo& batch, const std::vector<NewEntry>& entries);
    // More pending entries in an existing batch, in one transaction.
    void add_entries(int sequence, const std::vector<NewEntry>& entries);

    // pending, temp-failed, perm-failed (or sending, to resend an uncertain
    // one) → sending, with the Message-ID about to go out.
    void mark_sending(const std::string& key, int sequence, const std::string& message_id);
    // sending → sent, with the server's reply.
    void mark_sent(const std::string& key, int sequence, const std::string& reply);
    // pending, sending, temp-failed or perm-failed → temp-failed / perm-failed.
    void mark_temp_failed(const std::string& key, int sequence, const std::string& reply);
    void mark_perm_failed(const std::string& key, int sequence, const std::string& reply);

private:
    struct Impl;
    explicit Journal(std::unique_ptr<Impl> impl, std::string path);
    void transition(const std::string& key, int sequence, const std::vector<State>& from, State to,
                    const std::string& message_id, const std::string& reply, bool count_attempt);

    std::unique_ptr<Impl> impl_;
    std::string path_;
};

// An exclusive lock on a journal for the time of a run (flock on
// "<journal>.lock"), so two `booklet invite` never send the same batch.
class JournalLock {
public:
    // Throws JournalError when another process holds the lock.
    explicit JournalLock(const std::string& journal_path);
    ~JournalLock();
    JournalLock(const JournalLock&) = delete;
    JournalLock& operator=(const JournalLock&) = delete;

private:
    int fd_ = -1;
};

// The current time as ISO 8601 UTC: "2020-01-28T08:30:00Z".
std::string iso_now();

}  // namespace booklet::mail
