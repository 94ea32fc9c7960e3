// Three real iCalendar parsers read every file the calendar stage writes
// for the fixture programmes: libical (check_ical), python3-vobject
// (check_vobject.py under /usr/bin/python3) and ical.js (check_icaljs.mjs
// under node). Each must accept every file, count one VEVENT per schedule
// item, and resolve the times through the file's own VTIMEZONE to the
// right UTC instants and offsets. Hand-broken files prove that each
// checker does fail.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "calendar/calendar.hpp"
#include "calendar/invitation.hpp"
#include "fixtures.hpp"

namespace booklet::calendar {
namespace {

namespace fs = std::filesystem;

// ---- running a checker --------------------------------------------------------

struct Checker {
    std::string name;
    std::vector<std::string> command;  // program and fixed arguments
};

std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

struct CheckerRun {
    int status = -1;
    std::string out;
    std::string err;
};

std::string read_all(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

CheckerRun run_checker(const Checker& checker, const std::vector<std::string>& files, const fs::path& scratch) {
    std::string command;
    for (const auto& part : checker.command) command += shell_quote(part) + ' ';
    for (const auto& f : files) command += shell_quote(f) + ' ';
    const fs::path err_path = scratch / ("stderr-" + checker.name + ".txt");
    command += "2>" + shell_quote(err_path.string());
    CheckerRun r;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe) return r;
    char buf[4096];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) r.out.append(buf, n);
    const int status = ::pclose(pipe);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.err = read_all(err_path);
    return r;
}

// What a checker printed: VEVENT counts per file, "<start> <offset>" per
// file and UID.
struct Verdict {
    std::map<std::string, std::size_t> vevents;
    std::map<std::string, std::map<std::string, std::string>> starts;
};

Verdict parse_output(const std::string& out) {
    Verdict v;
    static const std::regex file_line(R"(FILE (\S+) VEVENTS (\d+))");
    static const std::regex event_line(R"(EVENT (\S+) (\S+) (\S+ \S+))");
    std::istringstream in(out);
    std::string line;
    std::smatch m;
    while (std::getline(in, line)) {
        if (std::regex_match(line, m, file_line))
            v.vevents[m[1]] = std::stoul(m[2]);
        else if (std::regex_match(line, m, event_line))
            v.starts[m[1]][m[2]] = m[3];
        else
            ADD_FAILURE() << "unexpected checker output: " << line;
    }
    return v;
}

// Names the checker in test names and failure messages.
void PrintTo(const Checker& c, std::ostream* os) { *os << c.name; }

std::vector<Checker> checkers() {
    const std::string dir = CALENDAR_TEST_DIR;
    return {
        {"libical", {CHECK_ICAL}},
        {"vobject", {SYSTEM_PYTHON, dir + "/check_vobject.py"}},
        {"icaljs", {NODE, dir + "/check_icaljs.mjs"}},
    };
}

// ---- the files under test --------------------------------------------------------

struct Written {
    std::string path;
    std::size_t vevents;
};

class Parsers : public ::testing::TestWithParam<Checker> {
protected:
    static void SetUpTestSuite() {
        char tmpl[] = "/tmp/booklet-calendar-parsers-XXXXXX";
        ASSERT_NE(::mkdtemp(tmpl), nullptr);
        dir_ = tmpl;
        write_programme("fr", testing::french_study_day(), true);
        write_programme("fr-no-breaks", testing::french_study_day(), false);
        write_programme("fr-summer", testing::on_date(testing::french_study_day(), {2021, 6, 14}), true);
        write_programme("london", testing::london_summer_day(), true);
        write_programme("sao-paulo", testing::sao_paulo_two_years(), true);
        write_programme("all-day", testing::with_all_day_item(), true);
        write_invitation("invitation-request.ics", InvitationMethod::Request);
        write_invitation("invitation-cancel.ics", InvitationMethod::Cancel);
    }

    static void TearDownTestSuite() {
        std::error_code ignored;
        fs::remove_all(dir_, ignored);
    }

