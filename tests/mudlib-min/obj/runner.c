// Drives the -ftest run: checks the runtime, then shuts down with the
// number of failed checks as the exit status.
int failures;
string *order = ({ });
object ticker, faulty;

void check(int ok, string what) {
    if (!ok) { failures++; write("FAIL: " + what + "\n"); }
    else write("ok: " + what + "\n");
}

void step(string name) { order += ({ name }); }

void start() {
    object master = find_object("/single/master");
    check(GLOBAL_INCLUDED == 1, "global include file");
    check(simul_hello("you") == "hello you", "simul_efun call");
    check(strlen(5) == -1 && strlen("abc") == 3, "simul_efun overrides an efun");
    check(efun::strlen("abcd") == 4, "efun:: bypasses the simul_efun");
    check(member_array("epilog", master->query_events()) == 0, "epilog ran first");
    check(member_array("preload /obj/preloaded", master->query_events()) >= 0, "preload");
    check(objectp(find_object("/obj/preloaded")), "preloaded object exists");
    check(member_array("flag test", master->query_events()) >= 0, "flag(test)");
    call_out("step", 0, "zero");
    call_out("step", 0.2, "later");
    int h = call_out("step", 60, "never");
    check(find_call_out(h) > 0, "find_call_out by handle");
    check(remove_call_out(h) > 0 && find_call_out(h) == -1, "remove_call_out by handle");
    call_out((: step, "pointer" :), 0);
    ticker = load_object("/obj/ticker");
    faulty = load_object("/obj/faulty");
    external_checks();
    call_out("spin", 0);
    load_object("/obj/resetter");
    load_object("/obj/cleaned");
    call_out("finish", 2.5);
}

void compile_time_applies() {
    object master = find_object("/single/master");
    object v = load_object("/virtual/room42");
    check(objectp(v) && file_name(v) == "/virtual/room42", "compile_object makes a virtual object");
    check(v->query_origin() == "/virtual/room42", "the virtual object was set up");
    check(virtualp(v) && !virtualp(this_object()), "virtualp");
    check(v->query_started(), "virtual_start() was called");
    check(find_object("/virtual/room42") == v, "find_object finds it by its virtual name");
    object vc = new("/virtual/room42");
    check(virtualp(vc) && clonep(vc) && vc->query_started(), "a clone of a virtual object hears virtual_start()");
    string err = catch(load_object("/obj/denied_override"));
    check(err && strsrch(err, "Invalid simulated efunction override") >= 0, "valid_override can refuse efun::");
    check(load_object("/obj/allowed_override")->len("abc") == 3, "valid_override allows efun::");
    check(catch(load_object("/obj/denied_plain_override")) != 0, "valid_override is asked for efun:: of a plain efun too");
    check(load_object("/obj/uses_extra_include")->query() == 7,
          "get_include_path adds include directories (an include_file error leaves the usual search)");
    check(load_object("/obj/alias_child")->parent_name() == "real", "inherit_program redirects an inherit");
    check(catch(load_object("/obj/denied_child")) != 0, "inherit_program refuses an inherit");
    check(load_object("/obj/synth_child")->query() == "made by the master", "inherit_program can supply the source");
    check(objectp(find_object("/obj/synth_parent")), "the supplied program loads under the inherited name");
    check(catch(load_object("/obj/empty_child")) != 0, "inherit_program giving no source lines refuses");
    load_object("/obj/private_child");
    check(member_array("/obj/private_child.c /obj/real_parent", master->query_private_inherits()) >= 0,
          "inherit_program is told about private inherits");
    catch(load_object("/obj/broken"));
    check(sizeof(filter(master->query_compile_errors(), (: strsrch($1, "obj/broken.c") == 0 :))) >= 1,
          "compile errors go to log_error");
}

void driver_info() {
    check(get_config(0) == MUD_NAME && MUD_NAME == "ferrum-min", "get_config(0) is the mud name");
    check(get_config(256 + 8) == 1000000, "get_config reads int settings");
    check(catch(get_config(-1)) != 0, "get_config(-1) is an error");
    check(uptime() >= 0, "uptime");
    mixed *t = dump_trace();
    check(sizeof(t) >= 1 && t[<1]["function"] == "driver_info", "dump_trace ends with the current function");
    check(base_name(new("/obj/preloaded")) == "/obj/preloaded", "base_name drops the clone number");
#ifdef __SANE_EXPLODE_STRING__
    check(0, "switch predefines only when set");
#endif
}

