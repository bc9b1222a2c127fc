// push_array, pop_array, shift_array, unshift_array: they take their array
// by reference; a shared array is copied and only the passed variable or
// element is rebound, an unshared one changes in place.
#include <tests.h>

void test_push_and_pop() {
    mixed *a = ({ 1, 2 });
    mixed *alias = a;
    ASSERT_EQ(3, push_array(a, 3));
    ASSERT_EQ(({ 1, 2, 3 }), a);
    // alias shared the array, so it keeps the old one
    ASSERT_EQ(({ 1, 2 }), alias);
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

mixed *kept;

void test_shared_arrays_are_rebound() {
    mixed *a = ({ 1, 2, 3 }), *seen = ({ });
    kept = a;
    ASSERT_EQ(1, shift_array(a));
    ASSERT_EQ(({ 2, 3 }), a);
    ASSERT_EQ(({ 1, 2, 3 }), kept);
    // a loop walks the array it started with
    a = ({ 1, 2 });
    foreach (int x in a) {
        push_array(a, x * 10);
        push_array(seen, x);
    }
    ASSERT_EQ(({ 1, 2 }), seen);
    ASSERT_EQ(({ 1, 2, 10, 20 }), a);
}

void test_elements_and_mapping_values() {
    mapping m = ([ "q": ({ 1 }) ]);
    mixed *outer = ({ ({ 5 }), ({ 6 }) });
    ASSERT_EQ(2, push_array(m["q"], 2));
    ASSERT_EQ(({ 1, 2 }), m["q"]);
    ASSERT_EQ(2, pop_array(m["q"]));
    ASSERT_EQ(2, push_array(outer[1], 7));
    ASSERT_EQ(({ ({ 5 }), ({ 6, 7 }) }), outer);
    // the element reference writes into the container it was taken from,
    // even when the argument after it rebinds the variable
    push_array(outer[0], push_array(outer, 8));
    ASSERT_EQ(({ 5 }), outer[0]);
    ASSERT_EQ(8, outer[2]);
}

void test_destructed_objects_pop_as_undefined() {
    object ob = new("/fixtures/objects/counter");
    mixed *a = ({ ob });
    destruct(ob);
    mixed v = pop_array(a);
    ASSERT(undefinedp(v));
}

void test_errors() {
    // The first argument must be a variable (a literal does not compile),
    // so wrong types arrive through mixed variables.
    mixed zero = 0, str = "abc", map = ([]), one = 1;
    ASSERT(catch(push_array(zero, 1)));
    ASSERT(catch(pop_array(str)));
    ASSERT(catch(shift_array(map)));
    ASSERT(catch(unshift_array(one, 1)));
}

void do_tests() {
    test_push_and_pop();
    test_shift_and_unshift();
    test_ref_arguments_and_queues();
    test_shared_arrays_are_rebound();
    test_elements_and_mapping_values();
    test_destructed_objects_pop_as_undefined();
    test_errors();
}
