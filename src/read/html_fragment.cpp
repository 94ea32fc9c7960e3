#include "read/html_fragment.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <unordered_map>

#include "read/formats.hpp"

namespace booklet::read {

using model::Block;
using model::Inline;

namespace {

constexpr int kMaxListDepth = 8;          // the programme reader's limit
constexpr std::size_t kMaxDelimiters = 2000;  // beyond that, emphasis markers stay literal

// ---- characters ---------------------------------------------------------------

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_ascii_punct(char c) { return c > 0x20 && c < 0x7f && std::ispunct(static_cast<unsigned char>(c)); }
char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

constexpr std::string_view kNbsp = "\xC2\xA0";

void trim_front(std::string& s) {
    std::size_t i = 0;
    for (;;) {
        if (i < s.size() && s[i] == ' ') ++i;
        else if (s.compare(i, kNbsp.size(), kNbsp) == 0) i += kNbsp.size();
        else break;
    }
    s.erase(0, i);
}

void trim_back(std::string& s) {
    for (;;) {
        if (!s.empty() && s.back() == ' ') s.pop_back();
        else if (s.size() >= kNbsp.size() && s.compare(s.size() - kNbsp.size(), kNbsp.size(), kNbsp) == 0)
            s.erase(s.size() - kNbsp.size());
        else break;
    }
}

// ---- character references -------------------------------------------------------

const std::unordered_map<std::string_view, std::uint32_t>& entity_table() {
    static const std::unordered_map<std::string_view, std::uint32_t> table = [] {
        std::unordered_map<std::string_view, std::uint32_t> t;
        // U+00A0 … U+00FF in order.
        static const char* const latin1[] = {
            "nbsp",   "iexcl",  "cent",   "pound",  "curren", "yen",    "brvbar", "sect",   "uml",    "copy",
            "ordf",   "laquo",  "not",    "shy",    "reg",    "macr",   "deg",    "plusmn", "sup2",   "sup3",
            "acute",  "micro",  "para",   "middot", "cedil",  "sup1",   "ordm",   "raquo",  "frac14", "frac12",
            "frac34", "iquest", "Agrave", "Aacute", "Acirc",  "Atilde", "Auml",   "Aring",  "AElig",  "Ccedil",
            "Egrave", "Eacute", "Ecirc",  "Euml",   "Igrave", "Iacute", "Icirc",  "Iuml",   "ETH",    "Ntilde",
            "Ograve", "Oacute", "Ocirc",  "Otilde", "Ouml",   "times",  "Oslash", "Ugrave", "Uacute", "Ucirc",
            "Uuml",   "Yacute", "THORN",  "szlig",  "agrave", "aacute", "acirc",  "atilde", "auml",   "aring",
            "aelig",  "ccedil", "egrave", "eacute", "ecirc",  "euml",   "igrave", "iacute", "icirc",  "iuml",
            "eth",    "ntilde", "ograve", "oacute", "ocirc",  "otilde", "ouml",   "divide", "oslash", "ugrave",
            "uacute", "ucirc",  "uuml",   "yacute", "thorn",  "yuml"};
        for (std::uint32_t i = 0; i < std::size(latin1); ++i) t.emplace(latin1[i], 0xA0 + i);
        // Greek capitals U+0391 … U+03A9 (no U+03A2) and small letters U+03B1 … U+03C9.
        static const char* const greek[] = {"Alpha", "Beta", "Gamma",   "Delta", "Epsilon", "Zeta",    "Eta",
                                            "Theta", "Iota", "Kappa",   "Lambda", "Mu",     "Nu",      "Xi",
                                            "Omicron", "Pi", "Rho",     "",      "Sigma",   "Tau",     "Upsilon",
                                            "Phi",   "Chi",  "Psi",     "Omega"};
        static const char* const small_greek[] = {"alpha", "beta", "gamma",   "delta", "epsilon", "zeta",  "eta",
                                                  "theta", "iota", "kappa",   "lambda", "mu",     "nu",    "xi",
                                                  "omicron", "pi", "rho",     "sigmaf", "sigma",  "tau",   "upsilon",
                                                  "phi",   "chi",  "psi",     "omega"};
        for (std::uint32_t i = 0; i < std::size(greek); ++i) {
            if (*greek[i]) t.emplace(greek[i], 0x391 + i);
            t.emplace(small_greek[i], 0x3B1 + i);
        }
        static const std::pair<const char*, std::uint32_t> others[] = {
            {"quot", 34},       {"amp", 38},       {"apos", 39},      {"lt", 60},         {"gt", 62},
            {"OElig", 338},     {"oelig", 339},    {"Scaron", 352},   {"scaron", 353},    {"Yuml", 376},
            {"fnof", 402},      {"circ", 710},     {"tilde", 732},    {"thetasym", 977},  {"upsih", 978},
            {"piv", 982},       {"ensp", 8194},    {"emsp", 8195},    {"thinsp", 8201},   {"zwnj", 8204},
            {"zwj", 8205},      {"lrm", 8206},     {"rlm", 8207},     {"ndash", 8211},    {"mdash", 8212},
            {"lsquo", 8216},    {"rsquo", 8217},   {"sbquo", 8218},   {"ldquo", 8220},    {"rdquo", 8221},
            {"bdquo", 8222},    {"dagger", 8224},  {"Dagger", 8225},  {"bull", 8226},     {"hellip", 8230},
            {"permil", 8240},   {"prime", 8242},   {"Prime", 8243},   {"lsaquo", 8249},   {"rsaquo", 8250},
            {"oline", 8254},    {"frasl", 8260},   {"euro", 8364},    {"image", 8465},    {"weierp", 8472},
            {"real", 8476},     {"trade", 8482},   {"alefsym", 8501}, {"larr", 8592},     {"uarr", 8593},
            {"rarr", 8594},     {"darr", 8595},    {"harr", 8596},    {"crarr", 8629},    {"lArr", 8656},
            {"uArr", 8657},     {"rArr", 8658},    {"dArr", 8659},    {"hArr", 8660},     {"forall", 8704},
            {"part", 8706},     {"exist", 8707},   {"empty", 8709},   {"nabla", 8711},    {"isin", 8712},
            {"notin", 8713},    {"ni", 8715},      {"prod", 8719},    {"sum", 8721},      {"minus", 8722},
            {"lowast", 8727},   {"radic", 8730},   {"prop", 8733},    {"infin", 8734},    {"ang", 8736},
            {"and", 8743},      {"or", 8744},      {"cap", 8745},     {"cup", 8746},      {"int", 8747},
            {"there4", 8756},   {"sim", 8764},     {"cong", 8773},    {"asymp", 8776},    {"ne", 8800},
            {"equiv", 8801},    {"le", 8804},      {"ge", 8805},      {"sub", 8834},      {"sup", 8835},
            {"nsub", 8836},     {"sube", 8838},    {"supe", 8839},    {"oplus", 8853},    {"otimes", 8855},
            {"perp", 8869},     {"sdot", 8901},    {"lceil", 8968},   {"rceil", 8969},    {"lfloor", 8970},
            {"rfloor", 8971},   {"lang", 9001},    {"rang", 9002},    {"loz", 9674},      {"spades", 9824},
            {"clubs", 9827},    {"hearts", 9829},  {"diams", 9830},   {"hyphen", 8208},   {"nbhy", 8209},
            {"numsp", 8199},    {"puncsp", 8200},  {"hairsp", 8202},  {"NoBreak", 8288},  {"check", 10003},
            {"cross", 10007},   {"star", 9734},    {"starf", 9733},   {"rsquor", 8217},   {"laquo", 171}};
        for (const auto& [name, cp] : others) t.emplace(name, cp);
        return t;
    }();
    return table;
}

// Windows-1252 for the numeric references 0x80–0x9F, as the HTML standard says.
std::uint32_t windows_1252(std::uint32_t cp) {
    static const std::uint32_t map[32] = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                          0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                          0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                          0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
    return map[cp - 0x80];
}

// A reference at s[i] == '&': appends its text and returns the bytes it
// spans, or 0 when it is not one (the '&' is then literal).
std::size_t decode_reference_at(std::string_view s, std::size_t i, std::string& out) {
    const std::size_t limit = std::min(s.size(), i + 40);
    const std::size_t semi = s.find(';', i + 1);
    if (semi == std::string_view::npos || semi >= limit) return 0;
    const std::string_view body = s.substr(i + 1, semi - i - 1);
    if (body.empty()) return 0;
    if (body[0] == '#') {
        const auto number = numeric_reference(body, true);
        if (!number) return 0;
        std::uint32_t cp = *number;
        if (cp >= 0x80 && cp <= 0x9F) {
            cp = windows_1252(cp);
            if (cp == 0) return semi - i + 1;  // a C1 control: dropped
        }
        if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
        append_utf8(out, cp);
        return semi - i + 1;
    }
    const auto& table = entity_table();
    auto it = table.find(body);
    if (it == table.end()) return 0;
    append_utf8(out, it->second);
    return semi - i + 1;
}

// ---- tags -----------------------------------------------------------------------

struct TagToken {
    std::string name;  // lowercase
    bool closing = false;
    bool self_closing = false;
    std::string href;  // the href attribute, references decoded
    bool has_href = false;
    std::size_t length = 0;
};

bool name_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool name_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == ':' || c == '_';
}

// A tag at s[i] == '<'; false when the '<' is literal text.
bool scan_tag(std::string_view s, std::size_t i, TagToken& t) {
    const std::size_t n = s.size();
    std::size_t j = i + 1;
    t = TagToken{};
    if (j < n && s[j] == '/') {
        t.closing = true;
        ++j;
    }
    if (j >= n || !name_start(s[j])) return false;
    const std::size_t name_at = j;
    while (j < n && name_char(s[j])) ++j;
    t.name.assign(s.substr(name_at, j - name_at));
    if (t.name.find(':') != std::string::npos && j < n && s[j] == '/') return false;  // <https://…>
    for (auto& c : t.name) c = lower(c);
    if (j < n && !is_space(s[j]) && s[j] != '>' && s[j] != '/') return false;
    while (j < n) {
        while (j < n && is_space(s[j])) ++j;
        if (j >= n) return false;
        if (s[j] == '>') {
            t.length = j + 1 - i;
            return true;
        }
        if (s[j] == '/') {
            ++j;
            if (j < n && s[j] == '>') {
                t.self_closing = true;
                t.length = j + 1 - i;
                return true;
            }
            continue;
        }
        const std::size_t a = j;
        while (j < n && !is_space(s[j]) && s[j] != '>' && s[j] != '/' && s[j] != '=') ++j;
        if (j == a) return false;  // a stray '=' or quote
        std::string attr(s.substr(a, j - a));
        for (auto& c : attr) c = lower(c);
        while (j < n && is_space(s[j])) ++j;
        std::string value;
        if (j < n && s[j] == '=') {
            ++j;
            while (j < n && is_space(s[j])) ++j;
            if (j < n && (s[j] == '"' || s[j] == '\'')) {
                const std::size_t close = s.find(s[j], j + 1);
                if (close == std::string_view::npos) return false;
                value.assign(s.substr(j + 1, close - j - 1));
                j = close + 1;
            } else {
                const std::size_t v = j;
                while (j < n && !is_space(s[j]) && s[j] != '>') ++j;
                value.assign(s.substr(v, j - v));
            }
        }
        if (attr == "href") {
            t.href = decode_html_entities(value);
            while (!t.href.empty() && is_space(t.href.back())) t.href.pop_back();
            while (!t.href.empty() && is_space(t.href.front())) t.href.erase(0, 1);
            t.has_href = true;
        }
    }
    return false;
}

// "<https://…>", "<mailto:…>" or "<someone@example.org>" at s[i] == '<'.
bool scan_autolink(std::string_view s, std::size_t i, std::string& url, std::string& text, std::size_t& length) {
    const std::size_t close = s.find('>', i + 1);
    if (close == std::string_view::npos) return false;
    const std::string_view body = s.substr(i + 1, close - i - 1);
    if (body.empty() || body.size() > 2000) return false;
    for (char c : body)
        if (is_space(c) || c == '<') return false;
    const auto colon = body.find(':');
    if (colon != std::string_view::npos && colon >= 2 && colon <= 32 && name_start(body[0])) {
        bool scheme = true;
        for (std::size_t k = 1; k < colon; ++k) {
            const char c = body[k];
            scheme = scheme && (std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '.' || c == '-');
        }
        if (scheme) {
            url.assign(body);
            text = body.substr(0, 7) == "mailto:" ? std::string(body.substr(7)) : url;
            length = close + 1 - i;
            return true;
        }
    }
    if (body.find('@') != std::string_view::npos && is_email(body)) {
        url = "mailto:" + std::string(body);
        text.assign(body);
        length = close + 1 - i;
        return true;
    }
    return false;
}

bool one_of(const std::string& name, std::initializer_list<const char*> names) {
    for (const char* n : names)
        if (name == n) return true;
    return false;
}

bool is_heading_tag(const std::string& n) { return n.size() == 2 && n[0] == 'h' && n[1] >= '1' && n[1] <= '6'; }

bool is_block_tag(const std::string& n) {
    return is_heading_tag(n) ||
           one_of(n, {"p", "div", "ul", "ol", "li", "table", "tr", "blockquote", "pre", "section", "article",
                      "dl", "dt", "dd", "hr", "center", "figure", "figcaption", "header", "footer", "main", "nav",
                      "aside", "address", "details", "summary", "thead", "tbody", "tfoot", "caption", "form",
                      "fieldset"});
}

bool is_emphasis_tag(const std::string& n) { return one_of(n, {"em", "i", "cite", "dfn", "var"}); }
bool is_strong_tag(const std::string& n) { return one_of(n, {"strong", "b"}); }
bool is_raw_text_tag(const std::string& n) { return one_of(n, {"script", "style", "template", "textarea"}); }

// After the start tag of a raw-text element: the offset past its end tag.
std::size_t skip_raw_text(std::string_view s, std::size_t from, const std::string& name) {
    std::size_t k = from;
    while ((k = s.find("</", k)) != std::string_view::npos) {
        std::size_t m = 0;
        while (m < name.size() && k + 2 + m < s.size() && lower(s[k + 2 + m]) == name[m]) ++m;
        if (m == name.size()) {
            const auto gt = s.find('>', k);
            return gt == std::string_view::npos ? s.size() : gt + 1;
        }
        k += 2;
    }
    return s.size();
}

// Comments, CDATA, declarations and processing instructions at s[i] == '<':
// the bytes they span (0 if none), CDATA content in `cdata`.
std::size_t scan_markup_declaration(std::string_view s, std::size_t i, std::string& cdata) {
    auto until = [&](std::size_t from, std::string_view end) {
        const auto p = s.find(end, from);
        return (p == std::string_view::npos ? s.size() : p + end.size()) - i;
    };
    if (s.compare(i, 4, "<!--") == 0) return until(i + 4, "-->");
    if (s.compare(i, 9, "<![CDATA[") == 0) {
        const auto p = s.find("]]>", i + 9);
        cdata.assign(s.substr(i + 9, (p == std::string_view::npos ? s.size() : p) - i - 9));
        return until(i + 9, "]]>");
    }
    if (i + 2 < s.size() && (s[i + 1] == '!' || s[i + 1] == '?') && name_start(s[i + 2])) return until(i + 2, ">");
    return 0;
}

// ---- inline spans ---------------------------------------------------------------

bool same_style(const Inline& a, const Inline& b) {
    return a.emphasis == b.emphasis && a.strong == b.strong && a.href == b.href;
}

void merge_same_style(std::vector<Inline>& v) {
    std::vector<Inline> out;
    out.reserve(v.size());
    for (auto& in : v) {
        if (in.text.empty()) continue;
        if (!out.empty() && same_style(out.back(), in)) out.back().text += in.text;
        else out.push_back(std::move(in));
    }
    v = std::move(out);
}

// Control characters become spaces (C0, U+2028, U+2029) or disappear (DEL,
// C1, U+FFFE, U+FFFF, which XML 1.0 cannot hold), so the result has no
// character the programme reader refuses; then runs of white space become
// one space, as the programme reader does.
std::string clean_collapse(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool space = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c <= 0x20) {  // XML white space and C0 controls alike
            space = true;
            continue;
        }
        if (c == 0x7f) continue;
        if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
            static_cast<unsigned char>(s[i + 1]) <= 0x9f) {
            ++i;
            continue;
        }
        if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
            (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
            space = true;
            i += 2;
            continue;
        }
        if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
            (static_cast<unsigned char>(s[i + 2]) == 0xBE || static_cast<unsigned char>(s[i + 2]) == 0xBF)) {
            i += 2;
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += static_cast<char>(c);
    }
    if (space) out += ' ';
    return out;
}

