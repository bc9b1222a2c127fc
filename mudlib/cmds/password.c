// password: change your password. Asks with echo off, one line at a time;
// each answer arrives in a callback with the player passed along.
string help() {
    return "password  - change your password.\n";
}

int main(object me, string args) {
    write("Current password: ");
    input_to("got_old", 1, me);
    return 1;
}

void got_old(string old, object me) {
    write("\n");
    if (!me->check_password(old)) {
        write("That is not your password.\n");
        return;
    }
    write("New password (at least 4 characters): ");
    input_to("got_new", 1, me, old);
}

void got_new(string new_password, object me, string old) {
    write("\n");
    if (strlen(new_password) < 4) {
        write("Too short; your password is unchanged.\n");
        return;
    }
    write("Type it again: ");
    input_to("got_confirmation", 1, me, old, new_password);
}

void got_confirmation(string again, object me, string old, string new_password) {
    write("\n");
    if (again != new_password) write("They differ; your password is unchanged.\n");
    else if (me->change_password(old, new_password)) write("Password changed.\n");
    else write("Your password is unchanged.\n");
}
