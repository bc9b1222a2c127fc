// json_stringify / json_parse and their aliases json_encode / json_decode.
#include <tests.h>

void test_encode() {
    ASSERT_EQ("-42", json_encode(-42));
    ASSERT_EQ("1.0", json_encode(1.0));
    ASSERT_EQ("0.1", json_encode(0.1));
    ASSERT_EQ("1e+20", json_encode(100000000000000000000.0));
    ASSERT_EQ("\"a\\\"b\\\\c\\n\"", json_encode("a\"b\\c\n"));
    ASSERT_EQ("\"日本\"", json_encode("日本"));
    ASSERT_EQ("[1,\"x\",[]]", json_encode(({ 1, "x", ({ }) })));
    ASSERT_EQ("{\"a\":1,\"b\":{}}", json_encode(([ "b": ([ ]), "a": 1 ])));
    // Non-string keys are left out; objects and functions are null.
    ASSERT_EQ("{\"s\":2}", json_encode(([ 1: 1, "s": 2 ])));
    ASSERT_EQ("[null,null]", json_encode(({ this_object(), (: 1 :) })));
    ASSERT_EQ("{\n  \"a\": [\n    1,\n    2\n  ]\n}", json_stringify(([ "a": ({ 1, 2 }) ]), 2));
    ASSERT_EQ("[1,2]", json_stringify(({ 1, 2 })));
}

void test_self_reference() {
    mixed *a = ({ 1 });
    a += ({ 0 });
    a[1] = a;
    ASSERT(catch(json_encode(a)));
    a[1] = 0;
}

void test_decode() {
    mapping m;
    ASSERT_EQ(1, json_decode("true"));
    ASSERT_EQ(0, json_decode("false"));
    ASSERT_EQ(0, json_decode("null"));
    ASSERT_EQ(-12, json_decode("-12"));
    ASSERT(floatp(json_decode("1.0")));
    ASSERT_EQ(100.0, json_decode("1e2"));
    ASSERT_EQ("é😀\n", json_decode("\"\\u00e9\\ud83d\\ude00\\n\""));
    ASSERT_EQ(({ 1, ({ 2 }), ([ "k": "v" ]) }), json_decode("[1, [2], {\"k\": \"v\"}]"));
    m = json_parse("{\"k\": 1, \"k\": 2}");
    ASSERT_EQ(([ "k": 2 ]), m);
    ASSERT(catch(json_decode("")));
    ASSERT(catch(json_decode("[1,]")));
    ASSERT(catch(json_decode("{\"a\" 1}")));
    ASSERT(catch(json_decode("\"\\ud800\"")));
    ASSERT(catch(json_decode("[1] 2")));
    ASSERT(catch(json_parse("tru")));
}

void test_round_trip() {
    mixed data = ([ "items": ({ 1, 2.5, "three" }), "meta": ([ "count": 3 ]) ]);
    ASSERT_EQ(data, json_decode(json_encode(data)));
    ASSERT_EQ(data, json_parse(json_stringify(data, 4)));
    ASSERT_EQ(0.1 + 0.2, json_decode(json_encode(0.1 + 0.2)));
}

void do_tests() {
    test_encode();
    test_self_reference();
    test_decode();
    test_round_trip();
}
