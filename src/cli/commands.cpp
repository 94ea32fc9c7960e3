#include "cli/commands.hpp"

#include <charconv>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>
#include <iostream>
#include <optional>

#include "calendar/calendar.hpp"
#include "cli/diagnostics_output.hpp"
#include "cli/load.hpp"
#include "io/atomic_file.hpp"
#include "io/resources.hpp"
#include "layout/booklet/booklet.hpp"
#include "layout/booklet/coverage.hpp"
#include "read/theme_reader.hpp"
#include "render/pdf/render_pdf.hpp"
#include "write/programme_writer.hpp"

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

// The per-talk calendars a build of `stem` wrote into DIR/ics are listed in
// DIR/ics/.<stem>.files, so that the next build removes the calendars of
// talks that have left the programme (a stale .ics on a website is a
// cancelled talk in someone's calendar), and only those: files booklet did
// not write, or wrote for another programme, are never touched.
fs::path calendar_list_path(const std::string& dir, const std::string& stem) {
    return fs::path(dir) / "ics" / ("." + stem + ".files");
}

std::set<std::string> read_calendar_list(const fs::path& list) {
    std::set<std::string> names;
    std::ifstream in(list);
    for (std::string line; std::getline(in, line);)
        if (!line.empty() && line.find('/') == std::string::npos && line[0] != '.' &&
            line.size() > 4 && line.compare(line.size() - 4, 4, ".ics") == 0)
            names.insert(line);
    return names;
}

// After commit: the calendars the previous build listed and this one did not.
void remove_stale_calendars(const std::string& dir, const std::set<std::string>& before,
                            const std::set<std::string>& now) {
    for (const auto& name : before) {
        if (now.count(name)) continue;
        std::error_code ec;
        fs::remove(fs::path(dir) / "ics" / name, ec);
    }
}

bool stage_calendars(const model::Programme& p, const std::string& stem, const std::string& dir, bool no_breaks,
                     std::optional<std::int64_t> epoch, io::OutputSet& out, std::size_t& count,
                     std::set<std::string>& per_talk) {
    calendar::CalendarOptions options;
    options.include_breaks = !no_breaks;
    options.dtstamp = epoch ? *epoch : static_cast<std::int64_t>(std::time(nullptr));
    model::Diagnostics diags;
    const auto files = calendar::make_calendar_files(p, stem, options, diags);
    print_diagnostics(diags);
    if (diags.has_errors()) return false;
    std::string list;
    for (const auto& f : files) {
        const fs::path path = fs::path(dir) / f.relative_path;
        io::make_directories(path.parent_path().string());
        out.stage(path.string(), f.content);
        if (fs::path(f.relative_path).parent_path() == "ics") {
            per_talk.insert(path.filename().string());
            list += path.filename().string() + "\n";
        }
    }
    if (!per_talk.empty()) out.stage(calendar_list_path(dir, stem).string(), list);
    count = files.size();
    return true;
}

void print(const model::Diagnostics& diags) {
    print_diagnostics(diags);
}

// The theme, the labels of the booklet's language and the fonts (with the
// fallback chain): what build lays out with and check checks the text
// against (check does not need the labels). `fonts` is empty after an
// error (in `diags`).
struct Look {
    std::optional<theme::Theme> theme;
    std::optional<theme::Labels> labels;
    std::optional<layout::FontSet> fonts;
    std::string lang;
};

Look load_look(const model::Programme& p, const std::string& theme_arg, const std::string& lang_arg,
               bool allow_outside, bool need_labels, model::Diagnostics& diags) {
    Look look;
    read::ThemeReadOptions to;
    to.bundled_fonts_dir = io::resource_path("fonts");
    to.allow_outside = allow_outside;
    const std::string theme_path = theme_arg.empty() ? io::resource_path("templates/theme.xml") : theme_arg;
    look.theme = read::read_theme_file(theme_path, to, diags);
    look.lang = lang_arg.empty() ? p.lang : lang_arg;
    // The theme's own labels/LANG.xml, else the bundled one: a language is
    // added with a file, no recompiling. "de-CH" falls back to de.xml; a
    // programme language with no labels (not --lang) to English.
    auto labels_for = [&](const std::string& l) {
        for (const std::string& name : {l, l.substr(0, l.find('-'))}) {
            const fs::path own = fs::path(theme_path).parent_path() / "labels" / (name + ".xml");
            if (fs::exists(own)) return own.string();
            const std::string bundled = io::resource_path("templates/labels/" + name + ".xml");
            if (fs::exists(bundled)) return bundled;
        }
        return io::resource_path("templates/labels/" + l + ".xml");
    };
    std::string labels_path = labels_for(look.lang);
    if (need_labels && look.theme && lang_arg.empty() && !fs::exists(labels_path) && fs::exists(labels_for("en"))) {
        diags.warning(p.where, "no labels for the programme's language '" + look.lang + "' (" + labels_path +
                                   "): the booklet's fixed words are in English (add this file, or use --lang)");
        look.lang = "en";
        labels_path = labels_for("en");
    }
    if (need_labels && look.theme) {
        if (!fs::exists(labels_path))
            diags.error({labels_path, 0, 0}, "no labels for the language '" + look.lang + "': add this file");
        else
            look.labels = read::read_labels_file(labels_path, diags);
    }
    if (look.theme && (look.labels || !need_labels)) look.fonts = layout::load_theme_fonts(*look.theme, diags);
    return look;
}

