// How a line matches a verb: exact verbs, flag 1 (the line starts with the
// verb, query_verb() is the whole word), flag 2 (query_verb() is the rest
// of the word, the argument all after the verb), the empty verb, and what
// the function gets as its argument.
#include <tests.h>

#define THING "/fixtures/commands/thing"
#define NPC "/fixtures/commands/npc"
#define LOG "/fixtures/commands/log"

// Destructs what is still there (destruct(0) would take this object).
void gone(object *obs) {
    foreach (object ob in obs) if (ob) destruct(ob);
}

object room, npc;

void setup(mixed *offers) {
    room = new(THING, "room");
    npc = new(NPC, "npc");
    room->offer(offers);
    npc->move(room);
    LOG->take();
}

void cleanup() {
    gone(({ npc, room }));
}

// What the room's action saw for `line`: ({ query_verb(), argument }), or
// 0 when nothing took the line.
mixed saw(string line) {
    if (!npc->cmd(line)) {
        LOG->take();
        return 0;
    }
    mixed *e = LOG->take();
    return ({ e[0][1], e[0][2] });
}

void test_exact_verbs() {
    setup(({ ({ "act", "look" }) }));
    ASSERT_EQ(({ "look", 0 }), saw("look"));
    ASSERT_EQ(({ "look", "at sword" }), saw("look at sword"));
    // Trailing spaces go; the argument keeps further spaces.
    ASSERT_EQ(({ "look", 0 }), saw("look   "));
    ASSERT_EQ(({ "look", "  at it" }), saw("look   at it"));
    ASSERT_EQ(0, saw("looking"));
    ASSERT_EQ(0, saw("loo"));
    // A leading space makes the first word empty.
    ASSERT_EQ(0, saw(" look"));
    ASSERT_EQ(0, saw(""));
    ASSERT_EQ(0, saw("    "));
    cleanup();
}

void test_flag_1_matches_the_start() {
    setup(({ ({ "act", "exa", 1 }) }));
    ASSERT_EQ(({ "examine", "sword" }), saw("examine sword"));
    ASSERT_EQ(({ "exa", 0 }), saw("exa"));
    ASSERT_EQ(({ "exam", "a b" }), saw("exam a b"));
    ASSERT_EQ(0, saw("ex"));
    ASSERT_EQ(0, saw("look"));
    cleanup();
}

void test_flag_2_reports_what_follows() {
    setup(({ ({ "act", "'", 2 }), ({ "act", "say", 2 }) }));
    ASSERT_EQ(({ "hello", "hello there" }), saw("'hello there"));
    ASSERT_EQ(({ "", " hi" }), saw("' hi"));
    ASSERT_EQ(({ "hi", "hi" }), saw("sayhi"));
    ASSERT_EQ(({ "", "" }), saw("say"));
    ASSERT_EQ(({ "", " it" }), saw("say it"));
    ASSERT_EQ(0, saw("sa"));
    cleanup();
}

void test_empty_verb_takes_everything() {
    setup(({ ({ "act", "" }) }));
    ASSERT_EQ(({ "dance", "wildly" }), saw("dance wildly"));
    ASSERT_EQ(({ "x", 0 }), saw("x"));
    ASSERT_EQ(({ "", "look" }), saw(" look"));
    cleanup();
}

void test_query_verb_outside_commands() {
    ASSERT_EQ(0, query_verb());
    setup(({ ({ "act", "look" }) }));
    npc->cmd("look");
    ASSERT_EQ(0, query_verb());
    cleanup();
}

void do_tests() {
    test_exact_verbs();
    test_flag_1_matches_the_start();
    test_flag_2_reports_what_follows();
    test_empty_verb_takes_everything();
    test_query_verb_outside_commands();
}
