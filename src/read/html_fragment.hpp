#pragma once
// HTML and Markdown fragments, as pretalx, frab and Pentabarf put them into
// the abstracts and descriptions of a schedule.xml, turned into the model's
// rich text. Markup never reaches the model as text: paragraphs (blank lines,
// <p>, <br>), headings, lists (<ul>/<ol>/<li>, "- ", "* ", "+ ", "1. "),
// emphasis (<em>/<i>/*x*/_x_), strong (<strong>/<b>/**x**/__x__), code
// (<pre>, fenced and indented code blocks: a Code block of lines; <code>,
// `code`: inline code) and links (<a href>, [text](url), <url>, bare http(s)
// addresses, "www." addresses as https) become structure; every other tag is
// stripped keeping its text (<script> and <style> lose theirs too); HTML
// character references are decoded.
//
// Markdown is CommonMark, parsed by cmark; HTML is parsed by libxml2's HTML
// parser (no network, no external entities); this code maps their trees.
//
// The result is in the canonical form the programme reader produces, so it
// survives a write and a read of the project's format unchanged: white space
// collapsed and trimmed (but in code blocks, whose lines keep their white
// space, tabs expanded, trailing white space dropped), adjacent spans of one style merged, no empty
// paragraph, list item or list, headings only at the top level (level 1),
// lists nested at most 8 deep, links only to http(s) or mailto: addresses
// (other targets keep their text and lose the link), no control characters.
#include <string>
#include <string_view>
#include <vector>

#include "model/source_location.hpp"
#include "model/text.hpp"

namespace booklet::read {

enum class FragmentSyntax {
    Auto,      // HTML when the fragment holds a block-level tag, else Markdown
    Html,      // tags give the structure; text is taken literally
    Markdown,  // CommonMark-like blocks and inlines; inline HTML tags allowed
};

// Every block gets `where` as its location (the element the fragment came from).
model::Text text_from_fragment(std::string_view fragment, const model::SourceLocation& where,
                               FragmentSyntax syntax = FragmentSyntax::Auto);

// The lines of a code block as the model holds them: split at line breaks,
// tabs expanded to 4 columns, control characters and trailing white space
// dropped, no blank line at either end.
std::vector<std::string> preformatted_lines(std::string_view code);

// Decodes HTML character references: the HTML 4 named set plus &apos;,
// decimal and hexadecimal references (0x80–0x9F as Windows-1252, as browsers
// do). Unknown or unterminated references stay as written.
std::string decode_html_entities(std::string_view s);

// A one-line text such as a title or a name: references decoded, control
// characters dropped, white space (and no-break spaces at the ends) collapsed
// and trimmed. Tags are left alone: a title may mention <html>.
std::string plain_text(std::string_view s);

}  // namespace booklet::read
