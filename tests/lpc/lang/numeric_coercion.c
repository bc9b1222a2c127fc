// Compile-time int/float conversion on typed stores, compound assignment
// and return, and float variables starting as 0.0 (FluffOS semantics).
#include <tests.h>

float gf;

int int_from_float() { return 7.9; }
float float_from_int() { return 3; }
mixed untyped() { return 2.5; }

void do_tests() {
    float f;
    int i;
    mixed m;

    // declared floats start as a real 0.0, locals and globals alike
    ASSERT_EQ(1, floatp(f));
    ASSERT_EQ(1, floatp(gf));
    ASSERT(!f);

    // an int store into a float becomes a float, and the reverse truncates
    f = 2;
    ASSERT_EQ(2.0, f);
    i = 3.7;
    ASSERT_EQ(3, i);

    // compound assignment keeps the declared type
    i = 10;
    i += 2.5;
    ASSERT_EQ(12, i);
    i = 9;
    i /= 2.0;
    ASSERT_EQ(4, i);
    f = 1;
    f /= 4;
    ASSERT_EQ(0.25, f);
    int *ints = ({ 4 });
    ints[0] += 0.5;
    ASSERT_EQ(({ 4 }), ints);

    // untyped slots still promote
    m = 1;
    m += 0.5;
    ASSERT_EQ(1.5, m);
    mixed *any = ({ 4 });
    any[0] += 0.5;
    ASSERT_EQ(({ 4.5 }), any);

    // return converts to the declared type
    ASSERT_EQ(7, int_from_float());
    ASSERT_EQ(3.0, float_from_int());
    ASSERT_EQ(1, floatp(float_from_int()));
    ASSERT_EQ(2.5, untyped());
}
