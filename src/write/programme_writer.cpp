#include "write/programme_writer.hpp"

#include <algorithm>
#include <cstring>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "locale/language.hpp"
#include "read/formats.hpp"

namespace booklet::write {

using model::Block;
using model::Inline;
using model::Item;
using model::ItemKind;

namespace {

constexpr int kDay = 24 * 60;
constexpr int kLastMinute = 2 * kDay - 1;  // 47:59: the night after a day
constexpr int kMaxListDepth = 8;

bool is_blank(std::string_view s) {
    for (char c : s)
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
    return true;
}

// The XSD's time zone pattern: [A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9][A-Za-z0-9_+\-]*)*
bool is_time_zone_name(std::string_view s) {
    if (s.empty()) return false;
    bool segment_start = true;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const bool alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        const bool digit = c >= '0' && c <= '9';
        if (c == '/') {
            if (segment_start) return false;
            segment_start = true;
            continue;
        }
        if (segment_start) {
            if (!(alpha || (digit && i > 0))) return false;
            segment_start = false;
            continue;
        }
        if (!(alpha || digit || c == '_' || c == '+' || c == '-')) return false;
    }
    return !segment_start;
}

// The XSD's logo pattern: [^/\\\s].*\.(png|jpe?g), any case.
bool is_image_path(std::string_view s) {
    if (s.empty() || s[0] == '/' || s[0] == '\\' || s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r') return false;
    std::string lower(s);
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* ext : {".png", ".jpg", ".jpeg"}) {
        const std::size_t n = std::strlen(ext);
        if (lower.size() > n && lower.compare(lower.size() - n, n, ext) == 0) return true;
    }
    return false;
}

// Text as XML character data: markup characters escaped; characters XML 1.0
// cannot hold (C0 controls but tab, newline, CR; U+FFFE, U+FFFF) become spaces.
std::string escape(std::string_view s, bool attribute) {
    std::string out;
    out.reserve(s.size() + 8);
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c == '"' && attribute) out += "&quot;";
        else if (c < 0x20 && (attribute || (c != '\t' && c != '\n' && c != '\r'))) out += ' ';
        else if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
                 (static_cast<unsigned char>(s[i + 2]) == 0xBE || static_cast<unsigned char>(s[i + 2]) == 0xBF)) {
            out += ' ';
            i += 2;
        } else out += static_cast<char>(c);
    }
    return out;
}

// A comment's text may not hold "--" nor end with "-".
std::string comment_text(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '-' && !out.empty() && out.back() == '-') out += ' ';
        out += c == '\n' || c == '\r' ? ' ' : c;
    }
    if (!out.empty() && out.back() == '-') out += ' ';
    return out;
}

class Writer {
public:
    Writer(model::Diagnostics& diags) : d_(diags) {}

    std::optional<std::string> write(const model::Programme& p, const WriteOptions& options);

private:
    void line(const std::string& s) {
        out_.append(static_cast<std::size_t>(depth_) * 2, ' ');
        out_ += s;
        out_ += '\n';
    }
    void open(const std::string& s) {
        line(s);
        ++depth_;
    }
    void close(const std::string& s) {
        --depth_;
        line(s);
    }
    void text_element(const char* name, const std::string& value) {
        if (!is_blank(value)) line(std::string("<") + name + ">" + escape(value, false) + "</" + name + ">");
    }
    static std::string attr(const char* name, const std::string& value) {
        return std::string(" ") + name + "=\"" + escape(value, true) + "\"";
    }
    // lang="…" for an item, whose language must be a tag written the
    // canonical way ("de-CH"), as the reader gives it.
    std::string lang_attr(const model::Item& item) {
        if (locale::canonical_language_tag(item.lang) != item.lang)
            error(item.where, "cannot write the language '" + item.lang + "': not a language tag");
        return attr("lang", item.lang);
    }
    void error(const model::SourceLocation& w, std::string m) {
        d_.error(w, std::move(m));
        failed_ = true;
    }
    void warning(const model::SourceLocation& w, std::string m) { d_.warning(w, std::move(m)); }
    std::string required(const std::string& value, const std::string& placeholder, const model::SourceLocation& w,
                         const std::string& what) {
        if (!is_blank(value)) return value;
        warning(w, what + " is empty: '" + placeholder + "' written, to edit");
        return placeholder;
    }
    void check_id(const std::string& id, const model::SourceLocation& w, const char* what) {
        if (!read::is_item_id(id)) error(w, std::string("cannot write ") + what + " id '" + id + "': not an id");
    }

