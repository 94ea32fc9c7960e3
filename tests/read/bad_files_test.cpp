// Files that are not programmes at all: each gets one clear diagnostic,
// never a crash or a hang.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "io/input_file.hpp"
#include "read/formats.hpp"
#include "read/programme_reader.hpp"

namespace fs = std::filesystem;
using namespace booklet;

namespace {

class BadFiles : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("booklet-bad-" + std::to_string(::getpid()));
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }
    std::string write(const std::string& name, const std::string& bytes) {
        const auto path = (dir_ / name).string();
        std::ofstream(path, std::ios::binary) << bytes;
        return path;
    }
    // Reads the file; expects exactly one error and returns it.
    std::string only_error(const std::string& path) {
        model::Diagnostics diags;
        auto p = read::read_programme_file(path, diags);
        EXPECT_FALSE(p.has_value());
        EXPECT_EQ(diags.error_count(), 1u);
        return diags.items().empty() ? "" : diags.items()[0].str();
    }
    fs::path dir_;
};

TEST_F(BadFiles, MissingFile) {
    const auto path = (dir_ / "nope.xml").string();
    EXPECT_EQ(only_error(path), path + ": error: cannot open file: No such file or directory");
}

TEST_F(BadFiles, Directory) { EXPECT_EQ(only_error(dir_.string()), dir_.string() + ": error: is a directory, not a file"); }

TEST_F(BadFiles, EmptyFile) {
    const auto path = write("empty.xml", "");
    EXPECT_EQ(only_error(path), path + ":1:1: error: file is empty");
}

TEST_F(BadFiles, BinaryGarbage) {
    std::string bytes = "<?xml version=\"1.0\"?>\n<programme>\x89PNG\r\n\x1a";
    const auto path = write("garbage.xml", bytes);
    EXPECT_EQ(only_error(path), path + ":2:12: error: invalid UTF-8 byte sequence");
    const auto nul = write("nul.xml", std::string("<a>\n  x", 7) + std::string(1, '\0'));
    EXPECT_EQ(only_error(nul), nul + ":2:4: error: binary data: NUL byte in a text file");
}

TEST_F(BadFiles, HugeFileIsRefusedBeforeReading) {
    const auto path = (dir_ / "huge.xml").string();
    { std::ofstream(path) << "<programme>"; }
    ASSERT_EQ(::truncate(path.c_str(), 200L * 1024 * 1024), 0);  // sparse: costs no disk
    EXPECT_EQ(only_error(path), path + ": error: file is too large (200 MiB); the limit is 32 MiB");
}

TEST_F(BadFiles, HundredThousandLevelsOfNesting) {
    std::string s = "<?xml version=\"1.0\"?>\n";
    for (int i = 0; i < 100000; ++i) s += "<p>";
    for (int i = 0; i < 100000; ++i) s += "</p>";
    const auto path = write("deep.xml", s);
    EXPECT_EQ(only_error(path), path + ":2:193: error: elements are nested more than 64 levels deep");
}

TEST_F(BadFiles, BillionLaughsDoctype) {
    const auto path = write("lol.xml",
                            "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
                            " <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n]>\n"
                            "<programme>&lol2;</programme>\n");
    EXPECT_EQ(only_error(path), path + ":2:1: error: a DOCTYPE is not allowed (it could declare entities); remove it");
}

TEST_F(BadFiles, NotXmlAtAll) {
    const auto path = write("text.xml", "Bonjour, ceci n’est pas du XML.\n");
    const auto e = only_error(path);
    EXPECT_EQ(e.rfind(path + ":1:1: error: ", 0), 0u) << e;
}

TEST_F(BadFiles, ByteOrderMarkIsAccepted) {
    model::Diagnostics diags;
    auto f = io::read_input_file(write("bom.xml", "\xEF\xBB\xBF<a/>"), diags);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->content, "<a/>");
    EXPECT_EQ(read::root_element_name(*f), "a");
}

TEST(Formats, Emails) {
    EXPECT_TRUE(read::is_email("dubruc@emse.fr"));
    EXPECT_TRUE(read::is_email("francois-xavier.devtter@imt-lille-douai.fr"));
    EXPECT_FALSE(read::is_email("dubruc@emse"));
    EXPECT_FALSE(read::is_email("dubruc emse.fr"));
    EXPECT_FALSE(read::is_email("a@b.fr\r\nBcc: x@y.fr"));
    EXPECT_FALSE(read::is_email("a..b@c.fr"));
    EXPECT_FALSE(read::is_email("@c.fr"));
}

TEST(Formats, Urls) {
    EXPECT_TRUE(read::is_http_url("https://www.mines-stetienne.fr/panoramines/2019/11/04/x/"));
    EXPECT_TRUE(read::is_http_url("http://localhost:8080/x?y=1"));
    EXPECT_FALSE(read::is_http_url("htp://example.org"));
    EXPECT_FALSE(read::is_http_url("https://"));
    EXPECT_FALSE(read::is_http_url("https://exa mple.org"));
    EXPECT_FALSE(read::is_http_url("javascript:alert(1)"));
    EXPECT_TRUE(read::is_link("mailto:dubruc@emse.fr"));
}

// FOSDEM 2023 links name rooms with spaces: they are kept, encoded as a
// browser would send them, never dropped.
TEST(Formats, UnsafeUrlCharactersArePercentEncoded) {
    EXPECT_EQ(read::percent_encode_unsafe(" https://video.fosdem.org/2023/K.1.105 (La Fontaine)/a.webm\n"),
              "https://video.fosdem.org/2023/K.1.105%20(La%20Fontaine)/a.webm");
    EXPECT_TRUE(read::is_http_url(read::percent_encode_unsafe("https://video.fosdem.org/2023/K.1.105 (La Fontaine)/a.webm")));
    EXPECT_EQ(read::percent_encode_unsafe("https://x.org/a|b{c}^`\"<>\\"),
              "https://x.org/a%7Cb%7Bc%7D%5E%60%22%3C%3E%5C");
    EXPECT_EQ(read::percent_encode_unsafe("https://x.org/caf\u00E9"), "https://x.org/caf%C3%A9");
    EXPECT_EQ(read::percent_encode_unsafe("https://x.org/a?b=1#c"), "https://x.org/a?b=1#c");
    EXPECT_FALSE(read::is_http_url(read::percent_encode_unsafe("https://exa mple.org")));  // the host stays wrong
    EXPECT_FALSE(read::is_http_url(read::percent_encode_unsafe("https://x.org/\x01")));  // controls stay refused
}

TEST(Formats, Ids) {
    EXPECT_TRUE(read::is_programme_id("medico-social-2020"));
    EXPECT_FALSE(read::is_programme_id("Medico"));
    EXPECT_TRUE(read::is_item_id("atelier-1"));
    EXPECT_FALSE(read::is_item_id("../etc/passwd"));
    EXPECT_FALSE(read::is_item_id(""));
}

TEST(Formats, ControlCharacters) {
    EXPECT_FALSE(read::has_control_characters("Journée « test » – œ"));
    EXPECT_TRUE(read::has_control_characters("a\x1b" "b"));
    EXPECT_TRUE(read::has_control_characters("a\xC2\x85" "b"));      // NEL
    EXPECT_TRUE(read::has_control_characters("a\xE2\x80\xA8" "b"));  // LINE SEPARATOR
}

}  // namespace
