#pragma once
// Every piece of user-written text in a programme, with where it came from
// and what it is ("title of talk 't1'"), for the stages that treat all text
// alike: the checker (characters, lengths) and the schedule.xml reader
// (which cleans what an export may carry). Works on a const Programme or a
// mutable one.
#include <string>
#include <type_traits>

#include "model/programme.hpp"

namespace booklet::model {

// "talk 't1'", or just "talk" when booklet made the id up.
inline std::string item_label(const Item& item) {
    return std::string(kind_name(item.kind)) + (item.id_derived ? "" : " '" + item.id + "'");
}

// Calls field(where, what, string) for each plain text and
// rich(where, what, Text) for the introduction and each abstract.
template <class P, class Field, class Rich>
    requires std::is_same_v<std::remove_const_t<P>, Programme>
void for_each_text(P& p, Field&& field, Rich&& rich) {
    field(p.where, "programme title", p.title);
    field(p.where, "programme subtitle", p.subtitle);
    field(p.venue.where, "venue name", p.venue.name);
    field(p.venue.where, "venue street", p.venue.street);
    field(p.venue.where, "venue city", p.venue.city);
    rich(p.where, "introduction", p.introduction);
    for (auto& r : p.rooms) field(r.where, "name of room '" + r.id + "'", r.name);
    for (auto& t : p.tracks) field(t.where, "name of track '" + t.id + "'", t.name);
    for (auto& o : p.organisers) field(o.where, "organiser name", o.name);
    for (auto& person : p.people) {
        const std::string who = " of person '" + person.id + "'";
        field(person.where, "given name" + who, person.given);
        field(person.where, "family name" + who, person.family);
        field(person.where, "role" + who, person.role);
        for (auto& a : person.affiliations) field(person.where, "affiliation" + who, a);
    }
    auto item_texts = [&](auto& item) {
        const std::string who = item_label(item);
        field(item.where, "title of " + who, item.title);
        field(item.where, "subtitle of " + who, item.subtitle);
        for (auto& k : item.keywords) field(item.where, "keyword of " + who, k);
        rich(item.where, "abstract of " + who, item.abstract);
    };
    for (auto& day : p.days)
        for (auto& item : day.items) {
            item_texts(item);
            for (auto& child : item.children) item_texts(child);
        }
}

}  // namespace booklet::model
