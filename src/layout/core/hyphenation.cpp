#include "layout/core/hyphenation.hpp"

#include <hyphen.h>
#include <unicode/uchar.h>
#include <unicode/ucnv.h>
#include <unicode/uloc.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <filesystem>

// AddressSanitizer builds: g++ says __SANITIZE_ADDRESS__, clang (the fuzz
// build) says __has_feature(address_sanitizer).
#if defined(__SANITIZE_ADDRESS__)
#define BOOKLET_WITH_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define BOOKLET_WITH_LSAN 1
#endif
#endif
#ifdef BOOKLET_WITH_LSAN
#include <sanitizer/lsan_interface.h>
#endif

#include "unicode/utf8.hpp"

namespace booklet::layout {

namespace {

constexpr std::size_t kMaxHyphenatedChars = 100;  // longer words are not words
constexpr std::size_t kMaxCache = 500000;

bool is_letter(char32_t c) {
    const auto u = static_cast<UChar32>(c);
    return u_isUAlphabetic(u) || u_charType(u) == U_NON_SPACING_MARK;
}
bool is_apostrophe(char32_t c) { return c == 0x2019 || c == U'\'' || c == 0x02BC; }
bool is_hyphen(char32_t c) { return c == U'-' || c == 0x2010; }

bool ascii_letters(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    });
}
bool ascii_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

Hyphenator::~Hyphenator() {
    if (dict_) hnj_hyphen_free(dict_);
    if (charset_) ucnv_close(charset_);
}

std::unique_ptr<Hyphenator> Hyphenator::load(const std::string& dic_path, int left_min, int right_min,
                                             std::string& error) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(dic_path, ec)) {
        error = "hyphenation dictionary " + dic_path + " not found";
        return nullptr;
    }
#ifdef BOOKLET_WITH_LSAN
    // libhyphen 2.8 leaks a few small blocks while parsing hyph_fr.dic
    // (its own bug, freed by nobody); keep them out of leak reports.
    __lsan_disable();
#endif
    HyphenDict* d = hnj_hyphen_load(dic_path.c_str());
#ifdef BOOKLET_WITH_LSAN
    __lsan_enable();
#endif
    if (!d) {
        error = "cannot load hyphenation dictionary " + dic_path;
        return nullptr;
    }
    UConverter* charset = nullptr;
    if (!d->utf8) {
        // An 8-bit dictionary: its first line names the character set.
        UErrorCode st = U_ZERO_ERROR;
        charset = ucnv_open(d->cset, &st);
        if (U_SUCCESS(st) && ucnv_getMaxCharSize(charset) == 1) {
            ucnv_setFromUCallBack(charset, UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &st);
        } else {
            st = U_ILLEGAL_ARGUMENT_ERROR;
        }
        if (U_FAILURE(st)) {
            error = "hyphenation dictionary " + dic_path + " has a character set booklet cannot read ('" +
                    std::string(d->cset, strnlen(d->cset, sizeof d->cset)) + "')";
            if (charset) ucnv_close(charset);
            hnj_hyphen_free(d);
            return nullptr;
        }
    }
    std::unique_ptr<Hyphenator> h(new Hyphenator());
    h->dict_ = d;
    h->charset_ = charset;
    h->left_min_ = std::max(1, left_min);
    h->right_min_ = std::max(1, right_min);
    return h;
}

