#include "read/xml_source.hpp"

#include <algorithm>
#include <cstring>

#include "read/formats.hpp"

namespace booklet::read {

namespace {

bool is_name_start(unsigned char c) { return std::isalpha(c) || c == '_' || c == ':' || c >= 0x80; }
bool is_name_char(unsigned char c) {
    return is_name_start(c) || std::isdigit(c) || c == '-' || c == '.';
}
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string tinyxml_message(tinyxml2::XMLError e) {
    using namespace tinyxml2;
    switch (e) {
        case XML_ERROR_PARSING_ELEMENT: return "malformed element";
        case XML_ERROR_PARSING_ATTRIBUTE: return "malformed attribute";
        case XML_ERROR_PARSING_TEXT: return "malformed text (a stray '<' or '&'?)";
        case XML_ERROR_PARSING_CDATA: return "malformed CDATA section";
        case XML_ERROR_PARSING_COMMENT: return "malformed comment";
        case XML_ERROR_PARSING_DECLARATION: return "malformed XML declaration";
        case XML_ERROR_PARSING_UNKNOWN: return "malformed markup";
        case XML_ERROR_EMPTY_DOCUMENT: return "the document has no root element";
        case XML_ERROR_MISMATCHED_ELEMENT: return "mismatched end tag";
        case XML_ERROR_PARSING: return "not well-formed XML";
        case XML_ELEMENT_DEPTH_EXCEEDED: return "elements nested too deeply";
        default: return std::string("not well-formed XML (") + XMLDocument::ErrorIDToName(e) + ")";
    }
}

// The length of a well-formed reference at s[i] == '&' ("&amp;",
// "&#233;", "&#xE9;"), or 0. A numeric reference must name a character XML
// allows.
std::size_t reference_length(std::string_view s, std::size_t i) {
    const std::size_t semi = s.substr(0, std::min(s.size(), i + 13)).find(';', i + 1);  // the longest is &#x10FFFF;
    if (semi == std::string_view::npos) return 0;
    const std::string_view body = s.substr(i + 1, semi - i - 1);
    if (body == "lt" || body == "gt" || body == "amp" || body == "apos" || body == "quot") return semi - i + 1;
    const auto number = numeric_reference(body, false);
    if (!number) return 0;
    const std::uint32_t cp = *number;
    const bool allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
                         (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
    return allowed ? semi - i + 1 : 0;
}

}  // namespace

// Every '&' in [from, to) must begin a well-formed reference. tinyxml2 9.0
// lets a malformed one through and, after an earlier reference in the same
// text, writes a stale byte in its place (even half a UTF-8 character).
bool XmlSource::check_references(std::size_t from, std::size_t to, model::Diagnostics& diags) const {
    const std::string_view s(text_);
    const std::string_view range = s.substr(0, to);  // find() must not look past `to`: O(n), not O(n²)
    for (std::size_t i = range.find('&', from); i != std::string_view::npos; i = range.find('&', i + 1)) {
        if (reference_length(s, i) > 0) continue;
        std::size_t end = i + 1;
        while (end < to && end - i < 12 && !is_space(s[end]) && s[end] != '&' && s[end] != '<' && s[end] != ';') ++end;
        const bool closed = end < to && s[end] == ';';
        if (closed) ++end;
        const std::string ref(s.substr(i, end - i));
        const bool numeric = closed && ref.size() > 3 && ref[1] == '#';
        diags.error(at(i), numeric ? "'" + ref + "' is a control character or a code point that XML does not allow"
                                   : "'" + ref + "' is not a reference XML knows: write &amp; for '&', or &#233; for a character");
        return false;
    }
    return true;
}

model::SourceLocation XmlSource::at(std::size_t offset) const {
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    const std::size_t line = static_cast<std::size_t>(it - line_starts_.begin());  // 1-based
    const std::size_t start = line_starts_[line - 1];
    int col = 1;
    for (std::size_t i = start; i < offset && i < text_.size(); ++i)
        if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++col;
    return {path_, static_cast<int>(line), col};
}

// Walks the raw text once: records every start tag and its attributes,
// matches end tags, refuses DOCTYPE and excessive depth. tinyxml2 has
// already checked the rest of well-formedness, or will.
bool XmlSource::scan(model::Diagnostics& diags) {
    const std::string& s = text_;
    const std::size_t n = s.size();
    struct Open {
        std::string_view name;
        std::size_t offset;
    };
    std::vector<Open> stack;
    std::size_t i = 0;
    auto starts = [&](std::size_t at, const char* what) { return s.compare(at, std::strlen(what), what) == 0; };
    auto skip_to = [&](std::size_t from, const char* end) -> std::size_t {
        const std::size_t p = s.find(end, from);
        return p == std::string::npos ? n : p + std::strlen(end);
    };
    while (i < n) {
        if (s[i] != '<') {
            // Text: tinyxml2 (9.0) drops a run that is only white space, even
            // with PRESERVE_WHITESPACE, which glues "<em>a</em> <b>b</b>" into
            // "ab". Such runs inside the root are marked to be kept.
            const std::size_t next = s.find('<', i);
            const std::size_t end = next == std::string::npos ? n : next;
            bool blank = true;
            for (std::size_t k = i; k < end && blank; ++k) blank = is_space(s[k]);
            if (blank && !stack.empty()) keep_space_.push_back(i);
            if (!blank && !check_references(i, end, diags)) return false;
            i = end;
            continue;
        }
        if (starts(i, "<!--")) {
            i = skip_to(i + 4, "-->");
        } else if (starts(i, "<![CDATA[")) {
            i = skip_to(i + 9, "]]>");
        } else if (starts(i, "<?")) {
            i = skip_to(i + 2, "?>");
        } else if (starts(i, "<!")) {
            diags.error(at(i), starts(i, "<!DOCTYPE")
                                   ? "a DOCTYPE is not allowed (it could declare entities); remove it"
                                   : "markup declarations are not allowed");
            return false;
        } else if (starts(i, "</")) {
            std::size_t j = i + 2;
            while (j < n && is_name_char(static_cast<unsigned char>(s[j]))) ++j;
            const std::string_view name(s.data() + i + 2, j - i - 2);
            if (stack.empty()) {
                diags.error(at(i), "end tag </" + std::string(name) + "> without a matching start tag");
                return false;
            }
            if (stack.back().name != name) {
                const auto open = at(stack.back().offset);
                diags.error(at(i), "end tag </" + std::string(name) + "> does not match <" + std::string(stack.back().name) +
                                       "> opened at line " + std::to_string(open.line) + ":" +
                                       std::to_string(open.column));
                return false;
            }
            stack.pop_back();
            i = skip_to(j, ">");
        } else if (i + 1 < n && is_name_start(static_cast<unsigned char>(s[i + 1]))) {
            Tag tag;
            tag.offset = i;
            tag.first_attribute = static_cast<std::uint32_t>(attributes_.size());
            std::size_t j = i + 1;
            while (j < n && is_name_char(static_cast<unsigned char>(s[j]))) ++j;
            const std::string_view name(s.data() + i + 1, j - i - 1);
            bool self_closing = false;
            while (j < n) {
                while (j < n && is_space(s[j])) ++j;
                if (j >= n) break;
                if (s[j] == '>') {
                    ++j;
                    break;
                }
                if (s[j] == '/' && j + 1 < n && s[j + 1] == '>') {
                    self_closing = true;
                    j += 2;
                    break;
                }
                if (!is_name_start(static_cast<unsigned char>(s[j]))) break;  // tinyxml2 reports it
                const std::size_t a = j;
                while (j < n && is_name_char(static_cast<unsigned char>(s[j]))) ++j;
                attributes_.push_back({std::string_view(s.data() + a, j - a), a});
                while (j < n && is_space(s[j])) ++j;
                if (j < n && s[j] == '=') ++j;
                while (j < n && is_space(s[j])) ++j;
                if (j < n && (s[j] == '"' || s[j] == '\'')) {
                    const std::size_t close = s.find(s[j], j + 1);
                    if (!check_references(j + 1, close == std::string::npos ? n : close, diags)) return false;
                    j = close == std::string::npos ? n : close + 1;
                }
            }
            tag.attribute_count = static_cast<std::uint32_t>(attributes_.size()) - tag.first_attribute;
            tags_.push_back(tag);
            if (!self_closing) {
                stack.push_back({name, i});
                if (static_cast<int>(stack.size()) > kMaxXmlDepth) {
                    diags.error(at(i), "elements are nested more than " + std::to_string(kMaxXmlDepth) +
                                           " levels deep");
                    return false;
                }
            }
            i = j;
        } else {
            ++i;  // a stray '<': tinyxml2 reports it
        }
    }
    if (!stack.empty()) {
        const auto open = at(stack.back().offset);
        diags.error(at(n), "the document ends before <" + std::string(stack.back().name) + "> (opened at line " +
                               std::to_string(open.line) + ":" + std::to_string(open.column) +
                               ") is closed: is the file truncated?");
        return false;
    }
    return true;
}

void XmlSource::index(const tinyxml2::XMLElement* e, std::size_t& next) {
    // The document is ours: its user-data slot holds the tag's index + 1.
    if (next < tags_.size())
        const_cast<tinyxml2::XMLElement*>(e)->SetUserData(reinterpret_cast<void*>(static_cast<std::uintptr_t>(next + 1)));
    ++next;
    for (auto* c = e->FirstChildElement(); c; c = c->NextSiblingElement()) index(c, next);
}

std::unique_ptr<XmlSource> XmlSource::parse(const io::InputFile& file, model::Diagnostics& diags) {
    std::unique_ptr<XmlSource> src(new XmlSource());
    src->path_ = file.path;
    src->text_ = file.content;
    src->line_starts_.push_back(0);
    for (std::size_t i = 0; i < src->text_.size(); ++i)
        if (src->text_[i] == '\n') src->line_starts_.push_back(i + 1);

    if (!src->scan(diags)) return nullptr;
    // What tinyxml2 parses: the text with "&#32;" before each blank run the
    // scan marked, so the run survives as a space. No line break is added
    // or removed, so tinyxml2's line numbers stay those of the file.
    std::string parsed;
    parsed.reserve(src->text_.size() + src->keep_space_.size() * 5);
    std::size_t from = 0;
    for (const std::size_t at : src->keep_space_) {
        parsed.append(src->text_, from, at - from);
        parsed += "&#32;";
        from = at;
    }
    parsed.append(src->text_, from, std::string::npos);
    const auto err = src->doc_.Parse(parsed.data(), parsed.size());
    if (err != tinyxml2::XML_SUCCESS) {
        const int line = std::max(1, src->doc_.ErrorLineNum());
        diags.error({file.path, line, 1}, tinyxml_message(err));
        return nullptr;
    }
    if (!src->doc_.RootElement()) {
        diags.error({file.path, 1, 1}, "the document has no root element");
        return nullptr;
    }
    // Elements are visited in document order, as the scan recorded them.
    std::size_t next = 0;
    for (auto* e = src->doc_.FirstChildElement(); e; e = e->NextSiblingElement()) src->index(e, next);
    // tinyxml2 accepts elements after the root; we would read only the
    // first and silently lose the rest.
    if (const auto* second = src->doc_.RootElement()->NextSiblingElement()) {
        diags.error(src->where(second), "a second root element <" + std::string(second->Name()) + "> after </" +
                                            src->doc_.RootElement()->Name() + ">: a file holds one root element");
        return nullptr;
    }
    return src;
}

const XmlSource::Tag* XmlSource::tag_of(const tinyxml2::XMLElement* e) const {
    const auto index = reinterpret_cast<std::uintptr_t>(e->GetUserData());
    return index == 0 || index > tags_.size() ? nullptr : &tags_[index - 1];
}

model::SourceLocation XmlSource::where(const tinyxml2::XMLElement* e) const {
    const Tag* tag = tag_of(e);
    if (!tag) return {path_, e->GetLineNum(), 1};
    return at(tag->offset);
}

model::SourceLocation XmlSource::where(const tinyxml2::XMLElement* e, const char* attribute) const {
    const Tag* tag = tag_of(e);
    if (!tag) return where(e);
    for (std::uint32_t k = 0; k < tag->attribute_count; ++k) {
        const Attribute& a = attributes_[tag->first_attribute + k];
        if (a.name == attribute) return at(a.offset);
    }
    return where(e);
}

}  // namespace booklet::read
