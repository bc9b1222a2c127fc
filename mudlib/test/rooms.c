// Rooms: every room in the start domain loads, and its exits lead to rooms.
#include <mudlib.h>
#include <tests.h>

void do_tests() {
    string *files = map(get_dir("/domains/start/*.c"), (: "/domains/start/" + $1[0..<3] :));
    ASSERT(sizeof(files) >= 3);
    foreach (string file in files) {
        object room = load_object(file);
        ASSERT(inherits(ROOM, room));
        ASSERT(strlen(room->query_short()) > 0 && strlen(room->query_long()) > 0);
        foreach (string direction, string destination in room->query_exits()) {
            object there;
            ASSERT_EQ(0, catch(there = load_object(destination)));
            ASSERT(there && inherits(ROOM, there));
            // Every exit has a way back: no one gets stranded.
            ASSERT(there && member_array(file, values(there->query_exits())) >= 0);
        }
    }

    object square = load_object(START_ROOM);
    ASSERT_EQ("north", square->resolve_direction("north"));
    ASSERT_EQ("north", square->resolve_direction("N"));
    ASSERT_EQ(0, square->resolve_direction("up"));
    ASSERT_EQ(0, square->resolve_direction(0));
    ASSERT(square->query_item("anvil"));
    ASSERT_EQ(0, square->query_item("dragon"));

    string text = square->describe(0);
    ASSERT(strsrch(text, "Ironhaven Square") >= 0);
    ASSERT(strsrch(text, "Exits: east, north, south, west.") >= 0);

    // query_exits() hands out a copy: callers cannot rewire the room.
    square->query_exits()["up"] = "/domains/start/tavern";
    ASSERT_EQ(0, square->resolve_direction("up"));
}
