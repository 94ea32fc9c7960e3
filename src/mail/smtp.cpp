#include "mail/smtp.hpp"

#include <Poco/Net/Context.h>
#include <Poco/Net/DialogSocket.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/Net/SMTPClientSession.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Timespan.h>

#include <algorithm>
#include <mutex>

#include "mail/mime.hpp"

namespace booklet::mail {

namespace {

// A failure to reach or greet the server that a later try may not meet.
struct ConnectFailure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Poco's session with its DialogSocket reachable: booklet sends the DATA
// bytes itself and switches the socket to TLS itself (Poco's startTLS()
// only returns false on a refusal, and with a socket-built session it would
// check the certificate against an empty host name).
class Session : public Poco::Net::SMTPClientSession {
public:
    explicit Session(const Poco::Net::StreamSocket& socket) : SMTPClientSession(socket) {}
    Poco::Net::DialogSocket& dialog() { return socket(); }
};

Poco::Net::Context::Ptr client_context() {
    static std::once_flag once;
    static Poco::Net::Context::Ptr context;
    std::call_once(once, [] {
        Poco::Net::initializeSSL();
        // The system's CAs (OpenSSL's default paths: SSL_CERT_FILE and
        // SSL_CERT_DIR apply), peer certificate required and checked.
        context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", Poco::Net::Context::VERIFY_RELAXED,
                                         9, true);
        context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
        Poco::Net::SSLManager::instance().initializeClient(
            Poco::Net::SSLManager::PrivateKeyPassphraseHandlerPtr(),
            Poco::Net::SSLManager::InvalidCertificateHandlerPtr(new Poco::Net::RejectCertificateHandler(false)), context);
    });
    return context;
}

// A reply on one line, for messages and the journal.
std::string one_line(std::string reply) {
    std::replace(reply.begin(), reply.end(), '\n', ' ');
    std::replace(reply.begin(), reply.end(), '\r', ' ');
    return reply;
}

std::string upper(std::string s) {
    for (char& c : s)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return s;
}

// The EHLO keywords, one per line after the greeting line: "STARTTLS",
// "AUTH PLAIN LOGIN", "SIZE 1000000"…
std::vector<std::string> extensions(const std::string& ehlo_reply) {
    std::vector<std::string> out;
    std::size_t start = 0;
    bool first = true;
    while (start <= ehlo_reply.size()) {
        auto end = ehlo_reply.find('\n', start);
        if (end == std::string::npos) end = ehlo_reply.size();
        std::string line = ehlo_reply.substr(start, end - start);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!first && line.size() > 4) out.push_back(upper(line.substr(4)));
        first = false;
        start = end + 1;
    }
    return out;
}

bool offers(const std::vector<std::string>& ext, std::string_view keyword) {
    return std::any_of(ext.begin(), ext.end(), [&](const std::string& e) {
        return e == keyword || e.rfind(std::string(keyword) + " ", 0) == 0 || e.rfind(std::string(keyword) + "=", 0) == 0;
    });
}

std::vector<std::string> auth_mechanisms(const std::vector<std::string>& ext) {
    std::vector<std::string> out;
    for (const auto& e : ext) {
        if (e.rfind("AUTH", 0) != 0 || e.size() < 5 || (e[4] != ' ' && e[4] != '=')) continue;
        std::string word;
        for (char c : e.substr(5) + " ") {
            if (c == ' ') {
                if (!word.empty()) out.push_back(word);
                word.clear();
            } else {
                word += c;
            }
        }
    }
    return out;
}

// The local address as an EHLO argument: "[192.0.2.1]" or "[IPv6:…]".
std::string helo_name(const Poco::Net::StreamSocket& socket) {
    try {
        const auto host = socket.address().host();
        if (host.family() == Poco::Net::IPAddress::IPv6) return "[IPv6:" + host.toString() + "]";
        return "[" + host.toString() + "]";
    } catch (const Poco::Exception&) {
        return "[127.0.0.1]";
    }
}

