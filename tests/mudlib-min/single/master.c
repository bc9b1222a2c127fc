// Master for the driver's boot tests.
string *events = ({ });
int errors_seen;

void record(string what) { events += ({ what }); }
string *query_events() { return events; }
int query_errors_seen() { return errors_seen; }

string *epilog(int load_empty) {
    record("epilog");
    return ({ "/obj/preloaded" });
}

void preload(string file) {
    record("preload " + file);
    load_object(file);
}

// Files under /obj/backbone are the backbone's: they take their loader's uid.
string creator_file(string file) {
    return strsrch(file, "/obj/backbone") == 0 ? "BACKBONE" : "tester";
}

// include_file: a generated header, a redirected one and a refused one;
// anything else is included as usual.
mixed include_file(string compiled, string from, string path) {
    if (path == "generated.h") return ({ "#define GENERATED_VALUE 42", "#define GENERATED_FROM \"" + from + "\"" });
    if (path == "renamed.h") return "/extra_include/extra.h";
    if (path == "forbidden.h") return 0;
    // An error in the apply leaves the include to the usual search.
    if (path == "extra.h") error("include_file exploded\n");
    return path;
}

mixed *socket_requests = ({ });
mixed *query_socket_requests() { return socket_requests; }

// Objects under /obj/untrusted may not use sockets.
int valid_socket(object ob, string what, mixed *info) {
    socket_requests += ({ ({ what, info }) });
    return strsrch(file_name(ob), "/obj/untrusted") != 0;
}
string get_root_uid() { return "ROOT"; }
string get_bb_uid() { return "BACKBONE"; }

void error_handler(mapping err, int caught) {
    errors_seen++;
    write("error_handler: " + err["error"] + " in " + err["program"] + " caught=" + caught + "\n");
}

string *compile_errors = ({ });
string *query_compile_errors() { return compile_errors; }

void log_error(string file, string message) {
    compile_errors += ({ file + ": " + message });
}

// Virtual objects: anything under /virtual/ is a clone of one blueprint.
object compile_object(string path) {
    if (path[0..8] == "/virtual/") {
        object ob = new("/obj/virtual_base");
        ob->set_origin(path);
        return ob;
    }
    return 0;
}

int valid_override(string file, string name, string mainfile) {
    // Asked for every efun::, simul_efun or not (FluffOS), with the
    // compiled file's own name as mainfile.
    if (name == "time") {
        return mainfile != "/obj/denied_plain_override.c";
    }
    return file != "/obj/denied_override";
}

string *get_include_path(string file) {
    return ({ ":DEFAULT:", "/extra_include" });
}

// FluffOS's order: the inheriting file, the inherited path, private or not.
string *private_inherits = ({});
string *query_private_inherits() { return private_inherits; }
mixed inherit_program(string from, string file, int priv) {
    if (priv) private_inherits += ({ from + " " + file });
    if (file == "/obj/denied_parent") return 0;
    // An array is the inherited program's own source.
    if (file == "/obj/empty_parent") return ({ });
    if (file == "/obj/synth_parent") return ({ "string synth() {", "    return \"made by the master\";", "}" });
    return file == "/obj/alias_parent" ? "/obj/real_parent" : file;
}

void flag(string f) {
    record("flag " + f);
    switch (f) {
    case "test":
        load_object("/obj/runner")->start();
        break;
    case "quick":
        write("events: " + implode(events, ",") + "\n");
        shutdown(3);
        break;
    case "fail":
        shutdown(-1);
        break;
    case "uids":
        write("master " + getuid(this_object()) + " " + geteuid(this_object()) + "\n");
        write("backbone from master " + getuid(load_object("/obj/backbone_probe")) + "\n");
        write("backbone from tester " + load_object("/obj/uid_loader")->load_backbone() + "\n");
        write("ordinary " + getuid(load_object("/obj/uid_loader")) + "\n");
        shutdown(0);
        break;
    case "includes":
        write("generated " + load_object("/obj/include_user")->query_values() + "\n");
        write("refused " + catch(load_object("/obj/include_forbidden")) + "\n");
        shutdown(0);
        break;
    case "speed":
        load_object("/command/speed")->main();
        shutdown(0);
        break;
    default:
        write("unknown flag " + f + "\n");
    }
}
