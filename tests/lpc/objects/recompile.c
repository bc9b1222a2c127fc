// recompile_object: a new program under live objects, state kept by name.
#include <tests.h>

#define DIR "/tmp/recompile"
#define SRC DIR "/lamp.c"
#define LAMP DIR "/lamp"

void put(string text) { ASSERT(write_file(SRC, text, 1)); }

void version_one() {
    put("int lit; private int oil = 5; string colour = \"red\";\n"
        "void light() { lit = 1; oil--; }\n"
        "int oil() { return oil; }\n"
        "string look() { return \"old lamp\"; }\n"
        "function looker() { return (: look :); }\n"
        "function oiler() { return (: oil - 1 :); }\n"
        "int update_me() { return recompile_object(this_object()); }\n");
}

void version_two() {
    put("int lit; private int oil = 5; int wick = 3;\n"
        "void light() { lit = 1; oil--; }\n"
        "int oil() { return oil; }\n"
        "int wick() { return wick; }\n"
        "int is_lit() { return lit; }\n"
        "string look() { return lit ? \"bright lamp\" : \"dark lamp\"; }\n");
}

void test_update_in_place() {
    object lamp, copy;
    function look, oil;

    version_one();
    lamp = load_object(LAMP);
    copy = new(LAMP);
    lamp->light();
    copy->light();
    copy->light();
    look = lamp->looker();
    oil = lamp->oiler();
    ASSERT_EQ("old lamp", evaluate(look));
    ASSERT_EQ(3, evaluate(oil));

    version_two();
    // Clones go with their master copy; a clone alone is refused.
    ASSERT(catch(recompile_object(copy)));
    ASSERT_EQ(2, recompile_object(lamp));
    ASSERT_EQ(lamp, find_object(LAMP));
    ASSERT_EQ("bright lamp", lamp->look());
    // Kept by name (private ones too); new ones initialised; gone ones gone.
    ASSERT_EQ(4, lamp->oil());
    ASSERT_EQ(3, copy->oil());
    ASSERT_EQ(1, copy->is_lit());
    ASSERT_EQ(3, copy->wick());
    ASSERT(catch(fetch_variable("colour", lamp)));
    // Pointers made under the old program are stale, not mis-aimed.
    ASSERT(strsrch(catch(evaluate(look)), "recompiled") != -1);
    ASSERT(strsrch(catch(evaluate(oil)), "recompiled") != -1);
    destruct(copy);
    destruct(lamp);
}

void test_refusals() {
    object lamp;
    version_one();
    lamp = load_object(LAMP);
    // Its own code is running.
    ASSERT(strsrch(catch(lamp->update_me()), "currently executing") != -1);
    // A source that no longer compiles leaves the object as it was.
    put("int broken( {\n");
    ASSERT(catch(recompile_object(lamp)));
    ASSERT_EQ("old lamp", lamp->look());
    destruct(lamp);
    rm(SRC);
}

void do_tests() {
    mkdir("/tmp");
    mkdir(DIR);
    test_update_in_place();
    test_refusals();
    rm(SRC);
    rmdir(DIR);
}
