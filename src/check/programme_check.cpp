#include "check/programme_check.hpp"

#include "io/image_info.hpp"

#include <unicode/timezone.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include "model/text_fields.hpp"
#include "unicode/utf8.hpp"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <set>

namespace booklet::check {

using model::Item;
using model::ItemKind;
using model::SourceLocation;

bool is_known_time_zone(const std::string& tz) {
    if (tz.empty()) return false;
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString canonical;
    UBool system = false;
    icu::TimeZone::getCanonicalID(icu::UnicodeString::fromUTF8(tz), canonical, system, status);
    return U_SUCCESS(status) && system && canonical != icu::UnicodeString("Etc/Unknown");
}

namespace {

std::string line_col(const SourceLocation& w) {
    return "line " + std::to_string(w.line) + ":" + std::to_string(w.column);
}

std::string span(const model::TimeRange& t) { return t.start.hhmm() + "–" + t.end.hhmm(); }

std::string describe(const Item& item) {
    std::string s = model::kind_name(item.kind);
    if (!item.title.empty()) s += " «" + item.title + "»";
    else if (!item.id_derived) s += " '" + item.id + "'";
    return s;
}

bool is_space(char32_t cp) {
    if (cp == 0x00A0 || cp == 0x202F || cp == 0x2007) return false;  // no-break: part of the word
    return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || u_charType(static_cast<UChar32>(cp)) == U_SPACE_SEPARATOR;
}

// The first problem of a piece of text that layout cannot set faithfully,
// or "" when there is none. `what` names the text in the message.
std::string text_problem(std::string_view text, std::size_t max_characters) {
    std::size_t characters = 0, word = 0, longest = 0;
    std::string problem;
    unicode::for_each(text, [&](char32_t cp, std::size_t) {
        ++characters;
        word = is_space(cp) ? 0 : word + 1;
        longest = std::max(longest, word);
        if (!problem.empty()) return;
        if (unicode::is_unsettable_format(cp)) {
            const bool bidi = unicode::is_bidi_control(cp);
            problem = std::string(bidi ? "invisible direction control " : "invisible character ") +
                      unicode::character_name(cp) + ": booklet would drop it" +
                      (bidi ? " (it can reorder what readers see)" : "") + "; remove it";
        } else if (unicode::is_right_to_left(cp)) {
            problem = "right-to-left character '" + unicode::encode(cp) + "' (" + unicode::character_name(cp) +
                      "): booklet sets left-to-right text only";
        }
    });
    if (!problem.empty()) return problem;
    if (characters > max_characters)
        return std::to_string(characters) + " characters, more than booklet's limit of " +
               std::to_string(max_characters);
    if (longest > kMaxWordCharacters)
        return "a word of " + std::to_string(longest) + " characters without a space, longer than booklet's limit of " +
               std::to_string(kMaxWordCharacters) + "; is a space missing?";
    return "";
}

class Checker {
public:
    Checker(const model::Programme& p, const CheckOptions& o) : p_(p), o_(o) {}

    model::Diagnostics run() {
        check_header();
        check_unique_ids();
        check_references();
        check_days();
        check_logos();
        check_sizes();
        check_texts();
        return std::move(d_);
    }

private:
    void check_header() {
        if (p_.title.empty()) d_.error(p_.where, "the programme has no title");
        if (!is_known_time_zone(p_.timezone))
            d_.error(p_.timezone_where.known() ? p_.timezone_where : p_.where,
                     "unknown time zone '" + p_.timezone + "': use an IANA name such as Europe/Paris");
        for (const auto& c : p_.contacts) {
            const auto* person = p_.person(c.ref);
            if (person && c.email.empty() && person->email.empty())
                d_.error(c.where, "contact '" + c.ref + "' has no e-mail address: give one on <contact> or <person>");
        }
    }

    template <typename T>
    void unique(const std::vector<T>& v, const char* what) {
        std::map<std::string, SourceLocation> seen;
        for (const auto& x : v) {
            auto [it, fresh] = seen.emplace(x.id, x.where);
            if (!fresh)
                d_.error(x.where, std::string("duplicate ") + what + " id '" + x.id + "' (first defined at " +
                                      line_col(it->second) + ")");
        }
    }

    void check_unique_ids() {
        unique(p_.people, "person");
        unique(p_.rooms, "room");
        unique(p_.tracks, "track");
        std::map<std::string, SourceLocation> seen;
        for (const auto& r : p_.all_items()) {
            auto [it, fresh] = seen.emplace(r.item->id, r.item->where);
            if (fresh) continue;
            if (r.item->id_derived)
                d_.error(r.item->where, "two items of the same kind start at the same time on this day: give them ids (first at " +
                                            line_col(it->second) + ")");
            else
                d_.error(r.item->where, "duplicate item id '" + r.item->id + "' (first defined at " +
                                            line_col(it->second) + ")");
        }
    }

