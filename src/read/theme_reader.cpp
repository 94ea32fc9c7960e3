#include "read/theme_reader.hpp"

#include <charconv>
#include <cstring>
#include <tuple>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "io/input_file.hpp"
#include "read/xml_source.hpp"

namespace booklet::read {

namespace fs = std::filesystem;
using tinyxml2::XMLElement;

std::optional<double> parse_length(const std::string& s) {
    static const std::pair<const char*, double> units[] = {{"mm", 72.0 / 25.4}, {"cm", 72.0 / 2.54}, {"pt", 1.0}, {"in", 72.0}};
    for (const auto& [unit, factor] : units) {
        const std::size_t n = std::strlen(unit);
        if (s.size() <= n || s.compare(s.size() - n, n, unit) != 0) continue;
        const std::string number = s.substr(0, s.size() - n);
        double v = 0;
        auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), v);
        if (ec != std::errc() || ptr != number.data() + number.size() || v < 0 || v > 10000) return std::nullopt;
        return v * factor;
    }
    return std::nullopt;
}

std::optional<theme::Rgb> parse_rgb(const std::string& s) {
    if (s.size() != 7 || s[0] != '#') return std::nullopt;
    unsigned v[3];
    for (int i = 0; i < 3; ++i) {
        auto [ptr, ec] = std::from_chars(s.data() + 1 + 2 * i, s.data() + 3 + 2 * i, v[i], 16);
        if (ec != std::errc() || ptr != s.data() + 3 + 2 * i) return std::nullopt;
    }
    return theme::Rgb{v[0] / 255.0, v[1] / 255.0, v[2] / 255.0};
}

std::optional<theme::Cmyk> parse_cmyk(const std::string& s) {
    std::istringstream in(s);
    double v[4];
    for (double& x : v) {
        if (!(in >> x) || x < 0 || x > 100) return std::nullopt;
    }
    std::string rest;
    if (in >> rest) return std::nullopt;
    return theme::Cmyk{v[0] / 100, v[1] / 100, v[2] / 100, v[3] / 100};
}

namespace {

bool is_truetype(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    unsigned char m[4] = {};
    in.read(reinterpret_cast<char*>(m), 4);
    if (in.gcount() != 4) return false;
    return (m[0] == 0 && m[1] == 1 && m[2] == 0 && m[3] == 0) || std::string(reinterpret_cast<char*>(m), 4) == "true";
}

class ThemeReader {
public:
    ThemeReader(const XmlSource& src, const ThemeReadOptions& o, model::Diagnostics& d) : src_(src), o_(o), d_(d) {}

    theme::Theme read(const XMLElement* root) {
        theme::Theme t;
        t.source = src_.path();
        only(root, {"name"});
        t.name = attr(root, "name");
        std::set<std::string> seen;
        for (auto* e = root->FirstChildElement(); e; e = e->NextSiblingElement()) {
            const std::string name = e->Name();
            if (name != "font" && name != "colour" && name != "fallback" && !seen.insert(name).second) {
                d_.error(src_.where(e), "<" + name + "> appears more than once in <theme>");
                continue;
            }
            if (name == "page") page(e, t.page);
            else if (name == "font") font(e, t);
            else if (name == "fallback") fallback(e, t);
            else if (name == "sizes") sizes(e, t.sizes);
            else if (name == "colour") colour(e, t);
            else if (name == "parts") parts(e, t);
            else if (name == "abstracts") abstracts(e, t);
            else if (name == "calendar") calendar(e, t);
            else d_.error(src_.where(e), "unknown element <" + name + "> in <theme>");
        }
        if (!seen.count("page")) d_.error(src_.where(root), "<theme> needs a <page> element");
        if (!seen.count("parts")) d_.error(src_.where(root), "<theme> needs a <parts> element");
        using R = theme::FontRole;
        using S = theme::FontStyle;
        for (auto [role, style, label] : {std::tuple{R::Serif, S::Regular, "serif regular"}, {R::Serif, S::Italic, "serif italic"},
                                          {R::Serif, S::Bold, "serif bold"}, {R::Sans, S::Regular, "sans regular"},
                                          {R::Sans, S::Italic, "sans italic"}, {R::Sans, S::Bold, "sans bold"}})
            if (!t.font(role, style) && !fonts_named_.count({role, style}))  // a bad <font> has its own error
                d_.error(src_.where(root), std::string("the theme names no ") + label + " font");
        for (const char* c : {"text", "accent", "muted", "shade", "rule"})
            if (!t.colours.count(c)) d_.error(src_.where(root), std::string("the theme defines no colour '") + c + "'");
        return t;
    }

private:
    std::string attr(const XMLElement* e, const char* n) {
        const char* v = e->Attribute(n);
        return v ? v : "";
    }
    void only(const XMLElement* e, std::initializer_list<const char*> allowed) {
        for (auto* a = e->FirstAttribute(); a; a = a->Next()) {
            bool ok = false;
            for (const char* x : allowed) ok = ok || std::string(a->Name()) == x;
            if (!ok && !(e == src_.root() && (std::string(a->Name()).rfind("xmlns", 0) == 0 || std::string(a->Name()).rfind("xsi:", 0) == 0)))
                d_.error(src_.where(e, a->Name()), "unknown attribute '" + std::string(a->Name()) + "' on <" + e->Name() + ">");
        }
    }
    void length(const XMLElement* e, const char* n, double& out, bool required) {
        const char* v = e->Attribute(n);
        if (!v) {
            if (required) d_.error(src_.where(e), "<" + std::string(e->Name()) + "> needs a '" + n + "' attribute");
            return;
        }
        if (auto len = parse_length(v)) out = *len;
        else if (v[0] == '-') d_.error(src_.where(e, n), "invalid length '" + std::string(v) + "': it cannot be negative");
        else d_.error(src_.where(e, n), "invalid length '" + std::string(v) + "': write a number with mm, cm, pt or in");
    }