// The programme reader's form: white space collapsed across span boundaries,
// trimmed at both ends (no-break spaces too), one span per run of one style.
std::vector<Inline> normalise(std::vector<Inline> raw) {
    merge_same_style(raw);
    std::vector<Inline> out;
    bool last_space = true;
    for (auto& in : raw) {
        in.text = clean_collapse(in.text);
        if (last_space && !in.text.empty() && in.text.front() == ' ') in.text.erase(0, 1);
        if (in.text.empty()) continue;
        last_space = in.text.back() == ' ';
        out.push_back(std::move(in));
    }
    while (!out.empty()) {
        trim_front(out.front().text);
        if (!out.front().text.empty()) break;
        out.erase(out.begin());
    }
    while (!out.empty()) {
        trim_back(out.back().text);
        if (!out.back().text.empty()) break;
        out.pop_back();
    }
    merge_same_style(out);
    return out;
}

// Bare http(s) addresses in `text` become links; the rest keeps `style`.
void split_bare_urls(std::string_view text, const Inline& style, std::vector<Inline>& out) {
    std::size_t start = 0, i = 0;
    while ((i = text.find("http", i)) != std::string_view::npos) {
        const bool boundary = i == 0 || is_space(text[i - 1]) || std::strchr("([\"'<*_~", text[i - 1]) != nullptr;
        const bool scheme = text.compare(i, 7, "http://") == 0 || text.compare(i, 8, "https://") == 0;
        if (!boundary || !scheme) {
            i += 4;
            continue;
        }
        std::size_t j = i;
        while (j < text.size() && !is_space(text[j]) && text[j] != '<' && text[j] != '"') ++j;
        std::string_view url = text.substr(i, j - i);
        for (;;) {
            if (url.empty()) break;
            const char c = url.back();
            if (std::strchr(".,:;!?'*_~", c)) {
                url.remove_suffix(1);
            } else if (c == ')' && std::count(url.begin(), url.end(), '(') < std::count(url.begin(), url.end(), ')')) {
                url.remove_suffix(1);
            } else {
                break;
            }
        }
        if (!is_http_url(url)) {
            i = j;
            continue;
        }
        if (i > start) {
            Inline before = style;
            before.text.assign(text.substr(start, i - start));
            out.push_back(std::move(before));
        }
        Inline link = style;
        link.text.assign(url);
        link.href.assign(url);
        out.push_back(std::move(link));
        start = i = i + url.size();
    }
    if (start < text.size()) {
        Inline rest = style;
        rest.text.assign(text.substr(start));
        out.push_back(std::move(rest));
    }
}

