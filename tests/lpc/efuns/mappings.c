// Mapping efuns: allocate_mapping, keys, values, map_delete, match_path,
// unique_mapping, filter_mapping, map_mapping.
#include <tests.h>

int whatever3(mixed x, mixed y, mixed z) { return z; }
int is_true() { return 1; }

void test_allocate_mapping() {
    mapping m = allocate_mapping(random(1000));
    mixed x, y;
    foreach (x, y in m) {
        ASSERT(0);
    }
    ASSERT_EQ(([ ]), allocate_mapping(10));
    ASSERT_EQ(([ 1: "a", 2: "b" ]), allocate_mapping(({ 1, 2 }), ({ "a", "b" })));
    ASSERT_EQ(([ 1: 0, 2: 0 ]), allocate_mapping(({ 1, 2 }), 0));
    ASSERT_EQ(([ 1: 2, 2: 4 ]), allocate_mapping(({ 1, 2 }), (: $1 * 2 :)));
    ASSERT_EQ(([ "dup": 1 ]), allocate_mapping(({ "dup", "dup" }), 1));
    ASSERT_EQ("*Arrays passed to allocate_mapping() must be the same size\n",
              catch(allocate_mapping(({ 1 }), ({ 1, 2 }))));
    ASSERT_EQ("*Bad argument 1 to allocate_mapping()\n", catch(allocate_mapping(({ 1 }))));
    ASSERT(catch(allocate_mapping(({ "a", "b" }), (: error("boom") :))));
}

void test_keys_values() {
    mapping m = ([ "a": 1, "b": 2, "c": 3 ]);
    mixed *k = keys(m), *v = values(m);
    ASSERT_EQ(3, sizeof(k));
    for (int i = 0; i < sizeof(k); i++) {
        ASSERT_EQ(m[k[i]], v[i]);
    }
    ASSERT_EQ(({ }), keys(([ ])));
    ASSERT_EQ(({ }), values(([ ])));
    ASSERT(catch(keys(({ 1 }))));
}

void test_map_delete() {
    mapping m = ([ "a": 1, "b": 2 ]);
    map_delete(m, "a");
    ASSERT_EQ(([ "b": 2 ]), m);
    map_delete(m, "zz");
    ASSERT_EQ(([ "b": 2 ]), m);
    ASSERT(undefinedp(m["a"]));
}

void test_match_path() {
    mapping m = ([ "foo/" : 1, "bar" : 2, "bazz/foo" : 3, "foo/bar/bazz" : 4]);
    ASSERT(!match_path(m, "kajdfj"));
    ASSERT(undefinedp(match_path(m, "kajdfj")));
    ASSERT_EQ(2, match_path(m, "bar"));
    ASSERT_EQ(2, match_path(m, "bar/"));
    ASSERT_EQ(3, match_path(m, "bazz//foo"));
    ASSERT_EQ(3, match_path(m, "bazz/foo//"));
    ASSERT_EQ(1, match_path(m, "foo/bar"));
    ASSERT_EQ(4, match_path(m, "foo/bar/bazz"));
}

void test_unique_mapping() {
    mixed *arr = ({ 1, 2, 3, 4, 5 });
    ASSERT_EQ(([ 0: ({ 4, 2 }), 1: ({ 5, 3, 1 }) ]), unique_mapping(arr, (: $1 % 2 :)));
    ASSERT_EQ(([ 0: ({ 5, 4, 3, 2, 1 }) ]), unique_mapping(arr, (: 0 :)));
    ASSERT_EQ(([ 0: ({ 5, 4, 3, 2, 1 }) ]), unique_mapping(arr, "none-exists"));
    ASSERT_EQ("whatever", catch(unique_mapping(arr, (: throw("whatever") :))));
    arr = ({ "alpha", "bravo", "charlie", "apple", "bongo", "cat" });
    ASSERT_EQ(([ "a": ({ "apple", "alpha" }), "b": ({ "bongo", "bravo" }), "c": ({ "cat", "charlie" }) ]),
              unique_mapping(arr, (: $1[0..0] :)));
    // keys come out sorted, as FluffOS groups by sorting on them
    ASSERT_EQ(({ "a", "b", "c" }), keys(unique_mapping(arr, (: $1[0..0] :))));
    ASSERT_EQ(({ 0, 1 }), keys(unique_mapping(({ 1, 2, 3 }), (: $1 % 2 :))));
    ASSERT_EQ(1, sizeof(unique_mapping(arr, (: this_object() :))));
    ASSERT_EQ(6, sizeof(unique_mapping(arr, (: allocate(1) :))));
    ASSERT_EQ(([ 11: ({ 1 }) ]), unique_mapping(({ 1 }), (: $1 + $2 :), 10));
    ASSERT_EQ(([ ]), unique_mapping(({ }), "x"));
}

void test_filter_and_map_mapping() {
    ASSERT_EQ(([ 1: 2 ]), filter(([ 1: 2, 0: 3 ]), (: $1 :)));
    ASSERT_EQ(([ 1: 2 ]), filter_mapping(([ 1: 2, 0: 3 ]), (: $1 :)));
    ASSERT_EQ(([ ]), filter(([ ]), "foo"));
    ASSERT(sizeof(filter(([ 1: 2 ]), "is_true")));
    ASSERT(sizeof(filter(([ 0: 0 ]), "whatever3", this_object(), 1)));
    ASSERT(sizeof(filter(([ 0: 0 ]), (: whatever3 :), 1)));
    ASSERT(sizeof(filter(([ 0: 0 ]), "whatever3", __FILE__, 1)));
    ASSERT_EQ(([ 1: 3 ]), map(([ 1: 2 ]), "whatever3", this_object(), 3));
    ASSERT_EQ(([ 1: 3 ]), map_mapping(([ 1: 2 ]), (: whatever3 :), 3));
    ASSERT_EQ(([ "a": 2, "b": 4 ]), map_mapping(([ "a": 1, "b": 2 ]), (: $2 * 2 :)));
}

void do_tests() {
    test_allocate_mapping();
    test_keys_values();
    test_map_delete();
    test_match_path();
    test_unique_mapping();
    test_filter_and_map_mapping();
}
