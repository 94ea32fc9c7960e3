#pragma once
// Helpers shared by the typesetting-core tests: paths to the bundled fonts,
// and a builder of tiny TrueType files for parser tests.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace booklet::layout::test {

inline std::string fonts_dir() { return std::string(BOOKLET_SOURCE_DIR) + "/fonts"; }
inline std::string font_path(const std::string& file) { return fonts_dir() + "/" + file; }

inline const std::vector<std::string>& bundled_font_files() {
    static const std::vector<std::string> files = {
        "Vollkorn-Regular.ttf", "Vollkorn-Italic.ttf",    "Vollkorn-Bold.ttf",
        "Vollkorn-BoldItalic.ttf", "OpenSans-Regular.ttf", "OpenSans-Italic.ttf",
        "OpenSans-Bold.ttf",    "OpenSans-BoldItalic.ttf", "OpenSans-Semibold.ttf",
    };
    return files;
}

// A minimal TrueType font: every glyph empty unless given a yMax.
struct TinyFont {
    std::uint16_t upem = 1000;
    std::int16_t ascender = 800, descender = -200;
    std::vector<std::uint16_t> advances{500, 600, 700, 800};  // per glyph; glyph 0 is .notdef
    std::vector<std::int16_t> ymax;                            // per glyph, 0 = empty glyph
    std::vector<std::pair<char32_t, std::uint16_t>> map;       // code point → glyph, ascending
    bool format4 = true;
    bool format12 = false;
    bool os2 = false;
    std::int16_t os2_cap = 0, os2_x = 0;
    std::string magic = std::string("\x00\x01\x00\x00", 4);

    static void u16(std::string& s, unsigned v) {
        s.push_back(static_cast<char>((v >> 8) & 0xFF));
        s.push_back(static_cast<char>(v & 0xFF));
    }
    static void u32(std::string& s, std::uint32_t v) {
        u16(s, v >> 16);
        u16(s, v & 0xFFFF);
    }

