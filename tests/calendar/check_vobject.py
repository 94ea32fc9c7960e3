#!/usr/bin/python3
"""check_vobject.py FILE... -- reads iCalendar files with python3-vobject
(Debian's, so run it with /usr/bin/python3) and fails on any problem:

  * vobject.readOne(text, validate=True) and readComponents(validate=True)
    must accept the file, and it must hold exactly one VCALENDAR;
  * every VEVENT needs UID, DTSTAMP and DTSTART;
  * a TZID must name a VTIMEZONE of the same file: vobject would otherwise
    quietly fall back to pytz/the system zones. Each time is converted with
    vobject's own tzinfo and again with the tzinfo built from the file's
    VTIMEZONE (dateutil's tzical), and the two must agree;
  * no floating times; DTEND after DTSTART.

Prints "FILE <path> VEVENTS <n>" then, per VEVENT,
"EVENT <path> <uid> <start> <offset>" (UTC start such as
2020-01-28T08:30:00Z and offset such as +01:00, or "<date> date" for an
all-day event). Exit status 0 when every file is fine, 1 otherwise.
"""
import datetime
import sys

try:
    import vobject
except ImportError:  # pragma: no cover - depends on the machine
    sys.stderr.write("check_vobject: python3-vobject is missing: run ./setup "
                     "(and use /usr/bin/python3, not another python3)\n")
    sys.exit(2)

UTC = datetime.timezone.utc


def offset_text(delta):
    seconds = int(delta.total_seconds())
    sign = "-" if seconds < 0 else "+"
    seconds = abs(seconds)
    return "%s%02d:%02d" % (sign, seconds // 3600, seconds // 60 % 60)


def original_tzid(prop):
    # vobject moves TZID to X-VOBJ-ORIGINAL-TZID when it converts the value.
    for key in ("TZID", "X-VOBJ-ORIGINAL-TZID"):
        values = prop.params.get(key)
        if values:
            return values[0]
    return None


def resolve(prop, name, zones, uid, problems):
    """(is_date, utc datetime or date, offset) or None after a problem."""
    value = prop.value
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            problems.append("%s: %s is a floating time" % (uid, name))
            return None
        tzid = original_tzid(prop)
        if tzid is not None:
            if tzid not in zones:
                problems.append("%s: %s TZID=%s has no VTIMEZONE in the file" % (uid, name, tzid))
                return None
            own = value.replace(tzinfo=None).replace(tzinfo=zones[tzid])
            if own.astimezone(UTC) != value.astimezone(UTC):
                problems.append("%s: %s is %s with vobject's zone but %s with the file's VTIMEZONE"
                                % (uid, name, value.astimezone(UTC), own.astimezone(UTC)))
                return None
        return (False, value.astimezone(UTC), value.utcoffset())
    if isinstance(value, datetime.date):
        return (True, value, None)
    problems.append("%s: %s is neither a date nor a date-time" % (uid, name))
    return None


def check_event(path, event, zones, problems):
    uid = event.uid.value if hasattr(event, "uid") else "(no UID)"
    for required in ("uid", "dtstamp", "dtstart"):
        if not hasattr(event, required):
            problems.append("%s: no %s" % (uid, required.upper()))
    if not hasattr(event, "dtstart"):
        return None
    start = resolve(event.dtstart, "DTSTART", zones, uid, problems)
    if start is None:
        return None
    if hasattr(event, "dtend"):
        end = resolve(event.dtend, "DTEND", zones, uid, problems)
        if end is not None and (end[0] != start[0] or end[1] <= start[1]):
            problems.append("%s: DTEND is not after DTSTART" % uid)
    if start[0]:
        return "EVENT %s %s %s date" % (path, uid, start[1].isoformat())
    return "EVENT %s %s %s %s" % (path, uid, start[1].strftime("%Y-%m-%dT%H:%M:%SZ"), offset_text(start[2]))


def check_file(path):
    problems, events, count = [], [], 0
    try:
        with open(path, encoding="utf-8", newline="") as f:
            text = f.read()
        components = list(vobject.readComponents(text, validate=True))
        calendar = vobject.readOne(text, validate=True)
    except Exception as e:  # vobject raises many kinds of errors
        return 0, [], ["vobject cannot read it: %s: %s" % (type(e).__name__, e)]
    if len(components) != 1 or calendar.name != "VCALENDAR":
        problems.append("expected one VCALENDAR, found %s" % [c.name for c in components])
        return 0, [], problems
    zones = {}
    for vtz in calendar.contents.get("vtimezone", []):
        zones[vtz.tzid.value] = vtz.gettzinfo()
    for event in calendar.contents.get("vevent", []):
        count += 1
        line = check_event(path, event, zones, problems)
        if line:
            events.append(line)
    return count, events, problems


def main(paths):
    if not paths:
        sys.stderr.write("usage: check_vobject.py FILE.ics...\n")
        return 2
    ok = True
    for path in paths:
        count, events, problems = check_file(path)
        print("FILE %s VEVENTS %d" % (path, count))
        for line in events:
            print(line)
        for p in problems:
            sys.stderr.write("%s: vobject: %s\n" % (path, p))
        ok = ok and not problems
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
