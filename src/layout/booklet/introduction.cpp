// The introduction: the call text, then the organising committee and the
// contacts.
#include "locale/format.hpp"
#include "layout/booklet/parts.hpp"
#include "layout/booklet/rich_text.hpp"

namespace booklet::layout {

std::string part_key(const std::string& part) { return "part:" + part; }
std::string abstract_key(const std::string& item_id) { return "abstract:" + item_id; }

void open_part(BookletState& b, Flow& flow, const std::string& title, const std::string& key) {
    BookletContext& ctx = b.ctx;
    b.composer.target(part_key(key), flow.page(), flow.y());
    b.composer.bookmark(title, 0, flow.page(), flow.y());
    b.contents.push_back({title, part_key(key), 0});
    FlowOptions o;
    o.keep_with_next = true;
    o.space_after = ctx.leading(Style::Body) * 1.2;
    o.where = ctx.programme.where;
    flow.add(set_paragraph(ctx, {ctx.span(title, Style::Heading)}, flow.frame().w, ctx.lang, Align::Left, 0,
                           ctx.size(Style::Heading) * 1.25),
             o);
}

void lay_out_introduction(BookletState& b) {
    BookletContext& ctx = b.ctx;
    const auto& p = ctx.programme;
    const std::string title = ctx.label("introduction");
    Flow flow(ctx, b.composer, b.report, title);
    open_part(b, flow, title, "introduction");
    const double width = flow.frame().w;
    const double lead = ctx.leading(Style::Body);

    RichTextStyle rs;
    rs.lang = p.lang;
    rs.paragraph_indent = ctx.size(Style::Body) * 1.2;
    set_rich_text(ctx, flow, p.introduction, rs, width);

    auto names = [&](const std::vector<model::PersonRef>& refs) {
        std::vector<std::string> out;
        for (const auto& r : refs)
            if (const auto* person = p.person(r.id)) out.push_back(person->display_name());
        return out;
    };
    auto small_heading = [&](const std::string& text) {
        FlowOptions o;
        o.space_before = lead * 1.4;
        o.space_after = lead * 0.3;
        o.keep_with_next = true;
        flow.add(set_paragraph(ctx, {ctx.span(text, Style::Subheading)}, width, ctx.lang, Align::Left, 0,
                               ctx.leading(Style::Subheading)),
                 o);
    };
    if (!p.committee.empty()) {
        small_heading(ctx.label("committee"));
        FlowOptions o;
        flow.add(set_paragraph(ctx, {ctx.span(locale::join_names(names(p.committee), ctx.label("and")) + ".", Style::Body)},
                               width, p.lang, Align::Left, 0, lead),
                 o);
    }
    if (!p.contacts.empty()) {
        small_heading(ctx.label("contacts"));
        for (const auto& contact : p.contacts) {
            const auto* person = p.person(contact.ref);
            const std::string email = contact.email.empty() && person ? person->email : contact.email;
            std::vector<Span> spans;
            if (person) spans.push_back(ctx.span(person->display_name() + " ", Style::Body));
            spans.push_back(ctx.span("<" + email + ">", Style::Body, "mailto:" + email));
            FlowOptions o;
            flow.add(set_paragraph(ctx, spans, width, p.lang, Align::Left, 0, lead), o);
        }
    }
    flow.flush();
}

}  // namespace booklet::layout
