#include "theme/theme.hpp"

namespace booklet::theme {

const char* part_name(Part p) {
    switch (p) {
        case Part::Cover: return "cover";
        case Part::Introduction: return "introduction";
        case Part::Contents: return "contents";
        case Part::Schedule: return "schedule";
        case Part::Abstracts: return "abstracts";
        case Part::Index: return "index";
        case Part::BackCover: return "back-cover";
    }
    return "";
}

const FontFile* Theme::font(FontRole role, FontStyle style) const {
    for (const auto& f : fonts)
        if (f.role == role && f.style == style) return &f;
    return nullptr;
}

Colour Theme::colour(const std::string& name) const {
    auto it = colours.find(name);
    return it == colours.end() ? Colour{} : it->second;
}

const std::string& Labels::get(const std::string& key) const {
    auto it = text.find(key);
    if (it != text.end()) return it->second;
    static thread_local std::string missing;
    missing = "[" + key + "]";
    return missing;
}

}  // namespace booklet::theme
