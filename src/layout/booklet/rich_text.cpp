#include "layout/booklet/rich_text.hpp"

#include <set>

#include "unicode/utf8.hpp"

namespace booklet::layout {

std::vector<Span> spans_of(const BookletContext& ctx, const std::vector<model::Inline>& inlines,
                           const RichTextStyle& style) {
    std::vector<Span> out;
    out.reserve(inlines.size());
    for (const auto& in : inlines) {
        Style s = style.body;
        if (in.code) s = style.code;
        else if (in.emphasis && in.strong) s = style.bold_italic;
        else if (in.emphasis) s = style.italic;
        else if (in.strong) s = style.bold;
        out.push_back(ctx.span(in.text, s, in.href));
    }
    return out;
}

LaidOutParagraph set_paragraph(BookletContext& ctx, const std::vector<Span>& spans, double width,
                               const std::string& lang, Align align, double first_indent, double leading,
                               const model::SourceLocation& where) {
    ParagraphStyle st;
    st.line_widths = {width};
    st.align = align;
    st.last_line = align == Align::Justify ? Align::Left : align;
    st.first_indent = first_indent;
    st.language = lang;
    st.leading = leading;
    st.hyphenate = align == Align::Justify;
    return ctx.paragraphs.layout(spans, st, diagnostics_sink(ctx.diags, where.known() ? where : ctx.programme.where));
}

LaidOutParagraph set_code(BookletContext& ctx, const std::vector<std::string>& lines, double width,
                          const model::SourceLocation& where, Style style) {
    const Span base = ctx.span("", style);
    const FontMetrics& fm = ctx.fonts.metrics(base.font);
    // A character the code face lacks is taken from the body faces, if they have it.
    const int fallbacks[] = {base.font, ctx.fonts.index(Family::Sans, FontStyle::Regular),
                             ctx.fonts.index(Family::Serif, FontStyle::Regular)};
    const double ascent = fm.ascender(base.size), descent = -fm.descender(base.size);
    const std::string mark = fm.has_glyph(U'\u21AA') ? "\u21AA" : (fm.has_glyph(U'>') ? ">" : "");
    const double mark_width = mark.empty() ? 0 : fm.width(mark, base.size) + fm.advance(U' ', base.size);
    LaidOutParagraph para;
    para.leading = ctx.leading(style);
    std::set<char32_t> missing;
    auto run = [&](int font, Color colour, double x) {
        TextRun r;
        r.font = font;
        r.size = base.size;
        r.color = colour;
        r.x = x;
        return r;
    };
    auto start_line = [&](bool continuation) {
        LaidOutLine l;
        l.measure = width;
        l.ascent = ascent;
        l.descent = descent;
        if (continuation && !mark.empty()) {
            TextRun r = run(base.font, ctx.colour("muted"), 0);
            r.text = mark;
            r.width = fm.width(mark, base.size);
            l.runs.push_back(std::move(r));
            l.width = mark_width;
        }
        para.lines.push_back(std::move(l));
    };
    struct Glyph {
        char32_t cp;
        int font;
        double width;
    };
    std::vector<Glyph> glyphs;
    auto put = [&](std::size_t from, std::size_t to) {  // glyphs [from, to) on the current line
        LaidOutLine& l = para.lines.back();
        for (std::size_t k = from; k < to; ++k) {
            const Glyph& g = glyphs[k];
            if (k == from || l.runs.empty() || l.runs.back().font != g.font)
                l.runs.push_back(run(g.font, base.color, l.width));
            unicode::append(l.runs.back().text, g.cp);
            l.runs.back().width += g.width;
            l.width += g.width;
        }
    };
    for (const auto& line : lines) {
        glyphs.clear();
        for (std::size_t i = 0; i < line.size();) {
            const char32_t cp = unicode::decode(line, i);
            int font = -1;
            if (cp <= 0xFFFF && !unicode::is_control(cp))
                for (int f : fallbacks)
                    if (f >= 0 && ctx.fonts.metrics(f).has_glyph(cp)) {
                        font = f;
                        break;
                    }
            if (font < 0) {
                if (!unicode::is_control(cp)) missing.insert(cp);
                continue;
            }
            glyphs.push_back({cp, font, ctx.fonts.metrics(font).advance(cp, base.size)});
        }
        // Greedy, at the measure; a break falls after a space when one is in
        // the last third of the line, else between any two characters.
        start_line(false);
        std::size_t from = 0;
        while (from < glyphs.size()) {
            const double room = width - para.lines.back().width;
            double w = 0;
            std::size_t to = from;
            while (to < glyphs.size() && (to == from || w + glyphs[to].width <= room + 1e-6)) w += glyphs[to++].width;
            if (to < glyphs.size()) {
                double upto = w;
                for (std::size_t k = to; k > from + 1; --k) {
                    upto -= glyphs[k - 1].width;
                    if (upto < room * 2 / 3) break;
                    if (glyphs[k - 1].cp == U' ' && glyphs[k].cp != U' ') {  // after a run of spaces
                        to = k;
                        break;
                    }
                }
            }
            put(from, to);
            from = to;
            if (from < glyphs.size()) start_line(true);
        }
    }
    for (auto& l : para.lines) {
        l.overfull = l.width > width + 1e-6;
        l.overflow = l.overfull ? l.width - width : 0;
    }
    if (!para.lines.empty()) para.lines.back().last = true;
    for (char32_t cp : missing)
        ctx.diags.warning(where.known() ? where : ctx.programme.where,
                          "character '" + unicode::encode(cp) + "' (" + unicode::code_point_name(cp) +
                              ") is in no font for code: left out");
    return para;
}

namespace {

void set_blocks(BookletContext& ctx, Flow& flow, const std::vector<model::Block>& blocks, const RichTextStyle& style,
                double width, double indent, int depth) {
    bool after_paragraph = false;
    const double lead = ctx.leading(style.body);
    for (const auto& b : blocks) {
        switch (b.kind) {
            case model::Block::Kind::Heading: {
                FlowOptions o;
                o.space_before = lead * 1.1;
                o.space_after = lead * 0.35;
                o.keep_with_next = true;
                o.indent = indent;
                o.where = b.where;
                RichTextStyle hs = style;
                hs.body = hs.italic = hs.bold = hs.bold_italic = style.heading;
                flow.add(set_paragraph(ctx, spans_of(ctx, b.inlines, hs), width - indent, style.lang, Align::Left, 0,
                                       ctx.leading(style.heading) * 1.05, b.where),
                         o);
                after_paragraph = false;
                break;
            }
            case model::Block::Kind::Paragraph: {
                FlowOptions o;
                o.indent = indent;
                o.where = b.where;
                o.space_before = after_paragraph ? style.paragraph_space : 0;
                const double first = after_paragraph ? style.paragraph_indent : 0;
                flow.add(set_paragraph(ctx, spans_of(ctx, b.inlines, style), width - indent, style.lang,
                                       Align::Justify, first, lead, b.where),
                         o);
                after_paragraph = true;
                break;
            }
            case model::Block::Kind::Code: {
                FlowOptions o;
                o.indent = indent;
                o.where = b.where;
                o.space_before = lead * 0.3;
                o.space_after = lead * 0.3;
                flow.add(set_code(ctx, b.lines, width - indent, b.where, style.code), o);
                after_paragraph = false;
                break;
            }
            case model::Block::Kind::List: {
                const double step = ctx.size(style.body) * 1.3;
                int number = 0;
                for (const auto& item : b.items) {
                    ++number;
                    bool first_block = true;
                    for (const auto& inner : item) {
                        if (inner.kind == model::Block::Kind::List) {
                            set_blocks(ctx, flow, {inner}, style, width, indent + step, depth + 1);
                            continue;
                        }
                        if (inner.kind == model::Block::Kind::Code) {
                            FlowOptions o;
                            o.indent = indent + step;
                            o.where = inner.where;
                            o.space_before = lead * 0.25;
                            if (first_block) {
                                const std::string mark = b.ordered ? std::to_string(number) + "." : (depth % 2 ? "•" : "–");
                                o.marker = ctx.span(mark, style.body);
                            }
                            flow.add(set_code(ctx, inner.lines, width - indent - step, inner.where, style.code), o);
                            first_block = false;
                            continue;
                        }
                        FlowOptions o;
                        o.indent = indent + step;
                        o.where = inner.where;
                        o.space_before = first_block ? lead * 0.25 : 0;
                        if (first_block) {
                            const std::string mark = b.ordered ? std::to_string(number) + "." : (depth % 2 ? "•" : "–");
                            o.marker = ctx.span(mark, style.body);
                        }
                        flow.add(set_paragraph(ctx, spans_of(ctx, inner.inlines, style), width - indent - step,
                                               style.lang, Align::Justify, 0, lead, inner.where),
                                 o);
                        first_block = false;
                    }
                }
                flow.space(lead * 0.3);
                after_paragraph = false;
                break;
            }
        }
    }
}

}  // namespace

double place_block(BookletContext& ctx, Composer& c, int page, const std::vector<Span>& spans, double x,
                   double baseline, double width, double leading, const std::string& lang, Align align) {
    ParagraphStyle st;
    st.line_widths = {width};
    st.align = align;
    st.last_line = align;
    st.leading = leading;
    st.language = lang;
    st.hyphenate = false;
    const auto para = ctx.paragraphs.layout(spans, st, diagnostics_sink(ctx.diags, ctx.programme.where));
    c.place_lines(page, para, 0, para.lines.size(), x, baseline);
    return baseline + para.height();
}

std::string venue_line(const model::Programme& p) {
    std::string place = p.venue.name;
    if (p.rooms.size() == 1) place += (place.empty() ? "" : ", ") + p.rooms[0].name;
    return place;
}

std::string address_line(const model::Programme& p) {
    std::string address = p.venue.street;
    const std::string city = p.venue.postcode + (p.venue.postcode.empty() ? "" : " ") + p.venue.city;
    if (!city.empty()) address += (address.empty() ? "" : ", ") + city;
    return address;
}

void set_rich_text(BookletContext& ctx, Flow& flow, const model::Text& text, const RichTextStyle& style, double width) {
    set_blocks(ctx, flow, text.blocks, style, width, 0, 0);
    flow.flush();
}

}  // namespace booklet::layout
