// pluralize, query_num, string_difference and crc32.
#include <tests.h>

void test_pluralize() {
    ASSERT_EQ("swords", pluralize("sword"));
    // only Latin -sis/-xis words turn -is into -es
    ASSERT_EQ("crises", pluralize("crisis"));
    ASSERT_EQ("marquises", pluralize("marquis"));
    ASSERT_EQ("swords", pluralize("a sword"));
    ASSERT_EQ("apples", pluralize("an apple"));
    ASSERT_EQ("boxes", pluralize("the box"));
    ASSERT_EQ("red flies", pluralize("red fly"));
    ASSERT_EQ("knives", pluralize("knife"));
    ASSERT_EQ("children", pluralize("child"));
    ASSERT_EQ("sheep", pluralize("sheep"));
    ASSERT_EQ("mice", pluralize("mouse"));
    ASSERT_EQ("women", pluralize("woman"));
    ASSERT_EQ("pairs of boots", pluralize("a pair of boots"));
    ASSERT_EQ(0, pluralize(""));
    ASSERT(catch(pluralize(1)));
}

void test_query_num() {
    ASSERT_EQ("zero", query_num(0));
    ASSERT_EQ("forty-two", query_num(42));
    ASSERT_EQ("one hundred and five", query_num(105));
    ASSERT_EQ("one thousand, two hundred and thirty-four", query_num(1234));
    ASSERT_EQ("many", query_num(100000));
    ASSERT_EQ("many", query_num(-3));
    ASSERT_EQ("many", query_num(11, 10));
    ASSERT_EQ("ten", query_num(10, 10));
    ASSERT(catch(query_num("1")));
}

void test_string_difference() {
    ASSERT_EQ(3, string_difference("kitten", "sitting"));
    ASSERT_EQ(0, string_difference("same", "same"));
    ASSERT_EQ(4, string_difference("", "four"));
    ASSERT(catch(string_difference("a", 1)));
}

void test_crc32() {
    ASSERT_EQ(0xCBF43926, crc32("123456789"));
    ASSERT_EQ(0, crc32(""));
    ASSERT_EQ(crc32("hello"), crc32(string_encode("hello", "utf-8")));
    ASSERT_EQ(crc32(string_encode("héllo", "utf-8")), crc32("héllo"));
    ASSERT(catch(crc32(5)));
}

void do_tests() {
    test_pluralize();
    test_query_num();
    test_string_difference();
    test_crc32();
}
