#include "read/schedule_json.hpp"

#include <tinyxml2.h>

#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <utility>
#include <vector>

#include "read/json_source.hpp"
#include "read/schedule_reader.hpp"

namespace booklet::read {

namespace {

using json::Member;
using json::Value;
using model::SourceLocation;
using tinyxml2::XMLElement;

using Type = Value::Type;

// A JSON key that can be an XML element name as it is.
bool is_element_name(const std::string& s) {
    if (s.empty() || s.size() > 100) return false;
    auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
    if (!letter(s[0])) return false;
    for (char c : s)
        if (!(letter(c) || (c >= '0' && c <= '9') || c == '-' || c == '.')) return false;
    return true;
}

// Builds the schedule.xml tree of a schedule.json and remembers where in
// the JSON each element and attribute came from.
class Builder {
public:
    Builder(const json::Document& doc, model::Diagnostics& diags) : doc_(doc), path_(doc.path()), d_(diags) {}

    // The <schedule> element, or nullptr (with an error) when the JSON is
    // not a schedule. The JSON document is not used after this.
    XMLElement* build();

    SourceLocation where(const XMLElement* e, const char* attribute) const {
        const auto index = reinterpret_cast<std::uintptr_t>(e->GetUserData());
        if (index == 0 || index > places_.size()) return {path_, 0, 0};
        const Place& p = places_[index - 1];
        if (attribute)
            for (const auto& a : p.attributes)
                if (a.name == attribute) return {path_, a.line, a.column};
        return {path_, p.line, p.column};
    }

    const tinyxml2::XMLDocument& xml() const { return xml_; }

private:
    // Where an element and its attributes came from (the file's path is
    // the same for all: kept once).
    struct AttributePlace {
        std::string name;
        int line, column;
    };
    struct Place {
        int line, column;
        std::vector<AttributePlace> attributes;
    };

    XMLElement* element(tinyxml2::XMLNode* parent, const char* name, int line, int column) {
        XMLElement* e = xml_.NewElement(name);
        parent->InsertEndChild(e);
        places_.push_back({line, column, {}});
        e->SetUserData(reinterpret_cast<void*>(static_cast<std::uintptr_t>(places_.size())));
        return e;
    }
    XMLElement* element(tinyxml2::XMLNode* parent, const char* name, const Value& v) {
        return element(parent, name, v.line, v.column);
    }
    void place_attribute(XMLElement* e, const char* name, int line, int column) {
        places_[reinterpret_cast<std::uintptr_t>(e->GetUserData()) - 1].attributes.push_back({name, line, column});
    }

    void warn(const Value& v, std::string message) { d_.warning(doc_.where(v), std::move(message)); }
    void wrong_type(const std::string& key, const Value& v, const char* expected) {
        warn(v, "\"" + key + "\" is " + json::type_name(v.type) + ", expected " + expected + ": left out");
    }

    // A scalar as an element's text (null: an empty element, as frab
    // writes <logo/>); an array or object is left out with a warning.
    void text_child(XMLElement* parent, const std::string& name, const Value& v) {
        if (!v.is_scalar()) return wrong_type(name, v, "text");
        XMLElement* e = element(parent, name.c_str(), v);
        if (v.type != Type::Null) e->SetText(v.text.c_str());
    }
    // A scalar as an attribute (null: no attribute).
    void attribute(XMLElement* e, const char* name, const Value* v, const std::string& key) {
        if (!v || v->type == Type::Null) return;
        if (!v->is_scalar()) return wrong_type(key, *v, "text");
        e->SetAttribute(name, v->text.c_str());
        place_attribute(e, name, v->line, v->column);
    }
    // Members not mapped otherwise: scalars become children of the same name.
    // An array or object is ignored, as the XML reader ignores unknown
    // elements, except where text is known to belong (`text_fields`).
    void other_member(XMLElement* parent, const Member& m, std::initializer_list<std::string_view> text_fields) {
        if (m.value.is_scalar()) {
            if (is_element_name(m.key)) text_child(parent, m.key, m.value);
            return;
        }
        for (const auto f : text_fields)
            if (m.key == f) return wrong_type(m.key, m.value, "text");
    }
    // An array member: nullptr when null (nothing to do) or not an array (warned).
    const std::vector<Value>* list(const Member& m) {
        if (m.value.type == Type::Array) return &m.value.items;
        if (m.value.type != Type::Null) wrong_type(m.key, m.value, "an array");
        return nullptr;
    }

