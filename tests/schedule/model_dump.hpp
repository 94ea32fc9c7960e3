#pragma once
// A programme as text, every field but the source locations (and the
// acronym, which the programme format has no place for), so that two models
// compare with a readable diff: "read → write → read gives the same model".
#include <sstream>
#include <string>

#include "model/programme.hpp"

namespace booklet::test {

inline void dump_inlines(std::ostringstream& o, const std::vector<model::Inline>& in) {
    for (const auto& x : in) {
        o << "[";
        if (x.emphasis) o << "em ";
        if (x.strong) o << "strong ";
        if (x.code) o << "code ";
        if (!x.href.empty()) o << "href=" << x.href << " ";
        o << "'" << x.text << "']";
    }
}

inline void dump_blocks(std::ostringstream& o, const std::vector<model::Block>& blocks, const std::string& indent) {
    for (const auto& b : blocks) {
        switch (b.kind) {
            case model::Block::Kind::Paragraph: o << indent << "p "; break;
            case model::Block::Kind::Heading: o << indent << "h" << b.level << " "; break;
            case model::Block::Kind::List: o << indent << (b.ordered ? "ol" : "ul") << "\n"; break;
            case model::Block::Kind::Code:
                o << indent << "pre\n";
                for (const auto& l : b.lines) o << indent << "  |" << l << "|\n";
                break;
        }
        if (b.kind == model::Block::Kind::Paragraph || b.kind == model::Block::Kind::Heading) {
            dump_inlines(o, b.inlines);
            o << "\n";
        }
        for (const auto& item : b.items) {
            o << indent << "  li\n";
            dump_blocks(o, item, indent + "    ");
        }
    }
}

inline void dump_item(std::ostringstream& o, const model::Item& i, const std::string& indent) {
    o << indent << model::kind_name(i.kind) << " id=" << i.id << (i.id_derived ? " (derived)" : "") << " title='"
      << i.title << "' subtitle='" << i.subtitle << "'";
    if (i.time) o << " " << i.time->start.minutes << "-" << i.time->end.minutes;
    o << " room=" << i.room << " track=" << i.track << " lang=" << i.lang << " href=" << i.href
      << (i.guests_to_be_confirmed ? " guests-tbc" : "") << (i.may_overlap ? " may-overlap" : "") << " speakers=";
    for (const auto& s : i.speakers) o << s.id << ",";
    o << " chairs=";
    for (const auto& s : i.chairs) o << s.id << ",";
    o << " keywords=";
    for (const auto& k : i.keywords) o << k << ",";
    o << "\n";
    dump_blocks(o, i.abstract.blocks, indent + "  | ");
    for (const auto& c : i.children) dump_item(o, c, indent + "    ");
}

inline std::string dump(const model::Programme& p) {
    std::ostringstream o;
    o << "programme id=" << p.id << " lang=" << p.lang << " tz=" << p.timezone << " revision=" << p.revision << "\n";
    o << "title='" << p.title << "' subtitle='" << p.subtitle << "'\n";
    o << "venue '" << p.venue.name << "' '" << p.venue.street << "' '" << p.venue.postcode << "' '" << p.venue.city
      << "' '" << p.venue.country << "'\n";
    for (const auto& r : p.rooms) o << "room " << r.id << " '" << r.name << "'\n";
    o << "capacity " << (p.capacity ? std::to_string(*p.capacity) : "-") << " '" << p.capacity_note << "'\n";
    o << "registration " << p.registration_url << " website " << p.website_url << "\n";
    for (const auto& t : p.tracks) o << "track " << t.id << " '" << t.name << "'\n";
    for (const auto& org : p.organisers) o << "organisation '" << org.name << "' " << org.logo << " " << org.href << "\n";
    for (const auto& x : p.people) {
        o << "person " << x.id << " '" << x.given << "' '" << x.family << "' role='" << x.role << "' email=" << x.email
          << " url=" << x.url << " affiliations=";
        for (const auto& a : x.affiliations) o << a << ";";
        o << "\n";
        dump_blocks(o, x.biography.blocks, "  biography | ");
    }
    for (const auto& m : p.committee) o << "member " << m.id << "\n";
    for (const auto& c : p.contacts) o << "contact " << c.ref << " " << c.email << "\n";
    o << "introduction\n";
    dump_blocks(o, p.introduction.blocks, "  | ");
    for (const auto& d : p.days) {
        o << "day " << d.date.iso() << " " << (d.start ? d.start->hhmm() : "-") << " " << (d.end ? d.end->hhmm() : "-")
          << "\n";
        for (const auto& i : d.items) dump_item(o, i, "  ");
    }
    return o.str();
}

}  // namespace booklet::test
