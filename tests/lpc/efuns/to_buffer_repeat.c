// to_buffer() and repeat_string().
#include <tests.h>

void do_tests() {
    buffer b = to_buffer("é");
    ASSERT_EQ(2, sizeof(b));
    ASSERT_EQ(0xc3, b[0]);
    ASSERT_EQ(0xa9, b[1]);
    b = to_buffer(({ 7, 255, 0 }));
    ASSERT_EQ(3, sizeof(b));
    ASSERT_EQ(255, b[1]);
    ASSERT_EQ(b, to_buffer(b));
    ASSERT(catch(to_buffer(({ 300 }))));
    ASSERT(catch(to_buffer(({ "x" }))));

    ASSERT_EQ("ababab", repeat_string("ab", 3));
    ASSERT_EQ("", repeat_string("ab", 0));
    ASSERT_EQ("", repeat_string("ab", -2));
    ASSERT_EQ("", repeat_string("", 5));
    ASSERT_EQ("ééé", repeat_string("é", 3));
}
