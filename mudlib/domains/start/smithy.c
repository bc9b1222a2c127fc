// A verb heard in the next room too: "strike" the anvil.
#include <mudlib.h>
inherit ROOM;

void create() {
    set_short("The Smithy");
    set_long("Heat rolls off a glowing forge. Tongs, hammers and half-finished "
        "horseshoes hang from every beam, and a work anvil stands ready with a "
        "hammer beside it. The square is east.");
    set_exits(([ "east": "/domains/start/square" ]));
    set_items(([
        "forge": "The coals glow orange and pulse like something breathing.",
        "hammer": "Well balanced. You could strike the anvil with it.",
        "anvil": "Scarred by a thousand blows.",
    ]));
}

void init() {
    ::init();
    add_action("strike", ({ "strike", "hammer" }));
}

int strike(string what) {
    object me = this_player();
    write("You strike the anvil. CLANG! Sparks shower the floor.\n");
    tell_room(this_object(), me->query_cap_name() + " strikes the anvil. CLANG!\n", ({ me }));
    tell_room(load_object("/domains/start/square"), "A ringing clang echoes from the smithy.\n");
    return 1;
}
