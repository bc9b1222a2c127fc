// Master for the player tests: every connection gets a login object.
object connect(int port) {
    return new("/obj/login");
}

void error_handler(mapping err, int caught) {
    debug_message("error: " + err["error"]);
    if (this_player()) tell_object(this_player(), "error: " + err["error"] + "\n");
}

string creator_file(string file) { return "tester"; }
