#include "mail/mail_template.hpp"

#include <algorithm>
#include <memory>

#include "calendar/invitation.hpp"
#include "calendar/programme_calendar.hpp"
#include "io/input_file.hpp"
#include "io/resources.hpp"
#include "locale/format.hpp"

namespace booklet::mail {

namespace {

struct Token {
    enum class Kind { Text, Variable, Open, OpenInverted, Close };
    Kind kind = Kind::Text;
    std::string text;
    model::SourceLocation where;
};

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// Positions in a template: the location of a byte offset, counting from `start`.
class Locator {
public:
    Locator(std::string_view text, model::SourceLocation start) : text_(text), loc_(std::move(start)) {}
    model::SourceLocation at(std::size_t offset) {
        for (; pos_ < offset && pos_ < text_.size(); ++pos_) {
            const auto c = static_cast<unsigned char>(text_[pos_]);
            if (c == '\n') {
                ++loc_.line;
                loc_.column = 1;
            } else if ((c & 0xC0) != 0x80) {
                ++loc_.column;
            }
        }
        return loc_;
    }

private:
    std::string_view text_;
    model::SourceLocation loc_;
    std::size_t pos_ = 0;
};

bool known(const std::string& name) {
    const auto& names = placeholder_names();
    return std::find(names.begin(), names.end(), name) != names.end();
}

std::vector<Token> tokenize(std::string_view text, const model::SourceLocation& start, model::Diagnostics& diags,
                            bool& ok) {
    std::vector<Token> tokens;
    Locator locate(text, start);
    std::size_t pos = 0;
    std::string pending;  // text not yet pushed
    auto push_text = [&] {
        if (!pending.empty()) tokens.push_back({Token::Kind::Text, std::move(pending), {}});
        pending.clear();
    };
    while (pos < text.size()) {
        const auto open = text.find("{{", pos);
        if (open == std::string_view::npos) {
            pending += text.substr(pos);
            break;
        }
        pending += text.substr(pos, open - pos);
        const model::SourceLocation where = locate.at(open);
        const auto close = text.find("}}", open + 2);
        const auto newline = text.find('\n', open);
        if (close == std::string_view::npos || (newline != std::string_view::npos && newline < close)) {
            diags.error(where, "'{{' without '}}' on the same line");
            ok = false;
            pending += "{{";
            pos = open + 2;
            continue;
        }
        std::string inner(text.substr(open + 2, close - open - 2));
        inner.erase(0, inner.find_first_not_of(" \t"));
        inner.erase(inner.find_last_not_of(" \t") + 1);
        Token t;
        t.where = where;
        if (!inner.empty() && (inner[0] == '#' || inner[0] == '^' || inner[0] == '/')) {
            t.kind = inner[0] == '#' ? Token::Kind::Open : inner[0] == '^' ? Token::Kind::OpenInverted
                                                                            : Token::Kind::Close;
            inner.erase(0, 1);
            inner.erase(0, inner.find_first_not_of(" \t"));
        } else {
            t.kind = Token::Kind::Variable;
        }
        t.text = inner;
        if (!known(inner)) {
            std::string list;
            for (const auto& n : placeholder_names()) list += (list.empty() ? "" : ", ") + n;
            diags.error(where, "unknown placeholder '{{" + std::string(text.substr(open + 2, close - open - 2)) +
                                   "}}' (known: " + list + ")");
            ok = false;
        }
        pos = close + 2;
        // A section tag alone on its line (blanks around it allowed) takes
        // the line with it. Checked on the source, so another tag on the
        // same line counts as text.
        if (t.kind != Token::Kind::Variable) {
            const auto nl = open == 0 ? std::string_view::npos : text.rfind('\n', open - 1);
            const std::size_t line_start = nl == std::string_view::npos ? 0 : nl + 1;
            const auto before = text.substr(line_start, open - line_start);
            std::size_t after = pos;
            while (after < text.size() && is_blank(text[after])) ++after;
            if (after < text.size() && text[after] == '\r' && after + 1 < text.size() && text[after + 1] == '\n')
                ++after;
            const bool ends_line = after == text.size() || text[after] == '\n';
            if (ends_line && std::all_of(before.begin(), before.end(), is_blank)) {
                pending.erase(pending.size() - before.size());
                pos = after < text.size() ? after + 1 : after;
            }
        }
        push_text();
        tokens.push_back(std::move(t));
    }
    push_text();
    return tokens;
}

// Builds the section tree; false on unbalanced sections.
bool build(const std::vector<Token>& tokens, std::vector<TemplateNode>& out, model::Diagnostics& diags) {
    struct Open {
        std::vector<TemplateNode>* nodes;
        const Token* token;
    };
    std::vector<Open> stack;
    std::vector<TemplateNode>* current = &out;
    bool ok = true;
    for (const auto& t : tokens) {
        switch (t.kind) {
        case Token::Kind::Text:
            current->push_back({TemplateNode::Kind::Text, t.text, {}});
            break;
        case Token::Kind::Variable:
            current->push_back({TemplateNode::Kind::Variable, t.text, {}});
            break;
        case Token::Kind::Open:
        case Token::Kind::OpenInverted:
            current->push_back({t.kind == Token::Kind::Open ? TemplateNode::Kind::Section
                                                            : TemplateNode::Kind::InvertedSection,
                                t.text,
                                {}});
            stack.push_back({current, &t});
            current = &current->back().children;
            break;
        case Token::Kind::Close:
            if (stack.empty() || stack.back().token->text != t.text) {
                diags.error(t.where, "'{{/" + t.text + "}}' closes no open '{{#" + t.text + "}}' section" +
                                         (stack.empty() ? "" : " (the open one is '" + stack.back().token->text + "')"));
                ok = false;
                break;
            }
            current = stack.back().nodes;
            stack.pop_back();
            break;
        }
    }
    for (const auto& open : stack) {
        diags.error(open.token->where, "section '" + open.token->text + "' is never closed with '{{/" +
                                           open.token->text + "}}'");
        ok = false;
    }
    return ok;
}

void render_nodes(const std::vector<TemplateNode>& nodes, const Values& values, std::string& out) {
    for (const auto& n : nodes) {
        const auto it = n.kind == TemplateNode::Kind::Text ? values.end() : values.find(n.text);
        const bool empty = it == values.end() || it->second.empty();
        switch (n.kind) {
        case TemplateNode::Kind::Text: out += n.text; break;
        case TemplateNode::Kind::Variable: if (!empty) out += it->second; break;
        case TemplateNode::Kind::Section: if (!empty) render_nodes(n.children, values, out); break;
        case TemplateNode::Kind::InvertedSection: if (empty) render_nodes(n.children, values, out); break;
        }
    }
}

std::string trim_blank_lines(std::string_view s) {
    std::size_t begin = 0;
    while (true) {  // drop whole blank lines at the start
        const auto nl = s.find('\n', begin);
        if (nl == std::string_view::npos) break;
        const auto line = s.substr(begin, nl - begin);
        if (!std::all_of(line.begin(), line.end(), is_blank)) break;
        begin = nl + 1;
    }
    std::size_t end = s.size();
    while (end > begin && (s[end - 1] == '\n' || is_blank(s[end - 1]))) --end;
    return std::string(s.substr(begin, end - begin)) + "\n";
}

std::optional<MessageKind> section_kind(std::string_view name) {
    if (name == "invite") return MessageKind::Invite;
    if (name == "update") return MessageKind::Update;
    if (name == "cancel") return MessageKind::Cancel;
    return std::nullopt;
}

std::string without_cr(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i)
        if (!(s[i] == '\r' && i + 1 < s.size() && s[i + 1] == '\n')) out += s[i];
    return out;
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
    std::string out;
    for (const auto& p : parts) {
        if (p.empty()) continue;
        if (!out.empty()) out += sep;
        out += p;
    }
    return out;
}


}  // namespace