    static void write(const fs::path& path, const std::string& content, std::size_t vevents) {
        fs::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary) << content;
        written_.push_back({path.string(), vevents});
    }

    static void write_programme(const std::string& name, const model::Programme& p, bool include_breaks) {
        CalendarOptions options;
        options.include_breaks = include_breaks;
        options.dtstamp = 1580000000;
        model::Diagnostics diags;
        const auto files = make_calendar_files(p, p.id, options, diags);
        ASSERT_FALSE(diags.has_errors()) << diags.items().front().str();
        ASSERT_FALSE(files.empty());
        for (const auto& f : files) {
            const bool whole = f.relative_path.find('/') == std::string::npos;
            write(dir_ / name / f.relative_path, f.content,
                  whole ? calendar_items(p, include_breaks).size() : 1);
        }
    }

    static void write_invitation(const std::string& name, InvitationMethod method) {
        InvitationOptions o;
        o.method = method;
        o.attendee = {"Dupont, Jean", "jean.dupont@example.org"};
        o.dtstamp = 1580000000;
        model::Diagnostics diags;
        const auto text = make_invitation(testing::french_study_day(), o, diags);
        ASSERT_FALSE(text.empty());
        write(dir_ / name, text, 1);
    }

    static std::string path(const std::string& relative) { return (dir_ / relative).string(); }

    // Runs the checker on files that must all pass and returns what it read.
    static Verdict accepted(const Checker& c, const std::vector<std::string>& files) {
        const CheckerRun r = run_checker(c, files, dir_);
        EXPECT_EQ(r.status, 0) << c.name << " rejected a file:\n" << r.err;
        EXPECT_EQ(r.err, "") << c.name;
        return parse_output(r.out);
    }

    static std::string start_of(const Checker& c, const std::string& relative, const std::string& uid) {
        const Verdict v = accepted(c, {path(relative)});
        const auto file = v.starts.find(path(relative));
        if (file == v.starts.end()) return "<file not reported>";
        const auto event = file->second.find(uid);
        return event == file->second.end() ? "<event not reported>" : event->second;
    }

    static fs::path dir_;
    static std::vector<Written> written_;
};

fs::path Parsers::dir_;
std::vector<Written> Parsers::written_;

// ---- the parser is there ---------------------------------------------------------

TEST_P(Parsers, IsInstalled) {
    const Checker& c = GetParam();
    if (c.name == "icaljs") {
        ASSERT_TRUE(fs::exists(fs::path(CALENDAR_TEST_DIR) / "node_modules" / "ical.js" / "package.json"))
            << "ical.js is missing from tests/calendar/node_modules: run ./setup "
               "(it runs npm ci --prefix tests/calendar)";
        ASSERT_TRUE(fs::exists(NODE)) << "node is missing (" << NODE << "): run ./setup";
    }
    if (c.name == "vobject") {
        ASSERT_TRUE(fs::exists(SYSTEM_PYTHON)) << SYSTEM_PYTHON << " is missing: run ./setup";
    }
    const CheckerRun usage = run_checker(c, {}, dir_);
    EXPECT_EQ(usage.status, 2) << c.name << ": " << usage.err;
    EXPECT_NE(usage.err.find("usage:"), std::string::npos) << c.name << ": " << usage.err;
}

// ---- every generated file --------------------------------------------------------

TEST_P(Parsers, AcceptsEveryFileWithOneVeventPerScheduleItem) {
    ASSERT_GE(written_.size(), 20u);
    std::vector<std::string> files;
    for (const auto& w : written_) files.push_back(w.path);
    const Verdict v = accepted(GetParam(), files);
    for (const auto& w : written_) {
        const auto it = v.vevents.find(w.path);
        ASSERT_NE(it, v.vevents.end()) << w.path << " not reported";
        EXPECT_EQ(it->second, w.vevents) << w.path;
        EXPECT_EQ(v.starts.count(w.path) ? v.starts.at(w.path).size() : 0u, w.vevents) << w.path;
    }
}

