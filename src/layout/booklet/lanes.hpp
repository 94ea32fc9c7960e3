#pragma once
// Lanes for items that overlap in one room: interval-graph colouring. The
// schedule gives each overlapping item the lowest lane free at its start,
// so a cluster needs as many lanes as items run at once, and no fewer.
#include <cstddef>
#include <vector>

namespace booklet::layout {

struct Interval {
    int start = 0;  // minutes
    int end = 0;    // an end at or before the start counts as the start
};

struct LaneAssignment {
    std::vector<std::size_t> lane;  // per interval, in the order given
    std::size_t count = 0;          // lanes used
};

// `intervals` in any order; ties on the start keep the order given.
LaneAssignment assign_lanes(const std::vector<Interval>& intervals);

// Per interval: true when it shares some time with another one.
std::vector<bool> overlapping(const std::vector<Interval>& intervals);

}  // namespace booklet::layout
