// who: everyone in the game.
#include <mudlib.h>

string help() {
    return "who  - list the players in the game, how long they have been idle, and where they are.\n";
}

// 75 -> "1m", 4000 -> "1h"
string idle_text(int seconds) {
    if (seconds < 60) return seconds + "s";
    if (seconds < 3600) return seconds / 60 + "m";
    return seconds / 3600 + "h";
}

int main(object me, string args) {
    object *players = sort_array(ACCOUNTS_D->online(), (: strcmp($1->query_name(), $2->query_name()) :));
    write(sprintf("Players in %s (%d):\n", MUD_NAME, sizeof(players)));
    foreach (object p in players) {
        object room = environment(p);
        write(sprintf("  %-20s idle %-4s %s\n", p->query_short(), idle_text(p->query_idle_seconds()),
            room ? room->query_short() : "nowhere"));
    }
    return 1;
}
