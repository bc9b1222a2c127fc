// set_living_name, find_living, livings: only living objects (after
// enable_commands()) are found, so a named object that is not living is not.
#include <tests.h>

void do_tests() {
    object ob = new("/fixtures/objects/counter");
    ob->name_me("bob");
    ASSERT_EQ(0, find_living("bob"));
    ASSERT_EQ(0, find_living("nobody"));
    ASSERT(arrayp(livings()));
    ASSERT_EQ(-1, member_array(ob, livings()));
    ASSERT(catch(set_living_name(1)));
    destruct(ob);
    ASSERT_EQ(0, find_living("bob"));
}
