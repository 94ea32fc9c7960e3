// HTML and Markdown fragments (abstracts, descriptions) → rich text:
// structure, never markup as text, the programme reader's canonical form.
#include <gtest/gtest.h>

#include <functional>
#include <optional>

#include "model_dump.hpp"
#include "read/html_fragment.hpp"
#include "read/schedule_reader.hpp"

namespace {

using booklet::read::FragmentSyntax;
using booklet::read::text_from_fragment;

std::string show(std::string_view fragment, FragmentSyntax syntax = FragmentSyntax::Auto) {
    std::ostringstream o;
    booklet::test::dump_blocks(o, text_from_fragment(fragment, {"f.xml", 3, 5}, syntax).blocks, "");
    return o.str();
}

void expect_no_markup(const std::vector<booklet::model::Block>& blocks) {
    for (const auto& b : blocks) {
        for (const auto& in : b.inlines) {
            EXPECT_EQ(in.text.find('<'), std::string::npos) << in.text;
            EXPECT_EQ(in.text.find('>'), std::string::npos) << in.text;
            EXPECT_EQ(in.text.find("&amp;"), std::string::npos) << in.text;
        }
        for (const auto& item : b.items) expect_no_markup(item);
    }
}

TEST(Fragment, PlainTextParagraphs) {
    EXPECT_EQ(show("First line\ncontinues.\n\n  Second   paragraph. \n"),
              "p ['First line continues.']\n"
              "p ['Second paragraph.']\n");
}

TEST(Fragment, EmptyInputsGiveNoBlocks) {
    for (const char* s : {"", "   \n\n ", "<p></p>", "<p>&nbsp;</p>", "<p> <br/> </p>", "<ul><li> </li></ul>", "**"}) {
        const auto t = text_from_fragment(s, {});
        if (std::string(s) == "**") {
            EXPECT_EQ(t.plain(), "**");
            continue;
        }
        EXPECT_TRUE(t.empty()) << s;
    }
}

TEST(Fragment, HtmlParagraphsAndBreaks) {
    EXPECT_EQ(show("<p>One <em>two</em></p><p>Three<br>four<br/>five</p>"),
              "p ['One '][em 'two']\n"
              "p ['Three']\n"
              "p ['four']\n"
              "p ['five']\n");
    // A blank line between plain paragraphs, when tags are mixed in.
    EXPECT_EQ(show("Intro text\n\nSecond <b>bold</b>\n<ul><li>x</li></ul>"),
              "p ['Intro text']\n"
              "p ['Second '][strong 'bold']\n"
              "ul\n  li\n    p ['x']\n");
}

TEST(Fragment, EntitiesAreDecoded) {
    EXPECT_EQ(show("<p>caf&eacute; &#233;t&#xE9; R&amp;D &lt;tag&gt; &hellip; &unknown; &#150;</p>"),
              "p ['café été R&D <tag> … &unknown; –']\n");
    // A no-break space stays inside, not at the ends.
    EXPECT_EQ(show("&nbsp;a&nbsp;b&nbsp;"), "p ['a\xC2\xA0" "b']\n");
    EXPECT_EQ(booklet::read::decode_html_entities("&amp;amp; &#x1F600; &#0; &#xD800; &#129;x"),
              "&amp; \xF0\x9F\x98\x80 \xEF\xBF\xBD \xEF\xBF\xBD x");
}

TEST(Fragment, HtmlLists) {
    EXPECT_EQ(show("<ul><li>a</li><li>b <ol><li>b1</li><li><p>b2</p></li></ol></li></ul><p>after</p>"),
              "ul\n"
              "  li\n    p ['a']\n"
              "  li\n    p ['b']\n    ol\n      li\n        p ['b1']\n      li\n        p ['b2']\n"
              "p ['after']\n");
    // Unclosed items and lists, a stray <li>.
    EXPECT_EQ(show("<ul><li>one<li>two"), "ul\n  li\n    p ['one']\n  li\n    p ['two']\n");
    EXPECT_EQ(show("<li>alone</li>"), "ul\n  li\n    p ['alone']\n");
}

TEST(Fragment, MarkdownLists) {
    EXPECT_EQ(show("Tools:\n\n- *age* for files\n- _sops_\n  continued\n* other marker\n\n1. install\n2) not the same list\n"),
              "p ['Tools:']\n"
              "ul\n  li\n    p [em 'age'][' for files']\n  li\n    p [em 'sops'][' continued']\n"
              "ul\n  li\n    p ['other marker']\n"
              "ol\n  li\n    p ['install']\n"
              "ol\n  li\n    p ['not the same list']\n");
    EXPECT_EQ(show("* first\n  * inner one\n  * inner two\n* second"),
              "ul\n  li\n    p ['first']\n    ul\n      li\n        p ['inner one']\n      li\n        p ['inner two']\n"
              "  li\n    p ['second']\n");
    // A number inside a sentence does not start a list; "-" without a space neither.
    EXPECT_EQ(show("We met in\n2019. It was fine.\n-not a list"), "p ['We met in 2019. It was fine. -not a list']\n");
}

TEST(Fragment, Emphasis) {
    EXPECT_EQ(show("*a* _b_ **c** __d__ ***e*** <i>f</i> <b>g</b> <strong><em>h</em></strong>"),
              "p [em 'a'][' '][em 'b'][' '][strong 'c'][' '][strong 'd'][' '][em strong 'e'][' '][em 'f'][' ']"
              "[strong 'g'][' '][em strong 'h']\n");
    EXPECT_EQ(show("snake_case_name and 2 * 3 * 4 = 24, a*b*c"),
              "p ['snake_case_name and 2 * 3 * 4 = 24, a'][em 'b']['c']\n");
    EXPECT_EQ(show("`*code*` and \\*escaped\\* and **unclosed"), "p [code '*code*'][' and *escaped* and **unclosed']\n");
}

TEST(Fragment, Links) {
    EXPECT_EQ(show("See [the *docs*](https://example.org/docs \"title\") or <https://x.example.org/a>."),
              "p ['See '][href=https://example.org/docs 'the '][em href=https://example.org/docs 'docs'][' or ']"
              "[href=https://x.example.org/a 'https://x.example.org/a']['.']\n");
    EXPECT_EQ(show("<p><a href=\"https://a.example.org/?x=1&amp;y=2\">A</a> <a href=\"/relative\">rel</a> "
                   "<a href='mailto:me@example.org'>mail</a> <a>none</a></p>"),
              "p [href=https://a.example.org/?x=1&y=2 'A'][' rel '][href=mailto:me@example.org 'mail'][' none']\n");
    EXPECT_EQ(show("Bare https://example.org/path_(x). and (https://example.org/y) and me@example.org"),
              "p ['Bare '][href=https://example.org/path_(x) 'https://example.org/path_(x)']['. and (']"
              "[href=https://example.org/y 'https://example.org/y'][') and me@example.org']\n");
    EXPECT_EQ(show("<p>Visit https://example.org/z today</p>"),
              "p ['Visit '][href=https://example.org/z 'https://example.org/z'][' today']\n");
    EXPECT_EQ(show("![logo](https://example.org/logo.png) [relative](/x) <someone@example.org>"),
              "p ['relative '][href=mailto:someone@example.org 'someone@example.org']\n");
}

TEST(Fragment, HeadingsAtTheTopOnly) {
    EXPECT_EQ(show("# Title #\n\nText\n\nSub\n---\n- ## not a heading here"),
              "h1 ['Title']\np ['Text']\nh1 ['Sub']\nul\n  li\n    p ['not a heading here']\n");
    EXPECT_EQ(show("<h2>Title</h2><ul><li><h3>in a list</h3></li></ul>"),
              "h1 ['Title']\nul\n  li\n    p ['in a list']\n");
}

TEST(Fragment, UnknownTagsAreStrippedKeepingText) {
    const char* messy =
        "<div class=\"x\"><p>Hi <span style='color:red'>there</span> <o:p></o:p><font face=x>friend</font>"
        "<script>alert('<b>no</b>')</script><style>p{}</style><!-- comment --> <unknown a=1>!</unknown></p></div>"
        "<table><tr><td>a</td><td>b</td></tr></table><img src=x.png alt=pic>";
    const auto t = text_from_fragment(messy, {});
    expect_no_markup(t.blocks);
    EXPECT_EQ(show(messy), "p ['Hi there friend !']\np ['a b']\n");
    // A '<' that starts no tag is text. ("a<b</p>" is a tag "b<" to
    // libxml2 as to browsers, so it is no longer tested here.)
    EXPECT_EQ(show("<p>3 < 4 > 2 and a < b</p>"), "p ['3 < 4 > 2 and a < b']\n");
}

TEST(Fragment, EscapedTwice) {
    EXPECT_EQ(show("&lt;p&gt;Hello &lt;em&gt;world&lt;/em&gt;&lt;/p&gt;&lt;p&gt;R&amp;amp;D&lt;/p&gt;"),
              "p ['Hello '][em 'world']\np ['R&D']\n");
    // Text that merely mentions a tag is left alone.
    EXPECT_EQ(show("Use &lt;video&gt; elements"), "p ['Use <video> elements']\n");
}

TEST(Fragment, CanonicalForm) {
    // Spaces collapse across spans (a space alone between two spans of one
    // style is dropped and the spans merge); no control characters.
    EXPECT_EQ(show("<p>  a <em> b </em> <em>c</em>\td\x01" "e\xC2\x85" "f </p>"),
              "p ['a '][em 'b c'][' d ef']\n");
    EXPECT_EQ(show("<p>x<b></b>y</p>"), "p ['xy']\n");
}

TEST(Fragment, ListsNestAtMostEightDeep) {
    std::string html, md;
    for (int i = 0; i < 12; ++i) html += "<ul><li>l" + std::to_string(i);
    for (int i = 0; i < 12; ++i) md += std::string(static_cast<std::size_t>(i) * 2, ' ') + "- m" + std::to_string(i) + "\n";
    for (const auto& s : {html, md}) {
        const auto t = text_from_fragment(s, {});
        int depth = 0;
        const std::vector<booklet::model::Block>* blocks = &t.blocks;
        while (!blocks->empty() && blocks->back().kind == booklet::model::Block::Kind::List) {
            ++depth;
            blocks = &blocks->back().items.back();
        }
        EXPECT_EQ(depth, 8) << s;
    }
}

TEST(Fragment, ForcedSyntax) {
    EXPECT_EQ(show("*a*", FragmentSyntax::Html), "p ['*a*']\n");
    // CommonMark: a line that starts with a block-level tag opens an HTML
    // block, whose content is HTML, not Markdown; inline tags are inlines.
    EXPECT_EQ(show("<p>*a*</p>", FragmentSyntax::Markdown), "p ['*a*']\n");
    EXPECT_EQ(show("x <em>*a*</em>", FragmentSyntax::Markdown), "p ['x '][em 'a']\n");
}

TEST(Fragment, BlocksCarryTheLocation) {
    const auto t = text_from_fragment("a\n\n- b", {"f.xml", 3, 5});
    ASSERT_EQ(t.blocks.size(), 2u);
    EXPECT_EQ(t.blocks[0].where.str(), "f.xml:3:5");
    EXPECT_EQ(t.blocks[1].where.str(), "f.xml:3:5");
    EXPECT_EQ(t.blocks[1].items[0][0].where.str(), "f.xml:3:5");
}

TEST(Fragment, PlainText) {
    EXPECT_EQ(booklet::read::plain_text("  Rock &amp; Roll\n\t<b>x</b>&nbsp;"), "Rock & Roll <b>x</b>");
    EXPECT_EQ(booklet::read::plain_text("a\x02" "b\xE2\x80\xA8" "c"), "a b c");
}

}  // namespace

