// Control flow: if, loops, foreach, switch, break/continue, catch.
#include <tests.h>

string classify(mixed x) {
    switch (x) {
    case 0: return "zero";
    case 1..9: return "small";
    case 10: case 11: return "ten-ish";
    case 100..: return "big";
    case ..-1: return "negative";
    default: return "other";
    }
}

string colour(string c) {
    switch (c) {
    case "red": return "warm";
    case "blue":
    case "green": return "cool";
    }
    return "unknown";
}

void do_tests() {
    int i, total;

    if (1) total = 1; else total = 2;
    ASSERT_EQ(1, total);

    total = 0;
    while (total < 10) total += 3;
    ASSERT_EQ(12, total);

    total = 0;
    do { total++; } while (total < 5);
    ASSERT_EQ(5, total);

    total = 0;
    for (i = 0; i < 10; i++) {
        if (i == 2) continue;
        if (i == 6) break;
        total += i;
    }
    ASSERT_EQ(0 + 1 + 3 + 4 + 5, total);

    for (int j = 0, k = 10; j < k; j++, k--) total++;
    ASSERT_EQ(18, total);

    // foreach over arrays, strings, mappings
    int *arr = ({ 1, 2, 3 });
    total = 0;
    foreach (int x in arr) total += x;
    ASSERT_EQ(6, total);

    string word = "abc";
    int *codes = ({ });
    foreach (int c in word) codes += ({ c });
    ASSERT_EQ(({ 97, 98, 99 }), codes);

    mapping m = ([ "a": 1, "b": 2 ]);
    total = 0;
    string keys_seen = "";
    foreach (string k, int v in m) { total += v; keys_seen += k; }
    ASSERT_EQ(3, total);
    ASSERT_EQ(2, strlen(keys_seen));

    // foreach ref writes through
    foreach (ref int x in arr) x *= 10;
    ASSERT_EQ(({ 10, 20, 30 }), arr);
    foreach (string k, ref int v in m) v = v + 100;
    ASSERT_EQ(101, m["a"]);

    // switch
    ASSERT_EQ("zero", classify(0));
    ASSERT_EQ("small", classify(5));
    ASSERT_EQ("ten-ish", classify(11));
    ASSERT_EQ("big", classify(1000));
    ASSERT_EQ("negative", classify(-5));
    ASSERT_EQ("other", classify(50));
    ASSERT_EQ("warm", colour("red"));
    ASSERT_EQ("cool", colour("green"));
    ASSERT_EQ("unknown", colour("grey"));

    // switch inside a loop: continue goes to the loop
    total = 0;
    for (i = 0; i < 4; i++) {
        switch (i) {
        case 1: continue;
        default: total += i;
        }
    }
    ASSERT_EQ(5, total);

    // catch
    ASSERT_EQ(0, catch(total = 1));
    int zero = 0;
    ASSERT_EQ("*Division by zero\n", catch(total = 1 / zero));
    ASSERT_EQ("*oops\n", catch(error("oops")));
    ASSERT_EQ("*oops\n", catch(error("oops\n")));
    ASSERT_EQ(({ 1, 2 }), catch(throw(({ 1, 2 }))));
    mixed err = catch {
        total = 5;
        error("in block");
        total = 6;
    };
    ASSERT_EQ("*in block\n", err);
    ASSERT_EQ(5, total);

    // time_expression yields elapsed microseconds
    int t = time_expression { for (i = 0; i < 100; i++) ; };
    ASSERT(t >= 0);
}
