#include "mail/journal.hpp"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <Poco/Exception.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <mutex>

#include "read/registrants_reader.hpp"

namespace booklet::mail {

using namespace Poco::Data::Keywords;

namespace {

constexpr int kSchemaVersion = 1;

const char* const kSchema[] = {
    "CREATE TABLE IF NOT EXISTS meta ("
    " key TEXT PRIMARY KEY,"
    " value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS batches ("
    " sequence INTEGER PRIMARY KEY,"
    " method TEXT NOT NULL CHECK (method IN ('REQUEST', 'CANCEL')),"
    " kind TEXT NOT NULL CHECK (kind IN ('invite', 'update', 'cancel')),"
    " created_at TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS invitations ("
    " address_key TEXT NOT NULL,"
    " sequence INTEGER NOT NULL REFERENCES batches(sequence),"
    " email TEXT NOT NULL,"
    " name TEXT NOT NULL,"
    " language TEXT NOT NULL,"
    " wording TEXT NOT NULL CHECK (wording IN ('invite', 'update', 'cancel')),"
    " state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'temp-failed', 'perm-failed')),"
    " message_id TEXT NOT NULL DEFAULT '',"
    " attempts INTEGER NOT NULL DEFAULT 0,"
    " reply TEXT NOT NULL DEFAULT '',"
    " updated_at TEXT NOT NULL,"
    " sent_at TEXT NOT NULL DEFAULT '',"
    " position INTEGER NOT NULL,"
    " PRIMARY KEY (address_key, sequence))",
};

void register_sqlite() {
    static std::once_flag once;
    std::call_once(once, [] { Poco::Data::SQLite::Connector::registerConnector(); });
}

MessageKind kind_from(const std::string& s) {
    if (s == "update") return MessageKind::Update;
    if (s == "cancel") return MessageKind::Cancel;
    return MessageKind::Invite;
}

std::string quoted_states(const std::vector<State>& states) {
    std::string out;
    for (State s : states) out += std::string(out.empty() ? "" : ", ") + "'" + state_name(s) + "'";
    return out;
}

const char* const kEntryColumns =
    "address_key, sequence, email, name, language, wording, state, message_id, attempts, reply, updated_at, "
    "sent_at, position";

std::vector<Entry> read_entries(Poco::Data::Statement& st) {
    st.execute();
    Poco::Data::RecordSet rs(st);
    std::vector<Entry> out;
    for (bool more = rs.moveFirst(); more; more = rs.moveNext()) {
        Entry e;
        e.key = rs.value(0).convert<std::string>();
        e.sequence = rs.value(1).convert<int>();
        e.email = rs.value(2).convert<std::string>();
        e.name = rs.value(3).convert<std::string>();
        e.language = rs.value(4).convert<std::string>();
        e.wording = kind_from(rs.value(5).convert<std::string>());
        e.state = parse_state(rs.value(6).convert<std::string>()).value_or(State::Pending);
        e.message_id = rs.value(7).convert<std::string>();
        e.attempts = rs.value(8).convert<int>();
        e.reply = rs.value(9).convert<std::string>();
        e.updated_at = rs.value(10).convert<std::string>();
        e.sent_at = rs.value(11).convert<std::string>();
        e.position = rs.value(12).convert<int>();
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace

struct Journal::Impl {
    explicit Impl(const std::string& connection) : session("SQLite", connection) {}
    Poco::Data::Session session;

    // Runs `work` in one transaction; rolls back and rethrows on failure.
    template <class F>
    void transaction(F&& work) {
        session.begin();
        try {
            work();
            session.commit();
        } catch (...) {
            if (session.isTransaction()) session.rollback();
            throw;
        }
    }

    void insert(int sequence, const std::vector<NewEntry>& entries, int first_position) {
        const std::string stamp = iso_now();
        int position = first_position;
        for (const auto& e : entries) {
            const std::string key = read::address_key(e.email);
            const std::string wording = kind_name(e.wording);
            session << "INSERT INTO invitations (address_key, sequence, email, name, language, wording, state, "
                       "updated_at, position) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)",
                bind(key), bind(sequence), bind(e.email), bind(e.name), bind(e.language), bind(wording), bind(stamp),
                bind(position), now;
            ++position;
        }
    }
};

const char* state_name(State s) {
    switch (s) {
    case State::Pending: return "pending";
    case State::Sending: return "sending";
    case State::Sent: return "sent";
    case State::TempFailed: return "temp-failed";
    case State::PermFailed: return "perm-failed";
    }
    return "pending";
}

std::optional<State> parse_state(std::string_view s) {
    for (State st : {State::Pending, State::Sending, State::Sent, State::TempFailed, State::PermFailed})
        if (s == state_name(st)) return st;
    return std::nullopt;
}

std::string iso_now() {
    const std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

Journal::Journal(std::unique_ptr<Impl> impl, std::string path) : impl_(std::move(impl)), path_(std::move(path)) {}
Journal::~Journal() = default;

namespace {

void prepare(Poco::Data::Session& session, const std::string& path, const std::string& programme_id) {
    session << "PRAGMA synchronous = FULL", now;
    session << "PRAGMA foreign_keys = ON", now;
    for (const char* ddl : kSchema) session << ddl, now;

    std::vector<std::string> programme, schema;
    session << "SELECT value FROM meta WHERE key = 'programme'", into(programme), now;
    session << "SELECT value FROM meta WHERE key = 'schema'", into(schema), now;
    if (!schema.empty() && schema.front() != std::to_string(kSchemaVersion))
        throw JournalError(path + ": journal format " + schema.front() + " is not one this booklet reads (" +
                           std::to_string(kSchemaVersion) + ")");
    if (!programme.empty() && programme.front() != programme_id)
        throw JournalError(path + ": this journal belongs to programme '" + programme.front() + "', not '" +
                           programme_id + "'");
    if (programme.empty()) {
        const std::string version = std::to_string(kSchemaVersion);
        session.begin();
        session << "INSERT OR REPLACE INTO meta (key, value) VALUES ('programme', ?)", bind(programme_id), now;
        session << "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', ?)", bind(version), now;
        session.commit();
    }
}

}  // namespace

std::unique_ptr<Journal> Journal::open(const std::string& path, const std::string& programme_id) {
    register_sqlite();
    // Create the file ourselves so it is private from the start.
    if (::access(path.c_str(), F_OK) != 0) {
        const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0 && errno != EEXIST)
            throw JournalError(path + ": cannot create the journal: " + std::strerror(errno));
        if (fd >= 0) ::close(fd);
    }
    try {
        auto impl = std::make_unique<Impl>(path);
        prepare(impl->session, path, programme_id);
        return std::unique_ptr<Journal>(new Journal(std::move(impl), path));
    } catch (const Poco::Exception& e) {
        throw JournalError(path + ": cannot open the journal: " + e.displayText());
    }
}

std::unique_ptr<Journal> Journal::in_memory(const std::string& programme_id) {
    register_sqlite();
    try {
        auto impl = std::make_unique<Impl>(":memory:");
        prepare(impl->session, ":memory:", programme_id);
        return std::unique_ptr<Journal>(new Journal(std::move(impl), ":memory:"));
    } catch (const Poco::Exception& e) {
        throw JournalError(std::string("cannot make a journal in memory: ") + e.displayText());
    }
}

std::vector<BatchInfo> Journal::batches() const {
    try {
        Poco::Data::Statement st(impl_->session);
        st << "SELECT sequence, method, kind, created_at FROM batches ORDER BY sequence";
        st.execute();
        Poco::Data::RecordSet rs(st);
        std::vector<BatchInfo> out;
        for (bool more = rs.moveFirst(); more; more = rs.moveNext()) {
            BatchInfo b;
            b.sequence = rs.value(0).convert<int>();
            b.method = rs.value(1).convert<std::string>() == "CANCEL" ? calendar::InvitationMethod::Cancel
                                                                      : calendar::InvitationMethod::Request;
            b.kind = kind_from(rs.value(2).convert<std::string>());
            b.created_at = rs.value(3).convert<std::string>();
            out.push_back(std::move(b));
        }
        return out;
    } catch (const Poco::Exception& e) {
        throw JournalError(path_ + ": " + e.displayText());
    }
}

std::optional<BatchInfo> Journal::latest_batch() const {
    auto all = batches();
    if (all.empty()) return std::nullopt;
    return all.back();
}

std::vector<Entry> Journal::entries(int sequence) const {
    try {
        Poco::Data::Statement st(impl_->session);
        st << "SELECT " << kEntryColumns << " FROM invitations WHERE sequence = ? ORDER BY position", bind(sequence);
        return read_entries(st);
    } catch (const Poco::Exception& e) {
        throw JournalError(path_ + ": " + e.displayText());
    }
}

std::vector<Entry> Journal::all_entries() const {
    try {
        Poco::Data::Statement st(impl_->session);
        st << "SELECT " << kEntryColumns << " FROM invitations ORDER BY sequence, position";
        return read_entries(st);
    } catch (const Poco::Exception& e) {
        throw JournalError(path_ + ": " + e.displayText());
    }
}

std::optional<Entry> Journal::entry(const std::string& key, int sequence) const {
    try {
        Poco::Data::Statement st(impl_->session);
        st << "SELECT " << kEntryColumns << " FROM invitations WHERE address_key = ? AND sequence = ?", bind(key),
            bind(sequence);
        auto rows = read_entries(st);
        if (rows.empty()) return std::nullopt;
        return rows.front();
    } catch (const Poco::Exception& e) {
        throw JournalError(path_ + ": " + e.displayText());
    }
}

void Journal::create_batch(const BatchInfo& batch, const std::vector<NewEntry>& entries) {
    try {
        impl_->transaction([&] {
            const std::string method = calendar::method_name(batch.method);
            const std::string kind = kind_name(batch.kind);
            const std::string stamp = iso_now();
            impl_->session << "INSERT INTO batches (sequence, method, kind, created_at) VALUES (?, ?, ?, ?)",
                bind(batch.sequence), bind(method), bind(kind), bind(stamp), now;
            impl_->insert(batch.sequence, entries, 0);
        });
    } catch (const Poco::Exception& e) {
        throw JournalError(path_ + ": cannot record the batch of SEQUENCE " + std::to_string(batch.sequence) + ": " +
                           e.displayText());
    }
}

void Journal::add_entries(int sequence, const std::vector<NewEntry>& entries) {
    try {
        impl_->transaction([&] {
            std::vector<int> max_position;
            impl_->session << "SELECT COALESCE(MAX(position), -1) FROM invitations WHERE sequence = ?",
                bind(sequence), into(max_position), now;
            impl_->insert(sequence, entries, max_position.empty() ? 0 : max_position.front() + 1);
        });
    } catch (const Poco::Exception& e) {
        throw JournalError(path_ + ": cannot add registrants to SEQUENCE " + std::to_string(sequence) + ": " +
                           e.displayText());
    }
}

void Journal::transition(const std::string& key, int sequence, const std::vector<State>& from, State to,
                         const std::string& message_id, const std::string& reply, bool count_attempt) {
    std::size_t changed = 0;
    try {
        const std::string state = state_name(to);
        const std::string stamp = iso_now();
        const std::string sent_at = to == State::Sent ? stamp : std::string();
        const int attempt = count_attempt ? 1 : 0;
        Poco::Data::Statement st(impl_->session);
        st << "UPDATE invitations SET state = ?,"
              " message_id = CASE WHEN ? <> '' THEN ? ELSE message_id END,"
              " reply = ?, attempts = attempts + ?, updated_at = ?,"
              " sent_at = CASE WHEN ? <> '' THEN ? ELSE sent_at END"
              " WHERE address_key = ? AND sequence = ? AND state IN (" +
                  quoted_states(from) + ")",
            bind(state), bind(message_id), bind(message_id), bind(reply), bind(attempt), bind(stamp), bind(sent_at),
            bind(sent_at), bind(key), bind(sequence);
        changed = st.execute();
    } catch (const Poco::Exception& e) {
        throw JournalError(path_ + ": cannot record " + key + " as " + state_name(to) + ": " + e.displayText());
    }
    if (changed == 1) return;
    const auto current = entry(key, sequence);
    throw JournalError(path_ + ": " + key + " (SEQUENCE " + std::to_string(sequence) + ") cannot go from " +
                       (current ? state_name(current->state) : "nowhere (no such entry)") + " to " +
                       state_name(to));
}

void Journal::mark_sending(const std::string& key, int sequence, const std::string& message_id) {
    if (message_id.empty()) throw JournalError("an entry goes to 'sending' only with its Message-ID");
    transition(key, sequence, {State::Pending, State::TempFailed, State::PermFailed, State::Sending}, State::Sending,
               message_id, "", false);
}

void Journal::mark_sent(const std::string& key, int sequence, const std::string& reply) {
    transition(key, sequence, {State::Sending}, State::Sent, "", reply, true);
}

void Journal::mark_temp_failed(const std::string& key, int sequence, const std::string& reply) {
    transition(key, sequence, {State::Pending, State::Sending, State::TempFailed, State::PermFailed},
               State::TempFailed, "", reply, true);
}

void Journal::mark_perm_failed(const std::string& key, int sequence, const std::string& reply) {
    transition(key, sequence, {State::Pending, State::Sending, State::TempFailed, State::PermFailed},
               State::PermFailed, "", reply, true);
}

JournalLock::JournalLock(const std::string& journal_path) {
    const std::string path = journal_path + ".lock";
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd_ < 0) throw JournalError(path + ": cannot open the lock file: " + std::strerror(errno));
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        const int err = errno;
        ::close(fd_);
        fd_ = -1;
        if (err == EWOULDBLOCK)
            throw JournalError(journal_path + ": another 'booklet invite' is using this journal; wait for it to end");
        throw JournalError(path + ": cannot lock: " + std::strerror(err));
    }
}

JournalLock::~JournalLock() {
    if (fd_ >= 0) ::close(fd_);  // releases the flock
}

}  // namespace booklet::mail
