#!/usr/bin/python3
"""Writes a large synthetic pretalx-style schedule.xml on standard output.

Deterministic for given parameters (a seeded generator, no clock, no
environment), so tests and benchmarks read the same bytes every time:

    make_synthetic.py [--days 4] [--rooms 90] [--events 1350] [--seed 1] > schedule.xml

Each room holds its events back to back without overlaps; one room in
fifteen runs late, past midnight (pretalx's 04:00 day change). Abstracts
are escaped HTML, descriptions Markdown; a person may speak several times,
and a few different persons share a name, as in real exports.
Prints nothing but the file.
"""
import argparse
import datetime
import random
import sys
import uuid
from xml.sax.saxutils import escape, quoteattr

WORDS = ("open source community security privacy network protocol kernel compiler hardware design "
         "education science data archive freedom software crypto energy climate city mobility health "
         "music art video radio satellite garden repair food culture history future research policy "
         "language translation accessibility infrastructure federation mesh analysis graph").split()
FIRST = ("Ada Alan Grace Linus Margaret Dennis Barbara Ken Radia Frances Tim Hedy Katherine John Sophie "
         "Jean Marie Amélie Jürgen Zoë Łukasz Chloé Noé Ana Björn Inès").split()
LAST = ("Lovelace Turing Hopper Torvalds Hamilton Ritchie Liskov Thompson Perlman Allen Berners-Lee Lamarr "
        "Johnson McCarthy Wilson Dupont Durand Müller Nguyen Kowalski Moreau da Silva van Dijk").split()
TYPES = ("Talk", "Talk", "Talk", "Workshop", "Lightning Talk", "Lecture")
LANGS = ("en", "en", "en", "de", "fr")


