// load_object/find_object and their "load it" flag.
#include <tests.h>

#define THING "/fixtures/objects/thing"

void test_flags() {
    object ob = find_object(THING);
    if (ob) destruct(ob);
    // Without the flag find_object only finds; load_object(path, 0) too.
    ASSERT_EQ(0, find_object(THING));
    ASSERT_EQ(0, load_object(THING, 0));
    ob = find_object(THING, 1);
    ASSERT(ob);
    ASSERT_EQ(ob, load_object(THING));
    ASSERT_EQ(ob, load_object(THING, 0));
    destruct(ob);
    ob = load_object(THING, 1);
    ASSERT_EQ(THING, file_name(ob));
}

void test_missing_file_is_zero() {
    // No source file: 0, not an error.
    ASSERT_EQ(0, load_object("/fixtures/objects/no_such_file"));
    ASSERT_EQ(0, find_object("/no/such/dir/thing", 1));
}

void test_broken_source_is_error() {
    ASSERT(catch(load_object("/fixtures/objects/broken")));
}

void do_tests() {
    test_flags();
    test_missing_file_is_zero();
    test_broken_source_is_error();
}
