// push_array, pop_array, shift_array, unshift_array: they change the array
// the variable holds, in place.
#include <tests.h>

void test_push_and_pop() {
    mixed *a = ({ 1, 2 });
    mixed *alias = a;
    ASSERT_EQ(3, push_array(a, 3));
    ASSERT_EQ(({ 1, 2, 3 }), a);
    ASSERT_EQ(({ 1, 2, 3 }), alias);
    ASSERT_EQ(4, push_array(a, ({ 4 })));
    ASSERT_EQ(({ 4 }), pop_array(a));
    ASSERT_EQ(3, pop_array(a));
    ASSERT_EQ(({ 1, 2 }), a);
    a = ({ });
    ASSERT(undefinedp(pop_array(a)));
    ASSERT_EQ(({ }), a);
}

void test_shift_and_unshift() {
    string *q = ({ "b" });
    ASSERT_EQ(2, unshift_array(q, "a"));
    ASSERT_EQ(({ "a", "b" }), q);
    ASSERT_EQ("a", shift_array(q));
    ASSERT_EQ("b", shift_array(q));
    ASSERT(undefinedp(shift_array(q)));
    ASSERT_EQ(0, sizeof(q));
}

void test_ref_arguments_and_queues() {
    mixed *stack = ({ });
    for (int i = 0; i < 5; i++) push_array(ref stack, i);
    ASSERT_EQ(({ 0, 1, 2, 3, 4 }), stack);
    int total;
    while (sizeof(stack)) total += shift_array(stack);
    ASSERT_EQ(10, total);
}

void test_errors() {
    ASSERT(catch(push_array(0, 1)));
    ASSERT(catch(pop_array("abc")));
    ASSERT(catch(shift_array(([]))));
    ASSERT(catch(unshift_array(1, 1)));
}

void do_tests() {
    test_push_and_pop();
    test_shift_and_unshift();
    test_ref_arguments_and_queues();
    test_errors();
}
