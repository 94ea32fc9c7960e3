// The bundled seed day (input/medico-social-2020.xml) read into the model
// matches the source document: items, talks, speakers, titles, affiliations.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>

#include "read/programme_reader.hpp"

using namespace booklet;

namespace {

model::Programme seed() {
    model::Diagnostics diags;
    auto p = read::read_programme_file(BOOKLET_SOURCE_DIR "/input/medico-social-2020.xml", diags);
    EXPECT_FALSE(diags.has_errors());
    EXPECT_TRUE(p.has_value());
    return p ? *p : model::Programme{};
}

TEST(SeedDay, Header) {
    const auto p = seed();
    EXPECT_EQ(p.id, "medico-social-2020");
    EXPECT_EQ(p.lang, "fr");
    EXPECT_EQ(p.timezone, "Europe/Paris");
    EXPECT_EQ(p.title, "Quel impact de la transformation numérique dans le champ du médico-social ?");
    EXPECT_EQ(p.subtitle, "Journée rencontre entre chercheurs et acteurs");
    EXPECT_EQ(p.venue.name, "Mines ParisTech");
    EXPECT_EQ(p.venue.postcode, "75006");
    EXPECT_EQ(p.venue.city, "Paris");
    ASSERT_EQ(p.rooms.size(), 1u);
    EXPECT_EQ(p.rooms[0].name, "Salle des colonnes");
    EXPECT_EQ(p.capacity, 40);
    EXPECT_NE(p.registration_url.find("docs.google.com/forms"), std::string::npos);
    ASSERT_EQ(p.contacts.size(), 2u);
    EXPECT_EQ(p.contacts[0].email, "dubruc@emse.fr");
    EXPECT_EQ(p.committee.size(), 7u);
    ASSERT_EQ(p.days.size(), 1u);
    EXPECT_EQ(p.days[0].date.iso(), "2020-01-28");
    const auto hours = p.days[0].hours();
    ASSERT_TRUE(hours);
    EXPECT_EQ(hours->start.hhmm(), "09:30");
    EXPECT_EQ(hours->end.hhmm(), "17:00");
}

TEST(SeedDay, IntroductionHasSectionsParagraphsAndAList) {
    const auto p = seed();
    int headings = 0, lists = 0, paragraphs = 0;
    for (const auto& b : p.introduction.blocks) {
        headings += b.kind == model::Block::Kind::Heading;
        lists += b.kind == model::Block::Kind::List;
        paragraphs += b.kind == model::Block::Kind::Paragraph;
    }
    EXPECT_EQ(headings, 2);
    EXPECT_EQ(lists, 1);
    EXPECT_GE(paragraphs, 3);
    EXPECT_EQ(p.introduction.blocks[0].plain(), "Contexte et enjeux");
    EXPECT_NE(p.introduction.plain().find("mise en œuvre"), std::string::npos);
}

TEST(SeedDay, ScheduleItems) {
    const auto p = seed();
    const auto& items = p.days[0].items;
    std::vector<std::string> ids;
    for (const auto& i : items) ids.push_back(i.id);
    EXPECT_EQ(ids, (std::vector<std::string>{"accueil", "introduction", "atelier-1", "temoignage", "repas",
                                             "atelier-2", "pause", "table-ronde", "mots-de-la-fin"}));
    EXPECT_EQ(items[0].kind, model::ItemKind::Welcome);
    EXPECT_EQ(items[2].kind, model::ItemKind::Workshop);
    EXPECT_EQ(items[3].kind, model::ItemKind::Testimony);
    EXPECT_EQ(items[4].kind, model::ItemKind::Meal);
    EXPECT_EQ(items[6].kind, model::ItemKind::Break);
    EXPECT_EQ(items[7].kind, model::ItemKind::RoundTable);
    EXPECT_TRUE(items[7].guests_to_be_confirmed);
    EXPECT_EQ(items[8].kind, model::ItemKind::Closing);
    EXPECT_EQ(p.all_items().size(), 16u);
}

TEST(SeedDay, EveryTalkTitleInOrder) {
    const auto p = seed();
    std::vector<std::string> titles;
    for (const auto& t : p.talks()) titles.push_back(t.item->title);
    EXPECT_EQ(titles, (std::vector<std::string>{
                          "Introduction des technologies numériques dans les EHPAD et rationalisation du travail",
                          "Les pratiques organisationnelles de logique de parcours comme préalable à la digitalisation",
                          "Outils numériques, et « personnalisation » du travail de care auprès des personnes âgées",
                          "Transformation digitale, comment nos métiers du médico-social évolueront-ils demain ?",
                          "Faire communauté par le numérique ? Une étude exploratoire sur les médecins généralistes et "
                          "aides à domicile",
                          "L’influence de la télémédecine sur la relation résident-professionnels de santé en EHPAD",
                          "Projet de télé-odontologie en maison d’accueil spécialisée (MAS) – foyer d’accueil "
                          "médicalisé (FAM) : contribution à la constitution d’un écosystème de santé numérique",
                      }));
}

TEST(SeedDay, SpeakersAndAffiliations) {
    const auto p = seed();
    std::set<std::string> speakers, affiliations;
    for (const auto& t : p.talks())
        for (const auto& s : t.item->speakers) {
            const auto* person = p.person(s.id);
            ASSERT_NE(person, nullptr) << s.id;
            speakers.insert(person->display_name());
            affiliations.insert(person->affiliations.begin(), person->affiliations.end());
        }
    EXPECT_EQ(speakers.size(), 15u);
    for (const char* name : {"Laura Nirello", "Nadine Dubruc", "François Jaujard", "Thibault Metailler", "Annie Dussuet",
                             "Bernard Bensaid", "François Deltour", "Christèle Dondeyne", "Nicolas Jullien",
                             "Jonathan Welty", "Mireille Castel Blaison", "Pauline Lenesley",
                             "Marie-Claude Razat-Lafferrairie", "Ambre Beucher", "Jean Maurel"})
        EXPECT_TRUE(speakers.count(name)) << name;
    EXPECT_EQ(affiliations, (std::set<std::string>{"ADAPEI 65", "CES", "CLERSE", "EA 4161 COACTIS", "Groupe Doctegestio",
                                                   "IFCS-CHU de Caen", "IMT Lille Douai", "IMTA", "Institut Henri Fayol",
                                                   "LEGO", "LEMNA", "Laboratoire NIMEC EA 969", "Mines Saint-Étienne",
                                                   "UBO", "Univ Jean Monnet", "Univ Lumière", "Univ Lyon",
                                                   "Université de Caen", "Université de Nantes"}));
    // Pauline Lenesley speaks twice but is one person.
    EXPECT_EQ(std::count_if(p.people.begin(), p.people.end(), [](const auto& x) { return x.family == "Lenesley"; }), 1);
}

TEST(SeedDay, AbstractsAndKeywords) {
    const auto p = seed();
    int with_abstract = 0;
    for (const auto& t : p.talks()) with_abstract += !t.item->abstract.empty();
    EXPECT_EQ(with_abstract, 7);
    const auto* deltour = p.talks()[4].item;
    EXPECT_EQ(deltour->keywords, (std::vector<std::string>{"communautés professionnelles", "médecins", "aide à domicile",
                                                          "médico-social", "réseaux sociaux", "internet"}));
    const auto* dussuet = p.talks()[2].item;
    const std::string text = dussuet->abstract.plain();
    EXPECT_NE(text.find("(Devetter et alii, 2017)"), std::string::npos);
    EXPECT_NE(text.find("« travail bien fait »"), std::string::npos);
    // A list in the Dubruc abstract.
    const auto* dubruc = p.talks()[1].item;
    EXPECT_TRUE(std::any_of(dubruc->abstract.blocks.begin(), dubruc->abstract.blocks.end(),
                            [](const auto& b) { return b.kind == model::Block::Kind::List && b.items.size() == 3; }));
}

TEST(SeedDay, InlineEmphasisKeepsItsSpaces) {
    const auto p = seed();
    const auto* dussuet = p.talks()[2].item;
    bool found = false;
    for (const auto& b : dussuet->abstract.blocks)
        for (std::size_t i = 0; i < b.inlines.size(); ++i)
            if (b.inlines[i].emphasis && b.inlines[i].text == "et alii") {
                found = true;
                ASSERT_GT(i, 0u);
                EXPECT_EQ(b.inlines[i - 1].text.back(), ' ');
                ASSERT_LT(i + 1, b.inlines.size());
                EXPECT_EQ(b.inlines[i + 1].text.front(), ',');
            }
    EXPECT_TRUE(found);
}

TEST(SeedDay, EveryElementKnowsWhereItCameFrom) {
    const auto p = seed();
    for (const auto& r : p.all_items()) {
        EXPECT_TRUE(r.item->where.known()) << r.item->id;
        EXPECT_NE(r.item->where.file.find("medico-social-2020.xml"), std::string::npos);
    }
    EXPECT_EQ(p.days[0].items[0].where.line, 234);
    EXPECT_EQ(p.days[0].items[0].where.column, 5);
}

}  // namespace

namespace {

// tinyxml2 drops text that is only white space; the reader must not lose
// the space between two inline elements, on one line or across lines.
TEST(InlineText, SpacesBetweenElementsAreKept) {
    const std::string path = ::testing::TempDir() + "inline-spaces.xml";
    std::ifstream in(BOOKLET_SOURCE_DIR "/tests/samples/valid/minimal.xml");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string from = "<abstract><p>Résumé.</p></abstract></talk>";
    text.replace(text.find(from), from.size(),
                 "<abstract><p><em>Bonjour</em> <strong>monde</strong>\n<em>et</em>\n  <a href=\"https://example.org\">lien</a></p>"
                 "</abstract></talk>");
    std::ofstream(path) << text;
    model::Diagnostics diags;
    auto p = read::read_programme_file(path, diags);
    ASSERT_TRUE(p);
    EXPECT_FALSE(diags.has_errors());
    EXPECT_EQ(p->talks()[0].item->abstract.plain(), "Bonjour monde et lien");
    // Positions after the edited line are still exact.
    EXPECT_EQ(p->talks()[1].item->where.line, 20);
    EXPECT_EQ(p->talks()[1].item->where.column, 7);
}

}  // namespace
