//! Promises and async functions under the real backend loop (`ferrum run`):
//! deliveries run after the evaluation that queued them, queued work keeps
//! a script alive, and errors in deliveries are reported, not fatal.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn script(name: &str, src: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ferrum-async-{}-{}", std::process::id(), name));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{}.c", name));
    std::fs::write(&file, src).unwrap();
    file
}

/// Runs a script; a hang is a failure (killed after 30 s), not a stuck test.
fn run(file: &PathBuf) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ferrum"))
        .arg("run")
        .arg(file)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ferrum runs");
    let start = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            panic!("{} did not finish", file.display());
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let out = child.wait_with_output().expect("output");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_call_out_settles_a_promise_and_the_parked_function_resumes() {
    let f = script(
        "resume",
        r#"
promise gate = promise_create();
async int waiter() {
    write("waiting\n");
    int v = await gate;
    write("resumed with " + v + "\n");
    return v * 2;
}
int main(string *args) {
    promise p = waiter();
    promise_then(p, (: write("result " + $1 + "\n") :));
    call_out((: promise_resolve, gate, 21 :), 0);
    write("main done\n");
    return 3;
}
"#,
    );
    let (code, out, err) = run(&f);
    assert_eq!(
        out, "waiting\nmain done\nresumed with 21\nresult 42\n",
        "stderr: {}",
        err
    );
    assert_eq!(code, 3);
}

#[test]
fn await_callout_settles_with_the_callback_result_or_rejects_when_removed() {
    let f = script(
        "await_callout",
        r#"
int target() { return 99; }
async void waits() {
    int v = await await_callout(call_out((: target :), 0));
    write("fired " + v + "\n");
    int h = call_out((: target :), 5);
    promise p = await_callout(h);
    if (p != await_callout(h)) write("not the same promise\n");
    remove_call_out(h);
    mixed err = acatch(await p);
    write("removed: " + err);
}
async void pauses() {
    int v = await call_out(0.05);
    write("timer gave " + v + "\n");
}
int main(string *args) {
    if (catch(await_callout(424242))) write("no such handle\n");
    waits();
    pauses();
    return 0;
}
"#,
    );
    let (code, out, err) = run(&f);
    assert_eq!(
        out, "no such handle\nfired 99\nremoved: *call_out removed before it ran\ntimer gave 0\n",
        "stderr: {}",
        err
    );
    assert_eq!(code, 0);
}

#[test]
fn queued_deliveries_keep_a_script_alive_but_a_forever_pending_promise_does_not() {
    // The chain is delivered after main returns; the parked frame whose
    // promise nobody will settle does not keep the script running.
    let f = script(
        "alive",
        r#"
promise never = promise_create();
async void stuck() { await never; write("never printed\n"); }
int main(string *args) {
    promise p = promise_create();
    stuck();
    promise_then(promise_then(p, (: $1 + 1 :)), (: write("chain " + $1 + "\n") :));
    promise_resolve(p, 1);
    return 0;
}
"#,
    );
    let (code, out, err) = run(&f);
    assert_eq!((code, out.as_str()), (0, "chain 2\n"), "stderr: {}", err);
}

#[test]
fn async_yield_resumes_on_a_later_pass_of_the_loop() {
    let f = script(
        "yield",
        r#"
int ticks;
async void worker() {
    for (int i = 0; i < 3; i++) {
        await async_yield();
        write("step " + i + " after " + ticks + " call_outs\n");
    }
}
void tick() { ticks++; }
int main(string *args) {
    worker();
    call_out("tick", 0);
    return 0;
}
"#,
    );
    let (code, out, err) = run(&f);
    assert_eq!(code, 0, "stderr: {}", err);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{}", out);
    assert!(
        lines[0].starts_with("step 0") && lines[2].starts_with("step 2"),
        "{}",
        out
    );
}

#[test]
fn an_endless_resumed_body_is_stopped_and_reported_and_its_promise_rejects() {
    // Each delivery has its own evaluation budget; running out of it ends
    // that delivery only.
    let f = script(
        "spin",
        r#"
promise gate = promise_create();
async void spin() { await gate; while (1) ; }
int main(string *args) {
    promise_catch(spin(), (: write("rejected: " + $1) :));
    promise_resolve(gate, 1);
    return 0;
}
"#,
    );
    let (code, out, err) = run(&f);
    assert_eq!(code, 0);
    assert_eq!(
        out, "rejected: *Too long evaluation. Execution aborted.\n",
        "stderr: {}",
        err
    );
    assert!(err.contains("Too long evaluation"), "{}", err);
}

#[test]
fn an_unobserved_rejection_is_logged_when_its_promise_is_freed() {
    let f = script(
        "unhandled",
        r#"
int main(string *args) {
    promise p = promise_create();
    promise_reject(p, "*nobody listened");
    return 0;
}
"#,
    );
    let (code, _, err) = run(&f);
    assert_eq!(code, 0);
    assert!(
        err.contains("Unhandled promise rejection: *nobody listened"),
        "{}",
        err
    );
}

#[test]
fn a_frame_parked_in_a_recompiled_object_is_rejected_when_it_resumes() {
    let f = script(
        "recompiled",
        r#"
promise gate = promise_create();
void put(string version) {
    write_file("/worker.c", "int n = 1;\nasync int wait_on(promise p) { int v = await p; return n + v; }\nstring version() { return \"" + version + "\"; }\n", 1);
}
int main(string *args) {
    put("one");
    object w = load_object("/worker");
    promise before = w->wait_on(gate);
    put("two");
    write("updated " + recompile_object(w) + "\n");
    promise after = w->wait_on(gate);
    promise_then(before, (: write("before resumed\n") :), (: write("before: " + $1 + "\n") :));
    promise_then(after, (: write("after gave " + $1 + "\n") :));
    promise_resolve(gate, 10);
    write(w->version() + "\n");
    return 0;
}
"#,
    );
    let (code, out, err) = run(&f);
    assert_eq!(
        out,
        "updated 1\ntwo\nbefore: *async function owner's program was replaced while suspended\nafter gave 11\n",
        "stderr: {}",
        err
    );
    assert_eq!(code, 0);
}

#[test]
fn drain_arms_loop_counts_what_the_loop_itself_settles() {
    let f = script(
        "arms_loop",
        r#"
int count() { return async_info(1)["drain_arms_loop"]; }
async void probe() {
    int start = count();
    promise done = promise_create();
    promise_resolve(done, 0);
    await done;
    write("plain await: " + (count() - start) + "\n");
    await async_yield();
    write("async_yield: " + (count() - start) + "\n");
}
int main(string *args) {
    probe();
    return 0;
}
"#,
    );
    let (code, out, err) = run(&f);
    assert_eq!(out, "plain await: 0\nasync_yield: 1\n", "stderr: {}", err);
    assert_eq!(code, 0);
}
