// The master's permission rules.
#include <mudlib.h>
#include <tests.h>

void do_tests() {
    object master = find_object(MASTER_OB);
    object player = new(PLAYER_OB);
    object api = load_object(WEB_API_D);
    object room = load_object(START_ROOM);

    // Saves: the player object writes and reads them; others may not.
    ASSERT(master->valid_write("/data/players/bob.o", player, "save_object"));
    ASSERT(!master->valid_write("/data/players/bob.o", room, "write_file"));
    ASSERT(!master->valid_write("/data/admins", player, "write_file"));
    ASSERT(master->valid_write("/data/admins", load_object(ACCOUNTS_D), "write_file"));
    ASSERT(master->valid_read("/data/players/bob.o", player, "restore_object"));
    ASSERT(!master->valid_read("/data/players/bob.o", room, "read_file"));
    ASSERT(master->valid_read("/domains/start/square.c", room, "read_file"));
    // Code directories are not writable by ordinary code.
    ASSERT(!master->valid_write("/std/room.c", room, "write_file"));
    ASSERT(!master->valid_write("secure/master.c", room, "write_file"));
    ASSERT(master->valid_write("/tmp/scratch", room, "write_file"));
    ASSERT(master->valid_write("/log/runtime", room, "write_file"));
    // Only the eval command writes eval files (the master trusts them).
    ASSERT(!master->valid_write("/tmp/eval_x.c", room, "write_file"));
    ASSERT(master->valid_write("/tmp/eval_x.c", load_object(ADMIN_CMDS_DIR + "eval"), "write_file"));
    ASSERT(master->valid_write("/www/api.json", api, "write_file"));
    ASSERT(!master->valid_write("/www/index.html", api, "write_file"));

    // Sockets for daemons only; exec and shutdown only through the simul_efun.
    ASSERT(master->valid_socket(api, "create", ({ -1, api, "N/A", -1 })));
    ASSERT(!master->valid_socket(room, "create", ({ -1, room, "N/A", -1 })));
    ASSERT(!master->valid_override("/obj/login", "exec", "/obj/login"));
    ASSERT(master->valid_override("/secure/simul_efun", "exec", "/secure/simul_efun"));
    ASSERT(catch(exec(room, player)));
    ASSERT(catch(shutdown(1)));
    destruct(player);
}
