// inherit_list, deep_inherit_list, include_list, inherits, children, reload_object,
// memory_info, replace_program.
#include <tests.h>

#define DIR "/fixtures/objects/"
#define A DIR "inh_a"
#define B DIR "inh_b"
#define C DIR "inh_c"
#define D DIR "inh_d"
#define REPLACED DIR "replaced"

object early;

void create() {
    // replace_program() takes effect when this load is over.
    early = new(REPLACED);
}

void test_include_list() {
    object ob = load_object(DIR "includer");
    // Nested includes follow their includer; repeats and files in false
    // #if branches are not listed; paths are absolute.
    ASSERT_EQ(({ DIR "included_outer.h", DIR "included_inner.h" }), include_list(ob));
    ASSERT_EQ(2, ob->value());
    // This file includes tests.h (through the include path).
    ASSERT(member_array("/include/tests.h", include_list()) >= 0);
    ASSERT(catch(include_list(0)));
}

void test_inherit_lists() {
    object c = load_object(C);
    ASSERT_EQ(({ B + ".c", D + ".c" }), inherit_list(c));
    ASSERT_EQ(({ B + ".c", D + ".c" }), shallow_inherit_list(c));
    // Breadth first.
    ASSERT_EQ(({ B + ".c", D + ".c", A + ".c" }), deep_inherit_list(c));
    ASSERT_EQ(({ A + ".c" }), inherit_list(load_object(B)));
    ASSERT_EQ(({ }), inherit_list(load_object(A)));
    ASSERT_EQ(({ }), inherit_list());
    ASSERT_EQ(({ }), deep_inherit_list(this_object()));
    ASSERT(catch(inherit_list(0)));
}

void test_inherits() {
    object c = load_object(C);
    ASSERT_EQ(1, inherits(A, c));
    ASSERT_EQ(1, inherits(B + ".c", c));
    ASSERT_EQ(1, inherits(D, c));
    ASSERT_EQ(0, inherits(C, c));
    ASSERT_EQ(0, inherits(C, load_object(A)));
    ASSERT_EQ(0, inherits(DIR "not_loaded_anywhere", c));
    ASSERT_EQ(0, inherits(A));
    // After A is compiled anew, c still inherits the old program of A.
    destruct(find_object(A));
    ASSERT_EQ(0, inherits(A, c));
    load_object(A);
    ASSERT_EQ(2, inherits(A, c));
}

void test_children() {
    object blueprint = load_object(A);
    object one = new(A), two = new(A);
    ASSERT_EQ(({ blueprint, one, two }), children(A));
    ASSERT_EQ(({ blueprint, one, two }), children(A + ".c"));
    destruct(one);
    ASSERT_EQ(({ blueprint, two }), children(A));
    destruct(two);
    ASSERT_EQ(({ }), children(DIR "nothing_here"));
}

void test_reload_object() {
    object ob = new(DIR "counter");
    ASSERT_EQ(({ 5, 1 }), ob->query());
    ob->bump();
    ASSERT_EQ(({ 6, 1 }), ob->query());
    reload_object(ob);
    ASSERT_EQ(({ 5, 1 }), ob->query());
    ASSERT(catch(reload_object(0)));
    destruct(ob);
}

void test_memory_info() {
    object ob = new(DIR "counter");
    ASSERT(intp(memory_info(ob)));
    ASSERT(memory_info(ob) > 0);
    ASSERT(memory_info() >= memory_info(ob));
    ASSERT(catch(memory_info(0)));
    destruct(ob);
}

mixed *held;

// The total counts what variables hold, including the room an array keeps
// after pops; reclaim_objects() gives that room back.
void test_memory_info_counts_held_arrays() {
    held = ({ });
    for (int i = 0; i < 5000; i++) push_array(held, i);
    int full = memory_info();
    while (sizeof(held)) pop_array(held);
    int drained = memory_info();
    ASSERT(drained > full - 20000);
    reclaim_objects();
    ASSERT(memory_info() < drained - 50000);
    ASSERT_EQ(1, push_array(held, "again"));
    held = 0;
}

void test_replace_program() {
    object ob = new(DIR "replacer");
    // Replaced programs: only the inherited program's functions and
    // variables remain, with the values they had.
    ASSERT_EQ(0, function_exists("only_in_replaced", early));
    ASSERT_EQ(A, function_exists("a_func", early));
    ASSERT_EQ(42, early->query_a());
    ASSERT_EQ(({ }), inherit_list(early));
    ASSERT_EQ(REPLACED, base_name(early));
    // The blueprint replaced its program too, so its clones start with
    // the inherited program (and without the replacing create()).
    ASSERT_EQ(0, function_exists("only_in_replaced", new(REPLACED)));
    ASSERT_EQ(7, new(REPLACED)->query_a());

    // Pending until this execution is over.
    ob->set_a(3);
    ob->replace_now();
    ASSERT(ob->query_pending());
    ASSERT_EQ(DIR "replacer", function_exists("only_in_replacer", ob));
    ASSERT_EQ(3, ob->query_a());

    ASSERT_EQ("*program to replace the current with has to be inherited\n",
              catch(replace_program(DIR "inh_d")));
    ASSERT_EQ("*program to replace the current with has to be inherited\n",
              ob->try_replace(DIR "inh_d"));
    // With an extension the name must match the inherited file exactly:
    // inh_a is compiled from a .c file, so ".lpc" names nothing.
    ASSERT(ob->try_replace(DIR "inh_a.lpc"));
    ASSERT_EQ(0, ob->try_replace(DIR "inh_a.c"));
}

void do_tests() {
    test_include_list();
    test_inherit_lists();
    test_inherits();
    test_children();
    test_reload_object();
    test_memory_info();
    test_memory_info_counts_held_arrays();
    test_replace_program();
}
