// Runtime errors: messages, catch, throw, limits. None of them may stop
// the caller.
#include <tests.h>

int depth(int n) { return depth(n + 1); }

void do_tests() {
    // Constant operands would be rejected at compile time (as in FluffOS).
    int zero = 0, five = 5;
    ASSERT_EQ("*Division by zero\n", catch(1 / zero));
    ASSERT_EQ("*Modulus by zero.\n", catch(1 % zero));
    ASSERT_EQ("*Array index out of bounds.\n", catch(({ 1 })[five]));
    ASSERT_EQ("*Value being indexed is zero.\n", catch(((mixed)0)[1]));
    ASSERT_EQ("*Too deep recursion.\n", catch(depth(0)));
    ASSERT(catch(call_other(0, "x")));
    ASSERT_EQ(17, catch(throw(17)));
    mixed *err = catch(throw(({ "custom", 1 })));
    ASSERT_EQ(({ "custom", 1 }), err);
    ASSERT(catch(([ ])["x"]["y"] = 1));
    ASSERT(catch("abc" + ({ })));
    // After all that, the object still works.
    ASSERT_EQ(2, 1 + 1);
}
