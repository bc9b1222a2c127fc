// command(), living(), remove_action(), notify_fail() for objects that are
// not interactive, add_action()'s rules, and the parser's errors.
#include <tests.h>

#define THING "/fixtures/commands/thing"
#define NPC "/fixtures/commands/npc"
#define LOG "/fixtures/commands/log"

// Destructs what is still there (destruct(0) would take this object).
void gone(object *obs) {
    foreach (object ob in obs) if (ob) destruct(ob);
}

// enable_commands() makes its object this_player(); disable_commands()
// of this_player() makes it 0.
void clear_this_player() {
    object t = new(NPC, "t");
    t->start(0);
    t->stop();
    gone(({ t }));
}

void test_command_runs_as_this_player() {
    object room = new(THING, "room"), npc = new(NPC, "npc");
    room->offer(({ ({ "act", "look" }) }));
    npc->move(room);
    clear_this_player();
    ASSERT_EQ(0, this_player());
    LOG->take();
    // During the action the npc is this_player(); afterwards 0 again.
    ASSERT(npc->cmd("look") > 0);
    ASSERT_EQ(({ ({ "room", "look", 0, npc }) }), LOG->take());
    ASSERT_EQ(0, this_player());
    // The evaluation cost is at least 1; failure is 0.
    ASSERT(npc->do_as_me("look") >= 1);
    ASSERT_EQ(0, npc->cmd("nothing"));
    ASSERT_EQ(0, npc->cmd(""));
    gone(({ npc, room }));
}

void test_command_errors() {
    object npc = new(NPC, "npc"), other = new(THING, "other");
    string long = "";
    for (int i = 0; i < 1000; i++) long += "x";
    ASSERT_EQ("*Too long command.\n", npc->try_do(long));
    ASSERT_EQ(0, npc->try_do(long[0..998]));
    ASSERT(npc->try_do_as("me", other));
    ASSERT_EQ(0, npc->try_do_as("me", npc));
    gone(({ npc, other }));
}

void test_living() {
    object npc = new(NPC, "npc"), thing = new(THING, "thing");
    ASSERT_EQ(1, living(npc));
    ASSERT_EQ(0, living(thing));
    ASSERT_EQ(0, living());
    ASSERT(catch(living(0)));
    npc->stop();
    ASSERT_EQ(0, living(npc));
    gone(({ npc, thing }));
}

void test_remove_action() {
    object room = new(THING, "room"), npc = new(NPC, "npc");
    room->offer(({ ({ "act", "look" }), ({ "forget", "forget" }), ({ "forget_and_decline", "unlook" }) }));
    npc->move(room);
    LOG->take();
    // Only the action this object added with that function and verb.
    ASSERT(npc->cmd("forget act me") > 0);
    ASSERT_EQ(({ ({ "room", "forget", 0 }) }), LOG->take());
    ASSERT(npc->cmd("forget decline look") > 0);
    ASSERT_EQ(({ ({ "room", "forget", 0 }) }), LOG->take());
    ASSERT(npc->cmd("forget act look") > 0);
    ASSERT_EQ(({ ({ "room", "forget", 1 }) }), LOG->take());
    ASSERT_EQ(0, npc->cmd("look"));
    ASSERT(npc->cmd("forget act look") > 0);
    ASSERT_EQ(({ ({ "room", "forget", 0 }) }), LOG->take());
    // Removing an action from a verb that then returns 0 is an error: the
    // parser's list changed under it.
    room->offer(({ ({ "act", "look" }), ({ "forget_and_decline", "unlook" }) }));
    npc->move(room);
    string err = npc->try_do("unlook look");
    ASSERT2(err && strsrch(err, "Illegal to call remove_action() [caller was /fixtures/commands/thing#") == 1, err);
    // Without this_player(), remove_action() looks at this object's own.
    clear_this_player();
    ASSERT_EQ(0, room->drop_now("act", "look"));
    gone(({ npc, room }));
}

void test_notify_fail_needs_an_interactive() {
    object room = new(THING, "room"), npc = new(NPC, "npc");
    room->offer(({ ({ "fail_with_text", "dig" }) }));
    npc->move(room);
    // The npc is not interactive: notify_fail() keeps nothing and the
    // command just fails.
    ASSERT_EQ(0, npc->cmd("dig"));
    gone(({ npc, room }));
}

