// A player body with a few commands exercising the interactive efuns.
string name;

void setup(string n, int reconnected) {
    name = n;
    set_living_name(n);
    enable_commands();
    add_action("do_say", "say");
    add_action("do_who", "who");
    add_action("do_info", "info");
    add_action("do_key", "key");
    add_action("do_loop", "loop");
    add_action("do_fail", "fail");
    add_action("do_shout", "shout");
    add_action("do_snoop", "snoop");
    add_action("do_quit", "quit");
    add_action("do_edit", "edit");
    add_action("do_wizard", "wizard");
    write((reconnected ? "Welcome back, " : "Hello, ") + name + ".\n");
    shout(name + " arrives.\n");
}

string query_name() { return name; }

// enable_wizard()/disable_wizard() act only on interactive objects.
int do_wizard(string arg) {
    if (arg == "off") disable_wizard(); else enable_wizard();
    write("wizardp=" + wizardp(this_object()) + "\n");
    return 1;
}

int do_say(string arg) {
    write("You say: " + arg + "\n");
    foreach (object u in users()) {
        if (u != this_object()) tell_object(u, name + " says: " + arg + "\n");
    }
    return 1;
}

int do_who(string arg) {
    // Connections still logging in have no name yet.
    string *names = filter(map(users(), (: $1->query_name() :)), (: stringp :));
    write("Online: " + implode(sort_array(names, 1), ", ") + "\n");
    return 1;
}

int do_info(string arg) {
    write(sprintf("interactive=%d userp=%d ip=%s idle=%d tp=%O ti=%O in_input=%d\n",
                  interactive(), userp(this_object()), query_ip_number(this_object()),
                  query_idle(this_object()), this_player() == this_object(),
                  this_interactive() == this_object(), in_input()));
    return 1;
}

int do_key(string arg) {
    write("Press a key: ");
    get_char("got_key");
    return 1;
}

void got_key(string key) {
    write("\nYou pressed [" + key + "]\n");
}

int do_loop(string arg) {
    while (1) ;
}

int do_fail(string arg) {
    notify_fail("It fails.\n");
    return 0;
}

int do_shout(string arg) {
    shout(name + " shouts: " + arg + "\n");
    write("You shout.\n");
    return 1;
}

int do_snoop(string arg) {
    object target = find_player(arg);
    write(snoop(this_object(), target) ? "Snooping " + arg + ".\n" : "Cannot snoop.\n");
    return 1;
}

// "edit FILE": the player's input goes to ed() until it quits.
int do_edit(string arg) {
    ed(arg, "edited");
    return 1;
}

void edited() {
    write("Done editing.\n");
}

int do_quit(string arg) {
    write("Bye.\n");
    shout(name + " leaves.\n");
    destruct(this_object());
    return 1;
}

// process_input: "'text" is short for "say text"; "swallow" is taken here.
mixed process_input(string line) {
    if (strlen(line) && line[0] == '\'') return "say " + line[1..];
    if (line == "swallow") {
        write("Swallowed.\n");
        return 1;
    }
    return 0;
}

void net_dead() {
    shout(name + " lost the connection.\n");
}

void write_prompt() {
    write("[" + name + "]> ");
}
