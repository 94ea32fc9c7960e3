#include "read/schedule_reader.hpp"

#include "unicode/utf8.hpp"

#include <tinyxml2.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <charconv>
#include <functional>
#include <cstring>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "locale/language.hpp"
#include "model/text_fields.hpp"
#include "read/formats.hpp"
#include "read/html_fragment.hpp"
#include "read/xml_source.hpp"

namespace booklet::read {

using model::Date;
using model::ItemKind;
using model::SourceLocation;
using tinyxml2::XMLElement;
using tinyxml2::XMLNode;

namespace {

constexpr int kDay = 24 * 60;
constexpr int kDefaultDuration = 15;  // minutes, when an event has none and the conference no timeslot

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

bool all_digits(std::string_view s) {
    if (s.empty() || s.size() > 9) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

int to_int(std::string_view s) {
    int v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}

std::string hhmm(int minutes) { return model::ClockTime{minutes}.hhmm(); }

Date add_days(const Date& d, long n) { return Date::from_days_since_epoch(d.days_since_epoch() + n); }

bool is_uuid(std::string_view s) {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (s[i] != '-') return false;
        } else if (!std::isxdigit(static_cast<unsigned char>(s[i]))) {
            return false;
        }
    }
    return true;
}

// ---- slugs ------------------------------------------------------------------------

// ASCII for U+00C0 … U+017F, lowercase; '#' stands for "ij", '%' for "oe",
// '&' for "ae", '$' for "th", '!' for "ss", '*' for no letter (× ÷).
constexpr std::string_view kFoldLatin1 = "aaaaaa&ceeeeiiiidnooooo*ouuuuy$!aaaaaa&ceeeeiiiidnooooo*ouuuuy$y";
constexpr std::string_view kFoldExtendedA =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii##jjkkkllllllllllnnnnnnnnnoooooo%%rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

static_assert(kFoldLatin1.size() == 0x100 - 0xC0);
static_assert(kFoldExtendedA.size() == 0x180 - 0x100);

std::string schedule_slug_impl(std::string_view s, std::size_t max_length = 60) {
    std::string out;
    bool dash = false;
    auto put = [&](char c) {
        if (dash && !out.empty()) out += '-';
        dash = false;
        out += c;
    };
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            if (std::isalnum(c)) put(static_cast<char>(std::tolower(c)));
            else dash = true;
            ++i;
            continue;
        }
        const char32_t cp = unicode::decode(s, i);
        char f = 0;
        if (cp >= 0xC0 && cp <= 0xFF) f = kFoldLatin1[cp - 0xC0];
        else if (cp >= 0x100 && cp <= 0x17F) f = kFoldExtendedA[cp - 0x100];
        switch (f) {
            case 0: case '*': dash = true; break;
            case '#': put('i'); out += 'j'; break;
            case '%': put('o'); out += 'e'; break;
            case '&': put('a'); out += 'e'; break;
            case '$': put('t'); out += 'h'; break;
            case '!': put('s'); out += 's'; break;
            default: put(f);
        }
    }
    if (out.size() > max_length) {
        out.resize(max_length);
        while (!out.empty() && out.back() == '-') out.pop_back();
    }
    return out;
}

// ---- XML text ---------------------------------------------------------------------

void collect_text(const XMLNode* n, std::string& out) {
    for (const XMLNode* c = n->FirstChild(); c; c = c->NextSibling()) {
        if (const auto* t = c->ToText()) out += t->Value() ? t->Value() : "";
        else if (const auto* e = c->ToElement()) collect_text(e, out);
    }
}

std::string text_of(const XMLElement* e) {
    if (!e) return {};
    const XMLNode* only = e->FirstChild();
    if (!only) return {};
    if (!only->NextSibling())
        if (const auto* t = only->ToText()) return t->Value() ? t->Value() : "";
    std::string s;
    collect_text(e, s);
    return s;
}

void escape_into(std::string_view s, std::string& out, bool attribute) {
    for (char c : s) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c == '"' && attribute) out += "&quot;";
        else out += c;
    }
}

void serialise(const XMLNode* n, std::string& out) {
    for (const XMLNode* c = n->FirstChild(); c; c = c->NextSibling()) {
        if (const auto* t = c->ToText()) {
            escape_into(t->Value() ? t->Value() : "", out, false);
        } else if (const auto* e = c->ToElement()) {
            out += '<';
            out += e->Name();
            for (const auto* a = e->FirstAttribute(); a; a = a->Next()) {
                out += ' ';
                out += a->Name();
                out += "=\"";
                escape_into(a->Value(), out, true);
                out += '"';
            }
            out += '>';
            serialise(e, out);
            out += "</";
            out += e->Name();
            out += '>';
        }
    }
}

// The element's content as a markup fragment: its text when it holds only
// text (usually escaped HTML or Markdown), else its child elements written
// back as tags (an XHTML abstract).
std::string markup_of(const XMLElement* e) {
    if (!e) return {};
    if (!e->FirstChildElement()) return text_of(e);
    std::string s;
    serialise(e, s);
    return s;
}

// ---- names and languages ------------------------------------------------------------

bool is_particle(std::string_view w) {
    static const char* const particles[] = {"van", "von", "de", "der", "den", "du", "da", "di", "del", "della", "des",
                                            "la", "le", "ten", "ter", "zu", "dos", "das", "do", "bin", "al", "el"};
    std::string lower(w);
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* p : particles)
        if (lower == p) return true;
    return false;
}

// "Laura Nirello" → given "Laura", family "Nirello"; particles stay with the
// family name ("Ludwig van Beethoven" → "Ludwig", "van Beethoven"); one word
// is a family name.
void split_name(const std::string& name, std::string& given, std::string& family) {
    std::vector<std::string_view> words;
    std::string_view s = name;
    for (std::size_t i = 0; i < s.size();) {
        const auto sp = s.find(' ', i);
        const auto end = sp == std::string_view::npos ? s.size() : sp;
        if (end > i) words.push_back(s.substr(i, end - i));
        i = end + 1;
    }
    if (words.size() <= 1) {
        given.clear();
        family = name;
        return;
    }
    std::size_t k = words.size() - 1;
    while (k > 1 && is_particle(words[k - 1])) --k;
    const std::size_t cut = static_cast<std::size_t>(words[k].data() - name.data());
    given = name.substr(0, cut - 1);
    family = name.substr(cut);
}

// "en", "de-DE", "pt_BR" (→ "pt-BR"), "English", "Deutsch", "français" → the
// language tag; text that names no language ICU knows → "".
std::string normalise_lang(std::string_view raw) { return locale::language_from_text(raw); }

// ---- kinds ------------------------------------------------------------------------------

enum class TypeClass { Unknown, Talk, Break, Meal, Welcome, Opening, Closing, RoundTable };

