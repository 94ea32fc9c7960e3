#include "layout/core/linebreak.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace booklet::layout {

Item Item::make_box(double width, std::uint32_t ref) {
    Item it;
    it.type = Type::Box;
    it.width = width;
    it.ref = ref;
    return it;
}

Item Item::make_glue(double width, double stretch, double shrink, std::uint32_t ref) {
    Item it;
    it.type = Type::Glue;
    it.width = width;
    it.stretch = stretch;
    it.shrink = shrink;
    it.ref = ref;
    return it;
}

Item Item::make_fil_glue(double width, double fil) {
    Item it;
    it.type = Type::Glue;
    it.width = width;
    it.fil = fil;
    return it;
}

Item Item::make_penalty(double width, int value, bool flagged, bool optional, std::uint32_t ref) {
    Item it;
    it.type = Type::Penalty;
    it.width = width;
    it.penalty = value;
    it.flagged = flagged;
    it.optional = optional;
    it.ref = ref;
    return it;
}

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kMaxBadness = 1e8;  // r = +inf (no stretch) in the emergency pass

// Prefix sums over boxes and glue: at[i] covers items [0, i).
struct Sums {
    struct Sum {
        double width, stretch, shrink, fil;
    };
    std::vector<Sum> at;

    void build(std::span<const Item> items) {
        const std::size_t n = items.size();
        at.resize(n + 1);
        Sum acc{0, 0, 0, 0};
        at[0] = acc;
        for (std::size_t i = 0; i < n; ++i) {
            const Item& it = items[i];
            if (it.type != Item::Type::Penalty) {
                acc.width += it.width;
                if (it.type == Item::Type::Glue) {
                    acc.stretch += it.stretch;
                    acc.shrink += it.shrink;
                    acc.fil += it.fil;
                }
            }
            at[i + 1] = acc;
        }
    }
};

// Geometry of a line [s, b) broken at b.
struct Fit {
    double natural = 0, ratio = 0, badness = 0;
    int fitness = 2;
    bool overfull = false, underfull = false;
    double overflow = 0;
};

Fit fit_line(const Sums& S, std::span<const Item> items, std::size_t s, std::size_t b, double target) {
    Fit f;
    const double pw = (b < items.size() && items[b].type == Item::Type::Penalty) ? items[b].width : 0.0;
    const Sums::Sum& e = S.at[b];
    const Sums::Sum& a = S.at[s];
    const double L = e.width - a.width + pw;
    const double Y = e.stretch - a.stretch;
    const double Z = e.shrink - a.shrink;
    const double F = e.fil - a.fil;
    f.natural = L;
    constexpr double eps = 1e-9;
    if (L < target - eps) {
        if (F > 0) f.ratio = 0;
        else if (Y > eps) f.ratio = (target - L) / Y;
        else {
            f.ratio = kInf;
            f.underfull = true;
        }
    } else if (L > target + eps) {
        if (Z > eps) f.ratio = (target - L) / Z;
        else f.ratio = -kInf;
        if (L - std::max(Z, 0.0) > target + eps) {
            f.overfull = true;
            f.overflow = L - std::max(Z, 0.0) - target;
        }
    }
    const double r = f.ratio;
    if (std::isinf(r)) f.badness = kMaxBadness;
    else f.badness = std::min(100.0 * std::fabs(r * r * r), kMaxBadness);
    if (r < -0.5) f.fitness = 3;
    else if (r <= 0.5) f.fitness = 2;
    else if (r <= 1.0) f.fitness = 1;
    else f.fitness = 0;
    return f;
}

double line_demerits(const LineBreakParams& P, double badness, const Item* brk, bool prev_flagged, bool final_break,
                     int fitness, int prev_fitness) {
    const double base = P.line_penalty + badness;
    double d = base * base;
    if (brk && brk->type == Item::Type::Penalty) {
        const double p = brk->penalty;
        if (p >= 0) d += p * p;
        else if (p > -kInfinitePenalty) d -= p * p;
    }
    const bool flagged = brk && brk->type == Item::Type::Penalty && brk->flagged;
    if (flagged && prev_flagged) d += P.flagged_demerits;
    if (final_break && prev_flagged) d += P.final_hyphen_demerits;
    if (std::abs(fitness - prev_fitness) > 1) d += P.fitness_demerits;
    return d;
}

