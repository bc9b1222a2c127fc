// The standard room. A room file inherits this and, in create(), sets its
// short and long descriptions, its exits and the details one can look at:
//
//     inherit ROOM;
//     void create() {
//         set_short("A quiet lane");
//         set_long("Ivy climbs the walls of a narrow lane.");
//         set_exits(([ "north": "/domains/start/square" ]));
//         set_items(([ "ivy": "It is thick, green and full of sparrows." ]));
//     }
//
// Exits become verbs when a living enters (init()), with the usual one-
// and two-letter abbreviations ("n", "ne", "u").
#include <mudlib.h>

private string short_desc = "Nowhere";
private string long_desc = "There is nothing here.";
private mapping exits = ([ ]);   // direction -> room file
private mapping items = ([ ]);   // detail name -> description

private nosave mapping abbreviations = ([
    "north": "n", "south": "s", "east": "e", "west": "w",
    "northeast": "ne", "northwest": "nw", "southeast": "se", "southwest": "sw",
    "up": "u", "down": "d",
]);

void set_short(string s) { short_desc = s; }
void set_long(string s) { long_desc = s; }
void set_exits(mapping m) { exits = copy(m); }
void add_exit(string direction, string file) { exits[direction] = file; }
void set_items(mapping m) { items = copy(m); }

string query_short() { return short_desc; }
string query_long() { return long_desc; }
mapping query_exits() { return copy(exits); }
string query_item(string name) { return items[lower_case(name)]; }

// The exit a word names: an exit name or its abbreviation; 0 if none.
string resolve_direction(string word) {
    if (!word) return 0;
    word = lower_case(word);
    if (exits[word]) return word;
    foreach (string direction, string abbreviation in abbreviations) {
        if (abbreviation == word && exits[direction]) return direction;
    }
    return 0;
}

// What `viewer` sees on entering or typing "look".
string describe(object viewer) {
    string text = "\x1b[1m" + short_desc + "\x1b[0m\n" + sprintf("%-=78s\n", long_desc);
    string *directions = sort_array(keys(exits), 1);
    if (sizeof(directions)) text += "Exits: " + implode(directions, ", ") + ".\n";
    else text += "There are no obvious exits.\n";
    string *here = ({ });
    foreach (object ob in all_inventory(this_object())) {
        if (ob != viewer && living(ob)) here += ({ ob->query_short() });
    }
    if (sizeof(here)) text += "Here: " + implode(here, ", ") + ".\n";
    return text;
}

// Every living that arrives gets the exits as verbs.
void init() {
    foreach (string direction in keys(exits)) {
        add_action("exit_command", direction);
        if (abbreviations[direction]) add_action("exit_command", abbreviations[direction]);
    }
}

int exit_command(string args) {
    return this_player()->go(resolve_direction(query_verb()));
}
