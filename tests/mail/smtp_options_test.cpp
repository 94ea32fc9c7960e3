// --smtp HOST:PORT, with the default port of each security mode.
#include <gtest/gtest.h>

#include "mail/smtp.hpp"

namespace booklet::mail {
namespace {

using HostPort = std::optional<std::pair<std::string, std::uint16_t>>;

TEST(SmtpHostPort, ExplicitPorts) {
    EXPECT_EQ(parse_host_port("smtp.example.org:2525", Security::None), HostPort({"smtp.example.org", 2525}));
    EXPECT_EQ(parse_host_port("127.0.0.1:25", Security::Tls), HostPort({"127.0.0.1", 25}));
    EXPECT_EQ(parse_host_port("[::1]:587", Security::StartTls), HostPort({"::1", 587}));
}

TEST(SmtpHostPort, DefaultPortFollowsTheSecurity) {
    EXPECT_EQ(parse_host_port("mail.example.org", Security::None), HostPort({"mail.example.org", 25}));
    EXPECT_EQ(parse_host_port("mail.example.org", Security::StartTls), HostPort({"mail.example.org", 587}));
    EXPECT_EQ(parse_host_port("mail.example.org", Security::Tls), HostPort({"mail.example.org", 465}));
    EXPECT_EQ(parse_host_port("[2001:db8::1]", Security::Tls), HostPort({"2001:db8::1", 465}));
}

TEST(SmtpHostPort, Malformed) {
    for (const char* bad : {"", ":25", "host:", "host:0", "host:65536", "host:25x", "host:123456", "::1:25",
                            "[::1", "[::1]25", "[::1]:", "user@host:25", "a b:25", "host/x:25"})
        EXPECT_EQ(parse_host_port(bad, Security::None), std::nullopt) << bad;
}

}  // namespace
}  // namespace booklet::mail
