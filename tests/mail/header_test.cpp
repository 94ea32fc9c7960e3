// RFC 2047 encoded-words and RFC 5322 header fields: every word at most 75
// characters, never a UTF-8 character cut in two, lines folded so that
// unfolding gives the value back, no way for a CR or LF to start a field.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "mail/header.hpp"
#include "mail/utf8.hpp"
#include "test_support.hpp"

namespace booklet::mail {
namespace {

using testing_support::decode_header_value;
using testing_support::decode_word;
using testing_support::is_valid_utf8;
using testing_support::unfold;

const std::vector<std::string> kNames = {
    "Élodie Œhlenschläger-Dubœuf",
    "Dubœuf, Élodie",
    "Jean \"Jojo\" Lefèvre",
    "François-Xavier de La Tour d’Auvergne-Lauraguais des Champs-Élysées",
    "Ωμέγα Ἀλφα",
    "山田 太郎",
    "😀 emoji 🎉 party",
    "€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€",
    std::string(100, 'a') + "é",
    "x",
};

void check_words(const std::vector<std::string>& words, std::string_view expected, header::Encoding enc) {
    ASSERT_FALSE(words.empty());
    std::string joined;
    for (const auto& w : words) {
        EXPECT_LE(w.size(), header::kMaxEncodedWord) << w;
        EXPECT_EQ(w.substr(0, 10), enc == header::Encoding::B ? "=?UTF-8?B?" : "=?UTF-8?Q?") << w;
        EXPECT_EQ(w.substr(w.size() - 2), "?=") << w;
        const std::string decoded = decode_word(w);
        EXPECT_TRUE(is_valid_utf8(decoded)) << "a character was cut in two in " << w;
        joined += decoded;
    }
    EXPECT_EQ(joined, expected);
}

TEST(Rfc2047, BWordsHoldWholeCharactersAndDecodeBack) {
    for (const auto& name : kNames)
        check_words(header::encode_words(name, header::Encoding::B, header::Context::Phrase), name,
                    header::Encoding::B);
}

TEST(Rfc2047, QWordsHoldWholeCharactersAndDecodeBack) {
    for (const auto& name : kNames) {
        check_words(header::encode_words(name, header::Encoding::Q, header::Context::Phrase), name,
                    header::Encoding::Q);
        check_words(header::encode_words(name, header::Encoding::Q, header::Context::Text), name,
                    header::Encoding::Q);
    }
}

TEST(Rfc2047, EveryCutPointOfMultibyteRunsIsSafe) {
    // Shift a run of 2-, 3- and 4-byte characters by 0..3 ASCII bytes so
    // every split position relative to a word boundary is met.
    for (const std::string ch : {"é", "€", "😀"}) {
        for (int shift = 0; shift < 4; ++shift) {
            std::string text(shift, 'a');
            for (int i = 0; i < 40; ++i) text += ch;
            for (auto enc : {header::Encoding::B, header::Encoding::Q})
                check_words(header::encode_words(text, enc, header::Context::Phrase), text, enc);
        }
    }
}

TEST(Rfc2047, PhraseQEncodingKeepsOnlyAllowedCharacters) {
    const auto words =
        header::encode_words("Dubœuf, \"Élodie\" (a.b) <c>; d=e?f_g", header::Encoding::Q, header::Context::Phrase);
    for (const auto& w : words) {
        const std::string payload = w.substr(10, w.size() - 12);
        for (char c : payload) {
            const bool allowed = std::isalnum(static_cast<unsigned char>(c)) || c == '!' || c == '*' || c == '+' ||
                                 c == '-' || c == '/' || c == '=' || c == '_';
            EXPECT_TRUE(allowed) << "'" << c << "' in " << w;
        }
    }
}

TEST(Rfc2047, FirstWordFitsBesideTheFieldName) {
    const auto words = header::encode_words(std::string(30, 'a') + "ééééééééééééééééééééééééééééé",
                                            header::Context::Text, 40);
    ASSERT_GE(words.size(), 2u);
    EXPECT_LE(words.front().size(), 40u);
}

TEST(Rfc2047, ShorterEncodingIsChosen) {
    // Mostly ASCII: Q is shorter; mostly non-ASCII: B is.
    EXPECT_EQ(header::encode_words("Lefèvre", header::Context::Phrase).front().substr(0, 10), "=?UTF-8?Q?");
    EXPECT_EQ(header::encode_words("山田太郎山田太郎", header::Context::Phrase).front().substr(0, 10), "=?UTF-8?B?");
}

TEST(HeaderPhrase, AtomsStayReadable) {
    EXPECT_EQ(header::phrase("Jean  Dupont"), (std::vector<std::string>{"Jean", "Dupont"}));
    EXPECT_EQ(header::mailbox("", "a@b.org"), (std::vector<std::string>{"a@b.org"}));
}

TEST(HeaderPhrase, SpecialsAreQuoted) {
    EXPECT_EQ(header::phrase("Dupont, Jean"), (std::vector<std::string>{"\"Dupont, Jean\""}));
    EXPECT_EQ(header::phrase("John \"Jack\" Smith"), (std::vector<std::string>{"\"John \\\"Jack\\\" Smith\""}));
    EXPECT_EQ(header::phrase("J. R. R."), (std::vector<std::string>{"\"J. R. R.\""}));
}

TEST(HeaderPhrase, NonAsciiAndLookalikesAreEncoded) {
    for (const std::string name : {"Dubœuf, Élodie", "=?UTF-8?B?abc?=", "Élodie \"É\" Œ"}) {
        const auto words = header::phrase(name);
        std::string joined;
        for (const auto& w : words) joined += (joined.empty() ? "" : " ") + w;
        EXPECT_EQ(joined.substr(0, 8), "=?UTF-8?") << name;
        EXPECT_EQ(decode_header_value(joined), name);
    }
}

TEST(HeaderField, FoldsAndUnfoldsBack) {
    for (const auto& name : kNames) {
        const std::string f = header::mailbox_field("To", name, "someone@example.org");
        ASSERT_GE(f.size(), 2u);
        EXPECT_EQ(f.substr(f.size() - 2), "\r\n");
        std::size_t start = 0;
        while (start < f.size()) {
            const auto end = f.find("\r\n", start);
            ASSERT_NE(end, std::string::npos);
            EXPECT_LE(end - start, header::kFoldEncodedAt) << f;
            if (start > 0) {
                EXPECT_EQ(f[start], ' ') << "continuation lines start with a space";
            }
            start = end + 2;
        }
        const std::string value = unfold(f).substr(4);
        EXPECT_EQ(decode_header_value(value.substr(0, value.rfind(" <"))).size() > 0, true);
        EXPECT_NE(value.find("<someone@example.org>"), std::string::npos);
    }
}

TEST(HeaderField, LongAsciiSubjectFoldsAtSpaces) {
    std::string subject;
    for (int i = 0; i < 30; ++i) subject += "word" + std::to_string(i) + " ";
    const std::string f = header::unstructured_field("Subject", subject);
    std::size_t start = 0;
    while (start < f.size()) {
        const auto end = f.find("\r\n", start);
        EXPECT_LE(end - start, header::kFoldAt);
        start = end + 2;
    }
    EXPECT_EQ(unfold(f), "Subject: " + subject.substr(0, subject.size() - 1) + "\r\n");
}

TEST(HeaderField, LineBreaksCannotStartANewField) {
    const std::string evil = "Eve\r\nBcc: victim@example.org\nX: y\rZ";
    for (const std::string& f : {header::mailbox_field("To", evil, "eve@example.org"),
                                header::unstructured_field("Subject", evil), header::field("X-Test", evil)}) {
        // The only line breaks are folds: CRLF followed by a space.
        for (std::size_t i = 0; i < f.size(); ++i) {
            if (f[i] == '\n') {
                ASSERT_GT(i, 0u);
                EXPECT_EQ(f[i - 1], '\r');
                if (i + 1 < f.size()) {
                    EXPECT_EQ(f[i + 1], ' ') << f;
                }
            }
            if (f[i] == '\r') {
                EXPECT_EQ(f[i + 1], '\n');
            }
        }
        EXPECT_EQ(f.find("\r\nBcc"), std::string::npos);
    }
}

TEST(HeaderField, SubjectWithEncodedWordLookalikeIsEncoded) {
    const std::string f = header::unstructured_field("Subject", "Price =?is?= low");
    EXPECT_EQ(decode_header_value(unfold(f).substr(9, unfold(f).size() - 11)), "Price =?is?= low");
}

TEST(HeaderParameter, AsciiQuotedElseRfc2231) {
    EXPECT_EQ(header::parameter("filename", "journee.pdf"), "filename=\"journee.pdf\"");
    EXPECT_EQ(header::parameter("filename", "a\"b.pdf"), "filename=\"a\\\"b.pdf\"");
    EXPECT_EQ(header::parameter("filename", "journée.pdf"), "filename*=UTF-8''journ%C3%A9e.pdf");
}

TEST(Utf8, HeaderSafeReplacesControlsAndInvalidBytes) {
    EXPECT_EQ(utf8::header_safe("a\r\nb\tc\x7f" "d\xC2\x85" "e"), "a  b c d e");
    EXPECT_EQ(utf8::header_safe("bad\xC3(x"), "bad\xEF\xBF\xBD(x");
    EXPECT_EQ(utf8::header_safe("line\u2028sep"), "line sep");
}

}  // namespace
}  // namespace booklet::mail
