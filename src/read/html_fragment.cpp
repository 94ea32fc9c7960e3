#include "read/html_fragment.hpp"

#include <cmark.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <memory>

#include "read/formats.hpp"

// Who does what: cmark (CommonMark) parses Markdown and libxml2's HTML
// parser parses HTML, character references and all; this file walks the
// trees they build and maps them to the model's canonical form. What stays
// hand-written is glue neither library offers: telling HTML from Markdown,
// the one tag an inline-HTML node of cmark holds, references in text that
// no parser sees (titles, names, markup escaped twice), scheme-less
// "www." links, and the model's limits (list depth, link schemes, control
// characters, white space).

namespace booklet::read {

using model::Block;
using model::Inline;

namespace {

constexpr int kMaxListDepth = 8;  // the programme reader's limit
constexpr int kTabStop = 4;       // tabs in code blocks, as CommonMark counts them

// ---- characters ---------------------------------------------------------------

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
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

// Windows-1252 for the numeric references 0x80–0x9F, as the HTML standard says.
std::uint32_t windows_1252(std::uint32_t cp) {
    static const std::uint32_t map[32] = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                          0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                          0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                          0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
    return map[cp - 0x80];
}

// A reference at s[i] == '&': appends its text and returns the bytes it
// spans, or 0 when it is not one (the '&' is then literal). Named
// references are libxml2's HTML 4 table (with &apos;).
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
    const std::string name(body);
    const htmlEntityDesc* e = htmlEntityLookup(reinterpret_cast<const xmlChar*>(name.c_str()));
    if (!e) return 0;
    append_utf8(out, e->value);
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

// ---- inline spans ---------------------------------------------------------------

bool same_style(const Inline& a, const Inline& b) {
    return a.emphasis == b.emphasis && a.strong == b.strong && a.code == b.code && a.href == b.href;
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
// "www." and a domain of at least two more labels, the last of letters
// ("www.x.org", "www.x.org/path"): the length of the address at s[0], or 0.
std::size_t www_address(std::string_view s) {
    if (s.size() < 8 || (s.compare(0, 4, "www.") != 0 && s.compare(0, 4, "WWW.") != 0)) return 0;
    std::size_t i = 4;
    int labels = 0;
    std::size_t last_label = 0;
    bool last_alpha = false;
    for (;;) {
        const std::size_t from = i;
        bool alpha = true;
        while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '-')) {
            alpha = alpha && std::isalpha(static_cast<unsigned char>(s[i]));
            ++i;
        }
        if (i == from || s[from] == '-' || s[i - 1] == '-') return 0;
        ++labels;
        last_label = i - from;
        last_alpha = alpha;
        if (i + 1 < s.size() && s[i] == '.' && std::isalnum(static_cast<unsigned char>(s[i + 1]))) {
            ++i;
            continue;
        }
        break;
    }
    if (labels < 2 || !last_alpha || last_label < 2) return 0;
    if (i < s.size() && (s[i] == '/' || s[i] == ':' || s[i] == '?' || s[i] == '#')) {
        while (i < s.size() && !is_space(s[i]) && s[i] != '<' && s[i] != '>' && s[i] != '"') ++i;
    } else if (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_' || s[i] == '@')) {
        return 0;  // "www.x.org_y", "www.a.b@c": not an address
    }
    return i;
}

// Bare http(s) addresses and "www." addresses in `text` become links (the
// latter to https://); the rest keeps `style`.
void split_bare_urls(std::string_view text, const Inline& style, std::vector<Inline>& out) {
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        const bool boundary = i == 0 || is_space(text[i - 1]) || std::strchr("([\"'<*_~", text[i - 1]) != nullptr;
        const bool http = c == 'h' && (text.compare(i, 7, "http://") == 0 || text.compare(i, 8, "https://") == 0);
        const bool www = (c == 'w' || c == 'W') && text.size() - i >= 4 && lower(text[i + 1]) == 'w' &&
                         lower(text[i + 2]) == 'w' && text[i + 3] == '.';
        if (!boundary || (!http && !www)) {
            ++i;
            continue;
        }
        std::size_t j = i;
        if (http) {
            while (j < text.size() && !is_space(text[j]) && text[j] != '<' && text[j] != '"') ++j;
        } else {
            j = i + www_address(text.substr(i));
            if (j == i) {
                ++i;
                continue;
            }
        }
        std::string_view url = text.substr(i, j - i);
        for (;;) {
            if (url.empty()) break;
            const char e = url.back();
            if (std::strchr(".,:;!?'*_~", e)) {
                url.remove_suffix(1);
            } else if (e == ')' && std::count(url.begin(), url.end(), '(') < std::count(url.begin(), url.end(), ')')) {
                url.remove_suffix(1);
            } else {
                break;
            }
        }
        const std::string href = http ? std::string(url) : "https://" + std::string(url);
        if (!is_http_url(href) || (www && www_address(url) == 0)) {
            i = j > i ? j : i + 1;
            continue;
        }
        if (i > start) {
            Inline before = style;
            before.text.assign(text.substr(start, i - start));
            out.push_back(std::move(before));
        }
        Inline link = style;
        link.text.assign(url);
        link.href = percent_encode_unsafe(href);
        out.push_back(std::move(link));
        start = i = i + url.size();
    }
    if (start < text.size()) {
        Inline rest = style;
        rest.text.assign(text.substr(start));
        out.push_back(std::move(rest));
    }
}

