// The heart of Ironhaven, and where new characters arrive.
#include <mudlib.h>
inherit ROOM;

void create() {
    set_short("Ironhaven Square");
    set_long("Cobblestones worn smooth by centuries of boots spread out around "
        "an enormous iron anvil, green with age, that serves the town as a "
        "monument. Lamplight spills from a tavern to the north; the town gate "
        "stands to the south, a garden gate creaks to the east, and the "
        "smithy's chimney smokes to the west.");
    set_exits(([
        "north": "/domains/start/tavern",
        "south": "/domains/start/gate",
        "east": "/domains/start/garden",
        "west": "/domains/start/smithy",
    ]));
    set_items(([
        "anvil": "A plaque reads: 'Forged before the town, and it will outlast it.'",
        "cobblestones": "Each one is a slightly different shade of grey.",
    ]));
}
