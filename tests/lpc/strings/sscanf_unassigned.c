// sscanf's count is not "the number of variables assigned": skipped
// conversions (%*d) are counted, and "%s%%" assigns %s without counting
// it when the input has no %. A variable is assigned exactly when
// __sscanf() returns a defined value for it.
#include <tests.h>

void do_tests() {
    int i;
    string s;

    // The skipped %*d counts, the failed %d assigns nothing.
    i = 5;
    ASSERT_EQ(1, sscanf("1 x", "%*d %d", i));
    ASSERT_EQ(5, i);

    // %s is assigned, yet the count is 0.
    s = "";
    ASSERT_EQ(0, sscanf("abc", "%s%%", s));
    ASSERT_EQ("abc", s);

    // What __sscanf() itself returns for those two.
    ASSERT_EQ(({ 1, 0 }), __sscanf("1 x", "%*d %d", 1));
    ASSERT(undefinedp(__sscanf("1 x", "%*d %d", 1)[1]));
    ASSERT_EQ(({ 0, "abc" }), __sscanf("abc", "%s%%", 1));
}