    struct PlannedDay {
        model::Date date;
        std::optional<model::ClockTime> start, end;
        model::SourceLocation where;
        std::vector<std::pair<Item, std::string>> items;  // with the comment to write before each
    };
    std::vector<PlannedDay> plan_days(const model::Programme& p);
    std::string describe(const Item& item) const;
    void write_day(const PlannedDay& day);
    void write_item(const Item& item, bool in_session);
    void write_time(std::string& tag, const Item& item, bool optional);
    void write_rich_text(const char* name, const model::Text& text, const model::SourceLocation& w);
    void write_blocks(const std::vector<Block>& blocks, bool top, int depth, const model::SourceLocation& w);
    std::string inlines(const std::vector<Inline>& in, const model::SourceLocation& w);
    void refs(const char* name, const std::vector<model::PersonRef>& refs);

    model::Diagnostics& d_;
    std::string out_;
    int depth_ = 0;
    bool failed_ = false;
    std::unordered_set<std::string> people_, rooms_, tracks_, item_ids_;
    std::unordered_map<std::string, model::SourceLocation> ids_seen_;
};

std::string Writer::describe(const Item& item) const {
    std::string s = model::kind_name(item.kind);
    if (!item.title.empty()) s += " «" + item.title + "»";
    else if (!item.id_derived) s += " '" + item.id + "'";
    return s;
}

// The days as the model has them: the format's times run to 47:59, so an
// item after midnight stays on the day that lists it ("25:30" is 01:30 the
// next morning), as the schedule.xml's day change says. Only an item that
// ends later still (a schedule.xml event of several days) is cut at 47:59,
// with a warning and a comment.
std::vector<Writer::PlannedDay> Writer::plan_days(const model::Programme& p) {
    std::vector<PlannedDay> out;
    auto cut = [&](Item& item) -> std::string {
        if (!item.time || item.time->end.minutes <= kLastMinute) return "";
        const std::string end = item.time->end.hhmm();
        item.time->end.minutes = kLastMinute;
        if (item.time->start.minutes >= kLastMinute) item.time->start.minutes = kLastMinute - 1;
        warning(item.where, describe(item) + " ends at " + end +
                                ", after the format's last minute (47:59, the night after its day): it ends at 47:59");
        return "ends at " + end + ", after the format's last minute: cut at 47:59";
    };
    for (const auto& day : p.days) {
        PlannedDay d;
        d.date = day.date;
        d.start = day.start;
        d.end = day.end;
        d.where = day.where;
        if (d.end && d.end->minutes > kLastMinute) d.end->minutes = kLastMinute;
        for (const auto& original : day.items) {
            Item item = original;
            std::string note = cut(item);
            for (auto& child : item.children) cut(child);
            d.items.emplace_back(std::move(item), std::move(note));
        }
        out.push_back(std::move(d));
    }
    return out;
}

void Writer::write_time(std::string& tag, const Item& item, bool optional) {
    if (!item.time) {
        if (!optional) error(item.where, "cannot write " + describe(item) + ": it has no time");
        return;
    }
    tag += attr("start", item.time->start.hhmm());
    tag += attr("end", item.time->end.hhmm());
    if (item.may_overlap) tag += attr("overlap", "allowed");
}

void Writer::refs(const char* name, const std::vector<model::PersonRef>& refs) {
    for (const auto& r : refs) {
        if (!people_.count(r.id)) error(r.where, "cannot write a <" + std::string(name) + "> to unknown person '" + r.id + "'");
        line(std::string("<") + name + attr("ref", r.id) + "/>");
    }
}

