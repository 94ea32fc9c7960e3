#include "pdf_tools.hpp"

#include "run_command.hpp"

#include <png.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

namespace booklet::render::test {

std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (const char c : s) {
        if (c == '\'')
            out += "'\\''";
        else
            out += c;
    }
    return out + "'";
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

ToolResult run_tool(const std::string& command) {
    const auto r = booklet::test::run_command(command);
    return {r.status, r.out, r.err};
}

TempDir::TempDir() {
    std::string templ = (std::filesystem::temp_directory_path() / "booklet-render-XXXXXX").string();
    if (!::mkdtemp(templ.data())) throw std::runtime_error("mkdtemp failed");
    path_ = templ;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

std::string TempDir::write(const std::string& name, const std::string& bytes) const {
    const std::string p = path_ + "/" + name;
    std::ofstream out(p, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + p);
    return p;
}

std::map<std::string, std::string> parse_key_values(const std::string& text) {
    std::map<std::string, std::string> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        const auto colon = line.find(':');
        if (colon == std::string::npos) continue;
        auto value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(' '));
        out[line.substr(0, colon)] = value;
    }
    return out;
}

std::vector<std::string> normalized_lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream words(line);
        std::string word, joined;
        while (words >> word) joined += (joined.empty() ? "" : " ") + word;
        if (!joined.empty()) out.push_back(joined);
    }
    return out;
}

long dark_pixels_in_pgm(const std::string& path) {
    const std::string data = read_file(path);
    std::istringstream in(data);
    std::string magic;
    int w = 0, h = 0, maxval = 0;
    in >> magic >> w >> h >> maxval;
    if (magic != "P5" || maxval != 255) throw std::runtime_error("not an 8-bit P5 PGM: " + path);
    in.get();  // the single whitespace after maxval
    const auto offset = static_cast<std::size_t>(in.tellg());
    long dark = 0;
    for (std::size_t i = offset; i < data.size(); ++i)
        if (static_cast<unsigned char>(data[i]) < 128) ++dark;
    return dark;
}

std::map<int, std::map<std::string, PdfBox>> page_boxes(const std::string& pdf, int pages) {
    const auto r = run_tool("pdfinfo -box -f 1 -l " + std::to_string(pages) + " " + shell_quote(pdf));
    if (r.exit_code != 0 || !r.err.empty()) throw std::runtime_error("pdfinfo -box failed: " + r.err);
    std::map<int, std::map<std::string, PdfBox>> out;
    std::istringstream in(r.out);
    std::string line;
    while (std::getline(in, line)) {
        // "Page    1 MediaBox:      0.00     0.00   493.23   668.98"
        std::istringstream words(line);
        std::string page_word, name;
        int page = 0;
        PdfBox b;
        if (!(words >> page_word >> page >> name) || page_word != "Page" || name.size() < 5 ||
            name.compare(name.size() - 4, 4, "Box:") != 0)
            continue;
        if (!(words >> b.left >> b.bottom >> b.right >> b.top)) continue;
        out[page][name.substr(0, name.size() - 1)] = b;
    }
    return out;
}