TypeClass classify_type(std::string_view type) {
    const std::string slug = schedule_slug_impl(type, 200);
    if (slug.empty()) return TypeClass::Unknown;
    static const std::map<std::string, TypeClass, std::less<>> exact = {
        {"round-table", TypeClass::RoundTable}, {"table-ronde", TypeClass::RoundTable},
        {"panel-discussion", TypeClass::RoundTable}, {"opening-ceremony", TypeClass::Opening},
        {"closing-ceremony", TypeClass::Closing}, {"closing-remarks", TypeClass::Closing},
        {"pause-cafe", TypeClass::Break}, {"pause-dejeuner", TypeClass::Meal}};
    if (auto it = exact.find(slug); it != exact.end()) return it->second;
    static const std::map<std::string, TypeClass, std::less<>> words = {
        {"break", TypeClass::Break},        {"pause", TypeClass::Break},       {"coffee", TypeClass::Break},
        {"coffeebreak", TypeClass::Break},  {"kaffeepause", TypeClass::Break}, {"tea", TypeClass::Break},
        {"meal", TypeClass::Meal},          {"lunch", TypeClass::Meal},        {"dinner", TypeClass::Meal},
        {"breakfast", TypeClass::Meal},     {"brunch", TypeClass::Meal},       {"supper", TypeClass::Meal},
        {"dejeuner", TypeClass::Meal},      {"diner", TypeClass::Meal},        {"repas", TypeClass::Meal},
        {"mittagessen", TypeClass::Meal},   {"abendessen", TypeClass::Meal},   {"welcome", TypeClass::Welcome},
        {"accueil", TypeClass::Welcome},    {"opening", TypeClass::Opening},   {"ouverture", TypeClass::Opening},
        {"eroffnung", TypeClass::Opening},  {"closing", TypeClass::Closing},   {"cloture", TypeClass::Closing},
        {"panel", TypeClass::RoundTable},   {"roundtable", TypeClass::RoundTable}, {"podium", TypeClass::RoundTable},
        {"podiumsdiskussion", TypeClass::RoundTable},
        {"talk", TypeClass::Talk},          {"lecture", TypeClass::Talk},      {"workshop", TypeClass::Talk},
        {"keynote", TypeClass::Talk},       {"presentation", TypeClass::Talk}, {"vortrag", TypeClass::Talk},
        {"tutorial", TypeClass::Talk},      {"lightning", TypeClass::Talk},    {"session", TypeClass::Talk},
        {"conference", TypeClass::Talk},    {"conference-talk", TypeClass::Talk}, {"maintrack", TypeClass::Talk},
        {"devroom", TypeClass::Talk},       {"hands-on", TypeClass::Talk},     {"seminar", TypeClass::Talk},
        {"communication", TypeClass::Talk}, {"expose", TypeClass::Talk},       {"atelier", TypeClass::Talk}};
    // A word naming a break, a meal or a ceremony decides ("lunch talk" is a
    // meal); talk words only say that the event is meant as a talk.
    TypeClass found = TypeClass::Unknown;
    for (std::size_t i = 0; i <= slug.size();) {
        const auto dash = slug.find('-', i);
        const std::string_view word = std::string_view(slug).substr(i, dash == std::string::npos ? std::string::npos : dash - i);
        if (auto it = words.find(word); it != words.end()) {
            if (it->second != TypeClass::Talk) return it->second;
            found = TypeClass::Talk;
        }
        if (dash == std::string::npos) break;
        i = dash + 1;
    }
    return found;
}

std::string zone_for_offset(int offset) {
    if (offset == 0) return "UTC";
    if (offset % 60 == 0 && offset >= -12 * 60 && offset <= 14 * 60) {
        const int h = offset / 60;
        // POSIX-style names: Etc/GMT-2 is two hours *ahead* of UTC.
        return std::string("Etc/GMT") + (h > 0 ? "-" : "+") + std::to_string(h > 0 ? h : -h);
    }
    static const std::pair<int, const char*> zones[] = {{330, "Asia/Kolkata"},   {345, "Asia/Kathmandu"},
                                                        {270, "Asia/Kabul"},     {390, "Asia/Yangon"},
                                                        {570, "Australia/Darwin"}, {525, "Australia/Eucla"},
                                                        {210, "Asia/Tehran"},    {-570, "Pacific/Marquesas"}};
    for (const auto& [o, z] : zones)
        if (o == offset) return z;
    return "";
}

std::string offset_text(int offset) {
    const int a = offset < 0 ? -offset : offset;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset < 0 ? '-' : '+', a / 60, a % 60);
    return buf;
}

// An event's child elements, found in one pass (the first of each name).
struct EventChildren {
    const XMLElement *date = nullptr, *start = nullptr, *duration = nullptr, *end = nullptr, *room = nullptr,
                     *title = nullptr, *subtitle = nullptr, *type = nullptr, *track = nullptr, *language = nullptr,
                     *abstract = nullptr, *description = nullptr, *url = nullptr, *links = nullptr,
                     *persons = nullptr, *slug = nullptr;
};

EventChildren event_children(const XMLElement* e) {
    EventChildren c;
    for (const XMLElement* x = e->FirstChildElement(); x; x = x->NextSiblingElement()) {
        const char* n = x->Name();
        const XMLElement** slot = nullptr;
        auto is = [n](const char* name) { return std::strcmp(n, name) == 0; };
        switch (n[0]) {
            case 'a': if (is("abstract")) slot = &c.abstract; break;
            case 'd':
                if (is("date")) slot = &c.date;
                else if (is("duration")) slot = &c.duration;
                else if (is("description")) slot = &c.description;
                break;
            case 'e': if (is("end")) slot = &c.end; break;
            case 'l':
                if (is("language")) slot = &c.language;
                else if (is("links")) slot = &c.links;
                break;
            case 'p': if (is("persons")) slot = &c.persons; break;
            case 'r': if (is("room")) slot = &c.room; break;
            case 's':
                if (is("start")) slot = &c.start;
                else if (is("subtitle")) slot = &c.subtitle;
                else if (is("slug")) slot = &c.slug;
                break;
            case 't':
                if (is("title")) slot = &c.title;
                else if (is("type")) slot = &c.type;
                else if (is("track")) slot = &c.track;
                break;
            case 'u': if (is("url")) slot = &c.url; break;
            default: break;
        }
        if (slot && !*slot) *slot = x;
    }
    return c;
}

std::string line_col(const SourceLocation& w) { return "line " + std::to_string(w.line) + ":" + std::to_string(w.column); }

// ---- the reader -------------------------------------------------------------------------

class ScheduleReader {
public:
    ScheduleReader(const ElementLocator& where, model::Diagnostics& diags, const ScheduleOptions& options)
        : where_(where), d_(diags), o_(options) {}

    model::Programme read(const XMLElement* root);

private:
    struct DayContext {
        std::optional<Date> date;
        int day_change = 0;
        SourceLocation where;
    };
    struct Pending {
        model::Item item;
        int room_order = -1;
        std::size_t seq = 0;
    };
    struct PersonSeen {
        std::string name;
        std::string id, guid, code;
        const XMLElement* biography = nullptr;
        SourceLocation where;
    };
    // A warning class said once, with its first case and how many there are.
    struct Collapsed {
        std::size_t count = 0;
        SourceLocation where;
        std::string first;
    };

    SourceLocation at(const XMLElement* e) const { return where_(e, nullptr); }
    SourceLocation at(const XMLElement* e, const char* a) const { return where_(e, a); }
    void warn(const SourceLocation& w, std::string m) { d_.warning(w, std::move(m)); }
    void error(const SourceLocation& w, std::string m) { d_.error(w, std::move(m)); }
    static std::string attr(const XMLElement* e, const char* name) {
        const char* v = e ? e->Attribute(name) : nullptr;
        return v ? std::string(trim(v)) : std::string();
    }
    static std::string child_text(const XMLElement* e, const char* name) {
        return plain_text(text_of(e ? e->FirstChildElement(name) : nullptr));
    }

    void read_conference(const XMLElement* c);
    std::size_t add_room(std::string name, const std::string& guid, const XMLElement* e, bool declared);
    std::string add_track(const std::string& name, const std::string& slug, const SourceLocation& where, bool declared);
    std::string unique_id(std::unordered_set<std::string>& used, std::string base);
    std::size_t day_index(const Date& d);
    void note_offset(const std::optional<int>& offset, const SourceLocation& where);
    void read_event(const XMLElement* e, const DayContext& day, std::optional<std::size_t> room,
                    const std::string& room_element_name);
    PersonSeen read_person(const XMLElement* pe);
    std::string person_for(const PersonSeen& seen);
    void finish();
    void remove_invisible_characters();

