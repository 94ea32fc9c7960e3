#include "layout/core/issues.hpp"

namespace booklet::layout {

IssueSink diagnostics_sink(model::Diagnostics& diags, model::SourceLocation where) {
    return [&diags, where = std::move(where)](const TextIssue& issue) {
        diags.add({issue.severity(), where, issue.message});
    };
}

}  // namespace booklet::layout
