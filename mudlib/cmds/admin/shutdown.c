// shutdown: saves everyone and stops the mud.
#include <mudlib.h>

string help() {
    return "shutdown  - save every player and stop the mud.\n";
}

int main(object me, string args) {
    if (!adminp(me)) return 0;
    foreach (object player in ACCOUNTS_D->online()) {
        tell_object(player, me->query_cap_name() + " shuts the game down. Your character is saved.\n");
        player->save_player();
    }
    shutdown(0);
    return 1;
}