std::string Hyphenator::dictionary_for(std::string_view lang, const std::string& dir) {
    // Subtags: language, then an optional script (4 letters), then an
    // optional region (2 letters or 3 digits).
    std::vector<std::string> tags;
    for (std::size_t i = 0; i <= lang.size();) {
        const std::size_t end = std::min(lang.find_first_of("-_", i), lang.size());
        tags.emplace_back(lang.substr(i, end - i));
        i = end + 1;
    }
    std::string language = tags.empty() ? std::string() : tags[0];
    if (!ascii_letters(language) || language.size() < 2 || language.size() > 3) return {};
    for (char& c : language) c = static_cast<char>(c | 0x20);
    std::string region;
    std::size_t k = 1;
    if (k < tags.size() && tags[k].size() == 4 && ascii_letters(tags[k])) ++k;
    if (k < tags.size() && ((tags[k].size() == 2 && ascii_letters(tags[k])) || (tags[k].size() == 3 && ascii_digits(tags[k])))) {
        region = tags[k];
        for (char& c : region) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
    }

    namespace fs = std::filesystem;
    std::error_code ec;
    auto present = [&](const std::string& name) {
        const fs::path path = fs::path(dir) / name;
        return fs::is_regular_file(path, ec) ? path.string() : std::string();
    };
    if (!region.empty())
        if (auto f = present("hyph_" + language + "_" + region + ".dic"); !f.empty()) return f;
    if (auto f = present("hyph_" + language + ".dic"); !f.empty()) return f;
    char likely[ULOC_FULLNAME_CAPACITY] = {};
    UErrorCode st = U_ZERO_ERROR;
    uloc_addLikelySubtags(language.c_str(), likely, sizeof likely, &st);
    if (U_SUCCESS(st) && st != U_STRING_NOT_TERMINATED_WARNING) {
        char country[ULOC_COUNTRY_CAPACITY] = {};
        UErrorCode st2 = U_ZERO_ERROR;
        uloc_getCountry(likely, country, sizeof country, &st2);
        if (U_SUCCESS(st2) && country[0])
            if (auto f = present("hyph_" + language + "_" + country + ".dic"); !f.empty()) return f;
    }
    // Else the first region in the folder: hyph_xx_YY.dic (not the
    // hyph_xx_Latn_YY.dic aliases).
    std::vector<std::string> regions;
    const std::string prefix = "hyph_" + language + "_";
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.size() != prefix.size() + 2 + 4 || name.compare(0, prefix.size(), prefix) != 0) continue;
        if (name.compare(name.size() - 4, 4, ".dic") != 0) continue;
        const std::string r = name.substr(prefix.size(), 2);
        if (r[0] >= 'A' && r[0] <= 'Z' && r[1] >= 'A' && r[1] <= 'Z' && fs::is_regular_file(it->path(), ec))
            regions.push_back(it->path().string());
    }
    std::sort(regions.begin(), regions.end());
    return regions.empty() ? std::string() : regions.front();
}

std::unique_ptr<Hyphenator> Hyphenator::for_language(std::string_view lang, std::string& error,
                                                     const std::string& dir) {
    const std::string file = dictionary_for(lang, dir);
    if (file.empty()) {
        error = "no hyphenation patterns for the language '" + std::string(lang) + "' in " + dir;
        return nullptr;
    }
    return load(file, 2, 3, error);
}

const std::vector<HyphenBreak>& Hyphenator::breaks(std::string_view word) {
    if (auto it = cache_.find(word); it != cache_.end()) return it->second;
    if (cache_.size() >= kMaxCache) cache_.clear();
    std::vector<HyphenBreak> result;
    compute(word, result);
    return cache_.emplace(std::string(word), std::move(result)).first->second;
}

