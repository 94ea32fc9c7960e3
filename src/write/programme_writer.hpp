#pragma once
// Writes a model::Programme in the project's programme XML (input/FORMAT.md),
// valid against input/programme.xsd, for hand editing: `booklet convert`
// turns a schedule.xml into it. Reading the output back with the programme
// reader gives the same model (locations aside), except where the format
// cannot say what the model holds; each such change is a warning at the
// item it concerns, and an XML comment beside the item in the output:
//
//  * times past midnight are written as they are, "25:30" on the day that
//    lists them; only an item that ends after 47:59 (an event of several
//    days) is cut at 47:59;
//  * fields an element has no place for: the track of an <event>,
//    keywords outside a <talk>, anything but the title of a <break>/<meal>;
//  * blank required texts (programme or item title, venue name, family
//    name) get a visible placeholder to edit;
//  * links whose target is not http(s) or mailto: keep their text.
//
// Items the schedule.xml reader marked as allowed to overlap get
// overlap="allowed"; person biographies are written as <biography>.
//
// What the format cannot hold at all is an error, and nothing is returned:
// ids that are not ids, a talk without a speaker or without a time, a
// reference to an unknown person, room or track, two items with one id.
// The programme's acronym (schedule.xml only) has no place in the format
// and is not written.
#include <optional>
#include <string>

#include "model/diagnostic.hpp"
#include "model/programme.hpp"

namespace booklet::write {

struct WriteOptions {
    // Written as an XML comment after the declaration, e.g. the source file.
    std::string comment;
};

std::optional<std::string> write_programme(const model::Programme& programme, model::Diagnostics& diags,
                                           const WriteOptions& options = {});

}  // namespace booklet::write