    void person_ref(const model::PersonRef& ref) {
        if (!p_.person(ref.id)) d_.error(ref.where, "unknown person '" + ref.id + "': no <person id=\"" + ref.id + "\">");
        used_.insert(ref.id);
    }

    void check_references() {
        for (const auto& m : p_.committee) person_ref(m);
        for (const auto& c : p_.contacts) person_ref({c.ref, c.where});
        for (const auto& r : p_.all_items()) {
            const Item& item = *r.item;
            for (const auto& s : item.speakers) person_ref(s);
            for (const auto& c : item.chairs) person_ref(c);
            if (!item.room.empty() && !p_.room(item.room))
                d_.error(item.where, "unknown room '" + item.room + "': no <room id=\"" + item.room + "\">");
            if (!item.track.empty() && !p_.track(item.track))
                d_.error(item.where, "unknown track '" + item.track + "': no <track id=\"" + item.track + "\">");
        }
        for (const auto& person : p_.people)
            if (!used_.count(person.id))
                d_.warning(person.where, "person '" + person.id + "' is defined but never referenced");
    }

    void check_item(const Item& item) {
        const bool labelled = item.kind == ItemKind::Break || item.kind == ItemKind::Meal;
        if (item.title.empty() && !labelled) d_.error(item.where, describe(item) + " has no title");
        if (item.time && item.time->end <= item.time->start)
            d_.error(item.where, describe(item) + " ends at " + item.time->end.hhmm() +
                                     (item.time->end == item.time->start ? ", when it starts" : ", before it starts at " + item.time->start.hhmm()));
        if (item.kind == ItemKind::Talk && item.abstract.empty() && o_.warn_missing_abstracts)
            d_.warning(item.where, "talk '" + item.id + "' has no abstract");
    }

    bool valid_time(const Item& i) const { return i.time && i.time->end > i.time->start; }

    using Timed = model::TimedItem;

    // Overlapping items in one place: an error, unless one of the two may
    // overlap (overlap="allowed", or a schedule.xml's parallel events).
    void check_overlaps(std::vector<Timed> items, const char* where_text) {
        for (const auto& [i, j] : model::overlapping_items(items)) {
            const Item& a = *items[i].item;
            const Item& b = *items[j].item;
            std::string place = a.room == b.room && !a.room.empty() ? " in room '" + a.room + "'" : std::string(where_text);
            std::string message = describe(b) + " (" + span(*b.time) + ") overlaps " + describe(a) + " (" +
                                  span(*a.time) + ", " + line_col(a.where) + ")" + place;
            if (a.may_overlap || b.may_overlap) d_.warning(b.where, std::move(message));
            else d_.error(b.where, std::move(message) + " (overlap=\"allowed\" on either lets them)");
        }
    }

    static void add_timed(std::vector<Timed>& out, const Item& item, long day_start) {
        if (item.time && item.time->end > item.time->start)
            out.push_back({&item, day_start + item.time->start.minutes, day_start + item.time->end.minutes});
    }

    void check_days() {
        std::map<model::Date, SourceLocation> dates;
        std::vector<Timed> top;  // every day's items: a night may run into the next day
        for (const auto& day : p_.days) {
            auto [it, fresh] = dates.emplace(day.date, day.where);
            if (!fresh && day.date.valid())
                d_.error(day.where, "a second <day> for " + day.date.iso() + " (first at " + line_col(it->second) + ")");
            if (day.start && day.end && *day.end <= *day.start)
                d_.error(day.where, "the day ends at " + day.end->hhmm() + ", before it starts at " + day.start->hhmm());
            const long day_start = day.date.valid() ? day.date.days_since_epoch() * 1440 : 0;
            for (const auto& item : day.items) {
                check_item(item);
                add_timed(top, item, day_start);
                if (valid_time(item) && ((day.start && item.time->start < *day.start) || (day.end && item.time->end > *day.end)))
                    d_.warning(item.where, describe(item) + " (" + span(*item.time) + ") lies outside the day's hours");
                check_session(item);
            }
        }
        check_overlaps(std::move(top), "");
        for (std::size_t i = 1; i < p_.days.size(); ++i)
            if (p_.days[i].date < p_.days[i - 1].date)
                d_.warning(p_.days[i].where, "days are not in date order");
    }

