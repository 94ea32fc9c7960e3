#include "layout/booklet/context.hpp"

#include <map>

#include "locale/language.hpp"

namespace booklet::layout {

Color BookletContext::colour(const std::string& name) const {
    // Optional colours fall back to required ones.
    if (!theme.colours.count(name)) {
        if (name == "band") return colour("shade");
        if (name == "cover") return colour("accent");
        if (name == "paper") return Color::white();
    }
    const auto c = theme.colour(name);
    auto f = [](double v) { return static_cast<float>(v); };
    return {f(c.rgb.r), f(c.rgb.g), f(c.rgb.b), f(c.cmyk.c), f(c.cmyk.m), f(c.cmyk.y), f(c.cmyk.k)};
}

std::optional<Color> BookletContext::track_colour(const std::string& track_id) const {
    if (track_id.empty()) return std::nullopt;
    int palette = 0;
    while (theme.colours.count("track-" + std::to_string(palette + 1))) ++palette;
    if (palette == 0) return std::nullopt;
    for (std::size_t i = 0; i < programme.tracks.size(); ++i)
        if (programme.tracks[i].id == track_id)
            return colour("track-" + std::to_string(static_cast<int>(i) % palette + 1));
    return std::nullopt;
}

std::string BookletContext::track_of(const model::ItemRef& r) {
    if (!r.item->track.empty()) return r.item->track;
    return r.parent ? r.parent->track : std::string();
}

int BookletContext::font(Style style) const {
    switch (style) {
        case Style::Body: case Style::Small: case Style::Speaker:
            return fonts.index(Family::Serif, FontStyle::Regular);
        case Style::BodyItalic: case Style::SmallItalic: case Style::SpeakerDetail: case Style::Subtitle:
            return fonts.index(Family::Serif, FontStyle::Italic);
        case Style::BodyBold: case Style::AbstractTitle:
            return fonts.index(Family::Serif, FontStyle::Bold);
        case Style::BodyBoldItalic:
            return fonts.index(Family::Serif, FontStyle::BoldItalic);
        case Style::Heading: case Style::Title: case Style::ScheduleBold: case Style::KeywordsLabel:
            return fonts.index(Family::Sans, FontStyle::Bold);
        case Style::Subheading: case Style::ScheduleTime:
            return fonts.index(Family::Sans, FontStyle::Semibold);
        case Style::Schedule: case Style::CoverText: case Style::CoverSmall: case Style::Header:
        case Style::Folio: case Style::ScheduleMuted: case Style::Keywords:
            return fonts.index(Family::Sans, FontStyle::Regular);
        case Style::ScheduleItalic:
            return fonts.index(Family::Sans, FontStyle::Italic);
        case Style::Code:
            return fonts.index(Family::Mono, FontStyle::Regular);
    }
    return 0;
}

double BookletContext::size(Style style) const {
    const auto& s = theme.sizes;
    switch (style) {
        case Style::Body: case Style::BodyItalic: case Style::BodyBold: case Style::BodyBoldItalic:
            return s.body;
        case Style::Small: case Style::SmallItalic: case Style::Keywords: case Style::KeywordsLabel:
        case Style::SpeakerDetail:
            return s.small;
        case Style::Heading: return s.heading;
        case Style::Subheading: case Style::Speaker: return s.subheading;
        case Style::Title: return s.title;
        case Style::Subtitle: return s.subtitle;
        case Style::CoverText: return s.subheading;
        case Style::CoverSmall: return s.small + 0.5;
        case Style::Schedule: case Style::ScheduleItalic: case Style::ScheduleBold: case Style::ScheduleTime:
            return s.schedule;
        case Style::ScheduleMuted: return s.schedule - 0.6;
        case Style::Header: case Style::Folio: return s.header;
        case Style::AbstractTitle: return s.heading;
        case Style::Code: return s.body * 0.85;
    }
    return s.body;
}

double BookletContext::leading(Style style) const {
    const double sz = size(style);
    switch (style) {
        case Style::Body: case Style::BodyItalic: case Style::BodyBold: case Style::BodyBoldItalic:
            return theme.sizes.leading;
        case Style::Schedule: case Style::ScheduleItalic: case Style::ScheduleBold: case Style::ScheduleTime:
            return theme.sizes.schedule_leading;
        case Style::Code:
            return theme.sizes.leading * 0.85;
        default:
            return sz * 1.28;
    }
}

Span BookletContext::span(std::string text, Style style, std::string href) const {
    Span s;
    s.text = std::move(text);
    s.font = font(style);
    s.size = size(style);
    switch (style) {
        case Style::Heading: case Style::AbstractTitle: case Style::KeywordsLabel: case Style::ScheduleTime:
            s.color = colour("accent");
            break;
        case Style::Header: case Style::Folio: case Style::SpeakerDetail: case Style::ScheduleMuted:
            s.color = colour("muted");
            break;
        case Style::Title: case Style::Subtitle: case Style::CoverText: case Style::CoverSmall:
            s.color = colour("paper");
            break;
        default:
            s.color = colour("text");
    }
    if (!href.empty()) s.color = colour("accent");
    s.href = std::move(href);
    if (style == Style::Code) s.hyphenate = false;
    return s;
}

std::string BookletContext::text_lang(const model::Item& item) const {
    if (!item.lang.empty()) return item.lang;
    if (!sessions_known) {
        for (const auto& r : programme.all_items())
            if (r.parent) sessions_of_talks.emplace(r.item, r.parent);
        sessions_known = true;
    }
    if (const auto it = sessions_of_talks.find(&item); it != sessions_of_talks.end() && !it->second->lang.empty())
        return it->second->lang;
    return programme.lang;
}

void report_unhyphenated_languages(const BookletContext& ctx, Hyphenators& hyphenators) {
    struct Missing {
        std::string tag;  // as the first item (or the programme) gives it
        std::size_t items = 0;
        bool programme_text = false;  // the introduction, the cover, the labels
        model::SourceLocation where;
    };
    std::map<std::string, Missing> missing;  // by language subtag, so in a stable order
    auto note = [&](const std::string& tag, const model::SourceLocation& where) -> Missing* {
        if (tag.empty() || hyphenators.get(tag)) return nullptr;
        Missing& m = missing[locale::primary_language(tag)];
        if (m.tag.empty()) {
            m.tag = tag;
            m.where = where;
        }
        return &m;
    };
    if (Missing* m = note(ctx.programme.lang, ctx.programme.where)) m->programme_text = true;
    if (Missing* m = note(ctx.lang, ctx.programme.where)) m->programme_text = true;
    for (const auto& r : ctx.programme.all_items()) {
        Missing* m = note(ctx.text_lang(*r.item), r.item->where);
        if (!m) continue;
        if (m->items == 0 && !m->programme_text) m->where = r.item->where;
        ++m->items;
    }
    for (const auto& [primary, m] : missing) {
        if (!hyphenators.first_report_of_missing(m.tag)) continue;
        const std::string name = locale::language_name(m.tag);
        std::string what;
        if (m.programme_text) what = "the programme's own text";
        if (m.items > 0)
            what += (what.empty() ? "" : " and ") + std::to_string(m.items) + (m.items == 1 ? " item" : " items");
        ctx.diags.warning(m.where, "no hyphenation patterns for " + (name.empty() ? "" : name + " ") + "('" + m.tag +
                                       "') in " + hyphenators.dir() + ": " + what + (m.items == 1 && !m.programme_text ? " is" : " are") +
                                       " set without hyphenation");
    }
}

}  // namespace booklet::layout
