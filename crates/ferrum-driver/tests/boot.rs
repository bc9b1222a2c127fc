//! `ferrum CONFIG -fFLAG`: booting a FluffOS-style mudlib (tests/mudlib-min).

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn mudlib() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/mudlib-min")
}

/// Runs the driver from the mudlib directory (as FluffOS is run), killing
/// it if it outlives the deadline.
fn boot(flags: &[&str]) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ferrum"))
        .current_dir(mudlib())
        .arg("etc/config.test")
        .args(flags)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ferrum starts");
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn epilog_preload_and_flag_run_in_order_and_shutdown_sets_the_exit_status() {
    let (code, out, err) = boot(&["-fquick"]);
    assert_eq!(code, 3, "stdout: {}\nstderr: {}", out, err);
    assert_eq!(out.trim(), "events: epilog,preload /obj/preloaded,flag quick");
    assert!(err.contains("unknown config key 'frobnicate level'"), "{}", err);
}

#[test]
fn negative_shutdown_codes_wrap_like_exit() {
    let (code, _, _) = boot(&["-ffail"]);
    assert_eq!(code, 255);
}

#[test]
fn the_runtime_test_run_passes() {
    let (code, out, err) = boot(&["-ftest"]);
    assert_eq!(code, 0, "stdout: {}\nstderr: {}", out, err);
    assert!(!out.contains("FAIL"), "{}", out);
    assert!(out.contains("error_handler: *heart beat failure"), "{}", out);
    assert!(out.contains("error_handler: *call_out failure"), "{}", out);
}

#[test]
fn a_missing_config_is_a_clear_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_ferrum")).arg("/nonexistent/config").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read config"));
}

#[test]
fn the_speed_flag_runs_to_completion() {
    let (code, out, err) = boot(&["-fspeed"]);
    assert_eq!(code, 0, "stdout: {}\nstderr: {}", out, err);
    for label in [
        "fib_recur(20)",
        "call_other (string)",
        "explicit inherited",
        "save_object",
        "restore_object",
        "promise_then (1 reaction)",
        "async park",
        "async await, settle+queue",
        // Timed by the resumed frames themselves: the promise drain runs
        // once flag() has returned.
        "await resume",
    ] {
        assert!(out.lines().any(|l| l.starts_with(label) && l.ends_with(" ns")), "no {} line in {}", label, out);
    }
}

#[test]
fn the_master_gives_root_and_backbone_uids() {
    let (code, out, err) = boot(&["-fuids"]);
    assert_eq!(code, 0, "{}{}", out, err);
    assert!(out.contains("master ROOT ROOT\n"), "{}", out);
    // A backbone file takes the uid its loader acts with.
    assert!(out.contains("backbone from master ROOT\n"), "{}", out);
    assert!(out.contains("backbone from tester tester\n"), "{}", out);
    assert!(out.contains("ordinary tester\n"), "{}", out);
}

#[test]
fn the_master_include_file_apply_supplies_redirects_and_refuses() {
    let (code, out, err) = boot(&["-fincludes"]);
    assert_eq!(code, 0, "{}{}", out, err);
    assert!(out.contains("generated 42 /obj/include_user.c 7\n"), "{}", out);
    assert!(out.contains("refused *Error in loading object '/obj/include_forbidden':\n"), "{}", out);
    assert!(out.contains("include_forbidden.c:1:9: error: Cannot #include forbidden.h"), "{}", out);
}
