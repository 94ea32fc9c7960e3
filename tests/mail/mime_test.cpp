// booklet's MIME writer: CRLF everywhere, 7-bit bodies, encodings that
// decode back, dot-stuffing, boundaries that cannot clash.
#include <gtest/gtest.h>

#include <string>

#include "mail/mime.hpp"
#include "test_support.hpp"

namespace booklet::mail {
namespace {

using namespace testing_support;

TEST(MimeCrlf, EverySpellingOfALineBreakBecomesCrlf) {
    EXPECT_EQ(mime::crlf("a\nb\r\nc\rd\n\ne"), "a\r\nb\r\nc\r\nd\r\n\r\ne");
    EXPECT_EQ(mime::crlf("\r\r\n\n"), "\r\n\r\n\r\n");
    EXPECT_TRUE(all_crlf(mime::crlf("x\ny\rz\r\n")));
}

TEST(MimeBase64, MatchesRfc4648Vectors) {
    EXPECT_EQ(mime::base64(""), "");
    EXPECT_EQ(mime::base64("f"), "Zg==");
    EXPECT_EQ(mime::base64("fo"), "Zm8=");
    EXPECT_EQ(mime::base64("foo"), "Zm9v");
    EXPECT_EQ(mime::base64("foob"), "Zm9vYg==");
    EXPECT_EQ(mime::base64("fooba"), "Zm9vYmE=");
    EXPECT_EQ(mime::base64("foobar"), "Zm9vYmFy");
}

TEST(MimeBase64, LinesOf76AndRoundTrip) {
    std::string bytes;
    for (int i = 0; i < 1000; ++i) bytes += static_cast<char>(i * 37 % 256);
    const std::string lines = mime::base64_lines(bytes);
    EXPECT_TRUE(all_crlf(lines));
    std::size_t start = 0;
    while (start < lines.size()) {
        const auto end = lines.find("\r\n", start);
        EXPECT_LE(end - start, 76u);
        start = end + 2;
    }
    EXPECT_EQ(base64_decode(lines), bytes);
}

TEST(MimeQuotedPrintable, RoundTripsAndStaysWithinLimits) {
    const std::string text =
        "Bonjour Élodie,\n\nMerci de votre inscription à « Journée d’étude » — un titre qui est vraiment très "
        "long, bien plus long que soixante-seize caractères, avec des accents éàüœ€😀 partout.\n"
        "trailing space \nequals = sign\ttab\n.starts with a dot\nFrom the start\n";
    const std::string qp = mime::quoted_printable(text);
    EXPECT_TRUE(all_crlf(qp));
    std::size_t start = 0;
    while (start < qp.size()) {
        const auto end = qp.find("\r\n", start);
        const std::string line = qp.substr(start, end - start);
        EXPECT_LE(line.size(), 76u) << line;
        for (char c : line) EXPECT_LT(static_cast<unsigned char>(c), 0x80) << line;
        if (!line.empty()) {  // the text's blank line is an empty one
            EXPECT_NE(line.back(), ' ') << "trailing whitespace must be encoded: " << line;
            EXPECT_NE(line.front(), '.') << line;
        }
        EXPECT_NE(line.rfind("From ", 0), 0u) << line;
        // Every "=" is a whole =XX escape, or the soft break ending the line.
        for (std::size_t i = 0; i < line.size(); ++i) {
            if (line[i] != '=' || i + 1 == line.size()) continue;
            ASSERT_LE(i + 2, line.size() - 1) << "an escape was cut: " << line;
            EXPECT_TRUE(std::isxdigit(static_cast<unsigned char>(line[i + 1])) &&
                        std::isxdigit(static_cast<unsigned char>(line[i + 2])))
                << line;
        }
        start = end + 2;
    }
    EXPECT_EQ(qp_decode(qp), mime::crlf(text));
}

TEST(MimeQuotedPrintable, LineBreakSpellingsAllBecomeHardBreaks) {
    EXPECT_EQ(mime::quoted_printable("a\rb\nc\r\nd"), "a\r\nb\r\nc\r\nd\r\n");
    EXPECT_EQ(mime::quoted_printable("x=1"), "x=3D1\r\n");
}

TEST(DotStuffing, LinesStartingWithADotGetAnother) {
    EXPECT_EQ(mime::dot_stuff(".\r\n..x\r\na.b\r\n.\r\n"), "..\r\n...x\r\na.b\r\n..\r\n");
    EXPECT_EQ(mime::dot_stuff(".first"), "..first\r\n");
    // A bare LF is normalised first, so a dot after it is stuffed too.
    EXPECT_EQ(mime::dot_stuff("a\n.b"), "a\r\n..b\r\n");
    // Nothing in the result can end the DATA phase early.
    const std::string stuffed = mime::dot_stuff("x\r\n.\r\ny\r\n");
    EXPECT_EQ(("\r\n" + stuffed).find("\r\n.\r\n"), std::string::npos);
}

TEST(MimeWrite, MultipartHasCrlfBoundariesAndParts) {
    const mime::Part p = mime::multipart("alternative", "=_b1",
                                         {mime::text_part("Héllo\nworld"), mime::calendar_part("BEGIN:X\r\n", "REQUEST")});
    const std::string bytes = mime::write(p);
    EXPECT_TRUE(all_crlf(bytes));
    EXPECT_NE(bytes.find("Content-Type: multipart/alternative; boundary=\"=_b1\"\r\n"), std::string::npos);
    const auto text = bytes.find("--=_b1\r\nContent-Type: text/plain; charset=UTF-8\r\n"
                                 "Content-Transfer-Encoding: quoted-printable\r\n\r\nH=C3=A9llo\r\nworld\r\n");
    const auto cal = bytes.find("--=_b1\r\nContent-Type: text/calendar; method=REQUEST; charset=UTF-8\r\n"
                                "Content-Transfer-Encoding: base64\r\n\r\nQkVHSU46WA0K\r\n");
    ASSERT_NE(text, std::string::npos) << bytes;
    ASSERT_NE(cal, std::string::npos) << bytes;
    EXPECT_LT(text, cal);
    EXPECT_EQ(bytes.substr(bytes.size() - 10), "--=_b1--\r\n");
    for (unsigned char c : bytes) EXPECT_LT(c, 0x80);
}

TEST(MimeWrite, AttachmentNamesAndEncodedBody) {
    const mime::Part a = mime::attachment("application/pdf", "journée.pdf", std::string("%PDF-1.4\n\0\xff", 11));
    const std::string bytes = mime::write(a);
    EXPECT_NE(bytes.find("name*=UTF-8''journ%C3%A9e.pdf"), std::string::npos);
    EXPECT_NE(bytes.find("Content-Disposition: attachment; filename*=UTF-8''journ%C3%A9e.pdf\r\n"),
              std::string::npos);
    EXPECT_EQ(base64_decode(bytes.substr(bytes.find("\r\n\r\n") + 4)), std::string("%PDF-1.4\n\0\xff", 11));
}

TEST(MimeWrite, RefusesABodyThatHoldsItsBoundary) {
    mime::Part leaf;
    leaf.body = "--=_b\r\n";
    EXPECT_THROW(mime::write(mime::multipart("mixed", "=_b", {leaf})), std::logic_error);
    mime::Part bare;
    bare.body = "a\nb\r\n";
    EXPECT_THROW(mime::write(bare), std::logic_error);
}

}  // namespace
}  // namespace booklet::mail
