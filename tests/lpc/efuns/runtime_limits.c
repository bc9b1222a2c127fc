// Size limits changed with set_config() apply at once; repeat_string()
// clamps to the maximum string length; roll_MdN() takes a bonus.
#include <tests.h>

#define MAX_ARRAY 267
#define MAX_STRING 270

void test_set_config_limits() {
    int old = get_config(MAX_ARRAY);
    mixed *a = allocate(9);
    set_config(MAX_ARRAY, 10);
    mixed err1 = catch(push_array(a, 1));
    mixed err2 = catch(push_array(a, 2));
    set_config(MAX_ARRAY, old);
    ASSERT_EQ(0, err1);
    ASSERT(err2);
    ASSERT_EQ(10, sizeof(a));
    ASSERT_EQ(old, get_config(MAX_ARRAY));
}

void test_repeat_string_clamps() {
    int old = get_config(MAX_STRING);
    set_config(MAX_STRING, 1000);
    string s = repeat_string("abc", 5000);
    string huge = repeat_string("abc", 0x100000002);
    set_config(MAX_STRING, old > 0 ? old : 1 << 30);
    ASSERT_EQ(999, strlen(s));
    ASSERT_EQ(s, huge);
    ASSERT_EQ("abcabc", repeat_string("abc", 2));
}

void test_roll_with_bonus() {
    ASSERT_EQ(1 + 100, roll_MdN(1, 1, 100));
    ASSERT_EQ(7, roll_MdN(0, 6, 7));
    ASSERT(catch(roll_MdN(0x100000001, 1)));
}

void do_tests() {
    test_set_config_limits();
    test_repeat_string_clamps();
    test_roll_with_bonus();
}
