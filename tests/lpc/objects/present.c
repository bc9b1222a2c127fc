// present(): by id() with "name N" counting, by object, and where it looks.
#include <tests.h>

#define THING "/fixtures/objects/thing"

void do_tests() {
    object env = new(THING, "envid");
    object o1 = new(THING, "foo"), o2 = new(THING, "foo"), o3 = new(THING, "foo1");
    object o4 = new(THING, "foo2");

    o1->move(this_object());
    o2->move(this_object());
    o3->move(this_object());
    move_object(env);
    o4->move(env);

    // A string searches this object's inventory, then the environment.
    ASSERT_EQ(o4, present("foo2"));
    ASSERT_EQ(o4, present("foo2", env));
    ASSERT_EQ(0, present("foo2", this_object()));
    // The environment itself answers to its id.
    ASSERT_EQ(env, present("envid"));
    ASSERT_EQ(0, present("envid", env));

    // The first match is the last arrival.
    ASSERT_EQ(o2, present("foo", this_object()));
    ASSERT_EQ(o3, present("foo1", this_object()));
    ASSERT_EQ(0, present("foobar"));
    ASSERT_EQ(0, present(""));

    // "name N": the N-th match.
    ASSERT_EQ(o2, present("foo 1", this_object()));
    ASSERT_EQ(o1, present("foo 2", this_object()));
    ASSERT_EQ(o2, present("foo 0", this_object()));
    ASSERT_EQ(0, present("foo 10", this_object()));
    // Not a count: the whole text is the id.
    ASSERT_EQ(0, present("foo 10 ", this_object()));
    ASSERT_EQ(0, present("foo a1", this_object()));
    ASSERT_EQ(0, present("foo 1a1", this_object()));

    // An object with an environment: given one, the object if it is there.
    ASSERT_EQ(o1, present(o1, this_object()));
    ASSERT_EQ(0, present(o4, this_object()));
    ASSERT_EQ(o4, present(o4, env));
    // Without one, the object's environment when that is this object or
    // this object's environment.
    ASSERT_EQ(this_object(), present(o2));
    ASSERT_EQ(env, present(o4));
    ASSERT_EQ(0, present(env));

    destruct(o1);
    destruct(o2);
    destruct(o3);
    destruct(o4);
    ASSERT_EQ(0, present("foo"));
}