    void page(const XMLElement* e, theme::PageGeometry& g) {
        only(e, {"size", "width", "height", "top", "bottom", "inner", "outer", "bleed", "safe"});
        const std::string size = attr(e, "size");
        if (size == "A5") g.width = 148 * 72 / 25.4, g.height = 210 * 72 / 25.4;
        else if (size == "A4") g.width = 210 * 72 / 25.4, g.height = 297 * 72 / 25.4;
        else if (!size.empty()) d_.error(src_.where(e, "size"), "unknown page size '" + size + "': use A5 or A4, or width and height");
        length(e, "width", g.width, size.empty());
        length(e, "height", g.height, size.empty());
        for (auto [n, v] : {std::pair{"top", &g.top}, {"bottom", &g.bottom}, {"inner", &g.inner}, {"outer", &g.outer}})
            length(e, n, *v, true);
        g.bleed = 3 * 72 / 25.4;
        g.safe = 5 * 72 / 25.4;
        length(e, "bleed", g.bleed, false);
        length(e, "safe", g.safe, false);
        if (g.width > 0 && g.height > 0 && (g.inner + g.outer >= g.width * 0.8 || g.top + g.bottom >= g.height * 0.8))
            d_.error(src_.where(e), "the margins leave no room for text on the page");
    }

    void font(const XMLElement* e, theme::Theme& t) {
        only(e, {"role", "style", "file"});
        theme::FontFile f;
        f.where = src_.where(e);
        const std::string role = attr(e, "role"), style = attr(e, "style"), file = attr(e, "file");
        if (role == "serif") f.role = theme::FontRole::Serif;
        else if (role == "sans") f.role = theme::FontRole::Sans;
        else if (role == "mono") f.role = theme::FontRole::Mono;
        else return d_.error(src_.where(e, "role"), "font role must be serif, sans or mono, not '" + role + "'");
        if (style == "regular") f.style = theme::FontStyle::Regular;
        else if (style == "italic") f.style = theme::FontStyle::Italic;
        else if (style == "bold") f.style = theme::FontStyle::Bold;
        else if (style == "bold-italic") f.style = theme::FontStyle::BoldItalic;
        else return d_.error(src_.where(e, "style"), "font style must be regular, italic, bold or bold-italic, not '" + style + "'");
        fonts_named_.insert({f.role, f.style});
        if (file.empty()) return d_.error(src_.where(e), "<font> needs a 'file' attribute");
        if (t.font(f.role, f.style)) return d_.error(f.where, "a second " + role + " " + style + " font");

        const auto path = font_file(e, file);
        if (!path) return;
        f.path = *path;
        t.fonts.push_back(f);
    }

