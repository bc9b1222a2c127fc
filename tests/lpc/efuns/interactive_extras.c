// The interactive efuns answered for objects that are not interactive
// (tests/mudlib-extras covers real players).
#include <tests.h>

void do_tests() {
    object ob = new("/fixtures/introspection/plain");
    ASSERT_EQ(-1, query_charmode(ob));
    ASSERT_EQ(-1, remove_charmode(ob));
    ASSERT_EQ(-1, remove_get_char(ob));
    ASSERT_EQ(0, send_nullbyte(ob));
    ASSERT_EQ(0, has_gmcp());
    ASSERT_EQ(0, has_msdp(ob));
    ASSERT_EQ(0, has_msp(ob));
    ASSERT_EQ(0, has_mxp(ob));
    ASSERT_EQ(0, has_zmp(ob));
    telnet_ga();
    telnet_nop();
    flush_messages();
    flush_messages(ob);
    ASSERT_EQ(0, query_encoding());
    ASSERT_EQ(0, set_encoding("latin1"));
    ASSERT_EQ("*set_encoding: unknown encoding 'klingon'.\n", catch(set_encoding("klingon")));
    ASSERT(catch(query_charmode(0)));
    ASSERT(catch(send_nullbyte("x")));
    // resolve() answers later (from the backend loop); keys count up.
    int k1 = resolve("localhost", (: 1 :));
    int k2 = resolve("127.0.0.1", "nothing");
    ASSERT(k1 > 0 && k2 == k1 + 1);
    ASSERT(catch(resolve(0, "x")));
}