    void check_session(const Item& session) {
        if (session.children.empty()) return;
        std::vector<Timed> talks;
        for (const auto& talk : session.children) {
            check_item(talk);
            add_timed(talks, talk, 0);
            if (!valid_time(talk) || !valid_time(session)) continue;
            if (talk.time->start < session.time->start || talk.time->end > session.time->end)
                d_.error(talk.where, describe(talk) + " (" + span(*talk.time) + ") lies outside its " +
                                         model::kind_name(session.kind) + " (" + span(*session.time) + ", " +
                                         line_col(session.where) + ")");
            if (!talk.room.empty() && !session.room.empty() && talk.room != session.room)
                d_.error(talk.where, "talk in room '" + talk.room + "' inside a " + model::kind_name(session.kind) +
                                         " held in room '" + session.room + "'");
        }
        check_overlaps(talks, " in the same session");
    }

    void check_logos() {
        namespace fs = std::filesystem;
        for (const auto& org : p_.organisers) {
            if (org.logo.empty()) continue;
            std::error_code ec;
            const fs::path base = fs::weakly_canonical(fs::path(o_.base_dir), ec);
            const fs::path path = fs::weakly_canonical(base / org.logo, ec);
            if (!o_.allow_outside) {
                auto rel = path.lexically_relative(base);
                if (rel.empty() || *rel.begin() == "..") {
                    d_.error(org.where, "logo '" + org.logo + "' lies outside the programme's folder (use --allow-outside)");
                    continue;
                }
            }
            if (!fs::is_regular_file(path, ec)) {
                d_.error(org.where, "logo '" + org.logo + "' is not a readable file");
                continue;
            }
            if (!io::read_image_info(path.string()))
                d_.error(org.where, "logo '" + org.logo + "' is neither a PNG nor a JPEG image");
        }
    }

    // One error per count over its limit, at the first element past it.
    void check_sizes() {
        auto over = [&](std::size_t count, std::size_t limit, const SourceLocation& where, const char* what,
                        const char* advice) {
            if (count > limit)
                d_.error(where, std::to_string(count) + " " + what + ": more than booklet's limit of " +
                                    std::to_string(limit) + "; " + advice);
        };
        over(p_.days.size(), kMaxDays, p_.days.size() > kMaxDays ? p_.days[kMaxDays].where : p_.where, "days",
             "make one programme per event");
        over(p_.rooms.size(), kMaxRooms, p_.rooms.size() > kMaxRooms ? p_.rooms[kMaxRooms].where : p_.where, "rooms",
             "make one programme per event");
        over(p_.people.size(), kMaxPeople, p_.people.size() > kMaxPeople ? p_.people[kMaxPeople].where : p_.where,
             "people", "split the programme");
        std::size_t items = 0;
        SourceLocation first_over;
        for (const auto& day : p_.days)
            for (const auto& item : day.items)
                for (std::size_t k = 0; k <= item.children.size(); ++k)
                    if (++items == kMaxItems + 1) first_over = k == 0 ? item.where : item.children[k - 1].where;
        over(items, kMaxItems, first_over, "schedule items (sessions, talks, events, breaks)",
             "split the programme, e.g. one booklet per day");
    }

    void text(const SourceLocation& where, const std::string& what, std::string_view value,
              std::size_t max = kMaxFieldCharacters) {
        if (value.empty()) return;
        if (const auto problem = text_problem(value, max); !problem.empty())
            d_.error(where.known() ? where : p_.where, what + ": " + problem);
    }

    // A rich text: each block's inlines as one text for the word and
    // character rules; the whole text against `max` characters.
    void rich(const model::Text& t, const SourceLocation& owner, const std::string& what) {
        std::size_t total = 0;
        std::function<void(const std::vector<model::Block>&)> blocks = [&](const std::vector<model::Block>& bs) {
            for (const auto& b : bs) {
                std::string joined;
                for (const auto& in : b.inlines) joined += in.text;
                total += unicode::length(joined);
                // The size rule is for the whole text, below.
                text(b.where.known() ? b.where : owner, what, joined, std::numeric_limits<std::size_t>::max());
                for (const auto& item : b.items) blocks(item);
                for (const auto& line : b.lines) total += unicode::length(line);  // code: counted, set as written
            }
        };
        blocks(t.blocks);
        if (total > kMaxTextCharacters)
            d_.error(owner.known() ? owner : p_.where,
                     what + " of " + std::to_string(total) + " characters: more than booklet's limit of " +
                         std::to_string(kMaxTextCharacters) + " (about 30 printed pages)");
    }

    void check_texts() {
        model::for_each_text(
            p_, [&](const SourceLocation& where, const std::string& what, const std::string& value) { text(where, what, value); },
            [&](const SourceLocation& where, const std::string& what, const model::Text& t) { rich(t, where, what); });
    }

    const model::Programme& p_;
    const CheckOptions& o_;
    model::Diagnostics d_;
    std::set<std::string> used_;
};

}  // namespace

model::Diagnostics check_programme(const model::Programme& p, const CheckOptions& options) {
    return Checker(p, options).run();
}

}  // namespace booklet::check
