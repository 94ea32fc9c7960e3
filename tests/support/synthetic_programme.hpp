#pragma once
// A synthetic programme of any size, shaped like a real conference: five
// rooms, sessions of four talks, six session slots a day, a 170-word French
// abstract per talk, two speakers per talk. The benchmark measures builds
// of it; the kill test needs a build that runs long enough to be killed.
// Header-only, like run_command.hpp.
#include <algorithm>
#include <chrono>
#include <sstream>
#include <string>

namespace booklet::test {

inline const char* const kSyntheticAbstract =
    "Cette communication s’appuie sur une enquête qualitative menée auprès de professionnels du secteur "
    "médico-social. Nous montrerons comment l’introduction d’outils numériques transforme l’organisation du "
    "travail, la coordination entre équipes et la relation avec les personnes accompagnées. Les résultats "
    "soulignent l’importance de la formation, de l’accompagnement au changement et de la participation des "
    "salariés à la conception des dispositifs. Nous discuterons enfin des conditions auxquelles ces outils "
    "peuvent soutenir la qualité du service rendu sans renforcer le contrôle du temps et du contenu du "
    "travail, et des pistes pour une régulation concertée entre directions, représentants du personnel et "
    "usagers, à partir de trois études de cas contrastées dans des établissements d’hébergement.";

inline std::string two_digits(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

// The programme XML of `talks` talks.
inline std::string synthetic_programme(int talks) {
    std::ostringstream x;
    x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<programme id=\"bench\" lang=\"fr\" timezone=\"Europe/Paris\">\n"
         "<title>Congrès synthétique de "
      << talks
      << " communications</title>\n<subtitle>Banc d’essai</subtitle>\n"
         "<venue><name>Palais des congrès</name><street>1, place de la République</street>"
         "<postcode>75003</postcode><city>Paris</city></venue>\n<rooms>";
    const int rooms = 5;
    for (int r = 0; r < rooms; ++r) x << "<room id=\"r" << r << "\">Salle " << r + 1 << "</room>";
    x << "</rooms>\n<people>\n";
    const int people = std::max(1, talks * 3 / 4);
    for (int p = 0; p < people; ++p)
        x << "<person id=\"p" << p << "\"><given>Prénom" << p << "</given><family>Nom" << p
          << "</family><role>Maître de conférences</role><affiliation>Université " << p % 40
          << "</affiliation></person>\n";
    x << "</people>\n<contacts><contact ref=\"p0\" email=\"contact@example.org\"/></contacts>\n";
    int t = 0, day = 0;
    const int slots[6] = {9 * 60, 10 * 60 + 45, 13 * 60 + 30, 15 * 60 + 15, 17 * 60, 18 * 60 + 45};
    while (t < talks) {
        using namespace std::chrono;
        const year_month_day date{sys_days{2021y / March / 1} + days{day}};
        x << "<day date=\"" << int(date.year()) << "-" << two_digits(unsigned(date.month())) << "-" << two_digits(unsigned(date.day()))
          << "\">\n";
        for (int s = 0; s < 6 && t < talks; ++s) {
            for (int r = 0; r < rooms && t < talks; ++r) {
                const int start = slots[s];
                x << "<session id=\"d" << day << "s" << s << "r" << r << "\" start=\"" << two_digits(start / 60) << ":"
                  << two_digits(start % 60) << "\" end=\"" << two_digits((start + 90) / 60) << ":" << two_digits((start + 90) % 60)
                  << "\" room=\"r" << r << "\"><title>Session " << day + 1 << "." << s + 1 << " – salle " << r + 1
                  << "</title>\n";
                for (int k = 0; k < 4 && t < talks; ++k, ++t)
                    x << "<talk id=\"t" << t << "\"><title>Communication " << t
                      << " : transformations numériques et organisation du travail dans les établissements</title>"
                      << "<speaker ref=\"p" << t % people << "\"/><speaker ref=\"p" << (t * 7 + 1) % people
                      << "\"/><abstract><p>" << kSyntheticAbstract << "</p></abstract>"
                      << "<keywords><keyword>numérique</keyword><keyword>travail</keyword></keywords></talk>\n";
                x << "</session>\n";
            }
        }
        x << "</day>\n";
        ++day;
    }
    x << "</programme>\n";
    return x.str();
}

}  // namespace booklet::test
