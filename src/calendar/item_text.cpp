#include "calendar/item_text.hpp"
#include "locale/language.hpp"

#include <cctype>

namespace booklet::calendar {

namespace {

// The words a calendar entry adds around what the programme says.
struct Labels {
    const char* break_title;
    const char* meal_title;
    const char* chair;   // one chair
    const char* chairs;  // several
    const char* talks;
    const char* session;
    const char* guests_to_be_confirmed;
};

// French puts a no-break space (U+00A0) before the colon.
constexpr Labels kFrench = {"Pause",         "Déjeuner",          "Présidence\u00A0: ",   "Présidence\u00A0: ",
                            "Interventions\u00A0:", "Séance\u00A0: ", "Invités à confirmer"};
constexpr Labels kEnglish = {"Break",  "Lunch",    "Chair: ",
                             "Chairs: ", "Talks:", "Session: ", "Guests to be confirmed"};

const Labels& labels(const model::Programme& p) { return locale::primary_language(p.lang) == "fr" ? kFrench : kEnglish; }

std::string joined(const std::vector<std::string>& parts, const char* separator) {
    std::string out;
    for (const auto& part : parts) {
        if (part.empty()) continue;
        if (!out.empty()) out += separator;
        out += part;
    }
    return out;
}

std::vector<std::string> names(const model::Programme& p, const std::vector<model::PersonRef>& refs) {
    std::vector<std::string> out;
    for (const auto& r : refs)
        if (const auto* person = p.person(r.id)) out.push_back(person->display_name());
    return out;
}

std::string people_block(const model::Programme& p, const model::Item& item) {
    const Labels& l = labels(p);
    std::vector<std::string> lines;
    for (const auto& r : item.speakers)
        if (const auto* person = p.person(r.id)) lines.push_back(person_line(*person));
    const auto chairs = names(p, item.chairs);
    if (!chairs.empty()) lines.push_back((chairs.size() == 1 ? l.chair : l.chairs) + joined(chairs, ", "));
    if (item.guests_to_be_confirmed) lines.push_back(l.guests_to_be_confirmed);
    return joined(lines, "\n");
}

// "- 10:30–11:00 Title — Speaker, Speaker", the time only when the talk has its own.
std::string talk_line(const model::Programme& p, const model::Item& talk) {
    std::string line = "- ";
    if (talk.time) line += talk.time->start.hhmm() + "\u2013" + talk.time->end.hhmm() + ' ';
    line += event_summary(p, talk);
    const std::string speakers = joined(names(p, talk.speakers), ", ");
    if (!speakers.empty()) line += " \u2014 " + speakers;
    return line;
}

std::string talks_block(const model::Programme& p, const model::Item& item) {
    if (item.children.empty()) return {};
    std::string out = labels(p).talks;
    for (const auto& child : item.children) out += '\n' + talk_line(p, child);
    return out;
}

std::string session_block(const model::Programme& p, const model::ItemRef& ref) {
    if (!ref.parent) return {};
    return labels(p).session + event_summary(p, *ref.parent);
}

std::string room_name(const model::Programme& p, const model::ItemRef& ref) {
    std::string id = ref.item->room;
    if (id.empty() && ref.parent) id = ref.parent->room;
    if (id.empty()) return {};
    const auto* room = p.room(id);
    return room ? room->name : id;
}

std::string upper(std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

}  // namespace

std::string event_summary(const model::Programme& p, const model::Item& item) {
    if (!item.title.empty()) return item.title;
    if (item.kind == model::ItemKind::Break) return labels(p).break_title;
    if (item.kind == model::ItemKind::Meal) return labels(p).meal_title;
    return {};
}

std::string person_line(const model::Person& person) {
    std::vector<std::string> parts = {person.display_name(), person.role};
    parts.insert(parts.end(), person.affiliations.begin(), person.affiliations.end());
    return joined(parts, ", ");
}

std::string event_description(const model::Programme& p, const model::ItemRef& ref) {
    const model::Item& item = *ref.item;
    return joined({item.subtitle, people_block(p, item), talks_block(p, item), session_block(p, ref),
                   item.abstract.plain()},
                  "\n\n");
}

std::string event_location(const model::Programme& p, const model::ItemRef& ref) {
    const model::Venue& v = p.venue;
    return joined({v.name, room_name(p, ref), v.street, joined({v.postcode, v.city}, " ")}, ", ");
}

std::vector<std::string> event_categories(const model::Item& item) {
    std::vector<std::string> out = {upper(model::kind_name(item.kind))};
    for (const auto& k : item.keywords)
        if (!k.empty()) out.push_back(k);
    return out;
}

}  // namespace booklet::calendar