string external_output = "";
int external_closed, external_fd;
void external_read(int fd, string data) { external_output += data; }
void external_write(int fd) { }
void external_close(int fd) { external_closed = 1; }

void external_checks() {
    external_fd = external_start(1, "hello from echo", "external_read", "external_write", "external_close");
    external_handle_checks();
    check(external_fd >= 0, "external_start runs a configured command");
    check(catch(external_start(9, "x", "external_read", "external_write")) != 0, "an unconfigured command is an error");
    check(load_object("/obj/untrusted_sockets")->try_create() == -7, "valid_socket can refuse (EESECURITY)");
    mixed *last = find_object("/single/master")->query_socket_requests()[<1];
    check(last[0] == "create" && sizeof(last[1]) == 4 && last[1][0] == -1, "valid_socket gets (what, ({ fd, owner, addr, port }))");
}

// The handle form: external_create, then await external_start(handle).
// (efun::external_close: this object's close callback has that name.)
int handle_before = -2, handle_result = -2, handle_code = -2;
string handle_out, handle_err;
mixed handle_twice, handle_gone, handle_aborted;

async void external_handle_checks() {
    int h = external_create(2, ({ "-c", "echo out; echo err >&2; exit 3" }));
    handle_before = external_exit_code(h);
    promise started = external_start(h);
    handle_twice = catch(external_start(h));
    handle_result = await started;
    handle_out = external_stdout(h);
    handle_err = external_stderr(h);
    handle_code = external_exit_code(h);
    efun::external_close(h);
    handle_gone = catch(external_stdout(h));
    int slow = external_create(2, "-c sleep 30");
    promise p = external_start(slow);
    efun::external_close(slow);
    handle_aborted = acatch(await p);
}

void external_finish() {
    check(handle_before == -1, "external_exit_code is -1 before the program ends");
    check(handle_twice != 0, "a handle starts once");
    check(handle_result == 3 && handle_code == 3, "external_start(handle) fulfils with the exit code: " + handle_result);
    check(handle_out == "out\n" && handle_err == "err\n", "external_stdout/external_stderr: " + handle_out + handle_err);
    check(handle_gone != 0, "a closed handle is gone");
    check(handle_aborted == "*external process aborted", sprintf("external_close aborts a running program: %O", handle_aborted));
    check(external_output == "hello from echo\n", "external output arrives on the socket: " + external_output);
    check(external_closed, "the program's exit closes the socket with the close callback");
}

void limit_checks() {
    mixed *a = ({ });
    string s = "";
    mapping m = ([ ]);
    check(catch(allocate(6000)) != 0, "allocate beyond the array limit fails");
    check(catch { while (1) a += ({ 1 }); } != 0 && sizeof(a) == 5000, "arrays stop at the configured limit");
    check(catch { while (1) s += "0123456789"; } != 0 && strlen(s) == 100000, "strings stop at the configured limit");
    check(catch { for (int i = 0; ; i++) m[i] = 1; } != 0 && sizeof(m) <= 5001, "mappings stop at the configured limit");
}

// Runs forever: the evaluation limit must end it without stopping the mud.
void spin() { while (1) ; }

void finish() {
    object master = find_object("/single/master");
    check(order[0] == "zero" && member_array("later", order) > 0, "call_outs ran in order: " + implode(order, ","));
    check(member_array("pointer", order) >= 0, "call_out with a function pointer");
    check(member_array("never", order) == -1, "removed call_out did not run");
    check(ticker->query_beats() == 3, "heart beats until turned off: " + ticker->query_beats());
    check(master->query_errors_seen() >= 3, "errors in heart_beat, call_out and an endless loop reach error_handler");
    check(!query_heart_beat(faulty), "a failing heart beat is turned off");
    check(getuid(this_object()) == "tester", "uid from creator_file");
    compile_time_applies();
    driver_info();
    limit_checks();
    external_finish();
    int *r = find_object("/obj/resetter")->query();
    check(r[0] >= 1, "reset() runs every 'time to reset' seconds: " + r[0]);
    check(r[1] >= 1 && r[2] == 0, "clean_up(0) runs after 'time to clean up' seconds");
    check(!find_object("/obj/cleaned"), "an object may destruct itself in clean_up()");
    shutdown(failures);
}