const char* kind_name(MessageKind k) {
    switch (k) {
    case MessageKind::Invite: return "invite";
    case MessageKind::Update: return "update";
    case MessageKind::Cancel: return "cancel";
    }
    return "invite";
}

const std::vector<std::string>& placeholder_names() {
    static const std::vector<std::string> names = {"title", "date", "hours", "venue",
                                                   "address", "link", "contact", "name"};
    return names;
}

std::optional<Template> Template::parse(std::string_view text, const model::SourceLocation& where,
                                        model::Diagnostics& diags) {
    bool ok = true;
    const auto tokens = tokenize(text, where, diags, ok);
    Template t;
    ok = build(tokens, t.nodes_, diags) && ok;
    if (!ok) return std::nullopt;
    return t;
}

std::string Template::render(const Values& values) const {
    std::string out;
    render_nodes(nodes_, values, out);
    return out;
}

std::string MailSection::render_subject(const Values& values) const {
    std::string out;
    bool space = false;
    for (char c : subject.render(values)) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

std::string MailSection::render_body(const Values& values) const { return trim_blank_lines(body.render(values)); }

std::optional<MailTemplates> parse_mail_templates(const std::string& path, std::string_view raw,
                                                  const std::string& lang, model::Diagnostics& diags) {
    const std::string text = without_cr(raw);
    const std::size_t errors_before = diags.error_count();
    MailTemplates out;
    out.lang = lang;
    out.path = path;

    struct Raw {
        MessageKind kind;
        int line;           // of "[kind]"
        std::size_t begin;  // offset of the line after it
        std::size_t end;
    };
    std::vector<Raw> sections;
    std::size_t pos = 0;
    int line = 1;
    while (pos < text.size()) {
        auto nl = text.find('\n', pos);
        if (nl == std::string::npos) nl = text.size();
        const std::string_view l = std::string_view(text).substr(pos, nl - pos);
        const bool header = l.size() >= 2 && l.front() == '[' && l.back() == ']';
        if (header) {
            if (!sections.empty()) sections.back().end = pos;
            const auto kind = section_kind(l.substr(1, l.size() - 2));
            if (!kind) {
                diags.error({path, line, 1}, "unknown section '" + std::string(l) + "' (expected [invite], [update] or [cancel])");
            } else if (std::any_of(sections.begin(), sections.end(), [&](const Raw& r) { return r.kind == *kind; })) {
                diags.error({path, line, 1}, "section '" + std::string(l) + "' appears twice");
            } else {
                sections.push_back({*kind, line, nl + 1, text.size()});
            }
        } else if (sections.empty() && !l.empty() && l.front() != '#' &&
                   !std::all_of(l.begin(), l.end(), is_blank)) {
            diags.error({path, line, 1}, "text before the first section: start with [invite]");
        }
        pos = nl + 1;
        ++line;
    }

    for (const auto& sec : sections) {
        int l = sec.line + 1;
        std::size_t p = std::min(sec.begin, text.size());
        // Blank lines, then "Subject: …".
        while (p < sec.end && text[p] == '\n') ++p, ++l;
        const auto nl = std::min(text.find('\n', p), sec.end);
        const std::string_view first = std::string_view(text).substr(p, nl - p);
        constexpr std::string_view kSubject = "Subject:";
        if (first.substr(0, kSubject.size()) != kSubject) {
            diags.error({path, l, 1}, std::string("section [") + kind_name(sec.kind) +
                                          "] must start with a 'Subject:' line");
            continue;
        }
        std::size_t s = kSubject.size();
        while (s < first.size() && is_blank(first[s])) ++s;
        auto subject = Template::parse(first.substr(s), {path, l, static_cast<int>(s) + 1}, diags);
        const std::size_t body_begin = std::min(nl + 1, sec.end);
        auto body = Template::parse(std::string_view(text).substr(body_begin, sec.end - body_begin),
                                    {path, l + 1, 1}, diags);
        if (subject && body) out.sections[sec.kind] = {std::move(*subject), std::move(*body)};
    }
    for (MessageKind k : {MessageKind::Invite, MessageKind::Update, MessageKind::Cancel}) {
        if (!std::any_of(sections.begin(), sections.end(), [&](const Raw& r) { return r.kind == k; }))
            diags.error({path, 0, 0}, std::string("missing section [") + kind_name(k) + "]");
    }
    if (diags.error_count() > errors_before) return std::nullopt;
    return out;
}

std::optional<MailTemplates> read_mail_templates(const std::string& lang, model::Diagnostics& diags) {
    const std::string path = io::resource_path("templates/mail/" + lang + ".txt");
    auto file = io::read_input_file(path, diags);
    if (!file) return std::nullopt;
    return parse_mail_templates(path, file->content, lang, diags);
}

Values programme_values(const model::Programme& p, const std::string& lang) {
    Values v;
    for (const auto& n : placeholder_names()) v[n] = "";
    v["title"] = p.title;
    if (!p.days.empty()) {
        auto [first, last] = std::minmax_element(p.days.begin(), p.days.end(),
                                                 [](const model::Day& a, const model::Day& b) { return a.date < b.date; });
        v["date"] = locale::long_date(first->date, lang);
        if (last->date != first->date) v["date"] += " \u2013 " + locale::long_date(last->date, lang);
    }
    if (const auto span = calendar::programme_span(p))
        v["hours"] = locale::clock(span->start.time, lang) + " \u2013 " + locale::clock(span->end.time, lang);
    v["venue"] = join({p.venue.name, p.rooms.size() == 1 ? p.rooms.front().name : std::string()}, ", ");
    const std::string city = join({p.venue.postcode, p.venue.city}, " ");
    v["address"] = join({p.venue.street, city, p.venue.country}, ", ");
    v["link"] = !p.registration_url.empty() ? p.registration_url : p.website_url;
    if (const auto org = calendar::programme_organizer(p))
        v["contact"] = org->name.empty() ? org->email : org->name + " <" + org->email + ">";
    return v;
}

}  // namespace booklet::mail
