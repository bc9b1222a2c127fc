// Master for the interactive extras tests: every connection gets a user
// object; objects that say so may hide and see hidden objects.
object connect(int port) {
    return new("/obj/user");
}

int valid_hide(object ob) {
    return ob->may_hide();
}

void error_handler(mapping err, int caught) {
    debug_message("error: " + err["error"]);
    if (this_player()) tell_object(this_player(), "error: " + err["error"] + "\n");
}

string creator_file(string file) { return "tester"; }

// mudlib_stats: every object is the tester's; objects under /obj/ are
// the "objs" domain.
string author_file(string file) { return "tester"; }
mixed domain_file(string file) { return file[0..4] == "/obj/" ? "objs" : 0; }
