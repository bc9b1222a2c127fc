// Assigning to string elements and ranges: out-of-bounds errors as FluffOS.
#include <tests.h>

void do_tests() {
    string tmp = "abcdefg";
    string oob_l = "*Index out of bounds in string index lvalue.\n";
    tmp[<4] = '#';
    ASSERT_EQ("abc#efg", tmp);
    ASSERT_EQ(oob_l, catch(tmp[999] = 'a'));
    ASSERT_EQ(oob_l, catch(tmp[<0] = 'a'));
    ASSERT_EQ(oob_l, catch(tmp[<999] = 'a'));
    ASSERT_EQ("*String rindex out of bounds.\n", catch(tmp[<999]));
    ASSERT_EQ(0, tmp[strlen(tmp)]);

    tmp = "abcdefg";
    tmp[1..2] = "XYZ";
    ASSERT_EQ("aXYZdefg", tmp);
    tmp[3..2] = "+";
    ASSERT_EQ("aXY+Zdefg", tmp);
    tmp = "abcdefg";
    ASSERT(catch(tmp[0..strlen(tmp)] = ""));
    ASSERT(catch(tmp[0..999] = ""));
    ASSERT(catch(tmp[strlen(tmp)..strlen(tmp)] = ""));
    ASSERT(catch(tmp[999..0] = ""));
    ASSERT(catch(tmp[<0..<1] = ""));
    ASSERT(catch(tmp[<999..999] = ""));
    ASSERT_EQ("abcdefg", tmp);
}
