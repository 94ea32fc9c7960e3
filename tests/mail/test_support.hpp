#pragma once
// Helpers for booklet's mail tests: decoders written independently of the
// encoders under test, temporary folders, running programs, and the
// aiosmtpd test server (smtp_server.py) as a fixture that is always
// stopped.
#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace booklet::mail::testing_support {

namespace fs = std::filesystem;

// --- decoding (independent of src/mail) ---
std::string base64_decode(std::string_view text);  // ignores CR/LF
std::string qp_decode(std::string_view text);      // soft breaks removed, CRLF kept
// One encoded-word "=?UTF-8?B|Q?…?=" → its bytes.
std::string decode_word(std::string_view word);
// An unfolded header value: encoded-words decoded, the whitespace between
// two adjacent encoded-words dropped (RFC 2047 §6.2).
std::string decode_header_value(std::string_view value);
// RFC 5322 unfolding: a CRLF followed by a space or tab removed (the space stays).
std::string unfold(std::string_view header);
// RFC 5545 unfolding: a CRLF and the one space or tab after it removed.
std::string unfold_ics(std::string_view ics);
bool is_valid_utf8(std::string_view s);
// Every line ends in CRLF; no bare CR or LF.
bool all_crlf(std::string_view s);

// --- files ---
std::string read_file(const fs::path& p);
void write_file(const fs::path& p, std::string_view bytes);
// A fresh, empty folder under the system's temporary folder, removed by the destructor.
class TempDir {
public:
    explicit TempDir(const std::string& tag);
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const fs::path& path() const { return path_; }
    fs::path operator/(const std::string& name) const { return path_ / name; }

private:
    fs::path path_;
};

// --- processes ---
struct RunResult {
    int status = -1;  // exit status; -1 when killed by a signal
    int signal = 0;
    std::string out;
    std::string err;
};

// A child process with stdout/stderr in files; killed (SIGKILL) and reaped
// by the destructor if still running.
class Process {
public:
    Process(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
            const fs::path& log_dir, const std::string& tag);
    ~Process();
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;

    pid_t pid() const { return pid_; }
    bool running();
    void kill(int signal);
    // Waits for the end, at most `limit`; then SIGKILL. Returns the result.
    RunResult wait(std::chrono::milliseconds limit = std::chrono::seconds(60));

private:
    pid_t pid_ = -1;
    fs::path out_, err_;
    std::optional<RunResult> result_;
};

RunResult run(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env = {},
              std::chrono::milliseconds limit = std::chrono::seconds(60));

// --- the test SMTP server ---
class SmtpServer {
public:
    // Starts tests/mail/smtp_server.py with /usr/bin/python3 and waits
    // until its port accepts connections. `faults` is the JSON object the
    // script documents. Throws std::runtime_error when it does not start.
    SmtpServer(const fs::path& dir, const std::string& faults = "{}");
    ~SmtpServer();  // SIGTERM, then SIGKILL: never left running
    SmtpServer(const SmtpServer&) = delete;
    SmtpServer& operator=(const SmtpServer&) = delete;

    int port() const { return port_; }
    std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
    const fs::path& mail_dir() const { return mail_dir_; }
    void stop();

    struct Received {
        fs::path eml;
        std::string from;
        std::vector<std::string> to;
        bool tls = false;
        std::string auth;
    };
    std::vector<Received> received() const;  // in arrival order
    std::size_t count() const;
    // The faults that fired, as logged by the server ("rcpt-451 ADDR"…).
    std::vector<std::string> events() const;

private:
    fs::path mail_dir_;
    pid_t pid_ = -1;
    int port_ = 0;
};

// --- booklet's own output read back with Python (check_mime.py) ---
struct ParsedMessage {
    std::string file;
    std::map<std::string, std::string> fields;  // first value of each key
    std::vector<std::string> text;              // TEXT lines
    std::vector<std::string> attachments;       // "type|filename"
    std::string get(const std::string& key) const {
        const auto it = fields.find(key);
        return it == fields.end() ? std::string("<none>") : it->second;
    }
};
// Runs check_mime.py on the files (in batches); `extract_dir` receives
// the calendar parts as <file name>.ics when not empty.
std::vector<ParsedMessage> parse_messages(const std::vector<fs::path>& files, const fs::path& extract_dir = {});

// The booklet binary and the repository's test data.
std::string booklet_binary();
fs::path test_data(const std::string& name);
std::string system_python();

}  // namespace booklet::mail::testing_support