void send_all(Poco::Net::DialogSocket& socket, std::string_view bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const int chunk = static_cast<int>(std::min<std::size_t>(bytes.size() - done, 64 * 1024));
        const int n = socket.sendBytes(bytes.data() + done, chunk);
        if (n <= 0) throw Poco::Net::NetException("the connection closed while sending");
        done += static_cast<std::size_t>(n);
    }
}

}  // namespace

struct SmtpTransport::Connection {
    std::unique_ptr<Session> session;
    Poco::Net::StreamSocket plain;  // keeps the socket the session was built on
    bool secure = false;
    bool loopback = false;
    std::vector<std::string> extensions;
};

std::optional<std::pair<std::string, std::uint16_t>> parse_host_port(std::string_view s, Security security) {
    std::string host;
    std::string_view port;
    if (!s.empty() && s.front() == '[') {
        const auto close = s.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        host = std::string(s.substr(1, close - 1));
        const auto rest = s.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':') return std::nullopt;
            port = rest.substr(1);
            if (port.empty()) return std::nullopt;
        }
    } else {
        const auto colon = s.rfind(':');
        if (colon != std::string_view::npos && s.find(':') != colon) return std::nullopt;  // bare IPv6: use [..]
        host = std::string(s.substr(0, colon));
        if (colon != std::string_view::npos) {
            port = s.substr(colon + 1);
            if (port.empty()) return std::nullopt;
        }
    }
    if (host.empty()) return std::nullopt;
    for (char c : host)
        if (static_cast<unsigned char>(c) <= 0x20 || c == '/' || c == '@') return std::nullopt;
    std::uint16_t number = security == Security::Tls ? 465 : security == Security::StartTls ? 587 : 25;
    if (!port.empty()) {
        if (port.size() > 5) return std::nullopt;
        unsigned value = 0;
        for (char c : port) {
            if (c < '0' || c > '9') return std::nullopt;
            value = value * 10 + static_cast<unsigned>(c - '0');
        }
        if (value == 0 || value > 65535) return std::nullopt;
        number = static_cast<std::uint16_t>(value);
    }
    return std::make_pair(host, number);
}

SmtpTransport::SmtpTransport(SmtpOptions options) : options_(std::move(options)) {}

SmtpTransport::~SmtpTransport() { close(); }

std::string SmtpTransport::server() const {
    const bool v6 = options_.host.find(':') != std::string::npos;
    return (v6 ? "[" + options_.host + "]" : options_.host) + ":" + std::to_string(options_.port);
}

void SmtpTransport::drop() { connection_.reset(); }

void SmtpTransport::close() {
    if (!connection_) return;
    try {
        std::string reply;
        connection_->session->sendCommand("QUIT", reply);
    } catch (...) {
        // the session ends either way
    }
    connection_.reset();
}

