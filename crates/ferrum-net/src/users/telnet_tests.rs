//! The telnet state machine driven directly: negotiation, parsing edge
//! cases, and a fuzz run over random byte streams.

use super::telnet::{Telnet, TelnetEvent, IAC, MAX_SUBNEGOTIATION};

const WILL: u8 = 251;
const WONT: u8 = 252;
const DO: u8 = 253;
const DONT: u8 = 254;
const SB: u8 = 250;
const SE: u8 = 240;
const ECHO: u8 = 1;
const SGA: u8 = 3;
const TTYPE: u8 = 24;
const NAWS: u8 = 31;

fn feed(t: &mut Telnet, chunks: &[&[u8]]) -> (Vec<TelnetEvent>, Vec<u8>) {
    let mut events = Vec::new();
    let mut reply = Vec::new();
    for c in chunks {
        t.receive(c, &mut events, &mut reply);
    }
    (events, reply)
}

fn input_of(events: &[TelnetEvent]) -> Vec<u8> {
    events
        .iter()
        .flat_map(|e| match e {
            TelnetEvent::Input(d) => d.clone(),
            _ => Vec::new(),
        })
        .collect()
}

#[test]
fn greeting_asks_for_naws_and_ttype() {
    assert_eq!(Telnet::new().greeting(), [IAC, DO, NAWS, IAC, DO, TTYPE]);
}

#[test]
fn accepted_options_are_not_answered_again() {
    let mut t = Telnet::new();
    t.greeting();
    let (_, reply) = feed(&mut t, &[&[IAC, WILL, NAWS]]);
    assert!(reply.is_empty(), "WILL NAWS answers our DO");
    let (_, reply) = feed(&mut t, &[&[IAC, WILL, TTYPE]]);
    assert_eq!(reply, [IAC, SB, TTYPE, 1, IAC, SE]);
    let (_, reply) = feed(&mut t, &[&[IAC, WILL, TTYPE, IAC, WILL, NAWS]]);
    assert!(reply.is_empty(), "repeats change nothing");
    // Switching off is acknowledged once.
    let (_, reply) = feed(&mut t, &[&[IAC, WONT, NAWS, IAC, WONT, NAWS]]);
    assert_eq!(reply, [IAC, DONT, NAWS]);
    // A refusal of our DO is not answered.
    let mut t = Telnet::new();
    t.greeting();
    let (_, reply) = feed(&mut t, &[&[IAC, WONT, NAWS, IAC, WONT, TTYPE]]);
    assert!(reply.is_empty());
    // Offered later, it is taken.
    let (_, reply) = feed(&mut t, &[&[IAC, WILL, NAWS]]);
    assert_eq!(reply, [IAC, DO, NAWS]);
}

#[test]
fn unknown_options_are_refused() {
    let mut t = Telnet::new();
    let (_, reply) = feed(
        &mut t,
        &[&[IAC, DO, 201, IAC, WILL, 86, IAC, DONT, 5, IAC, WONT, 6]],
    );
    assert_eq!(reply, [IAC, WONT, 201, IAC, DONT, 86]);
    // The client may not switch on our echo by itself.
    let (_, reply) = feed(&mut t, &[&[IAC, DO, ECHO, IAC, WILL, ECHO]]);
    assert_eq!(reply, [IAC, WONT, ECHO, IAC, DONT, ECHO]);
}

#[test]
fn echo_and_char_mode_send_only_changes() {
    let mut t = Telnet::new();
    assert_eq!(t.set_echo(false), [IAC, WILL, ECHO]);
    assert!(t.set_echo(false).is_empty());
    // The client's agreement is not answered.
    assert!(feed(&mut t, &[&[IAC, DO, ECHO]]).1.is_empty());
    assert_eq!(t.set_echo(true), [IAC, WONT, ECHO]);
    assert!(feed(&mut t, &[&[IAC, DONT, ECHO]]).1.is_empty());
    assert_eq!(t.set_char_mode(true), [IAC, WILL, SGA, IAC, WILL, ECHO]);
    assert!(t.set_char_mode(true).is_empty());
    // Echo stays off when char mode ends while echo is off.
    assert!(t.set_echo(false).is_empty());
    assert_eq!(t.set_char_mode(false), [IAC, WONT, SGA]);
    assert_eq!(t.set_echo(true), [IAC, WONT, ECHO]);
}

