// An async function as an action: its promise is not an answer, so the
// parser goes on to the next action as if it had returned 0.
#include <tests.h>

promise hold = promise_create();
string *ran = ({ });

async int parks(string arg) { ran += ({ "parks" }); await hold; return 1; }
async int returns_at_once(string arg) { ran += ({ "at once" }); return 1; }
int plain(string arg) { ran += ({ "plain" }); return 1; }

void do_tests() {
    enable_commands();
    add_action("plain", "go");
    add_action("parks", "go");
    add_action((: returns_at_once :), "run");
    add_action((: parks :), "stay");

    // The newest action (async) runs first, then the plain one takes it.
    ASSERT(command("go north"));
    ASSERT_EQ(({ "parks", "plain" }), ran);
    // Even an async function that never parked answers with a promise.
    ran = ({ });
    ASSERT_EQ(0, command("run"));
    ASSERT_EQ(({ "at once" }), ran);
    ASSERT_EQ(0, command("stay"));

    promise_resolve(hold, 0);
    disable_commands();
}
