//! The async file and database efuns (async_read, async_write,
//! async_getdir, async_db_exec) under the real backend loop, and the
//! master's `valid_database` gate of the db package.
//!
//! Each test builds a small mudlib, loads its master and `/test`, calls
//! `main()`, runs the backend loop until nothing is pending, and reads
//! what `/test` recorded. The whole run is on its own thread so that a
//! callback that never comes fails the test instead of hanging it.

use ferrum_driver::backend::{Backend, Until};
use ferrum_driver::script::script_vm;
use ferrum_vm::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;
use std::time::Duration;

/// The recording every test object shares.
const RECORDER: &str = r#"
string *events = ({ });
string *events() { return events; }
void note(mixed what) { events += ({ stringp(what) ? what : sprintf("%O", what) }); }
"#;

/// A mudlib in a temporary directory, removed when dropped.
struct Mudlib(PathBuf);

impl std::ops::Deref for Mudlib {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Mudlib {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn mudlib(name: &str, files: &[(&str, &str)]) -> Mudlib {
    let root =
        std::env::temp_dir().join(format!("ferrum-async-io-{}-{}", std::process::id(), name));
    let _ = std::fs::remove_dir_all(&root);
    for (path, text) in files {
        let file = root.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }
    Mudlib(root.canonicalize().unwrap())
}

/// Runs `/test`'s main() under `/master` (when the mudlib has one) and the
/// backend loop; returns the events `/test` recorded.
fn run(root: &Path) -> Vec<String> {
    let root = root.to_path_buf();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut vm = script_vm(&root, &[]).expect("vm");
        if root.join("master.c").exists() {
            let master = vm.load_object("/master").expect("master loads");
            vm.master = Some(master);
        }
        vm.reset_eval_cost();
        let ob = vm.load_object("/test").expect("test loads");
        vm.reset_eval_cost();
        if let Err(e) = vm.apply(&ob, "main", vec![]) {
            panic!("main failed: {}", e.report());
        }
        Backend::new(Duration::from_millis(2000)).run(&mut vm, Until::Idle);
        let events = match vm.apply(&ob, "events", vec![]) {
            Ok(Some(Value::Array(a))) => a
                .to_vec()
                .iter()
                .map(|v| v.as_str().unwrap_or("?").to_string())
                .collect(),
            other => panic!("events: {:?}", other.map(|v| v.map(|v| v.type_name()))),
        };
        let _ = tx.send(events);
    });
    rx.recv_timeout(Duration::from_secs(30))
        .expect("the run finished")
}

fn test_object(body: &str) -> String {
    format!("{}\n{}", RECORDER, body)
}

#[test]
fn file_callbacks_run_after_main_and_chain() {
    let root = mudlib(
        "files",
        &[
            ("data.txt", "hello\nworld\n"),
            ("dir/a", "1"),
            ("dir/b", "2"),
            (
                "test.c",
                &test_object(
                    r#"
void read_back() { async_read("/out.txt", (: note("read back " + $1) :)); }
void main() {
    async_read("/data.txt", (: note("read " + $1) :));
    async_read("/missing.txt", (: note($1) :));
    async_read("/dir", (: note($1) :));
    async_getdir("/dir/", (: note(sort_array($1, 1)) :));
    async_getdir("/nodir/", (: note($1) :));
    // Overwrite, then append from the first callback, then read.
    async_write("/out.txt", "one\n", 1, function(int r) {
        note("write " + r);
        async_write("/out.txt", "two\n", 0, function(int r) {
            note("append " + r);
            read_back();
        });
    });
    async_write("/nodir/x", "x", 1, (: note("bad write " + $1) :));
    note("main done");
}
"#,
                ),
            ),
        ],
    );
    let events = run(&root);
    assert_eq!(events[0], "main done", "{:?}", events);
    let mut rest = events[1..].to_vec();
    // Independent jobs may finish in any order; chained ones may not.
    let chain: Vec<&String> = rest
        .iter()
        .filter(|e| e.starts_with("write") || e.starts_with("append") || e.starts_with("read back"))
        .collect();
    assert_eq!(
        chain,
        ["write 0", "append 0", "read back one\ntwo\n"],
        "{:?}",
        events
    );
    rest.sort();
    let mut want = vec![
        "read hello\nworld\n".to_string(),
        "-1".into(),
        "-1".into(),
        "({ /* sizeof() == 2 */\n  \"a\",\n  \"b\"\n})".into(),
        "({ })".into(),
        "write 0".into(),
        "append 0".into(),
        "read back one\ntwo\n".into(),
        "bad write -1".into(),
    ];
    want.sort();
    assert_eq!(rest, want);
}

