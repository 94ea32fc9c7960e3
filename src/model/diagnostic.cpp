#include "model/diagnostic.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include <cctype>

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

namespace {

bool is_word_byte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

// The marks of a quotation opened at s[i] (open, close), or empty ones when
// s[i] opens none.
std::pair<std::string_view, std::string_view> quote_at(std::string_view s, std::size_t i) {
    static constexpr std::pair<std::string_view, std::string_view> kQuotes[] = {
        {"'", "'"}, {"\"", "\""}, {"\u00AB", "\u00BB"}, {"\u2018", "\u2019"}, {"\u201C", "\u201D"}};
    for (const auto& [open, close] : kQuotes) {
        if (s.compare(i, open.size(), open) != 0) continue;
        // An apostrophe inside a word ("doesn't") opens nothing.
        if (open.size() == 1 && i > 0 && is_word_byte(static_cast<unsigned char>(s[i - 1]))) return {};
        return {open, close};
    }
    return {};
}

}  // namespace

std::string Diagnostic::shape() const {
    const std::string_view s = message;
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (std::isdigit(c)) {
            out += '#';
            while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
            continue;
        }
        if (const auto [open, close] = quote_at(s, i); !close.empty()) {
            const std::size_t open_len = open.size();
            // The closing mark: for a straight quote, one not followed by a
            // letter (so "'l'avenir'" stays one quotation).
            std::size_t j = i + open_len;
            for (;; ++j) {
                j = s.find(close, j);
                if (j == std::string_view::npos) break;
                const std::size_t after = j + close.size();
                if (close.size() > 1 || after >= s.size() || !is_word_byte(static_cast<unsigned char>(s[after])))
                    break;
            }
            if (j != std::string_view::npos) {
                out.append(s.substr(i, open_len));
                out += "\u2026";
                out.append(close);
                i = j + close.size();
                continue;
            }
        }
        out += static_cast<char>(c);
        ++i;
    }
    return out;
}

std::vector<std::string> Diagnostics::report_lines(bool verbose, std::size_t shown) const {
    const auto all = sorted();
    std::vector<std::string> lines;
    lines.reserve(all.size());
    if (verbose || shown == 0) {
        for (const auto& d : all) lines.push_back(d.str());
        return lines;
    }
    // Warning classes: (file, shape) → the indices of their members, in order.
    std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> classes;
    std::vector<const std::vector<std::size_t>*> class_of(all.size(), nullptr);
    for (std::size_t i = 0; i < all.size(); ++i)
        if (all[i].severity == Severity::Warning) classes[{all[i].where.file, all[i].shape()}].push_back(i);
    for (const auto& [key, members] : classes)
        for (const std::size_t i : members) class_of[i] = &members;
    for (std::size_t i = 0; i < all.size(); ++i) {
        const auto* members = class_of[i];
        if (!members || members->size() <= shown) {
            lines.push_back(all[i].str());
            continue;
        }
        if (members->front() != i) continue;  // said once, at the first
        std::string line = all[i].str();
        line += " (" + std::to_string(members->size()) + " warnings like this, first at ";
        for (std::size_t k = 0; k < shown; ++k) {
            const auto& w = all[(*members)[k]].where;
            if (k) line += ", ";
            line += w.known() ? std::to_string(w.line) + ":" + std::to_string(w.column) : std::string("?");
        }
        line += "; --verbose lists them all)";
        lines.push_back(std::move(line));
    }
    return lines;
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