    const ElementLocator& where_;
    model::Diagnostics& d_;
    const ScheduleOptions& o_;
    model::Programme p_;

    // conference
    std::optional<int> conference_day_change_;
    int timeslot_ = 0;
    std::string time_zone_;
    SourceLocation time_zone_where_;
    std::optional<std::pair<int, SourceLocation>> first_offset_;
    struct OffsetSeen {  // an event's <date> with its UTC offset
        Date date;
        int minutes = 0, offset = 0;
        SourceLocation where;
    };
    std::vector<OffsetSeen> offsets_;
    void compare_offsets_with_option();

    // rooms and tracks
    bool rooms_declared_ = false, tracks_declared_ = false;
    std::unordered_map<std::string, std::size_t> room_by_guid_, room_by_name_;
    std::unordered_set<std::string> room_ids_, warned_guids_;
    std::unordered_map<std::string, std::string> track_by_name_;
    std::unordered_set<std::string> track_ids_;

    // people
    // A person is an identity (id, else guid, else code) with a name:
    // merged exports give one id to different people.
    std::unordered_map<std::string, std::size_t> person_by_key_, person_by_name_, first_by_identity_;
    std::unordered_map<std::string, const XMLElement*> listed_biography_;  // <schedule><persons>, by "id\nname"
    Collapsed reused_person_ids_, homonyms_;
    std::unordered_set<std::string> person_ids_;

    // days and items
    std::map<long, std::size_t> day_by_date_;
    std::set<long> declared_days_;
    std::vector<std::vector<Pending>> pending_;
    std::unordered_map<std::string, SourceLocation> item_ids_seen_;
    std::unordered_set<std::string> item_ids_;
    std::unordered_map<std::string, SourceLocation> guids_;
    std::vector<SourceLocation> missing_guids_;
    bool any_guid_ = false;
    std::size_t seq_ = 0;

    // languages
    std::map<std::string, std::size_t> events_per_language_;
    std::size_t other_languages_ = 0;
    std::set<std::string> other_language_names_;
    SourceLocation first_other_language_;
};

std::string ScheduleReader::unique_id(std::unordered_set<std::string>& used, std::string base) {
    if (used.insert(base).second) return base;
    for (int k = 2;; ++k) {
        std::string id = base + "-" + std::to_string(k);
        if (used.insert(id).second) return id;
    }
}

std::size_t ScheduleReader::day_index(const Date& d) {
    const long key = d.days_since_epoch();
    auto it = day_by_date_.find(key);
    if (it != day_by_date_.end()) return it->second;
    model::Day day;
    day.date = d;
    p_.days.push_back(std::move(day));
    pending_.emplace_back();
    day_by_date_.emplace(key, p_.days.size() - 1);
    return p_.days.size() - 1;
}

void ScheduleReader::note_offset(const std::optional<int>& offset, const SourceLocation& where) {
    if (offset && !first_offset_) first_offset_ = std::make_pair(*offset, where);
}

std::size_t ScheduleReader::add_room(std::string name, const std::string& guid, const XMLElement* e, bool declared) {
    const SourceLocation where = at(e);
    if (!guid.empty()) {
        if (!is_uuid(guid) && warned_guids_.insert(guid).second)
            warn(at(e, "guid"), "room guid '" + guid + "' is not a UUID; it still identifies the room");
        if (auto it = room_by_guid_.find(guid); it != room_by_guid_.end()) {
            const auto& room = p_.rooms[it->second];
            if (!name.empty() && name != room.name && room_by_name_.find(name) == room_by_name_.end()) {
                warn(where, "room guid '" + guid + "' is called '" + name + "' here but '" + room.name + "' at " +
                                line_col(room.where) + ": the first name is kept");
                room_by_name_.emplace(name, it->second);
            }
            return it->second;
        }
    }
    if (!name.empty()) {
        if (auto it = room_by_name_.find(name); it != room_by_name_.end()) {
            if (!guid.empty()) room_by_guid_.emplace(guid, it->second);
            return it->second;
        }
    }
    if (name.empty()) {
        name = "Room " + std::to_string(p_.rooms.size() + 1);
        warn(where, "room without a name: called '" + name + "'");
    } else if (!declared && rooms_declared_) {
        warn(where, "room '" + name + "' is not declared in <conference><rooms>: added");
    }
    model::Room room;
    room.name = name;
    room.where = where;
    std::string slug = schedule_slug_impl(name);
    room.id = unique_id(room_ids_, slug.empty() ? "room" : slug);
    p_.rooms.push_back(std::move(room));
    const std::size_t index = p_.rooms.size() - 1;
    room_by_name_.emplace(name, index);
    if (!guid.empty()) room_by_guid_.emplace(guid, index);
    return index;
}

std::string ScheduleReader::add_track(const std::string& name, const std::string& slug, const SourceLocation& where,
                                      bool declared) {
    if (auto it = track_by_name_.find(name); it != track_by_name_.end()) return it->second;
    if (!declared && tracks_declared_) warn(where, "track '" + name + "' is not declared in <conference>: added");
    model::Track track;
    track.name = name;
    track.where = where;
    std::string base = !slug.empty() && is_item_id(slug) ? slug : schedule_slug_impl(name);
    track.id = unique_id(track_ids_, base.empty() ? "track" : base);
    track_by_name_.emplace(name, track.id);
    p_.tracks.push_back(std::move(track));
    return p_.tracks.back().id;
}

void ScheduleReader::read_conference(const XMLElement* c) {
    p_.title = child_text(c, "title");
    p_.acronym = child_text(c, "acronym");
    p_.subtitle = child_text(c, "subtitle");
    p_.venue.name = child_text(c, "venue");
    p_.venue.city = child_text(c, "city");
    if (const auto* v = c->FirstChildElement("venue")) p_.venue.where = at(v);
    else p_.venue.where = at(c);
    if (p_.title.empty() && !p_.acronym.empty()) {
        warn(at(c), "<conference> has no <title>: the acronym '" + p_.acronym + "' is used");
        p_.title = p_.acronym;
    }
    if (const auto* tz = c->FirstChildElement("time_zone_name")) {
        time_zone_ = plain_text(text_of(tz));
        time_zone_where_ = at(tz);
    }
    if (const auto* dc = c->FirstChildElement("day_change")) {
        const std::string v = plain_text(text_of(dc));
        if (auto m = parse_schedule_clock(v)) conference_day_change_ = *m;
        else if (!v.empty()) warn(at(dc), "unreadable <day_change> '" + v + "': expected HH:MM; midnight is used");
    }
    if (const auto* ts = c->FirstChildElement("timeslot_duration")) {
        const std::string v = plain_text(text_of(ts));
        if (auto m = parse_schedule_duration(v); m && m->minutes > 0) timeslot_ = m->minutes;
        else if (!v.empty()) warn(at(ts), "unreadable <timeslot_duration> '" + v + "': expected H:MM");
    }
    if (const auto* d = c->FirstChildElement("description")) p_.introduction = text_from_fragment(markup_of(d), at(d));
    if (const auto* u = c->FirstChildElement("url")) {
        const std::string v = plain_text(text_of(u));
        if (is_http_url(v)) p_.website_url = v;
        else if (!v.empty()) warn(at(u), "invalid URL '" + v + "' in <url>: left out");
    }
    // Declared rooms and tracks fix their order and let undeclared ones be noticed.
    if (const auto* rooms = c->FirstChildElement("rooms")) {
        rooms_declared_ = true;
        for (const auto* r = rooms->FirstChildElement("room"); r; r = r->NextSiblingElement("room")) {
            std::string name = attr(r, "name");
            if (name.empty()) name = plain_text(text_of(r));
            add_room(plain_text(name), attr(r, "guid"), r, true);
        }
    }
    auto declare_track = [&](const XMLElement* t) {
        std::string name = plain_text(attr(t, "name"));
        if (name.empty()) name = plain_text(text_of(t));
        if (name.empty()) {
            warn(at(t), "track without a name: left out");
            return;
        }
        tracks_declared_ = true;
        add_track(name, attr(t, "slug"), at(t), true);
    };
    for (const auto* t = c->FirstChildElement("track"); t; t = t->NextSiblingElement("track")) declare_track(t);
    if (const auto* tracks = c->FirstChildElement("tracks"))
        for (const auto* t = tracks->FirstChildElement("track"); t; t = t->NextSiblingElement("track")) declare_track(t);
}