// ---- the model's blocks ------------------------------------------------------------

// Collects blocks and spans in the canonical form, whichever parser drives it.
class Builder {
public:
    explicit Builder(const model::SourceLocation& where) : where_(where) {}

    // Text in the current style. Adjacent pieces of one style are joined
    // before bare addresses are looked for (cmark splits text at '_' and
    // other delimiters that did not become emphasis).
    void add_text(std::string_view s) {
        if (s.empty() || raw_ > 0) return;
        const Inline st = style();
        if (!pending_.empty() && !same_style(pending_style_, st)) emit_pending();
        pending_style_ = st;
        pending_.append(s);
    }

    // HTML text: a blank line in it is a paragraph break, as authors who mix
    // tags with plain paragraphs mean it.
    void add_html_text(std::string_view s) {
        std::size_t from = 0;
        for (;;) {
            std::size_t nl = s.find('\n', from);
            std::size_t blank_end = std::string_view::npos;
            while (nl != std::string_view::npos) {
                std::size_t k = nl + 1;
                while (k < s.size() && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r')) ++k;
                if (k < s.size() && s[k] == '\n') {
                    blank_end = k + 1;
                    break;
                }
                nl = s.find('\n', nl + 1);
            }
            if (blank_end == std::string_view::npos) {
                add_text(s.substr(from));
                return;
            }
            add_text(s.substr(from, nl - from));
            flush();
            from = blank_end;
        }
    }

    void emphasis(bool open) { count(em_, open); }
    void strong(bool open) { count(strong_, open); }
    void code(bool open) { count(code_, open); }
    void raw(bool open) { count(raw_, open); }  // <script>, <style>: their text is dropped
    // A link to `href` when it is one booklet may hold, else the enclosing link (if any).
    void open_link(std::string_view href) {
        const auto url = percent_encode_unsafe(href);
        links_.push_back(is_link(url) ? url : current_href());
    }
    void close_link() {
        if (!links_.empty()) links_.pop_back();
    }

    void heading(bool on) {
        flush();
        heading_ = on;
    }

    void open_list(bool ordered) {
        flush();
        heading_ = false;
        if (static_cast<int>(lists_.size()) < kMaxListDepth) lists_.push_back({ordered, {}, false});
        else ++too_deep_;  // its items join the enclosing list
    }
    void close_list() {
        flush();
        if (too_deep_ > 0) {
            --too_deep_;
            return;
        }
        if (lists_.empty()) return;
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
    void open_item() {
        flush();
        heading_ = false;
        if (lists_.empty()) lists_.push_back({false, {}, false});
        lists_.back().items.emplace_back();
        lists_.back().open_item = true;
    }
    void close_item() {
        flush();
        if (!lists_.empty()) lists_.back().open_item = false;
    }

    void code_block(std::string_view code) {
        flush();
        auto lines = preformatted_lines(code);
        if (lines.empty()) return;
        Block b;
        b.kind = Block::Kind::Code;
        b.where = where_;
        b.lines = std::move(lines);
        target().push_back(std::move(b));
    }

    // Ends the paragraph (or heading) being collected.
    void flush() {
        emit_pending();
        auto inlines = normalise(std::move(para_));
        para_.clear();
        if (inlines.empty()) return;
        Block b;
        b.where = where_;
        b.inlines = std::move(inlines);
        if (heading_ && lists_.empty()) b.kind = Block::Kind::Heading;
        target().push_back(std::move(b));
    }

    std::vector<Block> finish() {
        flush();
        too_deep_ = 0;
        while (!lists_.empty()) close_list();
        return std::move(root_);
    }

private:
    struct List {
        bool ordered = false;
        std::vector<std::vector<Block>> items;
        bool open_item = false;
    };

    static void count(int& n, bool open) { n = open ? n + 1 : std::max(0, n - 1); }

    const std::string& current_href() const {
        static const std::string none;
        return links_.empty() ? none : links_.back();
    }

    Inline style() const {
        Inline in;
        in.emphasis = em_ > 0;
        in.strong = strong_ > 0;
        in.code = code_ > 0;
        in.href = current_href();
        return in;
    }

    void emit_pending() {
        if (pending_.empty()) return;
        if (pending_style_.href.empty() && !pending_style_.code) {
            split_bare_urls(pending_, pending_style_, para_);
        } else {
            Inline in = pending_style_;
            in.text = std::move(pending_);
            para_.push_back(std::move(in));
        }
        pending_.clear();
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

    model::SourceLocation where_;
    std::vector<Block> root_;
    std::vector<List> lists_;
    std::vector<Inline> para_;
    std::string pending_;
    Inline pending_style_;
    bool heading_ = false;
    int em_ = 0, strong_ = 0, code_ = 0, raw_ = 0;
    int too_deep_ = 0;
    std::vector<std::string> links_;
};

// ---- HTML (libxml2) -----------------------------------------------------------------

// What libxml2 is given. Glue for three things it does otherwise than
// browsers: the numeric references 0x80–0x9F are Windows-1252 (libxml2
// makes them C1 controls), C0 controls are white space (libxml2 drops
// them, gluing words), and tags with a prefix ("<o:p>" from Word) are
// dropped (libxml2 drops the prefix, and <o:p> would become a paragraph).
std::string prepare_html(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == '&' && i + 1 < s.size() && s[i + 1] == '#') {
            const std::size_t semi = s.find(';', i + 2);
            if (semi != std::string_view::npos && semi < i + 12) {
                const auto number = numeric_reference(s.substr(i + 1, semi - i - 1), true);
                if (number && *number >= 0x80 && *number <= 0x9F) {
                    if (const auto cp = windows_1252(*number)) append_utf8(out, cp);
                    i = semi + 1;
                    continue;
                }
            }
        } else if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
            out += ' ';
            ++i;
            continue;
        } else if (c == '<') {
            TagToken t;
            if (scan_tag(s, i, t) && t.name.find(':') != std::string::npos) {
                i += t.length;
                continue;
            }
        }
        out += s[i++];
    }
    return out;
}


