#include "read/programme_reader.hpp"

#include <tinyxml2.h>

#include <charconv>
#include <cstring>
#include <functional>
#include <initializer_list>
#include <map>
#include <set>

#include "locale/language.hpp"
#include "read/formats.hpp"
#include "read/html_fragment.hpp"
#include "read/xml_source.hpp"

namespace booklet::read {

using tinyxml2::XMLElement;
using tinyxml2::XMLNode;

namespace {

bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Collapses runs of XML white space to one space (trimming is the caller's).
std::string collapse(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool space = false;
    for (char c : s) {
        if (is_xml_space(c)) {
            space = true;
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    if (space) out += ' ';
    return out;
}

std::string trim(std::string s) {
    while (!s.empty() && s.back() == ' ') s.pop_back();
    std::size_t i = 0;
    while (i < s.size() && s[i] == ' ') ++i;
    return s.substr(i);
}

class Reader {
public:
    Reader(const XmlSource& src, model::Diagnostics& diags) : src_(src), d_(diags) {}

    model::Programme read_root(const XMLElement* root);

private:
    using Handler = std::function<void(const XMLElement*)>;

    model::SourceLocation at(const XMLElement* e) const { return src_.where(e); }
    model::SourceLocation at(const XMLElement* e, const char* a) const { return src_.where(e, a); }
    void error(const model::SourceLocation& w, std::string m) { d_.error(w, std::move(m)); }

    void attributes(const XMLElement* e, std::initializer_list<const char*> allowed,
                    std::initializer_list<const char*> required = {});
    // Dispatches element children to handlers; reports unknown elements,
    // stray text, and repeats of the elements listed in `once`.
    void children(const XMLElement* e, const std::map<std::string, Handler>& handlers,
                  std::initializer_list<const char*> once = {});
    void require_child(const XMLElement* e, const char* name);
    // The element's text, white space collapsed; `bare` elements may not have attributes.
    std::string text_of(const XMLElement* e, bool bare = true);
    std::string attr(const XMLElement* e, const char* name) {
        const char* v = e->Attribute(name);
        return v ? v : "";
    }

    std::string id_attr(const XMLElement* e, bool required);
    std::optional<model::ClockTime> time_attr(const XMLElement* e, const char* name);
    std::string href_attr(const XMLElement* e, const char* name, bool allow_mailto = false);
    std::string email_value(const XMLElement* e, const char* attribute, const std::string& value);
    model::PersonRef ref_attr(const XMLElement* e);
    std::string lang_attr(const XMLElement* e, bool required);

    model::Person read_person(const XMLElement* e);
    model::Venue read_venue(const XMLElement* e);
    model::Day read_day(const XMLElement* e);
    model::Item read_item(const XMLElement* e, model::ItemKind kind, bool in_session, const model::Day& day);
    void read_item_times(const XMLElement* e, model::Item& item, bool in_session);

    model::Text read_text(const XMLElement* e);
    std::vector<model::Block> read_blocks(const XMLElement* e, bool allow_headings);
    model::Block read_list(const XMLElement* e);
    std::vector<model::Inline> read_inlines(const XMLElement* e);
    void collect_inlines(const XMLElement* e, model::Inline style, std::vector<model::Inline>& out);

    const XmlSource& src_;
    model::Diagnostics& d_;
    int text_depth_ = 0;
};

void Reader::attributes(const XMLElement* e, std::initializer_list<const char*> allowed,
                        std::initializer_list<const char*> required) {
    for (auto* a = e->FirstAttribute(); a; a = a->Next()) {
        const std::string name = a->Name();
        bool ok = false;
        for (const char* x : allowed) ok = ok || name == x;
        if (!ok && e == src_.root() && (name.rfind("xmlns", 0) == 0 || name.rfind("xsi:", 0) == 0)) ok = true;
        if (!ok) error(at(e, a->Name()), "unknown attribute '" + name + "' on <" + e->Name() + ">");
    }
    for (const char* r : required)
        if (!e->Attribute(r)) error(at(e), "<" + std::string(e->Name()) + "> needs a '" + r + "' attribute");
}

void Reader::children(const XMLElement* e, const std::map<std::string, Handler>& handlers,
                      std::initializer_list<const char*> once) {
    std::set<std::string> seen;
    for (const XMLNode* n = e->FirstChild(); n; n = n->NextSibling()) {
        if (const auto* t = n->ToText()) {
            if (!trim(collapse(t->Value() ? t->Value() : "")).empty())
                error(at(e), "unexpected text inside <" + std::string(e->Name()) + ">");
            continue;
        }
        const auto* c = n->ToElement();
        if (!c) continue;  // comments, declarations
        const std::string name = c->Name();
        auto h = handlers.find(name);
        if (h == handlers.end()) {
            error(at(c), "unknown element <" + name + "> in <" + e->Name() + ">");
            continue;
        }
        for (const char* o : once) {
            if (name == o && !seen.insert(name).second) {
                error(at(c), "<" + name + "> appears more than once in <" + e->Name() + ">");
            }
        }
        h->second(c);
    }
}

void Reader::require_child(const XMLElement* e, const char* name) {
    if (!e->FirstChildElement(name))
        error(at(e), "<" + std::string(e->Name()) + "> needs a <" + name + "> element");
}

std::string Reader::text_of(const XMLElement* e, bool bare) {
    if (bare) attributes(e, {});
    std::string s;
    for (const XMLNode* n = e->FirstChild(); n; n = n->NextSibling()) {
        if (const auto* t = n->ToText()) s += t->Value() ? t->Value() : "";
        else if (const auto* c = n->ToElement())
            error(at(c), "<" + std::string(e->Name()) + "> holds plain text only, not <" + c->Name() + ">");
    }
    s = trim(collapse(s));
    if (has_control_characters(s)) error(at(e), "control character in <" + std::string(e->Name()) + ">");
    return s;
}

std::string Reader::id_attr(const XMLElement* e, bool required) {
    const char* v = e->Attribute("id");
    if (!v) {
        if (required) error(at(e), "<" + std::string(e->Name()) + "> needs an 'id' attribute");
        return "";
    }
    if (!is_item_id(v))
        error(at(e, "id"), "invalid id '" + std::string(v) +
                               "': use letters, digits, '-', '_' and '.', starting with a letter or digit");
    return v;
}

std::optional<model::ClockTime> Reader::time_attr(const XMLElement* e, const char* name) {
    const char* v = e->Attribute(name);
    if (!v) return std::nullopt;
    auto t = model::ClockTime::parse_day_time(v);
    if (!t)
        error(at(e, name), "invalid time '" + std::string(v) + "' in '" + name +
                               "': expected HH:MM from 00:00 to 47:59 (24:00 and later: after midnight)");
    return t;
}

std::string Reader::href_attr(const XMLElement* e, const char* name, bool allow_mailto) {
    const char* v = e->Attribute(name);
    if (!v) return "";
    const bool ok = allow_mailto ? is_link(v) : is_http_url(v);
    if (!ok)
        error(at(e, name), "invalid URL '" + std::string(v) + "': expected an absolute http:// or https:// address" +
                               (allow_mailto ? " or mailto:" : ""));
    return v;
}

std::string Reader::email_value(const XMLElement* e, const char* attribute, const std::string& value) {
    if (!is_email(value))
        error(attribute ? at(e, attribute) : at(e), "invalid e-mail address '" + value + "'");
    return value;
}

model::PersonRef Reader::ref_attr(const XMLElement* e) {
    attributes(e, {"ref"}, {"ref"});
    if (e->FirstChild()) error(at(e), "<" + std::string(e->Name()) + "> must be empty");
    return {attr(e, "ref"), at(e, "ref")};
}

std::string Reader::lang_attr(const XMLElement* e, bool required) {
    const char* v = e->Attribute("lang");
    if (!v) {
        if (required) error(at(e), "<" + std::string(e->Name()) + "> needs a 'lang' attribute (a language tag: fr, en, de-CH…)");
        return "";
    }
    const std::string s = v;
    if (s.find('_') != std::string::npos && !locale::canonical_language_tag(s).empty()) {
        error(at(e, "lang"), "'" + s + "' is not a language tag: write " + locale::canonical_language_tag(s));
        return s;
    }
    const std::string tag = locale::canonical_language_tag(s);
    if (tag.empty()) {
        error(at(e, "lang"), "'" + s + "' is not a language tag: write one like fr, en, de-CH or pt-BR");
        return s;
    }
    return tag;
}

model::Person Reader::read_person(const XMLElement* e) {
    model::Person p;
    p.where = at(e);
    attributes(e, {"id"}, {});
    p.id = id_attr(e, true);
    children(e,
             {{"given", [&](const XMLElement* c) { p.given = text_of(c); }},
              {"family", [&](const XMLElement* c) { p.family = text_of(c); }},
              {"role", [&](const XMLElement* c) { p.role = text_of(c); }},
              {"affiliation", [&](const XMLElement* c) { p.affiliations.push_back(text_of(c)); }},
              {"email", [&](const XMLElement* c) { p.email = email_value(c, nullptr, text_of(c)); }},
              {"url", [&](const XMLElement* c) {
                   p.url = text_of(c);
                   if (!is_http_url(p.url)) error(at(c), "invalid URL '" + p.url + "'");
               }},
              {"biography", [&](const XMLElement* c) { p.biography = read_text(c); }}},
             {"given", "family", "role", "email", "url", "biography"});
    require_child(e, "family");
    return p;
}

model::Venue Reader::read_venue(const XMLElement* e) {
    model::Venue v;
    v.where = at(e);
    attributes(e, {});
    children(e,
             {{"name", [&](const XMLElement* c) { v.name = text_of(c); }},
              {"street", [&](const XMLElement* c) { v.street = text_of(c); }},
              {"postcode", [&](const XMLElement* c) { v.postcode = text_of(c); }},
              {"city", [&](const XMLElement* c) { v.city = text_of(c); }},
              {"country", [&](const XMLElement* c) { v.country = text_of(c); }}},
             {"name", "street", "postcode", "city", "country"});
    require_child(e, "name");
    return v;
}

void Reader::read_item_times(const XMLElement* e, model::Item& item, bool in_session) {
    const bool has_start = e->Attribute("start") != nullptr;
    const bool has_end = e->Attribute("end") != nullptr;
    auto start = time_attr(e, "start");
    auto end = time_attr(e, "end");
    if (in_session && !has_start && !has_end) return;
    if (!has_start) error(at(e), "<" + std::string(e->Name()) + "> needs a 'start' attribute" +
                                   (in_session ? " when it has an 'end'" : ""));
    if (!has_end) error(at(e), "<" + std::string(e->Name()) + "> needs an 'end' attribute" +
                                 (in_session ? " when it has a 'start'" : ""));
    if (start && end) item.time = model::TimeRange{*start, *end};
}

model::Item Reader::read_item(const XMLElement* e, model::ItemKind kind, bool in_session, const model::Day& day) {
    using model::ItemKind;
    model::Item item;
    item.kind = kind;
    item.where = at(e);
    const std::string tag = e->Name();

    if (tag == "session") {
        attributes(e, {"id", "kind", "start", "end", "room", "track", "lang", "overlap"});
        const std::string k = attr(e, "kind");
        static const std::map<std::string, ItemKind> kinds = {{"session", ItemKind::Session},
                                                              {"workshop", ItemKind::Workshop},
                                                              {"testimony", ItemKind::Testimony},
                                                              {"plenary", ItemKind::Plenary},
                                                              {"panel", ItemKind::Panel}};
        if (!k.empty()) {
            auto it = kinds.find(k);
            if (it == kinds.end())
                error(at(e, "kind"), "unknown session kind '" + k + "': use session, workshop, testimony, plenary or panel");
            else item.kind = it->second;
        }
    } else if (tag == "event") {
        attributes(e, {"id", "kind", "start", "end", "room", "track", "lang", "href", "overlap"});
        const std::string k = attr(e, "kind");
        static const std::map<std::string, ItemKind> kinds = {{"welcome", ItemKind::Welcome},
                                                              {"opening", ItemKind::Opening},
                                                              {"closing", ItemKind::Closing},
                                                              {"roundtable", ItemKind::RoundTable},
                                                              {"other", ItemKind::Other}};
        item.kind = ItemKind::Other;
        if (!k.empty()) {
            auto it = kinds.find(k);
            if (it == kinds.end())
                error(at(e, "kind"), "unknown event kind '" + k + "': use welcome, opening, closing, roundtable or other");
            else item.kind = it->second;
        }
    } else if (tag == "talk") {
        attributes(e, {"id", "start", "end", "room", "track", "lang", "href", "overlap"});
    } else {  // break, meal
        attributes(e, {"id", "start", "end", "room", "overlap"});
    }
    if (const char* o = e->Attribute("overlap")) {
        if (std::string_view(o) == "allowed") item.may_overlap = true;
        else error(at(e, "overlap"), "invalid overlap '" + std::string(o) + "': the only value is allowed");
    }

    item.id = id_attr(e, tag == "talk");
    read_item_times(e, item, in_session && tag == "talk");
    item.room = attr(e, "room");
    item.track = attr(e, "track");
    item.lang = lang_attr(e, false);
    item.href = href_attr(e, "href");
    if (item.id.empty()) {
        // Derived ids stay stable as long as the day, start and kind do.
        item.id_derived = true;
        item.id = day.date.iso() + "-" + (item.time ? item.time->start.hhmm().erase(2, 1) : std::string("0000")) +
                  "-" + model::kind_name(item.kind);
    }

    std::map<std::string, Handler> h = {
        {"title", [&](const XMLElement* c) { item.title = text_of(c); }},
        {"subtitle", [&](const XMLElement* c) { item.subtitle = text_of(c); }},
    };
    if (tag == "session") {
        h["chair"] = [&](const XMLElement* c) { item.chairs.push_back(ref_attr(c)); };
        h["talk"] = [&](const XMLElement* c) {
            item.children.push_back(read_item(c, ItemKind::Talk, true, day));
        };
    }
    if (tag == "talk" || tag == "event") {
        h["speaker"] = [&](const XMLElement* c) { item.speakers.push_back(ref_attr(c)); };
        h["abstract"] = [&](const XMLElement* c) { item.abstract = read_text(c); };
    }
    if (tag == "talk") {
        h["keywords"] = [&](const XMLElement* c) {
            attributes(c, {});
            children(c, {{"keyword", [&](const XMLElement* k) {
                              std::string kw = text_of(k);
                              if (kw.empty()) error(at(k), "empty <keyword>");
                              else item.keywords.push_back(std::move(kw));
                          }}});
        };
    }
    if (tag == "event") {
        h["guests"] = [&](const XMLElement* c) {
            attributes(c, {"confirmed"});
            const std::string v = attr(c, "confirmed");
            if (!v.empty() && v != "true" && v != "false")
                error(at(c, "confirmed"), "'confirmed' must be true or false, not '" + v + "'");
            item.guests_to_be_confirmed = v == "false";
            children(c, {{"speaker", [&](const XMLElement* s) { item.speakers.push_back(ref_attr(s)); }}});
        };
    }
    children(e, h, {"title", "subtitle", "abstract", "keywords", "guests"});
    // A missing or blank <title> is the check stage's "has no title".
    if (tag == "talk" && !e->FirstChildElement("speaker"))
        error(at(e), "<talk> needs at least one <speaker>");
    return item;
}

model::Day Reader::read_day(const XMLElement* e) {
    model::Day day;
    day.where = at(e);
    attributes(e, {"date", "start", "end"}, {"date"});
    if (const char* v = e->Attribute("date")) {
        if (auto d = model::Date::parse_iso(v)) day.date = *d;
        else error(at(e, "date"), "invalid date '" + std::string(v) + "': expected an existing date as YYYY-MM-DD");
    }
    day.start = time_attr(e, "start");
    day.end = time_attr(e, "end");
    using model::ItemKind;
    auto item = [&](ItemKind k) {
        return [&, k](const XMLElement* c) { day.items.push_back(read_item(c, k, false, day)); };
    };
    children(e, {{"event", item(ItemKind::Other)},
                 {"session", item(ItemKind::Session)},
                 {"talk", item(ItemKind::Talk)},
                 {"break", item(ItemKind::Break)},
                 {"meal", item(ItemKind::Meal)}});
    return day;
}

// ---- rich text -------------------------------------------------------------

model::Text Reader::read_text(const XMLElement* e) {
    attributes(e, {});
    model::Text t;
    const std::string name = e->Name();
    t.blocks = read_blocks(e, name == "introduction" || name == "abstract" || name == "biography");
    return t;
}

std::vector<model::Block> Reader::read_blocks(const XMLElement* e, bool allow_headings) {
    std::vector<model::Block> blocks;
    std::map<std::string, Handler> h = {
        {"p", [&](const XMLElement* c) {
             attributes(c, {});
             model::Block b;
             b.where = at(c);
             b.inlines = read_inlines(c);
             if (b.inlines.empty()) d_.warning(at(c), "empty paragraph");
             else blocks.push_back(std::move(b));
         }},
        {"ul", [&](const XMLElement* c) { blocks.push_back(read_list(c)); }},
        {"ol", [&](const XMLElement* c) { blocks.push_back(read_list(c)); }},
        {"pre", [&](const XMLElement* c) {
             attributes(c, {});
             model::Block b;
             b.kind = model::Block::Kind::Code;
             b.where = at(c);
             std::string raw;
             for (const XMLNode* n = c->FirstChild(); n; n = n->NextSibling()) {
                 if (const auto* t = n->ToText()) raw += t->Value() ? t->Value() : "";
                 else if (const auto* x = n->ToElement()) error(at(x), "unknown element <" + std::string(x->Name()) + "> in <pre>: it holds text only");
             }
             std::string checked = raw;
             for (auto& ch : checked)
                 if (ch == '\t' || ch == '\n' || ch == '\r') ch = ' ';
             if (has_control_characters(checked)) error(at(c), "control character in text");
             b.lines = preformatted_lines(raw);
             if (b.lines.empty()) d_.warning(at(c), "empty <pre>");
             else blocks.push_back(std::move(b));
         }},
    };
    if (allow_headings) {
        h["h"] = [&](const XMLElement* c) {
            attributes(c, {});
            model::Block b;
            b.kind = model::Block::Kind::Heading;
            b.where = at(c);
            b.inlines = read_inlines(c);
            if (b.inlines.empty()) error(at(c), "empty heading");
            blocks.push_back(std::move(b));
        };
    }
    children(e, h);
    return blocks;
}

model::Block Reader::read_list(const XMLElement* e) {
    attributes(e, {});
    model::Block list;
    list.kind = model::Block::Kind::List;
    list.ordered = e->Name() == std::string("ol");
    list.where = at(e);
    if (++text_depth_ > 8) {
        error(at(e), "lists are nested more than 8 levels deep");
        --text_depth_;
        return list;
    }
    children(e, {{"li", [&](const XMLElement* li) {
                      attributes(li, {});
                      const auto* first = li->FirstChildElement();
                      const bool blocky = first && (first->Name() == std::string("p") ||
                                                    first->Name() == std::string("ul") ||
                                                    first->Name() == std::string("ol") ||
                                                    first->Name() == std::string("pre"));
                      if (blocky) {
                          list.items.push_back(read_blocks(li, false));
                      } else {
                          model::Block p;
                          p.where = at(li);
                          p.inlines = read_inlines(li);
                          if (p.inlines.empty()) error(at(li), "empty list item");
                          list.items.push_back({std::move(p)});
                      }
                  }}});
    if (list.items.empty()) error(at(e), "<" + std::string(e->Name()) + "> needs at least one <li>");
    --text_depth_;
    return list;
}

void Reader::collect_inlines(const XMLElement* e, model::Inline style, std::vector<model::Inline>& out) {
    for (const XMLNode* n = e->FirstChild(); n; n = n->NextSibling()) {
        if (const auto* t = n->ToText()) {
            model::Inline in = style;
            in.text = collapse(t->Value() ? t->Value() : "");
            if (has_control_characters(in.text)) error(at(e), "control character in text");
            if (!in.text.empty()) out.push_back(std::move(in));
            continue;
        }
        const auto* c = n->ToElement();
        if (!c) continue;
        const std::string name = c->Name();
        model::Inline inner = style;
        if (name == "em") {
            attributes(c, {});
            inner.emphasis = true;
        } else if (name == "strong") {
            attributes(c, {});
            inner.strong = true;
        } else if (name == "code") {
            attributes(c, {});
            inner.code = true;
        } else if (name == "a") {
            attributes(c, {"href"}, {"href"});
            inner.href = href_attr(c, "href", true);
        } else {
            error(at(c), "unknown element <" + name + "> in text: use <em>, <strong>, <code> or <a href>");
            continue;
        }
        collect_inlines(c, inner, out);
    }
}

// Inline spans with white space collapsed across span boundaries and
// trimmed at both ends of the block.
std::vector<model::Inline> Reader::read_inlines(const XMLElement* e) {
    std::vector<model::Inline> raw;
    collect_inlines(e, {}, raw);
    std::vector<model::Inline> out;
    bool last_space = true;  // drops leading space
    for (auto& in : raw) {
        if (last_space && !in.text.empty() && in.text.front() == ' ') in.text.erase(0, 1);
        if (in.text.empty()) continue;
        last_space = in.text.back() == ' ';
        out.push_back(std::move(in));
    }
    while (!out.empty()) {
        auto& t = out.back().text;
        while (!t.empty() && t.back() == ' ') t.pop_back();
        if (!t.empty()) break;
        out.pop_back();
    }
    return out;
}

// ---- the root ---------------------------------------------------------------

model::Programme Reader::read_root(const XMLElement* root) {
    model::Programme p;
    p.where = at(root);
    attributes(root, {"id", "lang", "timezone", "revision"}, {"id", "timezone"});
    p.id = attr(root, "id");
    if (root->Attribute("id") && !is_programme_id(p.id))
        error(at(root, "id"), "invalid programme id '" + p.id + "': use lowercase letters, digits and '-'");
    p.lang = lang_attr(root, true);
    if (p.lang.empty()) p.lang = "fr";
    p.timezone = attr(root, "timezone");
    p.timezone_where = at(root, "timezone");
    if (const char* r = root->Attribute("revision")) {
        const std::string_view s = r;
        int value = -1;
        auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
        if (ec != std::errc() || ptr != s.data() + s.size() || value < 0)
            error(at(root, "revision"), "invalid revision '" + std::string(s) + "': expected a whole number ≥ 0");
        else p.revision = value;
    }

    auto href_element = [&](const XMLElement* c, std::string& out) {
        attributes(c, {"href"}, {"href"});
        out = href_attr(c, "href");
        if (c->FirstChild()) error(at(c), "<" + std::string(c->Name()) + "> must be empty");
    };
    children(root,
             {{"title", [&](const XMLElement* c) { p.title = text_of(c); }},
              {"subtitle", [&](const XMLElement* c) { p.subtitle = text_of(c); }},
              {"venue", [&](const XMLElement* c) { p.venue = read_venue(c); }},
              {"rooms", [&](const XMLElement* c) {
                   attributes(c, {});
                   children(c, {{"room", [&](const XMLElement* r) {
                                     model::Room room;
                                     room.where = at(r);
                                     attributes(r, {"id"});
                                     room.id = id_attr(r, true);
                                     room.name = text_of(r, false);
                                     if (room.name.empty()) error(at(r), "empty room name");
                                     p.rooms.push_back(std::move(room));
                                 }}});
               }},
              {"capacity", [&](const XMLElement* c) {
                   attributes(c, {"limit"});
                   if (const char* v = c->Attribute("limit")) {
                       const std::string_view s = v;
                       int n = 0;
                       auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
                       if (ec != std::errc() || ptr != s.data() + s.size() || n <= 0)
                           error(at(c, "limit"), "invalid capacity '" + std::string(s) + "': expected a whole number > 0");
                       else p.capacity = n;
                   }
                   p.capacity_note = text_of(c, false);
               }},
              {"registration", [&](const XMLElement* c) { href_element(c, p.registration_url); }},
              {"website", [&](const XMLElement* c) { href_element(c, p.website_url); }},
              {"tracks", [&](const XMLElement* c) {
                   attributes(c, {});
                   children(c, {{"track", [&](const XMLElement* t) {
                                     model::Track track;
                                     track.where = at(t);
                                     attributes(t, {"id"});
                                     track.id = id_attr(t, true);
                                     track.name = text_of(t, false);
                                     p.tracks.push_back(std::move(track));
                                 }}});
               }},
              {"organisers", [&](const XMLElement* c) {
                   attributes(c, {});
                   children(c, {{"organisation", [&](const XMLElement* o) {
                                     model::Organisation org;
                                     org.where = at(o);
                                     attributes(o, {"logo", "href"});
                                     org.logo = attr(o, "logo");
                                     org.href = href_attr(o, "href");
                                     org.name = text_of(o, false);
                                     p.organisers.push_back(std::move(org));
                                 }}});
               }},
              {"people", [&](const XMLElement* c) {
                   attributes(c, {});
                   children(c, {{"person", [&](const XMLElement* e) { p.people.push_back(read_person(e)); }}});
               }},
              {"committee", [&](const XMLElement* c) {
                   attributes(c, {});
                   children(c, {{"member", [&](const XMLElement* m) { p.committee.push_back(ref_attr(m)); }}});
               }},
              {"contacts", [&](const XMLElement* c) {
                   attributes(c, {});
                   children(c, {{"contact", [&](const XMLElement* m) {
                                     attributes(m, {"ref", "email"}, {"ref"});
                                     model::Contact contact;
                                     contact.ref = attr(m, "ref");
                                     contact.where = at(m, "ref");
                                     if (m->Attribute("email"))
                                         contact.email = email_value(m, "email", attr(m, "email"));
                                     p.contacts.push_back(std::move(contact));
                                 }}});
               }},
              {"introduction", [&](const XMLElement* c) { p.introduction = read_text(c); }},
              {"day", [&](const XMLElement* c) { p.days.push_back(read_day(c)); }}},
             {"title", "subtitle", "venue", "rooms", "capacity", "registration", "website", "tracks", "organisers",
              "people", "committee", "contacts", "introduction"});
    require_child(root, "title");
    require_child(root, "venue");
    require_child(root, "day");
    return p;
}

}  // namespace

std::string root_element_name(const io::InputFile& file) {
    // Skips the prolog (declaration, comments, white space) without parsing.
    const std::string& s = file.content;
    std::size_t i = 0;
    while (i < s.size()) {
        if (is_xml_space(s[i])) {
            ++i;
        } else if (s.compare(i, 4, "<!--") == 0) {
            const auto e = s.find("-->", i + 4);
            if (e == std::string::npos) return "";
            i = e + 3;
        } else if (s.compare(i, 2, "<?") == 0) {
            const auto e = s.find("?>", i + 2);
            if (e == std::string::npos) return "";
            i = e + 2;
        } else if (s[i] == '<' && i + 1 < s.size() && s[i + 1] != '!') {
            std::size_t j = i + 1;
            while (j < s.size() && !is_xml_space(s[j]) && s[j] != '>' && s[j] != '/') ++j;
            return s.substr(i + 1, j - i - 1);
        } else {
            return "";
        }
    }
    return "";
}

std::optional<model::Programme> read_programme(const io::InputFile& file, model::Diagnostics& diags) {
    auto src = XmlSource::parse(file, diags);
    if (!src) return std::nullopt;
    const auto* root = src->root();
    if (std::string(root->Name()) != "programme") {
        diags.error(src->where(root), "the root element is <" + std::string(root->Name()) +
                                          ">, expected <programme> (or a frab/pretalx <schedule>)");
        return std::nullopt;
    }
    Reader reader(*src, diags);
    return reader.read_root(root);
}

std::optional<model::Programme> read_programme_file(const std::string& path, model::Diagnostics& diags) {
    auto file = io::read_input_file(path, diags);
    if (!file) return std::nullopt;
    return read_programme(*file, diags);
}

}  // namespace booklet::read
