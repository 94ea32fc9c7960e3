#pragma once
// Rich text (model::Text: headings, paragraphs, lists, code, emphasis,
// links) set into a flow: the introduction and the abstracts share this.
#include "layout/booklet/flow.hpp"

namespace booklet::layout {

struct RichTextStyle {
    std::string lang;
    Style body = Style::Body;
    Style italic = Style::BodyItalic;
    Style bold = Style::BodyBold;
    Style bold_italic = Style::BodyBoldItalic;
    Style heading = Style::Subheading;
    Style code = Style::Code;  // code blocks and inline code
    double paragraph_indent = 0;  // first-line indent of a paragraph that follows a paragraph
    double paragraph_space = 0;   // space between paragraphs
};

// Inline runs → spans in the right face (emphasis, strong, links; inline
// code in the code face, never hyphenated).
std::vector<Span> spans_of(const BookletContext& ctx, const std::vector<model::Inline>& inlines,
                           const RichTextStyle& style);

void set_rich_text(BookletContext& ctx, Flow& flow, const model::Text& text, const RichTextStyle& style,
                   double width);

// One paragraph laid out in the booklet's usual way (justified, hyphenated).
LaidOutParagraph set_paragraph(BookletContext& ctx, const std::vector<Span>& spans, double width,
                               const std::string& lang, Align align = Align::Justify, double first_indent = 0,
                               double leading = 0, const model::SourceLocation& where = {});

// A code block: each line as written (white space kept, not justified, not
// hyphenated) in the code style; a line wider than `width` breaks at the
// measure (after a space if one is in the last third of the line), its
// continuation opening with a mark (↪) in the muted colour.
// Characters the face lacks are reported (as for paragraphs) and left out.
LaidOutParagraph set_code(BookletContext& ctx, const std::vector<std::string>& lines, double width,
                          const model::SourceLocation& where = {}, Style style = Style::Code);

// Sets `spans` unhyphenated and places the lines on a page with the first
// baseline at (x, baseline); returns the baseline a next line would take.
// For covers and other pages laid out by hand rather than poured in a flow.
double place_block(BookletContext& ctx, Composer& c, int page, const std::vector<Span>& spans, double x,
                   double baseline, double width, double leading, const std::string& lang, Align align = Align::Left);

// "Mines ParisTech, Salle des colonnes" and "60, boulevard Saint-Michel, 75006 Paris".
std::string venue_line(const model::Programme& p);
std::string address_line(const model::Programme& p);

}  // namespace booklet::layout
