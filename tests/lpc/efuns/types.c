// Type predicates and conversions.
#include <tests.h>

class C { int v; }

int glob;
int local_fn() { return 1; }

void test_predicates() {
    ASSERT(intp(1)); ASSERT(intp(0)); ASSERT(!intp(1.0)); ASSERT(!intp("1"));
    ASSERT(floatp(1.5)); ASSERT(!floatp(1));
    ASSERT(stringp("s")); ASSERT(!stringp(0));
    ASSERT(objectp(this_object())); ASSERT(!objectp(0));
    ASSERT(mapp(([ ]))); ASSERT(!mapp(({ })));
    ASSERT(pointerp(({ }))); ASSERT(arrayp(({ 1 }))); ASSERT(!arrayp("s"));
    ASSERT(bufferp(allocate_buffer(1))); ASSERT(!bufferp("s"));
    ASSERT(classp(new(class C))); ASSERT(!classp(({ })));
    ASSERT(!functionp(0)); ASSERT(!functionp("foo"));
    ASSERT(functionp((: local_fn :)));
}

void test_undefinedp() {
    mapping m = ([ "a": 0 ]);
    ASSERT(undefinedp(m["b"]));
    ASSERT(!undefinedp(m["a"]));
    ASSERT(!undefinedp(0));
    ASSERT(nullp(m["zz"]));
}

void test_destructed_objects() {
    object ob = new("/fixtures/simple");
    destruct(ob);
    ASSERT(!objectp(ob));
    ASSERT(intp(ob));
    ASSERT_EQ("int", typeof(ob));
}

void test_functionp_flags() {
    // FluffOS include/function.h values.
    ASSERT_EQ(2, functionp((: local_fn :)) & 0x0f);          // FP_LOCAL
    ASSERT(functionp((: local_fn :)) & 0x40);                // FP_NOT_BINDABLE
    ASSERT_EQ(3, functionp((: time :)) & 0x0f);              // FP_EFUN
    ASSERT_EQ(5, functionp((: $1 + 1 :)) & 0x0f);            // FP_FUNCTIONAL
    ASSERT(!(functionp((: $1 + 1 :)) & 0x40));
    ASSERT(functionp((: glob + $1 :)) & 0x40);
    ASSERT(functionp((: local_fn, 1 :)) & 0x10);             // FP_HAS_ARGUMENTS
    ASSERT(!(functionp((: local_fn :)) & 0x20));             // owner alive
}

void test_typeof() {
    ASSERT_EQ("int", typeof(1));
    ASSERT_EQ("float", typeof(1.5));
    ASSERT_EQ("string", typeof("s"));
    ASSERT_EQ("array", typeof(({ })));
    ASSERT_EQ("mapping", typeof(([ ])));
    ASSERT_EQ("object", typeof(this_object()));
    ASSERT_EQ("function", typeof((: 1 :)));
    ASSERT_EQ("buffer", typeof(allocate_buffer(1)));
    ASSERT_EQ("class", typeof(new(class C)));
}

void test_to_int() {
    ASSERT_EQ(3, to_int(3.9));
    ASSERT_EQ(-3, to_int(-3.9));
    ASSERT_EQ(12, to_int("12abc"));
    ASSERT_EQ(-7, to_int("  -7"));
    ASSERT(undefinedp(to_int("abc")));
    ASSERT_EQ(5, to_int(5));
    ASSERT(catch(to_int(({ }))));
}

void test_to_float() {
    ASSERT_EQ(1.5, to_float("1.5"));
    ASSERT_EQ(250.0, to_float("2.5e2xyz"));
    ASSERT_EQ(0.0, to_float("garbage"));
    ASSERT_EQ(3.0, to_float(3));
    ASSERT(floatp(to_float(3)));
    ASSERT_EQ(2.5, to_float(2.5));
    ASSERT(catch(to_float(({ }))));
}

void do_tests() {
    test_predicates();
    test_undefinedp();
    test_destructed_objects();
    test_functionp_flags();
    test_typeof();
    test_to_int();
    test_to_float();
}