    // A font file named by <font> or <fallback>: beside the theme, else (a
    // bare name) in the bundled fonts; inside the theme's folder unless
    // --allow-outside; a TrueType file. Nullopt after reporting.
    std::optional<std::string> font_file(const XMLElement* e, const std::string& file) {
        const fs::path dir = fs::path(src_.path()).parent_path();
        std::error_code ec;
        fs::path path = fs::weakly_canonical(dir / file, ec);
        const bool bare = fs::path(file).filename() == fs::path(file);
        auto refuse = [&](const std::string& why) -> std::optional<std::string> {
            d_.error(src_.where(e, "file"), "font file '" + file + "' " + why);
            return std::nullopt;
        };
        if (!fs::exists(path) && bare && !o_.bundled_fonts_dir.empty())
            path = fs::weakly_canonical(fs::path(o_.bundled_fonts_dir) / file, ec);
        else if (!o_.allow_outside) {
            const auto rel = path.lexically_relative(fs::weakly_canonical(dir.empty() ? fs::path(".") : dir, ec));
            if (rel.empty() || *rel.begin() == "..") return refuse("lies outside the theme's folder (use --allow-outside)");
        }
        if (!fs::exists(path, ec)) return refuse("not found");
        if (!fs::is_regular_file(path, ec)) return refuse("is not a regular file");
        if (!is_truetype(path))
            return refuse("is not a TrueType font (CFF-based .otf and collections are not supported)");
        return path.string();
    }

    // <fallback family="Noto Sans Math"/>, <fallback file="Extra.ttf"/>:
    // tried in order before the built-in chain; <fallback builtin="no"/>
    // leaves the built-in chain out.
    void fallback(const XMLElement* e, theme::Theme& t) {
        only(e, {"family", "file", "builtin"});
        const char* family = e->Attribute("family");
        const char* file = e->Attribute("file");
        const char* builtin = e->Attribute("builtin");
        if ((family != nullptr) + (file != nullptr) + (builtin != nullptr) != 1)
            return d_.error(src_.where(e), "<fallback> takes one of 'family', 'file' or 'builtin'");
        if (builtin) {
            const std::string b = builtin;
            if (b != "yes" && b != "no")
                return d_.error(src_.where(e, "builtin"), "builtin must be yes or no, not '" + b + "'");
            t.builtin_fallbacks = b == "yes";
            return;
        }
        theme::FallbackFont f;
        f.where = src_.where(e);
        if (family) {
            f.family = family;
            if (f.family.empty() || f.family.size() > 200)
                return d_.error(src_.where(e, "family"), "a font family name of 1 to 200 characters");
        } else {
            const auto path = font_file(e, file);
            if (!path) return;
            f.path = *path;
        }
        t.fallbacks.push_back(std::move(f));
    }

    void sizes(const XMLElement* e, theme::Sizes& s) {
        only(e, {"body", "leading", "small", "title", "subtitle", "heading", "subheading", "schedule", "schedule-leading", "header"});
        for (auto [n, v] : {std::pair{"body", &s.body}, {"leading", &s.leading}, {"small", &s.small}, {"title", &s.title},
                            {"subtitle", &s.subtitle}, {"heading", &s.heading}, {"subheading", &s.subheading},
                            {"schedule", &s.schedule}, {"schedule-leading", &s.schedule_leading}, {"header", &s.header}}) {
            length(e, n, *v, false);
            if (*v < 4 || *v > 200) d_.error(src_.where(e, n), std::string("size '") + n + "' must be between 4pt and 200pt");
        }
        if (s.schedule < 7) d_.error(src_.where(e, "schedule"), "schedule text below 7pt is unreadable");
    }

    void colour(const XMLElement* e, theme::Theme& t) {
        only(e, {"name", "rgb", "cmyk"});
        const std::string name = attr(e, "name");
        if (name.empty()) return d_.error(src_.where(e), "<colour> needs a 'name' attribute");
        theme::Colour c;
        const char* rgb = e->Attribute("rgb");
        const char* cmyk = e->Attribute("cmyk");
        if (!rgb || !cmyk) return d_.error(src_.where(e), "<colour> needs both 'rgb' (#rrggbb) and 'cmyk' (four percentages)");
        if (auto v = parse_rgb(rgb)) c.rgb = *v;
        else d_.error(src_.where(e, "rgb"), "invalid RGB colour '" + std::string(rgb) + "': write #rrggbb");
        if (auto v = parse_cmyk(cmyk)) c.cmyk = *v;
        else d_.error(src_.where(e, "cmyk"), "invalid CMYK colour '" + std::string(cmyk) + "': write four percentages, e.g. \"0 0 0 100\"");
        if (!t.colours.emplace(name, c).second) d_.error(src_.where(e), "a second colour '" + name + "'");
    }

