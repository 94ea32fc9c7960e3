#include "cli/load.hpp"

#include <filesystem>
#include <iostream>

#include "check/programme_check.hpp"
#include "cli/diagnostics_output.hpp"
#include "io/input_file.hpp"
#include "io/resources.hpp"
#include "read/formats.hpp"
#include "read/programme_reader.hpp"
#include "read/schedule_json.hpp"
#include "read/schedule_reader.hpp"

namespace booklet::cli {

CLI::Option* add_timezone_option(CLI::App& command, std::string& zone) {
    return command
        .add_option("--timezone", zone,
                    "Time zone of the programme's times, an IANA name such as Europe/Brussels (wins over the file's)")
        ->check([](const std::string& v) {
            return check::is_known_time_zone(v) ? std::string()
                                                : "unknown time zone '" + v + "': use an IANA name such as Europe/Brussels";
        });
}

std::string default_input() { return io::resource_path("input/medico-social-2020.xml"); }

namespace {
void print(const model::Diagnostics& diags, bool quiet_warnings) {
    if (!quiet_warnings) return print_diagnostics(diags);
    model::Diagnostics errors;
    for (const auto& d : diags.items())
        if (d.severity == model::Severity::Error) errors.add(d);
    print_diagnostics(errors);
}
}  // namespace

std::optional<model::Programme> load_programme(const std::string& path, const LoadOptions& options) {
    model::Diagnostics diags;
    std::optional<model::Programme> programme;
    read::ScheduleOptions so;
    so.timezone = options.timezone;
    so.require_timezone = options.require_timezone;
    bool schedule = false;
    if (auto file = io::read_input_file(path, diags)) {  // the content picks the reader
        switch (read::detect_syntax(file->content)) {
            case read::InputSyntax::Json:
                schedule = true;
                programme = read::read_schedule_json(*file, diags, so);
                break;
            case read::InputSyntax::Xml:  // the root element tells
                schedule = read::root_element_name(*file) == "schedule";
                programme = schedule ? read::read_schedule(*file, diags, so) : read::read_programme(*file, diags);
                break;
            case read::InputSyntax::Unknown:
                diags.error({path, 1, 1}, "not a programme: expected XML or schedule JSON");
                break;
        }
    }
    // The schedule reader applies --timezone itself; a programme XML names its zone.
    if (programme && !schedule && !options.timezone.empty() && programme->timezone != options.timezone) {
        diags.warning(programme->timezone_where.known() ? programme->timezone_where : programme->where,
                      "the programme's time zone '" + programme->timezone + "' is replaced by --timezone " +
                          options.timezone);
        programme->timezone = options.timezone;
    }
    if (programme) {  // check even a programme with read errors: report every problem
        check::CheckOptions co;
        co.base_dir = std::filesystem::path(path).parent_path().string();
        if (co.base_dir.empty()) co.base_dir = ".";
        co.allow_outside = options.allow_outside;
        diags.append(check::check_programme(*programme, co));
    }
    print(diags, options.quiet_warnings);
    if (diags.has_errors()) {
        std::cerr << path << ": " << diags.error_count() << (diags.error_count() == 1 ? " error" : " errors")
                  << ", nothing written\n";
        return std::nullopt;
    }
    return programme;
}

}  // namespace booklet::cli
