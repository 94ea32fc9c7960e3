// Fuzz target: iCalendar escaping and folding.
//  1. Any bytes as a TEXT value: every physical line is at most 75 octets,
//     ends in CRLF, is valid UTF-8 on its own (no sequence cut by a fold),
//     and unfolding and unescaping gives back the value, normalised as the
//     writer documents (line breaks → "\n", tab → space, other ASCII
//     controls dropped, invalid UTF-8 → U+FFFD).
//  2. The same through the model: the bytes (split at NULs) become a talk's
//     title, a room's name and a speaker's name in the seed programme; the
//     programme calendar is parsed by libical, whose SUMMARY must be the
//     title, normalised the same way.
#include <libical/ical.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "calendar/calendar.hpp"
#include "calendar/ics_writer.hpp"
#include "fuzz_support.hpp"
#include "read/programme_reader.hpp"

using namespace booklet;

namespace {

// What a reader of the calendar should see: the writer's documented rules,
// written here independently of the writer.
std::string expected_text(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == '\r') {
            out += '\n';
            i += (i + 1 < s.size() && s[i + 1] == '\n') ? 2 : 1;
        } else if (c == '\n') {
            out += '\n';
            ++i;
        } else if (c == '\t') {
            out += ' ';
            ++i;
        } else if (c < 0x20 || c == 0x7F) {
            ++i;
        } else {
            bool ok = true;
            const std::size_t at = i;
            const char32_t cp = unicode::decode(s, i, ok);
            if (ok) out.append(s.substr(at, i - at));
            else unicode::append(out, unicode::kReplacement);
            (void)cp;
        }
    }
    return out;
}

// Physical lines → logical lines (RFC 5545 §3.1), checking each.
std::vector<std::string> unfold(const std::string& text) {
    std::vector<std::string> logical;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t end = text.find("\r\n", pos);
        fuzz::require(end != std::string::npos, "a line does not end in CRLF");
        const std::string_view line(text.data() + pos, end - pos);
        fuzz::require(line.size() <= calendar::ics::kMaxLineOctets, "a line longer than 75 octets");
        fuzz::require(line.find('\r') == std::string_view::npos && line.find('\n') == std::string_view::npos,
                      "a bare CR or LF inside a line");
        fuzz::require(unicode::valid(line), "a fold cut a UTF-8 sequence");
        if (!line.empty() && line[0] == ' ') {
            fuzz::require(!logical.empty(), "the first line is a continuation");
            logical.back().append(line.substr(1));
        } else {
            logical.emplace_back(line);
        }
        pos = end + 2;
    }
    return logical;
}

std::string unescape(std::string_view v) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (v[i] != '\\') {
            fuzz::require(v[i] != ';' && v[i] != ',', "an unescaped ';' or ',' in a TEXT value");
            out += v[i];
            continue;
        }
        fuzz::require(i + 1 < v.size(), "a TEXT value ends with a lone backslash");
        const char n = v[++i];
        if (n == 'n' || n == 'N') out += '\n';
        else if (n == '\\' || n == ';' || n == ',') out += n;
        else fuzz::fail(std::string("unknown escape \\") + n);
    }
    return out;
}

void escaping_round_trip(std::string_view value) {
    calendar::ics::Writer w;
    w.begin("VEVENT");
    w.text("DESCRIPTION", value);
    w.end("VEVENT");
    const auto lines = unfold(w.finish());
    fuzz::require(lines.size() == 3, "one TEXT value became several content lines");
    const std::string prefix = "DESCRIPTION:";
    fuzz::require(lines[1].rfind(prefix, 0) == 0, "the property name was damaged");
    fuzz::require(unescape(std::string_view(lines[1]).substr(prefix.size())) == expected_text(value),
                  "the value did not survive escaping and folding");
}

const model::Programme& seed() {
    static const model::Programme p = [] {
        model::Diagnostics diags;
        auto r = read::read_programme_file(std::string(BOOKLET_SOURCE_DIR) + "/input/medico-social-2020.xml", diags);
        if (!r) fuzz::fail("cannot read the seed programme");
        return *r;
    }();
    return p;
}

model::Item* first_talk(model::Programme& p) {
    for (auto& d : p.days)
        for (auto& i : d.items) {
            if (i.kind == model::ItemKind::Talk) return &i;
            for (auto& c : i.children)
                if (c.kind == model::ItemKind::Talk) return &c;
        }
    return nullptr;
}

// What the readers guarantee of a title or a name in the model: XML white
// space collapsed to single spaces, none at either end.
std::string as_read(std::string_view s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

void model_round_trip(std::vector<std::string> parts) {
    // Model text is valid UTF-8 without control characters (the readers
    // refuse both), white space collapsed and trimmed.
    for (auto& part : parts) {
        if (!unicode::valid(part)) return;
        std::string kept;
        unicode::for_each(part, [&](char32_t cp, std::size_t) {
            if (cp == '\t' || cp == '\r' || cp == '\n' || !unicode::is_control(cp)) unicode::append(kept, cp);
        });
        part = as_read(kept);
    }
    model::Programme p = seed();
    model::Item* talk = first_talk(p);
    fuzz::require(talk != nullptr, "the seed has no talk");
    // An empty title falls back to other text; keep the property simple.
    if (parts[0].empty() || expected_text(parts[0]).empty()) return;
    talk->title = parts[0];
    if (!p.rooms.empty()) p.rooms.front().name = parts[1];
    if (!talk->speakers.empty())
        for (auto& person : p.people)
            if (person.id == talk->speakers.front().id) person.family = parts[2];

    calendar::CalendarOptions options;
    options.dtstamp = 1580000000;
    model::Diagnostics diags;
    const auto files = calendar::make_calendar_files(p, "fuzz", options, diags);
    fuzz::require(!files.empty(), "no calendar for a programme that has one");
    const std::string uid = calendar::item_uid(p, *talk);
    for (const auto& f : files) {
        unfold(f.content);
        icalcomponent* root = icalparser_parse_string(f.content.c_str());
        fuzz::require(root != nullptr, "libical cannot parse " + f.relative_path);
        bool found = false;
        for (icalcomponent* ev = icalcomponent_get_first_component(root, ICAL_VEVENT_COMPONENT); ev;
             ev = icalcomponent_get_next_component(root, ICAL_VEVENT_COMPONENT)) {
            const char* u = icalcomponent_get_uid(ev);
            if (!u || uid != u) continue;
            found = true;
            const char* summary = icalcomponent_get_summary(ev);
            fuzz::require(summary && expected_text(parts[0]) == summary,
                          "libical reads another SUMMARY in " + f.relative_path + ": '" +
                              (summary ? summary : "(none)") + "' for '" + expected_text(parts[0]) + "'");
        }
        icalcomponent_free(root);
        if (f.relative_path == "fuzz.ics") fuzz::require(found, "the talk is missing from the programme calendar");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    escaping_round_trip(bytes);
    std::vector<std::string> parts(3);
    std::size_t k = 0;
    for (char c : bytes) {
        if (c == '\0' && k < 2) ++k;
        else parts[k] += c;
    }
    model_round_trip(parts);
    return 0;
}
