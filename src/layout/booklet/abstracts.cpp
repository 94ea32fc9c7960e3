// One page per talk with an abstract (or several to a page in "book of
// abstracts" themes): the session, the speakers with roles and
// affiliations, the title, the abstract justified, the keywords.
#include "locale/format.hpp"
#include "layout/booklet/parts.hpp"
#include "layout/booklet/rich_text.hpp"

namespace booklet::layout {

namespace {

std::string speaker_detail(const model::Person& p) {
    std::string s = p.role;
    std::string affs;
    for (const auto& a : p.affiliations) affs += (affs.empty() ? "" : ", ") + a;
    if (!affs.empty()) s += (s.empty() ? "" : " — ") + affs;
    return s;
}

void lay_out_one(BookletState& b, Flow& flow, const model::ItemRef& ref) {
    BookletContext& ctx = b.ctx;
    const auto& p = ctx.programme;
    const model::Item& talk = *ref.item;
    const std::string lang = ctx.text_lang(talk);
    const double w = flow.frame().w;
    const double lead = ctx.leading(Style::Body);

    // The abstract's first line and its title stay on one page.
    flow.need(ctx.leading(Style::AbstractTitle) * 3 + lead * 4);
    b.composer.target(abstract_key(talk.id), flow.page(), flow.y());
    b.composer.bookmark(talk.title, 1, flow.page(), flow.y());
    if (p.talks().size() <= 40) b.contents.push_back({talk.title, abstract_key(talk.id), 1});

    FlowOptions keep;
    keep.keep_with_next = true;
    keep.where = talk.where;
    if (ref.parent && !ref.parent->title.empty()) {
        FlowOptions o = keep;
        o.space_after = lead * 0.6;
        flow.add(set_paragraph(ctx, {ctx.span(ref.parent->title, Style::Header)}, w, ctx.text_lang(*ref.parent),
                               Align::Left, 0, ctx.leading(Style::Small), ref.parent->where),
                 o);
    }
    for (const auto& s : talk.speakers) {
        const auto* person = p.person(s.id);
        if (!person) continue;
        FlowOptions o = keep;
        flow.add(set_paragraph(ctx, {ctx.span(person->display_name(), Style::Speaker)}, w, lang, Align::Left, 0,
                               ctx.leading(Style::Speaker), s.where),
                 o);
        const std::string detail = speaker_detail(*person);
        if (!detail.empty()) {
            o.space_after = lead * 0.25;
            flow.add(set_paragraph(ctx, {ctx.span(detail, Style::SpeakerDetail)}, w, lang, Align::Left, 0,
                                   ctx.leading(Style::SpeakerDetail), person->where),
                     o);
        }
    }
    {
        FlowOptions o = keep;
        o.space_before = lead * 0.9;
        o.space_after = talk.subtitle.empty() ? lead * 0.8 : lead * 0.2;
        flow.add(set_paragraph(ctx, {ctx.span(talk.title, Style::AbstractTitle)}, w, lang, Align::Left, 0,
                               ctx.leading(Style::AbstractTitle), talk.where),
                 o);
    }
    if (!talk.subtitle.empty()) {
        FlowOptions o = keep;
        o.space_after = lead * 0.8;
        flow.add(set_paragraph(ctx, {ctx.span(talk.subtitle, Style::BodyItalic)}, w, lang, Align::Left, 0, lead,
                               talk.where),
                 o);
    }
    RichTextStyle rs;
    rs.lang = lang;
    rs.paragraph_indent = ctx.size(Style::Body) * 1.2;
    set_rich_text(ctx, flow, talk.abstract, rs, w);

    if (!talk.keywords.empty()) {
        std::vector<Span> spans{ctx.span(ctx.label("keywords") + ctx.colon(), Style::KeywordsLabel)};
        std::string words;
        for (const auto& k : talk.keywords) words += (words.empty() ? "" : ", ") + k;
        spans.push_back(ctx.span(words, Style::Keywords));
        FlowOptions o;
        o.space_before = lead * 0.8;
        o.where = talk.where;
        flow.add(set_paragraph(ctx, spans, w, lang, Align::Left, 0, ctx.leading(Style::Small), talk.where), o);
    }
}

}  // namespace

void lay_out_abstracts(BookletState& b) {
    BookletContext& ctx = b.ctx;
    std::vector<model::ItemRef> talks;
    for (const auto& t : ctx.programme.talks())
        if (!t.item->abstract.empty()) talks.push_back(t);
    if (talks.empty()) return;
    const std::string title = ctx.label("abstracts");
    Flow flow(ctx, b.composer, b.report, title);
    open_part(b, flow, title, "abstracts");
    flow.flush();
    const int per_page = std::max(1, ctx.theme.abstracts_per_page);
    int on_page = 0;
    bool first = true;
    for (const auto& t : talks) {
        // One abstract per page: each starts a page (the first one right
        // under the part title). Several: a rule between them.
        if (!first) {
            if (per_page == 1 || on_page >= per_page) {
                flow.new_page();
                on_page = 0;
            } else {
                flow.space(ctx.leading(Style::Body) * 1.5);
                b.composer.rule(flow.page(), flow.frame().x, flow.y() - ctx.leading(Style::Body) * 0.75, flow.frame().w * 0.3,
                                0.5, ctx.colour("rule"));
            }
        }
        const int before = flow.page();
        lay_out_one(b, flow, t);
        on_page = flow.page() == before ? on_page + 1 : 1;
        first = false;
    }
    flow.flush();
}

}  // namespace booklet::layout