def uid(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def sentence(rng, n):
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def abstract(rng):
    parts = []
    for _ in range(rng.randint(1, 3)):
        s = sentence(rng, rng.randint(12, 30))
        w = rng.choice(WORDS)
        s = s.replace(" " + w + " ", " <em>%s</em> " % w, 1)
        parts.append("<p>%s</p>" % s)
    if rng.random() < 0.3:
        parts.append('<p>More at <a href="https://example.org/%s">%s</a> &amp; elsewhere.</p>'
                     % (rng.choice(WORDS), rng.choice(WORDS)))
    if rng.random() < 0.3:
        parts.append("<ul>%s</ul>" % "".join("<li>%s</li>" % sentence(rng, 5) for _ in range(3)))
    return "".join(parts)


def description(rng):
    lines = [sentence(rng, rng.randint(20, 40)), ""]
    if rng.random() < 0.5:
        lines += ["- **%s** %s" % (rng.choice(WORDS), sentence(rng, 6)) for _ in range(rng.randint(2, 4))]
        lines.append("")
    lines.append("See [the %s notes](https://example.org/notes/%d) and *%s*." %
                 (rng.choice(WORDS), rng.randint(1, 999), rng.choice(WORDS)))
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--days", type=int, default=4)
    ap.add_argument("--rooms", type=int, default=90)
    ap.add_argument("--events", type=int, default=1350)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if args.days < 1 or args.rooms < 1 or args.events < 0:
        ap.error("days and rooms must be at least 1, events at least 0")
    rng = random.Random(args.seed)

    first_day = datetime.date(2024, 12, 27)
    tz = datetime.timezone(datetime.timedelta(hours=1))
    rooms = [("Hall %d" % (i + 1) if i < 5 else "Room %s.%02d" % ("ABCDEFGH"[i % 8], i), uid(rng))
             for i in range(args.rooms)]
    tracks = ["%s & %s" % (rng.choice(WORDS).capitalize(), rng.choice(WORDS)) for _ in range(12)]
    n_people = max(1, args.events * 4 // 5)
    people, seen = [], set()
    for i in range(n_people):
        if i % 250 == 249:
            name = people[i // 2][2]  # now and then, two persons share a name
        else:
            name = "%s %s" % (rng.choice(FIRST), rng.choice(LAST))
            k = 1
            while name in seen:  # unique otherwise: "Ada B. Lovelace"
                name = "%s %s. %s" % (rng.choice(FIRST), "ABCDEFGHJKLMNPRSTVW"[(k + i) % 19], rng.choice(LAST))
                k += 1
        seen.add(name)
        people.append((1000 + i, uid(rng), name))

    # Events per (day, room), spread evenly.
    slots = args.days * args.rooms
    per_slot = [args.events // slots + (1 if k < args.events % slots else 0) for k in range(slots)]

    out = []
    w = out.append
    w("<?xml version='1.0' encoding='utf-8' ?>\n")
    w("<!-- Synthetic schedule for booklet's tests: days=%d rooms=%d events=%d seed=%d -->\n"
      % (args.days, args.rooms, args.events, args.seed))
    w("<schedule>\n  <generator name=\"make_synthetic.py\" version=\"1\" />\n  <version>1.0</version>\n")
    w("  <conference>\n    <acronym>synthcon</acronym>\n    <title>Synthetic Congress</title>\n")
    w("    <start>%s</start>\n    <end>%s</end>\n    <days>%d</days>\n" %
      (first_day.isoformat(), (first_day + datetime.timedelta(days=args.days - 1)).isoformat(), args.days))
    w("    <timeslot_duration>00:05</timeslot_duration>\n    <time_zone_name>Europe/Berlin</time_zone_name>\n")
    for t in tracks:
        w("    <track name=%s color=\"#336699\" />\n" % quoteattr(t))
    w("  </conference>\n")

    event_id = 10000
    slot = 0
    for d in range(args.days):
        date = first_day + datetime.timedelta(days=d)
        start = datetime.datetime(date.year, date.month, date.day, 4, 0, tzinfo=tz)
        end = start + datetime.timedelta(days=1, minutes=-1)
        w("  <day index='%d' date='%s' start='%s' end='%s'>\n" % (d + 1, date.isoformat(), start.isoformat(), end.isoformat()))
        for r, (room, room_guid) in enumerate(rooms):
            count = per_slot[slot]
            slot += 1
            if count == 0:
                continue
            w("    <room name=%s guid='%s'>\n" % (quoteattr(room), room_guid))
            late = r % 15 == 14
            t = datetime.datetime(date.year, date.month, date.day, 20 if late else 9, 0, tzinfo=tz)
            for _ in range(count):
                t += datetime.timedelta(minutes=rng.choice((0, 0, 15, 30)))
                minutes = rng.choice((30, 45, 60, 90))
                event_id += 1
                title = sentence(rng, rng.randint(3, 8))[:-1]
                speakers = rng.sample(people, rng.choice((1, 1, 1, 2, 3)))
                w("      <event guid='%s' id='%d'>\n" % (uid(rng), event_id))
                w("        <date>%s</date>\n        <start>%s</start>\n" % (t.isoformat(), t.strftime("%H:%M")))
                w("        <duration>%02d:%02d</duration>\n" % (minutes // 60, minutes % 60))
                w("        <room>%s</room>\n" % escape(room))
                w("        <slug>synthcon-%d-%s</slug>\n" % (event_id, "-".join(title.lower().split()[:4])))
                w("        <url>https://pretalx.example.org/synthcon/talk/%d/</url>\n" % event_id)
                w("        <recording>\n          <license></license>\n          <optout>false</optout>\n        </recording>\n")
                w("        <title>%s</title>\n        <subtitle></subtitle>\n" % escape(title))
                w("        <track>%s</track>\n" % escape(rng.choice(tracks)))
                w("        <type>%s</type>\n" % rng.choice(TYPES))
                w("        <language>%s</language>\n" % rng.choice(LANGS))
                w("        <abstract>%s</abstract>\n" % escape(abstract(rng)))
                w("        <description>%s</description>\n" % escape(description(rng)))
                w("        <logo></logo>\n        <persons>\n")
                for pid, pguid, name in speakers:
                    w("          <person id='%d' guid='%s'>%s</person>\n" % (pid, pguid, escape(name)))
                w("        </persons>\n        <links></links>\n        <attachments></attachments>\n      </event>\n")
                t += datetime.timedelta(minutes=minutes)
            w("    </room>\n")
        w("  </day>\n")
    w("</schedule>\n")
    sys.stdout.write("".join(out))


if __name__ == "__main__":
    main()
