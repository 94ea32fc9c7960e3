#include "mail/sender.hpp"

#include <algorithm>
#include <deque>
#include <thread>

namespace booklet::mail {

namespace {

using Clock = std::chrono::steady_clock;

struct Job {
    Entry entry;
    int tries = 0;
    Clock::time_point ready{};
};

}  // namespace

SendReport send_batch(const std::vector<Entry>& entries, const ComposeFn& compose, Transport& transport,
                      Journal& journal, const SendPolicy& policy,
                      const std::function<void(const Progress&)>& progress) {
    SendReport report;
    report.total = entries.size();
    std::deque<Job> fresh;
    for (const auto& e : entries) fresh.push_back({e, 0, {}});
    std::vector<Job> retries;  // waiting for their delay
    int connection_failures = 0;
    const auto interval = policy.rate > 0 ? std::chrono::duration_cast<Clock::duration>(
                                                std::chrono::duration<double>(1.0 / policy.rate))
                                          : Clock::duration::zero();
    std::optional<Clock::time_point> last_start;

    auto tell = [&] {
        if (progress)
            progress({report.total, report.sent,
                      report.permanent.size() + report.temporary.size() + report.uncertain.size()});
    };

    while (!fresh.empty() || !retries.empty()) {
        // The next job: a retry whose delay is over, else the next fresh
        // one, else wait for the earliest retry.
        auto due = std::min_element(retries.begin(), retries.end(),
                                    [](const Job& a, const Job& b) { return a.ready < b.ready; });
        Job job;
        if (due != retries.end() && (due->ready <= Clock::now() || fresh.empty())) {
            std::this_thread::sleep_until(due->ready);
            job = std::move(*due);
            retries.erase(due);
        } else {
            job = std::move(fresh.front());
            fresh.pop_front();
        }
        if (last_start && interval > Clock::duration::zero()) std::this_thread::sleep_until(*last_start + interval);
        last_start = Clock::now();

        const auto message = compose(job.entry);
        if (!message) throw std::runtime_error("could not make the message for " + job.entry.email);
        const Delivery d = transport.deliver(message->envelope, message->bytes, [&] {
            journal.mark_sending(job.entry.key, job.entry.sequence, message->message_id);
        });
        ++job.tries;

        switch (d.outcome) {
        case Outcome::Sent:
            journal.mark_sent(job.entry.key, job.entry.sequence, d.reply);
            ++report.sent;
            connection_failures = 0;
            break;
        case Outcome::Uncertain:
            report.uncertain.push_back({job.entry, d.reply});  // the journal keeps it "sending"
            connection_failures = 0;
            break;
        case Outcome::PermFailed:
            journal.mark_perm_failed(job.entry.key, job.entry.sequence, d.reply);
            report.permanent.push_back({job.entry, d.reply});
            connection_failures = 0;
            break;
        case Outcome::TempFailed:
            journal.mark_temp_failed(job.entry.key, job.entry.sequence, d.reply);
            connection_failures = d.connection_failed ? connection_failures + 1 : 0;
            if (d.connection_failed && connection_failures >= policy.max_connection_failures) {
                report.gave_up = d.reply;
                report.temporary.push_back({job.entry, d.reply});
                for (auto& j : retries) report.not_tried.push_back(j.entry);
                for (auto& j : fresh) report.not_tried.push_back(j.entry);
                retries.clear();
                fresh.clear();
                break;
            }
            if (job.tries < policy.max_attempts) {
                job.ready = Clock::now() + policy.retry_delay * (1 << std::min(job.tries - 1, 16));
                retries.push_back(std::move(job));
            } else {
                report.temporary.push_back({job.entry, d.reply});
            }
            break;
        }
        tell();
    }
    transport.close();
    return report;
}

}  // namespace booklet::mail
