#!/usr/bin/python3
"""Reads e-mail messages back with Python's email package (policy.default,
the strict modern parser) and prints what booklet's mail tests check.

    check_mime.py [--extract DIR] FILE.eml...

For each file, one "KEY value" line per fact, between "FILE path" and
"END":
  CRLF ok | bad (a bare CR or LF)      MAXLINE n (longest line, octets)
  NONASCII n (bytes >= 0x80 anywhere)  DEFECTS n (parser defects)
  FROM name|addr    TO name|addr    SUBJECT decoded    MESSAGE-ID id
  DATE value        MIME-VERSION value
  STRUCTURE multipart/alternative(text/plain,text/calendar)
  TEXT-CTE / CALENDAR-CTE   the parts' Content-Transfer-Encoding
  CALENDAR-TYPE     the calendar part's Content-Type, as written (unfolded)
  CALENDAR-METHOD / CALENDAR-CHARSET   its parameters
  ATTACHMENT type|filename   (one per attachment)
  ATTACHMENT-SIZE n          (decoded size, same order)
  TEXT line         (each line of the decoded text/plain part)
  ICS-METHOD, ICS-UID, ICS-SEQUENCE, ICS-STATUS, ICS-ORGANIZER,
  ICS-ATTENDEE-CN, ICS-ATTENDEE   from the unfolded calendar
With --extract DIR the calendar part is written to DIR/<file name>.ics.
"""

import argparse
import email
import email.policy
import os
import sys


def structure(part):
    if part.is_multipart():
        return "%s(%s)" % (part.get_content_type(), ",".join(structure(p) for p in part.iter_parts()))
    return part.get_content_type()


def leaves(part):
    if part.is_multipart():
        for p in part.iter_parts():
            yield from leaves(p)
    else:
        yield part


def unfold(ics):
    return ics.replace("\r\n ", "").replace("\r\n\t", "")


def split_property(line):
    """NAME;PARAMS:VALUE -> (name, {param: value}, value); quotes respected."""
    in_quotes = False
    for i, c in enumerate(line):
        if c == '"':
            in_quotes = not in_quotes
        elif c == ":" and not in_quotes:
            head, value = line[:i], line[i + 1:]
            break
    else:
        return line, {}, ""
    pieces, cur, in_quotes = [], "", False
    for c in head:
        if c == '"':
            in_quotes = not in_quotes
        if c == ";" and not in_quotes:
            pieces.append(cur)
            cur = ""
        else:
            cur += c
    pieces.append(cur)
    params = {}
    for p in pieces[1:]:
        k, _, v = p.partition("=")
        if len(v) >= 2 and v[0] == '"' and v[-1] == '"':
            v = v[1:-1]
        params[k.upper()] = v
    return pieces[0].upper(), params, value


def report(path, extract):
    raw = open(path, "rb").read()
    out = ["FILE " + path]
    bad = False
    for i, b in enumerate(raw):
        if b == 0x0A and (i == 0 or raw[i - 1] != 0x0D):
            bad = True
        if b == 0x0D and (i + 1 >= len(raw) or raw[i + 1] != 0x0A):
            bad = True
    out.append("CRLF " + ("bad" if bad else "ok"))
    out.append("MAXLINE %d" % max(len(l) for l in raw.split(b"\r\n")))
    out.append("NONASCII %d" % sum(1 for b in raw if b >= 0x80))

    msg = email.message_from_bytes(raw, policy=email.policy.default)
    defects = list(msg.defects)
    for part in msg.walk():
        defects += part.defects
    out.append("DEFECTS %d" % len(defects))
    for key in ("From", "To"):
        header = msg[key]
        if header is None or len(header.addresses) != 1:
            out.append("%s <missing>" % key.upper())
            continue
        a = header.addresses[0]
        out.append("%s %s|%s" % (key.upper(), a.display_name, a.addr_spec))
    out.append("SUBJECT %s" % msg["Subject"])
    out.append("MESSAGE-ID %s" % msg["Message-ID"])
    out.append("DATE %s" % msg["Date"])
    out.append("MIME-VERSION %s" % msg["MIME-Version"])
    out.append("STRUCTURE " + structure(msg))

    for part in leaves(msg):
        ctype = part.get_content_type()
        disposition = part.get_content_disposition()
        if disposition == "attachment":
            data = part.get_payload(decode=True) or b""
            out.append("ATTACHMENT %s|%s" % (ctype, part.get_filename()))
            out.append("ATTACHMENT-SIZE %d" % len(data))
        elif ctype == "text/plain":
            out.append("TEXT-CTE " + str(part["Content-Transfer-Encoding"]))
            for line in part.get_content().splitlines():
                out.append("TEXT " + line)
        elif ctype == "text/calendar":
            out.append("CALENDAR-CTE " + str(part["Content-Transfer-Encoding"]))
            out.append("CALENDAR-TYPE " + " ".join(str(part["Content-Type"]).split()))
            out.append("CALENDAR-METHOD " + str(part.get_param("method")))
            out.append("CALENDAR-CHARSET " + str(part.get_param("charset")))
            data = part.get_payload(decode=True)
            if extract:
                with open(os.path.join(extract, os.path.basename(path) + ".ics"), "wb") as f:
                    f.write(data)
            for line in unfold(data.decode("utf-8")).split("\r\n"):
                name, params, value = split_property(line)
                if name in ("METHOD", "UID", "SEQUENCE", "STATUS", "ORGANIZER"):
                    out.append("ICS-%s %s" % (name, value))
                elif name == "ATTENDEE":
                    out.append("ICS-ATTENDEE-CN %s" % params.get("CN", ""))
                    out.append("ICS-ATTENDEE %s" % value)
    out.append("END")
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--extract")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    sys.stdout.reconfigure(encoding="utf-8")
    for path in args.files:
        print("\n".join(report(path, args.extract)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
