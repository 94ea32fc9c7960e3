#pragma once
// How the sender hands messages to a mail server. The SMTP implementation
// is in smtp.hpp; tests may plug in their own.
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "mail/invitation_mail.hpp"

namespace booklet::mail {

enum class Outcome {
    Sent,        // the server answered 2xx to the end of DATA
    TempFailed,  // 4xx, a dropped connection or a timeout before the end of DATA: not delivered
    PermFailed,  // 5xx: not delivered, retrying will not help
    Uncertain,   // the connection broke after the end of DATA went out: may have been delivered
};

struct Delivery {
    Outcome outcome = Outcome::TempFailed;
    std::string reply;               // the server's reply, or what went wrong
    bool connection_failed = false;  // no server could be reached at all
};

// A problem no retry can fix (the server does not offer STARTTLS, refuses
// the credentials, presents a bad certificate…): the run stops.
struct SetupError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class Transport {
public:
    virtual ~Transport() = default;
    // Sends one message (CRLF lines, not dot-stuffed). `before_data` runs
    // right before the DATA command: once it has run, the message may reach
    // the recipient. Throws SetupError; every other failure is a Delivery.
    virtual Delivery deliver(const Envelope& envelope, std::string_view message,
                             const std::function<void()>& before_data) = 0;
    // Ends the session politely (QUIT), if one is open.
    virtual void close() = 0;
};

}  // namespace booklet::mail