void SmtpTransport::connect() {
    using namespace Poco::Net;
    const Poco::Timespan timeout(static_cast<Poco::Timespan::TimeDiff>(options_.timeout.count()) * 1000);
    SocketAddress address;
    try {
        address = SocketAddress(options_.host, options_.port);
    } catch (const Poco::Exception& e) {
        throw SetupError("cannot find the mail server " + server() + ": " + e.displayText());
    }

    auto c = std::make_unique<Connection>();
    c->loopback = address.host().isLoopback();
    try {
        if (options_.security == Security::Tls) {
            SecureStreamSocket tls(client_context());
            tls.setPeerHostName(options_.host);
            tls.connect(address, timeout);
            c->plain = tls;
            c->secure = true;
        } else {
            c->plain.connect(address, timeout);
        }
    } catch (const SSLException& e) {
        throw SetupError("TLS with " + server() + " failed: " + e.displayText());
    } catch (const Poco::Exception& e) {
        throw ConnectFailure("cannot connect to " + server() + ": " + e.displayText());
    }
    c->plain.setReceiveTimeout(timeout);
    c->plain.setSendTimeout(timeout);
    // Each command and the end of DATA are small writes that wait for a
    // reply: without this, Nagle's algorithm holds them for the peer's
    // delayed ACK (~40 ms a message).
    c->plain.setNoDelay(true);
    c->session = std::make_unique<Session>(c->plain);
    c->session->setTimeout(timeout);
    Session& s = *c->session;
    const std::string helo = helo_name(c->plain);

    std::string reply;
    auto ehlo = [&] {
        const int status = s.sendCommand("EHLO " + helo, reply);
        if (status / 100 == 2) {
            c->extensions = extensions(reply);
            return;
        }
        if (status == 0 || status == 421) throw ConnectFailure(server() + " closed the connection after EHLO");
        if (options_.security == Security::StartTls || !options_.user.empty())
            throw SetupError(server() + " refused EHLO (" + one_line(reply) +
                             "): STARTTLS and authentication need it");
        if (s.sendCommand("HELO " + helo, reply) / 100 != 2)
            throw SetupError(server() + " refused both EHLO and HELO: " + one_line(reply));
        c->extensions.clear();
    };

    try {
        const int greeting = s.dialog().receiveStatusMessage(reply);
        if (greeting == 554 || greeting / 100 == 5)
            throw SetupError(server() + " does not accept mail from here: " + one_line(reply));
        if (greeting / 100 != 2)
            throw ConnectFailure(server() + " did not greet: " +
                                 (greeting == 0 ? std::string("the connection closed") : one_line(reply)));
        ehlo();

        if (options_.security == Security::StartTls) {
            if (!offers(c->extensions, "STARTTLS"))
                throw SetupError(server() +
                                 " does not offer STARTTLS: refusing to send in clear text (nothing was sent)");
            const int status = s.sendCommand("STARTTLS", reply);
            if (status != 220)
                throw SetupError(server() + " refused STARTTLS (" +
                                 (status == 0 ? std::string("connection closed") : one_line(reply)) +
                                 "): refusing to send in clear text (nothing was sent)");
            try {
                SecureStreamSocket tls = SecureStreamSocket::attach(s.dialog(), options_.host, client_context());
                s.dialog() = tls;
            } catch (const SSLException& e) {
                throw SetupError("TLS with " + server() + " failed: " + e.displayText() + " (nothing was sent)");
            }
            s.setTimeout(timeout);
            c->secure = true;
            ehlo();
        }

        if (!options_.user.empty()) {
            if (!c->secure && !c->loopback)
                throw SetupError("refusing to send the password in clear text to " + server() +
                                 ": use --starttls or --tls");
            const auto mechanisms = auth_mechanisms(c->extensions);
            const bool plain = std::find(mechanisms.begin(), mechanisms.end(), "PLAIN") != mechanisms.end();
            const bool login = std::find(mechanisms.begin(), mechanisms.end(), "LOGIN") != mechanisms.end();
            int status = 0;
            if (plain) {
                status = s.sendCommand("AUTH PLAIN " +
                                           mime::base64(std::string(1, '\0') + options_.user + '\0' + options_.password),
                                       reply);
            } else if (login) {
                status = s.sendCommand("AUTH LOGIN", reply);
                if (status == 334) status = s.sendCommand(mime::base64(options_.user), reply);
                if (status == 334) status = s.sendCommand(mime::base64(options_.password), reply);
            } else {
                std::string offered;
                for (const auto& m : mechanisms) offered += " " + m;
                throw SetupError(server() + (mechanisms.empty() ? " offers no authentication"
                                                                : " offers AUTH" + offered +
                                                                      "; booklet speaks PLAIN and LOGIN"));
            }
            if (status / 100 == 4 || status == 0)
                throw ConnectFailure("authentication at " + server() + " failed for now: " + one_line(reply));
            if (status != 235)
                throw SetupError("authentication as '" + options_.user + "' at " + server() +
                                 " failed: " + one_line(reply));
        }
    } catch (const SSLException& e) {
        throw SetupError("TLS with " + server() + " failed: " + e.displayText());
    } catch (const Poco::Exception& e) {
        throw ConnectFailure("lost the connection to " + server() + " while opening the session: " + e.displayText());
    }
    connection_ = std::move(c);
}

