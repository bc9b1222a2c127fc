// Assertions for Ferrum's LPC tests, in the style of FluffOS's tests.h.
//
// A test file includes this and defines `void do_tests()`. Failed checks
// are collected (the run goes on); the runner reads them with
// __test_failures() after do_tests() returns.
#ifndef TESTS_H
#define TESTS_H

nosave string *__failures = ({ });

string *__test_failures() { return __failures; }

#define WHERE (__FILE__ + ":" + __LINE__)

#define ASSERT(x) if (!(x)) { __failures += ({ WHERE + ": check failed: " + #x }); }
#define ASSERT2(x, r) if (!(x)) { __failures += ({ WHERE + ": check failed: " + (r) }); }
#define ASSERT_EQ(x, y) __assert_eq((x), (y), WHERE + ": " + #y)
#define ASSERT_NE(x, y) __assert_ne((x), (y), WHERE + ": " + #y)

// Deep equality: arrays and mappings by content, everything else by ==.
int __same(mixed a, mixed b) {
    if (arrayp(a) && arrayp(b)) {
        if (sizeof(a) != sizeof(b)) return 0;
        for (int i = 0; i < sizeof(a); i++) {
            if (!__same(a[i], b[i])) return 0;
        }
        return 1;
    }
    if (mapp(a) && mapp(b)) {
        if (sizeof(a) != sizeof(b)) return 0;
        foreach (mixed k, mixed v in a) {
            if (undefinedp(b[k]) && !undefinedp(v)) return 0;
            if (!__same(v, b[k])) return 0;
        }
        return 1;
    }
    if (floatp(a) != floatp(b)) return 0;
    return a == b;
}

void __assert_eq(mixed expected, mixed actual, string where) {
    if (!__same(expected, actual)) {
        __failures += ({ sprintf("%s: expected %O, got %O", where, expected, actual) });
    }
}

void __assert_ne(mixed a, mixed b, string where) {
    if (__same(a, b)) {
        __failures += ({ sprintf("%s: did not expect %O", where, a) });
    }
}

// A scratch directory for a test's files (under the gitignored /tmp),
// and its removal with the files in it.
void __make_scratch_dir(string dir) {
    mkdir("/tmp");
    mkdir(dir);
}

void __remove_scratch_dir(string dir) {
    mixed names = get_dir(dir + "/");
    if (arrayp(names)) {
        foreach (string f in names) rm(dir + "/" + f);
    }
    rmdir(dir);
}

#endif