// ---- HTML -------------------------------------------------------------------------

class HtmlBuilder {
public:
    explicit HtmlBuilder(const model::SourceLocation& where) : where_(where) {}

    void text(std::string_view decoded) {
        // A blank line in the text is a paragraph break: authors who mix
        // tags with plain paragraphs mean it so.
        std::size_t from = 0;
        for (;;) {
            std::size_t nl = decoded.find('\n', from);
            std::size_t blank_end = std::string_view::npos;
            while (nl != std::string_view::npos) {
                std::size_t k = nl + 1;
                while (k < decoded.size() && (decoded[k] == ' ' || decoded[k] == '\t' || decoded[k] == '\r')) ++k;
                if (k < decoded.size() && decoded[k] == '\n') {
                    blank_end = k + 1;
                    break;
                }
                nl = decoded.find('\n', nl + 1);
            }
            if (blank_end == std::string_view::npos) {
                add_text(decoded.substr(from));
                return;
            }
            add_text(decoded.substr(from, nl - from));
            flush();
            from = blank_end;
        }
    }

    void link(const std::string& text, const std::string& href) {
        Inline in = style();
        in.text = text;
        if (const auto url = percent_encode_unsafe(href); is_link(url)) in.href = url;
        para_.push_back(std::move(in));
    }

