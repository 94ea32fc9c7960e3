#pragma once
// An XML file parsed with tinyxml2, plus what tinyxml2 does not give:
// the exact line:column of every element and attribute. A pre-scan of the
// raw text also refuses what tinyxml2 would accept but we must not (a
// DOCTYPE, which could declare entities; nesting deeper than a limit) and
// pins mismatched or unclosed tags to their exact position.
#include <tinyxml2.h>

#include <memory>
#include <optional>
#include <string>
#include <cstdint>
#include <string_view>
#include <vector>

#include "io/input_file.hpp"
#include "model/diagnostic.hpp"

namespace booklet::read {

inline constexpr int kMaxXmlDepth = 64;

class XmlSource {
public:
    // Parses the file; on failure adds diagnostics and returns nullptr.
    static std::unique_ptr<XmlSource> parse(const io::InputFile& file, model::Diagnostics& diags);

    const tinyxml2::XMLElement* root() const { return doc_.RootElement(); }
    const std::string& path() const { return path_; }

    model::SourceLocation where(const tinyxml2::XMLElement* e) const;
    // The attribute's position, or the element's when it has no such attribute.
    model::SourceLocation where(const tinyxml2::XMLElement* e, const char* attribute) const;

private:
    struct Tag {
        std::size_t offset = 0;
        std::uint32_t first_attribute = 0, attribute_count = 0;  // into attributes_
    };
    struct Attribute {
        std::string_view name;  // into text_
        std::size_t offset = 0;
    };
    XmlSource() = default;
    bool scan(model::Diagnostics& diags);
    bool check_references(std::size_t from, std::size_t to, model::Diagnostics& diags) const;
    void index(const tinyxml2::XMLElement* e, std::size_t& next);
    model::SourceLocation at(std::size_t offset) const;

    std::string path_;
    std::string text_;                   // as read, for positions
    std::vector<std::size_t> keep_space_;  // whitespace-only runs tinyxml2 must keep
    std::vector<std::size_t> line_starts_;
    std::vector<Tag> tags_;  // start tags in document order
    std::vector<Attribute> attributes_;
    // An element's tag is found through its user data (index + 1), set by
    // index(): no map to build for a file of a hundred thousand elements.
    const Tag* tag_of(const tinyxml2::XMLElement* e) const;
    tinyxml2::XMLDocument doc_{true, tinyxml2::PRESERVE_WHITESPACE};
};

}  // namespace booklet::read
