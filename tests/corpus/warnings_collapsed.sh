#!/bin/sh
# warnings_collapsed.sh BOOKLET FILE [OPTIONS...]: `booklet check` prints
# repeated warnings as one line per class with a count, and --verbose
# prints each of them.
set -u
booklet=$1; file=$2; shift 2
short=$("$booklet" check "$file" "$@" 2>&1 >/dev/null); rc_short=$?
long=$("$booklet" check "$file" "$@" --verbose 2>&1 >/dev/null); rc_long=$?
n_short=$(printf '%s\n' "$short" | grep -c 'warning:')
n_long=$(printf '%s\n' "$long" | grep -c 'warning:')
n_classes=$(printf '%s\n' "$short" | grep -c 'warnings like this, first at [0-9]*:[0-9]*, [0-9]*:[0-9]*, [0-9]*:[0-9]*; --verbose lists them all)')
echo "check: exit $rc_short, $n_short warning lines ($n_classes collapsed classes); --verbose: exit $rc_long, $n_long lines"
[ "$rc_short" = 0 ] && [ "$rc_long" = 0 ] || { echo "check must accept the file" >&2; exit 1; }
[ "$n_classes" -ge 1 ] || { echo "no collapsed class" >&2; exit 1; }
[ "$n_long" -gt "$n_short" ] || { echo "--verbose does not list every warning" >&2; exit 1; }
# Collapsed or not, the same classes: the first line of each class is in both.
printf '%s\n' "$short" | sed 's/ ([0-9]* warnings like this, first at .*; --verbose lists them all)$//' | while IFS= read -r line; do
    printf '%s\n' "$long" | grep -qxF -- "$line" || { echo "not in the --verbose output: $line" >&2; exit 1; }
done