std::string Writer::inlines(const std::vector<Inline>& in, const model::SourceLocation& w) {
    std::string s;
    for (std::size_t i = 0; i < in.size(); ++i) {
        const Inline& x = in[i];
        std::string open, close;
        if (!x.href.empty()) {
            if (read::is_link(x.href)) {
                open += "<a" + attr("href", x.href) + ">";
                close = "</a>" + close;
            } else {
                warning(w, "link to '" + x.href + "' is neither http(s) nor mailto: its text is written without it");
            }
        }
        if (x.strong) {
            open += "<strong>";
            close = "</strong>" + close;
        }
        if (x.emphasis) {
            open += "<em>";
            close = "</em>" + close;
        }
        if (x.code) {
            open += "<code>";
            close = "</code>" + close;
        }
        if (!x.text.empty() && is_blank(x.text)) {
            // tinyxml2 drops a text node of white space alone, even when it
            // preserves white space: "<em>a</em> <em>b</em>" would lose its
            // space. A character reference keeps it.
            s += open;
            for (std::size_t k = 0; k < x.text.size(); ++k) s += "&#32;";
            s += close;
        } else {
            s += open + escape(x.text, false) + close;
        }
    }
    return s;
}

void Writer::write_blocks(const std::vector<Block>& blocks, bool top, int depth, const model::SourceLocation& w) {
    for (const auto& b : blocks) {
        switch (b.kind) {
            case Block::Kind::Heading:
                if (top) {
                    if (!b.inlines.empty()) line("<h>" + inlines(b.inlines, b.where.known() ? b.where : w) + "</h>");
                    break;
                }
                [[fallthrough]];
            case Block::Kind::Paragraph:
                if (!b.inlines.empty()) line("<p>" + inlines(b.inlines, b.where.known() ? b.where : w) + "</p>");
                break;
            case Block::Kind::Code: {
                // Its lines as they are: no indentation added inside.
                std::string text;
                for (std::size_t k = 0; k < b.lines.size(); ++k) text += (k ? "\n" : "") + b.lines[k];
                if (!b.lines.empty()) line("<pre>" + escape(text, false) + "</pre>");
                break;
            }
            case Block::Kind::List: {
                if (depth >= kMaxListDepth) {
                    error(b.where.known() ? b.where : w, "cannot write lists nested more than 8 levels deep");
                    break;
                }
                std::vector<const std::vector<Block>*> items;
                for (const auto& item : b.items) {
                    bool content = false;
                    for (const auto& ib : item)
                        content = content || !ib.inlines.empty() || !ib.items.empty() || !ib.lines.empty();
                    if (content) items.push_back(&item);
                }
                if (items.empty()) break;
                const char* tag = b.ordered ? "ol" : "ul";
                open(std::string("<") + tag + ">");
                for (const auto* item : items) {
                    if (item->size() == 1 && (*item)[0].kind != Block::Kind::List &&
                        (*item)[0].kind != Block::Kind::Code) {
                        line("<li>" + inlines((*item)[0].inlines, (*item)[0].where.known() ? (*item)[0].where : w) + "</li>");
                    } else {
                        open("<li>");
                        write_blocks(*item, false, depth + 1, w);
                        close("</li>");
                    }
                }
                close(std::string("</") + tag + ">");
                break;
            }
        }
    }
}

void Writer::write_rich_text(const char* name, const model::Text& text, const model::SourceLocation& w) {
    bool content = false;
    for (const auto& b : text.blocks) content = content || !b.inlines.empty() || !b.items.empty() || !b.lines.empty();
    if (!content) return;
    open(std::string("<") + name + ">");
    write_blocks(text.blocks, true, 0, w);
    close(std::string("</") + name + ">");
}

