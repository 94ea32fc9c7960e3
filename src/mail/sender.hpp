#pragma once
// Sends a batch: one message per entry, over one Transport, recording every
// step in the journal. Temporary failures (4xx, a dropped connection, a
// timeout) are retried with a doubling delay, a bounded number of times,
// while the other messages go on; permanent ones (5xx) are not retried.
// A message whose fate is unknown (the connection broke after its end of
// DATA) stays "sending" in the journal and is reported as uncertain.
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "mail/invitation_mail.hpp"
#include "mail/journal.hpp"
#include "mail/transport.hpp"

namespace booklet::mail {

struct SendPolicy {
    int max_attempts = 3;                          // per message and run
    std::chrono::milliseconds retry_delay{5000};  // before the 2nd try; doubled for each further one
    double rate = 0;                               // messages per second; 0: as fast as the server takes them
    int max_connection_failures = 3;               // in a row, before the run gives up
};

struct Failure {
    Entry entry;
    std::string reply;
};

struct SendReport {
    std::size_t total = 0;  // entries the run set out to send
    std::size_t sent = 0;
    std::vector<Failure> permanent;  // 5xx
    std::vector<Failure> temporary;  // still failing after max_attempts
    std::vector<Failure> uncertain;  // may or may not have arrived
    std::vector<Entry> not_tried;    // left when the run gave up
    std::string gave_up;             // why the run stopped early, if it did
    bool all_sent() const { return sent == total; }
};

struct Progress {
    std::size_t total = 0;
    std::size_t sent = 0;
    std::size_t failed = 0;  // permanent + exhausted temporary + uncertain, so far
};

// How a message is made for an entry (the composer, with the CSV's current
// name and language). Returns nullopt on error (diagnostics already given).
using ComposeFn = std::function<std::optional<OutgoingMessage>(const Entry&)>;

// Sends `entries` in order. Throws JournalError and SetupError (the run
// cannot go on); every other problem ends up in the report.
SendReport send_batch(const std::vector<Entry>& entries, const ComposeFn& compose, Transport& transport,
                      Journal& journal, const SendPolicy& policy,
                      const std::function<void(const Progress&)>& progress = {});

}  // namespace booklet::mail
