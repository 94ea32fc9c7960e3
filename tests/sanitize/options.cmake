# The sanitizer options of a BOOKLET_SANITIZE build's tests. ctest includes
# this file (the TEST_INCLUDE_FILES of the top-level CMakeLists.txt) before it
# runs anything, so every test, and every program a test starts (booklet,
# check_ical), inherits them. Options already in the environment come last
# and win: `ASAN_OPTIONS=detect_leaks=0 ctest ...` still works.
#
# exitcode=70: a sanitizer report fails the test whatever it expects. The
#   default, 1, is an exit code tests expect: check_ical's "rejected", booklet's
#   "internal error"; a report there would pass for the expected failure.
# detect_leaks=1: LeakSanitizer (already the default on x86-64 Linux).
#   No suppressions: the suite leaks nothing, libraries included.
# detect_stack_use_after_return=1: a pointer to a returned function's locals.
# check_initialization_order=1, strict_init_order=1: a global read by another
#   global's initialiser before it is initialised itself.
# strict_string_checks=1: strings passed to C string functions are terminated.
# print_stacktrace=1: UBSan says where, not only what.
set(ENV{ASAN_OPTIONS} "exitcode=70:detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1:strict_string_checks=1:$ENV{ASAN_OPTIONS}")
set(ENV{UBSAN_OPTIONS} "exitcode=70:print_stacktrace=1:$ENV{UBSAN_OPTIONS}")
