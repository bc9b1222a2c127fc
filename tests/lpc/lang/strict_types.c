// #pragma strict_types applies from where it appears until a
// no_strict_types; create() may always leave out its return type.
#include <tests.h>

untyped_before() { return 1; }
#pragma strict_types
create() { }
int typed() { return 2; }
#pragma no_strict_types
untyped_after() { return 3; }

void do_tests() {
    ASSERT_EQ(1, untyped_before());
    ASSERT_EQ(2, typed());
    ASSERT_EQ(3, untyped_after());
}