struct XmlDocFree {
    void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using XmlDoc = std::unique_ptr<xmlDoc, XmlDocFree>;

std::string name_of(const xmlNode* n) {
    std::string s = n->name ? reinterpret_cast<const char*>(n->name) : "";
    for (auto& c : s) c = lower(c);
    return s;
}

// An attribute's value (libxml2 gives HTML attribute names in lowercase).
std::string attribute(const xmlNode* n, std::string_view name) {
    for (const xmlAttr* a = n->properties; a; a = a->next) {
        if (!a->name || name != reinterpret_cast<const char*>(a->name)) continue;
        std::string v;
        for (const xmlNode* t = a->children; t; t = t->next)
            if (t->content) v += reinterpret_cast<const char*>(t->content);
        return v;
    }
    return {};
}

// The next node of a depth-first walk that does not enter `n`'s children,
// calling `leave` for every element it closes on the way up; nullptr at the end.
template <typename Leave>
const xmlNode* next_after(const xmlNode* n, const xmlNode* top, Leave&& leave) {
    while (n && n != top) {
        if (n->next) return n->next;
        n = n->parent;
        if (n && n != top && n->type == XML_ELEMENT_NODE) leave(n);
    }
    return nullptr;
}

// The text of a <pre>: its lines as written, <br> as a line break, the
// text of <script> and <style> left out.
std::string preformatted_text(const xmlNode* pre) {
    std::string s;
    const xmlNode* n = pre->children;
    while (n) {
        bool enter = false;
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content) s += reinterpret_cast<const char*>(n->content);
        } else if (n->type == XML_ELEMENT_NODE) {
            const std::string name = name_of(n);
            if (name == "br") s += '\n';
            else if (!is_raw_text_tag(name)) enter = n->children != nullptr;
        }
        n = enter ? n->children : next_after(n, pre, [](const xmlNode*) {});
    }
    return s;
}

