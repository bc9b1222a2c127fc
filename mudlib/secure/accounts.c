// Accounts: which names are allowed, which characters exist, who is an
// admin. The characters themselves (password hash included) are saved by
// /obj/player; this daemon only looks at the files.
#include <mudlib.h>

#define MIN_NAME 3
#define MAX_NAME 12

// Names are 3 to 12 letters; stored lower case, shown capitalized.
int valid_name(string name) {
    return stringp(name) && strlen(name) >= MIN_NAME && strlen(name) <= MAX_NAME
        && regexp(name, "^[A-Za-z]+$");
}

string save_file(string name) {
    return PLAYER_SAVE_DIR + lower_case(name);
}

int exists(string name) {
    return valid_name(name) && file_size(save_file(name) + ".o") > 0;
}

// ---- Admins: the names in ADMINS_FILE, one a line ----

string *admins() {
    string text = file_size(ADMINS_FILE) > 0 ? read_file(ADMINS_FILE) : "";
    return filter(explode(text, "\n"), (: valid_name($1) :));
}

int is_admin(string name) {
    return stringp(name) && member_array(lower_case(name), admins()) >= 0;
}

// The first character ever created runs the place: if there is no admin
// file yet, this name starts it. Returns 1 when `name` became admin.
int claim_first_admin(string name) {
    if (file_size(ADMINS_FILE) >= 0) return 0;
    write_file(ADMINS_FILE, lower_case(name) + "\n");
    return 1;
}

// Every character in the game, awake or asleep (users() only lists the
// connected ones).
object *online() {
    return filter(livings(), (: base_name($1) == PLAYER_OB && $1->query_name() :));
}

// The body of a character who is in the game (awake or asleep), or 0.
object find_body(string name) {
    object body = stringp(name) && find_living(lower_case(name));
    return body && base_name(body) == PLAYER_OB ? body : 0;
}

// ---- Public profiles (the web API) ----

// What anyone may know about a character, or 0 when there is none. The
// online body answers when there is one; otherwise a temporary copy is
// restored from the save file.
mapping profile(string name) {
    if (!exists(name)) return 0;
    object body = find_body(name);
    if (body) return body->query_profile();
    body = new(PLAYER_OB);
    mapping result = body->restore_player(name) ? body->query_profile() : 0;
    destruct(body);
    return result;
}