void Hyphenator::compute(std::string_view word, std::vector<HyphenBreak>& out) {
    out.clear();
    cps_.clear();
    offsets_.clear();
    std::size_t i = 0;
    while (i < word.size()) {
        offsets_.push_back(static_cast<std::uint32_t>(i));
        cps_.push_back(unicode::decode(word, i));
    }
    offsets_.push_back(static_cast<std::uint32_t>(word.size()));
    const std::size_t n = cps_.size();

    // The core: from the first letter to the last letter.
    std::size_t a = 0;
    while (a < n && !is_letter(cps_[a])) ++a;
    std::size_t b = n;
    while (b > a && !is_letter(cps_[b - 1])) --b;

    bool has_digit = false, has_hyphen = false, has_other = false;
    for (std::size_t k = 0; k < n; ++k) {
        const char32_t c = cps_[k];
        if (u_isdigit(static_cast<UChar32>(c))) has_digit = true;
        if (is_hyphen(c)) has_hyphen = true;
        if (k >= a && k < b) {
            if (is_hyphen(c)) continue;
            if (!is_letter(c) && !is_apostrophe(c) && !u_isdigit(static_cast<UChar32>(c))) has_other = true;
        }
    }
    if (has_other) return;  // URLs, "a/b", "x.y", "a_b": not words
    if (has_hyphen) {
        out = explicit_hyphen_breaks(word);
        return;
    }
    if (has_digit || a == b) return;

    const std::size_t len = b - a;
    if (len < static_cast<std::size_t>(left_min_ + right_min_) || len > kMaxHyphenatedChars) return;

    // Acronyms (all capitals) are never hyphenated.
    std::size_t letters = 0, upper = 0;
    for (std::size_t k = a; k < b; ++k) {
        if (!u_isUAlphabetic(static_cast<UChar32>(cps_[k]))) continue;
        ++letters;
        if (u_isupper(static_cast<UChar32>(cps_[k]))) ++upper;
    }
    if (letters >= 2 && upper == letters) return;

    lower_.clear();
    for (std::size_t k = a; k < b; ++k) {
        char32_t c = cps_[k];
        // UTF-8 dictionaries spell the apostrophe U+2019, 8-bit ones "'".
        if (is_apostrophe(c)) c = charset_ ? U'\'' : 0x2019;
        else c = static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
        unicode::append(lower_, c);
    }
    if (charset_) {
        // One byte per character in the dictionary's set, or no hyphens.
        utf16_.clear();
        for (std::size_t k = 0; k < lower_.size();) {
            const char32_t c = unicode::decode(lower_, k);
            if (c < 0x10000) {
                utf16_.push_back(static_cast<char16_t>(c));
            } else {
                utf16_.push_back(static_cast<char16_t>(0xD7C0 + (c >> 10)));
                utf16_.push_back(static_cast<char16_t>(0xDC00 | (c & 0x3FF)));
            }
        }
        encoded_.assign(len * 2 + 8, '\0');
        UErrorCode st = U_ZERO_ERROR;
        ucnv_resetFromUnicode(charset_);
        const int32_t n = ucnv_fromUChars(charset_, encoded_.data(), static_cast<int32_t>(encoded_.size()),
                                          utf16_.data(), static_cast<int32_t>(utf16_.size()), &st);
        if (U_FAILURE(st) || n != static_cast<int32_t>(len)) return;
        encoded_.resize(static_cast<std::size_t>(n));
    }
    const std::string& input = charset_ ? encoded_ : lower_;
    marks_.assign(input.size() + 5, '\0');
    char** rep = nullptr;
    int* pos = nullptr;
    int* cut = nullptr;
    hnj_hyphen_hyphenate2(dict_, input.c_str(), static_cast<int>(input.size()), marks_.data(), nullptr, &rep, &pos,
                          &cut);
    // marks_[k] odd: a break after character k of the core (libhyphen
    // indexes by character for UTF-8 dictionaries).
    std::size_t seg_start = 0;  // characters of the core since the last apostrophe
    for (std::size_t k = 0; k + 1 < len; ++k) {
        const char32_t here = cps_[a + k];
        const char32_t next = cps_[a + k + 1];
        if (is_apostrophe(here)) {
            seg_start = k + 1;
            continue;
        }
        if (!(marks_[k] & 1)) continue;
        if (rep && rep[k]) continue;  // non-standard hyphenation (hu "ssz" → "sz-sz"): not supported
        if (is_apostrophe(next)) continue;
        const std::size_t left = k + 1 - seg_start;
        const std::size_t right = len - (k + 1);
        if (left < static_cast<std::size_t>(left_min_) || right < static_cast<std::size_t>(right_min_)) continue;
        out.push_back({offsets_[a + k + 1], false});
    }
    if (rep) {
        for (std::size_t k = 0; k < input.size(); ++k) std::free(rep[k]);
        std::free(rep);
    }
    std::free(pos);
    std::free(cut);
}

std::string Hyphenator::hyphenated(std::string_view word, std::string_view mark) {
    const std::vector<HyphenBreak> points = breaks(word);
    std::string out;
    std::size_t prev = 0;
    for (const HyphenBreak& p : points) {
        out.append(word.substr(prev, p.offset - prev));
        if (!p.explicit_hyphen) out.append(mark);
        prev = p.offset;
    }
    out.append(word.substr(prev));
    return out;
}