// The text directly inside an element, without its children's.
std::string own_text(const XMLElement* e) {
    std::string s;
    for (const XMLNode* c = e->FirstChild(); c; c = c->NextSibling())
        if (const auto* t = c->ToText()) s += t->Value() ? t->Value() : "";
    return s;
}

// Every flavour of <person>: Pentabarf and FOSDEM <person id>Name</person>;
// frab and pretalx <person id code guid> with <public_name> (or <name>),
// <code>, <guid> and <biography> children; a name attribute.
ScheduleReader::PersonSeen ScheduleReader::read_person(const XMLElement* pe) {
    PersonSeen seen;
    seen.where = at(pe);
    for (const char* child : {"public_name", "name", "full_public_name"}) {
        if (!seen.name.empty()) break;
        seen.name = child_text(pe, child);
    }
    if (seen.name.empty()) seen.name = plain_text(attr(pe, "name"));
    if (seen.name.empty()) seen.name = plain_text(own_text(pe));
    seen.id = attr(pe, "id");
    seen.guid = attr(pe, "guid");
    if (seen.guid.empty()) seen.guid = std::string(trim(child_text(pe, "guid")));
    seen.code = attr(pe, "code");
    if (seen.code.empty()) seen.code = std::string(trim(child_text(pe, "code")));
    seen.biography = pe->FirstChildElement("biography");
    return seen;
}

std::string ScheduleReader::person_for(const PersonSeen& seen) {
    std::string identity;
    if (!seen.id.empty()) identity = "id:" + seen.id;
    else if (!seen.guid.empty()) identity = "guid:" + seen.guid;
    else if (!seen.code.empty()) identity = "code:" + seen.code;
    if (identity.empty()) {
        // No id at all: a name already known is that person.
        if (auto it = person_by_name_.find(seen.name); it != person_by_name_.end()) return p_.people[it->second].id;
        identity = "name:" + seen.name;
    }
    const std::string key = identity + "\n" + seen.name;
    auto biography = [&](model::Person& person) {
        const XMLElement* b = seen.biography;
        if (!b || !b->FirstChild()) {
            auto it = listed_biography_.find(seen.id + "\n" + seen.name);
            b = it == listed_biography_.end() ? nullptr : it->second;
        }
        if (b && person.biography.empty()) person.biography = text_from_fragment(markup_of(b), at(b));
    };
    if (auto it = person_by_key_.find(key); it != person_by_key_.end()) {
        biography(p_.people[it->second]);
        return p_.people[it->second].id;
    }
    model::Person person;
    split_name(seen.name, person.given, person.family);
    person.where = seen.where;
    biography(person);
    const std::string raw = !seen.id.empty() ? seen.id : !seen.guid.empty() ? seen.guid : seen.code;
    std::string base;
    if (!raw.empty() && is_item_id("p" + raw)) {
        base = "p" + raw;
    } else {
        const std::string slug = schedule_slug_impl(seen.name);
        base = slug.empty() ? "p" : "p-" + slug;
    }
    person.id = unique_id(person_ids_, base);
    const std::size_t index = p_.people.size();
    auto note = [&](Collapsed& c, std::string first) {
        if (c.count++ == 0) {
            c.where = seen.where;
            c.first = std::move(first);
        }
    };
    if (auto [first, fresh] = first_by_identity_.emplace(identity, index); !fresh) {
        const auto& other = p_.people[first->second];
        note(reused_person_ids_, "'" + raw + "' is '" + other.display_name() + "' at " + line_col(other.where) +
                                     " and '" + seen.name + "' here");
    }
    if (auto it = person_by_name_.find(seen.name); it != person_by_name_.end()) {
        const auto& other = p_.people[it->second];
        note(homonyms_, "'" + seen.name + "' is '" + other.id + "' at " + line_col(other.where) + " and '" + person.id +
                            "' here");
    } else {
        person_by_name_.emplace(seen.name, index);
    }
    person_by_key_.emplace(key, index);
    p_.people.push_back(std::move(person));
    return p_.people.back().id;
}