    void tag(const TagToken& t) {
        const std::string& n = t.name;
        if (is_emphasis_tag(n)) {
            if (t.closing) em_ = std::max(0, em_ - 1);
            else if (!t.self_closing) ++em_;
        } else if (is_strong_tag(n)) {
            if (t.closing) strong_ = std::max(0, strong_ - 1);
            else if (!t.self_closing) ++strong_;
        } else if (n == "a") {
            if (t.closing) {
                if (!links_.empty()) links_.pop_back();
            } else if (!t.self_closing) {
                const auto url = t.has_href ? percent_encode_unsafe(t.href) : std::string();
                links_.push_back(is_link(url) ? url : std::string());
            }
        } else if (n == "br") {
            flush();
        } else if (is_heading_tag(n)) {
            flush();
            heading_ = !t.closing && !t.self_closing;
        } else if (n == "ul" || n == "ol") {
            flush();
            heading_ = false;
            if (t.closing) {
                if (too_deep_ > 0) --too_deep_;
                else if (!lists_.empty()) close_list();
            } else if (!t.self_closing && static_cast<int>(lists_.size()) < kMaxListDepth) {
                lists_.push_back({n == "ol", {}, false});
            } else if (!t.self_closing) {
                ++too_deep_;  // its items join the enclosing list
            }
        } else if (n == "li") {
            flush();
            heading_ = false;
            if (t.closing) {
                if (!lists_.empty()) lists_.back().open_item = false;
            } else {
                if (lists_.empty()) lists_.push_back({false, {}, false});
                lists_.back().items.emplace_back();
                lists_.back().open_item = true;
            }
        } else if (n == "td" || n == "th") {
            if (!t.closing) add_text(" ");
        } else if (is_block_tag(n)) {
            flush();
            heading_ = false;
        }
        // Every other tag is dropped; its text stays.
    }

    std::vector<Block> finish() {
        flush();
        while (!lists_.empty()) close_list();
        return std::move(root_);
    }

private:
    struct List {
        bool ordered = false;
        std::vector<std::vector<Block>> items;
        bool open_item = false;
    };

    Inline style() const {
        Inline in;
        in.emphasis = em_ > 0;
        in.strong = strong_ > 0;
        if (!links_.empty()) in.href = links_.back();
        return in;
    }

    void add_text(std::string_view s) {
        if (s.empty()) return;
        const Inline st = style();
        if (st.href.empty()) split_bare_urls(s, st, para_);
        else {
            Inline in = st;
            in.text.assign(s);
            para_.push_back(std::move(in));
        }
    }

    std::vector<Block>& target() {
        if (lists_.empty()) return root_;
        List& l = lists_.back();
        if (!l.open_item || l.items.empty()) {
            l.items.emplace_back();
            l.open_item = true;
        }
        return l.items.back();
    }

    void flush() {
        auto inlines = normalise(std::move(para_));
        para_.clear();
        if (inlines.empty()) return;
        Block b;
        b.where = where_;
        b.inlines = std::move(inlines);
        if (heading_ && lists_.empty()) b.kind = Block::Kind::Heading;
        target().push_back(std::move(b));
    }

    void close_list() {
        List l = std::move(lists_.back());
        lists_.pop_back();
        Block b;
        b.kind = Block::Kind::List;
        b.ordered = l.ordered;
        b.where = where_;
        for (auto& item : l.items)
            if (!item.empty()) b.items.push_back(std::move(item));
        if (!b.items.empty()) target().push_back(std::move(b));
    }

    model::SourceLocation where_;
    std::vector<Block> root_;
    std::vector<List> lists_;
    std::vector<Inline> para_;
    bool heading_ = false;
    int em_ = 0, strong_ = 0;
    int too_deep_ = 0;
    std::vector<std::string> links_;
};

std::vector<Block> parse_html(std::string_view s, const model::SourceLocation& where) {
    HtmlBuilder b(where);
    std::string pending;
    auto flush_text = [&] {
        if (pending.empty()) return;
        b.text(decode_html_entities(pending));
        pending.clear();
    };
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        const std::size_t lt = s.find('<', i);
        if (lt == std::string_view::npos) {
            pending.append(s.substr(i));
            break;
        }
        pending.append(s.substr(i, lt - i));
        i = lt;
        std::string cdata, url, text;
        std::size_t len = 0;
        TagToken t;
        if ((len = scan_markup_declaration(s, i, cdata)) > 0) {
            flush_text();
            b.text(cdata);
            i += len;
        } else if (scan_autolink(s, i, url, text, len)) {
            flush_text();
            b.link(text, url);
            i += len;
        } else if (scan_tag(s, i, t)) {
            flush_text();
            i += t.length;
            if (is_raw_text_tag(t.name) && !t.closing && !t.self_closing) i = skip_raw_text(s, i, t.name);
            else b.tag(t);
        } else {
            pending += '<';
            ++i;
        }
    }
    flush_text();
    return b.finish();
}