// Lays out and renders the booklet; false (diagnostics printed) on bad input.
bool stage_booklet(const model::Programme& p, const BuildArgs& args, const std::string& input,
                   std::optional<std::int64_t> epoch, io::OutputSet& out, std::string& pdf_path,
                   layout::QualityReport& report, bool& calendar_breaks) {
    model::Diagnostics diags;
    Look look = load_look(p, args.theme, args.lang, args.allow_outside, true, diags);
    std::vector<char32_t> reported_glyphs;
    if (look.fonts) reported_glyphs = layout::check_font_coverage(p, *look.fonts, args.strict, diags);
    if (!look.fonts || diags.has_errors()) {
        print(diags);
        return false;
    }
    const auto& theme = look.theme;
    const auto& labels = look.labels;
    auto& fonts = look.fonts;
    const std::string& lang = look.lang;
    layout::Hyphenators hyphenators;
    layout::BookletInput in{p, *theme, *labels, lang, fs::path(input).parent_path().string(), epoch, 1, false, {}};
    // A printed booklet is folded from sheets of four pages.
    in.page_multiple = args.profile == "print" ? 4 : 1;
    if (in.base_dir.empty()) in.base_dir = ".";
    in.strict = args.strict;
    in.reported_glyphs = std::move(reported_glyphs);
    auto booklet = layout::lay_out_booklet(in, *fonts, hyphenators, diags);
    print(diags);
    if (!booklet) return false;
    render::PdfOptions po;
    po.profile = args.profile == "print" ? render::Profile::Print : render::Profile::Screen;
    po.bleed = theme->page.bleed;
    po.crop_marks = !args.no_crop_marks;
    po.strict = args.strict;
    po.impose = args.impose;
    po.pdfa = args.pdfa;
    po.warn = [](const std::string& w) { std::cerr << "booklet: warning: " << w << '\n'; };
    pdf_path = (fs::path(args.output_dir) / (stem_of(input) + ".pdf")).string();
    try {
        out.stage(pdf_path, render::render_pdf(booklet->document, po));
        if (po.impose)
            out.stage((fs::path(args.output_dir) / (stem_of(input) + "-imposed.pdf")).string(),
                      render::render_imposed_pdf(booklet->document, po));
    } catch (const render::RenderError& e) {
        std::cerr << "booklet: error: " << e.what() << '\n';
        return false;
    }
    report = booklet->report;
    calendar_breaks = theme->include_breaks_in_calendar;
    return true;
}

}  // namespace

int run_check(const CheckArgs& args) {
    LoadOptions lo;
    lo.allow_outside = args.allow_outside;
    lo.timezone = args.timezone;  // a missing zone is only a warning here
    auto p = load_programme(args.input, lo);
    if (!p) return kBadInput;
    // The same font coverage pass as build, against the same theme.
    model::Diagnostics diags;
    const Look look = load_look(*p, args.theme, args.lang, args.allow_outside, false, diags);
    if (look.fonts) layout::check_font_coverage(*p, *look.fonts, args.strict, diags);
    print(diags);
    if (diags.has_errors()) return kBadInput;
    std::cout << args.input << ": ok: " << p->days.size() << (p->days.size() == 1 ? " day, " : " days, ")
              << p->item_count() << " items, " << p->talks().size() << " talks, " << p->people.size()
              << " people\n";
    return kOk;
}

