// call_out(delay) as a timer promise and await_callout(handle): what is
// decided before any call_out runs.
#include <tests.h>

void cb() { }

void test_timer_promises() {
    mixed p = call_out(3);
    ASSERT_EQ("promise", typeof(p));
    ASSERT_EQ(0, promise_status(p));
    ASSERT_EQ("promise", typeof(call_out(0.25)));
    ASSERT_EQ("promise", typeof(call_out_walltime(2)));
    mixed *timers = filter(call_out_info(), (: $1[1] == "<timer>" :));
    ASSERT_EQ(3, sizeof(timers));
    // a timer has no name to find or remove it by
    ASSERT_EQ(-1, find_call_out("<timer>"));
    ASSERT_EQ(-1, remove_call_out("<timer>"));
    // removing everything rejects the timers
    remove_call_out();
    ASSERT_EQ(2, promise_status(p));
    ASSERT_EQ("*call_out removed before it ran\n", promise_result(p));
}

void test_argument_errors() {
    ASSERT(catch(call_out(2, "extra")));
    ASSERT(catch(call_out((: cb :))));
    ASSERT(catch(call_out((: cb :), "soon")));
    ASSERT(catch(await_callout(987654)));
}

void test_await_callout_promises() {
    int h = call_out((: cb :), 10);
    mixed p = await_callout(h);
    ASSERT_EQ("promise", typeof(p));
    ASSERT(p == await_callout(h));
    ASSERT_EQ(0, promise_status(p));
    remove_call_out(h);
    ASSERT_EQ(2, promise_status(p));
    ASSERT(catch(await_callout(h)));
}

void do_tests() {
    test_timer_promises();
    test_argument_errors();
    test_await_callout_promises();
}
