#pragma once
// A problem found in an input, reported as "file:line:col: error: message".
// Readers and checks return these; only the CLI prints them.
#include <string>
#include <vector>

#include "model/source_location.hpp"

namespace booklet::model {

enum class Severity { Warning, Error };

struct Diagnostic {
    Severity severity = Severity::Error;
    SourceLocation where;
    std::string message;

    // "file:line:col: error: message" — the one format every tool prints.
    std::string str() const;
    // The message with what varies from one occurrence to the next (quoted
    // input, numbers) set aside: "invalid link '…': left out". Diagnostics
    // of one severity, file and shape are one class of problem.
    std::string shape() const;
};

class Diagnostics {
public:
    void error(const SourceLocation& where, std::string message);
    void warning(const SourceLocation& where, std::string message);
    void add(Diagnostic d) { items_.push_back(std::move(d)); }
    void append(const Diagnostics& other);

    bool has_errors() const;
    std::size_t error_count() const;
    std::size_t warning_count() const;
    const std::vector<Diagnostic>& items() const { return items_; }
    bool empty() const { return items_.empty(); }
    // Sorted by file, line, column, keeping insertion order for ties.
    std::vector<Diagnostic> sorted() const;
    // The lines to print, sorted. Every error has its own line. Warnings of
    // a class with more than `shown` members are one line, at the first of
    // them: its message, then the count and the first `shown` places
    // ("(316 warnings like this, first at 12:5, 40:7, 88:3; --verbose lists
    // them all)"). With `verbose`, every warning has its own line.
    std::vector<std::string> report_lines(bool verbose, std::size_t shown = 3) const;

private:
    std::vector<Diagnostic> items_;
};

}  // namespace booklet::model