void Writer::write_item(const Item& item, bool in_session) {
    if (!item.id_derived || item.kind == ItemKind::Talk) {
        check_id(item.id, item.where, "item");
        auto [it, fresh] = ids_seen_.emplace(item.id, item.where);
        if (!fresh) error(item.where, "cannot write two items with the id '" + item.id + "'");
    }
    if (!item.room.empty() && !rooms_.count(item.room))
        error(item.where, "cannot write " + describe(item) + ": unknown room '" + item.room + "'");
    const bool id = !item.id_derived || item.kind == ItemKind::Talk;
    std::vector<std::string> dropped;
    auto drop_if = [&](bool present, const char* what) {
        if (present) dropped.push_back(what);
    };

    if (item.kind == ItemKind::Talk) {
        std::string tag = "<talk" + attr("id", item.id);
        write_time(tag, item, in_session);
        if (!item.room.empty()) tag += attr("room", item.room);
        if (!item.track.empty()) {
            if (!tracks_.count(item.track)) error(item.where, "cannot write " + describe(item) + ": unknown track '" + item.track + "'");
            tag += attr("track", item.track);
        }
        if (!item.lang.empty()) tag += lang_attr(item);
        if (!item.href.empty()) {
            if (read::is_http_url(item.href)) tag += attr("href", item.href);
            else drop_if(true, "link");
        }
        drop_if(!item.chairs.empty(), "chairs");
        drop_if(item.guests_to_be_confirmed, "guests");
        open(tag + ">");
        line("<title>" + escape(required(item.title, "[title]", item.where, describe(item) + "'s title"), false) + "</title>");
        text_element("subtitle", item.subtitle);
        if (item.speakers.empty()) error(item.where, "cannot write " + describe(item) + ": a talk needs a speaker");
        refs("speaker", item.speakers);
        write_rich_text("abstract", item.abstract, item.where);
        std::vector<std::string> keywords;
        for (const auto& k : item.keywords)
            if (!is_blank(k)) keywords.push_back(k);
        if (!keywords.empty()) {
            open("<keywords>");
            for (const auto& k : keywords) line("<keyword>" + escape(k, false) + "</keyword>");
            close("</keywords>");
        }
        close("</talk>");
    } else if (model::is_container(item.kind)) {
        std::string tag = "<session";
        if (id) tag += attr("id", item.id);
        if (item.kind != ItemKind::Session) tag += attr("kind", model::kind_name(item.kind));
        write_time(tag, item, false);
        if (!item.room.empty()) tag += attr("room", item.room);
        if (!item.track.empty()) {
            if (!tracks_.count(item.track)) error(item.where, "cannot write " + describe(item) + ": unknown track '" + item.track + "'");
            tag += attr("track", item.track);
        }
        if (!item.lang.empty()) tag += lang_attr(item);
        drop_if(!item.href.empty(), "link");
        drop_if(!item.speakers.empty(), "speakers");
        drop_if(!item.abstract.empty(), "abstract");
        drop_if(!item.keywords.empty(), "keywords");
        open(tag + ">");
        line("<title>" + escape(required(item.title, "[title]", item.where, describe(item) + "'s title"), false) + "</title>");
        text_element("subtitle", item.subtitle);
        refs("chair", item.chairs);
        for (const auto& child : item.children) {
            if (child.kind != ItemKind::Talk) {
                error(child.where, "cannot write " + describe(child) + " inside a session: only talks go there");
                continue;
            }
            write_item(child, true);
        }
        close("</session>");
    } else if (item.kind == ItemKind::Break || item.kind == ItemKind::Meal) {
        const char* name = item.kind == ItemKind::Break ? "break" : "meal";
        std::string tag = std::string("<") + name;
        if (id) tag += attr("id", item.id);
        write_time(tag, item, false);
        if (!item.room.empty()) tag += attr("room", item.room);
        drop_if(!item.subtitle.empty(), "subtitle");
        drop_if(!item.speakers.empty(), "speakers");
        drop_if(!item.abstract.empty(), "abstract");
        drop_if(!item.track.empty(), "track");
        drop_if(!item.lang.empty(), "language");
        drop_if(!item.href.empty(), "link");
        drop_if(!item.keywords.empty(), "keywords");
        if (is_blank(item.title)) {
            line(tag + "/>");
        } else {
            open(tag + ">");
            line("<title>" + escape(item.title, false) + "</title>");
            close(std::string("</") + name + ">");
        }
    } else {  // welcome, opening, closing, roundtable, other
        std::string tag = "<event";
        if (id) tag += attr("id", item.id);
        tag += attr("kind", model::kind_name(item.kind));
        write_time(tag, item, false);
        if (!item.room.empty()) tag += attr("room", item.room);
        if (!item.lang.empty()) tag += lang_attr(item);
        if (!item.href.empty()) {
            if (read::is_http_url(item.href)) tag += attr("href", item.href);
            else drop_if(true, "link");
        }
        drop_if(!item.track.empty(), "track");
        drop_if(!item.keywords.empty(), "keywords");
        drop_if(!item.chairs.empty(), "chairs");
        open(tag + ">");
        line("<title>" + escape(required(item.title, "[title]", item.where, describe(item) + "'s title"), false) + "</title>");
        text_element("subtitle", item.subtitle);
        refs("speaker", item.speakers);
        if (item.guests_to_be_confirmed) line("<guests" + attr("confirmed", "false") + "/>");
        write_rich_text("abstract", item.abstract, item.where);
        close("</event>");
    }
    if (!dropped.empty()) {
        std::string list;
        for (std::size_t k = 0; k < dropped.size(); ++k)
            list += (k == 0 ? "" : k + 1 == dropped.size() ? " and " : ", ") + dropped[k];
        warning(item.where, describe(item) + ": the format has no place for its " + list + ", left out");
    }
}

