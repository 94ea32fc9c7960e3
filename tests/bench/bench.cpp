// booklet's benchmark: synthetic programmes of 10, 100, 1,000 and 5,000
// talks (sessions of four talks in five parallel rooms, each talk with a
// 170-word French abstract and keywords), then synthetic pretalx
// schedule.xml exports (tests/schedule/make_synthetic.py: 4 days, 90 rooms,
// 1,350 events, and 4 times that), each built by the real `booklet build`
// in a child process pinned to one core. Prints talks, pages, wall time,
// pages per second and peak RSS, and how fast schedule.xml is read
// (`booklet check`: read and check, no layout).
//
//   build/tests/bench/booklet_bench [--sizes 10,100,1000,5000] [--no-schedule] [--keep DIR]
//
// Run by hand; it is not a test (these machines are noisy).
#include <sched.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

const char* kAbstract =
    "Cette communication s’appuie sur une enquête qualitative menée auprès de professionnels du secteur "
    "médico-social. Nous montrerons comment l’introduction d’outils numériques transforme l’organisation du "
    "travail, la coordination entre équipes et la relation avec les personnes accompagnées. Les résultats "
    "soulignent l’importance de la formation, de l’accompagnement au changement et de la participation des "
    "salariés à la conception des dispositifs. Nous discuterons enfin des conditions auxquelles ces outils "
    "peuvent soutenir la qualité du service rendu sans renforcer le contrôle du temps et du contenu du "
    "travail, et des pistes pour une régulation concertée entre directions, représentants du personnel et "
    "usagers, à partir de trois études de cas contrastées dans des établissements d’hébergement.";

std::string two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

// A programme of `talks` talks: five rooms, sessions of four talks, six
// session slots a day.
std::string synthetic(int talks) {
    std::ostringstream x;
    x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<programme id=\"bench\" lang=\"fr\" timezone=\"Europe/Paris\">\n"
         "<title>Congrès synthétique de "
      << talks
      << " communications</title>\n<subtitle>Banc d’essai</subtitle>\n"
         "<venue><name>Palais des congrès</name><street>1, place de la République</street>"
         "<postcode>75003</postcode><city>Paris</city></venue>\n<rooms>";
    const int rooms = 5;
    for (int r = 0; r < rooms; ++r) x << "<room id=\"r" << r << "\">Salle " << r + 1 << "</room>";
    x << "</rooms>\n<people>\n";
    const int people = std::max(1, talks * 3 / 4);
    for (int p = 0; p < people; ++p)
        x << "<person id=\"p" << p << "\"><given>Prénom" << p << "</given><family>Nom" << p
          << "</family><role>Maître de conférences</role><affiliation>Université " << p % 40
          << "</affiliation></person>\n";
    x << "</people>\n<contacts><contact ref=\"p0\" email=\"contact@example.org\"/></contacts>\n";
    int t = 0, day = 0;
    const int slots[6] = {9 * 60, 10 * 60 + 45, 13 * 60 + 30, 15 * 60 + 15, 17 * 60, 18 * 60 + 45};
    while (t < talks) {
        using namespace std::chrono;
        const year_month_day date{sys_days{2021y / March / 1} + days{day}};
        x << "<day date=\"" << int(date.year()) << "-" << two(unsigned(date.month())) << "-" << two(unsigned(date.day()))
          << "\">\n";
        for (int s = 0; s < 6 && t < talks; ++s) {
            for (int r = 0; r < rooms && t < talks; ++r) {
                const int start = slots[s];
                x << "<session id=\"d" << day << "s" << s << "r" << r << "\" start=\"" << two(start / 60) << ":"
                  << two(start % 60) << "\" end=\"" << two((start + 90) / 60) << ":" << two((start + 90) % 60)
                  << "\" room=\"r" << r << "\"><title>Session " << day + 1 << "." << s + 1 << " – salle " << r + 1
                  << "</title>\n";
                for (int k = 0; k < 4 && t < talks; ++k, ++t)
                    x << "<talk id=\"t" << t << "\"><title>Communication " << t
                      << " : transformations numériques et organisation du travail dans les établissements</title>"
                      << "<speaker ref=\"p" << t % people << "\"/><speaker ref=\"p" << (t * 7 + 1) % people
                      << "\"/><abstract><p>" << kAbstract << "</p></abstract>"
                      << "<keywords><keyword>numérique</keyword><keyword>travail</keyword></keywords></talk>\n";
                x << "</session>\n";
            }
        }
        x << "</day>\n";
        ++day;
    }
    x << "</programme>\n";
    return x.str();
}

struct Result {
    double seconds = 0;
    long max_rss_kb = 0;
    int status = -1;
};

