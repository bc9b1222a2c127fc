// shadow(), query_shadowing(), calls through shadows, and destruct.
#include <tests.h>

#define VICTIM "/fixtures/objects/victim"
#define SHADOW "/fixtures/objects/shadower"
#define THING "/fixtures/objects/thing"

void test_shadow_chain() {
    object v = new(VICTIM), s = new(SHADOW), s2 = new(SHADOW, "two");

    ASSERT_EQ(0, shadow(v, 0));
    ASSERT_EQ(0, query_shadowing(v));
    ASSERT_EQ(v, s->attach(v));
    ASSERT_EQ(s, shadow(v, 0));
    ASSERT_EQ(v, query_shadowing(s));
    ASSERT_EQ(0, query_shadowing(v));

    // Calls to the victim reach the shadow for what it defines.
    ASSERT_EQ("shadow", v->foo());
    ASSERT_EQ("victim bar", v->bar());
    ASSERT_EQ("shadow", call_other(v, "foo"));

    // A second shadow goes on top of the chain and shadows the top.
    ASSERT_EQ(s, s2->attach(v));
    ASSERT_EQ(s2, shadow(s, 0));
    ASSERT_EQ(s, query_shadowing(s2));
    ASSERT_EQ("two", v->foo());

    // Destructing a shadow in the middle closes the chain.
    destruct(s);
    ASSERT_EQ(s2, shadow(v, 0));
    ASSERT_EQ(v, query_shadowing(s2));
    ASSERT_EQ("two", v->foo());

    // Destructing the shadowed object destructs its shadows.
    destruct(v);
    ASSERT(!s2);
}

void test_errors() {
    object v = new(VICTIM), s = new(SHADOW), other = new(SHADOW), box = new(THING, "box");
    object n = new("/fixtures/objects/nomask_shadower");

    ASSERT_EQ("*shadow: Can't shadow self\n", catch(shadow(this_object())));
    ASSERT_EQ("*shadow: cannot shadow the master object.\n", catch(shadow(master())));
    ASSERT(catch(shadow(0)));

    s->attach(v);
    ASSERT_EQ("*shadow: Already shadowing.\n", s->try_attach(new(VICTIM)));
    ASSERT_EQ("*shadow: Can't shadow when shadowed.\n", v->victim_try_shadow(new(VICTIM)));
    ASSERT_EQ("*shadow: Can't shadow a shadow.\n", other->try_attach(s));
    ASSERT_EQ("*Illegal to shadow 'nomask' function \"locked\".\n", n->try_attach(new(VICTIM)));
    ASSERT_EQ("*Can't move an object that is shadowing.\n", s->try_shadow_move(box));

    other->move(box);
    ASSERT_EQ("*shadow: The shadow must not reside inside another object.\n",
              other->try_attach(new(VICTIM)));

    destruct(v);
    ASSERT(!s);
    ASSERT(catch(query_shadowing(0)));
    destruct(box);
}

void do_tests() {
    test_shadow_chain();
    test_errors();
}
