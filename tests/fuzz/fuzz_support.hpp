#pragma once
// What every fuzz target shares: the properties booklet promises whatever
// the input, checked after each run. A broken promise aborts, so libFuzzer
// (or the replay driver in ctest) reports it with the input that broke it.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "model/diagnostic.hpp"
#include "unicode/utf8.hpp"

namespace booklet::fuzz {

[[noreturn]] inline void fail(const std::string& what) {
    std::fprintf(stderr, "fuzz property broken: %s\n", what.c_str());
    std::abort();
}

inline void require(bool ok, const std::string& what) {
    if (!ok) fail(what);
}

// Every message is one line of valid UTF-8 without control characters (a
// message quotes the input, and a terminal must not receive raw escapes),
// and an input refused is refused with at least one error.
inline void require_clean_diagnostics(const model::Diagnostics& diags, bool refused) {
    if (refused) require(diags.has_errors(), "input refused without an error");
    for (const auto& d : diags.items()) {
        const std::string s = d.str();
        require(!d.message.empty(), "empty diagnostic message");
        require(unicode::valid(s), "diagnostic is not valid UTF-8: " + s);
        bool control = false;
        unicode::for_each(s, [&](char32_t cp, std::size_t) { control = control || unicode::is_control(cp); });
        require(!control, "diagnostic holds a control character: " + s);
    }
}

// A folder of the process's own for targets that must go through files.
std::string scratch_dir();

}  // namespace booklet::fuzz
