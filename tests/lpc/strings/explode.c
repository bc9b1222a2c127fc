// explode, explode_reversible, implode, replace_string.
#include <tests.h>

int add(int a, int b) { return a + b; }

void test_explode() {
    string tmp = "this is a test";
    ASSERT_EQ(({ "abcd" }), explode("abcd", " and "));
    ASSERT_EQ(({ }), explode("", " and "));
    ASSERT_EQ(({ " an" }), explode(" an", " and "));
    ASSERT_EQ(({ "t", "h", "i", "s" }), explode("this", ""));
    ASSERT_EQ(({ "this", "is", "a", "test" }), explode(tmp, " "));
    ASSERT_EQ(({ "this", "is", "a", "test" }), explode(" " + tmp, " "));
    ASSERT_EQ(({ "this", "is", "a", "test" }), explode("     " + tmp, " "));
    ASSERT_EQ(({ "this", "is", "a", "test" }), explode("this  is  a  test  ", "  "));
    ASSERT_EQ(({ "x", "y", "", "z", "" }), explode("..x.y..z..", "."));
    ASSERT_EQ(({ "lh15970183750", "abcdefghigk", "werert" }),
              explode("lh15970183750║abcdefghigk║werert", "║"));
    ASSERT_EQ(({ "ab-" }), explode("ab---", "--"));
    ASSERT_EQ(({ "你-", "" }), explode("你-----", "--"));
    ASSERT_EQ(({ "café text\n", "" }), explode("café text\n\n\n\n\n", "\n\n"));
    ASSERT_EQ(({ }), explode("....", "."));
    ASSERT(catch(explode(1, " ")));
}

void test_explode_reversible() {
    string tmp = "this is a test";
    ASSERT_EQ(({ "", "this", "is", "a", "test" }), explode_reversible(" " + tmp, " "));
    ASSERT_EQ(" " + tmp, implode(explode_reversible(" " + tmp, " "), " "));
    ASSERT_EQ(({ "", "", "x", "y", "", "z", "", "" }), explode_reversible("..x.y..z..", "."));
    ASSERT_EQ(({ "你-", "", "" }), explode_reversible("你-----", "--"));
    ASSERT_EQ("你-----", implode(explode_reversible("你-----", "--"), "--"));
    ASSERT_EQ(({ }), explode_reversible("", "x"));
}

void test_implode() {
    ASSERT_EQ("", implode(({ 1, 2, 3 }), "foo"));
    ASSERT_EQ("foobazzbar", implode(({ "foo", "bar" }), "bazz"));
    ASSERT_EQ("foobazzbar", implode(({ 1, "foo", "bar" }), "bazz"));
    ASSERT_EQ("foobar", implode(({ "foo", "bar" }), ""));
    ASSERT_EQ(6, implode(({ 1, 2, 3 }), (: $1 + $2 :)));
    ASSERT_EQ("123", implode(({ 1, 2, 3 }), (: $1 + $2 :), ""));
    ASSERT_EQ(16, implode(({ 1, 2, 3 }), (: add :), 10));
    ASSERT_EQ(666, implode(({ }), (: $1 :), 666));
    ASSERT_EQ(0, implode(({ }), (: $1 :)));
    ASSERT_EQ(555, implode(({ 555 }), (: $1 + 5 :)));
    ASSERT_EQ("*Third argument to implode() is illegal with implode(array, string)\n",
              catch(implode(({ "a" }), ",", "x")));
}

void test_replace_string() {
    string src = "This is a test";
    ASSERT_EQ(src, replace_string(src, "", "bar"));
    ASSERT_EQ(src, replace_string(src, "foo", "bar", 5, 4));
    ASSERT_EQ("Thx x a test", replace_string(src, "is", "x"));
    ASSERT_EQ("Thx is a test", replace_string(src, "is", "x", 1));
    ASSERT_EQ("Thx x a test", replace_string(src, "is", "x", 0, 0));
    ASSERT_EQ("This x a test", replace_string(src, "is", "x", 2, 2));
    ASSERT_EQ("Th  a test", replace_string(src, "is", ""));
    ASSERT_EQ("Thix ix a text", replace_string(src, "s", "x", 1, 3));
    ASSERT_EQ("This i a test", replace_string(src, "s", "", 2, 2));
    ASSERT_EQ("Thfoo foo a test", replace_string(src, "is", "foo"));
    ASSERT_EQ("Thifoo ifoo a tefoot", replace_string(src, "s", "foo"));
    ASSERT_EQ("This ifoo a test", replace_string(src, "s", "foo", 2, 2));
    ASSERT_EQ("bb", replace_string("aaaa", "aa", "b"));
    ASSERT_EQ("*Too many args to replace_string.\n",
              catch(replace_string("a", "a", "b", 1, 2, 3)));
}

void do_tests() {
    test_explode();
    test_explode_reversible();
    test_implode();
    test_replace_string();
}
