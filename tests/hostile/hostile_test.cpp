// The hostile corpus (cases.txt): inputs that must each be refused with one
// clear error, exit code 2, and the output folder left exactly as it was.
// The output folder starts with the files a previous run would have left
// (PDF, calendars, journal), so "nothing touched" is tested where it
// matters. Inputs that cannot live in git (200 MB, FIFOs, devices,
// symlinks, 100,000 levels of nesting) are made here.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "files.hpp"
#include "run_command.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kSource = BOOKLET_SOURCE_DIR;
const fs::path kHostile = kSource / "tests" / "hostile";
const std::string kBooklet = std::string(BOOKLET_BINARY_DIR) + "/booklet";

struct Case {
    std::string name, command, input, expected;
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name << " (" << c.input << ")"; }

std::vector<std::string> split(const std::string& line, const std::string& sep) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    for (std::size_t at; (at = line.find(sep, pos)) != std::string::npos; pos = at + sep.size())
        out.push_back(line.substr(pos, at - pos));
    out.push_back(line.substr(pos));
    return out;
}

std::vector<Case> load_cases() {
    std::ifstream in(kHostile / "cases.txt");
    std::vector<Case> out;
    for (std::string line; std::getline(in, line);) {
        if (line.empty() || line[0] == '#') continue;
        const auto f = split(line, " | ");
        if (f.size() != 4) throw std::runtime_error("cases.txt: bad line: " + line);
        out.push_back({f[0], f[1], f[2], f[3]});
    }
    return out;
}

using booklet::test::slurp;

void write(const fs::path& p, const std::string& bytes) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << bytes;
}

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

const std::string& minimal() {
    static const std::string text = slurp(kSource / "tests" / "samples" / "valid" / "minimal.xml");
    return text;
}

// The minimal sample with the first `old` replaced.
std::string minimal_with(const std::string& old, const std::string& replacement) {
    std::string s = minimal();
    const auto at = s.find(old);
    if (at == std::string::npos) throw std::runtime_error("minimal.xml has no " + old);
    return s.replace(at, old.size(), replacement);
}

const std::string kVenue = "<venue><name>Salle polyvalente</name></venue>";

// Makes the input of an @case in `dir` and returns its path.
fs::path make_input(const std::string& what, const fs::path& dir) {
    const fs::path p = dir / (what.substr(1) + ".xml");
    if (what == "@missing") return p;
    if (what == "@directory") fs::create_directory(p);
    else if (what == "@empty") write(p, "");
    else if (what == "@binary") write(p, std::string("\x89PNG\0\0\0\x0dIHDR", 12));
    else if (what == "@huge") {
        write(p, "<?xml version=\"1.0\"?>\n<programme>");
        fs::resize_file(p, 200u * 1024u * 1024u);  // sparse: no disk used
    } else if (what == "@fifo") {
        if (::mkfifo(p.c_str(), 0600) != 0) throw std::runtime_error("mkfifo failed");
    } else if (what == "@dev-zero") {
        fs::create_symlink("/dev/zero", p);
    } else if (what == "@deep") {
        std::string s = "<?xml version=\"1.0\"?>\n";
        for (int i = 0; i < 100000; ++i) s += "<a>";
        write(p, s);
    } else if (what == "@abstract-5mb") {
        std::string words;
        words.reserve(5000000);
        while (words.size() + 10 <= 5000000) words += "mot moyen ";  // 5,000,000 characters
        words.back() = '.';
        write(p, minimal_with("<p>Résumé.</p>", "<p>" + words + "</p>"));
    } else if (what == "@word-10k") {
        write(p, minimal_with("<p>Résumé.</p>", "<p>" + std::string(10000, 'a') + "</p>"));
    } else if (what == "@items-10001") {
        // minimal.xml has 5 items (a welcome, a workshop with 2 talks, a
        // break); 9,996 more talks in the workshop make 10,001.
        std::string talks;
        for (int i = 3; i < 3 + 9996; ++i)
            talks += "      <talk id=\"x" + std::to_string(i) + "\"><title>T</title><speaker ref=\"p1\"/></talk>\n";
        write(p, minimal_with("    </session>", talks + "    </session>"));
    } else if (what == "@logo-symlink" || what == "@logo-fifo") {
        write(p, minimal_with(kVenue, kVenue + "\n  <organisers><organisation logo=\"logo.png\">Org</organisation></organisers>"));
        if (what == "@logo-symlink") fs::create_symlink("/dev/zero", dir / "logo.png");
        else if (::mkfifo((dir / "logo.png").c_str(), 0600) != 0) throw std::runtime_error("mkfifo failed");
    } else {
        throw std::runtime_error("no maker for " + what);
    }
    return p;
}

// Every file under `dir`: relative path → size, bytes and modification time.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
    std::map<std::string, std::string> out;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        struct stat st {};
        ::lstat(e.path().c_str(), &st);
        std::string entry = std::to_string(st.st_mode) + " " + std::to_string(st.st_size) + " " +
                            std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec);
        if (e.is_regular_file()) entry += " " + slurp(e.path());
        out[fs::relative(e.path(), dir).string()] = entry;
    }
    return out;
}

