// How the readers take languages: schedule exports' free text, and the
// programme XML's lang attribute.
#include <gtest/gtest.h>

#include "locale/language.hpp"
#include "model/diagnostic.hpp"
#include "read/programme_reader.hpp"
#include "read/schedule_reader.hpp"
#include "run_command.hpp"
#include "write/programme_writer.hpp"

#include <unistd.h>

#include <filesystem>
#include <map>
#include <fstream>

using namespace booklet;

namespace {

// The normalisation table schedule.xml's <language> goes through.
TEST(LanguageText, TagsNamesAndCodes) {
    const std::pair<const char*, const char*> table[] = {
        {"de", "de"},           {"de-DE", "de-DE"},     {"de_de", "de-DE"},   {"pt_BR", "pt-BR"},
        {"EN", "en"},           {" en ", "en"},         {"German", "de"},     {"german", "de"},
        {"Deutsch", "de"},      {"deutsch", "de"},      {"english", "en"},    {"English", "en"},
        {"Englisch", "en"},     {"anglais", "en"},      {"français", "fr"},   {"Francais", "fr"},
        {"French", "fr"},       {"Französisch", "fr"},  {"Nederlands", "nl"}, {"Dutch", "nl"},
        {"Español", "es"},      {"spanish", "es"},      {"Italiano", "it"},   {"Portuguese", "pt"},
        {"ger", "de"},          {"fre", "fr"},          {"dut", "nl"},        {"deu", "de"},
        {"eng", "en"},          {"ab", "ab"},           {"bg", "bg"},         {"cs", "cs"},
        {"Čeština", "cs"},      {"русский", "ru"},      {"Svenska", "sv"},    {"polski", "pl"},
    };
    for (const auto& [text, code] : table) EXPECT_EQ(locale::language_from_text(text), code) << text;
}

TEST(LanguageText, UnknownTextIsNoLanguage) {
    for (const char* text : {"", "   ", "qq", "xx-YY", "Klingonish", "en, de", "English/German", "12-!", "-"})
        EXPECT_EQ(locale::language_from_text(text), "") << text;
}

std::string programme(const std::string& root_lang, const std::string& talk_lang) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<programme id=\"p\" lang=\"" + root_lang + "\" timezone=\"Europe/Zurich\">\n"
           "  <title>Tagung</title>\n"
           "  <venue><name>Aula</name></venue>\n"
           "  <people><person id=\"a\"><family>Muster</family></person></people>\n"
           "  <day date=\"2024-12-27\">\n"
           "    <talk id=\"t\" start=\"09:00\" end=\"10:00\" lang=\"" + talk_lang + "\"><title>Vortrag</title>"
           "<speaker ref=\"a\"/></talk>\n"
           "  </day>\n"
           "</programme>\n";
}

TEST(ProgrammeLang, AcceptsAnyWellFormedTag) {
    model::Diagnostics diags;
    auto p = read::read_programme(io::InputFile{"p.xml", programme("de-CH", "fr-ca")}, diags);
    ASSERT_TRUE(p) << (diags.items().empty() ? "" : diags.items()[0].str());
    EXPECT_FALSE(diags.has_errors());
    EXPECT_EQ(p->lang, "de-CH");
    ASSERT_EQ(p->days.at(0).items.size(), 1u);
    EXPECT_EQ(p->days[0].items[0].lang, "fr-CA");  // written the canonical way
}

TEST(ProgrammeLang, RefusesMalformedTags) {
    model::Diagnostics diags;
    read::read_programme(io::InputFile{"p.xml", programme("12-!", "pt_BR")}, diags);
    ASSERT_EQ(diags.error_count(), 2u);
    const auto sorted = diags.sorted();
    EXPECT_EQ(sorted[0].str(), "p.xml:2:19: error: '12-!' is not a language tag: write one like fr, en, de-CH or pt-BR");
    EXPECT_EQ(sorted[1].str(), "p.xml:7:44: error: 'pt_BR' is not a language tag: write pt-BR");
}

