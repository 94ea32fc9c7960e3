#!/usr/bin/env node
// check_icaljs.mjs FILE... — reads iCalendar files with ical.js, the parser
// of Thunderbird and many web calendars, and fails on any problem:
//   * ICAL.parse must accept the file, which must hold one VCALENDAR;
//   * its VTIMEZONEs are registered (the zone registry is emptied before
//     each file), and every TZID must resolve to one of them — ical.js
//     would otherwise silently read the time as floating;
//   * every VEVENT needs UID, DTSTAMP and DTSTART with a well-formed value;
//     no floating times; DTEND after DTSTART.
// Prints "FILE <path> VEVENTS <n>" then, per VEVENT,
// "EVENT <path> <uid> <start> <offset>" (UTC start such as
// 2020-01-28T08:30:00Z and offset such as +01:00, or "<date> date").
// Exit status 0 when every file is fine, 1 otherwise, 2 when ical.js is
// not installed.
import { readFileSync } from 'node:fs';

let ICAL;
try {
  ICAL = (await import('ical.js')).default;
} catch (e) {
  console.error('check_icaljs: ical.js is not installed in tests/calendar/node_modules: ' +
                'run ./setup (it runs npm ci --prefix tests/calendar)');
  process.exit(2);
}

const JCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const JCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z?$/;

function offsetText(seconds) {
  const sign = seconds < 0 ? '-' : '+';
  const a = Math.abs(seconds);
  const hh = String(Math.floor(a / 3600)).padStart(2, '0');
  const mm = String(Math.floor(a / 60) % 60).padStart(2, '0');
  return `${sign}${hh}:${mm}`;
}

function isoUtc(unixSeconds) {
  return new Date(unixSeconds * 1000).toISOString().replace('.000Z', 'Z');
}

// The property's time as { isDate, unix, offset, date }, or null after a problem.
function resolve(vevent, name, uid, problems) {
  const prop = vevent.getFirstProperty(name);
  if (!prop) return null;
  const raw = prop.toJSON()[3];
  if (typeof raw !== 'string' || !(JCAL_DATE.test(raw) || JCAL_DATE_TIME.test(raw))) {
    problems.push(`${uid}: ${name.toUpperCase()} value ${JSON.stringify(raw)} is not a date or date-time`);
    return null;
  }
  const time = prop.getFirstValue();
  if (time.isDate) return { isDate: true, unix: time.toUnixTime(), offset: 0, date: raw };
  const tzid = prop.getParameter('tzid');
  if (tzid) {
    if (!ICAL.TimezoneService.has(tzid) || !time.zone || time.zone.tzid !== tzid) {
      problems.push(`${uid}: ${name.toUpperCase()} TZID=${tzid} has no VTIMEZONE in the file`);
      return null;
    }
  } else if (time.zone !== ICAL.Timezone.utcTimezone) {
    problems.push(`${uid}: ${name.toUpperCase()} is a floating time`);
    return null;
  }
  const unix = time.toUnixTime();
  if (!Number.isFinite(unix)) {
    problems.push(`${uid}: ${name.toUpperCase()} does not convert to UTC`);
    return null;
  }
  return { isDate: false, unix, offset: time.utcOffset() };
}

function checkEvent(path, vevent, problems) {
  const uid = vevent.getFirstPropertyValue('uid') ?? '(no UID)';
  for (const required of ['uid', 'dtstamp', 'dtstart']) {
    if (!vevent.hasProperty(required)) problems.push(`${uid}: no ${required.toUpperCase()}`);
  }
  const start = resolve(vevent, 'dtstart', uid, problems);
  if (!start) return null;
  if (vevent.hasProperty('dtend')) {
    const end = resolve(vevent, 'dtend', uid, problems);
    if (end && (end.isDate !== start.isDate || end.unix <= start.unix)) {
      problems.push(`${uid}: DTEND is not after DTSTART`);
    }
  }
  // The event as ical.js applications see it must agree.
  const event = new ICAL.Event(vevent);
  if ((event.uid ?? '(no UID)') !== uid || event.startDate.toUnixTime() !== start.unix) {
    problems.push(`${uid}: ICAL.Event reads another UID or start`);
  }
  return start.isDate
    ? `EVENT ${path} ${uid} ${start.date} date`
    : `EVENT ${path} ${uid} ${isoUtc(start.unix)} ${offsetText(start.offset)}`;
}

function checkFile(path) {
  const problems = [];
  const events = [];
  let count = 0;
  ICAL.TimezoneService.reset();
  let calendar;
  try {
    const jcal = ICAL.parse(readFileSync(path, 'utf8'));
    if (Array.isArray(jcal[0])) throw new Error(`${jcal.length} top-level components, expected one`);
    calendar = new ICAL.Component(jcal);
    if (calendar.name !== 'vcalendar') throw new Error(`the top-level component is ${calendar.name}`);
    for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) {
      ICAL.TimezoneService.register(vtimezone);
    }
    for (const vevent of calendar.getAllSubcomponents('vevent')) {
      count += 1;
      const line = checkEvent(path, vevent, problems);
      if (line) events.push(line);
    }
  } catch (e) {
    problems.push(`ical.js cannot read it: ${e.message}`);
  }
  return { count, events, problems };
}

const paths = process.argv.slice(2);
if (paths.length === 0) {
  console.error('usage: check_icaljs.mjs FILE.ics...');
  process.exit(2);
}
let ok = true;
for (const path of paths) {
  const { count, events, problems } = checkFile(path);
  console.log(`FILE ${path} VEVENTS ${count}`);
  for (const line of events) console.log(line);
  for (const p of problems) console.error(`${path}: ical.js: ${p}`);
  ok = ok && problems.length === 0;
}
process.exit(ok ? 0 : 1);
