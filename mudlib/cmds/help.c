// help, help <command>: the commands describe themselves (their help()).
#include <mudlib.h>

string help() {
    return "help [command]  - list the commands, or explain one.\n";
}

int main(object me, string args) {
    int admin = adminp(me);
    if (args) {
        mixed *meant = COMMAND_D->resolve(args, 0);
        object command = COMMAND_D->find_command(meant[0], admin);
        if (!command) return notify_fail("There is no command called " + args + ".\n");
        write(command->help());
        return 1;
    }
    mapping commands = COMMAND_D->commands_for(admin);
    string text = "Commands:\n";
    foreach (string verb in sort_array(keys(commands), 1)) {
        text += "  " + explode(commands[verb]->help(), "\n")[0] + "\n";
    }
    text += "Move by typing an exit's name (north or n). Rooms may have verbs of their own.\n";
    write(text);
    return 1;
}
