#pragma once
// One function per subcommand; each returns the process exit code.
#include <string>

namespace booklet::cli {

inline constexpr int kOk = 0;
inline constexpr int kInternalError = 1;
inline constexpr int kBadInput = 2;

struct BuildArgs {
    std::string input;  // empty: the bundled seed day
    std::string output_dir = "out";
    std::string theme;
    std::string lang;
    bool no_breaks = false;
    bool report = false;
    bool allow_outside = false;
    // The PDF edition (render::PdfOptions): "screen" or "print".
    std::string profile = "screen";
    bool no_crop_marks = false;  // print: no crop marks
    bool impose = false;         // also <stem>-imposed.pdf, saddle-stitch sheets
    bool pdfa = false;           // screen: PDF/A-1b
    bool strict = false;         // print warnings (RGB images) and characters no font has are errors
    std::string timezone;        // --timezone
};

struct CheckArgs {
    std::string input;
    bool allow_outside = false;
    std::string theme;   // as build: the fonts the text is checked against
    std::string lang;
    bool strict = false;  // characters no font has are errors
    std::string timezone;  // --timezone: as build would read the file
};

struct IcsArgs {
    std::string input;
    std::string timezone;
    std::string output_dir = "out";
    bool no_breaks = false;
};

// `booklet convert FILE -o OUT`: FILE (a frab/pretalx schedule.xml, or a
// programme XML) read and checked as build does, written as programme XML.
struct ConvertArgs {
    std::string input;
    std::string output;
    bool allow_outside = false;
    std::string timezone;
};

int run_build(const BuildArgs& args);
int run_check(const CheckArgs& args);
int run_ics(const IcsArgs& args);
int run_convert(const ConvertArgs& args);

}  // namespace booklet::cli
