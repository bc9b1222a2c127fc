// A frame parked in an object whose program replace_program() swapped
// cannot continue: its variables moved.
#include <tests.h>

mixed p;

void do_tests() {
    object ob = new("/fixtures/async/replacer");
    p = ob->wait_gate();
    promise gate = ob->query_gate();
    ob->replace_now();
    promise_resolve(gate, 1);
}

void after_microtasks() {
    ASSERT_EQ(2, promise_status(p));
    ASSERT_EQ("*async function owner's program was replaced while suspended", promise_result(p));
}
