// The edge of the world, for now: an exit verb a room overrides itself.
#include <mudlib.h>
inherit ROOM;

void create() {
    set_short("The South Gate");
    set_long("Two towers of dark stone flank an open iron gate. Beyond it a road "
        "runs south into mist and, a few paces later, simply stops, as if the "
        "world's builders ran out of cobbles. The square lies north.");
    set_exits(([ "north": "/domains/start/square" ]));
    set_items(([
        "road": "It ends in a neat line of string and pegs. Someone is still planning it.",
        "gate": "The hinges are oiled. The gate has not been closed in years.",
        "mist": "It smells of rain and unwritten rooms.",
    ]));
}

void init() {
    ::init();
    add_action("south", ({ "south", "s" }));
}

int south(string args) {
    write("You follow the road into the mist, find the pegs and string, and "
        "think better of it. (Admins: see README.md to add rooms.)\n");
    return 1;
}