// A schedule.xml whose events give `langs` (one event each, 10:00, 11:00…).
std::string schedule(const std::vector<std::string>& langs) {
    std::string events;
    int hour = 10;
    for (const auto& l : langs) {
        const std::string h = std::to_string(hour++);
        events += "      <event id=\"" + h + "\" guid=\"a0000000-0000-4000-8000-0000000000" + h + "\">"
                  "<date>2024-12-27T" + h + ":00:00+01:00</date><start>" + h + ":00</start><duration>00:30</duration>"
                  "<room>Saal 1</room><title>Vortrag " + h + "</title><type>talk</type><language>" + l +
                  "</language><persons><person id=\"" + h + "\">Erika Muster" + h + "</person></persons></event>\n";
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<schedule>\n"
           "  <conference><acronym>c</acronym><title>Kongress</title><start>2024-12-27</start><end>2024-12-27</end>"
           "<days>1</days><time_zone_name>Europe/Berlin</time_zone_name></conference>\n"
           "  <day index=\"1\" date=\"2024-12-27\" start=\"2024-12-27T04:00:00+01:00\" end=\"2024-12-28T03:59:00+01:00\">\n"
           "    <room name=\"Saal 1\">\n" + events + "    </room>\n  </day>\n</schedule>\n";
}

TEST(ScheduleLang, EveryEventKeepsItsLanguage) {
    model::Diagnostics d;
    auto p = read::read_schedule(io::InputFile{"s.xml", schedule({"de", "pt_BR", "Deutsch", "English", "cs", "DE-at"})}, d);
    ASSERT_TRUE(p);
    EXPECT_EQ(d.warning_count(), 0u) << d.items().at(0).str();
    std::vector<std::string> langs;
    for (const auto& r : p->all_items()) langs.push_back(r.item->lang);
    EXPECT_EQ(langs, (std::vector<std::string>{"de", "pt-BR", "de", "en", "cs", "de-AT"}));
    EXPECT_EQ(p->lang, "de");  // the one most events give
}

TEST(ScheduleLang, UnknownTextIsOneWarningAndTakesTheProgrammes) {
    model::Diagnostics d;
    auto p = read::read_schedule(io::InputFile{"s.xml", schedule({"nl", "Klingonish", "nl", "qq", "Klingonish", "en"})}, d);
    ASSERT_TRUE(p);
    ASSERT_EQ(d.warning_count(), 1u);
    EXPECT_EQ(d.items()[0].str(),
              "s.xml:7:211: warning: 3 events are in no language booklet knows (Klingonish, qq): these take the "
              "programme's");
    EXPECT_EQ(p->lang, "nl");
    EXPECT_EQ(p->all_items().at(1).item->lang, "");
}

TEST(ScheduleLang, ATieOrNoLanguageIsEnglish) {
    model::Diagnostics d;
    EXPECT_EQ(read::read_schedule(io::InputFile{"s.xml", schedule({"de", "en"})}, d)->lang, "en");
    EXPECT_EQ(read::read_schedule(io::InputFile{"s.xml", schedule({"", ""})}, d)->lang, "en");
    EXPECT_EQ(read::read_schedule(io::InputFile{"s.xml", schedule({"de", "nl"})}, d)->lang, "de");
}

// booklet convert: the languages are written back, the result is valid
// against the schema and reads back with the same languages.
TEST(ScheduleLang, ConvertWritesEveryLanguageBack) {
    model::Diagnostics d;
    auto p = read::read_schedule(io::InputFile{"s.xml", schedule({"de", "pt_BR", "Nederlands", "sr-latn-rs", "de"})}, d);
    ASSERT_TRUE(p);
    model::Diagnostics wd;
    const auto xml = write::write_programme(*p, wd);
    ASSERT_TRUE(xml) << (wd.items().empty() ? "" : wd.items()[0].str());
    EXPECT_NE(xml->find(" lang=\"de\" "), std::string::npos);
    EXPECT_NE(xml->find("lang=\"pt-BR\""), std::string::npos);
    EXPECT_NE(xml->find("lang=\"sr-Latn-RS\""), std::string::npos);

    namespace fs = std::filesystem;
    const fs::path file = fs::temp_directory_path() / ("booklet-lang-" + std::to_string(::getpid()) + ".xml");
    std::ofstream(file, std::ios::binary) << *xml;
    const auto lint = test::run_command("xmllint --noout --schema '" BOOKLET_SOURCE_DIR "/input/programme.xsd' '" +
                                        file.string() + "'");
    fs::remove(file);
    EXPECT_EQ(lint.status, 0) << lint.err;

    model::Diagnostics rd;
    const auto back = read::read_programme(io::InputFile{"back.xml", *xml}, rd);
    ASSERT_TRUE(back);
    EXPECT_FALSE(rd.has_errors());
    EXPECT_EQ(back->lang, "de");
    std::vector<std::string> langs;
    for (const auto& r : back->all_items()) langs.push_back(r.item->lang);
    EXPECT_EQ(langs, (std::vector<std::string>{"de", "pt-BR", "nl", "sr-Latn-RS", "de"}));
}

TEST(ProgrammeWriter, RefusesALanguageThatIsNotATag) {
    model::Diagnostics d;
    auto p = read::read_programme(io::InputFile{"p.xml", programme("de", "en")}, d);
    ASSERT_TRUE(p);
    p->days.at(0).items.at(0).lang = "Deutsch";
    model::Diagnostics wd;
    EXPECT_FALSE(write::write_programme(*p, wd));
    ASSERT_EQ(wd.error_count(), 1u);
    EXPECT_NE(wd.items().at(0).message.find("cannot write the language 'Deutsch': not a language tag"),
              std::string::npos);
}

// The real 35C3 export: German and English, and five events in three other
// languages; every one is kept, and none is "unknown".
TEST(CorpusLang, ThirtyFiveC3KeepsEveryLanguage) {
    model::Diagnostics d;
    const auto p = read::read_schedule_file(BOOKLET_SOURCE_DIR "/../shared/corpus/35c3-everything.schedule.xml", d);
    ASSERT_TRUE(p);
    for (const auto& w : d.items()) EXPECT_EQ(w.message.find("language"), std::string::npos) << w.str();
    std::map<std::string, int> count;
    for (const auto& r : p->all_items()) ++count[r.item->lang];
    EXPECT_EQ(count["en"], 478);
    EXPECT_EQ(count["de"], 347);
    EXPECT_EQ(count["cs"], 2);
    EXPECT_EQ(count["bg"], 2);
    EXPECT_EQ(count["es"], 1);
    EXPECT_EQ(count["ab"], 1);
    EXPECT_EQ(p->lang, "en");  // 478 against 347
}

}  // namespace