// An output folder as a previous run of `stem` left it.
void previous_outputs(const fs::path& out, const std::string& stem) {
    fs::create_directories(out / "ics");
    write(out / (stem + ".pdf"), "%PDF-1.4 previous booklet\n");
    write(out / (stem + ".ics"), "BEGIN:VCALENDAR\r\nprevious\r\nEND:VCALENDAR\r\n");
    write(out / "ics" / "t1.ics", "BEGIN:VCALENDAR\r\nprevious talk\r\nEND:VCALENDAR\r\n");
    write(out / "minimal.pdf", "%PDF-1.4 previous booklet\n");
    write(out / "minimal.ics", "previous\r\n");
    write(out / "minimal.invites.sqlite", "previous journal");
    fs::create_directories(out / "mail");
    write(out / "mail" / "1-anne@example.org.eml", "previous message");
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
    for (std::size_t at = 0; (at = s.find(from, at)) != std::string::npos; at += to.size()) s.replace(at, from.size(), to);
    return s;
}

class Hostile : public ::testing::TestWithParam<Case> {};

TEST_P(Hostile, OneClearErrorExitTwoNothingTouched) {
    const Case& c = GetParam();
    const fs::path work = fs::temp_directory_path() / ("booklet-hostile-" + std::to_string(::getpid()) + "-" + c.name);
    fs::remove_all(work);
    fs::create_directories(work / "in");
    const fs::path input = c.input[0] == '@' ? make_input(c.input, work / "in") : kHostile / c.input;
    const fs::path out = work / "out";
    const std::string stem = input.stem().string();
    previous_outputs(out, stem);
    const auto before = snapshot(out);

    const fs::path minimal_xml = kSource / "tests" / "samples" / "valid" / "minimal.xml";
    std::string command;
    if (c.command == "build") {
        command = kBooklet + " build " + quoted(input) + " -o " + quoted(out);
    } else if (c.command == "theme") {
        command = kBooklet + " build " + quoted(minimal_xml) + " --theme " + quoted(input) + " -o " + quoted(out);
    } else if (c.command == "invite") {
        // A closed port: should booklet try to send, it fails with exit 3, not 2.
        command = kBooklet + " invite " + quoted(minimal_xml) + " --registrants " + quoted(input) +
                  " --smtp 127.0.0.1:9 -o " + quoted(out) + " --dry-run " + quoted(out / "mail");
    } else {
        FAIL() << "unknown command " << c.command;
    }
    // A hang is a failure too: timeout's exit code 124 is not 2. (No timing
    // assertion: these machines are noisy; the bound is only generous.)
    const auto r = booklet::test::run_command("timeout 120 " + command);

    std::vector<std::string> errors;
    std::istringstream err(r.err);
    for (std::string line; std::getline(err, line);)
        if (line.find(": error: ") != std::string::npos) errors.push_back(line);
    const std::string expected =
        replace_all(replace_all(c.expected, "{input}", input.string()), "{dir}", input.parent_path().string());

    EXPECT_EQ(r.status, 2) << "stderr:\n" << r.err;
    ASSERT_EQ(errors.size(), 1u) << "stderr:\n" << r.err;
    EXPECT_EQ(errors[0], expected);
    EXPECT_TRUE(r.out.empty() || r.out.find("wrote") == std::string::npos) << r.out;
    EXPECT_EQ(snapshot(out), before) << "the output folder was touched";
    fs::remove_all(work);
}

std::string case_name(const ::testing::TestParamInfo<Case>& info) {
    std::string n = info.param.name;
    for (auto& ch : n)
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
    return n;
}

INSTANTIATE_TEST_SUITE_P(Corpus, Hostile, ::testing::ValuesIn(load_cases()), case_name);

TEST(HostileCorpus, HasAtLeastFortyCases) { EXPECT_GE(load_cases().size(), 40u); }

// The tolerated neighbours of two hostile cases: a CSV from a spreadsheet
// (byte-order mark, CRLF line ends) is read as any other.
TEST(HostileCorpus, ByteOrderMarkAndCrlfAreAcceptedInARegistrantList) {
    const fs::path work = fs::temp_directory_path() / ("booklet-hostile-ok-" + std::to_string(::getpid()));
    fs::remove_all(work);
    fs::create_directories(work);
    write(work / "reg.csv", "\xEF\xBB\xBF" "email,name,language\r\nanne@example.org,Anne Martin,fr\r\n"
                            "bob@example.org,\"Bob \"\"B\"\" Martin\",en\r\n");
    const auto r = booklet::test::run_command(
        kBooklet + " invite " + quoted(kSource / "tests" / "samples" / "valid" / "minimal.xml") + " --registrants " +
        quoted(work / "reg.csv") + " -o " + quoted(work / "out") + " --dry-run " + quoted(work / "mail"));
    EXPECT_EQ(r.status, 0) << r.err;
    std::size_t messages = 0;
    if (fs::exists(work / "mail"))
        for (const auto& e : fs::directory_iterator(work / "mail")) messages += e.path().extension() == ".eml";
    EXPECT_EQ(messages, 2u);
    fs::remove_all(work);
}

}  // namespace