void start_element(Builder& b, const xmlNode* n, const std::string& name) {
    if (is_emphasis_tag(name)) b.emphasis(true);
    else if (is_strong_tag(name)) b.strong(true);
    else if (name == "code" || name == "kbd" || name == "samp" || name == "tt") b.code(true);
    else if (name == "a") b.open_link(attribute(n, "href"));
    else if (name == "br") b.flush();
    else if (is_heading_tag(name)) b.heading(true);
    else if (name == "ul" || name == "ol") b.open_list(name == "ol");
    else if (name == "li") b.open_item();
    else if (name == "td" || name == "th") b.add_text(" ");
    else if (is_block_tag(name)) b.heading(false);
    // Every other element is dropped; its text stays.
}

void end_element(Builder& b, const std::string& name) {
    if (is_emphasis_tag(name)) b.emphasis(false);
    else if (is_strong_tag(name)) b.strong(false);
    else if (name == "code" || name == "kbd" || name == "samp" || name == "tt") b.code(false);
    else if (name == "a") b.close_link();
    else if (is_heading_tag(name)) b.heading(false);
    else if (name == "ul" || name == "ol") b.close_list();
    else if (name == "li") b.close_item();
    else if (is_block_tag(name)) b.flush();
}

// Parses `s` with libxml2's HTML parser (no network, nothing loaded, errors
// kept quiet: a fragment is rarely valid HTML) and walks the tree into `b`,
// without recursion, however deep the tree. Not HTML_PARSE_NOBLANKS: the
// space in "<em>a</em> <em>b</em>" is text. Not HTML_PARSE_NOIMPLIED:
// without the implied <body>, libxml2 2.9 puts what follows a closed list
// inside it.
void walk_html(std::string_view s, Builder& b) {
    if (s.empty()) return;
    const std::string input = prepare_html(s);
    if (input.size() > static_cast<std::size_t>(INT32_MAX)) return;
    XmlDoc doc(htmlReadMemory(input.data(), static_cast<int>(input.size()), nullptr, "UTF-8",
                              HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_COMPACT));
    if (!doc) return;
    const xmlNode* top = reinterpret_cast<const xmlNode*>(doc.get());
    const xmlNode* n = doc->children;
    auto leave = [&](const xmlNode* e) { end_element(b, name_of(e)); };
    while (n) {
        bool enter = false;
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content) b.add_html_text(reinterpret_cast<const char*>(n->content));
        } else if (n->type == XML_ELEMENT_NODE) {
            const std::string name = name_of(n);
            if (name == "pre" || name == "listing" || name == "xmp" || name == "plaintext") {
                b.code_block(preformatted_text(n));
            } else if (!is_raw_text_tag(name)) {
                start_element(b, n, name);
                enter = n->children != nullptr;
                if (!enter) end_element(b, name);
            }
        }
        n = enter ? n->children : next_after(n, top, leave);
    }
}

std::vector<Block> parse_html(std::string_view s, const model::SourceLocation& where) {
    Builder b(where);
    walk_html(s, b);
    return b.finish();
}

// ---- Markdown (cmark) ---------------------------------------------------------------