void ScheduleReader::read_event(const XMLElement* e, const DayContext& day, std::optional<std::size_t> room,
                                const std::string& room_element_name) {
    const SourceLocation where = at(e);
    const std::string raw_id = attr(e, "id");
    const std::string guid = attr(e, "guid");
    if (!guid.empty()) {
        any_guid_ = true;
        if (!is_uuid(guid)) warn(at(e, "guid"), "event guid '" + guid + "' is not a UUID");
        auto [it, fresh] = guids_.emplace(guid, at(e, "guid"));
        if (!fresh) warn(at(e, "guid"), "duplicate event guid '" + guid + "' (first at " + line_col(it->second) + ")");
    } else {
        missing_guids_.push_back(where);
    }

    // ---- when
    const EventChildren c = event_children(e);
    const XMLElement* date_el = c.date;
    const XMLElement* start_el = c.start;
    const XMLElement* duration_el = c.duration;
    std::optional<Date> date;
    std::optional<int> time;
    if (const std::string v = plain_text(text_of(date_el)); !v.empty()) {
        auto dt = parse_schedule_datetime(v);
        if (!dt) {
            error(at(date_el), "unreadable date '" + v + "': expected ISO 8601 such as 2024-05-01T10:00:00+02:00");
            return;
        }
        date = dt->date;
        time = dt->minutes;
        note_offset(dt->offset_minutes, at(date_el));
        if (dt->offset_minutes && dt->minutes) offsets_.push_back({dt->date, *dt->minutes, *dt->offset_minutes, at(date_el)});
    }
    std::optional<int> start;
    if (const std::string v = plain_text(text_of(start_el)); !v.empty()) {
        start = parse_schedule_clock(v);
        if (!start) {
            if (!time) {
                error(at(start_el), "unreadable start '" + v + "': expected HH:MM");
                return;
            }
            warn(at(start_el), "unreadable start '" + v + "': the time of <date>, " + hhmm(*time) + ", is used");
        }
    }
    if (!start && !time) {
        error(where, "<event> has no start: give it a <start> (HH:MM) or a <date> with a time");
        return;
    }
    if (!date) {
        if (!day.date) {
            error(where, "<event> has no <date> and its <day> has no date: cannot tell when it is");
            return;
        }
        // Pentabarf and old frab: the time is on the day's date, or on the
        // next date when it comes before the day change.
        date = *day.date;
        time = *start;
        if (*time < day.day_change) date = add_days(*date, 1);
    } else if (!time) {
        time = *start;
    } else if (start && *start != *time) {
        int delta = *start - *time;
        while (delta > kDay / 2) delta -= kDay;
        while (delta <= -kDay / 2) delta += kDay;
        warn(at(start_el), "<start> " + hhmm(*start) + " differs from the time in <date>, " + hhmm(*time) +
                               " (another UTC offset?): <start> is taken as the local time");
        const long absolute = date->days_since_epoch() * kDay + *time + delta;
        long days = absolute / kDay;
        long rest = absolute % kDay;
        if (rest < 0) {
            rest += kDay;
            --days;
        }
        date = Date::from_days_since_epoch(days);
        time = static_cast<int>(rest);
    }
    // The conference day: the one whose day change the event follows.
    Date owner = *time < day.day_change ? add_days(*date, -1) : *date;
    int minutes = *time + static_cast<int>(date->days_since_epoch() - owner.days_since_epoch()) * kDay;
    if (day.date && owner != *day.date) {
        // The <day> that lists an event between its date's midnight and the
        // next day change keeps it: 09:30 before an 11:00 day change is that
        // day's morning, 03:30 after its midnight its night.
        const long relative = (date->days_since_epoch() - day.date->days_since_epoch()) * kDay + *time;
        if (relative >= 0 && relative < kDay + day.day_change) {
            owner = *day.date;
            minutes = static_cast<int>(relative);
        } else {
            warn(where, "this event, on " + date->iso() + " at " + hhmm(*time) + ", belongs to the day of " +
                            owner.iso() + " (day change " + hhmm(day.day_change) + "), not to the <day> of " +
                            day.date->iso() + " that lists it" +
                            (declared_days_.count(owner.days_since_epoch()) ? "" : "; that day is added"));
        }
    } else if (!day.date && !declared_days_.count(owner.days_since_epoch())) {
        warn(where, "no <day> for " + owner.iso() + ": added");
    }

    int duration = 0;
    const int fallback = timeslot_ > 0 ? timeslot_ : kDefaultDuration;
    const std::string fallback_text = std::to_string(fallback) + " minutes" +
                                      (timeslot_ > 0 ? " (the conference's timeslot_duration)" : "");
    if (const std::string v = plain_text(text_of(duration_el)); !v.empty()) {
        auto d = parse_schedule_duration(v);
        if (!d) {
            warn(at(duration_el), "unreadable duration '" + v + "': " + fallback_text + " assumed");
            duration = fallback;
        } else if (d->minutes == 0) {
            warn(at(duration_el), "zero duration: " + fallback_text + " assumed");
            duration = fallback;
        } else {
            duration = d->minutes;
            if (d->unusual || d->seconds_dropped)
                warn(at(duration_el), "duration '" + v + "' read as " + std::to_string(duration) + " minutes" +
                                          (d->seconds_dropped ? " (seconds rounded)" : "") + "; schedule.xml writes H:MM");
        }
    } else if (const std::string end = plain_text(text_of(c.end)); !end.empty()) {
        auto dt = parse_schedule_datetime(end);
        const long begin = date->days_since_epoch() * kDay + *time;
        const long finish = dt && dt->minutes ? dt->date.days_since_epoch() * kDay + *dt->minutes : begin;
        if (finish > begin) {
            duration = static_cast<int>(finish - begin);
        } else {
            warn(at(c.end), "unusable <end> '" + end + "': " + fallback_text + " assumed");
            duration = fallback;
        }
    } else {
        warn(duration_el ? at(duration_el) : where, "event has no duration: " + fallback_text + " assumed");
        duration = fallback;
    }

    // ---- what
    model::Item item;
    item.where = where;
    item.title = plain_text(text_of(c.title));
    const std::string subtitle = plain_text(text_of(c.subtitle));
    const std::string type = plain_text(text_of(c.type));
    item.time = model::TimeRange{{minutes}, {minutes + duration}};

    const XMLElement* room_el = c.room;
    const std::string room_text = plain_text(text_of(room_el));
    if (room) {
        if (!room_text.empty() && room_text != room_element_name)
            warn(at(room_el), "<room> '" + room_text + "' differs from the enclosing <room name=\"" + room_element_name +
                                  "\">: the enclosing room is used");
    } else if (!room_text.empty()) {
        if (!room_by_name_.count(room_text)) {
            // add_room warns only when <rooms> declares them; an event outside
            // any <room> naming an unknown one is always worth a word.
            if (!rooms_declared_) warn(at(room_el), "room '" + room_text + "' is not declared: added");
            room = add_room(room_text, "", room_el, false);
        } else {
            room = room_by_name_.at(room_text);
        }
    }
    int room_order = -1;
    if (room) {
        item.room = p_.rooms[*room].id;
        room_order = static_cast<int>(*room);
    }

    std::vector<PersonSeen> persons;
    if (const auto* ps = c.persons) {
        for (const auto* pe = ps->FirstChildElement("person"); pe; pe = pe->NextSiblingElement("person")) {
            PersonSeen seen = read_person(pe);
            if (seen.name.empty()) {
                warn(seen.where, "person without a name: left out");
                continue;
            }
            persons.push_back(std::move(seen));
        }
    }

    const TypeClass cls = classify_type(type);
    switch (cls) {
        case TypeClass::Break: item.kind = ItemKind::Break; break;
        case TypeClass::Meal: item.kind = ItemKind::Meal; break;
        case TypeClass::Welcome: item.kind = ItemKind::Welcome; break;
        case TypeClass::Opening: item.kind = ItemKind::Opening; break;
        case TypeClass::Closing: item.kind = ItemKind::Closing; break;
        case TypeClass::RoundTable: item.kind = ItemKind::RoundTable; break;
        case TypeClass::Talk:
        case TypeClass::Unknown: item.kind = persons.empty() ? ItemKind::Other : ItemKind::Talk; break;
    }
    if (cls == TypeClass::Talk && persons.empty())
        warn(where, "'" + type + "' without persons: read as an event of kind other (a talk needs a speaker)");

    const XMLElement* abstract_el = c.abstract;
    const XMLElement* description_el = c.description;
    model::Text abstract;
    if (abstract_el) abstract = text_from_fragment(markup_of(abstract_el), at(abstract_el));
    if (description_el) {
        model::Text more = text_from_fragment(markup_of(description_el), at(description_el));
        if (abstract.empty()) abstract = std::move(more);
        else if (!more.empty() && more.plain() != abstract.plain())
            for (auto& b : more.blocks) abstract.blocks.push_back(std::move(b));
    }
    std::string href;
    if (const auto* u = c.url) {
        const std::string written = plain_text(text_of(u));
        const std::string v = percent_encode_unsafe(written);
        if (is_http_url(v)) href = v;
        else if (!v.empty()) warn(at(u), "invalid URL '" + written + "': left out");
    }
    model::Block links;
    links.kind = model::Block::Kind::List;
    if (const auto* ls = c.links) {
        links.where = at(ls);
        for (const auto* l = ls->FirstChildElement("link"); l; l = l->NextSiblingElement("link")) {
            const std::string written = plain_text(attr(l, "href"));
            const std::string url = percent_encode_unsafe(written);
            if (url.empty() || url == href) continue;
            if (!is_link(url)) {
                warn(at(l, "href"), "invalid link '" + written + "': left out");
                continue;
            }
            model::Block p;
            p.where = at(l);
            model::Inline in;
            in.text = plain_text(text_of(l));
            if (in.text.empty()) in.text = url;
            in.href = url;
            p.inlines.push_back(std::move(in));
            links.items.push_back({std::move(p)});
        }
    }
    if (!links.items.empty()) abstract.blocks.push_back(std::move(links));

    const std::string language = plain_text(text_of(c.language));
    const std::string lang = normalise_lang(language);
    if (lang.empty() && !language.empty()) {
        if (other_languages_++ == 0) first_other_language_ = at(c.language);
        other_language_names_.insert(language);
    }
    if (!lang.empty()) ++events_per_language_[lang];

    if (item.kind == ItemKind::Break || item.kind == ItemKind::Meal) {
        std::vector<std::string> dropped;
        if (!persons.empty()) dropped.push_back("persons");
        if (!abstract.empty()) dropped.push_back("abstract");
        if (!subtitle.empty()) dropped.push_back("subtitle");
        if (!href.empty()) dropped.push_back("url");
        if (!dropped.empty()) {
            std::string list;
            for (std::size_t k = 0; k < dropped.size(); ++k)
                list += (k == 0 ? "" : k + 1 == dropped.size() ? " and " : ", ") + dropped[k];
            warn(where, std::string("read as a ") + model::kind_name(item.kind) +
                            ", which has only a title, a time and a room: its " + list +
                            (dropped.size() == 1 && dropped[0] != "persons" ? " is" : " are") + " left out");
        }
    } else {
        item.subtitle = subtitle;
        item.lang = lang;
        item.href = href;
        item.abstract = std::move(abstract);
        std::unordered_set<std::string> listed;
        for (const auto& seen : persons) {
            std::string id = person_for(seen);
            if (listed.insert(id).second) item.speakers.push_back({std::move(id), seen.where});
        }
        if (item.kind == ItemKind::Talk) {
            if (const std::string track = plain_text(text_of(c.track)); !track.empty())
                item.track = add_track(track, "", at(c.track), false);
        }
    }

    // ---- which id
    std::string base;
    if (!raw_id.empty() && is_item_id("e" + raw_id)) {
        base = "e" + raw_id;
    } else {
        const std::string slug = schedule_slug_impl(text_of(c.slug));
        if (!slug.empty()) base = "e-" + slug;
        else if (!guid.empty() && is_item_id("e-" + guid)) base = "e-" + guid;
        else base = "e-" + owner.iso() + "-" + hhmm(minutes % kDay).erase(2, 1);
        if (raw_id.empty()) warn(where, "<event> has no 'id': it is called '" + base + "'");
        else warn(at(e, "id"), "event id '" + raw_id + "' cannot be an id: it is called '" + base + "'");
    }
    item.id = unique_id(item_ids_, base);
    auto [seen, fresh] = item_ids_seen_.emplace(base, where);
    if (!fresh)
        warn(raw_id.empty() ? where : at(e, "id"), "duplicate event id '" + (raw_id.empty() ? base : raw_id) +
                                                       "' (first at " + line_col(seen->second) + "): this one is '" +
                                                       item.id + "'");

    const std::size_t index = day_index(owner);
    pending_[index].push_back({std::move(item), room_order, seq_++});
}

