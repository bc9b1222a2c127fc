// set_debug_level / clear_debug_level / debug_levels.
#include <tests.h>

void test_levels() {
    mapping m;
    set_debug_level(0);
    m = debug_levels();
    ASSERT_EQ(14, sizeof(m));
    ASSERT_EQ(({ }), filter(values(m), (: $1 :)));
    // An int replaces the mask.
    set_debug_level((1 << 0) | (1 << 5));
    m = debug_levels();
    ASSERT_EQ(1, m["call_out"]);
    ASSERT_EQ(32, m["sockets"]);
    ASSERT_EQ(0, m["connections"]);
    // A name adds its level; clear_debug_level takes one away.
    set_debug_level("connections");
    ASSERT_EQ(8, debug_levels()["connections"]);
    ASSERT_EQ(1, debug_levels()["call_out"]);
    clear_debug_level("call_out");
    ASSERT_EQ(0, debug_levels()["call_out"]);
    ASSERT_EQ(8, debug_levels()["connections"]);
    ASSERT(catch(set_debug_level("no_such_level")));
    ASSERT(catch(clear_debug_level("no_such_level")));
    set_debug_level(0);
    ASSERT_EQ(({ }), filter(values(debug_levels()), (: $1 :)));
}

void do_tests() {
    test_levels();
}
