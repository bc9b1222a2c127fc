// Operators: arithmetic, logical, nullish, compound and logical
// assignment, indexing from the end, ranges, member access, sscanf,
// array and mapping arithmetic.
#include <tests.h>

class box { int n; mixed *items; }

void do_tests() {
    int a = 6, b = 4;
    ASSERT_EQ(10, a + b);
    ASSERT_EQ(2, a - b);
    ASSERT_EQ(24, a * b);
    ASSERT_EQ(1, a / b);
    ASSERT_EQ(2, a % b);
    ASSERT_EQ(4, a & b);
    ASSERT_EQ(6, a | b);
    ASSERT_EQ(2, a ^ b);
    ASSERT_EQ(24, a << 2);
    ASSERT_EQ(-2, -8 >> 2);
    ASSERT_EQ(-7, ~a);
    ASSERT_EQ(1, a > b && b > 0);
    // || and && yield the deciding operand, not just 0 or 1.
    ASSERT_EQ(4, a < b || b);
    ASSERT_EQ(0, a > b && 0);
    ASSERT_EQ(0, !a);
    ASSERT_EQ(5, a > b ? 5 : 7);

    // increments
    int i = 5;
    ASSERT_EQ(5, i++);
    ASSERT_EQ(7, ++i);
    ASSERT_EQ(7, i--);
    ASSERT_EQ(5, --i);

    // compound assignment
    i = 10; i += 5; i -= 3; i *= 2; i /= 4; i %= 4;
    ASSERT_EQ(2, i);
    string s = "ab"; s += "cd"; s += 1;
    ASSERT_EQ("abcd1", s);

    // nullish and logical assignment
    mapping m = ([ "zero": 0 ]);
    ASSERT_EQ(0, m["zero"] ?? 5);
    ASSERT_EQ(5, m["missing"] ?? 5);
    m["x"] ??= 3;
    m["x"] ??= 4;
    ASSERT_EQ(3, m["x"]);
    int z = 0;
    z ||= 9;
    ASSERT_EQ(9, z);
    z &&= 2;
    ASSERT_EQ(2, z);

    // member access on mappings, optional chaining
    mapping cfg = ([ "name": "ferrum", "inner": ([ "level": 3 ]) ]);
    ASSERT_EQ("ferrum", cfg.name);
    ASSERT_EQ(3, cfg.inner.level);
    cfg.name = "iron";
    ASSERT_EQ("iron", cfg["name"]);
    mixed nothing = 0;
    ASSERT(undefinedp(nothing?.name));
    ASSERT_EQ(3, cfg?.inner?.level);

    // indexing from the end and ranges
    int *arr = ({ 1, 2, 3, 4, 5 });
    ASSERT_EQ(5, arr[<1]);
    ASSERT_EQ(({ 2, 3 }), arr[1..2]);
    ASSERT_EQ(({ 4, 5 }), arr[<2..]);
    ASSERT_EQ(({ 1, 2, 3, 4 }), arr[0..<2]);
    ASSERT_EQ(({ }), arr[3..1]);
    ASSERT_EQ("ell", "hello"[1..3]);
    ASSERT_EQ("lo", "hello"[<2..]);

    // assignable indexes and ranges
    arr[<1] = 50;
    ASSERT_EQ(50, arr[4]);
    arr[1..2] = ({ 7 });
    ASSERT_EQ(({ 1, 7, 4, 50 }), arr);
    string word = "hello";
    word[0] = 'j';
    ASSERT_EQ("jello", word);
    word[1..3] = "ELL";
    ASSERT_EQ("jELLo", word);
    mixed *nested = ({ ({ 1, 2 }), ({ 3 }) });
    nested[0][1] = 9;
    ASSERT_EQ(({ ({ 1, 9 }), ({ 3 }) }), nested);
    arr[0] += 10;
    ASSERT_EQ(11, arr[0]);
    arr[0]++;
    ASSERT_EQ(12, arr[0]);

    // classes
    class box bx = new(class box, n: 1, items: ({ }));
    bx->n += 2;
    bx->items += ({ "x" });
    ASSERT_EQ(3, bx->n);
    ASSERT_EQ(({ "x" }), bx->items);

    // sscanf
    int n1, n2;
    string w;
    ASSERT_EQ(3, sscanf("12 apples 7", "%d %s %d", n1, w, n2));
    ASSERT_EQ(12, n1);
    ASSERT_EQ("apples", w);
    ASSERT_EQ(7, n2);
    n2 = -1;
    ASSERT_EQ(1, sscanf("5 x", "%d %d", n1, n2));
    ASSERT_EQ(-1, n2);

    // array and mapping arithmetic
    ASSERT_EQ(({ 1, 2, 3, 4 }), ({ 1, 2 }) + ({ 3, 4 }));
    ASSERT_EQ(({ 1, 3 }), ({ 1, 2, 3, 2 }) - ({ 2 }));
    ASSERT_EQ(({ 2, 3 }), ({ 1, 2, 3 }) & ({ 2, 3, 4 }));
    ASSERT_EQ(({ 1, 2, 3, 4 }), ({ 1, 2, 3 }) | ({ 2, 3, 4 }));
    mapping m2 = ([ "a": 1 ]) + ([ "b": 2 ]);
    ASSERT_EQ(2, sizeof(m2));
    ASSERT_EQ(2, m2["b"]);

    // string comparisons and concatenation with numbers
    ASSERT("abc" < "abd");
    ASSERT_EQ("x1", "x" + 1);
    ASSERT_EQ("1x", 1 + "x");
    ASSERT_EQ("x1.500000", "x" + 1.5);
}