// --timezone names the zone of times the file also writes with a UTC
// offset: where the zone's offset differs (another zone, or summer time
// the file's fixed offset ignores), one warning, since the local times
// (<start>) are kept as they are and their instants change.
void ScheduleReader::compare_offsets_with_option() {
    if (offsets_.empty()) return;
    std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone(icu::UnicodeString::fromUTF8(o_.timezone)));
    std::size_t differ = 0;
    std::string first;
    SourceLocation where;
    for (const auto& o : offsets_) {
        // The instant the file means, and the zone's offset then.
        const double utc_ms = (static_cast<double>(o.date.days_since_epoch()) * kDay + o.minutes - o.offset) * 60000.0;
        UErrorCode status = U_ZERO_ERROR;
        int32_t raw = 0, dst = 0;
        zone->getOffset(utc_ms, false, raw, dst, status);
        if (U_FAILURE(status)) return;
        const int zone_offset = (raw + dst) / 60000;
        if (zone_offset == o.offset) continue;
        if (differ++ == 0) {
            where = o.where;
            first = o.date.iso() + " " + hhmm(o.minutes) + offset_text(o.offset) + " is " + offset_text(zone_offset) +
                    " in " + o_.timezone;
        }
    }
    if (differ > 0)
        warn(where, std::to_string(differ) + (differ == 1 ? " time of the file has" : " times of the file have") +
                        " another UTC offset than --timezone " + o_.timezone + " (the first: " + first +
                        "): their local times are kept, in " + o_.timezone);
}

// An export carries what was pasted into the conference system: a
// left-to-right mark after a name, a zero-width joiner, a byte-order mark.
// booklet cannot set them, and refuses them in a programme written by hand
// (check); here, where the organiser cannot easily edit the source, they
// are removed with one warning a field.
void ScheduleReader::remove_invisible_characters() {
    auto clean = [&](const SourceLocation& where, const std::string& what, std::string& s) {
        std::string out;
        std::size_t removed = 0;
        char32_t first = 0;
        for (std::size_t i = 0; i < s.size();) {
            const std::size_t at = i;
            const char32_t cp = unicode::decode(s, i);
            if (!unicode::is_unsettable_format(cp)) {
                out.append(s, at, i - at);
            } else if (removed++ == 0) {
                first = cp;
            }
        }
        if (removed == 0) return;
        warn(where, "removed " + (removed == 1 ? std::string("an invisible character, ") + unicode::character_name(first)
                                               : std::to_string(removed) + " invisible characters (the first " +
                                                     unicode::character_name(first) + ")") +
                        ", from the " + what);
        s = std::move(out);
    };
    std::function<void(const SourceLocation&, const std::string&, std::vector<model::Block>&)> blocks =
        [&](const SourceLocation& where, const std::string& what, std::vector<model::Block>& bs) {
            for (auto& b : bs) {
                for (auto& in : b.inlines) clean(b.where.known() ? b.where : where, what, in.text);
                for (auto& item : b.items) blocks(where, what, item);
            }
        };
    model::for_each_text(p_, clean, [&](const SourceLocation& where, const std::string& what, model::Text& t) {
        blocks(where, what, t.blocks);
    });
}

void ScheduleReader::finish() {
    // Days in date order; items by start, then room, then as listed.
    std::vector<std::size_t> order(p_.days.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p_.days[a].date < p_.days[b].date; });
    std::vector<model::Day> days;
    days.reserve(order.size());
    for (std::size_t i : order) {
        auto& pending = pending_[i];
        std::sort(pending.begin(), pending.end(), [](const Pending& a, const Pending& b) {
            if (a.item.time->start != b.item.time->start) return a.item.time->start < b.item.time->start;
            if (a.room_order != b.room_order) return a.room_order < b.room_order;
            return a.seq < b.seq;
        });
        model::Day day = std::move(p_.days[i]);
        day.items.reserve(pending.size());
        for (auto& x : pending) day.items.push_back(std::move(x.item));
        days.push_back(std::move(day));
    }
    p_.days = std::move(days);

    // Parallel events in one room are common in exports (a lounge, a
    // stream and the talk it shows, a merged schedule): marked as allowed
    // to overlap, so that the check warns and `convert` writes them so.
    std::vector<model::TimedItem> timed;
    std::unordered_map<const model::Item*, model::Item*> mutable_item;
    for (auto& day : p_.days) {
        const long day_start = day.date.days_since_epoch() * kDay;
        for (auto& item : day.items)
            if (item.time && item.time->end > item.time->start) {
                timed.push_back({&item, day_start + item.time->start.minutes, day_start + item.time->end.minutes});
                mutable_item.emplace(&item, &item);
            }
    }
    for (const auto& [a, b] : model::overlapping_items(timed)) {
        mutable_item.at(timed[a].item)->may_overlap = true;
        mutable_item.at(timed[b].item)->may_overlap = true;
    }

    auto collapsed = [&](const Collapsed& c, const std::string& what, const std::string& outcome) {
        if (c.count == 0) return;
        warn(c.where, (c.count == 1 ? "a person " + what : std::to_string(c.count) + " persons " + what) + " (the first: " +
                          c.first + ")" + outcome);
    };
    collapsed(reused_person_ids_, "with the id of another name", ": a person is an id and a name, so each name is a person of its own");
    collapsed(homonyms_, "with the name of another id", ": they stay distinct persons");

    if (any_guid_)
        for (const auto& w : missing_guids_) warn(w, "event has no guid (other events have one)");

    if (other_languages_ > 0) {
        std::string names;
        for (const auto& n : other_language_names_) names += (names.empty() ? "" : ", ") + n;
        warn(first_other_language_, std::to_string(other_languages_) + (other_languages_ == 1 ? " event is" : " events are") +
                                        " in no language booklet knows (" + names + "): these take the programme's");
    }
    // The language most events give; on a tie English, else the first tag.
    p_.lang = "en";
    std::size_t most = 0;
    for (const auto& [lang, n] : events_per_language_)
        if (n > most || (n == most && lang == "en")) {
            most = n;
            p_.lang = lang;
        }
}

