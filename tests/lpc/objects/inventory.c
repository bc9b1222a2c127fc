// environment, all_inventory, first_inventory, next_inventory,
// deep_inventory, move_object, and destruct's treatment of inventories.
#include <tests.h>

#define THING "/fixtures/objects/thing"
#define MOVER "/fixtures/objects/mover"

object thing(string id) { return new(THING, id); }

void test_move_and_environment() {
    object room = thing("room"), a = thing("a"), b = thing("b");

    ASSERT_EQ(0, environment(a));
    ASSERT_EQ(({ }), all_inventory(room));
    a->move(room);
    ASSERT_EQ(room, environment(a));
    ASSERT_EQ(({ a }), all_inventory(room));
    b->move(room);
    // The last arrival comes first.
    ASSERT_EQ(({ b, a }), all_inventory(room));
    ASSERT_EQ(b, first_inventory(room));
    ASSERT_EQ(a, next_inventory(b));
    ASSERT_EQ(0, next_inventory(a));
    ASSERT_EQ(0, first_inventory(a));
    ASSERT_EQ(0, next_inventory(room));

    // Moving takes the object out of its old environment.
    a->move(b);
    ASSERT_EQ(({ b }), all_inventory(room));
    ASSERT_EQ(({ a }), all_inventory(b));
    ASSERT_EQ(b, environment(a));

    // Moving to where it already is puts it first again.
    b->move(room);
    ASSERT_EQ(({ b }), all_inventory(room));

    destruct(room);
    if (a) destruct(a);
    if (b) destruct(b);
}

void test_defaults_to_this_object() {
    object a = thing("a");
    ASSERT_EQ(0, environment());
    ASSERT_EQ(({ }), all_inventory());
    a->move(this_object());
    ASSERT_EQ(({ a }), all_inventory());
    ASSERT_EQ(a, first_inventory());
    ASSERT_EQ(this_object(), environment(a));
    destruct(a);
    ASSERT_EQ(({ }), all_inventory());
    ASSERT_EQ(0, first_inventory());
}

void test_move_errors() {
    object box = thing("box"), inner = thing("inner");
    inner->move(box);
    ASSERT_EQ("*Can't move object inside itself.\n", box->try_move(box));
    ASSERT_EQ("*Can't move object inside itself.\n", box->try_move(inner));
    ASSERT_EQ(box, environment(inner));
    ASSERT_EQ("*move_object failed: could not find destination\n",
              inner->try_move("/fixtures/objects/no_such_room"));
    ASSERT_EQ(box, environment(inner));
    ASSERT(catch(move_object(1)));
    destruct(box);
}

void test_move_by_path() {
    object a = thing("a");
    object blueprint;
    a->move(THING);
    blueprint = find_object(THING);
    ASSERT(blueprint);
    ASSERT_EQ(blueprint, environment(a));
    // first_inventory() takes a path; all_inventory() does not.
    ASSERT(catch(all_inventory(THING)));
    ASSERT_EQ(a, first_inventory(THING));
    destruct(a);
}

void test_environment_errors() {
    object gone = thing("gone");
    destruct(gone);
    ASSERT(catch(environment(gone)));
    ASSERT(catch(all_inventory(0)));
    ASSERT(catch(next_inventory(0)));
}

void test_destruct_leaves_environment() {
    object room = thing("room"), a = thing("a"), b = thing("b");
    a->move(room);
    b->move(room);
    destruct(a);
    ASSERT_EQ(({ b }), all_inventory(room));
    ASSERT_EQ(b, first_inventory(room));
    ASSERT_EQ(0, next_inventory(b));
    destruct(room);
}

void test_destruct_moves_or_destructs_contents() {
    object outer = thing("outer"), box = thing("box");
    object mover = new(MOVER), stuck = thing("stuck");
    box->move(outer);
    stuck->move(box);
    mover->move(box);
    destruct(box);
    ASSERT(!box);
    // move_or_destruct(environment) moved the mover out ...
    ASSERT_EQ(outer, mover->query_sent_to());
    ASSERT_EQ(outer, environment(mover));
    // ... and what has no move_or_destruct() is destructed.
    ASSERT(!stuck);
    ASSERT_EQ(({ mover }), all_inventory(outer));

    // Without an environment, move_or_destruct() gets 0.
    mover->move(box = thing("box2"));
    destruct(box);
    ASSERT(!mover);
    destruct(outer);
}

void test_destruct_nested() {
    object outer = thing("outer"), mid = thing("mid"), leaf = thing("leaf");
    mid->move(outer);
    leaf->move(mid);
    destruct(outer);
    ASSERT(!mid);
    ASSERT(!leaf);
}

void test_deep_inventory() {
    object room = thing("room"), box = thing("box"), x = thing("x"), y = thing("y"), z = thing("z");
    box->move(room);
    z->move(room);
    x->move(box);
    y->move(box);
    // room: z, box; box: y, x -- depth first, the last arrival first.
    ASSERT_EQ(({ z, box, y, x }), deep_inventory(room));
    ASSERT_EQ(({ y, x }), deep_inventory(box));
    ASSERT_EQ(({ }), deep_inventory(x));
    // An array includes its objects themselves.
    ASSERT_EQ(({ room, z, box, y, x }), deep_inventory(({ room })));
    ASSERT_EQ(({ box, y, x, z }), deep_inventory(({ box, 1, z })));

    // Filters: 1 keeps and descends, 2 keeps only, 3 descends only,
    // anything else skips the object and its contents.
    ASSERT_EQ(({ z, box }), deep_inventory(room, (: $1->query_name() == "box" ? 2 : 1 :)));
    ASSERT_EQ(({ z, y, x }), deep_inventory(room, (: $1->query_name() == "box" ? 3 : 1 :)));
    ASSERT_EQ(({ z }), deep_inventory(room, (: $1->query_name() == "box" ? 0 : 1 :)));
    ASSERT_EQ(({ box, y, x }), deep_inventory(room, (: $1->query_name() == "z" ? "yes" : 1 :)));
    ASSERT_EQ(({ z, box, y, x }), deep_inventory(({ room }), (: $1->query_name() == "room" ? 3 : 1 :)));
    // A second argument that is not a function finds nothing.
    ASSERT_EQ(({ }), deep_inventory(room, 0));

    // With only a filter, this object's inventory.
    x->move(this_object());
    ASSERT_EQ(({ x }), deep_inventory((: 1 :)));
    ASSERT_EQ(({ x }), deep_inventory(this_object()));
    destruct(x);
    destruct(room);
}

void do_tests() {
    test_move_and_environment();
    test_defaults_to_this_object();
    test_move_errors();
    test_move_by_path();
    test_environment_errors();
    test_destruct_leaves_environment();
    test_destruct_moves_or_destructs_contents();
    test_destruct_nested();
    test_deep_inventory();
}
