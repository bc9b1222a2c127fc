// Bit strings: set_bit, clear_bit, test_bit, next_bit.
#include <tests.h>

void do_tests() {
    string str;
    ASSERT_EQ("!", set_bit("", 0));
    ASSERT_EQ(" \"", set_bit("", 7));
    str = set_bit("11111", 7);
    ASSERT(test_bit(str, 7));
    str = clear_bit(str, 7);
    ASSERT(!test_bit(str, 7));
    str = clear_bit(set_bit(str, 12), 12);
    ASSERT(!test_bit(str, 12));
    ASSERT_EQ(str, clear_bit(str, 40));
    ASSERT_EQ(0, test_bit("!", 0x100000000));
    ASSERT_EQ(-1, next_bit("!!", 0x100000000));
    ASSERT_EQ(0, next_bit("!!", 0));
    ASSERT_EQ(6, next_bit("!!", 1));
    ASSERT_EQ(-1, next_bit("! ", 1));
    ASSERT_EQ(-1, next_bit("", 0));

    ASSERT(catch(clear_bit("", 1000000000000)));
    ASSERT_EQ("*Bad argument 2 (negative) to clear_bit().\n", catch(clear_bit("", -2)));
    ASSERT(catch(clear_bit("!", -0x100000000)));
    ASSERT_EQ("*Bad argument 2 (negative) to set_bit().\n", catch(set_bit("", -4294967296 + 20000)));
    ASSERT_EQ("*set_bit() bit requested: 5000 > maximum bits: 1200\n", catch(set_bit("", 5000)));
    ASSERT_EQ("*Illegal bit pattern in set_bit character 0\n", catch(set_bit("~", 0)));
    ASSERT_EQ("*Bad argument 2 (negative) to test_bit().\n", catch(test_bit("!", -1)));
}
