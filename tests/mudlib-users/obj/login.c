// Login: a name, a password without echo, then the connection moves to a
// player body with exec().
void logon() {
    write("Welcome to the test mud.\nName: ");
    input_to("got_name");
}

void got_name(string name) {
    if (name == "") {
        write("Name: ");
        input_to("got_name");
        return;
    }
    write("Password: ");
    input_to("got_password", 1, name);
}

void got_password(string password, string name) {
    if (password != "secret") {
        write("\nWrong password.\nPassword: ");
        input_to("got_password", 1, name);
        return;
    }
    object old = find_player(name);
    object body = old ? old : new("/obj/player");
    if (!exec(body, this_object())) {
        write("exec failed\n");
        return;
    }
    body->setup(name, !!old);
    destruct(this_object());
}
