// Math efuns.
#include <tests.h>

int close_to(float a, float b) { return a - b < 0.000001 && b - a < 0.000001; }

void test_float_functions() {
    ASSERT(close_to(1.0, cos(0.0)));
    ASSERT(close_to(0.0, sin(0.0)));
    ASSERT(close_to(0.0, tan(0.0)));
    ASSERT(close_to(1.5707963, asin(1.0)));
    ASSERT(close_to(0.0, acos(1.0)));
    ASSERT(close_to(0.7853981, atan(1.0)));
    ASSERT_EQ(4.0, sqrt(16));
    ASSERT_EQ(1.5, sqrt(2.25));
    ASSERT_EQ(0.0, log(1.0));
    ASSERT_EQ(3.0, log10(1000));
    ASSERT_EQ(3.0, log2(8));
    ASSERT_EQ(1024.0, pow(2, 10));
    ASSERT_EQ(1.0, exp(0.0));
    ASSERT_EQ(-2.0, floor(-1.5));
    ASSERT_EQ(-1.0, ceil(-1.5));
    ASSERT_EQ(3.0, round(2.5));
    ASSERT_EQ(2.0, round(2.4));
}

void test_domain_errors() {
    ASSERT_EQ("*math: asin(x) with (x < -1.0)\n", catch(asin(-1.5)));
    ASSERT_EQ("*math: asin(x) with (x > 1.0)\n", catch(asin(1.5)));
    ASSERT_EQ("*math: acos(x) with (x > 1.0)\n", catch(acos(2.0)));
    ASSERT_EQ("*math: sqrt(x) with (x < 0.0)\n", catch(sqrt(-1)));
    ASSERT_EQ("*math: log(x) with (x <= 0.0)\n", catch(log(0.0)));
    ASSERT_EQ("*math: log10(x) with (x <= 0.0)\n", catch(log10(-3)));
    ASSERT_EQ("*math: log2(x) with (x <= 0.0)\n", catch(log2(0)));
}

void test_vectors() {
    ASSERT_EQ(5.0, norm(({ 3, 4 })));
    ASSERT_EQ(32.0, dotprod(({ 1, 2.0, 3 }), ({ 4, 5, 6 })));
    ASSERT_EQ(5.0, distance(({ 0, 0 }), ({ 3, 4 })));
    ASSERT(close_to(1.5707963, angle(({ 1, 0 }), ({ 0, 1 }))));
    ASSERT_EQ("*norm: invalid argument 1.\n", catch(norm(({ 1, "x" }))));
    ASSERT_EQ("*dotprod: cannot take the dotprod of vectors of different sizes.\n",
              catch(dotprod(({ 1 }), ({ 1, 2 }))));
    ASSERT_EQ("*dotprod: invalid arg 2.\n", catch(dotprod(({ 1, 2 }), ({ 1, "x" }))));
    ASSERT_EQ("*distance: cannot take the distance of vectors of different sizes.\n",
              catch(distance(({ 1 }), ({ }))));
    ASSERT_EQ("*angle: cannot calculate the angle between vectors of different sizes.\n",
              catch(angle(({ 1 }), ({ 1, 2 }))));
}

void test_random() {
    int seen = 0;
    for (int i = 0; i < 100; i++) {
        int r = random(5), s = secure_random(5);
        ASSERT(r >= 0 && r < 5);
        ASSERT(s >= 0 && s < 5);
        seen |= 1 << r;
    }
    ASSERT(seen > 1);
    ASSERT_EQ(0, random(0));
    ASSERT_EQ(0, random(-5));
    ASSERT_EQ(0, secure_random(0));
    ASSERT_EQ(0, random(1));
}

void test_abs_min_max() {
    ASSERT_EQ("1", "" + abs(-1));
    ASSERT_EQ("0", "" + abs(0));
    ASSERT_EQ("1.000000", "" + abs(-1.0));
    ASSERT_EQ("0.000000", "" + abs(-0.0));
    ASSERT_EQ(7.5, max(({ 3, 7.5, -2, 7 })));
    ASSERT_EQ(1, max(({ 3, 7.5, -2, 7 }), 1));
    ASSERT_EQ(-2, min(({ 3, 7.5, -2, 7 })));
    ASSERT_EQ(2, min(({ 3, 7.5, -2, 7 }), 1));
    ASSERT_EQ("zoo", max(({ "pear", "apple", "zoo" })));
    ASSERT_EQ("apple", min(({ "pear", "apple", "zoo" })));
    ASSERT_EQ("*Can't find max of an empty array.\n", catch(max(({ }))));
    ASSERT_EQ("*Inhomogeneous array.\n", catch(min(({ 1, "a" }))));
    ASSERT_EQ("*Array must consist of ints, floats or strings.\n", catch(max(({ ({ 1 }) }))));
    for (int i = 0; i < 20; i++) {
        int r = roll_MdN(3, 6);
        ASSERT(r >= 3 && r <= 18);
    }
    ASSERT_EQ(0, roll_MdN(0, 6));
}

void do_tests() {
    test_float_functions();
    test_domain_errors();
    test_vectors();
    test_random();
    test_abs_min_max();
}
