#pragma once
// The programme of one event: plain C++ value types, read from the
// project's XML or from a frab/pretalx schedule.xml. No library types.
#include <optional>
#include <string>
#include <vector>

#include "model/source_location.hpp"
#include "model/text.hpp"
#include "model/time.hpp"

namespace booklet::model {

struct Person {
    std::string id;
    std::string given;                      // may be empty
    std::string family;
    std::string role;                       // "Maître de conférences"
    std::vector<std::string> affiliations;  // in the order printed
    std::string email;
    std::string url;
    // From a schedule.xml's <biography> (<biography> in the programme XML):
    // kept, written by `booklet convert`, not printed yet.
    Text biography;
    SourceLocation where;

    std::string display_name() const;  // "Laura Nirello"
    std::string sort_name() const;     // "Nirello Laura" (family first)
};

struct PersonRef {
    std::string id;
    SourceLocation where;
};

struct Room {
    std::string id;
    std::string name;
    SourceLocation where;
};

struct Track {
    std::string id;
    std::string name;
    SourceLocation where;
};

struct Venue {
    std::string name;
    std::string street;
    std::string postcode;
    std::string city;
    std::string country;
    SourceLocation where;
    bool empty() const { return name.empty() && street.empty() && city.empty(); }
};

struct Organisation {
    std::string name;
    std::string logo;  // path as written, relative to the programme file
    std::string href;
    SourceLocation where;
};

struct Contact {
    std::string ref;    // person id
    std::string email;  // resolved: the contact's own or the person's
    SourceLocation where;
};

enum class ItemKind {
    Welcome,
    Opening,
    Closing,
    RoundTable,
    Other,      // <event kind="other">
    Session,    // containers: <session kind=…>
    Workshop,
    Testimony,
    Plenary,
    Panel,
    Talk,
    Break,
    Meal,
};

bool is_container(ItemKind k);
// The keyword as written in XML ("welcome", "workshop", "talk", …).
const char* kind_name(ItemKind k);

struct TimeRange {
    ClockTime start;
    ClockTime end;
    int minutes() const { return end.minutes - start.minutes; }
};

// One entry of a day's schedule. Sessions hold their talks in `children`;
// every other item has none.
struct Item {
    ItemKind kind = ItemKind::Talk;
    std::string id;            // unique in the programme (derived when left out)
    bool id_derived = false;   // true when booklet made the id up
    std::string title;         // may be empty for break/meal: the label is used
    std::string subtitle;
    std::optional<TimeRange> time;  // talks inside a session may have none
    std::string room;          // room id, may be empty
    std::string track;         // track id, may be empty
    std::string lang;          // a language tag ("de", "pt-BR"); "" = the programme's language
    std::string href;
    std::vector<PersonRef> speakers;   // talk, event
    std::vector<PersonRef> chairs;     // containers
    bool guests_to_be_confirmed = false;  // <guests confirmed="false"/>
    // May share its room and time with another item (overlap="allowed";
    // set by the schedule.xml reader on the events that do): the check
    // warns instead of refusing.
    bool may_overlap = false;
    Text abstract;
    std::vector<std::string> keywords;
    std::vector<Item> children;        // containers: talks
    SourceLocation where;

    // The time an item occupies: its own, or its parent session's.
    bool has_time() const { return time.has_value(); }
};

// An item at its absolute time, in minutes since 1970-01-01 00:00 local
// time, so that an item running past midnight meets the next day's items.
struct TimedItem {
    const Item* item = nullptr;
    long start = 0, end = 0;
};
// The pairs (i, j), i before j in start order, of items that overlap in
// time and share a place (the same room, or one of them has none); `items`
// is sorted by start in place. O(n log n + n·parallel items).
std::vector<std::pair<std::size_t, std::size_t>> overlapping_items(std::vector<TimedItem>& items);

struct Day {
    Date date;
    std::optional<ClockTime> start;  // as written on <day>, if at all
    std::optional<ClockTime> end;
    std::vector<Item> items;
    SourceLocation where;

    // The day's opening and closing times: as written, else from the items.
    std::optional<TimeRange> hours() const;
};

// An item seen in its context: its day and, for a talk in a session, the session.
struct ItemRef {
    const Day* day = nullptr;
    const Item* item = nullptr;
    const Item* parent = nullptr;  // the session, or nullptr
    // The item's own time, else its session's; nullopt when neither has one.
    std::optional<TimeRange> effective_time() const;
};

struct Programme {
    std::string id;
    std::string lang = "fr";       // a language tag, canonical ("fr", "en", "de-CH")
    std::string timezone;          // IANA name, e.g. "Europe/Paris"
    SourceLocation timezone_where;
    int revision = 0;
    std::string title;
    std::string acronym;           // schedule.xml only
    std::string subtitle;          // the kind of day
    Venue venue;
    std::vector<Room> rooms;
    std::string capacity_note;
    std::optional<int> capacity;
    std::string registration_url;
    std::string website_url;
    std::vector<Track> tracks;
    std::vector<Organisation> organisers;
    std::vector<Person> people;
    std::vector<PersonRef> committee;
    std::vector<Contact> contacts;
    Text introduction;
    std::vector<Day> days;
    SourceLocation where;

    // Look-ups (linear; programmes are small enough, and callers that loop
    // build their own index).
    const Person* person(const std::string& id) const;
    const Room* room(const std::string& id) const;
    const Track* track(const std::string& id) const;

    // Every item, sessions and their talks, in schedule order.
    std::vector<ItemRef> all_items() const;
    // Talks only (top-level and inside sessions), in schedule order.
    std::vector<ItemRef> talks() const;
    std::size_t item_count() const { return all_items().size(); }
};

}  // namespace booklet::model
