// The master object `ferrum run` uses when a script brings none: it
// allows everything a script may reasonably do.

int valid_socket(object ob, string what, mixed *info) { return 1; }
int valid_read(string file, mixed ob, string func) { return 1; }
int valid_write(string file, mixed ob, string func) { return 1; }
int valid_override(string file, string name, string mainfile) { return 1; }
int valid_bind(object binder, object old_owner, object new_owner) { return 1; }
int valid_shadow(object ob) { return 1; }
int valid_seteuid(object ob, string euid) { return 1; }
int valid_database(object ob, string action, mixed *info) { return 1; }
string get_root_uid() { return "ROOT"; }
string get_bb_uid() { return "BACKBONE"; }
string creator_file(string file) { return "SCRIPT"; }
