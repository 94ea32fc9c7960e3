#include "test_support.hpp"

#include "unicode/utf8.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace booklet::mail::testing_support {

std::string booklet_binary() { return BOOKLET_BINARY_DIR "/booklet"; }
fs::path test_data(const std::string& name) { return fs::path(BOOKLET_SOURCE_DIR) / "tests/mail" / name; }
std::string system_python() { return SYSTEM_PYTHON; }

// --- decoding ---

std::string base64_decode(std::string_view text) {
    auto value = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '+') return 62;
        if (c == '/') return 63;
        return -1;
    };
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (char c : text) {
        const int v = value(c);
        if (v < 0) continue;
        buffer = (buffer << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xFF);
        }
    }
    return out;
}

std::string qp_decode(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '=') {
            out += text[i];
            continue;
        }
        if (text.substr(i + 1, 2) == "\r\n") {
            i += 2;
            continue;
        }
        out += static_cast<char>(std::stoi(std::string(text.substr(i + 1, 2)), nullptr, 16));
        i += 2;
    }
    return out;
}

std::string decode_word(std::string_view word) {
    if (word.size() < 12 || word.substr(0, 8) != "=?UTF-8?" || word.substr(word.size() - 2) != "?=")
        throw std::runtime_error("not an encoded-word: " + std::string(word));
    const char enc = word[8];
    const std::string_view payload = word.substr(10, word.size() - 12);
    if (enc == 'B') return base64_decode(payload);
    std::string out;
    for (std::size_t i = 0; i < payload.size(); ++i) {
        if (payload[i] == '_') out += ' ';
        else if (payload[i] == '=') {
            out += static_cast<char>(std::stoi(std::string(payload.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else out += payload[i];
    }
    return out;
}

std::string decode_header_value(std::string_view value) {
    std::vector<std::string> tokens;
    std::string cur;
    for (char c : value) {
        if (c == ' ' || c == '\t') {
            if (!cur.empty()) tokens.push_back(cur), cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty()) tokens.push_back(cur);
    std::string out;
    bool previous_encoded = false;
    for (const auto& t : tokens) {
        const bool encoded = t.size() >= 12 && t.rfind("=?", 0) == 0 && t.substr(t.size() - 2) == "?=";
        if (!out.empty() && !(encoded && previous_encoded)) out += ' ';
        out += encoded ? decode_word(t) : t;
        previous_encoded = encoded;
    }
    return out;
}

std::string unfold(std::string_view header) {
    std::string out;
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (header[i] == '\r' && i + 2 < header.size() && header[i + 1] == '\n' &&
            (header[i + 2] == ' ' || header[i + 2] == '\t')) {
            ++i;
            continue;
        }
        out += header[i];
    }
    return out;
}

std::string unfold_ics(std::string_view ics) {
    std::string out;
    for (std::size_t i = 0; i < ics.size(); ++i) {
        if (ics[i] == '\r' && i + 2 < ics.size() && ics[i + 1] == '\n' && (ics[i + 2] == ' ' || ics[i + 2] == '\t')) {
            i += 2;
            continue;
        }
        out += ics[i];
    }
    return out;
}

bool is_valid_utf8(std::string_view s) { return unicode::valid(s); }

bool all_crlf(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r')) return false;
        if (s[i] == '\r' && (i + 1 >= s.size() || s[i + 1] != '\n')) return false;
    }
    return s.size() >= 2 && s.substr(s.size() - 2) == "\r\n";
}

// --- files ---

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void write_file(const fs::path& p, std::string_view bytes) {
    fs::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

TempDir::TempDir(const std::string& tag) {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() /
            ("booklet-mail-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" + tag);
    fs::remove_all(path_);
    fs::create_directories(path_);
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

// --- processes ---

namespace {

pid_t spawn(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
            const fs::path& out, const fs::path& err) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
    if (pid == 0) {
        // Die with the test process, whatever happens to it.
        ::prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (::getppid() != parent) ::_exit(127);
        const int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        const int n = ::open("/dev/null", O_RDONLY);
        if (o < 0 || e < 0 || n < 0) ::_exit(127);
        ::dup2(n, 0);
        ::dup2(o, 1);
        ::dup2(e, 2);
        for (const auto& [k, v] : env) {
            if (v.empty()) ::unsetenv(k.c_str());
            else ::setenv(k.c_str(), v.c_str(), 1);
        }
        ::execv(args[0], args.data());
        ::_exit(127);
    }
    return pid;
}

RunResult decode_status(int st) {
    RunResult r;
    if (WIFEXITED(st)) r.status = WEXITSTATUS(st);
    if (WIFSIGNALED(st)) r.signal = WTERMSIG(st);
    return r;
}

}  // namespace

Process::Process(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
                 const fs::path& log_dir, const std::string& tag)
    : out_(log_dir / (tag + ".stdout")), err_(log_dir / (tag + ".stderr")) {
    fs::create_directories(log_dir);
    pid_ = spawn(argv, env, out_, err_);
}

Process::~Process() {
    if (pid_ > 0 && !result_) {
        ::kill(pid_, SIGKILL);
        int st = 0;
        ::waitpid(pid_, &st, 0);
    }
}

bool Process::running() {
    if (result_) return false;
    int st = 0;
    const pid_t r = ::waitpid(pid_, &st, WNOHANG);
    if (r == pid_) {
        result_ = decode_status(st);
        result_->out = read_file(out_);
        result_->err = read_file(err_);
        return false;
    }
    return true;
}

void Process::kill(int signal) {
    if (running()) ::kill(pid_, signal);
}

RunResult Process::wait(std::chrono::milliseconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (running()) {
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(pid_, SIGKILL);
            int st = 0;
            ::waitpid(pid_, &st, 0);
            result_ = decode_status(st);
            result_->out = read_file(out_);
            result_->err = read_file(err_) + "\n[killed by the test: it ran too long]";
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return *result_;
}

RunResult run(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
              std::chrono::milliseconds limit) {
    TempDir logs("run");
    Process p(argv, env, logs.path(), "p");
    return p.wait(limit);
}

// --- the SMTP server ---

namespace {

bool port_accepts(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return false;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}

}  // namespace

SmtpServer::SmtpServer(const fs::path& dir, const std::string& faults) : mail_dir_(dir / "received") {
    fs::create_directories(mail_dir_);
    const fs::path port_file = dir / "smtp.port";
    fs::remove(port_file);
    pid_ = spawn({system_python(), test_data("smtp_server.py").string(), "--dir", mail_dir_.string(),
                  "--port-file", port_file.string(), "--faults", faults},
                 {}, dir / "smtp.stdout", dir / "smtp.stderr");
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (std::chrono::steady_clock::now() < deadline) {
        int st = 0;
        if (::waitpid(pid_, &st, WNOHANG) == pid_) {
            pid_ = -1;
            throw std::runtime_error("the test SMTP server exited: " + read_file(dir / "smtp.stderr"));
        }
        if (fs::exists(port_file)) {
            port_ = std::stoi(read_file(port_file));
            if (port_accepts(port_)) return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    stop();
    throw std::runtime_error("the test SMTP server did not start: " + read_file(dir / "smtp.stderr"));
}

SmtpServer::~SmtpServer() { stop(); }

void SmtpServer::stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGTERM);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    int st = 0;
    while (::waitpid(pid_, &st, WNOHANG) != pid_) {
        if (std::chrono::steady_clock::now() > deadline) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, &st, 0);
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    pid_ = -1;
}

std::vector<SmtpServer::Received> SmtpServer::received() const {
    std::vector<fs::path> emls;
    for (const auto& e : fs::directory_iterator(mail_dir_))
        if (e.path().extension() == ".eml") emls.push_back(e.path());
    std::sort(emls.begin(), emls.end());
    std::vector<Received> out;
    for (const auto& eml : emls) {
        Received r;
        r.eml = eml;
        std::istringstream env(read_file(fs::path(eml).replace_extension(".env")));
        std::string line;
        while (std::getline(env, line)) {
            const auto sp = line.find(' ');
            const std::string key = line.substr(0, sp), value = sp == std::string::npos ? "" : line.substr(sp + 1);
            if (key == "from") r.from = value;
            else if (key == "to") r.to.push_back(value);
            else if (key == "tls") r.tls = value == "yes";
            else if (key == "auth") r.auth = value;
        }
        out.push_back(std::move(r));
    }
    return out;
}

std::size_t SmtpServer::count() const {
    std::size_t n = 0;
    for (const auto& e : fs::directory_iterator(mail_dir_)) n += e.path().extension() == ".eml";
    return n;
}

std::vector<std::string> SmtpServer::events() const {
    std::vector<std::string> out;
    std::istringstream in(read_file(mail_dir_ / "events.log"));
    std::string line;
    while (std::getline(in, line))
        if (!line.empty()) out.push_back(line);
    return out;
}

// --- check_mime.py ---

std::vector<ParsedMessage> parse_messages(const std::vector<fs::path>& files, const fs::path& extract_dir) {
    std::vector<ParsedMessage> out;
    for (std::size_t i = 0; i < files.size(); i += 100) {
        std::vector<std::string> argv{system_python(), test_data("check_mime.py").string()};
        if (!extract_dir.empty()) argv.insert(argv.end(), {"--extract", extract_dir.string()});
        for (std::size_t k = i; k < std::min(files.size(), i + 100); ++k) argv.push_back(files[k].string());
        const RunResult r = run(argv);
        if (r.status != 0) throw std::runtime_error("check_mime.py failed: " + r.err);
        std::istringstream lines(r.out);
        std::string line;
        ParsedMessage cur;
        while (std::getline(lines, line)) {
            const auto sp = line.find(' ');
            const std::string key = line.substr(0, sp);
            const std::string value = sp == std::string::npos ? "" : line.substr(sp + 1);
            if (key == "FILE") cur = ParsedMessage{value, {}, {}, {}};
            else if (key == "END") out.push_back(cur);
            else if (key == "TEXT") cur.text.push_back(value);
            else if (key == "ATTACHMENT") cur.attachments.push_back(value);
            else cur.fields.emplace(key, value);
        }
    }
    return out;
}

}  // namespace booklet::mail::testing_support
