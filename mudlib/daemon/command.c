// The command daemon: turns a typed verb into a command file.
//
// Every command is one file, /cmds/<verb>.c (admins also get
// /cmds/admin/<verb>.c), defining
//     int main(object me, string args)   // 1 = done, 0 = notify_fail
//     string help()                      // first line: a summary
// A new file is a new command: nothing to register.
#include <mudlib.h>

// Short forms for common commands.
private mapping aliases = ([
    "l": "look",
    "exa": "look", "examine": "look",
    "?": "help",
]);

// The verb and arguments a line really means: applies the aliases and
// turns "'hello" into "say hello". Returns ({ verb, args }).
mixed *resolve(string verb, string args) {
    if (verb[0..0] == "'") {
        string said = verb[1..];
        if (args) said = said == "" ? args : said + " " + args;
        return ({ "say", said == "" ? 0 : said });
    }
    return ({ aliases[verb] || verb, args });
}

// The command object for a verb, or 0. Verbs are plain words, so a verb
// can never name a file outside the command directories.
object find_command(string verb, int admin) {
    if (!regexp(verb, "^[a-z]+$")) return 0;
    string *dirs = admin ? ({ CMDS_DIR, ADMIN_CMDS_DIR }) : ({ CMDS_DIR });
    foreach (string dir in dirs) {
        string file = dir + verb;
        if (file_size(file + ".c") > 0) return load_object(file);
    }
    return 0;
}

// Every command someone may use: ([ verb: command object ]).
mapping commands_for(int admin) {
    mapping found = ([ ]);
    string *dirs = admin ? ({ CMDS_DIR, ADMIN_CMDS_DIR }) : ({ CMDS_DIR });
    foreach (string dir in dirs) {
        foreach (string file in get_dir(dir + "*.c") || ({ })) {
            string verb = file[0..<3];
            found[verb] = find_command(verb, admin);
        }
    }
    return found;
}

// Runs one typed line for `me` (the player's catch-all add_action).
int execute(object me, string verb, string args) {
    mixed *meant = resolve(verb, args);
    object command = find_command(meant[0], adminp(me));
    return command ? command->main(me, meant[1]) : 0;
}
