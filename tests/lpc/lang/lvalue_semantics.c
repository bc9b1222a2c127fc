// Stores and compound assignments: $N as an lvalue in a functional,
// mapping += absorbing in place, failed ops leaving variables alone,
// foreach refs after a deleted key, and buffer promotion.
#include <tests.h>

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
}