Hyphenator* Hyphenators::get(std::string_view lang, std::string* error) {
    std::string key(lang);
    for (char& c : key) c = c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto it = by_tag_.find(key);
    if (it == by_tag_.end()) {
        Entry e;
        const std::string file = Hyphenator::dictionary_for(key, dir_);
        if (file.empty()) {
            e.error = "no hyphenation patterns for the language '" + std::string(lang) + "' in " + dir_;
        } else {
            std::error_code ec;
            const std::string real = std::filesystem::weakly_canonical(file, ec).string();
            const std::string& id = ec ? file : real;
            auto f = by_file_.find(id);
            if (f == by_file_.end()) {
                std::string load_error;
                f = by_file_.emplace(id, Hyphenator::load(file, 2, 3, load_error)).first;
                if (!f->second) e.error = load_error;
            }
            e.hyphenator = f->second.get();
            if (!e.hyphenator && e.error.empty()) e.error = "cannot load hyphenation dictionary " + file;
        }
        it = by_tag_.emplace(std::move(key), std::move(e)).first;
    }
    if (!it->second.hyphenator && error) *error = it->second.error;
    return it->second.hyphenator;
}

bool Hyphenators::first_report_of_missing(std::string_view lang) {
    std::string primary(lang.substr(0, lang.find_first_of("-_")));
    for (char& c : primary) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool& done = reported_[primary];
    if (done) return false;
    done = true;
    return true;
}

std::vector<HyphenBreak> explicit_hyphen_breaks(std::string_view word) {
    std::vector<HyphenBreak> out;
    if (word.find('-') == std::string_view::npos && word.find("\u2010") == std::string_view::npos) return out;
    std::vector<char32_t> cps;
    std::vector<std::uint32_t> offs;
    std::size_t i = 0;
    while (i < word.size()) {
        offs.push_back(static_cast<std::uint32_t>(i));
        cps.push_back(unicode::decode(word, i));
    }
    auto alnum = [](char32_t c) { return is_letter(c) || u_isdigit(static_cast<UChar32>(c)); };
    const std::size_t n = cps.size();
    std::size_t a = 0;
    while (a < n && !alnum(cps[a])) ++a;
    std::size_t b = n;
    while (b > a && !alnum(cps[b - 1])) --b;
    std::size_t part_start = a;
    for (std::size_t k = a; k < b; ++k) {
        if (!is_hyphen(cps[k])) continue;
        std::size_t next_end = k + 1;
        while (next_end < b && !is_hyphen(cps[next_end])) ++next_end;
        std::size_t left = 0, right = 0;
        for (std::size_t m = part_start; m < k; ++m) left += alnum(cps[m]) ? 1 : 0;
        for (std::size_t m = k + 1; m < next_end; ++m) right += alnum(cps[m]) ? 1 : 0;
        if (left >= 2 && right >= 2) out.push_back({offs[k + 1], true});
        part_start = k + 1;
    }
    return out;
}

bool looks_like_url(std::string_view t) {
    auto starts = [&](std::string_view p) {
        if (t.size() < p.size()) return false;
        for (std::size_t i = 0; i < p.size(); ++i) {
            char c = t[i];
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
            if (c != p[i]) return false;
        }
        return true;
    };
    if (t.find("://") != std::string_view::npos) return true;
    if (starts("www.") || starts("mailto:")) return true;
    const auto at = t.find('@');
    if (at != std::string_view::npos && at > 0) {
        const auto dot = t.find('.', at);
        if (dot != std::string_view::npos && dot > at + 1 && dot + 1 < t.size()) return true;
    }
    return false;
}

std::vector<std::uint32_t> url_breaks(std::string_view t) {
    std::vector<std::uint32_t> out;
    const std::size_t n = t.size();
    for (std::size_t i = 1; i < n; ++i) {
        const char c = t[i];
        const char prev = t[i - 1];
        bool brk = false;
        if (prev == '/' && c != '/') {
            // after "//" (and "://"); a single slash is broken before instead
            brk = i >= 2 && t[i - 2] == '/';
        }
        if (c == '/' && prev != '/' && prev != ':' && !(i + 1 < n && t[i + 1] == '/')) brk = true;
        switch (c) {
            case '.': case ',': case '-': case '_': case '?': case '#': case '%': case '~': case '=': case '&':
                if (prev != c) brk = true;
                break;
            default:
                break;
        }
        if ((c & 0xC0) == 0x80) brk = false;  // never inside a UTF-8 sequence
        if (brk && i < n) out.push_back(static_cast<std::uint32_t>(i));
    }
    return out;
}

}  // namespace booklet::layout
