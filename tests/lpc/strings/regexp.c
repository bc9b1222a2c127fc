// regexp, reg_assoc (FluffOS regex dialect) and, when the package is
// present, the pcre efuns.
#include <tests.h>

void test_regexp() {
    mapping x = ([ 1: "bazz" ]);
    ASSERT(catch(regexp("foo", "bar", x[1])));
    ASSERT_EQ("*3rd argument illegal for regexp(string, string)\n", catch(regexp("foo", "bar", 1)));
    ASSERT(regexp("tabba", "a*b"));
    ASSERT(!regexp("tbba", "a+b"));
    ASSERT_EQ(({ "bar", "bazz" }), regexp(({ "foo", "bar", "bazz" }), "b"));
    ASSERT_EQ(({ "foo", "bar" }), regexp(({ "foo", "bar", "bazz" }), "^...$"));
    ASSERT_EQ(({ "foo", 1, "bazz", 3 }), regexp(({ "foo", "bar", "bazz" }), "(oo|zz)", 1));
    ASSERT_EQ(({ "bar" }), regexp(({ "foo", "bar", "bazz" }), "(oo|zz)", 2));
    ASSERT_EQ("*+ follows nothing\n", catch(regexp("foo", "+")));
    ASSERT(catch(regexp(({ "foo", "bar" }), "+")));
    ASSERT_EQ("*unmatched ()\n", catch(regexp("foo", "(a")));
    // Spencer dialect: \< \> are word boundaries, \d is a plain d.
    ASSERT(regexp("a foo b", "\\<foo\\>"));
    ASSERT(!regexp("afoo b", "\\<foo\\>"));
    ASSERT(regexp("d", "\\d"));
    ASSERT(!regexp("5", "\\d"));
    ASSERT(regexp("a(b)", "\\(b\\)"));
}

void test_reg_assoc() {
    ASSERT_EQ(({ ({ "", "te", "st", "haha", "", "te", "st" }), ({ 4, 3, 4, 2, 4, 3, 4 }) }),
              reg_assoc("testhahatest", ({ "haha", "te" }), ({ 2, 3 }), 4));
    ASSERT_EQ(({ ({ "abc" }), ({ 0 }) }), reg_assoc("abc", ({ }), ({ })));
    ASSERT_EQ(({ ({ "x", "12", "y", "3", "" }), ({ 0, 1, 0, 1, 0 }) }),
              reg_assoc("x12y3", ({ "[0-9]+" }), ({ 1 })));
    ASSERT_EQ("*Pattern and token array sizes must be identical.\n",
              catch(reg_assoc("a", ({ "a" }), ({ }))));
    ASSERT_EQ("*Non-string found in pattern array.\n", catch(reg_assoc("a", ({ 1 }), ({ 1 }))));
}

void test_pcre() {
#ifdef __PACKAGE_PCRE__
    ASSERT(pcre_match("abc123", "\\d+"));
    ASSERT(!pcre_match("abc", "^\\d"));
    ASSERT_EQ(({ "a1" }), pcre_match(({ "a1", "b" }), "\\d"));
    ASSERT_EQ(({ "alpha", "99" }), pcre_extract("alpha 99", "(\\w+) (\\d+)"));
    ASSERT_EQ(({ }), pcre_extract("alpha", "(\\d+)"));
    ASSERT_EQ("hello WORLD!", pcre_replace("hello world!", "(world)", ({ "WORLD" })));
    ASSERT_EQ("x-1 x-2", pcre_replace("a1 a2", "a(\\d)", "x-$1"));
    ASSERT_EQ(({ ({ "a1", "1" }), ({ "b22", "22" }) }), pcre_match_all("a1b22", "[a-z](\\d+)"));
    ASSERT_EQ("<ab:0> <cd:1>",
              pcre_replace_callback("ab cd", "(\\w+) (\\w+)", (: sprintf("<%s:%d>", $1, $2) :)));
    ASSERT_EQ(({ ({ "ab", "12", "cd" }), ({ 0, 7, 0 }) }), pcre_assoc("ab12cd", ({ "\\d+" }), ({ 7 })));
    ASSERT(catch(pcre_match("a", "(")));
#endif
}

void do_tests() {
    test_regexp();
    test_reg_assoc();
    test_pcre();
}
