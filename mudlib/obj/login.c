// The login object: every new connection talks to one of these until it
// has proved who it is; then the connection moves (exec) to the player's
// body and this object goes away.
//
//   name? -> known name:  password (3 tries)
//         -> new name:    password, twice -> new character
//   then: already in the game (asleep, or on another connection)? take that
//         body over; otherwise the body enters the game.
#include <mudlib.h>

#define MAX_TRIES 3
#define MIN_PASSWORD 4

private string name;
private int tries;
private string chosen_password;

void ask_name() {
    write("What is your name? ");
    input_to("got_name");
}

// Driver apply: the connection is ours.
void logon() {
    call_out("timeout", LOGIN_TIMEOUT);
    write(read_file("/etc/welcome") || MUD_NAME + "\n\n");
    ask_name();
}

void timeout() {
    write("\nToo slow; come back when you are ready.\n");
    destruct(this_object());
}

// Driver apply: the connection dropped before the player got in.
void net_dead() {
    destruct(this_object());
}

void got_name(string input) {
    input = lower_case(trim(input || ""));
    if (input == "") {
        ask_name();
        return;
    }
    if (!ACCOUNTS_D->valid_name(input)) {
        write("A name is 3 to 12 letters, nothing else.\n");
        ask_name();
        return;
    }
    name = input;
    if (ACCOUNTS_D->exists(name)) {
        write("Password: ");
        input_to("got_password", 1);
    } else {
        write("Welcome, " + capitalize(name) + "! You are new here.\n");
        ask_new_password();
    }
}

// ---- An existing character ----

void got_password(string password) {
    write("\n");
    // The body in the game (awake or asleep) knows the password; otherwise
    // a fresh body restored from the save does.
    object body = ACCOUNTS_D->find_body(name);
    object fresh;
    if (!body) {
        fresh = body = new(PLAYER_OB);
        if (!body->restore_player(name)) {
            destruct(fresh);
            write("That character cannot be loaded; please tell an admin.\n");
            destruct(this_object());
            return;
        }
    }
    if (body->check_password(password)) {
        enter(body);
        return;
    }
    if (fresh) destruct(fresh);
    if (++tries >= MAX_TRIES) {
        write("Wrong password, " + MAX_TRIES + " times. Goodbye.\n");
        destruct(this_object());
        return;
    }
    write("Wrong password.\nPassword: ");
    input_to("got_password", 1);
}

// ---- A new character ----

void ask_new_password() {
    write("Choose a password (at least " + MIN_PASSWORD + " characters): ");
    input_to("got_new_password", 1);
}

void got_new_password(string password) {
    write("\n");
    if (strlen(password || "") < MIN_PASSWORD) {
        write("That is too short.\n");
        ask_new_password();
        return;
    }
    chosen_password = password;
    write("Type it again: ");
    input_to("got_confirmation", 1);
}

void got_confirmation(string password) {
    write("\n");
    if (password != chosen_password) {
        write("The two passwords differ. Once more.\n");
        ask_new_password();
        return;
    }
    // Someone may have taken the name while we were typing.
    if (ACCOUNTS_D->exists(name)) {
        write("Someone has just taken that name.\n");
        ask_name();
        return;
    }
    object body = new(PLAYER_OB);
    body->create_player(name, crypt(chosen_password, 0));
    chosen_password = 0;
    if (ACCOUNTS_D->claim_first_admin(name)) {
        write("You are the first character here, so you are the admin. Try 'help'.\n");
    }
    enter(body);
}

// ---- Into the game ----

void enter(object body) {
    remove_call_out("timeout");
    if (interactive(body)) {
        // The same character on another connection: that connection loses
        // the body (to a spare login object, which closes it).
        tell_object(body, "You have logged in from elsewhere; this connection closes.\n");
        object spare = new(LOGIN_OB);
        exec(spare, body);
        destruct(spare);
    }
    int resumed = living(body);   // already in the game: just reconnect
    exec(body, this_object());
    if (resumed) body->reconnect();
    else body->enter_game();
    destruct(this_object());
}
