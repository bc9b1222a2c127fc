// strlen, strwidth, capitalize, lower_case, upper_case, strcmp, strsrch,
// trim/ltrim/rtrim.
#include <tests.h>

void test_strlen() {
    ASSERT_EQ(0, strlen(""));
    ASSERT_EQ(5, strlen("hello"));
    ASSERT_EQ(5, strlen("héllo"));
    ASSERT_EQ(3, strlen("你好吗"));
    ASSERT(catch(strlen(1)));
}

void test_strwidth() {
    ASSERT_EQ(9, strwidth("what e\nver"));
    ASSERT_EQ(6, strwidth("你好吗"));
    ASSERT_EQ(3, strwidth("\x1b[31mred\x1b[0m"));
}

void test_case() {
    ASSERT_EQ("", capitalize(""));
    ASSERT_EQ("Driver", capitalize("driver"));
    ASSERT_EQ("Driver", capitalize("Driver"));
    ASSERT_EQ("42driver", capitalize("42driver"));
    ASSERT_EQ("hello world", lower_case("HeLLo WORLD"));
    ASSERT_EQ("HELLO", upper_case("hello"));
    ASSERT_EQ("MIXED 123!", upper_case("Mixed 123!"));
    ASSERT_EQ("", upper_case(""));
    ASSERT(catch(lower_case(0)));
}

void test_strcmp() {
    ASSERT_EQ(0, strcmp("abc", "abc"));
    ASSERT(strcmp("abc", "abd") < 0);
    ASSERT(strcmp("b", "abc") > 0);
    ASSERT(strcmp("ab", "abc") < 0);
    ASSERT(catch(strcmp("a", 1)));
}

void test_strsrch() {
    string txt = "Every day is a new day. 不过话得说回来 luck";
    ASSERT_EQ(5, strsrch(txt, ' '));
    ASSERT_EQ(24, strsrch(txt, "不过"[0]));
    ASSERT_EQ(25, strsrch(txt, "不过"[1]));
    ASSERT_EQ(32, strsrch(txt, "luck"));
    ASSERT_EQ(25, strsrch(txt, "过话"));
    ASSERT_EQ(19, strsrch(txt, "day", 1));
    ASSERT_EQ(35, strsrch(txt, 'k', 1));
    ASSERT_EQ(strlen(txt), strsrch(txt, 0));
    ASSERT_EQ(-1, strsrch(txt, 'z'));
    ASSERT_EQ(-1, strsrch(txt, ""));
    ASSERT_EQ(-1, strsrch("ab", "abc"));
}

void test_trim() {
    string book = "《三字经》";
    string ideo = "　";
    ASSERT_EQ("abc", trim("  abc  "));
    ASSERT_EQ("abc", trim("\t abc \n"));
    ASSERT_EQ("b", trim("xxbxx", "x"));
    ASSERT_EQ("", trim("   "));
    ASSERT_EQ("abc", trim("abc"));
    ASSERT_EQ("a  ", ltrim("  a  "));
    ASSERT_EQ("  a", rtrim("  a  "));
    ASSERT_EQ("abc", rtrim("abcxyx", "xy"));
    ASSERT_EQ(book, trim(book, ideo));
    ASSERT_EQ(book, trim(ideo + book + ideo, ideo));
    ASSERT_EQ("三字经", trim("  《三字经》  ", " 《》"));
}

void do_tests() {
    test_strlen();
    test_strwidth();
    test_case();
    test_strcmp();
    test_strsrch();
    test_trim();
}