// ---- Markdown inlines -------------------------------------------------------------

struct Piece {
    std::string text;
    int em = 0;
    int strong = 0;
    std::string href;
    char delim = 0;  // '*' or '_' for a delimiter run
    int count = 0;
    int original = 0;
    bool can_open = false;
    bool can_close = false;
};

bool md_space(char c) { return c == 0 || is_space(c); }

class MdInlines {
public:
    // `in_link`: the text of a link, which may not hold another link.
    explicit MdInlines(bool in_link = false) : in_link_(in_link) {}

    std::vector<Inline> parse(std::string_view s) {
        scan(s);
        resolve_emphasis();
        std::vector<Inline> out;
        out.reserve(pieces_.size());
        for (auto& p : pieces_) {
            Inline in;
            in.text = p.delim ? std::string(static_cast<std::size_t>(p.count), p.delim) : std::move(p.text);
            in.emphasis = p.em > 0;
            in.strong = p.strong > 0;
            in.href = std::move(p.href);
            if (!in.text.empty()) out.push_back(std::move(in));
        }
        return out;
    }

private:
    void text(std::string_view t, const std::string& href_override = {}, bool em = false, bool strong = false) {
        if (t.empty()) return;
        const std::string& href = href_override.empty() ? current_href() : href_override;
        const int e = html_em_ + (em ? 1 : 0), st = html_strong_ + (strong ? 1 : 0);
        if (!pieces_.empty()) {
            Piece& last = pieces_.back();
            if (!last.delim && last.em == e && last.strong == st && last.href == href) {
                last.text.append(t);
                return;
            }
        }
        Piece p;
        p.text.assign(t);
        p.em = e;
        p.strong = st;
        p.href = href;
        pieces_.push_back(std::move(p));
    }

    const std::string& current_href() const {
        static const std::string none;
        return links_.empty() ? none : links_.back();
    }

    void scan(std::string_view s) {
        const std::size_t n = s.size();
        std::size_t i = 0;
        std::size_t plain_from = 0;
        auto flush_plain = [&](std::size_t upto) {
            if (upto > plain_from) text(s.substr(plain_from, upto - plain_from));
        };
        while (i < n) {
            const char c = s[i];
            std::size_t consumed = 0;
            if (c == '\\' && i + 1 < n && is_ascii_punct(s[i + 1])) {
                flush_plain(i);
                text(s.substr(i + 1, 1));
                consumed = 2;
            } else if (c == '`') {
                consumed = code_span(s, i, flush_plain);
            } else if (c == '<') {
                consumed = angle(s, i, flush_plain);
            } else if (c == '&') {
                std::string decoded;
                const std::size_t len = decode_reference_at(s, i, decoded);
                if (len) {
                    flush_plain(i);
                    text(decoded);
                    consumed = len;
                }
            } else if (c == '!' && i + 1 < n && s[i + 1] == '[' && !in_link_) {
                std::size_t end = 0;
                std::string_view label, dest;
                if (link_at(s, i + 1, label, dest, end)) {
                    flush_plain(i);  // images are left out: a booklet cannot show them here
                    consumed = end - i;
                }
            } else if (c == '[' && !in_link_) {
                std::size_t end = 0;
                std::string_view label, dest;
                if (link_at(s, i, label, dest, end)) {
                    flush_plain(i);
                    add_link(label, dest);
                    consumed = end - i;
                }
            } else if (c == '*' || c == '_') {
                flush_plain(i);
                std::size_t j = i;
                while (j < n && s[j] == c) ++j;
                delimiter(s, i, j);
                consumed = j - i;
            } else if (c == 'h' && !in_link_ && (s.compare(i, 7, "http://") == 0 || s.compare(i, 8, "https://") == 0) &&
                       (i == 0 || is_space(s[i - 1]) || std::strchr("([\"'<*_~", s[i - 1]))) {
                consumed = bare_url(s, i, flush_plain);
            }
            if (consumed) {
                i += consumed;
                plain_from = i;
            } else {
                ++i;
            }
        }
        flush_plain(n);
    }

    template <typename Flush>
    std::size_t code_span(std::string_view s, std::size_t i, Flush& flush_plain) {
        std::size_t j = i;
        while (j < s.size() && s[j] == '`') ++j;
        const std::size_t ticks = j - i;
        std::size_t k = j;
        while ((k = s.find('`', k)) != std::string_view::npos) {
            std::size_t m = k;
            while (m < s.size() && s[m] == '`') ++m;
            if (m - k == ticks) {
                flush_plain(i);
                std::string_view code = s.substr(j, k - j);
                if (code.size() >= 2 && code.front() == ' ' && code.back() == ' ') code = code.substr(1, code.size() - 2);
                text(code);
                return m - i;
            }
            k = m;
        }
        flush_plain(i);
        text(s.substr(i, ticks));  // no closing run: literal backticks
        return ticks;
    }

    template <typename Flush>
    std::size_t angle(std::string_view s, std::size_t i, Flush& flush_plain) {
        std::string url, label, cdata;
        std::size_t len = 0;
        if (scan_autolink(s, i, url, label, len)) {
            flush_plain(i);
            text(label, is_link(url) ? url : std::string());
            return len;
        }
        if ((len = scan_markup_declaration(s, i, cdata)) > 0) {
            flush_plain(i);
            text(cdata);
            return len;
        }
        TagToken t;
        if (!scan_tag(s, i, t)) return 0;
        flush_plain(i);
        const std::string& n = t.name;
        if (is_raw_text_tag(n) && !t.closing && !t.self_closing) return skip_raw_text(s, i + t.length, n) - i;
        if (is_emphasis_tag(n)) {
            if (t.closing) html_em_ = std::max(0, html_em_ - 1);
            else if (!t.self_closing) ++html_em_;
        } else if (is_strong_tag(n)) {
            if (t.closing) html_strong_ = std::max(0, html_strong_ - 1);
            else if (!t.self_closing) ++html_strong_;
        } else if (n == "a") {
            if (t.closing) {
                if (!links_.empty()) links_.pop_back();
            } else if (!t.self_closing) {
                links_.push_back(t.has_href && is_link(t.href) ? t.href : current_href());
            }
        } else if (n == "br") {
            text(" ");
        }
        return t.length;
    }