    void conference(XMLElement* schedule, const Value& c);
    void day(XMLElement* schedule, const Value& d);
    void event(XMLElement* room, const Value& e);
    void persons(XMLElement* event, const Member& m);
    void links(XMLElement* event, const Member& m, const char* list_name, const char* item_name);

    const json::Document& doc_;
    std::string path_;
    model::Diagnostics& d_;
    tinyxml2::XMLDocument xml_;
    std::vector<Place> places_;  // an element's user data is its index + 1
};

XMLElement* Builder::build() {
    const Value& root = doc_.root();
    if (root.type != Type::Object) {
        d_.error(doc_.where(root), std::string("the JSON document is ") + json::type_name(root.type) +
                                       ", expected an object holding a \"schedule\" (a frab/pretalx schedule.json)");
        return nullptr;
    }
    const Value* s = root.find("schedule");
    if (!s) {
        d_.error(doc_.where(root), "the JSON object has no \"schedule\" member: not a frab/pretalx schedule.json");
        return nullptr;
    }
    if (s->type != Type::Object) {
        d_.error(doc_.where(*s), std::string("\"schedule\" is ") + json::type_name(s->type) + ", expected an object");
        return nullptr;
    }
    XMLElement* schedule = element(&xml_, "schedule", *s);
    const Value* c = nullptr;
    for (const Member& m : s->members) {
        if (m.key == "conference") {
            if (m.value.type == Type::Object) c = &m.value;
            else if (m.value.type != Type::Null) wrong_type(m.key, m.value, "an object");
        } else {
            other_member(schedule, m, {"version", "url", "base_url"});
        }
    }
    if (c) conference(schedule, *c);
    return schedule;
}

void Builder::conference(XMLElement* schedule, const Value& c) {
    XMLElement* conf = element(schedule, "conference", c);
    for (const Member& m : c.members) {
        if (m.key == "days") {
            if (m.value.is_scalar() && m.value.type != Type::Null) {
                text_child(conf, "days", m.value);  // a count, as in schedule.xml
                continue;
            }
            if (const auto* days = list(m))
                for (const Value& d : *days) {
                    if (d.type == Type::Object) day(schedule, d);
                    else warn(d, std::string("a day is ") + json::type_name(d.type) + ", expected an object: left out");
                }
        } else if (m.key == "daysCount") {
            text_child(conf, "days", m.value);
        } else if (m.key == "rooms" || m.key == "tracks") {
            const auto* items = list(m);
            if (!items) continue;
            const bool rooms = m.key == "rooms";
            XMLElement* group = element(conf, m.key.c_str(), m.value);
            for (const Value& x : *items) {
                if (x.type == Type::String) {
                    element(group, rooms ? "room" : "track", x)->SetText(x.text.c_str());
                } else if (x.type == Type::Object) {
                    XMLElement* e = element(group, rooms ? "room" : "track", x);
                    attribute(e, "name", x.find("name"), "name");
                    attribute(e, rooms ? "guid" : "slug", x.find(rooms ? "guid" : "slug"), rooms ? "guid" : "slug");
                    if (!rooms) attribute(e, "color", x.find("color"), "color");
                } else {
                    warn(x, std::string("a ") + (rooms ? "room" : "track") + " is " + json::type_name(x.type) +
                                ", expected an object: left out");
                }
            }
        } else {
            other_member(conf, m, {"acronym", "title", "subtitle", "start", "end", "timeslot_duration", "time_zone_name",
                                   "url", "base_url", "venue", "city", "day_change", "description"});
        }
    }
}

void Builder::day(XMLElement* schedule, const Value& d) {
    XMLElement* day = element(schedule, "day", d);
    attribute(day, "index", d.find("index"), "index");
    attribute(day, "date", d.find("date"), "date");
    attribute(day, "start", d.find("day_start") ? d.find("day_start") : d.find("start"), "day_start");
    attribute(day, "end", d.find("day_end") ? d.find("day_end") : d.find("end"), "day_end");
    const Value* rooms = d.find("rooms");
    if (!rooms || rooms->type == Type::Null) return;
    if (rooms->type != Type::Object) {
        wrong_type("rooms", *rooms, "an object of room names and their events");
        return;
    }
    for (const Member& r : rooms->members) {
        XMLElement* room = element(day, "room", r.line, r.column);
        room->SetAttribute("name", r.key.c_str());
        place_attribute(room, "name", r.line, r.column);
        if (const auto* events = list(r))
            for (const Value& e : *events) {
                if (e.type == Type::Object) event(room, e);
                else warn(e, std::string("an event is ") + json::type_name(e.type) + ", expected an object: left out");
            }
    }
}

void Builder::event(XMLElement* room, const Value& ev) {
    XMLElement* e = element(room, "event", ev);
    XMLElement* recording = nullptr;
    for (const Member& m : ev.members) {
        if (m.key == "id" || m.key == "guid") {
            attribute(e, m.key == "id" ? "id" : "guid", &m.value, m.key);
        } else if (m.key == "persons") {
            persons(e, m);
        } else if (m.key == "links") {
            links(e, m, "links", "link");
        } else if (m.key == "attachments") {
            links(e, m, "attachments", "attachment");
        } else if (m.key == "recording_license" || m.key == "do_not_record") {
            if (!m.value.is_scalar()) {
                wrong_type(m.key, m.value, "text");
                continue;
            }
            if (!recording) recording = element(e, "recording", m.value);
            text_child(recording, m.key == "do_not_record" ? "optout" : "license", m.value);
        } else {
            other_member(e, m, {"date", "start", "duration", "end", "room", "slug", "title", "subtitle", "track", "type",
                                "language", "abstract", "description", "url", "logo"});
        }
    }
}

void Builder::persons(XMLElement* event, const Member& m) {
    const auto* items = list(m);
    if (!items) return;
    XMLElement* ps = element(event, "persons", m.value);
    for (const Value& p : *items) {
        if (p.type == Type::String) {
            element(ps, "person", p)->SetText(p.text.c_str());
            continue;
        }
        if (p.type != Type::Object) {
            warn(p, std::string("a person is ") + json::type_name(p.type) + ", expected an object: left out");
            continue;
        }
        XMLElement* pe = element(ps, "person", p);
        attribute(pe, "id", p.find("id"), "id");
        attribute(pe, "guid", p.find("guid"), "guid");
        attribute(pe, "code", p.find("code"), "code");
        attribute(pe, "href", p.find("url"), "url");
        // The name printed: public_name (frab, pretalx), else name, else
        // full_public_name or full_name (older frab).
        for (const char* key : {"public_name", "name", "full_public_name", "full_name"}) {
            const Value* n = p.find(key);
            if (!n || n->type == Type::Null) continue;
            if (!n->is_scalar()) {
                wrong_type(key, *n, "text");
                continue;
            }
            if (n->text.find_first_not_of(" \t\r\n") == std::string::npos) continue;
            pe->SetText(n->text.c_str());
            break;
        }
    }
}

void Builder::links(XMLElement* event, const Member& m, const char* list_name, const char* item_name) {
    const auto* items = list(m);
    if (!items) return;
    XMLElement* group = element(event, list_name, m.value);
    for (const Value& l : *items) {
        if (l.type == Type::String) {
            element(group, item_name, l)->SetText(l.text.c_str());  // as frab writes it: <link>text</link>
        } else if (l.type == Type::Object) {
            XMLElement* e = element(group, item_name, l);
            attribute(e, "href", l.find("url") ? l.find("url") : l.find("href"), "url");
            if (const Value* t = l.find("title"); t && t->type != Type::Null) {
                if (t->is_scalar()) e->SetText(t->text.c_str());
                else wrong_type("title", *t, "text");
            }
        } else {
            warn(l, std::string("a ") + item_name + " is " + json::type_name(l.type) + ", expected an object: left out");
        }
    }
}

}  // namespace

std::optional<model::Programme> read_schedule_json(const io::InputFile& file, model::Diagnostics& diags,
                                                   const ScheduleOptions& options) {
    auto doc = json::Document::parse(file, diags);
    if (!doc) return std::nullopt;
    Builder builder(*doc, diags);
    const XMLElement* root = builder.build();
    doc.reset();  // the JSON tree is not needed any more: free it before reading
    if (!root) return std::nullopt;
    const ElementLocator where = [&](const XMLElement* e, const char* a) { return builder.where(e, a); };
    return read_schedule_document(root, where, diags, options);
}

std::optional<model::Programme> read_schedule_json_file(const std::string& path, model::Diagnostics& diags,
                                                        const ScheduleOptions& options) {
    auto file = io::read_input_file(path, diags);
    if (!file) return std::nullopt;
    return read_schedule_json(*file, diags, options);
}

std::optional<std::string> schedule_json_as_xml(const io::InputFile& file, model::Diagnostics& diags) {
    const auto doc = json::Document::parse(file, diags);
    if (!doc) return std::nullopt;
    Builder builder(*doc, diags);
    if (!builder.build()) return std::nullopt;
    tinyxml2::XMLPrinter printer;
    builder.xml().Print(&printer);
    return std::string(printer.CStr(), static_cast<std::size_t>(printer.CStrSize() - 1));
}

}  // namespace booklet::read
