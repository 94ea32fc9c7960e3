#include "mail/plan.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "read/registrants_reader.hpp"

namespace booklet::mail {

namespace {

bool unfinished(const std::vector<Entry>& entries, bool resend_uncertain) {
    return std::any_of(entries.begin(), entries.end(), [&](const Entry& e) {
        return e.state == State::Pending || e.state == State::TempFailed ||
               (resend_uncertain && e.state == State::Sending);
    });
}

std::size_t count_open(const std::vector<Entry>& entries) {
    return static_cast<std::size_t>(std::count_if(entries.begin(), entries.end(), [](const Entry& e) {
        return e.state == State::Pending || e.state == State::TempFailed;
    }));
}

// The entries still owed a message. First invitations are owed only to
// people still in the registrants file (the CLI leaves the others out).
std::vector<Entry> owed(const BatchInfo& batch, std::vector<Entry> entries, const std::vector<NewEntry>& registrants) {
    if (batch.kind != MessageKind::Invite) return entries;
    std::set<std::string> keys;
    for (const auto& r : registrants) keys.insert(read::address_key(r.email));
    entries.erase(std::remove_if(entries.begin(), entries.end(),
                                 [&](const Entry& e) { return e.state != State::Sent && !keys.count(e.key); }),
                  entries.end());
    return entries;
}

std::string batch_name(const BatchInfo& b) {
    const std::string what = b.kind == MessageKind::Invite   ? "the invitations"
                             : b.kind == MessageKind::Update ? "the update"
                                                             : "the cancellation";
    return what + " of SEQUENCE " + std::to_string(b.sequence);
}

// Everyone who may hold an invitation: an entry sent, or sending (it may
// have arrived), in a REQUEST batch. The newest entry of each, in the
// order people were first invited.
std::vector<Entry> invited(const Journal& journal, const std::vector<BatchInfo>& batches) {
    std::set<int> requests;
    for (const auto& b : batches)
        if (b.method == calendar::InvitationMethod::Request) requests.insert(b.sequence);
    std::vector<std::string> order;
    std::map<std::string, Entry> latest;
    for (const auto& e : journal.all_entries()) {  // by sequence, position
        if (!requests.count(e.sequence) || (e.state != State::Sent && e.state != State::Sending)) continue;
        if (!latest.count(e.key)) order.push_back(e.key);
        latest[e.key] = e;
    }
    std::vector<Entry> out;
    for (const auto& k : order) out.push_back(latest[k]);
    return out;
}

// Entries for a new batch: the invited people, with the name and language
// the CSV gives now when it still lists them.
std::vector<NewEntry> re_address(const std::vector<Entry>& people, const std::vector<NewEntry>& registrants,
                                 MessageKind wording, std::vector<std::string>& notes) {
    std::map<std::string, const NewEntry*> by_key;
    for (const auto& r : registrants) by_key[read::address_key(r.email)] = &r;
    std::vector<NewEntry> out;
    std::size_t gone = 0;
    std::set<std::string> keys;
    for (const auto& e : people) {
        keys.insert(e.key);
        if (const auto it = by_key.find(e.key); it != by_key.end()) {
            NewEntry n = *it->second;
            n.wording = wording;
            out.push_back(std::move(n));
        } else {
            ++gone;
            out.push_back({e.email, e.name, e.language, wording});
        }
    }
    if (gone)
        notes.push_back(std::to_string(gone) + (gone == 1 ? " person" : " people") +
                        " invited earlier no longer in the registrants file: the journal still counts them");
    std::size_t never = 0;
    for (const auto& r : registrants) never += keys.count(read::address_key(r.email)) ? 0 : 1;
    if (never)
        notes.push_back(std::to_string(never) + (never == 1 ? " registrant has" : " registrants have") +
                        " never been invited; run without --update/--cancel to invite them");
    return out;
}

}  // namespace

Plan plan_batch(const Journal& journal, const PlanInput& in) {
    Plan plan;
    const auto batches = journal.batches();
    const std::optional<BatchInfo> last = batches.empty() ? std::nullopt : std::optional(batches.back());
    const std::vector<Entry> last_entries =
        last ? owed(*last, journal.entries(last->sequence), in.registrants) : std::vector<Entry>{};
    const bool last_open = last && unfinished(last_entries, in.resend_uncertain);
    const int next_sequence = last ? last->sequence + 1 : in.revision;

    switch (in.mode) {
    case Mode::Invite: {
        if (!last) {
            plan.batch = {in.revision, calendar::InvitationMethod::Request, MessageKind::Invite, {}};
            plan.new_batch = true;
            plan.additions = in.registrants;
            for (auto& a : plan.additions) a.wording = MessageKind::Invite;
            return plan;
        }
        if (last->method == calendar::InvitationMethod::Cancel) {
            plan.error = "the event was cancelled (SEQUENCE " + std::to_string(last->sequence) +
                         "): nobody is invited any more; --update sends the invitations again";
            return plan;
        }
        plan.batch = *last;
        std::set<std::string> present;
        for (const auto& e : journal.entries(last->sequence)) present.insert(e.key);
        for (const auto& r : in.registrants) {
            if (present.count(read::address_key(r.email))) continue;
            NewEntry n = r;
            n.wording = MessageKind::Invite;  // their first invitation, whatever the batch
            plan.additions.push_back(std::move(n));
        }
        if (last->kind != MessageKind::Invite)
            plan.notes.push_back("continuing " + batch_name(*last));
        return plan;
    }
    case Mode::Update: {
        if (!last) {
            plan.error = "nobody has been invited yet: run 'booklet invite' without --update first";
            return plan;
        }
        if (last_open && last->kind == MessageKind::Update) {
            plan.batch = *last;
            plan.notes.push_back("resuming " + batch_name(*last) + " started " + last->created_at);
            return plan;
        }
        if (last_open) {
            plan.error = batch_name(*last) + " is not finished (" + std::to_string(count_open(last_entries)) +
                         " not sent yet): run again without --update to finish it first";
            return plan;
        }
        const auto people = invited(journal, batches);
        if (people.empty()) {
            plan.error = "nobody has received an invitation yet: nothing to update";
            return plan;
        }
        plan.batch = {next_sequence, calendar::InvitationMethod::Request, MessageKind::Update, {}};
        plan.new_batch = true;
        plan.additions = re_address(people, in.registrants, MessageKind::Update, plan.notes);
        return plan;
    }
    case Mode::Cancel: {
        if (!last) {
            plan.error = "nobody has been invited yet: nothing to cancel";
            return plan;
        }
        if (last->kind == MessageKind::Cancel) {
            plan.batch = *last;
            plan.notes.push_back("resuming " + batch_name(*last) + " started " + last->created_at);
            return plan;
        }
        const auto people = invited(journal, batches);
        if (people.empty()) {
            plan.error = "nobody has received an invitation yet: nothing to cancel";
            return plan;
        }
        if (last_open)
            plan.notes.push_back(std::to_string(count_open(last_entries)) + " message(s) of " + batch_name(*last) +
                                 " were never sent and will not be");
        plan.batch = {next_sequence, calendar::InvitationMethod::Cancel, MessageKind::Cancel, {}};
        plan.new_batch = true;
        plan.additions = re_address(people, in.registrants, MessageKind::Cancel, plan.notes);
        return plan;
    }
    }
    return plan;
}

void apply_plan(Journal& journal, const Plan& plan) {
    if (!plan.error.empty()) throw JournalError("a refused plan cannot be applied");
    if (plan.new_batch) journal.create_batch(plan.batch, plan.additions);
    else if (!plan.additions.empty()) journal.add_entries(plan.batch.sequence, plan.additions);
}

std::vector<Entry> planned_entries(const Journal& journal, const Plan& plan) {
    std::vector<Entry> out = plan.new_batch ? std::vector<Entry>{} : journal.entries(plan.batch.sequence);
    int position = out.empty() ? 0 : out.back().position + 1;
    for (const auto& a : plan.additions) {
        Entry e;
        e.key = read::address_key(a.email);
        e.sequence = plan.batch.sequence;
        e.email = a.email;
        e.name = a.name;
        e.language = a.language;
        e.wording = a.wording;
        e.position = position++;
        out.push_back(std::move(e));
    }
    return out;
}

Work work_of(const std::vector<Entry>& entries, bool resend_uncertain) {
    Work w;
    for (const auto& e : entries) {
        switch (e.state) {
        case State::Sent: ++w.already_sent; break;
        case State::Sending:
            if (resend_uncertain) w.to_send.push_back(e);
            else w.uncertain.push_back(e);
            break;
        default: w.to_send.push_back(e); break;
        }
    }
    return w;
}

}  // namespace booklet::mail
