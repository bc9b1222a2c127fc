// defer() in an async function: what it deferred waits while the function
// is parked and runs when the function really ends.
#include <tests.h>

promise gate;
string *order = ({ });

async void waits() {
    defer((: order += ({ "deferred" }) :));
    order += ({ "before" });
    await gate;
    order += ({ "after" });
}

void other() { order += ({ "other" }); }

void do_tests() {
    gate = promise_create();
    waits();
    // Another function returning at the parked frame's depth runs nothing.
    other();
    ASSERT_EQ(({ "before", "other" }), order);
    promise_resolve(gate, 1);
}

void after_microtasks() {
    ASSERT_EQ(({ "before", "other", "after", "deferred" }), order);
}
