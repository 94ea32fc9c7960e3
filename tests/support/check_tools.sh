#!/usr/bin/env bash
# check_tools.sh: is every tool, module and data file the tests (and the
# build's fallback fonts and hyphenation patterns) rely on really usable?
# Prints one line per missing piece, naming the Debian package (or npm
# package) that brings it, and exits 1 if anything is missing. ./setup runs
# it as its last step; ctest runs it as `setup.tools_present`, so a machine
# without a tool fails loudly instead of skipping.
set -u
here="$(cd "$(dirname "$0")/../.." && pwd)"
py=/usr/bin/python3
missing=0
need() {  # need PACKAGE WHAT COMMAND...
    local pkg=$1 what=$2; shift 2
    if ! "$@" >/dev/null 2>&1; then
        echo "missing: $what (install the package $pkg; ./setup does)"
        missing=1
    fi
}
need python3 "/usr/bin/python3" test -x "$py"
for mod in vobject:python3-vobject pytz:python3-tz dateutil:python3-dateutil \
           aiosmtpd:python3-aiosmtpd email:libpython3-stdlib; do
    need "${mod#*:}" "python module ${mod%%:*} for /usr/bin/python3" "$py" -c "import ${mod%%:*}"
done
# vobject reads Europe/* zones through pytz: check it really works.
need python3-tz "pytz's zone data" "$py" -c "import pytz; pytz.timezone('Europe/London')"
need nodejs "node" node --version
need "ical.js (npm, tests/calendar; ./setup runs npm ci)" "the ical.js module" \
     node -e "require('$here/tests/calendar/node_modules/ical.js')"
need poppler-utils "pdftotext" pdftotext -v
need poppler-utils "pdftoppm" pdftoppm -v
need poppler-utils "pdffonts" pdffonts -v
need poppler-utils "pdfinfo" pdfinfo -v
need qpdf "qpdf" qpdf --version
need libxml2-utils "xmllint" xmllint --version
need openssl "openssl" openssl version
need libical-dev "libical (pkg-config libical)" pkg-config --exists libical
need fontconfig "fc-match" fc-match --version
# The fallback chain's fonts (src/layout/core/font_fallback.cpp).
for f in "DejaVu Serif:fonts-dejavu-core" "DejaVu Sans:fonts-dejavu-core" "Noto Sans:fonts-noto-core" \
         "Noto Serif Tibetan:fonts-noto-core" "Droid Sans Fallback:fonts-droid-fallback" \
         "NanumGothic:fonts-nanum" "Symbola:fonts-symbola"; do
    need "${f#*:}" "the font ${f%%:*}" sh -c "fc-list : family | grep -qx '${f%%:*}\(,.*\)\?'"
done
for f in /usr/share/hyphen/hyph_fr.dic:hyphen-fr /usr/share/hyphen/hyph_en_US.dic:hyphen-en-us \
         /usr/share/hyphen/hyph_de_DE.dic:hyphen-de /usr/share/hyphen/hyph_nl_NL.dic:hyphen-nl; do
    need "${f#*:}" "${f%%:*}" test -r "${f%%:*}"
done
exit $missing
