// sscanf: FluffOS's conversions and its rules for %s.
#include <tests.h>

void test_fluffos_cases() {
    string s, s1;
    int num;

    ASSERT(catch(sscanf("you%", "%s%", s)));
    ASSERT(catch(sscanf("you%", "%su%", s)));
    sscanf("you%", "%s%%", s);
    ASSERT_EQ("you", s);
    sscanf("you%", "%su%%", s);
    ASSERT_EQ("yo", s);
    sscanf("123sdkfwo1239405adsf", "%d", num);
    ASSERT_EQ(123, num);
    sscanf("+29375282", "%d", num);
    ASSERT_EQ(29375282, num);
    sscanf("  -19322", "%d", num);
    ASSERT_EQ(-19322, num);
    sscanf("FFFF", "%x", num);
    ASSERT_EQ(65535, num);
    sscanf("0x1293jsf", "%x", num);
    ASSERT_EQ(4755, num);
    ASSERT_EQ(2, sscanf("abc%abc", "%s%%%s", s, s1));
    ASSERT_EQ("abc", s);
    ASSERT_EQ("abc", s1);
}

void test_strings() {
    string a, b;
    ASSERT_EQ(2, sscanf("hello world", "%s %s", a, b));
    ASSERT_EQ("hello", a);
    ASSERT_EQ("world", b);
    ASSERT_EQ(2, sscanf("a b c", "%s %s", a, b));
    ASSERT_EQ("b c", b);
    ASSERT_EQ(2, sscanf("get sword from box", "get %s from %s", a, b));
    ASSERT_EQ("sword", a);
    ASSERT_EQ("box", b);
    a = "untouched";
    ASSERT_EQ(0, sscanf("abc", "%s:%s", a, b));
    ASSERT_EQ("untouched", a);
    ASSERT_EQ(0, sscanf("abc", "abd"));
}

void test_numbers() {
    int i, j;
    float f;
    string rest;
    ASSERT_EQ(2, sscanf("12 34", "%d %d", i, j));
    ASSERT_EQ(12, i);
    ASSERT_EQ(34, j);
    ASSERT_EQ(2, sscanf("1.5e2 rest", "%f %s", f, rest));
    ASSERT_EQ(150.0, f);
    ASSERT_EQ("rest", rest);
    ASSERT_EQ(3, sscanf("abc123def", "%s%d%s", rest, i, rest));
    ASSERT_EQ(123, i);
    ASSERT_EQ(2, sscanf("abc-5", "%s%d", rest, i));
    ASSERT_EQ("abc-", rest);
    ASSERT_EQ(5, i);
    ASSERT_EQ(1, sscanf("abc", "%s%d", rest, i));
    ASSERT_EQ("abc", rest);
    ASSERT_EQ(2, sscanf("level 0x1F", "%s%x", rest, i));
    ASSERT_EQ(31, i);
}

void test_skips_and_leftovers() {
    int i = 5;
    string s;
    ASSERT_EQ(2, sscanf("12 34", "%*d %d", i));
    ASSERT_EQ(34, i);
    ASSERT_EQ(2, sscanf("ab cd", "%*s %s", s));
    ASSERT_EQ("cd", s);
    // Text left after the format goes into the next variable.
    ASSERT_EQ(2, sscanf("12abc", "%d", i, s));
    ASSERT_EQ("abc", s);
    ASSERT_EQ(1, sscanf("abc def", "abc", s));
    ASSERT_EQ(" def", s);
}

void test_regexps() {
    string a, b, c;
    int n;
    ASSERT_EQ(2, sscanf("abc123", "%([a-z]+)%d", a, n));
    ASSERT_EQ("abc", a);
    ASSERT_EQ(123, n);
    ASSERT_EQ(0, sscanf("1abc", "%([a-z]+)", a));
    ASSERT_EQ(3, sscanf("xx42yy", "%s%([0-9]+)%s", a, b, c));
    ASSERT_EQ("xx", a);
    ASSERT_EQ("42", b);
    ASSERT_EQ("yy", c);
}

void test_errors() {
    int i, j;
    string s;
    ASSERT_EQ("*Too few arguments to sscanf()\n", catch(sscanf("1 2", "%d %d", i)));
    ASSERT_EQ("*Bad type : '%q' in sscanf() format string\n", catch(sscanf("x", "%q", s)));
    ASSERT_EQ("*Format string cannot end in '%' in sscanf()\n", catch(sscanf("x", "x%", s)));
    ASSERT_EQ("*Illegal to have 2 adjacent %s's in format string in sscanf()\n",
              catch(sscanf("ab", "%s%s", s, s)));
    ASSERT_EQ("*Bad regexp format: '%abc' in sscanf format string\n", catch(sscanf("x", "%(abc", s)));
    ASSERT(catch(sscanf("1", "%i", j)));
}

void do_tests() {
    test_fluffos_cases();
    test_strings();
    test_numbers();
    test_skips_and_leftovers();
    test_regexps();
    test_errors();
}
