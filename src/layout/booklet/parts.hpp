#pragma once
// The booklet's parts. Each appends its pages to the composer and records
// the targets, bookmarks, contents entries and page references the others
// need; the composer resolves the references at the end.
#include <string>
#include <vector>

#include "layout/booklet/composer.hpp"
#include "layout/booklet/context.hpp"
#include "layout/booklet/flow.hpp"
#include "layout/core/quality.hpp"

namespace booklet::layout {

// An entry of the contents page, filled as the parts are laid out.
struct ContentsEntry {
    std::string title;
    std::string target;
    int level = 0;
};

// The booklet being built.
struct BookletState {
    BookletContext& ctx;
    Composer composer;
    QualityReport report;
    std::vector<ContentsEntry> contents;
    int contents_page = -1;
    bool abstract_pages = false;  // the theme includes the abstracts part

    explicit BookletState(BookletContext& c) : ctx(c), composer(c) {}
};

void lay_out_cover(BookletState& b);
void lay_out_introduction(BookletState& b);
// Reserves the contents page now; fill_contents() writes it at the end.
void reserve_contents(BookletState& b);
void fill_contents(BookletState& b);
void lay_out_schedule(BookletState& b);
void lay_out_abstracts(BookletState& b);
void lay_out_index(BookletState& b);        // speakers, then tracks when there are any
void lay_out_track_index(BookletState& b);
void lay_out_back_cover(BookletState& b);
// Blank pages until the page count (plus `reserved` pages still to come) is
// a multiple of `multiple`: a saddle-stitched booklet is printed in fours.
void pad_pages(BookletState& b, int multiple, int reserved);

// Opens a part on the flow's page: its title, bookmark, target and
// contents entry.
void open_part(BookletState& b, Flow& flow, const std::string& title, const std::string& key);

// Keys of the composer's targets.
std::string abstract_key(const std::string& item_id);
std::string part_key(const std::string& part);

}  // namespace booklet::layout