// First item a line keeps after a break at b: glue and penalties are
// discarded up to the next box (or forced break).
std::size_t after_break(std::span<const Item> items, std::size_t b) {
    std::size_t s = b + 1;
    while (s < items.size()) {
        const Item& it = items[s];
        if (it.type == Item::Type::Box) break;
        if (it.type == Item::Type::Penalty && it.penalty <= -kInfinitePenalty) break;
        ++s;
    }
    return std::min(s, items.size());
}

bool is_forced(std::span<const Item> items, std::size_t b) {
    return b >= items.size() ||
           (items[b].type == Item::Type::Penalty && items[b].penalty <= -kInfinitePenalty);
}

// Is item b a legal breakpoint? (b == items.size() is the assumed final break.)
bool legal_break(std::span<const Item> items, std::size_t b, bool allow_optional) {
    if (b >= items.size()) return true;
    const Item& it = items[b];
    switch (it.type) {
        case Item::Type::Box:
            return false;
        case Item::Type::Glue:
            return b > 0 && items[b - 1].type == Item::Type::Box;
        case Item::Type::Penalty:
            if (it.penalty >= kInfinitePenalty) return false;
            if (it.optional && !allow_optional) return false;
            return true;
    }
    return false;
}

struct Node {
    std::size_t pos;    // break item (SIZE_MAX for the paragraph start)
    std::size_t start;  // first item of the next line
    std::size_t line;   // lines before this break
    int fitness;
    int run;            // consecutive flagged breaks ending here
    bool flagged;
    bool artificial;
    double demerits;
    int prev;
};

struct Candidate {
    std::size_t cls;
    int fitness;
    int run;
    double demerits;
    int from;
    bool artificial;
};

class Breaker {
public:
    // The buffers are reused from call to call (one set per thread).
    struct Buffers {
        Sums sums;
        std::vector<Node> nodes;
        std::vector<int> active, next_active;
        std::vector<Candidate> cands;
    };

    Breaker(std::span<const Item> items, const LineBreakParams& P, Buffers& buf)
        : items_(items), P_(P), sums_(buf.sums), nodes_(buf.nodes), active_(buf.active), next_active_(buf.next_active),
          cands_(buf.cands) {
        sums_.build(items);
    }