std::vector<std::string> page_contents(const std::string& pdf) {
    TempDir dir;
    const std::string qdf = dir.path() + "/qdf.pdf";
    const auto r = run_tool("qpdf --qdf --object-streams=disable " + shell_quote(pdf) + " " + shell_quote(qdf));
    if (r.exit_code != 0) throw std::runtime_error("qpdf --qdf failed: " + r.err);
    const std::string d = read_file(qdf);
    std::vector<std::string> out;
    const std::string marker = "%% Contents for page ";
    for (auto at = d.find(marker); at != std::string::npos; at = d.find(marker, at + 1)) {
        const auto start = d.find("stream\n", at);
        const auto end = d.find("endstream", start);
        if (start == std::string::npos || end == std::string::npos) break;
        out.push_back(d.substr(start + 7, end - start - 7));
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> content_operators(const std::string& c) {
    std::vector<std::pair<std::string, std::string>> out;
    std::vector<std::string> operands;
    std::size_t i = 0;
    auto delimiter = [](char ch) { return std::string_view("()<>[]{}/%").find(ch) != std::string_view::npos; };
    while (i < c.size()) {
        const char ch = c[i];
        if (std::isspace(static_cast<unsigned char>(ch))) {
            ++i;
        } else if (ch == '%') {
            while (i < c.size() && c[i] != '\n' && c[i] != '\r') ++i;
        } else if (ch == '(') {  // literal string, with nesting and escapes
            std::size_t j = i + 1;
            int depth = 1;
            while (j < c.size() && depth > 0) {
                if (c[j] == '\\') ++j;
                else if (c[j] == '(') ++depth;
                else if (c[j] == ')') --depth;
                ++j;
            }
            operands.push_back(c.substr(i, j - i));
            i = j;
        } else if (ch == '<' && i + 1 < c.size() && c[i + 1] != '<') {  // hex string
            const auto j = c.find('>', i);
            operands.push_back(c.substr(i, j - i + 1));
            i = j + 1;
        } else if (ch == '[' || ch == ']' || ch == '<' || ch == '>') {
            operands.push_back(std::string(1, ch));
            ++i;
        } else {
            std::size_t j = i + 1;
            while (j < c.size() && !std::isspace(static_cast<unsigned char>(c[j])) && !delimiter(c[j])) ++j;
            const std::string tok = c.substr(i, j - i);
            i = j;
            const bool name = tok[0] == '/';
            const bool number = !name && (std::isdigit(static_cast<unsigned char>(tok[0])) || tok[0] == '-' ||
                                          tok[0] == '+' || tok[0] == '.');
            if (name || number || tok == "true" || tok == "false" || tok == "null") {
                operands.push_back(tok);
            } else {
                std::string ops;
                for (const auto& o : operands) ops += (ops.empty() ? "" : " ") + o;
                out.emplace_back(ops, tok);
                operands.clear();
            }
        }
    }
    return out;
}

std::vector<std::string> rgb_colour_operators(const std::string& content) {
    std::vector<std::string> out;
    for (const auto& [operands, op] : content_operators(content)) {
        std::istringstream in(operands);
        int n = 0;
        for (std::string t; in >> t;) ++n;
        const bool rgb = op == "rg" || op == "RG" ||
                         ((op == "sc" || op == "scn" || op == "SC" || op == "SCN") && n == 3) ||
                         ((op == "cs" || op == "CS") && operands == "/DeviceRGB");
        if (rgb) out.push_back(operands + " " + op);
    }
    return out;
}

GrayImage read_png_gray(const std::string& path) {
    GrayImage g;
    png_image img{};
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&img, path.c_str())) return g;
    img.format = PNG_FORMAT_GRAY;
    g.w = static_cast<int>(img.width);
    g.h = static_cast<int>(img.height);
    g.px.resize(PNG_IMAGE_SIZE(img));
    if (!png_image_finish_read(&img, nullptr, g.px.data(), 0, nullptr)) g = {};
    return g;
}

std::string compare_with_reference(const std::string& png, const std::string& reference) {
    if (std::getenv("BOOKLET_UPDATE_REFERENCES"))
        std::filesystem::copy_file(png, reference, std::filesystem::copy_options::overwrite_existing);
    const GrayImage a = read_png_gray(png), b = read_png_gray(reference);
    if (a.w == 0) return "cannot read " + png;
    if (b.w == 0)
        return "missing reference " + reference + " (look at " + png +
               ", then run the test with BOOKLET_UPDATE_REFERENCES=1 to create it)";
    if (a.w != b.w || a.h != b.h)
        return "size " + std::to_string(a.w) + "x" + std::to_string(a.h) + ", reference " + std::to_string(b.w) + "x" +
               std::to_string(b.h);
    std::size_t differing = 0;
    double total = 0;
    for (std::size_t i = 0; i < a.px.size(); ++i) {
        const int d = std::abs(int(a.px[i]) - int(b.px[i]));
        total += d;
        differing += d > 48;
    }
    const double share = double(differing) / double(a.px.size());
    const double mean = total / double(a.px.size());
    if (share >= 0.01 || mean >= 2.0)
        return std::to_string(share * 100) + "% of the pixels differ from " + reference + " (mean difference " +
               std::to_string(mean) + ")";
    return "";
}

}  // namespace booklet::render::test