    void parts(const XMLElement* e, theme::Theme& t) {
        only(e, {"open-on-right"});
        const std::string right = attr(e, "open-on-right");
        if (!right.empty() && right != "true" && right != "false")
            d_.error(src_.where(e, "open-on-right"), "'open-on-right' must be true or false");
        t.parts_open_on_right = right == "true";
        std::istringstream in(e->GetText() ? e->GetText() : "");
        std::string word;
        while (in >> word) {
            bool found = false;
            for (auto p : {theme::Part::Cover, theme::Part::Introduction, theme::Part::Contents, theme::Part::Schedule,
                           theme::Part::Abstracts, theme::Part::Index, theme::Part::BackCover})
                if (word == theme::part_name(p)) {
                    for (auto q : t.parts)
                        if (q == p) d_.error(src_.where(e), "part '" + word + "' is listed twice");
                    t.parts.push_back(p);
                    found = true;
                }
            if (!found)
                d_.error(src_.where(e), "unknown part '" + word + "': use cover, introduction, contents, schedule, abstracts, index, back-cover");
        }
        if (t.parts.empty()) d_.error(src_.where(e), "<parts> lists no part");
    }

    void abstracts(const XMLElement* e, theme::Theme& t) {
        only(e, {"per-page"});
        const std::string v = attr(e, "per-page");
        int n = 0;
        auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
        if (v.empty() || ec != std::errc() || ptr != v.data() + v.size() || n < 1 || n > 20)
            d_.error(src_.where(e, "per-page"), "'per-page' must be a whole number from 1 to 20");
        else t.abstracts_per_page = n;
    }

    void calendar(const XMLElement* e, theme::Theme& t) {
        only(e, {"breaks"});
        const std::string v = attr(e, "breaks");
        if (v != "true" && v != "false") d_.error(src_.where(e, "breaks"), "'breaks' must be true or false");
        t.include_breaks_in_calendar = v != "false";
    }

    const XmlSource& src_;
    const ThemeReadOptions& o_;
    model::Diagnostics& d_;
    std::set<std::pair<theme::FontRole, theme::FontStyle>> fonts_named_;  // by a <font>, good or bad
};

}  // namespace

std::optional<theme::Theme> read_theme_file(const std::string& path, const ThemeReadOptions& options,
                                            model::Diagnostics& diags) {
    auto file = io::read_input_file(path, diags);
    if (!file) return std::nullopt;
    auto src = XmlSource::parse(*file, diags);
    if (!src) return std::nullopt;
    if (std::string(src->root()->Name()) != "theme") {
        diags.error(src->where(src->root()), "the root element is <" + std::string(src->root()->Name()) + ">, expected <theme>");
        return std::nullopt;
    }
    const std::size_t before = diags.error_count();
    auto t = ThemeReader(*src, options, diags).read(src->root());
    if (diags.error_count() > before) return std::nullopt;
    return t;
}

std::optional<theme::Labels> read_labels_file(const std::string& path, model::Diagnostics& diags) {
    auto file = io::read_input_file(path, diags);
    if (!file) return std::nullopt;
    auto src = XmlSource::parse(*file, diags);
    if (!src) return std::nullopt;
    const auto* root = src->root();
    if (std::string(root->Name()) != "labels") {
        diags.error(src->where(root), "the root element is <" + std::string(root->Name()) + ">, expected <labels>");
        return std::nullopt;
    }
    theme::Labels labels;
    labels.source = path;
    labels.lang = root->Attribute("lang") ? root->Attribute("lang") : "";
    if (labels.lang.empty()) diags.error(src->where(root), "<labels> needs a 'lang' attribute");
    const std::size_t before = diags.error_count();
    for (auto* e = root->FirstChildElement(); e; e = e->NextSiblingElement()) {
        if (std::string(e->Name()) != "label") {
            diags.error(src->where(e), "unknown element <" + std::string(e->Name()) + "> in <labels>");
            continue;
        }
        const char* key = e->Attribute("key");
        if (!key || !*key) {
            diags.error(src->where(e), "<label> needs a 'key' attribute");
            continue;
        }
        if (e->FirstChildElement()) diags.error(src->where(e), "<label> holds plain text only");
        if (!labels.text.emplace(key, e->GetText() ? e->GetText() : "").second)
            diags.error(src->where(e, "key"), "a second label '" + std::string(key) + "'");
    }
    if (diags.error_count() > before) return std::nullopt;
    return labels;
}

}  // namespace booklet::read
