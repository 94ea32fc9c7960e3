#pragma once
// How booklet writes dates, hours and lists of names in a language, and
// sorts names for an index: shared by the booklet and the invitations.
// Times use no-break spaces ("9 h 30", "9:30 am") so they never split.
#include <string>
#include <vector>

#include "model/programme.hpp"

namespace booklet::locale {

// Any language ICU knows, from a tag ("fr" is France, "en" Britain):
// "mardi 28 janvier 2020" / "Tuesday 28 January 2020" / "Freitag,
// 27. Dezember 2024" / "vrijdag 27 december 2024" (ICU's CLDR data).
std::string long_date(const model::Date& d, const std::string& lang);
// "9 h 30" (fr, fr-CA…) / "9:30 am" (en…); whole hours "17 h" / "5 pm";
// other languages as ICU writes them ("09:30" in German).
std::string clock(const model::ClockTime& t, const std::string& lang);
// "9 h 30 – 17 h" / "9:30 am – 5 pm" (en dash, thin spaces where French wants them).
std::string hours(const model::TimeRange& r, const std::string& lang);
// The schedule's time column: "10 h 30" / "10:30".
std::string schedule_time(const model::ClockTime& t, const std::string& lang);

// Sorts people for an index: family name, then given name, with the
// language's collation (accents after plain letters, case ignored; any
// tag ICU knows: "de" sorts "Ä" with "A", "sv" after "Z").
void sort_for_index(std::vector<const model::Person*>& people, const std::string& lang);

// "Nadine Dubruc, François Jaujard et Thibault Metailler"
std::string join_names(const std::vector<std::string>& names, const std::string& and_word);

}  // namespace booklet::locale