model::Programme ScheduleReader::read(const XMLElement* root) {
    p_.where = at(root);
    p_.timezone_where = p_.where;
    const XMLElement* conference = root->FirstChildElement("conference");
    if (!conference) error(at(root), "<schedule> has no <conference>: its title and time zone are unknown");
    else read_conference(conference);
    if (const auto* v = root->FirstChildElement("version")) {
        const std::string s(trim(text_of(v)));
        if (all_digits(s)) p_.revision = to_int(s);
    }
    if (p_.website_url.empty())
        if (const auto* u = root->FirstChildElement("url"))
            if (const std::string v = plain_text(text_of(u)); is_http_url(v)) p_.website_url = v;

    // Pass 1: the days, so that an event can be given to a day listed later.
    std::vector<std::pair<const XMLElement*, DayContext>> days;
    for (const auto* de = root->FirstChildElement("day"); de; de = de->NextSiblingElement("day")) {
        DayContext ctx;
        ctx.where = at(de);
        ctx.day_change = conference_day_change_.value_or(0);
        const std::string date = attr(de, "date");
        if (!date.empty()) {
            auto dt = parse_schedule_datetime(date);
            if (dt) ctx.date = dt->date;
            else error(at(de, "date"), "unreadable date '" + date + "': expected YYYY-MM-DD");
        }
        const std::string start = attr(de, "start");
        if (!start.empty()) {
            auto dt = parse_schedule_datetime(start);
            if (!dt) {
                warn(at(de, "start"), "unreadable start '" + start + "': expected ISO 8601 such as 2024-05-01T04:00:00+02:00");
            } else {
                note_offset(dt->offset_minutes, at(de, "start"));
                if (dt->minutes) ctx.day_change = *dt->minutes;
                if (!ctx.date && date.empty()) ctx.date = dt->date;
            }
        }
        const std::string end = attr(de, "end");
        if (!end.empty()) {
            auto dt = parse_schedule_datetime(end);
            if (!dt) warn(at(de, "end"), "unreadable end '" + end + "': expected ISO 8601");
            else note_offset(dt->offset_minutes, at(de, "end"));
        }
        if (!ctx.date && date.empty()) warn(ctx.where, "<day> has no date: its events are placed by their own <date>");
        if (ctx.date) {
            if (!declared_days_.insert(ctx.date->days_since_epoch()).second)
                warn(ctx.where, "a second <day> for " + ctx.date->iso() + ": its events join the first");
            auto& d = p_.days[day_index(*ctx.date)];
            if (!d.where.known()) d.where = ctx.where;
        }
        days.emplace_back(de, ctx);
    }
    if (days.empty()) error(at(root), "<schedule> has no <day>");
    if (conference) {
        const std::string start = child_text(conference, "start"), end = child_text(conference, "end");
        auto s = parse_schedule_datetime(start), e = parse_schedule_datetime(end);
        if (!start.empty() && !s) warn(at(conference->FirstChildElement("start")), "unreadable <start> '" + start + "'");
        if (!end.empty() && !e) warn(at(conference->FirstChildElement("end")), "unreadable <end> '" + end + "'");
        for (const auto& [de, ctx] : days) {
            if (ctx.date && ((s && *ctx.date < s->date) || (e && *ctx.date > e->date)))
                warn(ctx.where, "day " + ctx.date->iso() + " lies outside the conference's dates (" + start + " – " + end + ")");
        }
        if (const auto* n = conference->FirstChildElement("days")) {
            const std::string v(trim(text_of(n)));
            if (all_digits(v) && static_cast<std::size_t>(to_int(v)) != days.size())
                warn(at(n), "<days> says " + v + " but the schedule has " + std::to_string(days.size()) + " <day>");
        }
    }

    // FOSDEM lists its persons once, with their biographies, under <schedule>.
    if (const auto* ps = root->FirstChildElement("persons"))
        for (const auto* pe = ps->FirstChildElement("person"); pe; pe = pe->NextSiblingElement("person")) {
            const PersonSeen listed = read_person(pe);
            if (!listed.id.empty() && !listed.name.empty() && listed.biography && listed.biography->FirstChild())
                listed_biography_.emplace(listed.id + "\n" + listed.name, listed.biography);
        }

    // Pass 2: rooms and events.
    for (const auto& [de, ctx] : days) {
        for (const auto* c = de->FirstChildElement(); c; c = c->NextSiblingElement()) {
            const std::string name = c->Name();
            if (name == "room") {
                const std::string room_name = plain_text(attr(c, "name"));
                const std::size_t room = add_room(room_name, attr(c, "guid"), c, false);
                for (const auto* ev = c->FirstChildElement("event"); ev; ev = ev->NextSiblingElement("event"))
                    read_event(ev, ctx, room, room_name.empty() ? p_.rooms[room].name : room_name);
            } else if (name == "event") {
                read_event(c, ctx, std::nullopt, "");
            }
        }
    }
    finish();
    remove_invisible_characters();

    // The time zone: --timezone, else as named, else from a UTC offset.
    if (!time_zone_.empty()) {
        p_.timezone = time_zone_;
        p_.timezone_where = time_zone_where_;
        if (!o_.timezone.empty() && o_.timezone != time_zone_) {
            warn(time_zone_where_, "the file's time zone '" + time_zone_ + "' is replaced by --timezone " + o_.timezone);
            p_.timezone = o_.timezone;
            compare_offsets_with_option();
        }
    } else {
        const SourceLocation w = conference ? at(conference) : at(root);
        p_.timezone_where = w;
        const std::string zone = first_offset_ ? zone_for_offset(first_offset_->first) : "";
        const std::string offset =
            first_offset_ ? " the UTC offset " + offset_text(first_offset_->first) + " at " + line_col(first_offset_->second) : "";
        if (!o_.timezone.empty()) {
            p_.timezone = o_.timezone;  // the user names the zone of the file's times
            compare_offsets_with_option();
        } else if (!zone.empty()) {
            p_.timezone = zone;
            warn(w, "<conference> has no <time_zone_name>: '" + zone + "' is used, from" + offset +
                        ", a fixed offset without daylight-saving time: name the zone with --timezone ZONE");
        } else {
            p_.timezone = "UTC";
            const std::string what = std::string("the schedule has no time zone (no <time_zone_name>") +
                                     (first_offset_ ? ", and" + offset + " names none)" : ", no UTC offset)");
            if (o_.require_timezone)
                error({w.file, 1, 1}, what + ": give one with --timezone ZONE, e.g. --timezone Europe/Brussels");
            else
                warn(w, what + ": times are taken as UTC; give the zone with --timezone ZONE");
        }
    }

    // Identity and place: schedule.xml has no programme id and, from pretalx
    // and frab, no venue.
    std::string id = schedule_slug_impl(p_.acronym);
    if (id.empty()) id = schedule_slug_impl(p_.title);
    p_.id = id.empty() ? "schedule" : id;
    if (p_.venue.name.empty()) p_.venue.name = p_.title.empty() ? p_.acronym : p_.title;
    return std::move(p_);
}

}  // namespace

