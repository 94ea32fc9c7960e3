#pragma once
// SMTP delivery with Poco::Net (the only code in booklet that talks to the
// network). One connection for the whole batch, opened on the first
// message and again after a drop. The message goes out as booklet built
// it: MAIL FROM, RCPT TO, DATA, the dot-stuffed bytes, "." — Poco's
// MailMessage is not used.
//
// Security:
//   * --starttls: the EHLO reply must offer STARTTLS and the server must
//     answer 220 to it; anything else is a SetupError — booklet never goes
//     on in clear text. After the handshake EHLO is sent again.
//   * --tls: TLS from the first byte (port 465).
//   * certificates are checked against the system's CAs (OpenSSL's default
//     paths, so SSL_CERT_FILE/SSL_CERT_DIR apply) and the host name.
//   * AUTH PLAIN (or LOGIN when PLAIN is not offered) only over TLS, or to a
//     server on the loopback interface.
// Every socket operation has a timeout (30 s by default).
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "mail/transport.hpp"

namespace booklet::mail {

enum class Security { None, StartTls, Tls };

struct SmtpOptions {
    std::string host;
    std::uint16_t port = 25;
    Security security = Security::None;
    std::string user;      // empty: no AUTH
    std::string password;
    std::chrono::milliseconds timeout{30000};
};

// "HOST:PORT", "HOST" (port from the security: 25, 587 with STARTTLS, 465
// with TLS), "[IPv6]:PORT". nullopt when malformed.
std::optional<std::pair<std::string, std::uint16_t>> parse_host_port(std::string_view s, Security security);

class SmtpTransport : public Transport {
public:
    explicit SmtpTransport(SmtpOptions options);
    ~SmtpTransport() override;

    Delivery deliver(const Envelope& envelope, std::string_view message,
                     const std::function<void()>& before_data) override;
    void close() override;

    // "host:port", for messages.
    std::string server() const;

private:
    struct Connection;
    void connect();
    void drop();

    SmtpOptions options_;
    std::unique_ptr<Connection> connection_;
};

}  // namespace booklet::mail
