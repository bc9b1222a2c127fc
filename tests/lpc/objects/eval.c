// set_eval_limit, reset_eval_cost, eval_cost, max_eval_cost, origin, master.
#include <tests.h>

string my_origin() { return origin(); }

string origin_callback(mixed x) { return origin(); }

// Functions named by string from efuns (map, filter, sort_array) report
// "efun".

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
    ASSERT_EQ(({ "efun" }), map(({ 1 }), "origin_callback"));
    ASSERT_EQ(({ 2 }), filter(({ 1, 2 }), (: $1 == 2 && origin_callback($1) == "local" :)));
    ASSERT_EQ(({ 1 }), filter(({ 1 }), "efun_origin"));
    // An efun called through a pointer is entered as a function pointer.
    ASSERT_EQ("function pointer", evaluate((: origin :)));
}

int efun_origin(mixed x) { return origin() == "efun"; }

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