#[test]
fn refused_echo_is_not_retried_until_asked_again() {
    let mut t = Telnet::new();
    assert_eq!(t.set_echo(false), [IAC, WILL, ECHO]);
    assert!(feed(&mut t, &[&[IAC, DONT, ECHO]]).1.is_empty());
    assert!(t.set_echo(true).is_empty(), "already off");
    assert_eq!(t.set_echo(false), [IAC, WILL, ECHO]);
    // Switched on, then the client changes its mind: acknowledged.
    assert!(feed(&mut t, &[&[IAC, DO, ECHO]]).1.is_empty());
    assert_eq!(feed(&mut t, &[&[IAC, DONT, ECHO]]).1, [IAC, WONT, ECHO]);
}

#[test]
fn naws_and_ttype_reports() {
    let mut t = Telnet::new();
    t.greeting();
    let (events, _) = feed(
        &mut t,
        &[&[
            IAC, WILL, NAWS, IAC, SB, NAWS, 0, 80, 0, 24, IAC, SE, b'h', b'i',
        ]],
    );
    assert_eq!(
        events,
        [
            TelnetEvent::WindowSize {
                width: 80,
                height: 24
            },
            TelnetEvent::Input(b"hi".to_vec())
        ]
    );
    // 255 inside a subnegotiation is doubled; split over reads.
    let (events, _) = feed(
        &mut t,
        &[&[b'a', IAC, SB, NAWS, 1, IAC], &[IAC, 0, 50, IAC], &[SE]],
    );
    assert_eq!(
        events,
        [
            TelnetEvent::Input(b"a".to_vec()),
            TelnetEvent::WindowSize {
                width: 511,
                height: 50
            }
        ]
    );
    let mut ttype = vec![IAC, SB, TTYPE, 0];
    ttype.extend_from_slice(b"XTERM-256COLOR");
    ttype.extend_from_slice(&[IAC, SE]);
    let (events, _) = feed(&mut t, &[&ttype, &ttype]);
    assert_eq!(
        events,
        [TelnetEvent::TerminalType("XTERM-256COLOR".into())],
        "only the first name"
    );
    // A NAWS of the wrong length is ignored.
    let (events, _) = feed(&mut t, &[&[IAC, SB, NAWS, 1, 2, 3, IAC, SE]]);
    assert!(events.is_empty());
}

#[test]
fn iac_iac_split_commands_and_line_ends() {
    let mut t = Telnet::new();
    let (events, reply) = feed(
        &mut t,
        &[
            b"a\xff",
            b"\xffb\xff",
            &[DO],
            &[200],
            b"c\r",
            b"\nd\r\0e\rf\n",
        ],
    );
    assert_eq!(input_of(&events), b"a\xffbc\nd\ne\nf\n");
    assert_eq!(reply, [IAC, WONT, 200]);
    // NOP, GA and a stray SE are dropped.
    let (events, _) = feed(&mut t, &[&[b'x', IAC, 241, IAC, 249, IAC, SE, b'y']]);
    assert_eq!(input_of(&events), b"xy");
}

#[test]
fn oversized_and_malformed_subnegotiations_are_dropped() {
    let mut t = Telnet::new();
    let mut long = vec![IAC, SB, NAWS];
    long.extend(std::iter::repeat_n(7u8, MAX_SUBNEGOTIATION + 10));
    long.extend_from_slice(&[IAC, SE, b'k']);
    let (events, _) = feed(&mut t, &[&long]);
    assert_eq!(events, [TelnetEvent::Input(b"k".to_vec())]);
    // IAC followed by a command inside SB ends the SB; the command counts.
    let (events, reply) = feed(&mut t, &[&[IAC, SB, NAWS, 0, 80, IAC, DO, 99, b'z']]);
    assert_eq!(events, [TelnetEvent::Input(b"z".to_vec())]);
    assert_eq!(reply, [IAC, WONT, 99]);
}

