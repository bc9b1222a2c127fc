// call_stack(): programs, objects, functions, origins and "file:line" of
// every frame; call_out_info() names a function-pointer call_out.
#include <tests.h>

mixed *inner(int which) { return call_stack(which); }

void test_all_forms_line_up() {
    int n = sizeof(inner(0));
    ASSERT_EQ("inner", inner(2)[0]);
    ASSERT_EQ("test_all_forms_line_up", inner(2)[1]);
    ASSERT_EQ(this_object(), inner(1)[0]);
    for (int i = 0; i <= 4; i++) {
        ASSERT_EQ(n, sizeof(inner(i)));
    }
    foreach (string where in inner(4)) {
        ASSERT(sscanf(where, "%*s:%*d") == 2);
    }
    ASSERT(sizeof(filter(inner(3), (: stringp :))) == n);
}

void test_bad_option() {
    ASSERT(catch(call_stack(5)));
    ASSERT(catch(call_stack(-1)));
}

void later() { }

void test_call_out_info_names() {
    call_out((: later :), 100);
    call_out("later", 100);
    mixed *mine = filter(call_out_info(), (: $1[0] == this_object() :));
    ASSERT_EQ(2, sizeof(mine));
    ASSERT_EQ(({ "<function>", "later" }), sort_array(map(mine, (: $1[1] :)), 1));
    remove_call_out("later");
    remove_call_out();
}

void do_tests() {
    test_all_forms_line_up();
    test_bad_option();
    test_call_out_info_names();
}