namespace {

// ---- code: Markdown code blocks and spans, HTML <pre> and <code> ----

TEST(Fragment, MarkdownFencedCodeKeepsItsLines) {
    EXPECT_EQ(show("Install:\n\n```sh\n$ make  install\n\n\tgo run .   \n```\nAfter *that*"),
              "p ['Install:']\n"
              "pre\n  |$ make  install|\n  ||\n  |    go run .|\n"
              "p ['After '][em 'that']\n");
    // No markup inside: emphasis, links and tags stay as written.
    EXPECT_EQ(show("~~~\n*not em* <b>x</b> https://example.org\n~~~"),
              "pre\n  |*not em* <b>x</b> https://example.org|\n");
    // An empty fence gives no block.
    EXPECT_EQ(show("```\n\n```"), "");
}

TEST(Fragment, MarkdownIndentedCode) {
    EXPECT_EQ(show("Text\n\n    int x;\n      y();\n\nMore"),
              "p ['Text']\npre\n  |int x;|\n  |  y();|\np ['More']\n");
    // In a list item too.
    EXPECT_EQ(show("- step:\n\n  ```\n  a  b\n  ```\n- next"),
              "ul\n  li\n    p ['step:']\n    pre\n      |a  b|\n  li\n    p ['next']\n");
}

TEST(Fragment, HtmlPreKeepsLinesEntitiesDecoded) {
    EXPECT_EQ(show("<p>Run:</p><pre>\na &lt; b &amp;&amp; c<br>  second   <b>line</b>\n\n</pre><p>done</p>"),
              "p ['Run:']\npre\n  |a < b && c|\n  |  second   line|\np ['done']\n");
    // frab exports often escape the markup once more.
    EXPECT_EQ(show("&lt;p&gt;Try:&lt;/p&gt;&lt;pre&gt;x  =  1\ny&lt;/pre&gt;"), "p ['Try:']\npre\n  |x  =  1|\n  |y|\n");
    // No control characters in code lines either (in HTML they are white
    // space); <script> inside loses its text.
    EXPECT_EQ(show("<pre>a\x01" "b\r\nc<script>evil()</script></pre>"), "pre\n  |a b|\n  |c|\n");
    EXPECT_EQ(show("```\na\x01" "b\xC2\x85" "c\r\n```"), "pre\n  |abc|\n");
}

TEST(Fragment, InlineCode) {
    EXPECT_EQ(show("<p>Call <code>make  all</code> or <tt>x</tt> now</p>"),
              "p ['Call '][code 'make all'][' or '][code 'x'][' now']\n");
    EXPECT_EQ(show("Use `git  log` and <code>ls</code>"), "p ['Use '][code 'git log'][' and '][code 'ls']\n");
    // No link is made inside code.
    EXPECT_EQ(show("See `www.example.org` and `https://example.org`"),
              "p ['See '][code 'www.example.org'][' and '][code 'https://example.org']\n");
}

// ---- links without a scheme ----

TEST(Fragment, WwwAddressesBecomeLinks) {
    EXPECT_EQ(show("See www.example.org/path_(x), or WWW.fosdem.org."),
              "p ['See '][href=https://www.example.org/path_(x) 'www.example.org/path_(x)'][', or ']"
              "[href=https://WWW.fosdem.org 'WWW.fosdem.org']['.']\n");
    EXPECT_EQ(show("<p>Visit www.fosdem.org!</p>"),
              "p ['Visit '][href=https://www.fosdem.org 'www.fosdem.org']['!']\n");
    // Not links: abbreviations, file names, "www." without a domain, inside a word.
    for (const char* s : {"e.g. this", "see README.md", "www.localhost", "awww.example.org", "www.example.123",
                          "mywww.x.org", "www..org", "www.-x.org"}) {
        const auto t = text_from_fragment(s, {});
        ASSERT_EQ(t.blocks.size(), 1u) << s;
        for (const auto& in : t.blocks[0].inlines) EXPECT_TRUE(in.href.empty()) << s;
    }
    // A link's own text is not linked again.
    EXPECT_EQ(show("[www.a.org](https://b.example.org)"), "p [href=https://b.example.org 'www.a.org']\n");
}

// ---- lists, hostile input ----

TEST(Fragment, NestedListsBothSyntaxes) {
    EXPECT_EQ(show("1. one\n   - a\n     - deep `c`\n2. two"),
              "ol\n  li\n    p ['one']\n    ul\n      li\n        p ['a']\n        ul\n          li\n"
              "            p ['deep '][code 'c']\n  li\n    p ['two']\n");
}

TEST(Fragment, HostileInput) {
    // Unclosed tags close at the end.
    EXPECT_EQ(show("<p><em>open <strong>x<ul><li>y"), "p [em 'open '][em strong 'x']\nul\n  li\n    p [em strong 'y']\n");
    // 10,000 nested elements: no crash, no deep recursion; what libxml2 keeps is text.
    std::string deep;
    for (int i = 0; i < 10000; ++i) deep += "<div>";
    deep += "bottom";
    for (int i = 0; i < 10000; ++i) deep += "</div>";
    const auto t = text_from_fragment(deep, {});
    expect_no_markup(t.blocks);
    EXPECT_LE(t.blocks.size(), 1u);
    std::string quotes(10000, '>');
    EXPECT_EQ(show(quotes + " q"), "p ['q']\n");
    EXPECT_EQ(show(std::string(10000, '[') + "x" + std::string(10000, ']')).size(), 20001u + 7u);
    // Script and style content is dropped, in HTML and in Markdown.
    EXPECT_EQ(show("<p>a<script>alert('<b>x</b>')</script>b<style>p{}</style></p>"), "p ['ab']\n");
    EXPECT_EQ(show("a <script>alert(1)</script> b"), "p ['a b']\n");
    // javascript:, data: and relative targets keep their text, lose the link.
    EXPECT_EQ(show("<p><a href=\"javascript:alert(1)\">x</a> <a href=\" JavaScript:y\">y</a></p>"), "p ['x y']\n");
    EXPECT_EQ(show("[x](javascript:alert(1)) [y](data:text/html,z) <javascript:alert(1)>"),
              "p ['x y javascript:alert(1)']\n");
    // Invalid UTF-8 becomes U+FFFD, never a broken sequence.
    EXPECT_EQ(show("a\xFF" "b"), "p ['a\xEF\xBF\xBD" "b']\n");
}

}  // namespace

