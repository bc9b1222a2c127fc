// Actions last while their object is present to the living: moving away,
// arriving, destructing, disable_commands() and enable_commands().
#include <tests.h>

#define THING "/fixtures/commands/thing"
#define NPC "/fixtures/commands/npc"
#define LOG "/fixtures/commands/log"

// Destructs what is still there (destruct(0) would take this object).
void gone(object *obs) {
    foreach (object ob in obs) if (ob) destruct(ob);
}

string *verbs(object npc) { return map(npc->list(), (: $1[0] :)); }

void test_moving_away_and_arriving() {
    object room = new(THING, "room"), hall = new(THING, "hall"), item = new(THING, "item");
    object npc = new(NPC, "npc");
    room->offer(({ ({ "act", "look" }) }));
    item->offer(({ ({ "act", "take" }) }));
    hall->offer(({ ({ "act", "north" }) }));
    item->move(room);
    npc->move(room);
    ASSERT_EQ(({ "take", "look", "me" }), verbs(npc));
    // Leaving takes the room's and the item's actions; the hall's init()
    // gives its own.
    npc->move(hall);
    ASSERT_EQ(({ "north", "me" }), verbs(npc));
    ASSERT_EQ(0, npc->cmd("look"));
    ASSERT(npc->cmd("north") > 0);
    // Coming back: init() again.
    npc->move(room);
    ASSERT_EQ(({ "take", "look", "me" }), verbs(npc));
    // The item leaving takes its actions along.
    item->move(hall);
    ASSERT_EQ(({ "look", "me" }), verbs(npc));
    // Into the living: its init() gives them again.
    item->move(npc);
    ASSERT_EQ(({ "take", "look", "me" }), verbs(npc));
    gone(({ npc, item, hall, room }));
}

void test_two_livings_in_a_room() {
    object room = new(THING, "room"), a = new(NPC, "a"), b = new(NPC, "b");
    a->offer(({ ({ "act", "wave" }) }));
    a->move(room);
    b->move(room);
    // b arriving runs a's init() with b as this_player().
    ASSERT_EQ(({ "wave", "me" }), verbs(b));
    LOG->take();
    ASSERT(b->cmd("wave") > 0);
    ASSERT_EQ(({ ({ "a", "wave", 0, b }) }), LOG->take());
    // a leaving takes its action from b.
    a->move(THING);
    ASSERT_EQ(({ "me" }), verbs(b));
    gone(({ a, b, room }));
}

void test_destruct_removes_actions() {
    object room = new(THING, "room"), item = new(THING, "item"), npc = new(NPC, "npc");
    object gem = new(THING, "gem");
    item->offer(({ ({ "act", "take" }) }));
    gem->offer(({ ({ "act", "polish" }) }));
    item->move(room);
    npc->move(room);
    gem->move(npc);
    ASSERT_EQ(({ "polish", "take", "me" }), verbs(npc));
    destruct(item);
    ASSERT_EQ(({ "polish", "me" }), verbs(npc));
    ASSERT_EQ(0, npc->cmd("take"));
    destruct(gem);
    ASSERT_EQ(({ "me" }), verbs(npc));
    gone(({ npc, room }));
}

void test_disable_and_enable_commands() {
    object room = new(THING, "room"), sword = new(THING, "sword"), npc = new(NPC, "npc");
    room->offer(({ ({ "act", "look" }) }));
    sword->offer(({ ({ "act", "wield" }) }));
    npc->move(room);
    sword->move(npc);
    ASSERT_EQ(1, living(npc));
    ASSERT_EQ(({ "wield", "look", "me" }), verbs(npc));
    // enable_commands() made it this_player(); disable_commands() undoes
    // that too.
    npc->start(0);
    ASSERT_EQ(npc, this_player());
    npc->stop();
    ASSERT_EQ(0, this_player());
    ASSERT_EQ(0, living(npc));
    ASSERT_EQ(({ }), verbs(npc));
    ASSERT_EQ(0, npc->cmd("look"));
    // enable_commands() alone brings no actions back...
    npc->start(0);
    ASSERT_EQ(1, living(npc));
    ASSERT_EQ(({ }), verbs(npc));
    npc->stop();
    // ... with an argument the room, what is there, then what it carries
    // run init() for it.
    LOG->take();
    npc->start(1);
    ASSERT_EQ(({ ({ "room", "init", npc }), ({ "sword", "init", npc }) }), LOG->take());
    ASSERT_EQ(({ "wield", "look" }), verbs(npc));
    ASSERT(npc->cmd("wield") > 0);
    npc->stop();
    gone(({ npc, sword, room }));
}

void test_a_non_living_gets_no_init_calls() {
    object room = new(THING, "room"), box = new(THING, "box"), npc = new(NPC, "npc");
    room->offer(({ ({ "act", "look" }) }));
    npc->stop();
    LOG->take();
    box->move(room);
    npc->move(room);
    // Neither is living: nobody's init() runs.
    ASSERT_EQ(({ }), LOG->take());
    // Without an environment, disable_commands() had nothing to take the
    // object's own action from (FluffOS clears what its environment, what
    // is there and what it carries gave): it stays.
    ASSERT_EQ(({ "me" }), verbs(npc));
    gone(({ npc, box, room }));
}

void do_tests() {
    test_moving_away_and_arriving();
    test_two_livings_in_a_room();
    test_destruct_removes_actions();
    test_disable_and_enable_commands();
    test_a_non_living_gets_no_init_calls();
}