#[test]
fn refused_paths_fail_through_the_callback() {
    let root = mudlib(
        "refused",
        &[
            ("secret/s.txt", "hidden"),
            (
                "master.c",
                r#"
int valid_read(string file, mixed ob, string func) { return file[0..6] != "/secret"; }
int valid_write(string file, mixed ob, string func) { return file[0..6] != "/secret"; }
"#,
            ),
            (
                "test.c",
                &test_object(
                    r#"
void main() {
    async_read("/secret/s.txt", (: note("read " + $1) :));
    async_write("/secret/new.txt", "x", 1, (: note("write " + $1) :));
    async_getdir("/secret/", (: note($1) :));
    async_read("/../outside", (: note("outside " + $1) :));
}
"#,
                ),
            ),
        ],
    );
    let mut events = run(&root);
    events.sort();
    assert_eq!(events, ["({ })", "outside -1", "read -1", "write -1"]);
    assert!(!root.join("secret/new.txt").exists());
}

#[test]
fn a_promise_from_the_master_is_no_permission() {
    // An async helper's promise comes back before it has decided anything.
    let root = mudlib(
        "promised",
        &[
            ("data.txt", "x"),
            ("data_holder.c", "int x;\n"),
            (
                "master.c",
                r#"
async int decide() { return 1; }
mixed valid_read(string file, mixed ob, string func) { return decide(); }
mixed valid_bind(object binder, object old_owner, object new_owner) { return decide(); }
"#,
            ),
            (
                "test.c",
                &test_object(
                    r#"
void main() {
    async_read("/data.txt", (: note("read " + $1) :));
    note(catch(bind((: $1 :), clone_object("/data_holder"))) ? "bind refused" : "bind allowed");
}
"#,
                ),
            ),
        ],
    );
    assert_eq!(run(&root), ["bind refused", "read -1"]);
}

#[test]
fn callbacks_of_destructed_objects_are_dropped_and_errors_do_not_stop_others() {
    let root = mudlib(
        "destructed",
        &[
            ("data.txt", "x"),
            ("helper.c", "void start(object t) { async_read(\"/data.txt\", (: call_other($(t), \"note\", \"helper\") :)); }\n"),
            (
                "test.c",
                &test_object(
                    r#"
void main() {
    object h = load_object("/helper");
    h->start(this_object());
    destruct(h);
    async_read("/data.txt", (: error("callback failed") :));
    async_read("/data.txt", (: note("second " + $1) :));
}
"#,
                ),
            ),
        ],
    );
    assert_eq!(run(&root), ["second x"]);
}

#[test]
fn callbacks_see_the_this_player_of_their_request() {
    let root = mudlib(
        "player",
        &[
            ("data.txt", "x"),
            (
                "walker.c",
                r#"
object log;
int act(string arg) {
    async_read("/data.txt", function(mixed r) {
        log->note(this_player() == this_object() ? "read: me" : sprintf("read: %O", this_player()));
    });
    async_write("/out.txt", "y", 1, function(mixed r) {
        log->note(this_player() == this_object() ? "write: me" : sprintf("write: %O", this_player()));
    });
    return 1;
}
void start(object l) {
    log = l;
    enable_commands();
    add_action("act", "act");
    command("act");
}
"#,
            ),
            (
                "test.c",
                &test_object(
                    r#"
void main() {
    // Before the walker: enable_commands() makes it this_player().
    async_read("/data.txt", (: note(this_player() ? "main: someone" : "main: nobody") :));
    clone_object("/walker")->start(this_object());
}
"#,
                ),
            ),
        ],
    );
    let mut events = run(&root);
    events.sort();
    assert_eq!(events, ["main: nobody", "read: me", "write: me"]);
}

#[test]
fn without_a_callback_the_file_efuns_return_promises() {
    let root = mudlib(
        "promises",
        &[
            ("data.txt", "inside"),
            ("dir/x", "1"),
            (
                "test.c",
                &test_object(
                    r#"
async void work() {
    note(await async_read("/data.txt"));
    await async_write("/new.txt", "made", 1);
    note(read_file("/new.txt"));
    note(await async_getdir("/dir/"));
    note(acatch(await async_read("/missing.txt")));
}
void main() {
    note(typeof(async_read("/data.txt")));
    note(async_read("/data.txt", (: 1 :)));
    work();
}
"#,
                ),
            ),
        ],
    );
    assert_eq!(
        run(&root),
        [
            "promise",
            "0",
            "inside",
            "made",
            "({ /* sizeof() == 1 */\n  \"x\"\n})",
            "-1"
        ]
    );
}