    std::string build() const {
        const auto n = static_cast<std::uint16_t>(advances.size());
        std::vector<std::pair<std::string, std::string>> tables;

        std::string head;
        u32(head, 0x00010000);
        u32(head, 0x00010000);
        u32(head, 0);
        u32(head, 0x5F0F3CF5);
        u16(head, 0);
        u16(head, upem);
        head.append(16, '\0');  // created, modified
        head.append(8, '\0');   // bbox
        u16(head, 0);
        u16(head, 8);
        u16(head, 2);
        u16(head, 0);  // indexToLocFormat: short
        u16(head, 0);
        tables.push_back({"head", head});

        std::string hhea;
        u32(hhea, 0x00010000);
        u16(hhea, static_cast<std::uint16_t>(ascender));
        u16(hhea, static_cast<std::uint16_t>(descender));
        u16(hhea, 0);
        hhea.append(24, '\0');
        u16(hhea, n);
        tables.push_back({"hhea", hhea});

        std::string maxp;
        u32(maxp, 0x00005000);
        u16(maxp, n);
        tables.push_back({"maxp", maxp});

        std::string hmtx;
        for (auto a : advances) {
            u16(hmtx, a);
            u16(hmtx, 0);
        }
        tables.push_back({"hmtx", hmtx});

        std::string glyf, loca;
        for (std::uint16_t g = 0; g < n; ++g) {
            u16(loca, static_cast<unsigned>(glyf.size() / 2));
            if (g < ymax.size() && ymax[g] != 0) {
                u16(glyf, 1);  // one contour (never read)
                u16(glyf, 0);
                u16(glyf, 0);
                u16(glyf, 100);
                u16(glyf, static_cast<std::uint16_t>(ymax[g]));
                u16(glyf, 0);
            }
        }
        u16(loca, static_cast<unsigned>(glyf.size() / 2));
        tables.push_back({"glyf", glyf});
        tables.push_back({"loca", loca});

        std::string cmap;
        std::vector<std::string> subtables;
        std::vector<std::pair<unsigned, unsigned>> ids;
        if (format4) {
            std::vector<std::pair<char32_t, std::uint16_t>> bmp;
            for (auto& m : map)
                if (m.first < 0xFFFF) bmp.push_back(m);
            const unsigned segs = static_cast<unsigned>(bmp.size()) + 1;
            std::string st;
            u16(st, 4);
            u16(st, 0);  // length, patched below
            u16(st, 0);
            u16(st, segs * 2);
            u16(st, 0);
            u16(st, 0);
            u16(st, 0);
            for (auto& m : bmp) u16(st, m.first);
            u16(st, 0xFFFF);
            u16(st, 0);
            for (auto& m : bmp) u16(st, m.first);
            u16(st, 0xFFFF);
            for (auto& m : bmp) u16(st, (m.second - m.first) & 0xFFFF);
            u16(st, 1);
            for (std::size_t k = 0; k < segs; ++k) u16(st, 0);
            st[2] = static_cast<char>(st.size() >> 8);
            st[3] = static_cast<char>(st.size() & 0xFF);
            subtables.push_back(st);
            ids.push_back({3, 1});
        }
        if (format12) {
            std::string st;
            u16(st, 12);
            u16(st, 0);
            u32(st, static_cast<std::uint32_t>(16 + 12 * map.size()));
            u32(st, 0);
            u32(st, static_cast<std::uint32_t>(map.size()));
            for (auto& m : map) {
                u32(st, m.first);
                u32(st, m.first);
                u32(st, m.second);
            }
            subtables.push_back(st);
            ids.push_back({3, 10});
        }
        u16(cmap, 0);
        u16(cmap, static_cast<unsigned>(subtables.size()));
        std::uint32_t off = 4 + 8 * static_cast<std::uint32_t>(subtables.size());
        for (std::size_t k = 0; k < subtables.size(); ++k) {
            u16(cmap, ids[k].first);
            u16(cmap, ids[k].second);
            u32(cmap, off);
            off += static_cast<std::uint32_t>(subtables[k].size());
        }
        for (auto& st : subtables) cmap += st;
        tables.push_back({"cmap", cmap});

        if (os2) {
            std::string t;
            u16(t, 2);
            t.append(84, '\0');
            u16(t, static_cast<std::uint16_t>(os2_x));
            u16(t, static_cast<std::uint16_t>(os2_cap));
            t.append(6, '\0');
            tables.push_back({"OS/2", t});
        }

        std::string out = magic;
        u16(out, static_cast<unsigned>(tables.size()));
        u16(out, 0);
        u16(out, 0);
        u16(out, 0);
        std::uint32_t data_off = 12 + 16 * static_cast<std::uint32_t>(tables.size());
        std::string data;
        for (auto& [tag, body] : tables) {
            out += tag;
            u32(out, 0);
            u32(out, data_off + static_cast<std::uint32_t>(data.size()));
            u32(out, static_cast<std::uint32_t>(body.size()));
            data += body;
            while (data.size() % 4) data.push_back('\0');
        }
        return out + data;
    }
};

}  // namespace booklet::layout::test

namespace booklet::layout::test {

// Realistic French programme prose (written for these tests).
inline const char* french_paragraph() {
    return "L’informatisation des établissements médico-sociaux transforme en profondeur l’organisation "
           "du travail des équipes soignantes. Cette journée d’étude réunit des chercheuses et des chercheurs "
           "en sociologie, en économie et en sciences de l’information, ainsi que des professionnels du secteur, "
           "pour interroger les effets concrets de la numérisation sur les pratiques quotidiennes : traçabilité "
           "des actes, standardisation des transmissions, reconfiguration des responsabilités et des "
           "compétences. Les communications s’appuient sur des enquêtes ethnographiques menées dans des "
           "établissements d’hébergement pour personnes âgées dépendantes, dans des services d’aide à domicile "
           "et dans des instituts médico-éducatifs. Elles montrent que les outils numériques, souvent présentés "
           "comme des instruments de simplification administrative, produisent aussi de nouvelles formes de "
           "contrôle et de nouvelles inégalités entre les métiers. Quelles marges de manœuvre les "
           "professionnelles conservent-elles ? Comment les directions arbitrent-elles entre les exigences "
           "réglementaires et les contraintes budgétaires ? La table ronde de clôture, animée par les "
           "organisatrices, ouvrira la discussion avec les représentants des fédérations d’employeurs et des "
           "organisations syndicales.";
}

inline const char* english_paragraph() {
    return "Typesetting a paragraph well is a matter of choosing where its lines end. A word processor fills "
           "each line in turn and accepts whatever spacing the last line break leaves behind, so loose lines "
           "and rivers of white appear whenever a long word refuses to fit. The total-fit algorithm considers "
           "every feasible sequence of breakpoints at once, weighing the stretching of spaces, hyphenation and "
           "the contrast between neighbouring lines, and chooses the sequence with the fewest demerits.";
}

}  // namespace booklet::layout::test