TEST_P(Parsers, BreaksLeftOutMeansTwoFewerEvents) {
    const Verdict v = accepted(GetParam(), {path("fr/medico-social-2020.ics"), path("fr-no-breaks/medico-social-2020.ics")});
    EXPECT_EQ(v.vevents.at(path("fr/medico-social-2020.ics")), testing::french_study_day().all_items().size());
    EXPECT_EQ(v.vevents.at(path("fr-no-breaks/medico-social-2020.ics")),
              testing::french_study_day().all_items().size() - 2);
}

TEST_P(Parsers, ParisWinterMorningIs0830Utc) {
    const auto& c = GetParam();
    EXPECT_EQ(start_of(c, "fr/medico-social-2020.ics", "accueil@medico-social-2020.booklet"),
              "2020-01-28T08:30:00Z +01:00");
    EXPECT_EQ(start_of(c, "fr/medico-social-2020.ics", "nirello-ehpad@medico-social-2020.booklet"),
              "2020-01-28T09:30:00Z +01:00");
    EXPECT_EQ(start_of(c, "fr/ics/nirello-ehpad.ics", "nirello-ehpad@medico-social-2020.booklet"),
              "2020-01-28T09:30:00Z +01:00");
}

TEST_P(Parsers, ParisSummerIsTwoHoursAhead) {
    EXPECT_EQ(start_of(GetParam(), "fr-summer/medico-social-2020.ics", "accueil@medico-social-2020.booklet"),
              "2021-06-14T07:30:00Z +02:00");
}

TEST_P(Parsers, LondonSummerIsOneHourAhead) {
    const auto& c = GetParam();
    EXPECT_EQ(start_of(c, "london/techconf-2021.ics", "keynote@techconf-2021.booklet"), "2021-06-14T08:30:00Z +01:00");
    EXPECT_EQ(start_of(c, "london/techconf-2021.ics", "social@techconf-2021.booklet"), "2021-06-14T21:00:00Z +01:00");
    EXPECT_EQ(start_of(c, "london/ics/keynote.ics", "keynote@techconf-2021.booklet"), "2021-06-14T08:30:00Z +01:00");
}

TEST_P(Parsers, ZoneThatChangedItsRulesBetweenTwoEvents) {
    const auto& c = GetParam();
    EXPECT_EQ(start_of(c, "sao-paulo/sao-paulo.ics", "summer-2018@sao-paulo.booklet"), "2018-12-01T12:00:00Z -02:00");
    EXPECT_EQ(start_of(c, "sao-paulo/sao-paulo.ics", "summer-2019@sao-paulo.booklet"), "2019-12-01T13:00:00Z -03:00");
}

TEST_P(Parsers, AllDayEventIsADate) {
    EXPECT_EQ(start_of(GetParam(), "all-day/medico-social-2020.ics", "posters@medico-social-2020.booklet"),
              "2020-01-29 date");
    EXPECT_EQ(start_of(GetParam(), "all-day/ics/posters.ics", "posters@medico-social-2020.booklet"),
              "2020-01-29 date");
}

TEST_P(Parsers, InvitationsStartAt0830Utc) {
    const auto& c = GetParam();
    EXPECT_EQ(start_of(c, "invitation-request.ics", "medico-social-2020@booklet"), "2020-01-28T08:30:00Z +01:00");
    EXPECT_EQ(start_of(c, "invitation-cancel.ics", "medico-social-2020@booklet"), "2020-01-28T08:30:00Z +01:00");
}

// ---- the checkers do fail ------------------------------------------------------

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto pos = text.find(from);
    EXPECT_NE(pos, std::string::npos) << from;
    if (pos != std::string::npos) text.replace(pos, from.size(), to);
    return text;
}

std::string without_block(std::string text, const std::string& begin, const std::string& end) {
    const auto a = text.find(begin);
    const auto b = text.find(end);
    EXPECT_TRUE(a != std::string::npos && b != std::string::npos);
    return text.erase(a, b + end.size() - a);
}

