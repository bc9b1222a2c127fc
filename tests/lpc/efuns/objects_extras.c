// remove_shadow, set_hide (refused without the master's valid_hide),
// named_livings, set_reset/set_clean_up/request_clean_up and
// query_notify_fail without an interactive player.
#include <tests.h>

#define VICTIM "/fixtures/objects/victim"
#define SHADOW "/fixtures/objects/shadower"

void test_remove_shadow() {
    object v = new(VICTIM), s = new(SHADOW), s2 = new(SHADOW, "two");
    s->attach(v);
    s2->attach(v);
    ASSERT_EQ("two", v->foo());
    // The middle shadow goes; the chain closes over it.
    ASSERT_EQ(1, remove_shadow(s));
    ASSERT_EQ(0, query_shadowing(s));
    ASSERT_EQ(v, query_shadowing(s2));
    ASSERT_EQ(s2, shadow(v, 0));
    ASSERT_EQ("two", v->foo());
    ASSERT_EQ(1, remove_shadow(s2));
    ASSERT_EQ(0, shadow(v, 0));
    ASSERT_EQ("victim", v->foo());
    // Not a shadow (any more): nothing to remove.
    ASSERT_EQ(0, remove_shadow(s2));
    ASSERT_EQ(0, remove_shadow(v));
    ASSERT(catch(remove_shadow(0)));
}

void test_set_hide_needs_valid_hide() {
    object h = new("/fixtures/introspection/hider");
    // The script master has no valid_hide(): hiding is refused.
    h->hide(1);
    ASSERT(member_array(h, objects()) >= 0);
    ASSERT(member_array(h, livings()) >= 0);
    ASSERT_EQ(h, find_living("hider"));
    ASSERT(catch(set_hide("yes")));
    destruct(h);
}

void test_named_livings() {
    object a = new("/fixtures/introspection/hider");
    object plain = new("/fixtures/introspection/plain");
    ASSERT(member_array(a, named_livings()) >= 0);
    ASSERT(member_array(plain, named_livings()) < 0);
    destruct(a);
    ASSERT(member_array(a, named_livings()) < 0);
}

void test_reset_schedule() {
    object ob = new("/fixtures/introspection/plain");
    ASSERT(strsrch(debug_info(0, ob), "O_WILL_RESET      : FALSE") >= 0);
    set_reset(ob, 100);
    string info = debug_info(0, ob);
    ASSERT(strsrch(info, "O_WILL_RESET      : TRUE") >= 0);
    int next;
    sscanf(info, "%*snext_reset  : %d\n", next);
    ASSERT(next >= time() + 99 && next <= time() + 101);
    ASSERT(strsrch(debug_info(0, ob), "O_WILL_CLEAN_UP   : FALSE") >= 0);
    set_clean_up(ob, 50);
    ASSERT(strsrch(debug_info(0, ob), "O_WILL_CLEAN_UP   : TRUE") >= 0);
    // No "time to clean up" configured: set_clean_up(ob) stops them.
    set_clean_up(ob);
    ASSERT(strsrch(debug_info(0, ob), "O_WILL_CLEAN_UP   : FALSE") >= 0);
    ASSERT_EQ(1, request_clean_up(ob));
    ASSERT(strsrch(debug_info(0, ob), "O_WILL_CLEAN_UP   : TRUE") >= 0);
    ASSERT_EQ(1, request_clean_up());
    ASSERT(catch(set_reset(0, 5)));
}

void test_query_notify_fail() {
    // Only an interactive player keeps a notify_fail().
    notify_fail("nope\n");
    ASSERT_EQ(0, query_notify_fail());
}

void do_tests() {
    test_remove_shadow();
    test_set_hide_needs_valid_hide();
    test_named_livings();
    test_reset_schedule();
    test_query_notify_fail();
}