Result run_booklet(const std::string& booklet, const std::vector<std::string>& args) {
    Result r;
    const auto t0 = std::chrono::steady_clock::now();
    std::fflush(stdout);  // or the child inherits unwritten output
    const pid_t pid = ::fork();
    if (pid == 0) {
        cpu_set_t one;
        CPU_ZERO(&one);
        CPU_SET(0, &one);
        ::sched_setaffinity(0, sizeof one, &one);  // one core
        ::setenv("SOURCE_DATE_EPOCH", "1577836800", 1);
        if (!std::freopen("/dev/null", "w", stdout)) _exit(127);
        std::vector<char*> argv{const_cast<char*>(booklet.c_str())};
        for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
        argv.push_back(nullptr);
        if (!std::freopen("/dev/null", "w", stderr)) _exit(127);  // warnings of big exports
        ::execv(booklet.c_str(), argv.data());
        _exit(127);
    }
    int st = 0;
    struct rusage ru {};
    ::wait4(pid, &st, 0, &ru);
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    r.max_rss_kb = ru.ru_maxrss;
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
}

Result run_build(const std::string& booklet, const fs::path& input, const fs::path& out) {
    return run_booklet(booklet, {"build", input.string(), "-o", out.string()});
}

int pdf_pages(const fs::path& pdf) {
    FILE* p = ::popen(("pdfinfo '" + pdf.string() + "' 2>/dev/null").c_str(), "r");
    if (!p) return -1;
    char line[512];
    int pages = -1;
    while (std::fgets(line, sizeof line, p))
        if (std::sscanf(line, "Pages: %d", &pages) == 1) break;
    ::pclose(p);
    return pages;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<int> sizes = {10, 100, 1000, 5000};
    bool schedule = true;
    fs::path keep;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--sizes" && i + 1 < argc) {
            sizes.clear();
            std::stringstream ss(argv[++i]);
            std::string n;
            while (std::getline(ss, n, ',')) sizes.push_back(std::stoi(n));
        } else if (a == "--no-schedule") {
            schedule = false;
        } else if (a == "--keep" && i + 1 < argc) {
            keep = argv[++i];
        } else {
            std::fprintf(stderr, "usage: booklet_bench [--sizes 10,100,1000,5000] [--no-schedule] [--keep DIR]\n");
            return 2;
        }
    }
    const std::string booklet = BOOKLET_BINARY_DIR "/booklet";
    const fs::path dir = keep.empty() ? fs::temp_directory_path() / ("booklet-bench-" + std::to_string(::getpid())) : keep;
    fs::create_directories(dir);
    std::printf("%8s %8s %10s %10s %12s %10s %12s\n", "talks", "pages", "input MB", "wall s", "pages/s", "peak MB",
                "ms/talk");
    for (int n : sizes) {
        const fs::path input = dir / ("bench-" + std::to_string(n) + ".xml");
        const std::string xml = synthetic(n);
        std::ofstream(input, std::ios::binary) << xml;
        const fs::path out = dir / ("out-" + std::to_string(n));
        fs::remove_all(out);
        const Result r = run_build(booklet, input, out);
        if (r.status != 0) {
            std::fprintf(stderr, "booklet build failed (exit %d) on %s\n", r.status, input.c_str());
            return 1;
        }
        const int pages = pdf_pages(out / ("bench-" + std::to_string(n) + ".pdf"));
        std::printf("%8d %8d %10.2f %10.3f %12.0f %10.1f %12.3f\n", n, pages, double(xml.size()) / 1e6, r.seconds,
                    pages / r.seconds, double(r.max_rss_kb) / 1024.0, 1000.0 * r.seconds / n);
        std::fflush(stdout);
    }
    if (schedule) {
        // pretalx-style exports, generated by the test suite's generator.
        std::printf("\n%-26s %8s %10s %10s %12s %10s %12s\n", "schedule.xml", "pages", "input MB", "wall s", "pages/s",
                    "peak MB", "check MB/s");
        for (const int events : {1350, 5400}) {
            const fs::path input = dir / ("schedule-" + std::to_string(events) + ".xml");
            const std::string cmd = "/usr/bin/python3 '" BOOKLET_SOURCE_DIR "/tests/schedule/make_synthetic.py' --days 4 "
                                    "--rooms 90 --events " + std::to_string(events) + " > '" + input.string() + "'";
            if (std::system(cmd.c_str()) != 0) {
                std::fprintf(stderr, "could not generate %s\n", input.c_str());
                return 1;
            }
            const double mb = static_cast<double>(fs::file_size(input)) / 1e6;
            const fs::path out = dir / ("out-schedule-" + std::to_string(events));
            fs::remove_all(out);
            const Result build = run_build(booklet, input, out);
            // Reading speed, the best of three whole `booklet check` runs:
        // process start, read and check (the reader alone is faster).
            double best = 1e9;
            for (int k = 0; k < 3; ++k) best = std::min(best, run_booklet(booklet, {"check", input.string()}).seconds);
            if (build.status != 0) {
                std::fprintf(stderr, "booklet build failed (exit %d) on %s\n", build.status, input.c_str());
                return 1;
            }
            const int pages = pdf_pages(out / ("schedule-" + std::to_string(events) + ".pdf"));
            const std::string label = std::to_string(events) + " events, 90 rooms";
            std::printf("%-26s %8d %10.2f %10.3f %12.0f %10.1f %12.1f\n", label.c_str(), pages, mb, build.seconds,
                        pages / build.seconds, double(build.max_rss_kb) / 1024.0, mb / best);
            std::fflush(stdout);
        }
    }
    if (keep.empty()) fs::remove_all(dir);
    return 0;
}