    // One pass. Returns false when no way through was found.
    bool run(double tolerance, bool allow_optional, bool emergency, std::vector<std::size_t>& breaks,
             double& demerits, bool limit_flagged = true) {
        const std::size_t n = items_.size();
        const bool explicit_end = n > 0 && is_forced(items_, n - 1);
        const std::size_t last = explicit_end ? n - 1 : n;
        const std::size_t easy = P_.line_widths.empty() ? 0 : P_.line_widths.size() - 1;

        nodes_.clear();
        active_.clear();
        nodes_.push_back({SIZE_MAX, 0, 0, 2, 0, false, false, 0.0, -1});
        active_.push_back(0);

        for (std::size_t b = 0; b <= last; ++b) {
            if (b < n && items_[b].type == Item::Type::Box) continue;
            if (!legal_break(items_, b, allow_optional)) continue;
            const Item* brk = b < n ? &items_[b] : nullptr;
            const bool forced = is_forced(items_, b);
            const bool flagged = brk && brk->type == Item::Type::Penalty && brk->flagged;
            const bool final_break = b == last;

            cands_.clear();
            next_active_.clear();
            int last_dropped = -1;
            for (int a : active_) {
                const Node& na = nodes_[a];
                const double target = P_.line_width(na.line);
                const Fit f = fit_line(sums_, items_, na.start, b, target);
                const bool too_tight = f.ratio < -1.0;
                // A node is dropped when no later break can fit either. A
                // penalty's own width (a hyphen) counts only when breaking at
                // it, so a line too tight with its hyphen may still fit at the
                // next break (the same place without a hyphen, say).
                const bool hopeless =
                    too_tight && !(brk && brk->type == Item::Type::Penalty && brk->width > 0 &&
                                   f.natural - brk->width - (sums_.at[b].shrink - sums_.at[na.start].shrink) <= target);
                if (hopeless || forced) {
                    if (hopeless) last_dropped = a;
                } else {
                    next_active_.push_back(a);
                }
                if (too_tight) continue;
                if (!emergency && f.ratio > tolerance) continue;
                const int run = flagged ? na.run + 1 : 0;
                if (limit_flagged && P_.max_consecutive_flagged > 0 && run > P_.max_consecutive_flagged) continue;
                const double d = na.demerits + line_demerits(P_, f.badness, brk, na.flagged, final_break, f.fitness,
                                                             na.fitness);
                add_candidate({std::min(na.line + 1, easy), f.fitness, run, d, a, false});
            }
            // Emergency: nothing fits and nothing is left — make an overfull
            // line from the last node that could reach this far.
            if (emergency && cands_.empty() && next_active_.empty() && last_dropped >= 0) {
                const Node& na = nodes_[last_dropped];
                const int run = flagged ? na.run + 1 : 0;
                add_candidate({std::min(na.line + 1, easy), 3, run, na.demerits, last_dropped, true});
            }
            active_.swap(next_active_);
            create_nodes(b, flagged);
            if (active_.empty()) return false;
            if (final_break) break;
        }
        // The best node at the final break.
        int best = -1;
        for (int a : active_) {
            if (nodes_[a].pos != last) continue;
            if (best < 0 || nodes_[a].demerits < nodes_[best].demerits) best = a;
        }
        if (best < 0) return false;
        demerits = nodes_[best].demerits;
        breaks.clear();
        for (int k = best; k > 0; k = nodes_[k].prev) breaks.push_back(nodes_[k].pos);
        std::reverse(breaks.begin(), breaks.end());
        return true;
    }

private:
    void add_candidate(const Candidate& c) {
        for (Candidate& o : cands_) {
            if (o.cls == c.cls && o.fitness == c.fitness && o.run == c.run) {
                if (c.demerits < o.demerits) o = c;
                return;
            }
        }
        cands_.push_back(c);
    }

    void create_nodes(std::size_t b, bool flagged) {
        if (cands_.empty()) return;
        const std::size_t start = after_break(items_, b);
        for (std::size_t i = 0; i < cands_.size(); ++i) {
            const Candidate& c = cands_[i];
            // Drop a candidate another one dominates: same line class, no
            // longer hyphen run, and better even after a fitness mismatch.
            bool dominated = false;
            for (std::size_t j = 0; j < cands_.size() && !dominated; ++j) {
                if (i == j) continue;
                const Candidate& o = cands_[j];
                if (o.cls != c.cls || o.run > c.run) continue;
                const double slack = o.fitness == c.fitness ? 0.0 : P_.fitness_demerits;
                if (o.demerits + slack < c.demerits ||
                    (o.demerits + slack == c.demerits && j < i && o.run == c.run))
                    dominated = true;
            }
            if (dominated) continue;
            const Node& from = nodes_[c.from];
            nodes_.push_back({b, start, from.line + 1, c.fitness, c.run, flagged, c.artificial, c.demerits, c.from});
            active_.push_back(static_cast<int>(nodes_.size() - 1));
        }
    }

    std::span<const Item> items_;
    const LineBreakParams& P_;
    Sums& sums_;
    std::vector<Node>& nodes_;
    std::vector<int>& active_;
    std::vector<int>& next_active_;
    std::vector<Candidate>& cands_;
};

}  // namespace

