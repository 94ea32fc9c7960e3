#include "cli/invite.hpp"
#include "cli/diagnostics_output.hpp"

#include <CLI/CLI.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>

#include "calendar/calendar.hpp"
#include "calendar/programme_calendar.hpp"
#include "cli/commands.hpp"
#include "cli/diagnostics_output.hpp"
#include "cli/load.hpp"
#include "io/atomic_file.hpp"
#include "mail/invitation_mail.hpp"
#include "mail/journal.hpp"
#include "mail/plan.hpp"
#include "mail/sender.hpp"
#include "mail/smtp.hpp"
#include "read/registrants_reader.hpp"

namespace booklet::cli {

namespace fs = std::filesystem;

namespace {

// Attachments larger than this are refused: most servers would refuse
// them anyway, one copy per registrant.
constexpr std::uintmax_t kMaxPdfBytes = 20u * 1024u * 1024u;

void say_error(const std::string& message) { std::cerr << "booklet: error: " << message << '\n'; }
void say_warning(const std::string& message) { std::cerr << "booklet: warning: " << message << '\n'; }

// A non-negative integer from the environment; `fallback` when unset.
std::optional<long long> env_number(const char* name, long long fallback) {
    const char* v = std::getenv(name);
    if (!v || !*v) return fallback;
    long long n = 0;
    const std::string_view s = v;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc() || ptr != s.data() + s.size() || n < 0) {
        say_error(std::string(name) + "='" + std::string(s) + "' is not a non-negative number");
        return std::nullopt;
    }
    return n;
}

std::string plural(std::size_t n, const std::string& one, const std::string& many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::optional<std::string> read_password(const InviteArgs& a) {
    if (!a.password_file.empty()) {
        struct stat st {};
        if (::stat(a.password_file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
            say_error(a.password_file + ": cannot read the password file");
            return std::nullopt;
        }
        if (st.st_mode & 077) say_warning(a.password_file + ": the password file can be read by others (chmod 600)");
        std::ifstream in(a.password_file, std::ios::binary);
        std::string pw((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (!pw.empty() && pw.back() == '\n') pw.pop_back();
        if (!pw.empty() && pw.back() == '\r') pw.pop_back();
        if (pw.empty() || pw.find_first_of("\r\n") != std::string::npos) {
            say_error(a.password_file + ": the password file must hold the password on one line");
            return std::nullopt;
        }
        return pw;
    }
    if (const char* env = std::getenv("BOOKLET_SMTP_PASSWORD"); env && *env) return std::string(env);
    say_error("--user needs a password: set BOOKLET_SMTP_PASSWORD or give --password-file "
              "(never on the command line)");
    return std::nullopt;
}

std::optional<std::int64_t> send_time() {
    const char* v = std::getenv("SOURCE_DATE_EPOCH");
    if (!v || !*v) return static_cast<std::int64_t>(std::time(nullptr));
    std::int64_t n = 0;
    const std::string_view s = v;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc() || ptr != s.data() + s.size() || n < 0) {
        say_error("SOURCE_DATE_EPOCH='" + std::string(s) + "' is not a number of seconds");
        return std::nullopt;
    }
    return n;
}

std::string resolved_language(const std::string& wanted, const model::Programme& p) {
    if (read::is_mail_language(wanted)) return wanted;
    const std::string programme = p.lang.substr(0, p.lang.find('-'));  // "de-CH" → "de"
    return read::is_mail_language(programme) ? programme : "en";
}

// "12-elodie_x@example.org.eml": letters, digits and . _ @ + - kept.
std::string eml_name(std::size_t n, std::size_t total, const std::string& email) {
    std::string num = std::to_string(n);
    const std::size_t width = std::to_string(total).size();
    if (num.size() < width) num.insert(0, width - num.size(), '0');
    std::string safe;
    for (char c : email) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                        c == '_' || c == '@' || c == '+' || c == '-';
        safe += ok ? c : '_';
    }
    if (!safe.empty() && safe.front() == '.') safe.front() = '_';
    return num + "-" + safe + ".eml";
}

std::optional<mail::Attachment> pdf_attachment(const InviteArgs& a, const std::string& stem) {
    const fs::path path = fs::path(a.output_dir) / (stem + ".pdf");
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
        say_error(path.string() + " does not exist: build the booklet first: booklet build " + a.input +
                  (a.output_dir == "out" ? "" : " -o " + a.output_dir));
        return std::nullopt;
    }
    const auto size = fs::file_size(path, ec);
    if (ec || size > kMaxPdfBytes) {
        say_error(path.string() + " is too large to attach to every invitation (" +
                  std::to_string(size / (1024 * 1024)) + " MiB; at most " +
                  std::to_string(kMaxPdfBytes / (1024 * 1024)) + " MiB)");
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) {
        say_error(path.string() + ": cannot read the file");
        return std::nullopt;
    }
    if (bytes.compare(0, 5, "%PDF-") != 0) {
        say_error(path.string() + " is not a PDF file: build the booklet again: booklet build " + a.input);
        return std::nullopt;
    }
    return mail::Attachment{"application/pdf", stem + ".pdf", std::move(bytes)};
}

std::optional<mail::Attachment> ics_attachment(const model::Programme& p, const std::string& stem,
                                               std::int64_t now) {
    calendar::CalendarOptions options;
    options.dtstamp = now;
    model::Diagnostics diags;
    auto files = calendar::make_calendar_files(p, stem, options, diags);
    print_diagnostics(diags);
    if (diags.has_errors() || files.empty()) return std::nullopt;
    // application/ics, as calendar services do for an attached .ics: a
    // second text/calendar part would compete with the invitation itself.
    return mail::Attachment{"application/ics", files.front().relative_path, std::move(files.front().content)};
}

struct Printer {
    bool tty = ::isatty(STDERR_FILENO) != 0;
    std::size_t step = 1;
    bool open_line = false;
    std::size_t last_sent = 0, last_failed = 0;
    void operator()(const mail::Progress& p) {
        if (p.sent == last_sent && p.failed == last_failed) return;  // a retry pending: nothing new
        last_sent = p.sent;
        last_failed = p.failed;
        if (!tty && p.sent + p.failed != p.total && (p.sent + p.failed) % step != 0) return;
        const std::string line =
            std::to_string(p.sent) + "/" + std::to_string(p.total) + " sent, " + std::to_string(p.failed) + " failed";
        if (tty) {
            std::cerr << '\r' << line << std::flush;
            open_line = true;
        } else {
            std::cerr << line << '\n';
        }
    }
    void finish() {
        if (open_line) std::cerr << '\n';
        open_line = false;
    }
};

void list(const std::string& title, const std::vector<mail::Failure>& failures, const std::string& advice) {
    if (failures.empty()) return;
    std::cerr << title << ":\n";
    for (const auto& f : failures) {
        std::cerr << "  " << f.entry.email;
        if (!f.entry.message_id.empty()) std::cerr << " " << f.entry.message_id;
        std::cerr << ": " << f.reply << '\n';
    }
    if (!advice.empty()) std::cerr << "  " << advice << '\n';
}

}  // namespace

CLI::App* add_invite_command(CLI::App& app, InviteArgs& a) {
    auto* c = app.add_subcommand("invite", "E-mail a calendar invitation (iMIP) to every registrant of FILE");
    c->add_option("file", a.input, "Programme XML")->required();
    c->add_option("--registrants", a.registrants, "Registrants CSV: header row, email (required), name, language")
        ->required()
        ->type_name("REG.csv");
    c->add_option("--smtp", a.smtp, "Mail server (port: 25, 587 with --starttls, 465 with --tls)")
        ->type_name("HOST:PORT");
    auto* starttls = c->add_flag("--starttls", a.starttls, "Require STARTTLS; never go on in clear text");
    auto* tls = c->add_flag("--tls", a.tls, "TLS from the first byte (implicit TLS, port 465)");
    starttls->excludes(tls);
    auto* user = c->add_option("--user", a.user,
                               "Log in as NAME (AUTH PLAIN or LOGIN); the password comes from "
                               "$BOOKLET_SMTP_PASSWORD or --password-file")
                     ->type_name("NAME");
    c->add_option("--password-file", a.password_file, "File holding the password on one line")
        ->needs(user)
        ->type_name("PATH");
    c->add_option("--dry-run", a.dry_run_dir, "Write each message as DIR/<n>-<address>.eml and send nothing")
        ->type_name("DIR");
    c->add_option("--journal", a.journal, "Send journal (default: <output folder>/<stem>.invites.sqlite)")
        ->type_name("PATH");
    c->add_option("--rate", a.rate, "Send at most N messages per second")
        ->check(CLI::PositiveNumber)
        ->type_name("N");
    auto* update = c->add_flag("--update", a.update, "Send the changed programme (SEQUENCE+1) to everyone invited");
    auto* cancel = c->add_flag("--cancel", a.cancel, "Cancel the event for everyone invited (METHOD:CANCEL)");
    update->excludes(cancel);
    c->add_flag("--attach-pdf", a.attach_pdf, "Attach the booklet PDF (<output folder>/<stem>.pdf)");
    c->add_flag("--attach-ics", a.attach_ics, "Attach the programme's calendar (<stem>.ics)");
    add_timezone_option(*c, a.timezone);
    c->add_flag("--skip-invalid", a.skip_invalid, "Leave out the CSV's bad rows (reported) instead of stopping");
    c->add_flag("--resend-uncertain", a.resend_uncertain,
                "Send again the messages whose delivery is unknown after a crash (may duplicate them)");
    c->add_option("-o,--output", a.output_dir, "Output folder: where the PDF and the journal are")
        ->capture_default_str()
        ->type_name("DIR");
    return c;
}

int run_invite(const InviteArgs& a) {
    const bool dry = !a.dry_run_dir.empty();
    // --- usage and settings, before reading anything ---
    mail::SmtpOptions smtp;
    smtp.security = a.tls ? mail::Security::Tls : a.starttls ? mail::Security::StartTls : mail::Security::None;
    if (!dry) {
        if (a.smtp.empty()) {
            say_error("give --smtp HOST:PORT to send the invitations, or --dry-run DIR to write them to files");
            return kBadInput;
        }
        const auto hp = mail::parse_host_port(a.smtp, smtp.security);
        if (!hp) {
            say_error("--smtp '" + a.smtp + "' is not HOST:PORT");
            return kBadInput;
        }
        smtp.host = hp->first;
        smtp.port = hp->second;
        if (!a.user.empty()) {
            const auto pw = read_password(a);
            if (!pw) return kBadInput;
            smtp.user = a.user;
            smtp.password = *pw;
        }
    }
    const auto timeout_ms = env_number("BOOKLET_SMTP_TIMEOUT_MS", 30000);
    const auto retry_ms = env_number("BOOKLET_SMTP_RETRY_DELAY_MS", 5000);
    const auto now = send_time();
    const bool fixed_time = std::getenv("SOURCE_DATE_EPOCH") && *std::getenv("SOURCE_DATE_EPOCH");
    if (!timeout_ms || !retry_ms || !now) return kBadInput;
    smtp.timeout = std::chrono::milliseconds(std::max<long long>(*timeout_ms, 1));

    // --- inputs ---
    LoadOptions lo;
    lo.timezone = a.timezone;
    lo.require_timezone = true;
    auto p = load_programme(a.input, lo);
    if (!p) return kBadInput;
    const std::string stem = fs::path(a.input).stem().string();
    const auto organiser = calendar::programme_organizer(*p);
    if (!organiser) {
        std::cerr << p->where.str() << ": error: the invitations need a sender: give the programme a contact "
                  << "with an e-mail address\n";
        return kBadInput;
    }

    model::Diagnostics csv_diags;
    const auto list_of = read::read_registrants_file(a.registrants, csv_diags);
    print_diagnostics(csv_diags);
    if (!list_of.usable) {
        std::cerr << a.registrants << ": cannot be used; nothing was sent\n";
        return kBadInput;
    }
    if (list_of.bad_rows > 0 && !a.skip_invalid) {
        std::cerr << a.registrants << ": " << plural(list_of.bad_rows, "bad row", "bad rows")
                  << "; nothing was sent (fix them, or give --skip-invalid to send to the others)\n";
        return kBadInput;
    }
    if (list_of.bad_rows > 0)
        std::cerr << a.registrants << ": skipping " << plural(list_of.bad_rows, "bad row", "bad rows") << '\n';
    const bool needs_registrants = !a.update && !a.cancel;
    if (list_of.registrants.empty() && needs_registrants) {
        std::cerr << a.registrants << ": no registrants; nothing was sent\n";
        return kBadInput;
    }
    std::vector<mail::NewEntry> registrants;
    std::map<std::string, mail::NewEntry> by_key;
    for (const auto& r : list_of.registrants) {
        mail::NewEntry e{r.email, r.name, resolved_language(r.language, *p), mail::MessageKind::Invite};
        by_key[read::address_key(r.email)] = e;
        registrants.push_back(std::move(e));
    }

    model::Diagnostics template_diags;
    std::map<std::string, mail::MailTemplates> templates;
    for (const std::string_view lang : read::kMailLanguages)
        if (auto t = mail::read_mail_templates(std::string(lang), template_diags)) templates.emplace(lang, std::move(*t));
    print_diagnostics(template_diags);
    if (template_diags.has_errors()) return kBadInput;

    mail::BatchSettings settings;
    settings.now = *now;
    if (a.attach_pdf) {
        auto pdf = pdf_attachment(a, stem);
        if (!pdf) return kBadInput;
        settings.attachments.push_back(std::move(*pdf));
    }
    if (a.attach_ics) {
        auto ics = ics_attachment(*p, stem, *now);
        if (!ics) return kBadInput;
        settings.attachments.push_back(std::move(*ics));
    }

    // --- the journal and the plan ---
    const std::string journal_path =
        !a.journal.empty() ? a.journal : (fs::path(a.output_dir) / (stem + ".invites.sqlite")).string();
    std::unique_ptr<mail::JournalLock> lock;
    std::unique_ptr<mail::Journal> journal;
    try {
        if (dry) {
            journal = fs::exists(journal_path) ? mail::Journal::open(journal_path, p->id)
                                               : mail::Journal::in_memory(p->id);
        } else {
            const auto parent = fs::path(journal_path).parent_path();
            if (!parent.empty()) io::make_directories(parent.string());
            lock = std::make_unique<mail::JournalLock>(journal_path);
            journal = mail::Journal::open(journal_path, p->id);
        }
    } catch (const std::exception& e) {
        say_error(e.what());
        return kBadInput;
    }

    mail::PlanInput in;
    in.mode = a.update ? mail::Mode::Update : a.cancel ? mail::Mode::Cancel : mail::Mode::Invite;
    in.registrants = registrants;
    in.revision = p->revision;
    in.resend_uncertain = a.resend_uncertain;
    const mail::Plan plan = mail::plan_batch(*journal, in);
    if (!plan.error.empty()) {
        say_error(journal_path + ": " + plan.error);
        return kBadInput;
    }
    for (const auto& note : plan.notes) std::cerr << "booklet: note: " << note << '\n';
    std::vector<mail::Entry> entries;
    if (dry) {
        entries = mail::planned_entries(*journal, plan);
    } else {
        mail::apply_plan(*journal, plan);
        entries = journal->entries(plan.batch.sequence);
    }
    mail::Work work = mail::work_of(entries, a.resend_uncertain);
    // First invitations go to the registrants file as it is now: someone
    // taken out of it since an interrupted run is not invited after all.
    // (Updates and cancellations go to whoever may hold the invitation.)
    std::size_t left_out = 0;
    if (plan.batch.kind == mail::MessageKind::Invite) {
        const auto gone = [&](const mail::Entry& e) { return !by_key.count(e.key); };
        left_out = static_cast<std::size_t>(std::count_if(work.to_send.begin(), work.to_send.end(), gone));
        work.to_send.erase(std::remove_if(work.to_send.begin(), work.to_send.end(), gone), work.to_send.end());
        if (left_out)
            std::cerr << "booklet: note: " << plural(left_out, "registrant", "registrants") << " of the journal "
                      << (left_out == 1 ? "is" : "are") << " no longer in " << a.registrants << " (or "
                      << (left_out == 1 ? "is a bad row" : "are bad rows") << "): not invited\n";
    }
    settings.method = plan.batch.method;
    settings.sequence = plan.batch.sequence;
    const std::string batch_text =
        "SEQUENCE " + std::to_string(plan.batch.sequence) + " (" + calendar::method_name(plan.batch.method) + ")";
    std::cerr << "invitations " << batch_text << ": " << work.to_send.size() << " to send, " << work.already_sent
              << " already sent, " << work.uncertain.size() << " uncertain\n";

    // --- the messages ---
    const mail::InvitationComposer composer(*p, {organiser->name, organiser->email}, templates, settings);
    model::Diagnostics compose_diags;
    const mail::ComposeFn compose = [&](const mail::Entry& e) {
        // The CSV's current name and language win over the journal's copy.
        mail::Recipient r{{e.name, e.email}, e.language};
        if (const auto it = by_key.find(e.key); it != by_key.end()) r = {{it->second.name, e.email}, it->second.language};
        if (!read::is_mail_language(r.lang)) r.lang = resolved_language(r.lang, *p);
        // Date and DTSTAMP: when the message is made, unless SOURCE_DATE_EPOCH fixes them.
        return composer.compose(r, e.wording, compose_diags,
                                fixed_time ? std::nullopt
                                           : std::optional<std::int64_t>(static_cast<std::int64_t>(std::time(nullptr))));
    };
    if (!work.to_send.empty() && !compose(work.to_send.front())) {
        print_diagnostics(compose_diags);
        std::cerr << a.input << ": nothing was sent\n";
        return kBadInput;
    }

    const std::vector<mail::Failure> earlier_uncertain = [&] {
        std::vector<mail::Failure> out;
        for (const auto& e : work.uncertain)
            out.push_back({e, "left 'sending' by an earlier run (" + e.updated_at + "): it may or may not have arrived"});
        return out;
    }();
    const std::string uncertain_advice =
        "check with the recipient or the server's log; --resend-uncertain sends them again (perhaps twice)";

    if (dry) {
        io::make_directories(a.dry_run_dir);
        std::size_t n = 0;
        for (const auto& e : work.to_send) {
            const auto m = compose(e);
            if (!m) {
                print_diagnostics(compose_diags);
                return kInternalError;
            }
            io::write_file_atomically((fs::path(a.dry_run_dir) / eml_name(++n, work.to_send.size(), e.email)).string(),
                                      m->bytes);
        }
        std::cout << "wrote " << plural(n, "message", "messages") << " to " << a.dry_run_dir << " (nothing sent)\n";
        list("uncertain (not written)", earlier_uncertain, uncertain_advice);
        return kOk;
    }

    mail::SendPolicy policy;
    policy.rate = a.rate;
    policy.retry_delay = std::chrono::milliseconds(*retry_ms);
    mail::SmtpTransport transport(smtp);
    Printer printer;
    printer.step = std::max<std::size_t>(1, work.to_send.size() / 20);
    mail::SendReport report;
    try {
        report = mail::send_batch(work.to_send, compose, transport, *journal, policy, std::ref(printer));
    } catch (const mail::SetupError& e) {
        printer.finish();
        say_error(e.what());
        std::size_t sent = 0;
        for (const auto& x : journal->entries(plan.batch.sequence)) sent += x.state == mail::State::Sent;
        std::cerr << "invitations " << batch_text << ": " << sent << " of " << entries.size()
                  << " sent so far; the journal " << journal_path << " keeps the rest for the next run\n";
        return kBadInput;
    }
    printer.finish();

    // --- the summary ---
    std::size_t sent_total = 0;
    std::map<std::string, std::string> ids;  // key → Message-ID, for the uncertain ones
    for (const auto& x : journal->entries(plan.batch.sequence)) {
        sent_total += x.state == mail::State::Sent;
        ids[x.key] = x.message_id;
    }
    auto with_ids = [&](std::vector<mail::Failure> v) {
        for (auto& f : v) f.entry.message_id = ids[f.entry.key];
        return v;
    };
    std::cerr << "sent " << report.sent << " of " << report.total << " in this run; " << sent_total << " of "
              << entries.size() << " invitations " << batch_text << " sent in all\n";
    list("failed permanently (not retried)", report.permanent, "");
    list("failed for now (rerun later to retry)", report.temporary, "");
    auto uncertain = with_ids(report.uncertain);
    const auto earlier = with_ids(earlier_uncertain);
    uncertain.insert(uncertain.end(), earlier.begin(), earlier.end());
    list("uncertain: may or may not have arrived", uncertain, uncertain_advice);
    if (!report.not_tried.empty())
        std::cerr << "gave up after repeated connection failures (" << report.gave_up << "); "
                  << plural(report.not_tried.size(), "message was", "messages were")
                  << " not tried: rerun later\n";
    const bool complete = sent_total + left_out == entries.size();
    return complete ? kOk : kSomeNotSent;
}

}  // namespace booklet::cli
