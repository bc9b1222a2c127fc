// Multiple inheritance, overriding, ::f(), name::f(), efun::f(),
// new()/clone_object() with create() arguments.
#include <tests.h>

inherit "/fixtures/base";
inherit "/fixtures/other";

string name() { return "child"; }
string super_name() { return ::name(); }
string other_name() { return other::name(); }
string base_name() { return base::name(); }
void create() { ::create(); }

// A local function hides the efun of the same name...
int strlen(string s) { return 99; }

void do_tests() {
    ASSERT_EQ("child", name());
    ASSERT_EQ("child", call_name());
    ASSERT_EQ("base", super_name());
    ASSERT_EQ("base", base_name());
    ASSERT_EQ("other", other_name());
    ASSERT_EQ("o", only_other());
    ASSERT_EQ(10, base_var);
    ASSERT_EQ(1, created);
    ASSERT_EQ(7, query_secret());
    ASSERT_EQ(2, prot());
    ASSERT_EQ(3, fixed());
    // ... and efun:: still reaches the efun.
    ASSERT_EQ(99, strlen("ab"));
    ASSERT_EQ(2, efun::strlen("ab"));

    object ob = new("/fixtures/simple", 1, "two");
    ASSERT_EQ(({ 1, "two" }), ob->query_created_with());
    ASSERT_EQ(42, ob->query_value());
    object ob2 = clone_object("/fixtures/simple");
    ob2->set_value(5);
    ASSERT_EQ(5, ob2->query_value());
    ASSERT_EQ(42, ob->query_value());
    ASSERT(file_name(ob) != file_name(ob2));
    ASSERT_EQ("/fixtures/simple", explode(file_name(ob), "#")[0]);
    ASSERT_EQ(42, "/fixtures/simple"->query_value());
    ASSERT_EQ(42, call_other("/fixtures/simple", "query_value"));
    ASSERT_EQ(({ 42, 5 }), ({ ob, ob2 })->query_value());
    destruct(ob);
    destruct(ob2);

    object mods = load_object("/fixtures/modifiers");
    ASSERT_EQ(6, mods->open());
    ASSERT(undefinedp(mods->hidden()));
    ASSERT(undefinedp(mods->guarded()));
    ASSERT(undefinedp(mods->old_static()));
    ASSERT(undefinedp(mods->in_private_block()));
    ASSERT_EQ(11, mods->in_public_block());
    ASSERT_EQ("/fixtures/modifiers", function_exists("open", mods));
    ASSERT_EQ(0, function_exists("guarded", mods));
    ASSERT_EQ("/fixtures/modifiers", function_exists("guarded", mods, 1));
}
