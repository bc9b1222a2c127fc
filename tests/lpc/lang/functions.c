// Function pointers, functionals, anonymous functions, varargs, rest
// parameters, spread, default arguments and ref parameters.
#include <tests.h>

int comma_calls;
int base = 100;

int add(int a, int b) { return a + b; }
int add_base(int a) { return a + base; }
varargs int count_args(int a, int b, int c) {
    return !undefinedp(a) + !undefinedp(b) + !undefinedp(c);
}
int sum(int first, int *rest...) {
    int total = first;
    foreach (int x in rest) total += x;
    return total;
}
string greet(string who, string greeting: (: "hello" :)) {
    return greeting + " " + who;
}
void bump(int ref x) { x++; }
void fill(mixed ref arr) { arr = ({ 1, 2 }); }
void set_char(int ref c) { c = 'Z'; }
void drop_then_set(mapping m, int ref c) { map_delete(m, "k"); c = 'Y'; }

void do_tests() {
    function f = (: add :);
    ASSERT_EQ(5, evaluate(f, 2, 3));
    ASSERT_EQ(5, (*f)(2, 3));
    ASSERT_EQ(5, f(2, 3));

    function g = (: add, 10 :);
    ASSERT_EQ(15, evaluate(g, 5));

    function h = (: $1 * $2 + 1 :);
    ASSERT_EQ(7, evaluate(h, 2, 3));

    int local = 7;
    function cap = (: $1 + $(local) :);
    local = 1000;
    ASSERT_EQ(10, evaluate(cap, 3));

    function e = (: efun::strlen :);
    ASSERT_EQ(3, evaluate(e, "abc"));
    function e2 = (: strlen :);
    ASSERT_EQ(2, evaluate(e2, "ab"));

    // A head that is not a bare name makes a comma expression, as in
    // FluffOS: the call happens when evaluated, the last value is returned.
    int before = comma_calls;
    function co = (: comma_calls++, add(2, 3), "done" :);
    ASSERT_EQ(before, comma_calls);
    ASSERT_EQ("done", evaluate(co));
    ASSERT_EQ(before + 1, comma_calls);

    function anon = function(int x, int y) { return x * 10 + y; };
    ASSERT_EQ(42, evaluate(anon, 4, 2));
    ASSERT_EQ(42, anon(4, 2));

    // globals are visible inside functionals
    function gb = (: $1 + base :);
    ASSERT_EQ(101, evaluate(gb, 1));
    ASSERT_EQ(105, evaluate((: add_base :), 5));

    // missing arguments are undefined, extra ones dropped
    ASSERT_EQ(1, count_args(1));
    ASSERT_EQ(3, count_args(1, 2, 3));
    ASSERT_EQ(2, evaluate((: $1 + $2 :), 1, 1, 99));

    // rest parameters and spread
    ASSERT_EQ(1, sum(1));
    ASSERT_EQ(10, sum(1, 2, 3, 4));
    int *nums = ({ 2, 3, 4 });
    ASSERT_EQ(10, sum(1, nums...));
    ASSERT_EQ(9, sum(nums...));
    ASSERT_EQ(({ 0, 2, 3, 4, 5 }), ({ 0, nums..., 5 }));

    // default arguments
    ASSERT_EQ("hello bob", greet("bob"));
    ASSERT_EQ("bye bob", greet("bob", "bye"));

    // ref parameters
    int counter = 1;
    bump(ref counter);
    bump(ref counter);
    ASSERT_EQ(3, counter);
    mixed arr;
    fill(ref arr);
    ASSERT_EQ(({ 1, 2 }), arr);
    int *vals = ({ 5, 6 });
    bump(ref vals[1]);
    ASSERT_EQ(({ 5, 7 }), vals);
    // A reference to a character of a string held in an array, a mapping,
    // a class member or a mixed variable changes that string.
    string *rows = ({ "abc" });
    set_char(ref rows[0][1]);
    ASSERT_EQ(({ "aZc" }), rows);
    mapping grid = ([ "k": "abc" ]);
    set_char(ref grid["k"][0]);
    ASSERT_EQ("Zbc", grid["k"]);
    mixed loose = "abc";
    set_char(ref loose[2]);
    ASSERT_EQ("abZ", loose);
    // ... and a key the callee deleted stays deleted.
    grid = ([ "k": "abc" ]);
    drop_then_set(grid, ref grid["k"][0]);
    ASSERT_EQ(0, sizeof(grid));

    // A ref parameter given a plain value (call_other cannot pass a
    // reference) errors when it is read or written, as in FluffOS.
    ASSERT(catch(this_object()->bump(5)));
    ASSERT(catch(this_object()->fill(0)));
    ASSERT(catch(evaluate((: bump :), 1)));

    // evaluate on a non-function returns it
    ASSERT_EQ(5, evaluate(5));
    ASSERT(functionp(f));
}