/// A small deterministic generator (xorshift64*), so failures replay.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> usize {
        (self.next() % n) as usize
    }

    /// Bytes biased towards telnet's interesting values.
    fn byte(&mut self) -> u8 {
        const HOT: [u8; 16] = [
            IAC, IAC, IAC, WILL, WONT, DO, DONT, SB, SE, ECHO, SGA, TTYPE, NAWS, b'\r', b'\n', 0,
        ];
        if self.below(3) == 0 {
            (self.next() & 0xff) as u8
        } else {
            HOT[self.below(HOT.len() as u64)]
        }
    }
}

#[test]
fn fuzz_random_streams_never_panic_and_stay_bounded() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..5000 {
        let mut t = Telnet::new();
        t.greeting();
        let total = rng.below(600);
        let stream: Vec<u8> = (0..total).map(|_| rng.byte()).collect();
        let mut events = Vec::new();
        let mut reply = Vec::new();
        let mut at = 0;
        while at < stream.len() {
            let n = 1 + rng.below(40);
            let end = (at + n).min(stream.len());
            t.receive(&stream[at..end], &mut events, &mut reply);
            if rng.below(8) == 0 {
                reply.extend(t.set_echo(rng.below(2) == 0));
            }
            if rng.below(8) == 0 {
                reply.extend(t.set_char_mode(rng.below(2) == 0));
            }
            at = end;
        }
        // Every byte in gives at most one byte of input, and answers stay
        // proportional to the commands (no negotiation loops).
        assert!(input_of(&events).len() <= stream.len());
        assert!(
            reply.len() <= 6 * stream.len() + 64,
            "{} reply bytes for {}",
            reply.len(),
            stream.len()
        );
        for e in &events {
            if let TelnetEvent::TerminalType(name) = e {
                assert!(name.len() <= 3 * MAX_SUBNEGOTIATION);
            }
        }
    }
}

#[test]
fn fuzz_plain_text_passes_through_unchanged() {
    let mut rng = Rng(12345);
    for _ in 0..2000 {
        let len = rng.below(200);
        let text: Vec<u8> = (0..len).map(|_| b' ' + rng.below(95) as u8).collect();
        let mut t = Telnet::new();
        let mut split = text.clone();
        let cut = rng.below(len as u64 + 1);
        let tail = split.split_off(cut);
        let (events, reply) = feed(&mut t, &[&split, &tail]);
        assert_eq!(input_of(&events), text);
        assert!(reply.is_empty());
    }
}

#[test]
fn driver_requests_go_through_the_option_state() {
    let mut t = Telnet::new();
    t.greeting();
    feed(&mut t, &[&[IAC, WILL, TTYPE, IAC, WILL, NAWS]]);
    let (events, _) = feed(&mut t, &[&[IAC, SB, TTYPE, 0, b'a', IAC, SE]]);
    assert!(matches!(events.as_slice(), [TelnetEvent::TerminalType(n)] if n == "a"));
    // Unasked names are not reported twice; an explicit request re-arms it.
    let (events, _) = feed(&mut t, &[&[IAC, SB, TTYPE, 0, b'b', IAC, SE]]);
    assert!(events.is_empty());
    let send = vec![IAC, SB, TTYPE, 1, IAC, SE];
    assert_eq!(t.outgoing(send.clone()), send);
    let (events, _) = feed(&mut t, &[&[IAC, SB, TTYPE, 0, b'c', IAC, SE]]);
    assert!(matches!(events.as_slice(), [TelnetEvent::TerminalType(n)] if n == "c"));
    // Options already on are not asked for again; NAWS can be switched off
    // once and asked for again.
    assert!(t.outgoing(vec![IAC, DO, TTYPE]).is_empty());
    assert!(t.outgoing(vec![IAC, DO, NAWS]).is_empty());
    assert_eq!(t.outgoing(vec![IAC, DONT, NAWS]), [IAC, DONT, NAWS]);
    assert!(t.outgoing(vec![IAC, DONT, NAWS]).is_empty());
    assert_eq!(t.outgoing(vec![IAC, DO, NAWS]), [IAC, DO, NAWS]);
    // Other commands pass as they are.
    assert_eq!(t.outgoing(vec![IAC, 249]), [IAC, 249]);
}
