// booklet: programme XML → booklet PDF, iCalendar files, invitations.
// The CLI wires the stages together and owns the exit codes:
// 0 ok, 1 internal error, 2 bad input or usage (3: some invitations failed).
#include <CLI/CLI.hpp>

#include <algorithm>
#include <exception>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/diagnostics_output.hpp"
#include "cli/invite.hpp"
#include "locale/language.hpp"
#include "cli/load.hpp"

int main(int argc, char** argv) {
    using namespace booklet::cli;
    CLI::App app{"booklet: turns a programme XML into a print-ready booklet PDF, iCalendar files and invitations"};
    app.set_version_flag("--version", std::string("booklet ") + BOOKLET_VERSION);
    app.require_subcommand(1);

    BuildArgs build;
    auto* b = app.add_subcommand("build", "Check FILE, then write the booklet PDF and the calendars into DIR");
    b->add_option("file", build.input, "Programme XML (default: the bundled seed day)");
    b->add_option("-o,--output", build.output_dir, "Output folder")->capture_default_str();
    b->add_option("--theme", build.theme, "Theme file (default: templates/theme.xml)");
    const auto language_code = [](const std::string& v) {
        const bool ok = !v.empty() && booklet::locale::canonical_language_tag(v) == v;
        return ok ? std::string() : "a language tag written the usual way, like fr, en, de or de-CH";
    };
    b->add_option("--lang", build.lang,
                  "Language of the booklet's labels and dates, a tag with a templates/labels/LANG.xml (de-CH uses "
                  "de.xml; default: the programme's)")
        ->check(language_code);
    b->add_flag("--no-breaks", build.no_breaks, "Leave breaks and meals out of the calendar");
    b->add_flag("--report", build.report, "Print typesetting quality figures");
    b->add_flag("--allow-outside", build.allow_outside, "Let the programme name files outside its folder");
    b->add_option("--profile", build.profile, "PDF edition: screen (RGB, links) or print (CMYK, bleed, crop marks)")
        ->check(CLI::IsMember({"screen", "print"}))
        ->capture_default_str();
    b->add_flag("--no-crop-marks", build.no_crop_marks, "Print edition without crop marks");
    b->add_flag("--impose", build.impose, "Also write <name>-imposed.pdf: saddle-stitch sheets, two pages a side");
    b->add_flag("--pdfa", build.pdfa, "Make the screen edition PDF/A-1b");
    b->add_flag("--strict", build.strict,
                "Refuse what is only warned about: RGB images in the print edition, characters no font has");
    add_timezone_option(*b, build.timezone);

    CheckArgs check;
    auto* c = app.add_subcommand("check", "Validate FILE; print every problem as file:line:col");
    c->add_option("file", check.input, "Programme XML")->required();
    c->add_flag("--allow-outside", check.allow_outside, "Let the programme name files outside its folder");
    c->add_option("--theme", check.theme, "Theme whose fonts the text is checked against (default: templates/theme.xml)");
    c->add_option("--lang", check.lang, "Language of the booklet's labels, as for build")->check(language_code);
    c->add_flag("--strict", check.strict, "Characters no font has are errors, as build --strict");
    add_timezone_option(*c, check.timezone);

    IcsArgs ics;
    auto* i = app.add_subcommand("ics", "Write only the iCalendar files of FILE into DIR");
    i->add_option("file", ics.input, "Programme XML")->required();
    i->add_option("-o,--output", ics.output_dir, "Output folder")->capture_default_str();
    i->add_flag("--no-breaks", ics.no_breaks, "Leave breaks and meals out");
    add_timezone_option(*i, ics.timezone);

    ConvertArgs convert;
    auto* cv = app.add_subcommand("convert", "Write FILE (a frab/pretalx schedule.xml or schedule.json) as a programme XML to edit by hand");
    cv->add_option("file", convert.input, "schedule.xml (or a programme XML)")->required();
    cv->add_option("-o,--output", convert.output, "The programme XML to write")->required();
    cv->add_flag("--allow-outside", convert.allow_outside, "Let the programme name files outside its folder");
    add_timezone_option(*cv, convert.timezone);

    InviteArgs invite;
    auto* v = add_invite_command(app, invite);

    // Every command prints its warnings collapsed by class; --verbose lists
    // each one.
    bool verbose = false;
    for (auto* command : {b, c, i, cv, v})
        command->add_flag("--verbose", verbose, "List every warning (repeated ones are otherwise collapsed)");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int code = app.exit(e);
        return code == 0 ? 0 : 2;
    }
    set_verbose(verbose);
    try {
        if (*b) return run_build(build);
        if (*c) return run_check(check);
        if (*i) return run_ics(ics);
        if (*cv) return run_convert(convert);
        if (*v) return run_invite(invite);
    } catch (const std::exception& e) {
        std::cerr << "booklet: internal error: " << e.what() << '\n';
        return 1;
    }
    return 2;
}