int run_ics(const IcsArgs& args) {
    std::optional<std::int64_t> epoch;
    if (!source_date_epoch(epoch)) return kBadInput;
    LoadOptions lo;
    lo.timezone = args.timezone;
    lo.require_timezone = true;
    auto p = load_programme(args.input, lo);
    if (!p) return kBadInput;
    io::OutputSet out;
    std::size_t n = 0;
    io::make_directories(args.output_dir);
    const std::string stem = stem_of(args.input);
    const auto before = read_calendar_list(calendar_list_path(args.output_dir, stem));
    std::set<std::string> now;
    if (!stage_calendars(*p, stem, args.output_dir, args.no_breaks, epoch, out, n, now)) {
        std::cerr << args.input << ": nothing written\n";
        return kBadInput;
    }
    out.commit();
    remove_stale_calendars(args.output_dir, before, now);
    std::cout << "wrote " << n << " calendar files to " << args.output_dir << "\n";
    return kOk;
}

int run_build(const BuildArgs& args) {
    const std::string input = args.input.empty() ? default_input() : args.input;
    if (args.pdfa && args.profile == "print") {
        std::cerr << "booklet: error: --pdfa makes the screen edition PDF/A-1b; it cannot be combined with "
                     "--profile print\n";
        return kBadInput;
    }
    std::optional<std::int64_t> epoch;
    if (!source_date_epoch(epoch)) return kBadInput;
    LoadOptions lo;
    lo.allow_outside = args.allow_outside;
    lo.timezone = args.timezone;
    lo.require_timezone = true;
    auto p = load_programme(input, lo);
    if (!p) return kBadInput;

    const std::string stem = stem_of(input);
    const bool dir_existed = fs::exists(args.output_dir);
    io::make_directories(args.output_dir);
    io::OutputSet out;
    std::size_t ics_count = 0;
    std::string pdf_path;
    layout::QualityReport report;
    bool calendar_breaks = true;
    const auto before = read_calendar_list(calendar_list_path(args.output_dir, stem));
    std::set<std::string> now;
    if (!stage_booklet(*p, args, input, epoch, out, pdf_path, report, calendar_breaks) ||
        !stage_calendars(*p, stem, args.output_dir, args.no_breaks || !calendar_breaks, epoch, out, ics_count, now)) {
        std::cerr << input << ": nothing written\n";
        out.discard();
        if (!dir_existed) {  // leave no trace: the folder was ours, and it is empty now
            std::error_code ec;
            fs::remove(fs::path(args.output_dir) / "ics", ec);
            fs::remove(args.output_dir, ec);
        }
        return kBadInput;
    }
    out.commit();
    remove_stale_calendars(args.output_dir, before, now);
    if (args.report) std::cout << report.str();
    std::cout << "wrote " << pdf_path << " (" << report.pages << " pages)\n";
    if (args.impose)
        std::cout << "wrote " << (fs::path(args.output_dir) / (stem + "-imposed.pdf")).string() << "\n";
    std::cout << "wrote " << (fs::path(args.output_dir) / (stem + ".ics")).string() << "\n";
    std::cout << "wrote " << ics_count - 1 << " per-talk calendars to " << (fs::path(args.output_dir) / "ics").string()
              << "\n";
    return kOk;
}

// The same front half as build (any error: nothing written, exit 2), then
// the programme XML, written atomically. The writer's warnings say what the
// format could not hold as it was (times past midnight, …).
int run_convert(const ConvertArgs& args) {
    std::error_code ec;
    if (fs::exists(args.output, ec) && fs::equivalent(args.input, args.output, ec)) {
        std::cerr << "booklet: error: " << args.output << " is the input file; write elsewhere\n";
        return kBadInput;
    }
    LoadOptions lo;
    lo.allow_outside = args.allow_outside;
    lo.timezone = args.timezone;
    lo.require_timezone = true;
    auto p = load_programme(args.input, lo);
    if (!p) return kBadInput;
    model::Diagnostics diags;
    write::WriteOptions wo;
    wo.comment = "Converted by booklet convert from " + fs::path(args.input).filename().string() +
                 "; see input/FORMAT.md. Check it with: booklet check FILE";
    const auto xml = write::write_programme(*p, diags, wo);
    print(diags);
    if (!xml) {
        std::cerr << args.input << ": cannot be written as a programme XML, nothing written\n";
        return kBadInput;
    }
    const fs::path parent = fs::path(args.output).parent_path();
    if (!parent.empty()) io::make_directories(parent.string());
    io::write_file_atomically(args.output, *xml);
    std::cout << "wrote " << args.output << " (" << p->days.size() << (p->days.size() == 1 ? " day, " : " days, ")
              << p->item_count() << " items, " << p->people.size() << " people)\n";
    return kOk;
}

}  // namespace booklet::cli
