// A player's body: what is saved about a character, how it enters and
// leaves the game, and where its typed commands go.
//
// Commands are not defined here: one catch-all add_action hands every line
// to the command daemon, which runs /cmds/<verb>.c. Rooms add their own
// verbs (exits, "order", ...) in init(), and those are tried first.
//
// Lost connections: the body stays in its room, asleep, for
// LINKDEAD_SECONDS; logging in again wakes it (messages it missed are
// replayed), otherwise it saves and leaves on its own.
#include <mudlib.h>

#define MAX_MISSED 30

// ---- Saved with save_object() ----
private string name;            // lower case; capitalize() for display
private string password_hash;   // crypt() output; never shown to anyone
private int created;            // time() of character creation
private int last_login;
private string last_room;       // where the character left the game

// ---- Only while in the game ----
private nosave int linkdead_since;        // 0 while connected
private nosave string *missed = ({ });    // messages while asleep

string query_name() { return name; }
// present("bob", room) finds this body.
int id(string word) { return name && lower_case(word) == name; }
string query_cap_name() { return name ? capitalize(name) : "Nobody"; }
int query_linkdead() { return linkdead_since != 0; }
string query_short() { return query_cap_name() + (linkdead_since ? " (asleep)" : ""); }

// Seconds since the player last typed (or since the link dropped).
int query_idle_seconds() {
    if (interactive(this_object())) return query_idle(this_object());
    return linkdead_since ? time() - linkdead_since : 0;
}

// What the web API may show: no password hash, no location.
mapping query_profile() {
    return ([
        "name": query_cap_name(),
        "created": created,
        "last_login": last_login,
        "online": living(this_object()) ? 1 : 0,
    ]);
}

// ---- Saving and passwords ----

// A new character; only a body without a name can become one.
void create_player(string new_name, string hash) {
    if (name) error("create_player: this body is already " + name + "\n");
    name = lower_case(new_name);
    password_hash = hash;
    created = time();
}

// Loads a character's save into this (fresh) body; 1 on success.
int restore_player(string who) {
    if (name) error("restore_player: this body is already " + name + "\n");
    who = lower_case(who);
    if (!ACCOUNTS_D->exists(who) || !restore_object(ACCOUNTS_D->save_file(who))) return 0;
    return name == who;
}

void save_player() {
    if (!name) return;
    if (environment()) last_room = file_name(environment());
    save_object(ACCOUNTS_D->save_file(name));
}

int check_password(string password) {
    return stringp(password) && password_hash && crypt(password, password_hash) == password_hash;
}

// Changing it needs the old one, so no other object can take it over.
int change_password(string old_password, string new_password) {
    if (!check_password(old_password)) return 0;
    password_hash = crypt(new_password, 0);
    save_player();
    return 1;
}

// ---- Output ----

// tell_object(), say() etc. reach a body without a connection here (and a
// connected one too when "interactive catch tell" is on).
void catch_tell(string message) {
    if (interactive(this_object())) {
        receive(message);
    } else if (linkdead_since) {
        missed = (missed + ({ message }))[<MAX_MISSED..];
    }
}

// The message() efun's hook: no message classes are filtered here yet.
void receive_message(string type, string message) {
    catch_tell(message);
}

private void tell_me(string message) { tell_object(this_object(), message); }

private void tell_here(string message) {
    if (environment()) tell_room(environment(), message, ({ this_object() }));
}

void look() {
    if (environment()) tell_me(environment()->describe(this_object()));
}

// ---- Moving ----

// Walks through an exit of the current room; 0 if there is none that way.
int go(string direction) {
    object here = environment();
    string destination = here && here->query_exits()[direction];
    if (!destination) return 0;
    object there = load_object(destination);
    tell_here(query_cap_name() + " leaves " + direction + ".\n");
    move_object(there);
    tell_here(query_cap_name() + " arrives.\n");
    look();
    return 1;
}

// ---- Entering and leaving the game ----

int dispatch(string args) {
    return COMMAND_D->execute(this_object(), query_verb(), args);
}

// Called by the login object once the connection is this body's.
void enter_game() {
    if (living(this_object())) return;
    last_login = time();
    enable_commands();
    set_living_name(name);
    add_action("dispatch", "");
    object room;
    if (last_room) catch(room = load_object(last_room));
    move_object(room || load_object(START_ROOM));
    save_player();
    tell_here(query_cap_name() + " enters the game.\n");
    look();
}

// A login took over this body: it was asleep, or another connection had it.
void reconnect() {
    remove_call_out("linkdead_timeout");
    last_login = time();
    if (linkdead_since) {
        linkdead_since = 0;
        tell_here(query_cap_name() + " wakes up.\n");
        if (sizeof(missed)) tell_me("While you were asleep:\n" + implode(missed, ""));
        missed = ({ });
    } else {
        tell_me("You take over your body from your other connection.\n");
    }
    look();
}

// Driver apply: the connection dropped.
void net_dead() {
    linkdead_since = time();
    save_player();
    tell_here(query_cap_name() + " has lost the link and falls asleep.\n");
    call_out("linkdead_timeout", LINKDEAD_SECONDS);
}

void linkdead_timeout() {
    if (interactive(this_object())) return;
    tell_here(query_cap_name() + " fades away.\n");
    save_player();
    destruct(this_object());
}

void quit() {
    save_player();
    tell_me("Goodbye, " + query_cap_name() + ". Come back soon.\n");
    tell_here(query_cap_name() + " leaves the game.\n");
    destruct(this_object());
}