std::string schedule_slug(std::string_view s) { return schedule_slug_impl(s); }

std::optional<ScheduleDateTime> parse_schedule_datetime(std::string_view s) {
    s = trim(s);
    if (s.size() < 10) return std::nullopt;
    auto date = Date::parse_iso(s.substr(0, 10));
    if (!date) return std::nullopt;
    ScheduleDateTime out;
    out.date = *date;
    std::string_view rest = s.substr(10);
    if (rest.empty()) return out;
    if (rest[0] != 'T' && rest[0] != 't' && rest[0] != ' ') return std::nullopt;
    rest.remove_prefix(1);
    int h = 0, m = 0, sec = 0;
    if (!model::parse_digits(rest, 0, 2, h) || rest.size() < 5 || rest[2] != ':' || !model::parse_digits(rest, 3, 2, m)) return std::nullopt;
    if (h > 23 || m > 59) return std::nullopt;
    rest.remove_prefix(5);
    if (!rest.empty() && rest[0] == ':') {
        if (!model::parse_digits(rest, 1, 2, sec) || sec > 60) return std::nullopt;
        rest.remove_prefix(3);
        if (!rest.empty() && (rest[0] == '.' || rest[0] == ',')) {
            std::size_t k = 1;
            while (k < rest.size() && std::isdigit(static_cast<unsigned char>(rest[k]))) ++k;
            if (k == 1) return std::nullopt;
            rest.remove_prefix(k);
        }
    }
    out.minutes = h * 60 + m;
    if (rest.empty()) return out;
    if (rest == "Z" || rest == "z") {
        out.offset_minutes = 0;
        return out;
    }
    if (rest[0] != '+' && rest[0] != '-') return std::nullopt;
    const int sign = rest[0] == '-' ? -1 : 1;
    rest.remove_prefix(1);
    int oh = 0, om = 0;
    if (!model::parse_digits(rest, 0, 2, oh)) return std::nullopt;
    if (rest.size() == 2) {
    } else if (rest.size() == 5 && rest[2] == ':' && model::parse_digits(rest, 3, 2, om)) {
    } else if (rest.size() == 4 && model::parse_digits(rest, 2, 2, om)) {
    } else {
        return std::nullopt;
    }
    if (oh > 14 || om > 59) return std::nullopt;
    out.offset_minutes = sign * (oh * 60 + om);
    return out;
}

std::optional<int> parse_schedule_clock(std::string_view s) {
    s = trim(s);
    const auto colon = s.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 2) return std::nullopt;
    int h = 0, m = 0, sec = 0;
    if (!model::parse_digits(s, 0, colon, h) || !model::parse_digits(s, colon + 1, 2, m)) return std::nullopt;
    const std::string_view rest = s.substr(colon + 3);
    if (!rest.empty() && !(rest.size() == 3 && rest[0] == ':' && model::parse_digits(rest, 1, 2, sec) && sec <= 60)) return std::nullopt;
    if (h > 23 || m > 59) return std::nullopt;
    return h * 60 + m;
}

std::optional<ScheduleDuration> parse_schedule_duration(std::string_view s) {
    s = trim(s);
    if (s.empty()) return std::nullopt;
    ScheduleDuration out;
    if (all_digits(s)) {
        out.minutes = to_int(s);
        out.unusual = true;
        return out;
    }
    if (s[0] == 'P' || s[0] == 'p') {  // ISO 8601: PT1H30M, P1DT2H
        long total_seconds = 0;
        bool time_part = false, any = false;
        std::size_t i = 1;
        while (i < s.size()) {
            if (s[i] == 'T' || s[i] == 't') {
                time_part = true;
                ++i;
                continue;
            }
            std::size_t j = i;
            while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
            if (j == i || j - i > 6 || j >= s.size()) return std::nullopt;
            const long v = to_int(s.substr(i, j - i));
            const char unit = static_cast<char>(std::toupper(static_cast<unsigned char>(s[j])));
            if (unit == 'D' && !time_part) total_seconds += v * 86400;
            else if (unit == 'H' && time_part) total_seconds += v * 3600;
            else if (unit == 'M' && time_part) total_seconds += v * 60;
            else if (unit == 'S' && time_part) total_seconds += v;
            else return std::nullopt;
            any = true;
            i = j + 1;
        }
        if (!any) return std::nullopt;
        out.minutes = static_cast<int>((total_seconds + 30) / 60);
        out.seconds_dropped = total_seconds % 60 != 0;
        out.unusual = true;
        return out;
    }
    std::vector<std::string_view> parts;
    for (std::size_t i = 0;;) {
        const auto colon = s.find(':', i);
        parts.push_back(s.substr(i, colon == std::string_view::npos ? std::string_view::npos : colon - i));
        if (colon == std::string_view::npos) break;
        i = colon + 1;
    }
    if (parts.size() < 2 || parts.size() > 4) return std::nullopt;
    for (std::size_t k = 0; k < parts.size(); ++k) {
        if (!all_digits(parts[k])) return std::nullopt;
        if (k > 0 && parts[k].size() != 2) return std::nullopt;
        if (k > 0 && to_int(parts[k]) > 59) return std::nullopt;
    }
    int d = 0, h = 0, m = 0, sec = 0;
    if (parts.size() == 4) {
        d = to_int(parts[0]);
        h = to_int(parts[1]);
        m = to_int(parts[2]);
        sec = to_int(parts[3]);
        out.unusual = true;
        if (h > 23) return std::nullopt;
    } else {
        if (parts[0].size() > 3) return std::nullopt;
        h = to_int(parts[0]);
        m = to_int(parts[1]);
        if (parts.size() == 3) sec = to_int(parts[2]);
    }
    out.minutes = ((d * 24 + h) * 60 + m) + (sec >= 30 ? 1 : 0);
    out.seconds_dropped = sec != 0;
    return out;
}

std::optional<model::Programme> read_schedule(const io::InputFile& file, model::Diagnostics& diags,
                                              const ScheduleOptions& options) {
    auto src = XmlSource::parse(file, diags);
    if (!src) return std::nullopt;
    const ElementLocator where = [&](const XMLElement* e, const char* a) { return a ? src->where(e, a) : src->where(e); };
    return read_schedule_document(src->root(), where, diags, options);
}

std::optional<model::Programme> read_schedule_document(const XMLElement* root, const ElementLocator& where,
                                                       model::Diagnostics& diags, const ScheduleOptions& options) {
    if (std::string(root->Name()) != "schedule") {
        diags.error(where(root, nullptr), "the root element is <" + std::string(root->Name()) +
                                              ">, expected a frab/pretalx <schedule>");
        return std::nullopt;
    }
    ScheduleReader reader(where, diags, options);
    return reader.read(root);
}

std::optional<model::Programme> read_schedule_file(const std::string& path, model::Diagnostics& diags,
                                                   const ScheduleOptions& options) {
    auto file = io::read_input_file(path, diags);
    if (!file) return std::nullopt;
    return read_schedule(*file, diags, options);
}

}  // namespace booklet::read
