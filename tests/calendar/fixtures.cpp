#include "fixtures.hpp"

#include <optional>

namespace booklet::calendar::testing {

namespace {

using model::ItemKind;

model::SourceLocation at(int line) { return {"fixture.xml", line, 3}; }

model::Person person(std::string id, std::string given, std::string family, std::string role = {},
                     std::vector<std::string> affiliations = {}, std::string email = {}) {
    model::Person p;
    p.id = std::move(id);
    p.given = std::move(given);
    p.family = std::move(family);
    p.role = std::move(role);
    p.affiliations = std::move(affiliations);
    p.email = std::move(email);
    return p;
}

model::Text paragraphs(std::vector<std::string> texts) {
    model::Text t;
    for (auto& s : texts) {
        model::Inline text;
        text.text = std::move(s);
        model::Block b;
        b.inlines.push_back(std::move(text));
        t.blocks.push_back(std::move(b));
    }
    return t;
}

std::optional<model::TimeRange> hours(const char* start, const char* end) {
    return model::TimeRange{*model::ClockTime::parse_hhmm(start), *model::ClockTime::parse_hhmm(end)};
}

model::Item item(ItemKind kind, std::string id, std::string title, std::optional<model::TimeRange> time,
                 int line) {
    model::Item i;
    i.kind = kind;
    i.id = std::move(id);
    i.title = std::move(title);
    i.time = time;
    i.where = at(line);
    return i;
}

std::vector<model::PersonRef> refs(std::vector<std::string> ids) {
    std::vector<model::PersonRef> out;
    for (auto& id : ids) out.push_back({std::move(id), {}});
    return out;
}

model::Day day(model::Date date, std::vector<model::Item> items) {
    model::Day d;
    d.date = date;
    d.items = std::move(items);
    d.where = at(100);
    return d;
}

std::vector<model::Item> french_items() {
    using I = ItemKind;
    auto welcome = item(I::Welcome, "accueil", "Accueil", hours("09:30", "10:00"), 110);
    welcome.room = "colonnes";
    auto opening = item(I::Opening, "introduction", "Introduction de la journée", hours("10:00", "10:30"), 114);

    auto workshop = item(I::Workshop, "atelier-1", "1er atelier : évolution des contextes et numérisation",
                         hours("10:30", "12:00"), 118);
    workshop.room = "colonnes";
    workshop.chairs = refs({"devetter"});
    auto nirello = item(I::Talk, "nirello-ehpad",
                        "Introduction des technologies numériques dans les EHPAD et rationalisation du travail",
                        std::nullopt, 121);
    nirello.speakers = refs({"nirello"});
    nirello.abstract = paragraphs({"Le domaine de la prise en charge de la dépendance en France fait l’objet "
                                   "depuis quelques décennies d’évolutions importantes ; la mise en œuvre…",
                                   "Deuxième paragraphe, avec une virgule et un \\ antislash."});
    nirello.keywords = {"EHPAD", "travail"};
    auto dubruc = item(I::Talk, "dubruc-parcours",
                       "Les pratiques organisationnelles de logique de parcours comme préalable à la digitalisation",
                       std::nullopt, 131);
    dubruc.speakers = refs({"dubruc", "jaujard", "metailler"});
    dubruc.keywords = {"Référentiel", "compétences et activités", "rôles, interface"};
    auto dussuet = item(I::Talk, "dussuet-care",
                        "Outils numériques, et « personnalisation » du travail de care auprès des personnes âgées",
                        std::nullopt, 141);
    dussuet.speakers = refs({"dussuet"});
    workshop.children = {nirello, dubruc, dussuet};

    auto testimony = item(I::Testimony, "temoignage", "Transformations en cours dans une organisation",
                          hours("12:00", "13:00"), 150);
    auto bensaid = item(I::Talk, "bensaid-doctegestio",
                        "Transformation digitale, comment nos métiers du médico-social évolueront-ils demain ?",
                        std::nullopt, 153);
    bensaid.speakers = refs({"bensaid"});
    testimony.children = {bensaid};

    auto meal = item(I::Meal, "repas", "", hours("13:00", "14:00"), 160);

    auto session = item(I::Workshop, "atelier-2", "2e atelier : impact du numérique sur le travail",
                        hours("14:00", "15:30"), 164);
    auto deltour = item(I::Talk, "deltour-communaute", "Faire communauté par le numérique ?",
                        hours("14:00", "14:45"), 167);
    deltour.speakers = refs({"deltour"});
    deltour.href = "https://example.org/talks/deltour?lang=fr&x=1";
    session.children = {deltour};

    auto pause = item(I::Break, "2020-01-28-1530-break", "", hours("15:30", "15:45"), 175);
    pause.id_derived = true;
    auto round_table = item(I::RoundTable, "table-ronde",
                            "Table ronde : quelles perspectives à court terme et moyen terme pour la "
                            "digitalisation des structures médico-sociales ?",
                            hours("15:45", "16:45"), 178);
    round_table.guests_to_be_confirmed = true;
    auto closing = item(I::Closing, "mots-de-la-fin", "Mots de la fin", hours("16:45", "17:00"), 184);
    return {welcome, opening, workshop, testimony, meal, session, pause, round_table, closing};
}

}  // namespace

model::Programme french_study_day() {
    model::Programme p;
    p.id = "medico-social-2020";
    p.lang = "fr";
    p.timezone = "Europe/Paris";
    p.title = "Quel impact de la transformation numérique dans le champ du médico-social ?";
    p.subtitle = "Journée rencontre entre chercheurs et acteurs";
    p.venue = {"Mines ParisTech", "60, boulevard Saint-Michel", "75006", "Paris", "France", at(7)};
    p.rooms = {{"colonnes", "Salle des colonnes", at(15)}};
    p.website_url = "https://www.mines-stetienne.fr/panoramines/2019/11/04/quel-impact/";
    const std::vector<std::string> ems = {"Mines Saint-Étienne", "Univ Lyon", "EA 4161 COACTIS"};
    p.people = {
        person("devetter", "François-Xavier", "Devetter"),
        person("dubruc", "Nadine", "Dubruc", "Maître de conférences", ems),
        person("jaujard", "François", "Jaujard", "Chargé de Recherche", ems),
        person("metailler", "Thibault", "Metailler", "Maître de conférences", ems),
        person("nirello", "Laura", "Nirello", "Maître-assistante", {"IMT Lille Douai", "CLERSE"}),
        person("dussuet", "Annie", "Dussuet", "", {"CES", "Université de Nantes"}),
        person("bensaid", "Bernard", "Bensaid", "Fondateur de Doctegestio", {"Groupe Doctegestio"}),
        person("deltour", "François", "Deltour", "", {"LEMNA", "IMTA"}),
    };
    p.contacts = {{"dubruc", "dubruc@emse.fr", at(60)}};
    p.days = {day({2020, 1, 28}, french_items())};
    p.days.front().start = model::ClockTime::parse_hhmm("09:30");
    p.days.front().end = model::ClockTime::parse_hhmm("17:00");
    p.where = at(2);
    return p;
}

model::Programme london_summer_day() {
    using I = ItemKind;
    model::Programme p;
    p.id = "techconf-2021";
    p.lang = "en";
    p.timezone = "Europe/London";
    p.revision = 2;
    p.title = "Open Calendars Workshop 2021";
    p.venue = {"Riverside Conference Centre", "12 Example Wharf", "SE1 9ZZ", "London", "United Kingdom", at(9)};
    p.rooms = {{"A", "Room A – Thames Hall", at(17)}, {"B", "Room B – Lambeth Room", at(18)}};
    p.people = {
        person("okafor", "Adaeze", "Okafor", "Senior Software Engineer", {"Example Calendar Labs"},
               "adaeze.okafor@example.org"),
        person("obrien", "Siobhán", "O’Brien", "Accessibility Consultant"),
        person("garcia", "Lucía", "García Ortega", "PhD student", {"University of Exampleton"}),
    };
    p.contacts = {{"okafor", "adaeze.okafor@example.org", at(40)}};

    auto welcome = item(I::Welcome, "registration", "Registration and coffee", hours("08:45", "09:30"), 110);
    auto keynote = item(I::Talk, "keynote", "Time zones are hard; calendars, harder", hours("09:30", "10:30"), 112);
    keynote.speakers = refs({"okafor"});
    keynote.room = "A";
    keynote.href = "https://example.org/ocw2021/keynote";
    auto session = item(I::Session, "standards", "Standards, formats and parsers", hours("11:00", "12:30"), 118);
    session.room = "B";
    auto a11y = item(I::Talk, "accessible-agendas", "Accessible agendas", std::nullopt, 121);
    a11y.speakers = refs({"obrien"});
    auto rrule = item(I::Talk, "rrule-pitfalls", "RRULE pitfalls", std::nullopt, 125);
    rrule.speakers = refs({"garcia"});
    session.children = {a11y, rrule};
    auto lunch = item(I::Meal, "lunch", "", hours("12:30", "13:30"), 130);
    auto pause = item(I::Break, "tea", "", hours("15:00", "15:30"), 132);
    auto social = item(I::Other, "social", "Evening social", hours("22:00", "23:59"), 134);
    social.time->end.minutes = 24 * 60 + 30;  // 24:30, as schedule.xml allows
    p.days = {day({2021, 6, 14}, {welcome, keynote, session, lunch, pause, social})};
    p.where = at(4);
    return p;
}

model::Programme on_date(model::Programme p, model::Date date) {
    for (auto& d : p.days) d.date = date;
    return p;
}

model::Programme sao_paulo_two_years() {
    model::Programme p;
    p.id = "sao-paulo";
    p.lang = "en";
    p.timezone = "America/Sao_Paulo";
    p.title = "Two summers in São Paulo";
    p.people = {person("silva", "Ana", "Silva", "", {}, "ana@example.org")};
    p.contacts = {{"silva", "ana@example.org", at(20)}};
    auto first = item(ItemKind::Talk, "summer-2018", "With summer time", hours("10:00", "11:00"), 30);
    first.speakers = refs({"silva"});
    auto second = item(ItemKind::Talk, "summer-2019", "Without summer time", hours("10:00", "11:00"), 40);
    second.speakers = refs({"silva"});
    p.days = {day({2018, 12, 1}, {first}), day({2019, 12, 1}, {second})};
    p.where = at(2);
    return p;
}

model::Programme with_all_day_item() {
    model::Programme p = french_study_day();
    auto poster = item(ItemKind::Talk, "posters", "Posters all day", std::nullopt, 200);
    p.days.push_back(day({2020, 1, 29}, {poster}));
    return p;
}

std::int64_t utc(int year, int month, int day, int hour, int minute, int second) {
    return static_cast<std::int64_t>(model::Date{year, month, day}.days_since_epoch()) * 86400 + hour * 3600 +
           minute * 60 + second;
}

std::size_t count_of(std::string_view haystack, std::string_view needle) {
    std::size_t n = 0;
    for (auto pos = haystack.find(needle); pos != std::string_view::npos; pos = haystack.find(needle, pos + 1)) ++n;
    return n;
}

std::string unfolded(std::string_view ics) {
    std::string out;
    for (std::size_t i = 0; i < ics.size(); ++i) {
        if (ics.substr(i, 3) == "\r\n ") {
            i += 2;
            continue;
        }
        out += ics[i];
    }
    return out;
}

std::vector<std::string> content_lines(std::string_view ics) {
    const std::string text = unfolded(ics);
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (auto end = text.find("\r\n"); end != std::string::npos; end = text.find("\r\n", start)) {
        lines.push_back(text.substr(start, end - start));
        start = end + 2;
    }
    if (start < text.size()) lines.push_back(text.substr(start));
    return lines;
}

std::vector<std::string> event_lines(std::string_view ics, std::string_view uid) {
    std::vector<std::string> current;
    bool inside = false;
    for (const auto& line : content_lines(ics)) {
        if (line == "BEGIN:VEVENT") {
            inside = true;
            current.clear();
        } else if (line == "END:VEVENT") {
            inside = false;
            if (value_after(current, "UID:") == uid) return current;
        } else if (inside) {
            current.push_back(line);
        }
    }
    return {};
}

std::string value_after(const std::vector<std::string>& lines, std::string_view prefix) {
    for (const auto& line : lines)
        if (line.rfind(prefix, 0) == 0) return line.substr(prefix.size());
    return "<none>";
}

namespace {

bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (std::size_t k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += n;
    }
    return true;
}

}  // namespace

std::vector<std::string> line_problems(std::string_view ics) {
    std::vector<std::string> problems;
    if (ics.size() < 2 || ics.substr(ics.size() - 2) != "\r\n") problems.push_back("does not end with CRLF");
    std::size_t number = 0;
    std::size_t start = 0;
    while (start < ics.size()) {
        ++number;
        auto end = ics.find("\r\n", start);
        if (end == std::string_view::npos) end = ics.size();
        const std::string_view line = ics.substr(start, end - start);
        const std::string where = "line " + std::to_string(number) + ": ";
        if (line.size() > 75) problems.push_back(where + "longer than 75 octets");
        if (line.empty()) problems.push_back(where + "empty");
        if (!valid_utf8(line)) problems.push_back(where + "not valid UTF-8 on its own");
        if (number == 1 && !line.empty() && line[0] == ' ') problems.push_back(where + "starts with a space");
        for (char c : line) {
            const auto u = static_cast<unsigned char>(c);
            if (u < 0x20 || u == 0x7F) {
                problems.push_back(where + "control character " + std::to_string(u));
                break;
            }
        }
        start = end + 2;
    }
    return problems;
}

}  // namespace booklet::calendar::testing