#[test]
fn async_db_exec_answers_like_db_exec_and_rows_are_fetched_after() {
    let root = mudlib(
        "db",
        &[(
            "test.c",
            &test_object(
                r#"
int db;
void main() {
    db = db_connect("", "/game.sqlite", "", __USE_SQLITE3__);
    db_exec(db, "CREATE TABLE t (x)");
    db_exec(db, "INSERT INTO t VALUES (7), (8)");
    async_db_exec(db, "SELECT x FROM t ORDER BY x", function(mixed rows) {
        note(sprintf("rows %O: %O %O", rows, db_fetch(db, 1), db_fetch(db, 2)));
        async_db_exec(db, "SELECT * FROM missing", (: note($1) :));
    });
    note(catch(async_db_exec(db + 5, "SELECT 1", (: note("never") :))));
    note("main done");
}
"#,
            ),
        )],
    );
    let events = run(&root);
    assert_eq!(
        events,
        [
            "*Attempt to exec on an invalid database handle\n",
            "main done",
            "rows 2: ({ /* sizeof() == 1 */\n  7\n}) ({ /* sizeof() == 1 */\n  8\n})",
            "no such table: missing",
        ]
    );
    assert!(
        root.join("game.sqlite").exists(),
        "the file is under the mudlib root"
    );
}

#[test]
fn async_db_exec_passes_extra_arguments_and_refuses_a_function_name() {
    let root = mudlib(
        "dbextra",
        &[(
            "test.c",
            &test_object(
                r#"
int db;
void got(int rows, string tag, int n) { note(sprintf("%d %s %d", rows, tag, n)); }
void main() {
    db = db_connect("", "/extra.sqlite", "", __USE_SQLITE3__);
    db_exec(db, "CREATE TABLE t (x)");
    note(catch(async_db_exec(db, "SELECT 1", "got")) ? "name refused" : "name taken");
    async_db_exec(db, "INSERT INTO t VALUES (1), (2)", (: got :), "tag", 3);
}
"#,
            ),
        )],
    );
    assert_eq!(run(&root), ["name refused", "0 tag 3"]);
}

#[test]
fn valid_database_is_asked_and_can_refuse() {
    let root = mudlib(
        "valid",
        &[
            (
                "master.c",
                r#"
mixed *asked = ({ });
mixed *asked() { return asked; }
mixed valid_database(object ob, string action, mixed *info) {
    asked += ({ ({ ob, action, info }) });
    if (action == "connect") return info[0] == "/deny.db" ? 0 : "password";
    if (action == "exec") return info[0] == "DENY" ? 0 : 1;
    if (action == "fetch") return ({ 1 });
    return 7;
}
"#,
            ),
            (
                "test.c",
                &test_object(
                    r#"
void main() {
    note(catch(db_connect("host", "/deny.db", "me", __USE_SQLITE3__)));
    int db = db_connect("host", "/ok.db", "me", __USE_SQLITE3__);
    note(db);
    note(db_exec(db, "SELECT 1"));
    note(catch(db_exec(db, "DENY")));
    note(catch(async_db_exec(db, "DENY", (: note("never") :))));
    // Any answer but a string or a non-zero int refuses.
    note(catch(db_fetch(db, 1)));
    note(db_close(db));
    note(sprintf("%O", "/master"->asked()));
}
"#,
                ),
            ),
        ],
    );
    let events = run(&root);
    let violation = "*Database security violation attempted\n";
    assert_eq!(
        events[..7],
        [violation, "1", "1", violation, violation, violation, "1"]
    );
    let asked = &events[7];
    for want in [
        "\"connect\",\n    ({ /* sizeof() == 3 */\n      \"/deny.db\",\n      \"host\",\n      \"me\"",
        "\"exec\",\n    ({ /* sizeof() == 1 */\n      \"SELECT 1\"",
        "\"fetch\",\n    ({ })",
        "\"close\",\n    ({ })",
        "/test",
    ] {
        assert!(asked.contains(want), "{:?} not in {}", want, asked);
    }
}

#[test]
fn without_a_valid_database_apply_everything_is_allowed() {
    let root = mudlib(
        "noapply",
        &[
            ("master.c", "int valid_read(string f, mixed o, string fn) { return 1; }\n"),
            (
                "test.c",
                &test_object("void main() { int db = db_connect(\"\", \":memory:\"); note(db_exec(db, \"SELECT 1, 2\")); note(db_fetch(db, 1)); }\n"),
            ),
        ],
    );
    assert_eq!(run(&root), ["1", "({ /* sizeof() == 2 */\n  1,\n  2\n})"]);
}

#[test]
fn a_ferrum_run_script_waits_for_its_async_callbacks() {
    let root = mudlib(
        "cli",
        &[(
            "script.c",
            r#"
int main(string *args) {
    async_write("/note.txt", "saved\n", 1, function(int r) {
        async_read("/note.txt", (: write("read: " + $1) :));
    });
    write("main done\n");
    return 0;
}
"#,
        )],
    );
    let out = Command::new(env!("CARGO_BIN_EXE_ferrum"))
        .arg("run")
        .arg(root.join("script.c"))
        .output()
        .expect("ferrum runs");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "main done\nread: saved\n",
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(0));
}