void test_add_action_rules() {
    object room = new(THING, "room"), near = new(THING, "near"), far = new(THING, "far");
    object npc = new(NPC, "npc"), elsewhere = new(THING, "elsewhere");
    near->move(room);
    far->move(elsewhere);
    npc->move(room);
    npc->start(0);
    // this_player() is the npc now: objects present to it may add actions.
    near->add_now("act", "poke");
    room->add_now("act", "shout");
    npc->add_now("act", "sing");
    far->add_now("act", "wave");
    ASSERT_EQ(({ "sing", "shout", "poke", "me" }), map(npc->list(), (: $1[0] :)));
    // disable_commands() took them all; with no this_player() nothing is
    // added.
    npc->stop();
    ASSERT_EQ(0, this_player());
    near->add_now("act", "kick");
    npc->add_now("act", "kick");
    ASSERT_EQ(({ }), npc->list());
    gone(({ npc, near, far, elsewhere, room }));
}

void test_missing_functions() {
    object room = new(THING, "room"), npc = new(NPC, "npc");
    room->offer(({ ({ "missing", "zap" }), ({ "act", "look" }), ({ "missing", "zip" }) }));
    npc->move(room);
    // The newest action naming a missing function is an error...
    ASSERT_EQ("*Function for verb 'zip' not found.\n", npc->try_do("zip"));
    // ... an older one is passed over.
    ASSERT_EQ(0, npc->try_do("zap"));
    ASSERT_EQ(0, npc->cmd("zap"));
    gone(({ npc, room }));
}

void test_moving_from_a_verb() {
    object room = new(THING, "room"), ball = new(THING, "ball"), npc = new(NPC, "npc");
    object hall = new(THING, "hall");
    ball->offer(({ ({ "leave", "kick" }), ({ "leave_and_decline", "throw" }) }));
    ball->move(room);
    npc->move(room);
    // A verb may move its object away when it returns 1...
    ASSERT(npc->cmd("kick " + file_name(hall)) > 0);
    ASSERT_EQ(hall, environment(ball));
    ASSERT_EQ(({ "me" }), map(npc->list(), (: $1[0] :)));
    // ... but not when it returns 0.
    ball->move(room);
    string err = npc->try_do("throw " + file_name(hall));
    ASSERT2(err && strsrch(err, "Illegal to move or destruct an object (/fixtures/commands/thing#") == 1, err);
    ASSERT2(err && strsrch(err, "from a verb function(throw)") > 0, err);
    // Destructing it is moving it too.
    object dust = new(THING, "dust");
    dust->offer(({ ({ "vanish_and_decline", "blow" }) }));
    dust->move(room);
    err = npc->try_do("blow");
    ASSERT2(err && strsrch(err, "Illegal to move or destruct an object (/fixtures/commands/thing#") == 1, err);
    ASSERT_EQ(0, dust);
    gone(({ npc, ball, hall, room }));
}

void test_nested_commands() {
    object room = new(THING, "room"), npc = new(NPC, "npc");
    room->offer(({ ({ "act", "look" }) }));
    npc->move(room);
    npc->start(0);
    npc->add_now("relay", "do");
    LOG->take();
    ASSERT(npc->cmd("do look") > 0);
    // The inner command ran; query_verb() is 0 after it, as in FluffOS
    // (one verb for the whole driver).
    ASSERT_EQ(({ ({ "room", "look", 0, npc }), ({ "npc", "relay", 1, 0 }) }), LOG->take());
    npc->stop();
    gone(({ npc, room }));
}

// An action added with a function pointer is removed by that pointer
// (not by another one, nor by name).
int pointer_hits;
void test_remove_action_by_pointer() {
    function f = (: pointer_hits++ :), g = (: pointer_hits++ :);
    enable_commands();
    add_action(f, "poke");
    ASSERT_EQ(0, remove_action(g, "poke"));
    ASSERT_EQ(0, remove_action("poke", "poke"));
    ASSERT_EQ(1, remove_action(f, "poke"));
    ASSERT_EQ(0, remove_action(f, "poke"));
    ASSERT_EQ(0, command("poke"));
    ASSERT_EQ(0, pointer_hits);
    disable_commands();
}

void do_tests() {
    test_remove_action_by_pointer();
    test_command_runs_as_this_player();
    test_command_errors();
    test_living();
    test_remove_action();
    test_notify_fail_needs_an_interactive();
    test_add_action_rules();
    test_missing_functions();
    test_moving_from_a_verb();
    test_nested_commands();
}
