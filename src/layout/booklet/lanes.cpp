#include "layout/booklet/lanes.hpp"

#include <algorithm>
#include <numeric>

namespace booklet::layout {

namespace {

std::vector<std::size_t> by_start(const std::vector<Interval>& v) {
    std::vector<std::size_t> order(v.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return v[a].start < v[b].start; });
    return order;
}

int end_of(const Interval& i) { return std::max(i.start, i.end); }

}  // namespace

LaneAssignment assign_lanes(const std::vector<Interval>& intervals) {
    LaneAssignment r;
    r.lane.assign(intervals.size(), 0);
    std::vector<int> free_from;  // per lane: when its last item ends
    for (const std::size_t i : by_start(intervals)) {
        const Interval& v = intervals[i];
        std::size_t lane = 0;
        while (lane < free_from.size() && free_from[lane] > v.start) ++lane;
        if (lane == free_from.size()) free_from.push_back(0);
        free_from[lane] = end_of(v);
        r.lane[i] = lane;
    }
    r.count = free_from.size();
    return r;
}

std::vector<bool> overlapping(const std::vector<Interval>& intervals) {
    std::vector<bool> r(intervals.size(), false);
    const auto order = by_start(intervals);
    // Sweep in start order, remembering the item that reaches furthest.
    bool have = false;
    std::size_t reach = 0;
    for (const std::size_t i : order) {
        const Interval& v = intervals[i];
        if (have && end_of(intervals[reach]) > v.start && end_of(v) > v.start) {
            r[i] = true;
            r[reach] = true;
        }
        if (!have || end_of(v) > end_of(intervals[reach])) reach = i;
        have = true;
    }
    return r;
}

}  // namespace booklet::layout
