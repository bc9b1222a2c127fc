// A frame parked in an object that is destructed is abandoned at once.
#include <tests.h>

mixed p, gate;

void do_tests() {
    object ob = new("/fixtures/async/owner");
    p = ob->wait_for_gate();
    gate = ob->query_gate();
    ASSERT_EQ(1, sizeof(async_info()));
    ASSERT_EQ(0, promise_status(p));
    destruct(ob);
    ASSERT_EQ(0, sizeof(async_info()));
    ASSERT_EQ(2, promise_status(p));
    ASSERT_EQ("*async function owner was destructed while suspended", promise_result(p));
    // Settling what it awaited later resumes nothing.
    promise_resolve(gate, 1);
}

void after_microtasks() {
    ASSERT_EQ(2, promise_status(p));
    ASSERT_EQ(0, sizeof(async_info()));
}
