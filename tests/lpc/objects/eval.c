// set_eval_limit, reset_eval_cost, eval_cost, max_eval_cost, origin, master.
#include <tests.h>

string my_origin() { return origin(); }

string origin_callback(mixed x) { return origin(); }

// Functions named by string from efuns report "efun"; that is checked in the
// Rust tests (crates/ferrum-efuns/src/objects/tests.rs) until map() and
// friends call back through Vm::apply_for_efun.

void test_eval_limits() {
    int max = max_eval_cost();
    ASSERT(max > 0);
    ASSERT_EQ(max, set_eval_limit(1));
    ASSERT(eval_cost() > 0);
    ASSERT(eval_cost() <= max);
    ASSERT_EQ(eval_cost() > 0, set_eval_limit(-1) > 0);
    ASSERT_EQ(max, reset_eval_cost());
    ASSERT(eval_cost() > max - 1000);

    ASSERT_EQ(123456789, set_eval_limit(123456789));
    ASSERT_EQ(123456789, max_eval_cost());
    ASSERT_EQ(123456789, reset_eval_cost());
    ASSERT_EQ(max, set_eval_limit(max));
    ASSERT_EQ(max, max_eval_cost());
    ASSERT_EQ("*Invalid number.\n", catch(set_eval_limit(-2)));
}

void test_origin() {
    ASSERT_EQ("local", my_origin());
    ASSERT_EQ("call_other", this_object()->my_origin());
    ASSERT_EQ("call_other", call_other(this_object(), "my_origin"));
    ASSERT_EQ("call_other", load_object("/fixtures/objects/victim")->victim_origin());
    ASSERT_EQ("local", evaluate((: my_origin :)));
    ASSERT_EQ("functional", evaluate((: origin() :)));
    ASSERT_EQ("functional", evaluate(function() { return origin(); }));
    ASSERT_EQ(({ "local" }), map(({ 1 }), (: origin_callback :)));
}

// An efun pointer runs as the object that made it, wherever it is
// evaluated (FluffOS's fake frame); a call_out of (: socket_write, ... :)
// relies on this.
void test_efun_pointer_acts_as_creator() {
    object v = load_object("/fixtures/objects/victim");
    ASSERT_EQ(this_object(), v->victim_evaluate((: this_object :)));
    ASSERT_EQ(this_object(), v->victim_evaluate((: this_object() :)));
}

void test_destructed_caller() {
    object v = new("/fixtures/objects/victim");
    ASSERT_EQ(1, v->destruct_then_call());
    ASSERT_EQ(0, v);
}

void test_master() {
    ASSERT(objectp(master()));
    ASSERT_EQ(master(), master());
}

void do_tests() {
    // do_tests() itself is applied by the driver.
    ASSERT_EQ("driver", origin());
    test_eval_limits();
    test_origin();
    test_efun_pointer_acts_as_creator();
    test_destructed_caller();
    test_master();
}