    template <typename Flush>
    std::size_t bare_url(std::string_view s, std::size_t i, Flush& flush_plain) {
        std::size_t j = i;
        while (j < s.size() && !is_space(s[j]) && s[j] != '<') ++j;
        std::vector<Inline> parts;
        split_bare_urls(s.substr(i, j - i), Inline{}, parts);
        if (parts.empty() || parts.front().href.empty()) return 0;
        flush_plain(i);
        text(parts.front().text, current_href().empty() ? parts.front().href : current_href());
        return parts.front().text.size();
    }

    // "[label](destination "title")" starting at s[i] == '['.
    static bool link_at(std::string_view s, std::size_t i, std::string_view& label, std::string_view& dest,
                        std::size_t& end) {
        const std::size_t n = s.size();
        int depth = 0;
        std::size_t j = i;
        for (; j < n; ++j) {
            if (s[j] == '\\') {
                ++j;
                continue;
            }
            if (s[j] == '[') ++depth;
            else if (s[j] == ']' && --depth == 0) break;
        }
        if (j >= n || j + 1 >= n || s[j + 1] != '(') return false;
        label = s.substr(i + 1, j - i - 1);
        std::size_t k = j + 2;
        while (k < n && is_space(s[k])) ++k;
        std::size_t d0 = k, d1 = k;
        if (k < n && s[k] == '<') {
            const auto close = s.find('>', k + 1);
            if (close == std::string_view::npos) return false;
            d0 = k + 1;
            d1 = close;
            k = close + 1;
        } else {
            int parens = 0;
            while (k < n && !is_space(s[k])) {
                if (s[k] == '(') ++parens;
                else if (s[k] == ')') {
                    if (parens == 0) break;
                    --parens;
                }
                ++k;
            }
            d1 = k;
        }
        while (k < n && is_space(s[k])) ++k;
        if (k < n && (s[k] == '"' || s[k] == '\'' || s[k] == '(')) {
            const char close = s[k] == '(' ? ')' : s[k];
            const auto e = s.find(close, k + 1);
            if (e == std::string_view::npos) return false;
            k = e + 1;
            while (k < n && is_space(s[k])) ++k;
        }
        if (k >= n || s[k] != ')') return false;
        dest = s.substr(d0, d1 - d0);
        end = k + 1;
        return true;
    }

    void add_link(std::string_view label, std::string_view dest) {
        std::string href = decode_html_entities(dest);
        if (!is_link(href)) href = current_href();
        MdInlines inner(true);
        inner.html_em_ = 0;
        inner.html_strong_ = 0;
        for (auto& in : inner.parse(label)) {
            Piece p;
            p.text = std::move(in.text);
            p.em = html_em_ + (in.emphasis ? 1 : 0);
            p.strong = html_strong_ + (in.strong ? 1 : 0);
            p.href = in.href.empty() ? href : in.href;
            pieces_.push_back(std::move(p));
        }
    }

    void delimiter(std::string_view s, std::size_t i, std::size_t j) {
        const char c = s[i];
        const char before = i == 0 ? 0 : s[i - 1];
        const char after = j < s.size() ? s[j] : 0;
        const bool before_space = md_space(before), after_space = md_space(after);
        const bool before_punct = is_ascii_punct(before), after_punct = is_ascii_punct(after);
        const bool left = !after_space && (!after_punct || before_space || before_punct);
        const bool right = !before_space && (!before_punct || after_space || after_punct);
        Piece p;
        p.delim = c;
        p.count = p.original = static_cast<int>(j - i);
        p.em = html_em_;
        p.strong = html_strong_;
        p.href = current_href();
        if (c == '*') {
            p.can_open = left;
            p.can_close = right;
        } else {
            p.can_open = left && (!right || before_punct);
            p.can_close = right && (!left || after_punct);
        }
        pieces_.push_back(std::move(p));
        ++delimiters_;
    }

    // CommonMark's "process emphasis", on a flat list of pieces.
    void resolve_emphasis() {
        if (delimiters_ == 0 || delimiters_ > kMaxDelimiters) return;
        for (std::size_t c = 0; c < pieces_.size(); ++c) {
            Piece& closer = pieces_[c];
            while (closer.delim && closer.can_close && closer.count > 0) {
                std::size_t o = c;
                bool found = false;
                while (o-- > 0) {
                    Piece& opener = pieces_[o];
                    if (!opener.delim || opener.delim != closer.delim || !opener.can_open || opener.count == 0) continue;
                    const bool both = opener.can_close || closer.can_open;
                    if (both && (opener.original + closer.original) % 3 == 0 &&
                        !(opener.original % 3 == 0 && closer.original % 3 == 0))
                        continue;
                    found = true;
                    break;
                }
                if (!found) break;
                Piece& opener = pieces_[o];
                const int use = opener.count >= 2 && closer.count >= 2 ? 2 : 1;
                opener.count -= use;
                closer.count -= use;
                for (std::size_t k = o + 1; k < c; ++k) {
                    if (use == 2) ++pieces_[k].strong;
                    else ++pieces_[k].em;
                    if (pieces_[k].delim) pieces_[k].can_open = pieces_[k].can_close = false;
                }
            }
        }
    }

    bool in_link_;
    std::vector<Piece> pieces_;
    int html_em_ = 0, html_strong_ = 0;
    std::vector<std::string> links_;
    std::size_t delimiters_ = 0;
};

// ---- Markdown blocks --------------------------------------------------------------

int indent_of(std::string_view l) {
    int col = 0;
    for (char c : l) {
        if (c == ' ') ++col;
        else if (c == '\t') col += 4 - col % 4;
        else break;
    }
    return col;
}

bool blank(std::string_view l) {
    for (char c : l)
        if (!is_space(c)) return false;
    return true;
}

// Removes up to `cols` columns of leading white space.
std::string strip_columns(std::string_view l, int cols) {
    int col = 0;
    std::size_t i = 0;
    while (i < l.size() && col < cols) {
        if (l[i] == ' ') {
            ++col;
            ++i;
        } else if (l[i] == '\t') {
            const int next = col + 4 - col % 4;
            if (next > cols) return std::string(static_cast<std::size_t>(next - cols), ' ') + std::string(l.substr(i + 1));
            col = next;
            ++i;
        } else {
            break;
        }
    }
    return std::string(l.substr(i));
}

std::string_view ltrim(std::string_view l) {
    std::size_t i = 0;
    while (i < l.size() && is_space(l[i])) ++i;
    return l.substr(i);
}

