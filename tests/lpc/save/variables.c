// save_variable() and restore_variable(): FluffOS's save text for every
// kind of value, and malformed input.
#include <tests.h>

#define IS(x, y) ASSERT_EQ(y, save_variable(x))
#define RESTORES(x, y) ASSERT_EQ(y, restore_variable(x))

mapping saved = ([
    "\n": "\"\r\"",
    "\"": "\"\\\"\"",
    "\"x\\\n": "\"\\\"x\\\\\r\"",
    -1: "-1",
    0: "0",
    1: "1",
    22: "22",
    1.2: "1.200000",
    333: "333",
    ({ }): "({})",
    ({ 0 }): "({0,})",
    // Carriage returns are escaped so they survive the newline encoding.
    "a\rb\rc\rd\r\n\radsfasdsdf\r": "\"a\\\rb\\\rc\\\rd\\\r\r\\\radsfasdsdf\\\r\"",
]);

string *malformed = ({ "\"\"x", "\"\\", "\"\\x\\", "\"\\x\"x", "-x", "\"", "\"\r\"\r", "({1", "([1,2,])" });

mapping restored = ([
    "\"\r\"": "\n",
    "\"\\\"\"": "\"",
    "\"\\\"\\x\r\"": "\"x\n",
    "-1": -1,
    "0": 0,
    "1": 1,
    "22": 22,
    "1.2": 1.2,
    "333": 333,
    "({})": ({ }),
    "({,})": ({ 0 }),
    "\"∮ E⋅da = Q,  n → ∞\"": "∮ E⋅da = Q,  n → ∞",
]);

void test_save() {
    mixed x, y;
    foreach (x, y in saved) {
        IS(x, y);
        IS(({ x }), "({" + y + ",})");
        IS(({ x, x }), "({" + y + "," + y + ",})");
        IS(([ 1: x ]), "([1:" + y + ",])");
        IS(([ x: x ]), "([" + y + ":" + y + ",])");
    }
    IS(MAX_INT, "9223372036854775807");
    IS(-0.5, "-0.500000");
    IS(({ "a", ({ 1, 2 }), ([ ]) }), "({\"a\",({1,2,}),([]),})");
    // Objects, functions and buffers have no saved form.
    IS(this_object(), "");
    IS(({ this_object() }), "({,})");
    IS((: 1 :), "");
    IS(allocate_buffer(2), "");
}

void test_restore() {
    mixed x, y;
    foreach (x, y in restored) {
        RESTORES(x, y);
        RESTORES("({" + x + ",})", ({ y }));
        RESTORES("({" + x + "," + x + ",})", ({ y, y }));
        RESTORES("([1:" + x + ",])", ([ 1: y ]));
        // Array keys are new arrays, so only compare scalar keys.
        if (!arrayp(y)) RESTORES("([" + x + ":" + x + ",])", ([ y: y ]));
    }
    ASSERT_EQ(({ ({ 0 }) }), keys(restore_variable("([({,}):1,])")));
    RESTORES("9223372036854775807", MAX_INT);
    RESTORES("1.5e+3", 1500.0);
    RESTORES("([:1,\"k\":,])", ([ 0: 1, "k": 0 ]));
    // Text that is no value is 0; text after a number is ignored.
    RESTORES("", 0);
    RESTORES("hello", 0);
    RESTORES("12abc", 12);
    ASSERT(floatp(restore_variable("1.")));
}

void test_round_trip() {
    mixed v = ({ ([ "name": "Bob \"the\" \\ builder\nline two", -7: 3.25 ]), ({ }), MIN_INT, "" });
    string text = save_variable(v);
    ASSERT_EQ(-1, strsrch(text, "\n"));
    ASSERT_EQ(v, restore_variable(text));
    ASSERT_EQ(text, save_variable(restore_variable(text)));
}

void test_malformed() {
    string deep_arr = "0", deep_map = "0";
    int i;
    foreach (string bad in malformed) {
        ASSERT2(catch(restore_variable(bad)), "restored " + bad);
    }
    ASSERT_EQ("*restore_object(): Illegal string format.\n", catch(restore_variable("\"")));
    ASSERT_EQ("*restore_object(): Illegal numeric format.\n", catch(restore_variable("-x")));
    ASSERT_EQ("*restore_object(): Illegal array format.\n", catch(restore_variable("({1")));
    ASSERT_EQ("*restore_object(): Illegal mapping format.\n", catch(restore_variable("([1,2,])")));
    ASSERT_EQ("*restore_object(): Illegal general format.\n", catch(restore_variable("(x")));
    for (i = 0; i < 400; i++) {
        deep_arr = "({" + deep_arr + ",})";
        deep_map = "([0:" + deep_map + ",])";
    }
    ASSERT(catch(restore_variable(deep_arr)));
    ASSERT(catch(restore_variable(deep_map)));
}

void test_too_deep() {
    mixed v = 0;
    for (int i = 0; i < 101; i++) v = ({ v });
    ASSERT_EQ("*Mappings and/or arrays nested too deep (100) for save_object\n", catch(save_variable(v)));
    ASSERT(stringp(save_variable(v[0])));
}

void do_tests() {
    test_save();
    test_restore();
    test_round_trip();
    test_malformed();
    test_too_deep();
}
