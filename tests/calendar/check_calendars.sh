#!/bin/sh
# check_calendars.sh [--check-ical PATH] FILE_OR_DIR...
#
# Runs the three iCalendar parsers of the calendar tests on .ics files (a
# folder stands for every .ics file under it):
#   libical        check_ical (built with the tests: build/tests/calendar/check_ical)
#   python3-vobject check_vobject.py under /usr/bin/python3 (or $PYTHON)
#   ical.js        check_icaljs.mjs under node (or $NODE)
# Fails when any parser reports a problem, or when they disagree on what
# they read (events, UTC start times, offsets). Example:
#   booklet ics input/medico-social-2020.xml -o /tmp/ics
#   tests/calendar/check_calendars.sh --check-ical build/tests/calendar/check_ical /tmp/ics
set -u

here=$(cd "$(dirname "$0")" && pwd)
check_ical=""
if [ "${1:-}" = "--check-ical" ]; then
    check_ical=$2
    shift 2
fi
if [ -z "$check_ical" ]; then
    for candidate in "$here/../../build/tests/calendar/check_ical" "$here/../../build-cal/tests/calendar/check_ical"; do
        if [ -x "$candidate" ]; then check_ical=$candidate; break; fi
    done
fi
if [ -z "$check_ical" ] || [ ! -x "$check_ical" ]; then
    echo "check_calendars: no check_ical executable: build the tests or pass --check-ical PATH" >&2
    exit 2
fi
if [ $# -eq 0 ]; then
    echo "usage: check_calendars.sh [--check-ical PATH] FILE_OR_DIR..." >&2
    exit 2
fi

list=$(mktemp)
work=$(mktemp -d)
trap 'rm -rf "$list" "$work"' EXIT
for arg in "$@"; do
    if [ -d "$arg" ]; then find "$arg" -type f -name '*.ics' | sort; else echo "$arg"; fi
done >"$list"
if [ ! -s "$list" ]; then
    echo "check_calendars: no .ics file in $*" >&2
    exit 1
fi

status=0
run() {  # name command...
    name=$1
    shift
    tr '\n' '\0' <"$list" | xargs -0 "$@" >"$work/$name.out"
    code=$?
    if [ $code -ne 0 ]; then
        echo "check_calendars: $name found problems (exit $code)" >&2
        status=1
    fi
}
run libical "$check_ical"
run vobject "${PYTHON:-/usr/bin/python3}" "$here/check_vobject.py"
run icaljs "${NODE:-node}" "$here/check_icaljs.mjs"

for other in vobject icaljs; do
    if ! diff -u "$work/libical.out" "$work/$other.out" >&2; then
        echo "check_calendars: libical and $other read the files differently" >&2
        status=1
    fi
done
files=$(grep -c '^FILE ' "$work/libical.out")
events=$(grep -c '^EVENT ' "$work/libical.out")
if [ $status -eq 0 ]; then
    echo "check_calendars: $files files, $events events: libical, vobject and ical.js accept them and agree"
fi
exit $status
