#pragma once
// The words of an invitation e-mail: templates/mail/<lang>.txt.
//
//   # comment lines (before the first section) start with "#"
//   [invite]                       one section per kind of message:
//   Subject: Invitation : {{title}}    [invite], [update], [cancel]
//                                  a blank line, then the body
//   {{#name}}Bonjour {{name}},{{/name}}{{^name}}Bonjour,{{/name}}
//   …
//
// Placeholders: {{title}} {{date}} {{hours}} {{venue}} {{address}}
// {{link}} {{contact}} {{name}}. {{#key}}…{{/key}} keeps its text only
// when the value is not empty, {{^key}}…{{/key}} only when it is; a line
// holding nothing but such a tag disappears. Unknown placeholders,
// unbalanced sections and missing sections are errors at file:line:col.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/diagnostic.hpp"
#include "model/programme.hpp"

namespace booklet::mail {

enum class MessageKind { Invite, Update, Cancel };
const char* kind_name(MessageKind k);  // "invite", "update", "cancel"

// The placeholder names a template may use.
const std::vector<std::string>& placeholder_names();

using Values = std::map<std::string, std::string>;

struct TemplateNode {
    enum class Kind { Text, Variable, Section, InvertedSection };
    Kind kind = Kind::Text;
    std::string text;  // Text: the text; the others: the placeholder name
    std::vector<TemplateNode> children;  // sections
};

class Template {
public:
    // Parses `text` whose first character is at `where`; errors go to diags.
    static std::optional<Template> parse(std::string_view text, const model::SourceLocation& where,
                                         model::Diagnostics& diags);
    std::string render(const Values& values) const;

private:
    std::vector<TemplateNode> nodes_;
};

struct MailSection {
    Template subject;
    Template body;
    // The subject on one line, runs of whitespace made one space.
    std::string render_subject(const Values& values) const;
    // The body without blank lines at its start and end, ending in one "\n".
    std::string render_body(const Values& values) const;
};

struct MailTemplates {
    std::string lang;  // "fr" or "en"
    std::string path;
    std::map<MessageKind, MailSection> sections;
    const MailSection& section(MessageKind k) const { return sections.at(k); }
};

std::optional<MailTemplates> parse_mail_templates(const std::string& path, std::string_view text,
                                                  const std::string& lang, model::Diagnostics& diags);
// Reads templates/mail/<lang>.txt from booklet's resources (io::resource_path).
std::optional<MailTemplates> read_mail_templates(const std::string& lang, model::Diagnostics& diags);

// Values for the placeholders, from the programme, in `lang`:
//   title    the programme's title
//   date     "mardi 28 janvier 2020" / "Tuesday 28 January 2020"
//            (first – last date for an event over several days)
//   hours    "9 h 30 – 17 h" / "9:30 am – 5 pm" (opening of the first day
//            to the closing of the last)
//   venue    the venue's name (and its room when there is only one)
//   address  street, postcode and city, country
//   link     the registration page, else the web site
//   contact  the organiser: "Name <address>"
//   name     the registrant's name (filled per message)
Values programme_values(const model::Programme& p, const std::string& lang);


}  // namespace booklet::mail
