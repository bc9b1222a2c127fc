//! The bundled mudlib (mudlib/), booted as README's start command does but
//! on free ports in a scratch copy: its own LPC tests, a telnet player and
//! a browser player (headless Chromium) chatting, the admin's eval, and its
//! web API (checked with an OpenAPI validator and schemathesis).

mod support;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use support::http::curl;
use support::telnet::*;
use support::Mud;

/// A scratch copy of the mudlib, removed when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The mudlib without its game data, listening on free loopback ports.
fn scratch_mudlib(tag: &str) -> Scratch {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../mudlib");
    let dir = std::env::temp_dir().join(format!("ferrum-mudlib-{}-{}", tag, std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(&src, &dir);
    for data in ["data/admins", "www/api.json"] {
        let _ = std::fs::remove_file(dir.join(data));
    }
    for entry in std::fs::read_dir(dir.join("data/players")).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|e| e == "o") {
            std::fs::remove_file(p).unwrap();
        }
    }
    let config = dir.join("etc/config.ferrum");
    let text = std::fs::read_to_string(&config).unwrap();
    let mut lines: Vec<String> = text
        .lines()
        .filter(|l| !l.starts_with("port number"))
        .map(|l| {
            if l.starts_with("external_port_2") {
                "external_port_2 : websocket 0".to_string()
            } else if l.starts_with("web port") {
                "web port : 0".to_string()
            } else {
                l.to_string()
            }
        })
        .collect();
    lines.push("external_port_1 : telnet 0".into());
    lines.push("mud ip : 127.0.0.1".into());
    std::fs::write(&config, lines.join("\n") + "\n").unwrap();
    Scratch(dir)
}

/// A new character over telnet; the client and what it was told on arrival.
fn create_character(port: u16, name: &str, password: &str) -> (Telnet, String) {
    let mut t = Telnet::connect(port);
    t.expect("What is your name? ");
    t.send_line(name);
    t.expect("Choose a password");
    assert!(t.saw(WILL, ECHO), "echo off for the password");
    t.send_line(password);
    t.expect("Type it again: ");
    t.send_line(password);
    let arrival = t.expect("Exits:");
    assert!(t.saw(WONT, ECHO), "echo back on");
    (t, arrival)
}

/// The web API's port, which the daemon writes to /www/api.json.
fn web_port(dir: &Path) -> u16 {
    let file = dir.join("www/api.json");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Ok(text) = std::fs::read_to_string(&file) {
            let j: serde_json::Value = serde_json::from_str(&text).unwrap();
            return j["port"].as_u64().expect("a port") as u16;
        }
        assert!(Instant::now() < deadline, "no www/api.json");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn the_mudlibs_own_tests_pass() {
    let dir = scratch_mudlib("tests");
    let out = Command::new(env!("CARGO_BIN_EXE_ferrum"))
        .args(["etc/config.ferrum", "-ftest"])
        .current_dir(&dir.0)
        .output()
        .unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(0), "{}", text);
    assert!(!text.contains("FAILED"), "{}", text);
}

#[test]
fn a_telnet_player_and_a_browser_player_chat() {
    let dir = scratch_mudlib("chat");
    let mud = Mud::boot(&dir.0, "etc/config.ferrum", 2);
    let (mut alice, arrival) = create_character(mud.port("telnet"), "alice", "alicepw1");
    assert!(arrival.contains("you are the admin"), "the first character is the admin: {}", arrival);

    let mut browser = Command::new("python3")
        .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/e2e/browser_player.py"))
        .args([&format!("http://127.0.0.1:{}/", mud.port("websocket")), "bob", "bobpw123", "hi alice", "Alice says: hello bob"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 with selenium (scripts/test installs it)");
    let mut said = BufReader::new(browser.stdout.take().unwrap());
    let mut next = || {
        let mut line = String::new();
        said.read_line(&mut line).unwrap();
        line.trim().to_string()
    };
    assert_eq!(next(), "READY");
    alice.expect("Bob enters the game.");

    // The web API sees both players.
    let api = format!("http://127.0.0.1:{}", web_port(&dir.0));
    let who = curl(&[&format!("{}/api/who", api)]);
    assert_eq!(who.status, 200);
    let names: Vec<String> = who.json()["players"].as_array().expect("players").iter().map(|p| p["name"].as_str().unwrap_or("").to_lowercase()).collect();
    assert!(names.contains(&"alice".to_string()) && names.contains(&"bob".to_string()), "{}", who.body);

    alice.send_line("say hello bob");
    assert_eq!(next(), "HEARD");
    alice.expect("Bob says: hi alice");
    assert_eq!(next(), "DONE");
    assert!(browser.wait().unwrap().success());

    // The admin's eval, and an endless loop in it that the driver stops.
    alice.send_line("eval 1 + 2");
    alice.expect("Result: 3");
    alice.send_line("eval while (1) ;");
    alice.expect("Too long evaluation");
    alice.send_line("say still alive");
    alice.expect("You say: still alive");
}

#[test]
fn the_web_api_is_documented_and_survives_schemathesis() {
    let dir = scratch_mudlib("api");
    let mud = Mud::boot(&dir.0, "etc/config.ferrum", 2);
    let (_alice, _) = create_character(mud.port("telnet"), "alice", "alicepw1");
    let api = format!("http://127.0.0.1:{}", web_port(&dir.0));

    let status = curl(&[&format!("{}/api/status", api)]);
    assert_eq!((status.status, status.json()["name"].as_str()), (200, Some("Ironhaven")));
    let profile = curl(&[&format!("{}/api/players/alice", api)]);
    assert_eq!(profile.status, 200);
    assert!(profile.json().get("password").is_none() && !profile.body.contains("$6$"), "no password hash: {}", profile.body);
    assert_eq!(curl(&[&format!("{}/api/players/nobody", api)]).status, 404);
    assert_eq!(curl(&[&format!("{}/api/rooms/start.square", api)]).status, 200);
    assert_eq!(curl(&[&format!("{}/api/rooms/..%2Fsecure%2Fmaster", api)]).status, 404);
    assert_eq!(curl(&[&format!("{}/docs", api)]).status, 200);

    let doc = curl(&[&format!("{}/docs/openapi.json", api)]);
    let file = dir.0.join("openapi.json");
    std::fs::write(&file, &doc.body).unwrap();
    let out = Command::new("python3").args(["-m", "openapi_spec_validator"]).arg(&file).output().unwrap();
    assert!(out.status.success(), "{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));

    let out = Command::new("python3")
        .args(["-m", "schemathesis.cli", "run", &format!("{}/docs/openapi.json", api)])
        .args(["--max-examples", "30", "--generation-deterministic", "--no-color", "--request-timeout", "10"])
        .current_dir(&dir.0)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success() && report.contains("No issues found"), "{}{}", report, String::from_utf8_lossy(&out.stderr));
}
