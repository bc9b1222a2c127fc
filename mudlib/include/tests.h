// Checks for the mudlib's tests (test/*.c), run by `-ftest`.
//
// A test file includes this and defines `void do_tests()`. A failed check
// is recorded with its file and line and the run goes on; the master reads
// the list with __test_failures() afterwards.
#ifndef TESTS_H
#define TESTS_H

nosave string *__failures = ({ });

string *__test_failures() { return __failures; }

#define __HERE (__FILE__ + ":" + __LINE__)

// ASSERT(x): x must be true.
#define ASSERT(x) if (!(x)) __failures += ({ __HERE + ": failed: " + #x })
// ASSERT_EQ(expected, actual): equal, comparing arrays and mappings by content.
#define ASSERT_EQ(x, y) __check_equal((x), (y), __HERE + ": " + #y)

int __equal(mixed a, mixed b) {
    if (arrayp(a) && arrayp(b)) {
        if (sizeof(a) != sizeof(b)) return 0;
        for (int i = 0; i < sizeof(a); i++) if (!__equal(a[i], b[i])) return 0;
        return 1;
    }
    if (mapp(a) && mapp(b)) {
        if (sizeof(a) != sizeof(b)) return 0;
        foreach (mixed key, mixed value in a) {
            if (undefinedp(b[key]) || !__equal(value, b[key])) return 0;
        }
        return 1;
    }
    return typeof(a) == typeof(b) && a == b;
}

void __check_equal(mixed expected, mixed actual, string where) {
    if (!__equal(expected, actual)) {
        __failures += ({ sprintf("%s: expected %O, got %O", where, expected, actual) });
    }
}

#endif
