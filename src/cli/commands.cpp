#include "cli/commands.hpp"

#include <charconv>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <optional>

#include "calendar/calendar.hpp"
#include "cli/load.hpp"
#include "io/atomic_file.hpp"

namespace booklet::cli {

namespace fs = std::filesystem;

namespace {

// SOURCE_DATE_EPOCH (reproducible builds): seconds since the epoch, UTC.
// Unset → nullopt; set but not a number → an error, not a silent "now".
bool source_date_epoch(std::optional<std::int64_t>& out) {
    const char* v = std::getenv("SOURCE_DATE_EPOCH");
    if (!v || !*v) return true;
    std::int64_t n = 0;
    const std::string_view s = v;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc() || ptr != s.data() + s.size() || n < 0) {
        std::cerr << "booklet: error: SOURCE_DATE_EPOCH='" << s << "' is not a number of seconds\n";
        return false;
    }
    out = n;
    return true;
}

std::string stem_of(const std::string& path) { return fs::path(path).stem().string(); }

bool stage_calendars(const model::Programme& p, const std::string& stem, const std::string& dir, bool no_breaks,
                     std::optional<std::int64_t> epoch, io::OutputSet& out, std::size_t& count) {
    calendar::CalendarOptions options;
    options.include_breaks = !no_breaks;
    options.dtstamp = epoch ? *epoch : static_cast<std::int64_t>(std::time(nullptr));
    model::Diagnostics diags;
    const auto files = calendar::make_calendar_files(p, stem, options, diags);
    for (const auto& d : diags.sorted()) std::cerr << d.str() << '\n';
    if (diags.has_errors()) return false;
    for (const auto& f : files) {
        const fs::path path = fs::path(dir) / f.relative_path;
        io::make_directories(path.parent_path().string());
        out.stage(path.string(), f.content);
    }
    count = files.size();
    return true;
}

}  // namespace

int run_check(const CheckArgs& args) {
    LoadOptions lo;
    lo.allow_outside = args.allow_outside;
    auto p = load_programme(args.input, lo);
    if (!p) return kBadInput;
    std::cout << args.input << ": ok: " << p->days.size() << (p->days.size() == 1 ? " day, " : " days, ")
              << p->item_count() << " items, " << p->talks().size() << " talks, " << p->people.size()
              << " people\n";
    return kOk;
}

int run_ics(const IcsArgs& args) {
    std::optional<std::int64_t> epoch;
    if (!source_date_epoch(epoch)) return kBadInput;
    auto p = load_programme(args.input, {});
    if (!p) return kBadInput;
    io::OutputSet out;
    std::size_t n = 0;
    io::make_directories(args.output_dir);
    if (!stage_calendars(*p, stem_of(args.input), args.output_dir, args.no_breaks, epoch, out, n)) {
        std::cerr << args.input << ": nothing written\n";
        return kBadInput;
    }
    out.commit();
    std::cout << "wrote " << n << " calendar files to " << args.output_dir << "\n";
    return kOk;
}

int run_build(const BuildArgs& args) {
    const std::string input = args.input.empty() ? default_input() : args.input;
    std::optional<std::int64_t> epoch;
    if (!source_date_epoch(epoch)) return kBadInput;
    LoadOptions lo;
    lo.allow_outside = args.allow_outside;
    auto p = load_programme(input, lo);
    if (!p) return kBadInput;

    const std::string stem = stem_of(input);
    io::make_directories(args.output_dir);
    io::OutputSet out;
    std::size_t ics_count = 0;
    if (!stage_calendars(*p, stem, args.output_dir, args.no_breaks, epoch, out, ics_count)) {
        std::cerr << input << ": nothing written\n";
        return kBadInput;
    }
    out.commit();
    for (const auto& path : out.paths())
        if (fs::path(path).parent_path() == fs::path(args.output_dir)) std::cout << "wrote " << path << "\n";
    std::cout << "wrote " << ics_count - 1 << " per-talk calendars to " << (fs::path(args.output_dir) / "ics").string()
              << "\n";
    return kOk;
}

}  // namespace booklet::cli
