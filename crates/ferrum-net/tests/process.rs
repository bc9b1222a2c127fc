//! External programs through the network thread.

use ferrum_net::{start, Command, Event, OutputStream, ProcessSpec};
use std::time::Duration;

fn next(rx: &std::sync::mpsc::Receiver<Event>) -> Event {
    rx.recv_timeout(Duration::from_secs(10)).expect("an event")
}

fn spec(program: &str, args: &[&str]) -> ProcessSpec {
    ProcessSpec { program: program.into(), args: args.iter().map(|s| s.to_string()).collect(), ..Default::default() }
}

#[test]
fn output_then_exit_status() {
    let (net, rx) = start();
    let id = net.next_id();
    net.send(Command::Spawn { id, spec: spec("/bin/sh", &["-c", "echo out; echo err >&2; exit 3"]) });
    let mut out = Vec::new();
    let mut err = Vec::new();
    loop {
        match next(&rx) {
            Event::Output { data, stream: OutputStream::Stdout, .. } => out.extend(data),
            Event::Output { data, stream: OutputStream::Stderr, .. } => err.extend(data),
            Event::Exited { code, signal, .. } => {
                assert_eq!((code, signal), (Some(3), None));
                break;
            }
            e => panic!("{:?}", e),
        }
    }
    assert_eq!(out, b"out\n");
    assert_eq!(err, b"err\n");
}

#[test]
fn stdin_is_fed_and_close_kills_without_an_event() {
    let (net, rx) = start();
    let id = net.next_id();
    net.send(Command::Spawn { id, spec: spec("/bin/cat", &[]) });
    net.send(Command::Write { id, data: b"ping\n".to_vec(), notify: false });
    match next(&rx) {
        Event::Output { data, .. } => assert_eq!(data, b"ping\n"),
        e => panic!("{:?}", e),
    }
    net.send(Command::Close { id });
    assert!(rx.recv_timeout(Duration::from_millis(500)).is_err());
}

#[test]
fn the_environment_is_empty_unless_given() {
    let (net, rx) = start();
    let id = net.next_id();
    let mut s = spec("/usr/bin/env", &[]);
    s.env = vec![("ONLY".into(), "this".into())];
    net.send(Command::Spawn { id, spec: s });
    match next(&rx) {
        Event::Output { data, .. } => assert_eq!(data, b"ONLY=this\n"),
        e => panic!("{:?}", e),
    }
}

#[test]
fn a_timeout_kills_the_program_and_its_children() {
    let (net, rx) = start();
    let id = net.next_id();
    let mut s = spec("/bin/sh", &["-c", "sleep 30 & sleep 30"]);
    s.timeout = Some(Duration::from_millis(200));
    net.send(Command::Spawn { id, spec: s });
    match next(&rx) {
        Event::Exited { signal, .. } => assert_eq!(signal, Some(9)),
        e => panic!("{:?}", e),
    }
}

#[test]
fn a_missing_program_fails_to_spawn() {
    let (net, rx) = start();
    let id = net.next_id();
    net.send(Command::Spawn { id, spec: spec("/no/such/program", &[]) });
    assert!(matches!(next(&rx), Event::SpawnFailed { .. }));
}