TEST_P(Parsers, RejectBrokenFiles) {
    const std::string good = read_all(path("fr/ics/nirello-ehpad.ics"));
    ASSERT_FALSE(good.empty());
    const std::map<std::string, std::string> broken = {
        {"no-vtimezone", without_block(good, "BEGIN:VTIMEZONE\r\n", "END:VTIMEZONE\r\n")},
        {"bad-dtstart", replaced(good, "DTSTART;TZID=Europe/Paris:20200128T103000",
                                 "DTSTART;TZID=Europe/Paris:2020-01-28 10:30")},
        {"end-before-start", replaced(good, "DTEND;TZID=Europe/Paris:20200128T120000",
                                      "DTEND;TZID=Europe/Paris:20200128T100000")},
        {"no-uid", replaced(good, "UID:nirello-ehpad@medico-social-2020.booklet\r\n", "")},
        {"unclosed", replaced(good, "END:VCALENDAR\r\n", "")},
        {"floating", replaced(good, "DTSTART;TZID=Europe/Paris:20200128T103000", "DTSTART:20200128T103000")},
    };
    for (const auto& [name, text] : broken) {
        const fs::path file = dir_ / "broken" / (name + ".ics");
        fs::create_directories(file.parent_path());
        std::ofstream(file, std::ios::binary) << text;
        const CheckerRun r = run_checker(GetParam(), {file.string()}, dir_);
        EXPECT_EQ(r.status, 1) << GetParam().name << " accepted " << name << "\n" << r.out << r.err;
        EXPECT_NE(r.err, "") << GetParam().name << " said nothing about " << name;
    }
}

// The UTC instants come from the file's VTIMEZONE, not from a tz database
// the parser brings along: a wrong offset in it gives a wrong instant.
TEST_P(Parsers, TimesFollowTheFilesOwnVtimezone) {
    const std::string good = read_all(path("fr/ics/nirello-ehpad.ics"));
    const fs::path file = dir_ / "broken" / "winter-at-plus-three.ics";
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << replaced(good, "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n",
                                                      "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0300\r\n");
    const Verdict v = accepted(GetParam(), {file.string()});
    ASSERT_EQ(v.starts.count(file.string()), 1u);
    EXPECT_EQ(v.starts.at(file.string()).at("nirello-ehpad@medico-social-2020.booklet"),
              "2020-01-28T07:30:00Z +03:00");
}

INSTANTIATE_TEST_SUITE_P(Calendar, Parsers, ::testing::ValuesIn(checkers()),
                         [](const ::testing::TestParamInfo<Checker>& info) { return info.param.name; });

// ---- rules only libical's checker applies --------------------------------------

TEST(CheckIcal, LineRulesOnTheRawBytes) {
    char tmpl[] = "/tmp/booklet-check-ical-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    const fs::path dir = tmpl;
    CalendarOptions o;
    o.dtstamp = 0;
    model::Diagnostics diags;
    const auto files = make_calendar_files(testing::french_study_day(), "fr", o, diags);
    ASSERT_FALSE(files.empty());
    const std::string good = files[1].content;
    std::string lf_only;
    for (char c : good)
        if (c != '\r') lf_only += c;
    std::string unfolded_long = testing::unfolded(good);
    std::string cut_utf8 = good;
    const auto e_acute = cut_utf8.find("\xC3\xA9");  // é → fold between its two bytes
    ASSERT_NE(e_acute, std::string::npos);
    cut_utf8.insert(e_acute + 1, "\r\n ");
    const Checker libical{"libical", {CHECK_ICAL}};
    for (const auto& [name, text] : std::map<std::string, std::string>{
             {"lf", lf_only}, {"long", unfolded_long}, {"cut-utf8", cut_utf8}}) {
        const fs::path file = dir / (name + ".ics");
        std::ofstream(file, std::ios::binary) << text;
        const CheckerRun r = run_checker(libical, {file.string()}, dir);
        EXPECT_EQ(r.status, 1) << name << "\n" << r.err;
    }
    const fs::path ok = dir / "ok.ics";
    std::ofstream(ok, std::ios::binary) << good;
    EXPECT_EQ(run_checker(libical, {ok.string()}, dir).status, 0);
    std::error_code ignored;
    fs::remove_all(dir, ignored);
}

}  // namespace
}  // namespace booklet::calendar
