// The mail templates: placeholders, sections, errors at file:line:col, and
// the values they are filled with (dates and hours written out).
#include <gtest/gtest.h>

#include <algorithm>

#include "mail/mail_template.hpp"
#include "read/programme_reader.hpp"
#include "test_support.hpp"

namespace booklet::mail {
namespace {

std::string render(const std::string& text, const Values& values) {
    model::Diagnostics diags;
    const auto t = Template::parse(text, {"t.txt", 1, 1}, diags);
    EXPECT_TRUE(t.has_value());
    for (const auto& d : diags.items()) ADD_FAILURE() << d.str();
    return t ? t->render(values) : std::string();
}

std::vector<std::string> errors_of(const std::string& text) {
    model::Diagnostics diags;
    const auto t = Template::parse(text, {"t.txt", 10, 1}, diags);
    EXPECT_FALSE(t.has_value());
    std::vector<std::string> out;
    for (const auto& d : diags.items()) out.push_back(d.str());
    return out;
}

TEST(MailTemplate, PlaceholdersAndSections) {
    const Values v{{"name", "Élodie"}, {"title", "Journée"}, {"link", ""}};
    EXPECT_EQ(render("Bonjour {{name}}, « {{ title }} »", v), "Bonjour Élodie, « Journée »");
    EXPECT_EQ(render("{{#name}}Dear {{name}},{{/name}}{{^name}}Hello,{{/name}}", v), "Dear Élodie,");
    EXPECT_EQ(render("{{#name}}Dear {{name}},{{/name}}{{^name}}Hello,{{/name}}", {{"name", ""}}), "Hello,");
    EXPECT_EQ(render("a{{#link}}Link: {{link}}{{/link}}b", v), "ab");
}

TEST(MailTemplate, StandaloneSectionTagsTakeTheirLine) {
    const std::string text = "Date: x\n{{#link}}\nLink: {{link}}\n{{/link}}\n  {{#name}}  \nName: {{name}}\n{{/name}}\nEnd\n";
    EXPECT_EQ(render(text, {{"link", ""}, {"name", "N"}}), "Date: x\nName: N\nEnd\n");
    EXPECT_EQ(render(text, {{"link", "L"}, {"name", ""}}), "Date: x\nLink: L\nEnd\n");
}

TEST(MailTemplate, ErrorsHaveTheirPosition) {
    auto e = errors_of("Hello\n  {{nom}}\n");
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0].rfind("t.txt:11:3: error: unknown placeholder '{{nom}}'", 0), 0u) << e[0];
    e = errors_of("{{#name}}x\n");
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0].rfind("t.txt:10:1: error: section 'name' is never closed", 0), 0u) << e[0];
    e = errors_of("{{#name}}x{{/link}}{{/name}}");
    ASSERT_GE(e.size(), 1u);
    EXPECT_NE(e[0].find("'{{/link}}' closes no open"), std::string::npos) << e[0];
    e = errors_of("x {{title\n}}");
    ASSERT_EQ(e.size(), 1u);
    EXPECT_EQ(e[0].rfind("t.txt:10:3: error: '{{' without '}}'", 0), 0u) << e[0];
}

TEST(MailTemplates, FileNeedsEverySectionWithASubject) {
    model::Diagnostics diags;
    const auto t = parse_mail_templates("m.txt", "# comment\n[invite]\nSubject: Hi {{title}}\n\nBody\n[update]\nNo subject\n",
                                        "en", diags);
    EXPECT_FALSE(t.has_value());
    std::string all;
    for (const auto& d : diags.items()) all += d.str() + "\n";
    EXPECT_NE(all.find("m.txt:7:1: error: section [update] must start with a 'Subject:' line"), std::string::npos) << all;
    EXPECT_NE(all.find("missing section [cancel]"), std::string::npos) << all;
}

