// A room with a verb of its own: "order".
#include <mudlib.h>
inherit ROOM;

private string *drinks = ({ "ale", "cider", "tea" });

void create() {
    set_short("The Rusty Tankard");
    set_long("A low-beamed tavern that smells of woodsmoke and spilled cider. "
        "A chalkboard behind the bar lists what the barkeep will pour, and "
        "a fire crackles in a hearth big enough to stand in.");
    set_exits(([ "south": "/domains/start/square" ]));
    set_items(([
        "chalkboard": "It reads: ale, cider, tea. Underneath: 'order <drink>'.",
        "hearth": "The fire has not gone out in living memory, or so they say.",
        "fire": "It pops and crackles cheerfully.",
    ]));
}

void init() {
    ::init();
    add_action("order", "order");
}

int order(string drink) {
    if (!drink || member_array(drink, drinks) < 0) {
        return notify_fail("The barkeep points at the chalkboard: " + implode(drinks, ", ") + ".\n");
    }
    object me = this_player();
    write("The barkeep slides a steaming mug of " + drink + " across the bar to you.\n");
    string name = me->query_cap_name();
    tell_room(this_object(), "The barkeep serves " + name + " a mug of " + drink + ".\n", ({ me }));
    return 1;
}
