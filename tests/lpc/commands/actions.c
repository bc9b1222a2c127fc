// Where a living's actions come from (its environment, what is there, what
// it carries, itself), the order they are tried in, and commands().
#include <tests.h>

#define THING "/fixtures/commands/thing"
#define NPC "/fixtures/commands/npc"
#define LOG "/fixtures/commands/log"

// Destructs what is still there (destruct(0) would take this object).
void gone(object *obs) {
    foreach (object ob in obs) if (ob) destruct(ob);
}

void test_actions_from_room_item_and_self() {
    object room = new(THING, "room"), item = new(THING, "item");
    object npc = new(NPC, "npc");
    room->offer(({ ({ "act", "look" }) }));
    item->offer(({ ({ "act", "take" }), ({ "act", "look" }) }));
    item->move(room);
    LOG->take();
    npc->move(room);
    // init() of the room first, then of what is there, each with the
    // arriving living as this_player().
    ASSERT_EQ(({ ({ "room", "init", npc }), ({ "item", "init", npc }) }), LOG->take());
    // Newest first: the item's, then the room's, then its own.
    ASSERT_EQ(({ ({ "look", 0, item, "act" }), ({ "take", 0, item, "act" }),
                 ({ "look", 0, room, "act" }), ({ "me", 0, npc, "act" }) }),
              npc->list());

    ASSERT(npc->cmd("take sword") > 0);
    ASSERT_EQ(({ ({ "item", "take", "sword", npc }) }), LOG->take());
    ASSERT(npc->cmd("me") > 0);
    ASSERT_EQ(({ ({ "npc", "me", 0, npc }) }), LOG->take());
    // The item's "look" is newer than the room's and takes it.
    ASSERT(npc->cmd("look") > 0);
    ASSERT_EQ(({ ({ "item", "look", 0, npc }) }), LOG->take());
    // Returning 0 passes the command on to the next action.
    item->set_answer(0);
    ASSERT(npc->cmd("look at it") > 0);
    ASSERT_EQ(({ ({ "item", "look", "at it", npc }), ({ "room", "look", "at it", npc }) }), LOG->take());
    // Nobody takes it: 0.
    room->set_answer(0);
    ASSERT_EQ(0, npc->cmd("look"));
    ASSERT_EQ(2, sizeof(LOG->take()));
    ASSERT_EQ(0, npc->cmd("jump"));
    ASSERT_EQ(({ }), LOG->take());
    gone(({ npc, item, room }));
}

void test_carried_items() {
    object room = new(THING, "room"), npc = new(NPC, "npc"), sword = new(THING, "sword");
    npc->move(room);
    sword->offer(({ ({ "act", "wield" }) }));
    LOG->take();
    // Arriving in a living: init() with the living as this_player().
    sword->move(npc);
    ASSERT_EQ(({ ({ "sword", "init", npc }) }), LOG->take());
    ASSERT(npc->cmd("wield it") > 0);
    ASSERT_EQ(({ ({ "sword", "wield", "it", npc }) }), LOG->take());
    // Carried actions go along to another room.
    object hall = new(THING, "hall");
    npc->move(hall);
    ASSERT(npc->cmd("wield") > 0);
    ASSERT_EQ(({ "sword", "wield", 0, npc }), LOG->take()[<1]);
    gone(({ npc, hall, room }));
}

void test_item_arriving_in_the_room() {
    object room = new(THING, "room"), npc = new(NPC, "npc"), coin = new(THING, "coin");
    npc->move(room);
    coin->offer(({ ({ "act", "flip" }) }));
    LOG->take();
    coin->move(room);
    // The living there gives the newcomer's init() its turn.
    ASSERT_EQ(({ ({ "coin", "init", npc }) }), LOG->take());
    ASSERT(npc->cmd("flip") > 0);
    gone(({ npc, coin, room }));
}

void test_commands_shows_flags_and_function_pointers() {
    object room = new(THING, "room"), npc = new(NPC, "npc");
    room->offer(({ ({ "act", ({ "north", "n", 0 }), 1 }), ({ "act", "'", 6 }) }));
    room->offer_pointer("poke", 0);
    room->offer_pointer("prod", 1);
    npc->move(room);
    // An array of verbs adds each string; a flag keeps its low two bits;
    // a function pointer shows as "<function>" with 4 in the flags.
    ASSERT_EQ(({ ({ "prod", 5, room, "<function>" }), ({ "poke", 4, room, "<function>" }),
                 ({ "'", 2, room, "act" }), ({ "n", 1, room, "act" }), ({ "north", 1, room, "act" }),
                 ({ "me", 0, npc, "act" }) }),
              npc->list());
    LOG->take();
    ASSERT(npc->cmd("poke x") > 0);
    ASSERT_EQ(({ ({ "room", "poke", "x", npc }) }), LOG->take());
    // commands() lists this object's own actions: the room has none.
    ASSERT_EQ(({ }), room->list());
    gone(({ npc, room }));
}

void do_tests() {
    test_actions_from_room_item_and_self();
    test_carried_items();
    test_item_arriving_in_the_room();
    test_commands_shows_flags_and_function_pointers();
}
