//! Players over telnet, WebSocket and ascii ports of a booted mudlib
//! (tests/mudlib-users): login with input_to (echo off for the password),
//! exec, commands, messages between users, get_char, snoop, net-dead and
//! reconnection, and errors in commands that leave everyone else served.

mod support;

use std::path::PathBuf;
use support::telnet::*;
use support::Mud;

fn boot() -> Mud {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/mudlib-users");
    Mud::boot(&dir, "etc/config.test", 3)
}

/// Connects and logs in as `name`; returns the client at its first prompt.
fn login(port: u16, name: &str) -> Telnet {
    let mut t = Telnet::connect(port);
    t.expect("Name: ");
    t.send_line(name);
    t.expect("Password: ");
    assert!(t.saw(WILL, ECHO), "echo is turned off for the password: {:?}", t.commands);
    t.send_line("secret");
    t.expect(&format!(", {}.", name));
    assert!(t.saw(WONT, ECHO), "echo comes back after the password: {:?}", t.commands);
    t.expect(&format!("[{}]> ", name));
    t
}

#[test]
fn telnet_players_log_in_talk_and_leave() {
    let mud = boot();
    let port = mud.port("telnet");
    let mut alice = login(port, "alice");
    let mut bob = login(port, "bob");
    alice.expect("bob arrives.");

    bob.send_line("say hi there");
    bob.expect("You say: hi there");
    alice.expect("bob says: hi there");

    alice.send_line("who");
    alice.expect("Online: alice, bob");
    alice.send_line("info");
    alice.expect("interactive=1 userp=1 ip=127.0.0.1 idle=0 tp=1 ti=1 in_input=0");
    alice.send_line("wizard");
    alice.expect("wizardp=1");
    alice.send_line("wizard off");
    alice.expect("wizardp=0");

    // process_input() may rewrite a line or take it.
    bob.send_line("'quick word");
    bob.expect("You say: quick word");
    alice.expect("bob says: quick word");
    bob.send_line("swallow");
    bob.expect("Swallowed.");
    let after = bob.expect("[bob]> ");
    assert!(!after.contains("What?"), "the line was taken by process_input: {:?}", after);

    // Failed commands: notify_fail's message, else "What?".
    alice.send_line("fail");
    alice.expect("It fails.");
    alice.send_line("dance wildly");
    alice.expect("What?");
    alice.expect("[alice]> ");

    // The telnet negotiation the driver starts with.
    let mut carol = Telnet::connect(port);
    carol.expect("Name: ");
    assert!(carol.saw(DO, 31) && carol.saw(DO, 24), "NAWS and TTYPE asked: {:?}", carol.commands);
    carol.send_line("carol");
    carol.expect("Password: ");
    carol.send_line("wrong");
    carol.expect("Wrong password.");

    alice.send_line("quit");
    let rest = alice.expect_closed();
    assert!(rest.contains("Bye."), "{:?}", rest);
    bob.expect("alice leaves.");
    bob.send_line("who");
    bob.expect("Online: bob\r\n");
}

#[test]
fn get_char_takes_one_key_in_character_mode() {
    let mud = boot();
    let mut dora = login(mud.port("telnet"), "dora");
    dora.send_line("key");
    dora.expect("Press a key: ");
    assert!(dora.saw(WILL, SGA) && dora.saw(WILL, ECHO), "character mode: {:?}", dora.commands);
    dora.send_raw(b"x");
    dora.expect("You pressed [x]");
    assert!(dora.saw(WONT, SGA), "line mode again: {:?}", dora.commands);
    dora.expect("[dora]> ");
}

#[test]
fn an_endless_loop_in_a_command_is_stopped_and_everyone_is_still_served() {
    let mut mud = boot();
    let port = mud.port("telnet");
    let mut eve = login(port, "eve");
    let mut fred = login(port, "fred");
    eve.send_line("loop");
    eve.expect("Too long evaluation");
    eve.expect("[eve]> ");
    fred.send_line("say still here");
    fred.expect("You say: still here");
    eve.expect("fred says: still here");
    eve.send_line("who");
    eve.expect("Online: eve, fred");
    assert!(mud.running());
}

