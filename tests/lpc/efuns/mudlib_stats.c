// mudlib_stats without the master's author_file/domain_file: only
// set_author() gives objects an author.
#include <tests.h>

void test_set_author() {
    ASSERT_EQ(0, author_stats("stats_tester"));
    set_author("stats_tester");
    mapping s = author_stats("stats_tester");
    ASSERT_EQ(([ "moves" : 0, "errors" : 0, "heart_beats" : 0, "array_size" : 0, "objects" : 1 ]), s);
    mixed *a = allocate(25);
    ASSERT_EQ(25, author_stats("stats_tester")["array_size"]);
    ASSERT(mapp(author_stats()["stats_tester"]));
    // Changing author moves the object count.
    set_author("other_tester");
    ASSERT_EQ(0, author_stats("stats_tester")["objects"]);
    ASSERT_EQ(1, author_stats("other_tester")["objects"]);
    ASSERT_EQ(([ ]), domain_stats());
    ASSERT_EQ(0, domain_stats("none"));
}

void do_tests() {
    test_set_author();
#ifndef __PACKAGE_MUDLIB_STATS__
    ASSERT2(0, "__PACKAGE_MUDLIB_STATS__ is not defined");
#endif
}
