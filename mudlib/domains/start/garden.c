// A quiet corner with details to look at and a verb: "smell".
#include <mudlib.h>
inherit ROOM;

void create() {
    set_short("The Herb Garden");
    set_long("Neat beds of thyme, sage and lavender fill a walled garden. Bees "
        "drift between the flowers, and a stone bench sits in the shade of an "
        "old pear tree. The square is back to the west.");
    set_exits(([ "west": "/domains/start/square" ]));
    set_items(([
        "bench": "Someone has carved 'R + T' into the seat, long ago.",
        "tree": "The pears are not ripe yet.",
        "bees": "Busy. They ignore you politely.",
        "lavender": "You could smell it, if you like.",
    ]));
}

void init() {
    ::init();
    add_action("smell", "smell");
}

int smell(string what) {
    object me = this_player();
    write("The air is thick with lavender and thyme. You feel a little calmer.\n");
    tell_room(this_object(), me->query_cap_name() + " stops to smell the herbs.\n", ({ me }));
    return 1;
}