struct CmarkNodeFree {
    void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct CmarkIterFree {
    void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};

// One inline-HTML node of cmark (it holds a single tag, comment or
// declaration): the common tags give style, others are dropped.
void inline_html(Builder& b, std::string_view literal) {
    TagToken t;
    if (literal.empty() || literal[0] != '<' || !scan_tag(literal, 0, t)) return;  // a comment, a declaration
    const std::string& n = t.name;
    if (is_raw_text_tag(n)) {
        if (!t.self_closing) b.raw(!t.closing);
    } else if (n == "br") {
        b.flush();
    } else if (!t.self_closing) {
        if (is_emphasis_tag(n)) b.emphasis(!t.closing);
        else if (is_strong_tag(n)) b.strong(!t.closing);
        else if (n == "code" || n == "kbd" || n == "samp" || n == "tt") b.code(!t.closing);
        else if (n == "a" && t.closing) b.close_link();
        else if (n == "a") b.open_link(t.href);
    }
}

std::vector<Block> parse_markdown(std::string_view s, const model::SourceLocation& where) {
    Builder b(where);
    std::unique_ptr<cmark_node, CmarkNodeFree> doc(cmark_parse_document(s.data(), s.size(), CMARK_OPT_VALIDATE_UTF8));
    if (!doc) return {};
    std::unique_ptr<cmark_iter, CmarkIterFree> it(cmark_iter_new(doc.get()));
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
        cmark_node* node = cmark_iter_get_node(it.get());
        const bool enter = ev == CMARK_EVENT_ENTER;
        const char* lit = cmark_node_get_literal(node);
        const std::string_view literal = lit ? lit : "";
        switch (cmark_node_get_type(node)) {
            case CMARK_NODE_HEADING: b.heading(enter); break;
            case CMARK_NODE_PARAGRAPH:
            case CMARK_NODE_BLOCK_QUOTE:
            case CMARK_NODE_THEMATIC_BREAK:
            case CMARK_NODE_LINEBREAK: b.flush(); break;  // a hard break ends the paragraph, as <br> does
            case CMARK_NODE_LIST:
                if (enter) b.open_list(cmark_node_get_list_type(node) == CMARK_ORDERED_LIST);
                else b.close_list();
                break;
            case CMARK_NODE_ITEM:
                if (enter) b.open_item();
                else b.close_item();
                break;
            case CMARK_NODE_CODE_BLOCK: b.code_block(literal); break;
            case CMARK_NODE_HTML_BLOCK:
                b.flush();
                walk_html(literal, b);
                b.flush();
                break;
            case CMARK_NODE_TEXT: b.add_text(literal); break;
            case CMARK_NODE_SOFTBREAK: b.add_text(" "); break;
            case CMARK_NODE_CODE:
                b.code(true);
                b.add_text(literal);
                b.code(false);
                break;
            case CMARK_NODE_HTML_INLINE: inline_html(b, literal); break;
            case CMARK_NODE_EMPH: b.emphasis(enter); break;
            case CMARK_NODE_STRONG: b.strong(enter); break;
            case CMARK_NODE_LINK:
                if (enter) {
                    const char* url = cmark_node_get_url(node);
                    b.open_link(url ? url : "");
                } else {
                    b.close_link();
                }
                break;
            case CMARK_NODE_IMAGE:
                // Images are left out: a booklet cannot show them here.
                if (enter) cmark_iter_reset(it.get(), node, CMARK_EVENT_EXIT);
                break;
            default: break;
        }
    }
    return b.finish();
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

std::vector<std::string> preformatted_lines(std::string_view code) {
    std::vector<std::string> lines(1);
    int col = 0;
    for (std::size_t i = 0; i < code.size(); ++i) {
        const auto c = static_cast<unsigned char>(code[i]);
        if (c == '\n' || (c == 0xE2 && i + 2 < code.size() && static_cast<unsigned char>(code[i + 1]) == 0x80 &&
                          (static_cast<unsigned char>(code[i + 2]) == 0xA8 ||
                           static_cast<unsigned char>(code[i + 2]) == 0xA9))) {
            if (c != '\n') i += 2;
            lines.emplace_back();
            col = 0;
            continue;
        }
        if (c == '\t') {
            const int next = col + kTabStop - col % kTabStop;
            lines.back().append(static_cast<std::size_t>(next - col), ' ');
            col = next;
            continue;
        }
        if (c < 0x20 || c == 0x7f) continue;  // CR and the other controls
        if (c == 0xC2 && i + 1 < code.size() && static_cast<unsigned char>(code[i + 1]) >= 0x80 &&
            static_cast<unsigned char>(code[i + 1]) <= 0x9f) {
            ++i;  // C1
            continue;
        }
        if (c == 0xEF && i + 2 < code.size() && static_cast<unsigned char>(code[i + 1]) == 0xBF &&
            (static_cast<unsigned char>(code[i + 2]) == 0xBE || static_cast<unsigned char>(code[i + 2]) == 0xBF)) {
            i += 2;
            continue;
        }
        lines.back() += static_cast<char>(c);
        if ((c & 0xC0) != 0x80) ++col;
    }
    for (auto& l : lines) trim_back(l);
    while (!lines.empty() && lines.back().empty()) lines.pop_back();
    std::size_t first = 0;
    while (first < lines.size() && lines[first].empty()) ++first;
    lines.erase(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(first));
    return lines;
}

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
