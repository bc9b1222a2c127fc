// Stores and compound assignments: $N as an lvalue in a functional,
// mapping += absorbing in place, failed ops leaving variables alone,
// foreach refs after a deleted key, and buffer promotion.
#include <tests.h>

mixed *held;
int drop_held() { held = 0; return 42; }

void do_tests() {
    // $1 can be assigned like any argument
    ASSERT_EQ(5, evaluate((: $1 += 2 :), 3));
    ASSERT_EQ(4, evaluate((: ++$1 :), 3));
    ASSERT_EQ(3, evaluate((: $1++ :), 3));

    // m += other changes m itself: aliases see the new keys
    mapping m = ([ "a": 1 ]);
    mapping alias = m;
    m += ([ "b": 2 ]);
    ASSERT_EQ(2, sizeof(alias));
    ASSERT_EQ(2, alias["b"]);

    // a failed ++ / += keeps the variable's value
    mixed s = "x";
    ASSERT_EQ("*++ of non-numeric argument\n", catch(s++));
    ASSERT_EQ("x", s);
    ASSERT_EQ("*-- of non-numeric argument\n", catch(--s));
    ASSERT_EQ("x", s);
    buffer bf = allocate_buffer(1);
    mixed bad = 5;
    ASSERT(catch(bf += bad));
    ASSERT(bufferp(bf));

    // writing through a foreach ref after deleting its key does not
    // put the key back
    mapping d = ([ "a": 1, "b": 2 ]);
    foreach (string k, mixed ref v in d) {
        map_delete(d, k);
        v = 7;
    }
    ASSERT_EQ(0, sizeof(d));

    // store errors
    int *arr = ({ 1 });
    ASSERT_EQ("*Array index out of bounds\n", catch(arr[3] = 1));
    ASSERT_EQ("*Array index out of bounds\n", catch(arr[3]++));
    ASSERT_EQ("*Array index out of bounds\n", catch(arr[<5] += 1));
    ASSERT_EQ("*Array index out of bounds.\n", catch(arr[3] + 1));
    mixed fl = 1.5;
    ASSERT_EQ("*Cannot index value of type 'float'.\n", catch(fl[0] = 1));

    // a range store must end inside the array, not be clamped to it
    int *three = ({ 1, 2, 3 });
    ASSERT(catch(three[0..5] = ({})));
    ASSERT_EQ(({ 1, 2, 3 }), three);
    three[3..2] = ({ 4 });
    ASSERT_EQ(({ 1, 2, 3, 4 }), three);

    // strings and int arrays promote into buffers
    buffer b = "AB";
    ASSERT_EQ(2, sizeof(b));
    ASSERT_EQ('A', b[0]);
    b = ({ 1, 2, 3 });
    ASSERT_EQ(3, sizeof(b));
    b[0..0] = "xy";
    ASSERT_EQ(4, sizeof(b));
    ASSERT_EQ('y', b[1]);
    mixed r = (b[0..1] = ({ 9 }));
    ASSERT(bufferp(r));
    ASSERT_EQ(3, sizeof(b));
    r = b + "z";
    ASSERT(bufferp(r));
    ASSERT_EQ('z', r[3]);
    string item_err = "*Illegal array item in buffer conversion: must be ints 0..255.\n";
    ASSERT_EQ(item_err, catch(b[0..0] = ({ 256 })));
    ASSERT_EQ(item_err, catch(to_buffer(({ "x" }))));

    // A character of a string held in an array or mapping is an lvalue:
    // the changed string goes back into its slot (ASCII maps rely on it).
    string *rows = ({ "...", "..." });
    string *same = rows;
    rows[1][2] = '#';
    rows[<1][0] = '@';
    ASSERT_EQ(({ "...", "@.#" }), rows);
    ASSERT(same == rows);
    mapping grid = ([ "top": "ab" ]);
    ASSERT_EQ('z', grid["top"][1] = 'z');
    ASSERT_EQ("az", grid["top"]);
    mixed *deep = ({ ({ "xy" }) });
    deep[0][0][0] = 'Q';
    ASSERT_EQ("Qy", deep[0][0]);
    // ||= &&= ??= take the container before the right-hand side runs and
    // store there, even if the right-hand side rebinds the variable.
    held = ({ 0, 1 });
    mixed *kept = held;
    ASSERT_EQ(42, held[0] ||= drop_held());
    ASSERT_EQ(0, held);
    ASSERT_EQ(({ 42, 1 }), kept);
    string word = "abc";
    word[1] &&= 'X';
    ASSERT_EQ("aXc", word);
    string *words = ({ "abc" });
    words[0][2] ||= 'Y';
    ASSERT_EQ(({ "abc" }), words);
    words[0][0] &&= 'Z';
    ASSERT_EQ(({ "Zbc" }), words);
    mapping opt = ([]);
    opt["k"] ??= 3;
    opt["k"] ??= 4;
    ASSERT_EQ(([ "k": 3 ]), opt);

    // Nested arrays still change in place.
    int **nums = ({ ({ 1, 2 }) });
    int *inner = nums[0];
    nums[0][1] = 5;
    ASSERT_EQ(5, inner[1]);
}
