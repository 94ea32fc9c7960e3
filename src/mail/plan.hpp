#pragma once
// Which batch a run works on and who is in it, decided from the journal
// and the registrants — before anything is sent, and the same way for a
// dry run (which only reads the journal).
//
//   invite (no flag)  the first batch (SEQUENCE = the programme's revision),
//                     or the latest REQUEST batch, resumed: registrants not
//                     in it yet are added; every entry not sent is sent
//                     (pending, temp-failed, perm-failed again). Refused
//                     after a cancellation.
//   --update          a new REQUEST batch, SEQUENCE = last + 1, to everyone
//                     who may have an invitation (an entry sent or
//                     sending in an earlier REQUEST batch); an unfinished
//                     update is resumed instead. Refused while another
//                     batch is unfinished.
//   --cancel          a new CANCEL batch, SEQUENCE = last + 1, to the same
//                     people; an earlier cancellation is resumed instead.
// "Unfinished" means entries still pending or temp-failed (or sending,
// with --resend-uncertain) — in a first-invitation batch, only those of
// people still in the registrants file. Entries left "sending" are
// uncertain: they are reported and only resent with --resend-uncertain.
#include <optional>
#include <string>
#include <vector>

#include "mail/journal.hpp"

namespace booklet::mail {

enum class Mode { Invite, Update, Cancel };

struct PlanInput {
    Mode mode = Mode::Invite;
    std::vector<NewEntry> registrants;  // from the CSV, languages resolved
    int revision = 0;                   // the programme's: the first SEQUENCE
    bool resend_uncertain = false;
};

struct Plan {
    std::string error;  // not empty: the run is refused (exit 2)
    BatchInfo batch;
    bool new_batch = false;
    std::vector<NewEntry> additions;  // entries the batch gets (all of them for a new batch)
    std::vector<std::string> notes;   // facts worth telling the user
};

Plan plan_batch(const Journal& journal, const PlanInput& input);

// The plan written to the journal (a new batch, or entries added to one).
void apply_plan(Journal& journal, const Plan& plan);

// The batch's entries as the plan leaves them, without touching the
// journal (for --dry-run): the journal's entries plus the additions.
std::vector<Entry> planned_entries(const Journal& journal, const Plan& plan);

struct Work {
    std::vector<Entry> to_send;    // in send order
    std::vector<Entry> uncertain;  // left "sending" and not resent
    std::size_t already_sent = 0;
};
Work work_of(const std::vector<Entry>& batch_entries, bool resend_uncertain);

}  // namespace booklet::mail