LineBreakResult evaluate_breaks(std::span<const Item> items, std::span<const std::size_t> breaks,
                                const LineBreakParams& P) {
    LineBreakResult res;
    Sums S;
    S.build(items);
    std::size_t s = 0;
    bool prev_flagged = false;
    int prev_fitness = 2;
    const std::size_t n = items.size();
    for (std::size_t k = 0; k < breaks.size(); ++k) {
        const std::size_t b = std::min(breaks[k], n);
        const Item* brk = b < n ? &items[b] : nullptr;
        const bool final_break = k + 1 == breaks.size();
        const Fit f = fit_line(S, items, s, b, P.line_width(k));
        BrokenLine line;
        line.begin = s;
        line.end = b;
        line.natural = f.natural;
        line.target = P.line_width(k);
        line.badness = f.badness;
        line.fitness = f.fitness;
        line.flagged = brk && brk->type == Item::Type::Penalty && brk->flagged;
        line.overfull = f.overfull;
        line.overflow = f.overflow;
        line.underfull = f.underfull;
        line.ratio = std::isinf(f.ratio) ? (f.ratio < 0 ? -1.0 : 0.0) : std::max(f.ratio, -1.0);
        res.demerits += line_demerits(P, f.badness, brk, prev_flagged, final_break, f.fitness, prev_fitness);
        prev_flagged = line.flagged;
        prev_fitness = f.fitness;
        res.lines.push_back(line);
        s = after_break(items, b);
    }
    return res;
}

LineBreakResult break_lines(std::span<const Item> items, const LineBreakParams& P) {
    LineBreakResult res;
    if (items.empty()) return res;
    static thread_local Breaker::Buffers buffers;
    Breaker breaker(items, P, buffers);
    std::vector<std::size_t> breaks;
    double demerits = 0;
    struct Pass {
        int number;
        double tolerance;
        bool optional, emergency;
    };
    Pass passes[3];
    int count = 0;
    if (P.pretolerance >= 0) passes[count++] = {1, P.pretolerance, false, false};
    if (P.tolerance >= 0) passes[count++] = {2, P.tolerance, true, false};
    if (P.emergency_pass) passes[count++] = {3, kInf, true, true};
    auto overflow = [](const LineBreakResult& r) {
        double sum = 0;
        for (const auto& l : r.lines) sum += l.overfull ? l.overflow : 0;
        return sum;
    };
    for (int i = 0; i < count; ++i) {
        if (!breaker.run(passes[i].tolerance, passes[i].optional, passes[i].emergency, breaks, demerits)) continue;
        res = evaluate_breaks(items, breaks, P);
        res.demerits = demerits;
        res.pass = passes[i].number;
        // The emergency pass lifts the limit on hyphens in a row when that
        // is the only way to keep ink out of the margin.
        if (passes[i].emergency && P.max_consecutive_flagged > 0 && overflow(res) > 0 &&
            breaker.run(passes[i].tolerance, passes[i].optional, true, breaks, demerits, false)) {
            LineBreakResult free = evaluate_breaks(items, breaks, P);
            if (overflow(free) < overflow(res)) {
                free.demerits = demerits;
                free.pass = passes[i].number;
                res = std::move(free);
            }
        }
        return res;
    }
    return res;
}

LineBreakResult break_lines_first_fit(std::span<const Item> items, const LineBreakParams& P) {
    LineBreakResult res;
    const std::size_t n = items.size();
    if (n == 0) return res;
    Sums S;
    S.build(items);
    const bool explicit_end = is_forced(items, n - 1);
    const std::size_t last = explicit_end ? n - 1 : n;
    std::vector<std::size_t> breaks;
    std::size_t s = 0;
    std::size_t fit_b = SIZE_MAX;  // the latest legal break for the current line
    for (std::size_t b = 0; b <= last; ++b) {
        if (!legal_break(items, b, true)) continue;
        const double pw = (b < n && items[b].type == Item::Type::Penalty) ? items[b].width : 0.0;
        if (fit_b != SIZE_MAX && S.at[b].width - S.at[s].width + pw > P.line_width(breaks.size()) + 1e-9) {
            breaks.push_back(fit_b);
            s = after_break(items, fit_b);
            fit_b = SIZE_MAX;
        }
        if (b == last) {
            breaks.push_back(b);
            break;
        }
        if (is_forced(items, b)) {
            breaks.push_back(b);
            s = b + 1;
            fit_b = SIZE_MAX;
            continue;
        }
        fit_b = b;
    }
    res = evaluate_breaks(items, breaks, P);
    res.pass = 1;
    return res;
}

}  // namespace booklet::layout