#[test]
fn net_dead_players_keep_their_body_and_reconnect() {
    let mud = boot();
    let port = mud.port("telnet");
    let mut gina = login(port, "gina");
    let hugo = login(port, "hugo");
    gina.expect("hugo arrives.");
    drop(hugo);
    gina.expect("hugo lost the connection.");
    gina.send_line("who");
    gina.expect("Online: gina\r\n");
    let mut hugo = Telnet::connect(port);
    hugo.expect("Name: ");
    hugo.send_line("hugo");
    hugo.expect("Password: ");
    hugo.send_line("secret");
    hugo.expect("Welcome back, hugo.");
    gina.send_line("who");
    gina.expect("Online: gina, hugo");
}

#[test]
fn snoopers_see_what_their_target_sees_and_types() {
    let mud = boot();
    let port = mud.port("telnet");
    let mut ivan = login(port, "ivan");
    let mut jane = login(port, "jane");
    ivan.send_line("snoop jane");
    ivan.expect("Snooping jane.");
    jane.send_line("say psst");
    ivan.expect("%say psst");
    ivan.expect("%You say: psst");
}

#[test]
fn ascii_ports_are_plain_lines() {
    let mud = boot();
    let mut kim = Telnet::connect(mud.port("ascii"));
    kim.expect("Name: ");
    kim.send_line("kim");
    kim.expect("Password: ");
    kim.send_line("secret");
    kim.expect("Hello, kim.");
    assert!(kim.commands.is_empty(), "no telnet commands on an ascii port: {:?}", kim.commands);
}

#[test]
fn websocket_port_serves_the_client_page_and_players() {
    use std::io::{Read, Write};
    let mud = boot();
    let port = mud.port("websocket");
    let mut http = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    http.write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").unwrap();
    let mut page = String::new();
    http.read_to_string(&mut page).unwrap();
    assert!(page.starts_with("HTTP/1.1 200"), "{}", page);
    assert!(page.contains("served from the mudlib's www directory"), "{}", page);

    let mut lars = login(mud.port("telnet"), "lars");
    let (mut ws, _) = tungstenite::connect(format!("ws://127.0.0.1:{}/ws", port)).expect("websocket");
    let mut frames = Vec::new();
    let mut next = |ws: &mut tungstenite::WebSocket<_>, want: &str| loop {
        let msg = ws.read().expect("a frame");
        let text = msg.into_text().expect("text").to_string();
        frames.push(text.clone());
        if text.contains(want) {
            return text;
        }
    };
    next(&mut ws, "Name: ");
    ws.send(tungstenite::Message::text("mia")).unwrap();
    next(&mut ws, "Password: ");
    let echo_off = next(&mut ws, "echo");
    assert_eq!(serde_json::from_str::<serde_json::Value>(&echo_off).unwrap(), serde_json::json!({ "echo": false }));
    ws.send(tungstenite::Message::text("secret")).unwrap();
    next(&mut ws, "Hello, mia.");
    lars.expect("mia arrives.");
    ws.send(tungstenite::Message::text("say from the browser")).unwrap();
    lars.expect("mia says: from the browser");
    lars.send_line("say hello browser");
    next(&mut ws, "lars says: hello browser");
}

#[test]
fn ed_takes_a_players_input_until_it_quits() {
    let mud = boot();
    let port = mud.port("telnet");
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/mudlib-users/log");
    let file = dir.join("ed_dora.txt");
    let _ = std::fs::remove_file(&file);
    let mut dora = login(port, "dora");
    dora.send_line("edit /log/ed_dora.txt");
    dora.expect("\"/log/ed_dora.txt\" [New file]");
    dora.expect(":");
    dora.send_line("a");
    dora.send_line("first line");
    // Lines in input mode are text, not commands.
    dora.send_line("say not a command");
    dora.send_line(".");
    dora.send_line("1p");
    dora.expect("first line");
    dora.send_line("w");
    dora.expect("\"/log/ed_dora.txt\" 2 lines, 29 bytes");
    dora.send_line("q");
    dora.expect("Done editing.");
    dora.expect("[dora]> ");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "first line\nsay not a command\n");
    // Commands work again afterwards.
    dora.send_line("say back");
    dora.expect("You say: back");
    let _ = std::fs::remove_file(&file);
}
