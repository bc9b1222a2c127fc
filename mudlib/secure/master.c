// The master object: the driver asks it who may do what, what to load at
// start-up, and what a new connection talks to.
//
// Security model (small on purpose): there are players and admins. Only
// admins run arbitrary code (the eval command), so the checks below keep
// ordinary code to its own corner of the disk and the network rather than
// defend against hostile mudlib code.
#include <mudlib.h>

// /data/ normally; a scratch directory while the tests run (see flag()).
private string data_dir = "/data/";

string query_data_dir() { return data_dir; }

private int starts_with(string s, string prefix) {
    return strsrch(s, prefix) == 0;
}

// The driver passes paths as the caller wrote them.
private string absolute(string path) {
    return path[0..0] == "/" ? path : "/" + path;
}

// Code that may touch anything: the master's own helpers in /secure/ and
// the throwaway objects an admin's eval command compiles.
private int trusted(mixed ob) {
    if (ob == this_object()) return 1;
    if (!objectp(ob)) return 0;
    string file = base_name(ob);
    return starts_with(file, "/secure/") || starts_with(file, "/tmp/eval_");
}

void create() {
    // save_object() needs its directory; a fresh checkout has it, a copied
    // mudlib without the .gitkeep files might not.
    foreach (string dir in ({ "/log", "/tmp", "/data", "/data/players" })) {
        if (file_size(dir) != -2) mkdir(dir);
    }
}

// ---- Start-up ----

// Loaded before the ports open: the daemons, and the start room so the
// first player does not wait for it to compile.
string *epilog(int load_empty) {
    return ({ ACCOUNTS_D, COMMAND_D, WEB_API_D, START_ROOM });
}

void preload(string file) {
    string err = catch(load_object(file));
    if (err) debug_message("preload " + file + " failed: " + err);
}

// A new connection talks to a login object until it becomes a player.
object connect(int port) {
    return new(LOGIN_OB);
}

// ---- Permissions ----

// Who may write where, besides trusted code. A rule's value lists the
// programs allowed (0 means anyone). The most specific prefix wins.
private mapping write_rules = ([
    "/data/players/": ({ PLAYER_OB }),
    "/data/": ({ }),
    "/www/api.json": ({ WEB_API_D }),
    "/tmp/eval_": ({ "/cmds/admin/eval" }),
    "/tmp/": 0,
    "/log/": 0,
]);

int valid_write(string file, mixed ob, string fun) {
    if (trusted(ob)) return 1;
    file = absolute(file);
    string best;
    foreach (string prefix in keys(write_rules)) {
        if (starts_with(file, prefix) && (!best || strlen(prefix) > strlen(best))) best = prefix;
    }
    if (!best) return 0;
    string *allowed = write_rules[best];
    return !allowed || (objectp(ob) && member_array(base_name(ob), allowed) >= 0);
}

// Everything is readable except the saves (they hold password hashes).
int valid_read(string file, mixed ob, string fun) {
    file = absolute(file);
    if (!starts_with(file, "/data/") && !starts_with(file, data_dir)) return 1;
    return trusted(ob) || (objectp(ob) && base_name(ob) == PLAYER_OB);
}

// Only daemons open sockets (the web API), plus admins experimenting.
int valid_socket(object ob, string what, mixed *info) {
    return trusted(ob) || starts_with(base_name(ob), "/daemon/");
}

// The simul_efun wraps exec() and shutdown() with checks; nobody else may
// reach past it to the raw efuns.
int valid_override(string file, string name, string mainfile) {
    if (name == "exec" || name == "shutdown") return starts_with(file, "/secure/");
    return 1;
}

string creator_file(string file) {
    return starts_with(absolute(file), "/secure/") ? "Root" : "Mudlib";
}
string get_root_uid() { return "Root"; }
string get_bb_uid() { return "Backbone"; }

// ---- Errors ----

private string format_trace(mapping *trace) {
    string out = "";
    foreach (mapping frame in trace || ({ })) {
        out += sprintf("  %s() at %s:%d\n", frame["function"] + "", frame["program"] + "", frame["line"]);
    }
    return out;
}

// Runtime errors nobody caught: log them in full, show admins the details
// and players a short apology (the error may be the mudlib's fault).
void error_handler(mapping err, int caught) {
    string text = sprintf("%s %s%s", ctime(time()), err["error"], format_trace(err["trace"]));
    write_file("/log/runtime", text + "\n");
    object who = this_player();
    if (!who || !interactive(who)) {
        debug_message("runtime error: " + err["error"]);
    } else if (adminp(who)) {
        tell_object(who, "Error: " + err["error"] + format_trace(err["trace"]));
    } else {
        tell_object(who, "Something went wrong; the error was logged.\n");
    }
}

// Compile errors: logged, and printed on the console. (Ferrum also puts
// them in the load error itself, which error_handler shows admins.)
void log_error(string file, string message) {
    write_file("/log/compile", message);
    debug_message(trim(message));
}

// The driver is going down hard: save who we can.
void crash(string error, object player, object ob) {
    debug_message("crash: " + error);
    foreach (object user in users()) catch(user->save_player());
}

// ---- Flags (ferrum etc/config.ferrum -fNAME) ----

private void remove_tree(string dir) {
    foreach (string name in get_dir(dir + "/") || ({ })) {
        string path = dir + "/" + name;
        if (file_size(path) == -2) remove_tree(path);
        else rm(path);
    }
    rmdir(dir);
}

private void empty_test_data() {
    remove_tree("/tmp/test-data");
    mkdir("/tmp/test-data");
    mkdir("/tmp/test-data/players");
}

// -ftest: runs every /test/*.c do_tests(), then exits with the number of
// failures (0 = all passed). Each file starts with an empty scratch data
// directory, so tests never see real players or each other's.
private void run_tests() {
    data_dir = "/tmp/test-data/";
    int failures;
    foreach (string name in sort_array(get_dir("/test/*.c") || ({ }), 1)) {
        string path = "/test/" + name;
        empty_test_data();
        object test;
        string err = catch(test = load_object(path));
        if (!err) err = catch(test->do_tests());
        string *failed = err ? ({ path + ": " + err }) : test->__test_failures();
        failures += sizeof(failed);
        write((sizeof(failed) ? "FAIL " : "ok   ") + path + "\n");
        foreach (string line in failed) write("     " + line + "\n");
    }
    write(failures ? failures + " check(s) failed\n" : "all tests passed\n");
    remove_tree("/tmp/test-data");
    shutdown(failures > 255 ? 255 : failures);
}

void flag(string name) {
    switch (name) {
    case "test":
        run_tests();
        break;
    default:
        write("unknown flag -f" + name + " (known: -ftest)\n");
    }
}