Delivery SmtpTransport::deliver(const Envelope& envelope, std::string_view message,
                                const std::function<void()>& before_data) {
    bool fresh = false;
    if (!connection_) {
        try {
            connect();
            fresh = true;
        } catch (const ConnectFailure& e) {
            drop();
            return {Outcome::TempFailed, e.what(), true};
        }
    }
    // A connection kept open between messages may have been closed by the
    // server meanwhile (idle timeout): that shows at MAIL FROM, before
    // anything of the message went out, so reconnect once and go on.
    std::string reply;
    int status = 0;
    try {
        status = connection_->session->sendCommand("MAIL FROM:<" + envelope.from + ">", reply);
    } catch (const Poco::Exception& e) {
        if (fresh) {
            drop();
            return {Outcome::TempFailed, "MAIL FROM: lost the connection: " + e.displayText()};
        }
        status = 0;
    }
    if ((status == 0 || status == 421) && !fresh) {
        drop();
        try {
            connect();
        } catch (const ConnectFailure& e) {
            drop();
            return {Outcome::TempFailed, e.what(), true};
        }
        try {
            status = connection_->session->sendCommand("MAIL FROM:<" + envelope.from + ">", reply);
        } catch (const Poco::Exception& e) {
            drop();
            return {Outcome::TempFailed, "MAIL FROM: lost the connection: " + e.displayText()};
        }
    }
    Session& s = *connection_->session;
    enum class Phase { Envelope, Content, End } phase = Phase::Envelope;

    // A refusal before the message went out: never delivered.
    auto refused = [&](int code, const std::string& text, std::string_view command) -> Delivery {
        const std::string what = std::string(command) + ": " +
                                 (code == 0 ? std::string("the server closed the connection") : one_line(text));
        if (code == 0 || code == 421) {
            drop();
            return {Outcome::TempFailed, what};
        }
        // The sender is the same for every message: a permanent refusal of
        // it would fail them all.
        if (code == 530 && command == "MAIL FROM")
            throw SetupError(server() + " wants authentication: give --user (" + one_line(text) + ")");
        if (code / 100 == 5 && command == "MAIL FROM")
            throw SetupError(server() + " refuses the sender <" + envelope.from + ">: " + one_line(text));
        std::string rset;
        try {
            if (s.sendCommand("RSET", rset) / 100 != 2) drop();
        } catch (const Poco::Exception&) {
            drop();
        }
        return {code / 100 == 5 ? Outcome::PermFailed : Outcome::TempFailed, what};
    };

    try {
        if (status / 100 != 2) return refused(status, reply, "MAIL FROM");
        status = s.sendCommand("RCPT TO:<" + envelope.to + ">", reply);
        if (status / 100 != 2) return refused(status, reply, "RCPT TO");
        before_data();
        status = s.sendCommand("DATA", reply);
        if (status != 354) return refused(status, reply, "DATA");
        phase = Phase::Content;
        send_all(s.dialog(), mime::dot_stuff(message));
        phase = Phase::End;
        send_all(s.dialog(), ".\r\n");
        status = s.dialog().receiveStatusMessage(reply);
        if (status / 100 == 2) return {Outcome::Sent, one_line(reply)};
        if (status == 0) {
            drop();
            return {Outcome::Uncertain, "the connection closed after the message was sent, before the server "
                                        "confirmed it"};
        }
        if (status == 421) drop();
        return {status / 100 == 5 ? Outcome::PermFailed : Outcome::TempFailed,
                "end of DATA: " + one_line(reply)};
    } catch (const Poco::Exception& e) {
        drop();
        if (phase == Phase::End)
            return {Outcome::Uncertain, "lost the connection after the message was sent, before the server "
                                        "confirmed it: " + e.displayText()};
        return {Outcome::TempFailed, "lost the connection: " + e.displayText()};
    }
}

}  // namespace booklet::mail
