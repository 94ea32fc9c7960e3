#pragma once
// What every booklet part needs: the programme, the theme and labels, the
// fonts and the paragraph builder, and the language the booklet speaks.
#include <optional>
#include <string>
#include <unordered_map>

#include "layout/core/font_metrics.hpp"
#include "layout/core/french_spacing.hpp"
#include "layout/core/hyphenation.hpp"
#include "layout/core/paragraph.hpp"
#include "model/diagnostic.hpp"
#include "model/programme.hpp"
#include "theme/theme.hpp"

namespace booklet::layout {

// The text styles a booklet uses; each maps to a font, a size and a colour
// from the theme.
enum class Style {
    Body, BodyItalic, BodyBold, BodyBoldItalic,
    Small, SmallItalic,
    Heading, Subheading,
    Title, Subtitle, CoverText, CoverSmall,
    Schedule, ScheduleItalic, ScheduleBold, ScheduleTime, ScheduleMuted,
    Header, Folio,
    AbstractTitle, Speaker, SpeakerDetail, Keywords, KeywordsLabel,
    Code,  // code blocks and inline code: the mono face, 0.85 of the body size
};

struct BookletContext {
    const model::Programme& programme;
    const theme::Theme& theme;
    const theme::Labels& labels;
    const FontSet& fonts;
    ParagraphBuilder& paragraphs;
    model::Diagnostics& diags;
    std::string lang;      // the booklet's language, a tag ("fr", "en", "de-CH")
    std::string base_dir;  // the programme's folder (logos)

    Color colour(const std::string& name) const;
    // The colour of a track: the theme's track-1, track-2, … in the order the
    // programme declares its tracks, round again when there are more tracks.
    std::optional<Color> track_colour(const std::string& track_id) const;
    // An item's track: its own, else its session's.
    static std::string track_of(const model::ItemRef& r);
    // A span of `text` in `style`.
    Span span(std::string text, Style style, std::string href = {}) const;
    double size(Style style) const;
    double leading(Style style) const;
    int font(Style style) const;
    const std::string& label(const std::string& key) const { return labels.get(key); }
    // What follows a label: " : " in French (the space becomes a no-break
    // space when set), ": " in English.
    std::string colon() const { return is_french(lang) ? " : " : ": "; }
    // The language of an item's text: its own, else its session's, else
    // the programme's.
    std::string text_lang(const model::Item& item) const;

    // talk → its session, filled on the first text_lang() call
    mutable std::unordered_map<const model::Item*, const model::Item*> sessions_of_talks = {};
    mutable bool sessions_known = false;
};

// One warning per language that has no hyphenation patterns, for the whole
// build: which language, how many items (and whether the programme's own
// text) are set without hyphenation. Marks each language as reported in
// `hyphenators`, so paragraphs say nothing more about it.
void report_unhyphenated_languages(const BookletContext& ctx, Hyphenators& hyphenators);

}  // namespace booklet::layout
