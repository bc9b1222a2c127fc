// Changing an array's size makes a new array for the variable that was
// assigned; other variables holding the old array keep it unchanged.
// Replacing a range with one of the same length changes it in place.
#include <tests.h>

void test_range_assignment_resizes_a_copy() {
    mixed *a = ({ 1, 2, 3 });
    mixed *other = a;
    a[1..1] = ({ 7, 8 });
    ASSERT_EQ(({ 1, 7, 8, 3 }), a);
    ASSERT_EQ(({ 1, 2, 3 }), other);
    a = ({ 1, 2, 3 });
    other = a;
    a[0..1] = ({ });
    ASSERT_EQ(({ 3 }), a);
    ASSERT_EQ(3, sizeof(other));
}

void test_same_length_range_is_in_place() {
    mixed *a = ({ 1, 2, 3 });
    mixed *other = a;
    a[0..1] = ({ 5, 6 });
    ASSERT_EQ(({ 5, 6, 3 }), other);
}

mixed *global_list = ({ "x", "y" });

void test_globals_and_nested_containers() {
    mixed *seen = global_list;
    global_list[2..] = ({ "z" });
    ASSERT_EQ(({ "x", "y", "z" }), global_list);
    ASSERT_EQ(2, sizeof(seen));
    // a range inside another container still changes that element
    mixed *outer = ({ ({ 1, 2 }) });
    outer[0][1..1] = ({ 3, 4 });
    ASSERT_EQ(({ 1, 3, 4 }), outer[0]);
}

void do_tests() {
    test_range_assignment_resizes_a_copy();
    test_same_length_range_is_in_place();
    test_globals_and_nested_containers();
}
