#pragma once
// Problems the typesetting core finds in text it is given: characters a
// font cannot draw, invisible or control characters it removed, lines it
// could not fit. The core never prints; it hands each problem to a sink.
#include <functional>
#include <string>

#include "model/diagnostic.hpp"
#include "model/source_location.hpp"

namespace booklet::layout {

struct TextIssue {
    enum class Kind {
        MissingGlyph,       // no font has the glyph (or it is beyond the BMP): drawn as a box (warning; error if strict)
        RemovedCharacter,   // a control / invisible formatting character was dropped (warning)
        InvalidUtf8,        // malformed bytes, replaced by U+FFFD (warning)
        Overfull,           // a line sticks out of the measure (warning)
        NoHyphenation,      // no hyphenation dictionary for the language (warning)
    };
    Kind kind = Kind::MissingGlyph;
    char32_t cp = 0;       // the character concerned, when there is one
    std::string message;   // complete sentence for the user
    bool strict = false;   // MissingGlyph under --strict: an error

    model::Severity severity() const {
        return kind == Kind::MissingGlyph && strict ? model::Severity::Error : model::Severity::Warning;
    }
};

using IssueSink = std::function<void(const TextIssue&)>;

// A sink that adds each issue to `diags` at `where` (severity as above).
IssueSink diagnostics_sink(model::Diagnostics& diags, model::SourceLocation where);

}  // namespace booklet::layout