void Writer::write_day(const PlannedDay& day) {
    std::string tag = "<day" + attr("date", day.date.iso());
    if (!day.date.valid()) error(day.where, "cannot write a day with the invalid date '" + day.date.iso() + "'");
    if (day.start) tag += attr("start", day.start->hhmm());
    if (day.end) tag += attr("end", day.end->hhmm());
    if (day.items.empty()) {
        line(tag + "/>");
        return;
    }
    open(tag + ">");
    for (const auto& [item, note] : day.items) {
        if (!note.empty()) line("<!-- " + comment_text(note) + " -->");
        write_item(item, false);
    }
    close("</day>");
}

std::optional<std::string> Writer::write(const model::Programme& p, const WriteOptions& options) {
    const model::SourceLocation& w = p.where;
    if (!read::is_programme_id(p.id)) error(w, "cannot write the programme id '" + p.id + "': use lowercase letters, digits and '-'");
    if (locale::canonical_language_tag(p.lang) != p.lang)
        error(w, "cannot write the language '" + p.lang + "': not a language tag");
    if (!is_time_zone_name(p.timezone))
        error(p.timezone_where.known() ? p.timezone_where : w, "cannot write the time zone '" + p.timezone + "'");
    for (const auto& x : p.people) people_.insert(x.id);
    for (const auto& x : p.rooms) rooms_.insert(x.id);
    for (const auto& x : p.tracks) tracks_.insert(x.id);

    out_ = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    if (!options.comment.empty()) out_ += "<!-- " + comment_text(options.comment) + " -->\n";
    std::string root = "<programme" + attr("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance") +
                       attr("xsi:noNamespaceSchemaLocation", "programme.xsd") + attr("id", p.id) + attr("lang", p.lang) +
                       attr("timezone", p.timezone);
    if (p.revision != 0) root += attr("revision", std::to_string(p.revision));
    open(root + ">");
    line("<title>" + escape(required(p.title, "[title]", w, "the programme's title"), false) + "</title>");
    text_element("subtitle", p.subtitle);

    open("<venue>");
    line("<name>" + escape(required(p.venue.name, is_blank(p.title) ? "[venue]" : p.title,
                                    p.venue.where.known() ? p.venue.where : w, "the venue's name"),
                           false) +
         "</name>");
    text_element("street", p.venue.street);
    text_element("postcode", p.venue.postcode);
    text_element("city", p.venue.city);
    text_element("country", p.venue.country);
    close("</venue>");

    auto named = [&](const char* list, const char* name, const auto& things, const char* what) {
        if (things.empty()) return;
        std::unordered_map<std::string, model::SourceLocation> seen;
        open(std::string("<") + list + ">");
        for (const auto& x : things) {
            check_id(x.id, x.where, what);
            if (auto [it, fresh] = seen.emplace(x.id, x.where); !fresh)
                error(x.where, std::string("cannot write two ") + what + "s with the id '" + x.id + "'");
            line(std::string("<") + name + attr("id", x.id) + ">" +
                 escape(required(x.name, x.id, x.where, std::string("the name of ") + what + " '" + x.id + "'"), false) +
                 "</" + name + ">");
        }
        close(std::string("</") + list + ">");
    };
    named("rooms", "room", p.rooms, "room");
    if (!is_blank(p.capacity_note)) {
        std::string tag = "<capacity";
        if (p.capacity && *p.capacity > 0) tag += attr("limit", std::to_string(*p.capacity));
        line(tag + ">" + escape(p.capacity_note, false) + "</capacity>");
    } else if (p.capacity) {
        warning(w, "the capacity limit has no note to print: left out");
    }
    auto href_element = [&](const char* name, const std::string& url) {
        if (url.empty()) return;
        if (read::is_http_url(url)) line(std::string("<") + name + attr("href", url) + "/>");
        else warning(w, std::string("the ") + name + " address '" + url + "' is not an http(s) URL: left out");
    };
    href_element("registration", p.registration_url);
    href_element("website", p.website_url);
    named("tracks", "track", p.tracks, "track");

    if (!p.organisers.empty()) {
        open("<organisers>");
        for (const auto& o : p.organisers) {
            std::string tag = "<organisation";
            if (!o.logo.empty()) {
                if (is_image_path(o.logo)) tag += attr("logo", o.logo);
                else warning(o.where, "logo '" + o.logo + "' is not a relative PNG or JPEG path: left out");
            }
            if (!o.href.empty()) {
                if (read::is_http_url(o.href)) tag += attr("href", o.href);
                else warning(o.where, "organisation address '" + o.href + "' is not an http(s) URL: left out");
            }
            line(tag + ">" + escape(required(o.name, "[organisation]", o.where, "an organisation's name"), false) +
                 "</organisation>");
        }
        close("</organisers>");
    }

    if (!p.people.empty()) {
        std::unordered_map<std::string, model::SourceLocation> seen;
        open("<people>");
        for (const auto& person : p.people) {
            check_id(person.id, person.where, "person");
            if (auto [it, fresh] = seen.emplace(person.id, person.where); !fresh)
                error(person.where, "cannot write two persons with the id '" + person.id + "'");
            open("<person" + attr("id", person.id) + ">");
            std::string given = person.given, family = person.family;
            if (is_blank(family)) {
                family = required(given, person.id, person.where, "the family name of person '" + person.id + "'");
                given.clear();
            }
            text_element("given", given);
            line("<family>" + escape(family, false) + "</family>");
            text_element("role", person.role);
            for (const auto& a : person.affiliations) text_element("affiliation", a);
            if (!person.email.empty()) {
                if (read::is_email(person.email)) text_element("email", person.email);
                else warning(person.where, "e-mail address '" + person.email + "' left out: not an address");
            }
            if (!person.url.empty()) {
                if (read::is_http_url(person.url)) text_element("url", person.url);
                else warning(person.where, "address '" + person.url + "' left out: not an http(s) URL");
            }
            write_rich_text("biography", person.biography, person.where);
            close("</person>");
        }
        close("</people>");
    }
    if (!p.committee.empty()) {
        open("<committee>");
        refs("member", p.committee);
        close("</committee>");
    }
    if (!p.contacts.empty()) {
        open("<contacts>");
        for (const auto& c : p.contacts) {
            if (!people_.count(c.ref)) error(c.where, "cannot write a contact to unknown person '" + c.ref + "'");
            std::string tag = "<contact" + attr("ref", c.ref);
            if (!c.email.empty()) tag += attr("email", c.email);
            line(tag + "/>");
        }
        close("</contacts>");
    }
    write_rich_text("introduction", p.introduction, w);

    const auto days = plan_days(p);
    if (days.empty()) error(w, "cannot write a programme without days");
    for (const auto& day : days) write_day(day);
    close("</programme>");
    if (failed_) return std::nullopt;
    return std::move(out_);
}

}  // namespace

std::optional<std::string> write_programme(const model::Programme& programme, model::Diagnostics& diags,
                                           const WriteOptions& options) {
    Writer writer(diags);
    return writer.write(programme, options);
}

}  // namespace booklet::write
