// The dwlib package: add_a, vowel, replace, replace_html, replace_mxp,
// replace_dollars, roulette_wheel, replace_objects, query_multiple_short,
// reference_allowed.
#include <tests.h>

#define THING "/fixtures/dwlib/thing"

void test_package() {
#ifdef __PACKAGE_DWLIB__
    ASSERT(1);
#else
    ASSERT2(0, "__PACKAGE_DWLIB__ is not defined");
#endif
}

void test_add_a() {
    ASSERT_EQ("a sword", add_a("sword"));
    ASSERT_EQ("an apple", add_a("apple"));
    ASSERT_EQ("an Elf", add_a("  Elf"));
    ASSERT_EQ("a user", add_a("user"));
    ASSERT_EQ("an usher", add_a("usher"));
    ASSERT_EQ("an hour glass", add_a("hour glass"));
    ASSERT_EQ("a horse", add_a("horse"));
    ASSERT_EQ("a ", add_a("   "));
    ASSERT_EQ("a ", add_a(""));
    // Already has an article: unchanged, spaces and all.
    ASSERT_EQ(" An owl", add_a(" An owl"));
    ASSERT_EQ("a cat", add_a("a cat"));
}

void test_vowel() {
    ASSERT_EQ(1, vowel('a'));
    ASSERT_EQ(1, vowel('U'));
    ASSERT_EQ(0, vowel('y'));
    ASSERT_EQ(0, vowel(0));
    ASSERT_EQ(0, vowel(-5));
}

void test_replace() {
    ASSERT_EQ("a-b-c", replace("a b c", " ", "-"));
    ASSERT_EQ("dog and bird", replace("cat and fish", ({ "cat", "dog", "fish", "bird" })));
    // Pairs apply in turn: the second sees the first's result.
    ASSERT_EQ("zz", replace("xy", ({ "x", "y", "y", "z" })));
    ASSERT_EQ("same", replace("same", ({ })));
    ASSERT(catch(replace("x", ({ "a" }))));
    ASSERT(catch(replace("x", "a")));
}

void test_escapes() {
    ASSERT_EQ("&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;\n", replace_html("<b>Tom & \"Jerry\"</b>\n"));
    ASSERT_EQ("&lt;x&gt; \"q\"\e[4z<BR>next", replace_mxp("<x> \"q\"\nnext"));
}

void test_replace_dollars() {
    ASSERT_EQ("Bob waves at Ann.", replace_dollars("$N waves at $T.", ({ "$N", "Bob", "$T", "Ann" })));
    // The first pattern that matches wins; an unmatched '$' stays.
    ASSERT_EQ("costs 5$ X", replace_dollars("costs 5$ $NAME", ({ "$NAME", "X", "$N", "Y" })));
    ASSERT_EQ("no dollars", replace_dollars("no dollars", ({ "$N", "Y" })));
    ASSERT(catch(replace_dollars("x", ({ "$N" }))));
    ASSERT(catch(replace_dollars("x", ({ "$N", 3 }))));
}

void test_roulette_wheel() {
    mapping seen = ([ ]);
    for (int i = 0; i < 200; i++) {
        seen[roulette_wheel(([ "never" : 0, "rare" : 1, "often" : 20 ]))]++;
    }
    ASSERT(undefinedp(seen["never"]));
    ASSERT(seen["often"] > seen["rare"]);
    ASSERT_EQ("only", roulette_wheel(([ "only" : 3 ])));
    ASSERT(catch(roulette_wheel(([ ]))));
    ASSERT(catch(roulette_wheel(([ "a" : -1 ]))));
    ASSERT(catch(roulette_wheel(([ "a" : "heavy" ]))));
}

void test_replace_objects() {
    object t = new(THING);
    string name = file_name(t)[1..];
    mixed r = replace_objects(({ 1, t, ([ t : ({ t }) ]), "s" }));
    ASSERT_EQ(({ 1, name, ([ name : ({ name }) ]), "s" }), r);
    ASSERT_EQ(5, replace_objects(5));
    destruct(t);
}

void test_query_multiple_short() {
    object a = new(THING), b = new(THING), c = new(THING);
    a->setup("cat", 0, 0, ({ }));
    b->setup("dog", 0, 0, ({ }));
    c->setup("owl", 0, 0, ({ }));
    ASSERT_EQ("", query_multiple_short(({ })));
    ASSERT_EQ("$M$a cata doga owl$M$", query_multiple_short(({ a, b, c })));
    ASSERT_EQ("$M$the catthe dog$M$", query_multiple_short(({ a, b }), "the"));
    ASSERT_EQ("$M$a quiet cat$M$", query_multiple_short(({ a }), 0, 0, 1));
    // Strings mixed in: a plain list.
    ASSERT_EQ("a cat, a rock and a dog", query_multiple_short(({ a, "a rock", b }), "a"));
    ASSERT_EQ("the cat and the dog", query_multiple_short(({ "the cat", b }), "the"));
    ASSERT_EQ("x", query_multiple_short(({ "x" })));
    // no_dollars needs a converter: none here.
    ASSERT_EQ(0, query_multiple_short(({ "x", "y" }), "a", 1));
    destruct(a);
    destruct(b);
    destruct(c);
}

void test_reference_allowed() {
    object seen = new(THING), hidden = new(THING), friend = new(THING), stranger = new(THING);
    seen->setup("sam", 0, 1, ({ }));
    hidden->setup("hal", 1, 1, ({ "fred" }));
    friend->setup("fred", 0, 0, ({ }));
    stranger->setup("stan", 0, 0, ({ }));
    ASSERT_EQ(1, reference_allowed(seen, stranger));
    ASSERT_EQ(1, reference_allowed(hidden, friend));
    ASSERT_EQ(1, reference_allowed(hidden, hidden));
    // Creator invisibility: only creators may refer.
    ASSERT_EQ(0, reference_allowed(hidden, stranger));
    ASSERT_EQ(1, reference_allowed(hidden, seen));
    // A name that is not a player: no player handler here, so no.
    ASSERT_EQ(0, reference_allowed(hidden, "nobody"));
    ASSERT_EQ(1, reference_allowed(hidden, "fred"));
    // No this_player(): nobody refers.
    ASSERT(undefinedp(reference_allowed(hidden)));
    destruct(seen);
    destruct(hidden);
    destruct(friend);
    destruct(stranger);
}

void do_tests() {
    test_package();
    test_add_a();
    test_vowel();
    test_replace();
    test_escapes();
    test_replace_dollars();
    test_roulette_wheel();
    test_replace_objects();
    test_query_multiple_short();
    test_reference_allowed();
}
