// A default argument made only of efuns runs in the caller's context when
// reached by call_other (FluffOS); one that reads the callee's globals
// stays in the callee.
#include <tests.h>

void do_tests() {
    object ob = load_object("/fixtures/default_context");
    ASSERT_EQ(this_object(), ob->who());
    ASSERT_EQ(ob, ob->via_local());
    ASSERT_EQ(ob, ob->who(ob));
    ASSERT_EQ(42, ob->plus_base());
    ASSERT_EQ(5, ob->plus_base(5));
}
