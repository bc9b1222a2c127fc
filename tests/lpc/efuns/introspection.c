// functions, variables, fetch_variable/store_variable, replaceable,
// test_load, query_replaced_program, all_previous_objects.
#include <tests.h>

#define CHILD "/fixtures/introspection/child"
#define BASE "/fixtures/introspection/base"

void test_functions() {
    object ob = load_object(CHILD);
    ASSERT_EQ(({ "base_fn", "create", "own" }), functions(ob));
    ASSERT_EQ(({ ({ "base_fn", 1, "int", "int" }),
                 ({ "create", 0, "void" }),
                 ({ "own", 2, "string", "string", "int *" }) }), functions(ob, 1));
    ASSERT(catch(functions(0)));
    // flag 2: only what the child itself defines (its override included)
    ASSERT_EQ(({ "base_fn", "own" }), sort_array(functions(ob, 2), 1));
    ASSERT_EQ(({ ({ "base_fn", 1, "int", "int" }), ({ "own", 2, "string", "string", "int *" }) }),
              sort_array(functions(ob, 3), (: strcmp($1[0], $2[0]) :)));
}

void test_variables() {
    object ob = load_object(CHILD);
    ASSERT_EQ(({ "base_var", "secret", "counter", "table" }), variables(ob));
    ASSERT_EQ(({ ({ "base_var", "int" }), ({ "secret", "int" }), ({ "counter", "int" }),
                 ({ "table", "mapping" }) }), variables(ob, 1));
}

int mine = 5;

void test_fetch_and_store() {
    object ob = load_object(CHILD);
    ASSERT_EQ(3, fetch_variable("base_var", ob));
    ASSERT_EQ(7, fetch_variable("secret", ob));
    store_variable("counter", 42, ob);
    ASSERT_EQ(42, fetch_variable("counter", ob));
    ASSERT_EQ(5, fetch_variable("mine"));
    store_variable("mine", ({ 1 }));
    ASSERT_EQ(({ 1 }), mine);
    ASSERT_EQ("*No variable named 'nothing'!\n", catch(fetch_variable("nothing", ob)));
    ASSERT(catch(store_variable("nothing", 1)));
}

void test_replaceable() {
    ASSERT_EQ(0, replaceable(load_object(CHILD)));
    ASSERT_EQ(1, replaceable(load_object("/fixtures/introspection/plain")));
    ASSERT_EQ(0, replaceable(load_object("/fixtures/introspection/plain"), ({ })));
    ASSERT_EQ(1, replaceable(load_object(CHILD), ({ "base_fn", "own" })));
}

void test_test_load() {
    ASSERT_EQ(1, test_load(CHILD));
    ASSERT_EQ(1, test_load("/fixtures/introspection/plain"));
    ASSERT_EQ(0, test_load("/fixtures/introspection/broken"));
    ASSERT_EQ(0, test_load("/fixtures/introspection/missing"));
    // test_load makes no object.
    ASSERT_EQ(0, find_object("/fixtures/introspection/broken"));
    ASSERT(catch(test_load(0)));
}

void test_replaced_program() {
    load_object("/fixtures/introspection/replacer");
    ASSERT_EQ(0, query_replaced_program());
    ASSERT_EQ(0, query_replaced_program(load_object(CHILD)));
    // The replacement happens once the running evaluation is over:
    // after_microtasks() looks.
}

object *seen_previous;
mixed seen_previous_one;

object *record_previous() {
    seen_previous = all_previous_objects();
    seen_previous_one = all_previous_objects(0);
    return seen_previous;
}

void test_all_previous_objects() {
    this_object()->record_previous();
    ASSERT_EQ(({ this_object() }), seen_previous[0..0]);
    ASSERT_EQ(this_object(), seen_previous_one);
    ASSERT_EQ(previous_object(-1), all_previous_objects());
}

void do_tests() {
    test_functions();
    test_variables();
    test_fetch_and_store();
    test_replaceable();
    test_test_load();
    test_replaced_program();
    test_all_previous_objects();
}

void after_microtasks() {
    object ob = find_object("/fixtures/introspection/replacer");
    ASSERT_EQ(BASE + ".c", query_replaced_program(ob));
}