TEST(MailTemplates, SubjectOnOneLineAndBodyTrimmed) {
    model::Diagnostics diags;
    const auto t = parse_mail_templates(
        "m.txt", "[invite]\r\nSubject:  Invitation:   {{title}}\r\n\r\n\r\nHello {{name}}\r\n\r\n\r\n[update]\nSubject: U\n\nu\n[cancel]\nSubject: C\n\nc\n",
        "en", diags);
    ASSERT_TRUE(t.has_value());
    const Values v{{"title", "A  day"}, {"name", "Bob"}};
    EXPECT_EQ(t->section(MessageKind::Invite).render_subject(v), "Invitation: A day");
    EXPECT_EQ(t->section(MessageKind::Invite).render_body(v), "Hello Bob\n");
    EXPECT_EQ(t->section(MessageKind::Cancel).render_body(v), "c\n");
}

TEST(MailTemplates, BundledTemplatesParse) {
    for (const std::string lang : {"fr", "en", "de", "nl"}) {
        model::Diagnostics diags;
        const auto t = read_mail_templates(lang, diags);
        for (const auto& d : diags.items()) ADD_FAILURE() << d.str();
        ASSERT_TRUE(t.has_value()) << lang;
        for (auto k : {MessageKind::Invite, MessageKind::Update, MessageKind::Cancel}) {
            Values v;
            for (const auto& n : placeholder_names()) v[n] = "[" + n + "]";
            const std::string body = t->section(k).render_body(v);
            EXPECT_NE(body.find("[name]"), std::string::npos) << lang << " " << kind_name(k);
            EXPECT_NE(body.find("[title]"), std::string::npos) << lang << " " << kind_name(k);
            EXPECT_EQ(body.find("{{"), std::string::npos) << body;
            EXPECT_FALSE(t->section(k).render_subject(v).empty());
        }
    }
}

TEST(MailValues, FromTheProgramme) {
    model::Diagnostics diags;
    const auto p = read::read_programme_file(testing_support::test_data("data/programme.xml").string(), diags);
    ASSERT_TRUE(p.has_value());
    const Values fr = programme_values(*p, "fr");
    EXPECT_EQ(fr.at("title"), "Journée d’étude : numérique et médico-social");
    EXPECT_EQ(fr.at("date"), "mardi 28 janvier 2020");
    EXPECT_EQ(fr.at("hours"), "9\u00A0h\u00A030 \u2013 17\u00A0h");
    EXPECT_EQ(fr.at("venue"), "Maison de la recherche, Amphithéâtre Furet");
    EXPECT_EQ(fr.at("address"), "54, boulevard Raspail, 75006 Paris, France");
    EXPECT_EQ(fr.at("link"), "https://example.org/inscription");
    EXPECT_EQ(fr.at("contact"), "Anne-Sophie Lefèvre <anne-sophie.lefevre@example.org>");
    const Values en = programme_values(*p, "en");
    EXPECT_EQ(en.at("date"), "Tuesday 28 January 2020");
    EXPECT_EQ(en.at("hours"), "9:30\u00A0am \u2013 5\u00A0pm");
    const Values de = programme_values(*p, "de");
    EXPECT_EQ(de.at("date"), "Dienstag, 28. Januar 2020");
    EXPECT_EQ(de.at("hours"), "09:30 \u2013 17:00");
    EXPECT_EQ(programme_values(*p, "nl").at("date"), "dinsdag 28 januari 2020");
}

TEST(MailValues, SeveralDaysAndNoLink) {
    model::Programme p;
    model::Day d1, d2;
    d1.date = {2020, 1, 29};
    d2.date = {2020, 1, 28};
    p.days = {d1, d2};
    p.website_url = "https://example.org/";
    const Values v = programme_values(p, "en");
    EXPECT_EQ(v.at("date"), "Tuesday 28 January 2020 \u2013 Wednesday 29 January 2020");
    EXPECT_EQ(v.at("link"), "https://example.org/");
    EXPECT_EQ(v.at("hours"), "");
    EXPECT_EQ(v.at("contact"), "");
}

}  // namespace
}  // namespace booklet::mail
