#pragma once
// Where a word may be broken at the end of a line.
//
// Hyphenator wraps libhyphen (the LibreOffice / TeX pattern dictionaries in
// /usr/share/hyphen). Traps handled here:
//  * libhyphen takes the word's byte length but indexes its result by
//    character for UTF-8 dictionaries; results are returned as byte offsets.
//  * patterns are lower case: the word is lowercased per code point (ICU)
//    first, so "Établissements" hyphenates like "établissements".
//  * leading/trailing punctuation ("(informatisation),") is ignored.
//  * words with digits, all-capital words (acronyms) and URL-like tokens
//    get no automatic hyphens; a word that already contains a hyphen breaks
//    only after that hyphen ("médico-/social"), with no hyphen added.
//  * elision: "l’organisation" is hyphenated with the dictionary's own
//    apostrophe patterns, never right before or after the apostrophe, and
//    the left minimum counts from the apostrophe ("l’or-ga-ni-sa-tion").
//  * many Debian dictionaries are not UTF-8 (hyph_de: ISO8859-1, hyph_cs:
//    ISO8859-2, hyph_ru: KOI8-R): the word is converted to the dictionary's
//    character set (ICU); a word with a character that set lacks gets no
//    automatic hyphens. Those sets have one byte per character, so the
//    result is indexed by character either way.
// Results are cached per word. Not thread-safe.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct _HyphenDict;
struct UConverter;

namespace booklet::layout {

struct HyphenBreak {
    // Byte offset in the word where the second part starts.
    std::uint32_t offset = 0;
    // true: the first part already ends with the word's own hyphen and
    // nothing is added; false: a hyphen is added at the end of the line.
    bool explicit_hyphen = false;
    bool operator==(const HyphenBreak&) const = default;
};

class Hyphenator {
public:
    // `dic_path`: a libhyphen .dic file. left_min/right_min: the shortest
    // fragment, in characters, left before and carried over after a break.
    static std::unique_ptr<Hyphenator> load(const std::string& dic_path, int left_min, int right_min,
                                            std::string& error);
    // The dictionary for a language tag (left/right minimum 2/3), chosen by
    // dictionary_for(). `dir` holds the dictionaries.
    static std::unique_ptr<Hyphenator> for_language(std::string_view lang, std::string& error,
                                                    const std::string& dir = "/usr/share/hyphen");
    // The best dictionary in `dir` for a language tag, "" when there is none:
    // the tag's region (de-CH → hyph_de_CH.dic), else the language's own
    // file (hyph_de.dic), else its most likely region by CLDR (en →
    // hyph_en_US.dic, pl → hyph_pl_PL.dic, pt → hyph_pt_BR.dic), else the
    // first region in the folder (sv → hyph_sv_FI.dic). "de_CH" and "DE-ch"
    // are read as "de-CH"; a script subtag (sr-Latn-RS) is skipped.
    static std::string dictionary_for(std::string_view lang, const std::string& dir = "/usr/share/hyphen");

    ~Hyphenator();
    Hyphenator(const Hyphenator&) = delete;
    Hyphenator& operator=(const Hyphenator&) = delete;

    // Break opportunities in `word` (UTF-8, no spaces), ascending. The
    // reference stays valid until the next call.
    const std::vector<HyphenBreak>& breaks(std::string_view word);

    // The word with `mark` at every break that adds a hyphen ("in-for-ma-
    // ti-sa-tion"); explicit-hyphen breaks are shown as the hyphen itself.
    std::string hyphenated(std::string_view word, std::string_view mark = "-");

    int left_min() const { return left_min_; }
    int right_min() const { return right_min_; }
    std::size_t cache_size() const { return cache_.size(); }

private:
    Hyphenator() = default;
    void compute(std::string_view word, std::vector<HyphenBreak>& out);

    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };

    _HyphenDict* dict_ = nullptr;
    UConverter* charset_ = nullptr;  // nullptr: the dictionary is UTF-8
    int left_min_ = 2, right_min_ = 3;
    std::unordered_map<std::string, std::vector<HyphenBreak>, Hash, std::equal_to<>> cache_;
    // scratch buffers, reused between calls
    std::vector<char32_t> cps_;
    std::vector<std::uint32_t> offsets_;
    std::string lower_;
    std::u16string utf16_;
    std::string encoded_;
    std::vector<char> marks_;
};

// Hyphenators by language, loaded on first use.
class Hyphenators {
public:
    explicit Hyphenators(std::string dir = "/usr/share/hyphen") : dir_(std::move(dir)) {}
    // nullptr when no dictionary exists for `lang` (error says why). Tags
    // that lead to the same file share one Hyphenator.
    Hyphenator* get(std::string_view lang, std::string* error = nullptr);
    // True the first time it is asked about a language (by its language
    // subtag: "ab" and "ab-GE" are one) that has no dictionary: whoever
    // gets true reports it, so a build says it once.
    bool first_report_of_missing(std::string_view lang);
    const std::string& dir() const { return dir_; }

private:
    std::string dir_;
    struct Entry {
        Hyphenator* hyphenator = nullptr;
        std::string error;
    };
    std::unordered_map<std::string, Entry> by_tag_;
    std::unordered_map<std::string, std::unique_ptr<Hyphenator>> by_file_;
    std::unordered_map<std::string, bool> reported_;
};

// Breaks after the word's own hyphens (U+002D, U+2010) only, with at least
// two letters or digits on each side: "médico-/social", "COVID-/19", never
// "e-/mail". Leading and trailing punctuation is ignored.
std::vector<HyphenBreak> explicit_hyphen_breaks(std::string_view word);

// True for tokens that are URLs or e-mail addresses: "://", "www.",
// "mailto:", or "name@host.tld".
bool looks_like_url(std::string_view token);

// Where a URL may be broken, with nothing added (Chicago Manual of Style):
// after "://" or "//", before a single "/", and before . , - _ ? # % ~ = &.
// Byte offsets of the start of the second part, ascending.
std::vector<std::uint32_t> url_breaks(std::string_view token);

}  // namespace booklet::layout
