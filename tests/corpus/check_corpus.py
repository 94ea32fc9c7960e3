#!/usr/bin/python3
"""check_corpus.py SOURCE OUTDIR STEM [--timezone ZONE]

Checks a `booklet build` of a real schedule export (schedule.xml or
schedule.json) against the export itself, read here independently of
booklet with Python's own XML and JSON parsers:

  * the programme calendar OUTDIR/STEM.ics has one VEVENT per event;
  * every event title and every speaker's name, as the file writes them,
    is in the text of the booklet (pdftotext), white space and hyphens
    folded (lines wrap and hyphenate);
  * 20 events sampled across the file start at the right UTC instant in
    the calendar (the file's own offset where it gives one, else ZONE).

Prints what it checked and exits 1 with the first few differences.
Run it with /usr/bin/python3 (python3-vobject is Debian's).
"""
import argparse
import datetime
import json
import re
import subprocess
import sys
import unicodedata
import xml.etree.ElementTree as ET
import zoneinfo

try:
    import vobject
except ImportError:
    sys.exit("check_corpus: python3-vobject is missing: run ./setup (and use /usr/bin/python3)")


def text_of(e):
    return "".join(e.itertext()).strip() if e is not None else ""


def person_name(p):
    """The name a person element or object carries, in any flavour."""
    if isinstance(p, dict):
        for k in ("public_name", "name", "full_public_name"):
            if p.get(k):
                return str(p[k]).strip()
        return ""
    for k in ("public_name", "name", "full_public_name"):
        c = p.find(k)
        if c is not None and text_of(c):
            return text_of(c)
    return (p.text or "").strip()


def hm(s):
    parts = s.strip().split(":")
    return int(parts[0]) * 60 + int(parts[1])


def events_from_xml(path):
    root = ET.parse(path).getroot()
    conf = root.find("conference")
    zone = text_of(conf.find("time_zone_name")) if conf is not None else ""
    dc = conf.find("day_change") if conf is not None else None
    day_change = hm(text_of(dc)) if dc is not None and text_of(dc) else 0
    out = []
    for day in root.iter("day"):
        for ev in day.iter("event"):
            persons = [person_name(p) for p in ev.iter("person")]
            date = text_of(ev.find("date"))
            out.append({
                "id": ev.get("id"),
                "title": text_of(ev.find("title")),
                "persons": [n for n in persons if n],
                "date": date,
                "day": day.get("date"),
                "start": text_of(ev.find("start")),
                "day_change": day_change,
            })
    return out, zone


def events_from_json(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    conf = doc["schedule"]["conference"]
    zone = conf.get("time_zone_name") or ""
    out = []
    for day in conf.get("days", []):
        for room, evs in (day.get("rooms") or {}).items():
            for ev in evs:
                out.append({
                    "id": str(ev.get("id")),
                    "title": (ev.get("title") or "").strip(),
                    "persons": [n for n in (person_name(p) for p in ev.get("persons") or []) if n],
                    "date": ev.get("date") or "",
                    "day": day.get("date"),
                    "start": ev.get("start") or "",
                    "day_change": 0,
                })
    return out, zone


def start_instant(ev, zone):
    """The event's start in UTC, from its own ISO date with offset when
    given, else its day's date and start time in `zone`."""
    if ev["date"] and re.search(r"[+-]\d\d:?\d\d$|Z$", ev["date"]):
        return datetime.datetime.fromisoformat(ev["date"].replace("Z", "+00:00")).astimezone(datetime.timezone.utc)
    d = datetime.date.fromisoformat(ev["day"])
    minutes = hm(ev["start"])
    if minutes < ev["day_change"]:  # listed under the day, after midnight
        d += datetime.timedelta(days=1)
    local = datetime.datetime(d.year, d.month, d.day, minutes // 60, minutes % 60, tzinfo=zoneinfo.ZoneInfo(zone))
    return local.astimezone(datetime.timezone.utc)


def drawable(s):
    """What of `s` a booklet can print as text: no characters beyond the BMP
    (libharu 2.3.0 cannot encode them; booklet draws a box and warns), no
    invisible format characters (the reader removes them, with a warning)."""
    return "".join(c for c in s if ord(c) <= 0xFFFF and unicodedata.category(c) not in ("Cf", "Cc")
                   and not 0xFE00 <= ord(c) <= 0xFE0F)


FOLD = re.compile(r"[\s\-\u00AD\u2010\u2011\u2012\u2013\u2014\u2212]+")


def fold(s):
    s = unicodedata.normalize("NFKC", drawable(s))
    return FOLD.sub("", s)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("source")
    ap.add_argument("outdir")
    ap.add_argument("stem")
    ap.add_argument("--timezone", default="")
    a = ap.parse_args()

    with open(a.source, "rb") as f:
        head = f.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    events, zone = (events_from_json if head.startswith(b"{") else events_from_xml)(a.source)
    zone = a.timezone or zone
    problems = []

    # 1. One VEVENT per event.
    with open(f"{a.outdir}/{a.stem}.ics", encoding="utf-8") as f:
        cal = vobject.readOne(f.read())
    vevents = list(getattr(cal, "vevent_list", []))
    if len(vevents) != len(events):
        problems.append(f"{len(vevents)} VEVENTs in {a.stem}.ics for {len(events)} events in {a.source}")

    # 2. Every title and every speaker's name is in the booklet.
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", f"{a.outdir}/{a.stem}.pdf", "-"],
                          check=True, capture_output=True).stdout.decode("utf-8")
    folded = fold(text)
    missing_titles = [e["title"] for e in events if fold(e["title"]) and fold(e["title"]) not in folded]
    names = sorted({n for e in events for n in e["persons"]})
    missing_names = [n for n in names if fold(n) and fold(n) not in folded]
    for t in missing_titles[:5]:
        problems.append(f"title not in the booklet: {t!r}")
    for n in missing_names[:5]:
        problems.append(f"speaker not in the booklet: {n!r}")
    if len(missing_titles) > 5 or len(missing_names) > 5:
        problems.append(f"({len(missing_titles)} titles and {len(missing_names)} names missing in all)")

    # 3. Sampled events at the right UTC instant.
    by_summary = {}
    for v in vevents:
        start = v.dtstart.value
        if isinstance(start, datetime.datetime):
            if start.tzinfo is None:
                problems.append(f"floating DTSTART in {a.stem}.ics: {v.summary.value!r}")
                continue
            by_summary.setdefault(v.summary.value.strip(), set()).add(start.astimezone(datetime.timezone.utc))
    step = max(1, len(events) // 20)
    sampled = events[::step][:20]
    for e in sampled:
        want = start_instant(e, zone)
        got = by_summary.get(e["title"].strip())
        if got is None:
            problems.append(f"no VEVENT with SUMMARY {e['title']!r} (event {e['id']})")
        elif want not in got:
            problems.append(f"event {e['id']} {e['title']!r}: starts at {sorted(got)[0].isoformat()} in the "
                            f"calendar, {want.isoformat()} in the file")

    print(f"{a.source}: {len(events)} events, {len(vevents)} VEVENTs, {len(names)} speakers, "
          f"{len(sampled)} start times sampled")
    if problems:
        for p in problems:
            print("check_corpus: " + p, file=sys.stderr)
        sys.exit(1)
    print("check_corpus: ok")


if __name__ == "__main__":
    main()
