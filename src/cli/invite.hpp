#pragma once
// booklet invite FILE --registrants REG.csv [options]: one calendar
// invitation e-mail per registrant, sent over SMTP with a journal, so that
// a rerun resumes where a run stopped and nobody gets a message twice.
//
// Exit codes: 0 every invitation sent; 2 bad input or usage (the CSV has
// bad rows, no organiser e-mail, the PDF is missing, STARTTLS refused,
// credentials refused…) — nothing or nothing more was sent; 3 some
// invitations were not delivered (permanent or repeated temporary
// failures, uncertain ones), all reported; 1 internal error.
//
// Environment: BOOKLET_SMTP_PASSWORD (the password, unless --password-file),
// BOOKLET_SMTP_TIMEOUT_MS (socket timeout, default 30000),
// BOOKLET_SMTP_RETRY_DELAY_MS (first retry delay, default 5000, doubled
// for each further try; 3 tries per run), SOURCE_DATE_EPOCH (Date, DTSTAMP).
#include <string>

namespace CLI {
class App;
}

namespace booklet::cli {

inline constexpr int kSomeNotSent = 3;

struct InviteArgs {
    std::string input;
    std::string timezone;  // --timezone
    std::string registrants;
    std::string smtp;  // HOST:PORT
    bool starttls = false;
    bool tls = false;
    std::string user;
    std::string password_file;
    std::string dry_run_dir;
    std::string journal;  // default: <output_dir>/<stem>.invites.sqlite
    double rate = 0;      // messages per second; 0: no limit
    bool update = false;
    bool cancel = false;
    bool attach_pdf = false;
    bool attach_ics = false;
    bool skip_invalid = false;
    bool resend_uncertain = false;
    std::string output_dir = "out";
};

// Adds the `invite` subcommand and its options to `app`, filling `args`.
CLI::App* add_invite_command(CLI::App& app, InviteArgs& args);

int run_invite(const InviteArgs& args);

}  // namespace booklet::cli