bool is_thematic_break(std::string_view l) {
    if (indent_of(l) > 3) return false;
    l = ltrim(l);
    if (l.empty() || (l[0] != '-' && l[0] != '*' && l[0] != '_')) return false;
    int count = 0;
    for (char c : l) {
        if (c == l[0]) ++count;
        else if (!is_space(c)) return false;
    }
    return count >= 3;
}

int setext_level(std::string_view l) {
    if (indent_of(l) > 3) return 0;
    l = ltrim(l);
    while (!l.empty() && is_space(l.back())) l.remove_suffix(1);
    if (l.empty() || (l[0] != '=' && l[0] != '-')) return 0;
    for (char c : l)
        if (c != l[0]) return 0;
    return l[0] == '=' ? 1 : 2;
}

bool atx_heading(std::string_view l, std::string& content) {
    if (indent_of(l) > 3) return false;
    l = ltrim(l);
    std::size_t k = 0;
    while (k < l.size() && l[k] == '#') ++k;
    if (k == 0 || k > 6 || (k < l.size() && !is_space(l[k]))) return false;
    std::string_view rest = l.substr(k);
    while (!rest.empty() && is_space(rest.back())) rest.remove_suffix(1);
    std::size_t h = rest.size();
    while (h > 0 && rest[h - 1] == '#') --h;
    if (h == 0 || is_space(rest[h - 1])) rest = rest.substr(0, h);  // closing #s
    content.assign(ltrim(rest));
    return true;
}

bool fence(std::string_view l, char& ch, std::size_t& len) {
    if (indent_of(l) > 3) return false;
    l = ltrim(l);
    if (l.size() < 3 || (l[0] != '`' && l[0] != '~')) return false;
    std::size_t k = 0;
    while (k < l.size() && l[k] == l[0]) ++k;
    if (k < 3) return false;
    if (l[0] == '`' && l.substr(k).find('`') != std::string_view::npos) return false;
    ch = l[0];
    len = k;
    return true;
}

bool block_quote(std::string_view l) { return indent_of(l) <= 3 && !ltrim(l).empty() && ltrim(l)[0] == '>'; }

struct Marker {
    bool ordered = false;
    char ch = 0;           // '-', '*', '+', or '.'/')' after the number
    int content_col = 0;   // where the item's text starts
    std::string rest;      // the first line's text
};

bool list_marker(std::string_view l, Marker& m) {
    const int indent = indent_of(l);
    if (indent > 3 || is_thematic_break(l)) return false;
    const std::string_view t = ltrim(l);
    std::size_t k = 0;
    if (!t.empty() && (t[0] == '-' || t[0] == '*' || t[0] == '+')) {
        m.ordered = false;
        m.ch = t[0];
        k = 1;
    } else {
        while (k < t.size() && k < 9 && std::isdigit(static_cast<unsigned char>(t[k]))) ++k;
        if (k == 0 || k >= t.size() || (t[k] != '.' && t[k] != ')')) return false;
        m.ordered = true;
        m.ch = t[k];
        ++k;
    }
    if (k < t.size() && t[k] != ' ' && t[k] != '\t') return false;
    std::size_t spaces = 0;
    while (k + spaces < t.size() && t[k + spaces] == ' ') ++spaces;
    if (k + spaces >= t.size()) spaces = 1;  // an empty item
    else if (spaces > 4) spaces = 1;
    m.content_col = indent + static_cast<int>(k + spaces);
    m.rest = k + spaces <= t.size() ? std::string(t.substr(std::min(t.size(), k + spaces))) : std::string();
    return true;
}

class MdBlocks {
public:
    explicit MdBlocks(const model::SourceLocation& where) : where_(where) {}

    std::vector<Block> parse(const std::vector<std::string>& lines, int depth, bool in_item) {
        std::vector<Block> out;
        std::vector<std::string_view> para;
        auto flush = [&](bool heading = false) {
            if (para.empty()) return;
            std::string joined;
            for (std::size_t k = 0; k < para.size(); ++k) {
                if (k) joined += '\n';
                joined += ltrim(para[k]);
            }
            para.clear();
            add_paragraph(out, joined, heading && !in_item);
        };
        std::size_t i = 0;
        const std::size_t n = lines.size();
        while (i < n) {
            const std::string& l = lines[i];
            std::string content;
            char fch = 0;
            std::size_t flen = 0;
            Marker m;
            if (blank(l)) {
                flush();
                ++i;
            } else if (!para.empty() && setext_level(l)) {
                flush(true);
                ++i;
            } else if (fence(l, fch, flen)) {
                flush();
                std::string code;
                for (++i; i < n; ++i) {
                    char c2 = 0;
                    std::size_t len2 = 0;
                    if (fence(lines[i], c2, len2) && c2 == fch && len2 >= flen && blank(ltrim(lines[i]).substr(len2))) {
                        ++i;
                        break;
                    }
                    code += lines[i];
                    code += '\n';
                }
                add_literal(out, code);
            } else if (atx_heading(l, content)) {
                flush();
                add_paragraph(out, content, !in_item);
                ++i;
            } else if (is_thematic_break(l)) {
                flush();
                ++i;
            } else if (block_quote(l)) {
                flush();
                std::vector<std::string> quoted;
                while (i < n && !blank(lines[i])) {
                    std::string_view q = ltrim(lines[i]);
                    if (!q.empty() && q[0] == '>') {
                        q.remove_prefix(1);
                        if (!q.empty() && q[0] == ' ') q.remove_prefix(1);
                    }
                    quoted.emplace_back(q);
                    ++i;
                }
                for (auto& b : parse(quoted, depth, in_item)) out.push_back(std::move(b));
            } else if (depth < kMaxListDepth && list_marker(l, m) &&
                       (para.empty() || (!blank(m.rest) && (!m.ordered || ltrim(l).substr(0, 2) == "1" + std::string(1, m.ch))))) {
                flush();
                i = parse_list(lines, i, depth, out);
            } else {
                para.push_back(l);
                ++i;
            }
        }
        flush();
        return out;
    }

private:
    std::size_t parse_list(const std::vector<std::string>& lines, std::size_t i, int depth, std::vector<Block>& out) {
        Marker first;
        list_marker(lines[i], first);
        Block list;
        list.kind = Block::Kind::List;
        list.ordered = first.ordered;
        list.where = where_;
        const std::size_t n = lines.size();
        while (i < n) {
            Marker m;
            if (!list_marker(lines[i], m) || m.ordered != first.ordered || m.ch != first.ch) break;
            std::vector<std::string> item{m.rest};
            ++i;
            bool blank_before = false;
            while (i < n) {
                const std::string& l = lines[i];
                if (blank(l)) {
                    blank_before = true;
                    item.emplace_back();
                    ++i;
                    continue;
                }
                if (indent_of(l) >= m.content_col) {
                    item.push_back(strip_columns(l, m.content_col));
                    blank_before = false;
                    ++i;
                    continue;
                }
                Marker other;
                std::string heading;
                char fch = 0;
                std::size_t flen = 0;
                if (blank_before || list_marker(l, other) || is_thematic_break(l) || atx_heading(l, heading) ||
                    fence(l, fch, flen) || block_quote(l))
                    break;
                item.emplace_back(ltrim(l));  // a lazy continuation line
                ++i;
            }
            while (!item.empty() && blank(item.back())) item.pop_back();
            auto blocks = parse(item, depth + 1, true);
            if (!blocks.empty()) list.items.push_back(std::move(blocks));
        }
        if (!list.items.empty()) out.push_back(std::move(list));
        return i;
    }

