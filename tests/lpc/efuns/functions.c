// Function pointer efuns: evaluate, apply, bind, function_owner.
#include <tests.h>

int glob;

int triple(int x) { return x * 3; }

#define CANT_BIND(f) ASSERT(catch(bind(f, ob)))
#define CAN_BIND(f) ASSERT(bind(f, ob))

void test_evaluate() {
    ASSERT_EQ(9, evaluate((: triple :), 3));
    ASSERT_EQ(7, evaluate((: $1 + $2 :), 3, 4));
    ASSERT_EQ(12, evaluate((: triple, 4 :)));
    ASSERT_EQ(5, evaluate(5));
    ASSERT_EQ("s", evaluate("s"));
    ASSERT_EQ("*boom\n", catch(evaluate((: error("boom") :))));
}

void test_apply() {
    ASSERT_EQ(7, apply((: $1 + $2 :), ({ 3, 4 })));
    ASSERT_EQ(6, apply((: triple :), ({ 2 })));
    ASSERT_EQ(5, apply(5, ({ 1 })));
}

void test_bind() {
    object ob = new("/fixtures/simple");
    function f;
    CANT_BIND((: do_tests :));
    CANT_BIND((: glob :));
    CANT_BIND((: glob + 1 :));
    CANT_BIND((: do_tests() :));
    CAN_BIND((: $1 + $2 :));
    ASSERT_EQ("*Illegal to rebind a pointer to a local function.\n", catch(bind((: triple :), ob)));
    ASSERT(functionp(bind((: $1 :), this_object())));
    ASSERT_EQ(7, evaluate(bind((: $1 + $2 :), this_object()), 3, 4));
    f = bind((: $1 * 2 :), ob);
    ASSERT(function_owner(f) == ob);
    ASSERT_EQ(8, evaluate(f, 4));
    destruct(ob);
}

void test_function_owner() {
    object ob = new("/fixtures/simple");
    function f = bind((: 1 :), ob);
    ASSERT(function_owner((: triple :)) == this_object());
    ASSERT(function_owner(f) == ob);
    destruct(ob);
    ASSERT_EQ(0, function_owner(f));
    ASSERT(functionp(f) & 0x20);    // FP_OWNER_DESTED
}

void do_tests() {
    test_evaluate();
    test_apply();
    test_bind();
    test_function_owner();
}
