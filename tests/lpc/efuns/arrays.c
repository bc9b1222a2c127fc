// Array efuns: allocate, member_array, sort_array, filter, map,
// unique_array, sizeof, copy, element_of, shuffle.
#include <tests.h>

int tmp;

int whatever1(mixed x, mixed y, mixed z) { return x; }
int whatever2(mixed x, mixed y, mixed z) { return y; }
int cmp(int a, int b) { return a - b; }
int double_it(int x) { return x * 2; }
int kind() { return 7; }
int third() {
    if (++tmp == 3) { tmp = 0; return 0; }
    return 1;
}

void test_allocate() {
    for (int i = 0; i < 10; i++) {
        ASSERT_EQ(i, sizeof(allocate(i)));
        ASSERT_EQ(({ }), filter(allocate(i), (: $1 :)));
    }
    ASSERT(allocate(0) == ({ }));
    ASSERT_EQ(({ 0, 0 }), allocate(2));
    ASSERT_EQ(({ "x", "x" }), allocate(2, "x"));
    ASSERT_EQ(({ 0, 1, 2, 3 }), allocate(4, (: $1 :)));
    ASSERT_EQ("*Illegal array size.\n", catch(allocate(-10)));
    ASSERT(catch(allocate(0x100000001)));
    ASSERT(catch(allocate(-0x100000000 + 2)));
    ASSERT(catch(allocate(5, function(int i) {
        if (i == 2) error("boom");
        return i;
    })));
}

void test_member_array() {
    function f = (: 1 :);
    ASSERT_EQ(-1, member_array('c', "foo"));
    ASSERT_EQ(1, member_array('b', "abar"));
    ASSERT_EQ(1, member_array('y', "xyzzy"));
    ASSERT_EQ(4, member_array('y', "xyzzy", 2));
    ASSERT_EQ(1, member_array(2, ({ 1, 2, 3 })));
    ASSERT_EQ(1, member_array("foo", ({ 1, "foo", 3 })));
    ASSERT_EQ(-1, member_array(1.0, ({ 1 })));
    ASSERT_EQ(2, member_array(1, ({ 1, 0, 1 }), 1));
    ASSERT_EQ(2, member_array(1, ({ 1, 0, 1 }), 0, 2));
    ASSERT_EQ(-1, member_array(99, ({ 1, 2, 3 }), 0, 2));
    ASSERT_EQ(1, member_array("ban", ({ "apple", "banana" }), 0, 1));
    ASSERT_EQ(-1, member_array("ban", ({ "apple", "banana" })));
    ASSERT_EQ(2, member_array((: $1 > 10 :), ({ 1, 5, 42, 77 }), 0, 4));
    ASSERT_EQ(-1, member_array((: $1 > 100 :), ({ 1, 5, 42 }), 0, 4));
    ASSERT_EQ(3, member_array((: $1 > 10 :), ({ 1, 5, 42, 77 }), 0, 6));
    ASSERT_EQ(3, member_array((: $1 > 10 :), ({ 42, 1, 5, 77 }), 1, 4));
    ASSERT_EQ(1, member_array(f, ({ 0, f, 2 })));
    ASSERT(catch(member_array('a', "abc", 0, 2)));
    ASSERT_EQ("*Index to start search from in member_array() is > string length.\n",
              catch(member_array('a', "abc", 9)));
    ASSERT(catch(member_array(1, ({ 1 }), -1)));
    ASSERT(catch(member_array("a", "abc")));
}

void test_sort_array() {
    mixed *arr = ({ 4, 3, 2, 1 });
    ASSERT_EQ(({ 1, 2, 3, 4 }), sort_array(arr, 1));
    ASSERT_EQ(({ 4, 3, 2, 1 }), sort_array(arr, -1));
    ASSERT_EQ(({ 4, 3, 2, 1 }), arr);
    ASSERT_EQ(({ 1, 2, 3, 4 }), sort_array(arr, "cmp"));
    ASSERT_EQ(({ 1, 2, 3, 4 }), sort_array(arr, (: $1 - $2 :)));
    ASSERT_EQ(({ 4, 3, 2, 1 }), sort_array(arr, (: $2 - $1 :)));
    ASSERT_EQ(({ 4, 3, 2, 1 }), sort_array(arr, (: ($1 - $2) * $3 :), -1));
    ASSERT_EQ(({ "B", "a", "b" }), sort_array(({ "b", "B", "a" }), 1));
    ASSERT_EQ(({ ({ 1, 9 }), ({ 2, 0 }) }), sort_array(({ ({ 2, 0 }), ({ 1, 9 }) }), 1));
    // Stable: equal keys keep their order.
    ASSERT_EQ(({ ({ 0, 1 }), ({ 0, 3 }), ({ 1, 2 }), ({ 1, 4 }) }),
              sort_array(({ ({ 1, 2 }), ({ 0, 1 }), ({ 1, 4 }), ({ 0, 3 }) }),
                         (: $1[0] - $2[0] :)));
    ASSERT_EQ("*built-in sort_array() can only handle homogeneous arrays of strings/ints/floats/arrays\n",
              catch(sort_array(({ 1, "a" }), 1)));
    ASSERT_EQ("*Illegal to have empty array in array for sort_array()\n",
              catch(sort_array(({ ({ }), ({ 1 }) }), 1)));
    ASSERT_EQ("*boom\n", catch(sort_array(({ 2, 1 }), (: error("boom") :))));
}