    void add_paragraph(std::vector<Block>& out, std::string_view raw, bool heading) {
        MdInlines parser;
        auto inlines = normalise(parser.parse(raw));
        if (inlines.empty()) return;
        Block b;
        b.where = where_;
        b.kind = heading ? Block::Kind::Heading : Block::Kind::Paragraph;
        b.inlines = std::move(inlines);
        out.push_back(std::move(b));
    }

    void add_literal(std::vector<Block>& out, std::string_view code) {
        std::vector<Inline> raw(1);
        raw[0].text.assign(code);
        auto inlines = normalise(std::move(raw));
        if (inlines.empty()) return;
        Block b;
        b.where = where_;
        b.inlines = std::move(inlines);
        out.push_back(std::move(b));
    }

    model::SourceLocation where_;
};

std::vector<Block> parse_markdown(std::string_view s, const model::SourceLocation& where) {
    // <br> breaks the paragraph, as in HTML; the model has no line breaks.
    std::string text;
    bool has_br = false;
    for (std::size_t i = s.find('<'); i != std::string_view::npos && !has_br; i = s.find('<', i + 1))
        has_br = i + 2 < s.size() && lower(s[i + 1]) == 'b' && lower(s[i + 2]) == 'r';
    if (!has_br) text.assign(s);
    else text.reserve(s.size());
    for (std::size_t i = 0; has_br && i < s.size();) {
        TagToken t;
        if (s[i] == '<' && scan_tag(s, i, t) && t.name == "br") {
            text += "\n\n";
            i += t.length;
        } else {
            text += s[i++];
        }
    }
    std::vector<std::string> lines;
    std::size_t from = 0;
    for (;;) {
        const auto nl = text.find('\n', from);
        std::string line = text.substr(from, nl == std::string::npos ? std::string::npos : nl - from);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        lines.push_back(std::move(line));
        if (nl == std::string::npos) break;
        from = nl + 1;
    }
    MdBlocks parser(where);
    return parser.parse(lines, 0, false);
}

// ---- which syntax ------------------------------------------------------------------

bool has_block_tag(std::string_view s) {
    for (std::size_t i = s.find('<'); i != std::string_view::npos; i = s.find('<', i + 1)) {
        TagToken t;
        if (scan_tag(s, i, t) && is_block_tag(t.name)) return true;
    }
    return false;
}

bool has_any_tag(std::string_view s) {
    for (std::size_t i = s.find('<'); i != std::string_view::npos; i = s.find('<', i + 1)) {
        TagToken t;
        if (scan_tag(s, i, t)) return true;
    }
    return false;
}

// "&lt;p&gt;…": markup escaped once too often by the exporting tool.
bool looks_escaped_twice(std::string_view s) {
    static const char* const tags[] = {"p", "br", "a", "em", "strong", "b", "i", "ul", "ol", "li", "div",
                                       "h1", "h2", "h3", "h4", "span", "code", "pre", "blockquote"};
    for (std::size_t i = s.find("&lt;"); i != std::string_view::npos; i = s.find("&lt;", i + 4)) {
        std::size_t j = i + 4;
        if (j < s.size() && s[j] == '/') ++j;
        std::size_t k = j;
        while (k < s.size() && std::isalnum(static_cast<unsigned char>(s[k]))) ++k;
        std::string name(s.substr(j, k - j));
        for (auto& c : name) c = lower(c);
        bool known = false;
        for (const char* t : tags) known = known || name == t;
        if (known && k < s.size() && (s.compare(k, 4, "&gt;") == 0 || s[k] == ' ' || s[k] == '/')) return true;
    }
    return false;
}

}  // namespace

std::string decode_html_entities(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    std::size_t i = 0;
    while (i < s.size()) {
        const auto amp = s.find('&', i);
        if (amp == std::string_view::npos) {
            out.append(s.substr(i));
            break;
        }
        out.append(s.substr(i, amp - i));
        const std::size_t len = decode_reference_at(s, amp, out);
        if (len) {
            i = amp + len;
        } else {
            out += '&';
            i = amp + 1;
        }
    }
    return out;
}

std::string plain_text(std::string_view s) {
    // Most titles and names are clean already: one look, no copies but the result.
    bool clean = !s.empty() && s.front() != ' ' && s.back() != ' ';
    for (std::size_t i = 0; clean && i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        clean = c >= 0x20 && c != 0x7f && c != '&' && c != 0xC2 && c != 0xE2 && c != 0xEF &&
                !(c == ' ' && i + 1 < s.size() && s[i + 1] == ' ');
    }
    if (clean) return std::string(s);
    std::string t = clean_collapse(decode_html_entities(s));
    trim_front(t);
    trim_back(t);
    return t;
}

model::Text text_from_fragment(std::string_view fragment, const model::SourceLocation& where, FragmentSyntax syntax) {
    std::string unescaped;
    if (syntax == FragmentSyntax::Auto && !has_any_tag(fragment) && looks_escaped_twice(fragment)) {
        unescaped = decode_html_entities(fragment);
        fragment = unescaped;
    }
    if (syntax == FragmentSyntax::Auto) syntax = has_block_tag(fragment) ? FragmentSyntax::Html : FragmentSyntax::Markdown;
    model::Text t;
    t.blocks = syntax == FragmentSyntax::Html ? parse_html(fragment, where) : parse_markdown(fragment, where);
    return t;
}

}  // namespace booklet::read
