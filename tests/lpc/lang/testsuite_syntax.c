// Syntax FluffOS's own testsuite relies on.
#include <tests.h>

int flag;

// `ref`/`&` before the array stars.
void grow(mixed ref *arr) { arr += ({ 1 }); }
void grow2(mixed & *arr) { arr += ({ 2 }); }

void do_tests() {
    // An assignment as the right operand of || && ?: and other operators.
    int a, b;
    a = 0 || b = 5;
    ASSERT_EQ(5, a);      // || gives the deciding operand's value
    ASSERT_EQ(5, b);
    string s = "abc";
    if (s[0] == 'x' || s[1] = 'Z') flag = 1;
    ASSERT_EQ("aZc", s);
    ASSERT_EQ(1, flag);
    a = 1 ? 7 : b = 9;
    ASSERT_EQ(7, a);
    ASSERT_EQ(5, b);
    a = 0 ? 7 : b = 9;
    ASSERT_EQ(9, a);
    ASSERT_EQ(9, b);

    mixed *arr = ({ });
    grow(ref arr);
    grow2(ref arr);
    ASSERT_EQ(({ 1, 2 }), arr);

    // Integer literals saturate; MIN_INT is -MAX_INT.
    ASSERT_EQ(MAX_INT, 0x7fffffffffffffff1234);
    ASSERT_EQ(MIN_INT, -0x7fffffffffffffff1234);
    ASSERT_EQ(MAX_INT, 99999999999999999999);
    ASSERT_EQ("-9223372036854775807", sprintf("%d", MIN_INT));
    ASSERT(MIN_INT == -1 * MAX_INT);

    // A UTF-16 surrogate pair in escapes is one character.
    ASSERT_EQ(1, strlen("\uD83E\uDD26"));
    ASSERT_EQ(0x1F926, "\uD83E\uDD26"[0]);
}
