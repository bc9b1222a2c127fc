// `m.key` on mappings: reads, missing keys, and the error for a member of
// something that is not a mapping.
#include <tests.h>

void do_tests() {
    mapping m = ([ "a": ([ "b": 1 ]) ]);
    ASSERT_EQ(1, m.a.b);
    ASSERT(undefinedp(m.missing));
    ASSERT_EQ("*Tried to take a member of something that isn't a mapping.\n", catch(m.missing.b));
    mixed n = 5;
    ASSERT_EQ("*Tried to take a member of something that isn't a mapping.\n", catch(n.b));
    m.a.c = 2;
    ASSERT_EQ(2, m["a"]["c"]);
}