void test_filter() {
    ASSERT_EQ(({ 1, 2, 3 }), filter(({ 1, 2, 0, 3 }), (: $1 :)));
    ASSERT_EQ(({ }), filter(({ }), "foo"));
    ASSERT_EQ(filter(({ 1,2,3,4,5,6,7,8,9 }), (: third :)),
              filter(({ 1,2,3,4,5,6,7,8,9 }), "third", this_object()));
    ASSERT(sizeof(filter(({ 0 }), (: whatever1, 1 :))));
    ASSERT(sizeof(filter(({ 0 }), "whatever2", this_object(), 1)));
    ASSERT(sizeof(filter(({ 0 }), (: whatever2 :), 1)));
    ASSERT(sizeof(filter(({ 0 }), "whatever2", __FILE__, 1)));
    ASSERT_EQ(({ 1, 2 }), filter_array(({ 1, 0, 2 }), (: $1 :)));
    // Only the number 0 is false: 0.0 keeps its element.
    ASSERT_EQ(({ 0.0 }), filter(({ 0.0, 0 }), (: $1 :)));
    ASSERT_EQ("héo", filter("héllo", (: $1 != 'l' :)));
    ASSERT(catch(filter(({ 1 }), "whatever1", 42)));
}

void test_map() {
    ASSERT_EQ(({ 1, 2, 0, 3 }), map(({ 1, 2, 0, 3 }), (: $1 :)));
    ASSERT(map(({ }), "foo") == ({ }));
    ASSERT_EQ(({ 1, 1 }), map(({ 2, 3 }), (: whatever1, 1 :)));
    ASSERT_EQ(({ 1, 1 }), map(({ 2, 3 }), "whatever2", this_object(), 1));
    ASSERT_EQ(({ 1, 1 }), map(({ 2, 3 }), (: whatever2 :), 1));
    ASSERT_EQ(({ 1, 1 }), map(({ 2, 3 }), "whatever2", __FILE__, 1));
    ASSERT_EQ(({ 4, 6 }), map_array(({ 2, 3 }), "double_it"));
    // A missing function stops the walk.
    ASSERT_EQ(({ 0, 0 }), map(({ 2, 3 }), "no_such_function"));
    ASSERT_EQ("gppcbs", map("foobar", (: $1 + 1 :)));
    ASSERT_EQ("", map("", "foo"));
    ASSERT_EQ("cc", map("xy", (: whatever1, 'c' :)));
    ASSERT_EQ("cc", map("xy", "whatever2", this_object(), 'c'));
    ASSERT_EQ("héllo", map("héllo", (: 0 :)));
    ASSERT_EQ(([ 1: 1, 0: 0 ]), map(([ 1: 2, 0: 3 ]), (: $1 :)));
    ASSERT_EQ(([ 1: 3 ]), map(([ 1: 2 ]), (: whatever1, 3 :)));
    ASSERT(catch(map(({ 1 }), "whatever1", 42)));
    ASSERT_EQ("*boom\n", catch(map(({ 1 }), (: error("boom") :))));
}

void test_unique_array() {
    ASSERT_EQ(({ ({ 1, 3, 5 }) }), unique_array(({ 1, 2, 3, 4, 5 }), (: $1 % 2 :)));
    ASSERT_EQ(({ ({ 1, 3 }), ({ 2, 4 }) }), unique_array(({ 1, 2, 3, 4 }), (: $1 % 2 :), -1));
    ASSERT_EQ(({ ({ "a", "ab" }), ({ "b" }) }),
              unique_array(({ "a", "b", "ab" }), (: $1[0..0] :)));
    ASSERT_EQ(({ }), unique_array(({ }), "x"));
    // A function name is called in each element that is an object.
    ASSERT_EQ(({ ({ this_object() }) }), unique_array(({ this_object(), 7 }), "kind"));
}

void test_sizeof() {
    ASSERT_EQ(3, sizeof(({ 1, 2, 3 })));
    ASSERT_EQ(2, sizeof(([ 1: 1, 2: 2 ])));
    ASSERT_EQ(5, sizeof("héllo"));
    ASSERT_EQ(0, sizeof(7));
    ASSERT_EQ(0, sizeof(0));
}

void test_copy() {
    mixed *arr = ({ 1, ({ 2, 3 }), ([ "k": ({ 4 }) ]) });
    mixed *dup = copy(arr);
    mixed *loop = ({ 1 });
    ASSERT_EQ(arr, dup);
    ASSERT(arr != dup);
    dup[1][0] = 99;
    dup[2]["k"][0] = 99;
    ASSERT_EQ(2, arr[1][0]);
    ASSERT_EQ(4, arr[2]["k"][0]);
    ASSERT_EQ(7, copy(7));
    ASSERT_EQ("s", copy("s"));
    loop[0] = loop;
    ASSERT_EQ("*Mappings, arrays and/or classes nested too deep (100) for copy()\n", catch(copy(loop)));
    loop[0] = 0;
}

void test_element_of_and_shuffle() {
    int *arr = ({ 1, 2, 3, 4, 5 });
    int *s;
    for (int i = 0; i < 20; i++) {
        ASSERT(member_array(element_of(arr), arr) != -1);
    }
    ASSERT_EQ("*Can't take element from empty array.\n", catch(element_of(({ }))));
    s = shuffle(arr);
    ASSERT(s == arr);
    ASSERT_EQ(({ 1, 2, 3, 4, 5 }), sort_array(s, 1));
    ASSERT_EQ(({ }), shuffle(({ })));
}

void do_tests() {
    test_allocate();
    test_member_array();
    test_sort_array();
    test_filter();
    test_map();
    test_unique_array();
    test_sizeof();
    test_copy();
    test_element_of_and_shuffle();
}