// ---- the real corpus ----


namespace {

const booklet::model::Item* find_titled(const std::vector<booklet::model::Item>& items, std::string_view prefix) {
    for (const auto& i : items) {
        if (i.title.rfind(prefix, 0) == 0) return &i;
        if (const auto* c = find_titled(i.children, prefix)) return c;
    }
    return nullptr;
}

// Real abstracts may say "a < b" or "=>": only tags and references are markup here.
void expect_no_tags(const std::vector<booklet::model::Block>& blocks) {
    for (const auto& b : blocks) {
        for (const auto& in : b.inlines)
            for (const char* m : {"<p>", "</p>", "<pre", "<code", "<br", "<a ", "&lt;", "&gt;", "&amp;", "&quot;"})
                EXPECT_EQ(in.text.find(m), std::string::npos) << in.text;
        for (const auto& item : b.items) expect_no_tags(item);
    }
}

std::vector<std::vector<std::string>> code_of(const std::vector<booklet::model::Block>& blocks) {
    std::vector<std::vector<std::string>> out;
    for (const auto& b : blocks) {
        if (b.kind == booklet::model::Block::Kind::Code) out.push_back(b.lines);
        for (const auto& item : b.items)
            for (auto& c : code_of(item)) out.push_back(std::move(c));
    }
    return out;
}

const booklet::model::Item* corpus_item(const std::string& file, std::string_view title,
                                        std::optional<booklet::model::Programme>& p) {
    booklet::model::Diagnostics d;
    p = booklet::read::read_schedule_file(BOOKLET_SOURCE_DIR "/../shared/corpus/" + file, d);
    if (!p) return nullptr;
    for (const auto& day : p->days)
        if (const auto* i = find_titled(day.items, title)) return i;
    return nullptr;
}

// FOSDEM 2023 (Pentabarf HTML): <pre><code> with entities keeps its lines and indentation.
TEST(Fragment, CorpusFosdem2023PreKeepsItsLines) {
    std::optional<booklet::model::Programme> p;
    const auto* item = corpus_item("fosdem-2023.xml", "Fuzion", p);
    ASSERT_NE(item, nullptr);
    const auto code = code_of(item->abstract.blocks);
    ASSERT_GE(code.size(), 10u);
    bool divide = false, mut = false;
    for (const auto& lines : code) {
        for (std::size_t k = 0; k + 1 < lines.size(); ++k) {
            divide = divide || (lines[k] == "  if b = 0" && lines[k + 1] == "    try.env.raise (error \"division by zero!\")");
            mut = mut || (lines[k] == "say x" && lines[k + 1] == "x <- 2*x");
        }
    }
    EXPECT_TRUE(divide);
    EXPECT_TRUE(mut);
    expect_no_tags(item->abstract.blocks);
}

// FOSDEM 2019: a shell session in <pre><code>, and no stray markup anywhere.
TEST(Fragment, CorpusFosdem2019ShellSession) {
    std::optional<booklet::model::Programme> p;
    const auto* item = corpus_item("fosdem-2019.xml", "Console oriented services", p);
    ASSERT_NE(item, nullptr);
    const auto code = code_of(item->abstract.blocks);
    ASSERT_FALSE(code.empty());
    EXPECT_EQ(code[0], (std::vector<std::string>{"$ curl wttr.in/Karlsruhe", "$ curl rate.sx/btc", "$ curl cheat.sh/lua/:learn"}));
    std::function<void(const std::vector<booklet::model::Item>&)> all = [&](const std::vector<booklet::model::Item>& items) {
        for (const auto& i : items) {
            expect_no_tags(i.abstract.blocks);
            all(i.children);
        }
    };
    for (const auto& day : p->days) all(day.items);
}

}  // namespace
