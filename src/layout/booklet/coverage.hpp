#pragma once
// The font coverage pass: every character of a programme's text that no
// face can draw (neither the theme's fonts nor the fallback chain), or that
// lies beyond the BMP, reported where it was written. `check` and `build`
// run the same pass, so they print the same warnings; layout then draws
// those characters as boxes without reporting them again.
#include <vector>

#include "layout/core/font_metrics.hpp"
#include "model/diagnostic.hpp"
#include "model/programme.hpp"

namespace booklet::layout {

// One diagnostic per field and character: "title of talk 't1': character
// '♥' (U+2665 BLACK HEART SUIT) is in none of the fonts …; drawn as an empty
// box", a warning, an error when `strict`. Returns the characters
// reported, each once, in the order first met.
std::vector<char32_t> check_font_coverage(const model::Programme& p, const FontSet& fonts, bool strict,
                                          model::Diagnostics& diags);

}  // namespace booklet::layout
