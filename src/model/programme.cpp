#include "model/programme.hpp"

#include <algorithm>

namespace booklet::model {

std::string Person::display_name() const {
    if (given.empty()) return family;
    if (family.empty()) return given;
    return given + " " + family;
}

std::string Person::sort_name() const {
    if (given.empty()) return family;
    return family + " " + given;
}

bool is_container(ItemKind k) {
    switch (k) {
        case ItemKind::Session:
        case ItemKind::Workshop:
        case ItemKind::Testimony:
        case ItemKind::Plenary:
        case ItemKind::Panel:
            return true;
        default:
            return false;
    }
}

const char* kind_name(ItemKind k) {
    switch (k) {
        case ItemKind::Welcome: return "welcome";
        case ItemKind::Opening: return "opening";
        case ItemKind::Closing: return "closing";
        case ItemKind::RoundTable: return "roundtable";
        case ItemKind::Other: return "other";
        case ItemKind::Session: return "session";
        case ItemKind::Workshop: return "workshop";
        case ItemKind::Testimony: return "testimony";
        case ItemKind::Plenary: return "plenary";
        case ItemKind::Panel: return "panel";
        case ItemKind::Talk: return "talk";
        case ItemKind::Break: return "break";
        case ItemKind::Meal: return "meal";
    }
    return "other";
}

std::optional<TimeRange> Day::hours() const {
    std::optional<ClockTime> first = start, last = end;
    for (const auto& item : items) {
        if (!item.time) continue;
        if (!start && (!first || item.time->start < *first)) first = item.time->start;
        if (!end && (!last || item.time->end > *last)) last = item.time->end;
    }
    if (!first || !last) return std::nullopt;
    return TimeRange{*first, *last};
}

std::optional<TimeRange> ItemRef::effective_time() const {
    if (item && item->time) return item->time;
    if (parent && parent->time) return parent->time;
    return std::nullopt;
}

template <typename T>
static const T* find_by_id(const std::vector<T>& v, const std::string& id) {
    auto it = std::find_if(v.begin(), v.end(), [&](const T& x) { return x.id == id; });
    return it == v.end() ? nullptr : &*it;
}

const Person* Programme::person(const std::string& id) const { return find_by_id(people, id); }
const Room* Programme::room(const std::string& id) const { return find_by_id(rooms, id); }
const Track* Programme::track(const std::string& id) const { return find_by_id(tracks, id); }

std::vector<ItemRef> Programme::all_items() const {
    std::vector<ItemRef> out;
    for (const auto& day : days) {
        for (const auto& item : day.items) {
            out.push_back({&day, &item, nullptr});
            for (const auto& child : item.children) out.push_back({&day, &child, &item});
        }
    }
    return out;
}

std::vector<ItemRef> Programme::talks() const {
    std::vector<ItemRef> out;
    for (const auto& r : all_items())
        if (r.item->kind == ItemKind::Talk) out.push_back(r);
    return out;
}

std::vector<std::pair<std::size_t, std::size_t>> overlapping_items(std::vector<TimedItem>& items) {
    std::stable_sort(items.begin(), items.end(), [](const TimedItem& a, const TimedItem& b) { return a.start < b.start; });
    std::vector<std::pair<std::size_t, std::size_t>> out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        for (std::size_t j = i + 1; j < items.size() && items[j].start < items[i].end; ++j) {
            const Item& a = *items[i].item;
            const Item& b = *items[j].item;
            if (a.room.empty() || b.room.empty() || a.room == b.room) out.emplace_back(i, j);
        }
    }
    return out;
}

}  // namespace booklet::model
