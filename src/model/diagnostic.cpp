#include "model/diagnostic.hpp"

#include <algorithm>

#include "unicode/utf8.hpp"

namespace booklet::model {

std::string Diagnostic::str() const {
    std::string s = where.str();
    if (!s.empty()) s += ": ";
    s += severity == Severity::Error ? "error: " : "warning: ";
    // Messages quote the input, which may hold anything: a terminal gets
    // no raw control or direction-control character from us.
    s += message;
    return unicode::printable(s);
}

void Diagnostics::error(const SourceLocation& where, std::string message) {
    items_.push_back({Severity::Error, where, std::move(message)});
}

void Diagnostics::warning(const SourceLocation& where, std::string message) {
    items_.push_back({Severity::Warning, where, std::move(message)});
}

void Diagnostics::append(const Diagnostics& other) {
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::has_errors() const { return error_count() > 0; }

std::size_t Diagnostics::error_count() const {
    return static_cast<std::size_t>(std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) {
        return d.severity == Severity::Error;
    }));
}

std::size_t Diagnostics::warning_count() const { return items_.size() - error_count(); }

std::vector<Diagnostic> Diagnostics::sorted() const {
    std::vector<Diagnostic> out = items_;
    std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
        if (a.where.file != b.where.file) return a.where.file < b.where.file;
        if (a.where.line != b.where.line) return a.where.line < b.where.line;
        return a.where.column < b.where.column;
    });
    return out;
}

}  // namespace booklet::model
