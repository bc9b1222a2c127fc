// tell <who> <message>: a private message to a player anywhere.
#include <mudlib.h>

string help() {
    return "tell <player> <message>  - speak privately to a player anywhere in the game.\n";
}

int main(object me, string args) {
    string who, message;
    if (!args || sscanf(args, "%s %s", who, message) != 2) return notify_fail("Tell whom what?\n");
    object target = ACCOUNTS_D->find_body(who);
    if (!target) return notify_fail("No one called " + capitalize(who) + " is in the game.\n");
    if (target == me) return notify_fail("You mutter to yourself.\n");
    tell_object(target, me->query_cap_name() + " tells you: " + message + "\n");
    write("You tell " + target->query_cap_name() + ": " + message + "\n");
    if (target->query_linkdead()) {
        write("(" + target->query_cap_name() + " is asleep and will see it on waking.)\n");
    }
    return 1;
}
