//! Telnet for player connections: the byte parser and option negotiation.
//! No I/O here: bytes in, input/events and reply bytes out, so the whole
//! state machine can be driven (and fuzzed) directly.
//!
//! Negotiation follows the spirit of RFC 1143: we answer only requests that
//! change an option's state, never an acknowledgement, so two sides cannot
//! ping-pong. We ask for NAWS and TTYPE, offer ECHO and SGA when the
//! interpreter wants them, and refuse everything else.

use super::text::LineEnds;

pub(crate) const IAC: u8 = 255;
const DONT: u8 = 254;
const DO: u8 = 253;
const WONT: u8 = 252;
const WILL: u8 = 251;
const SB: u8 = 250;
const SE: u8 = 240;

const OPT_ECHO: u8 = 1;
const OPT_SGA: u8 = 3;
const OPT_TTYPE: u8 = 24;
const OPT_NAWS: u8 = 31;

const TTYPE_IS: u8 = 0;
const TTYPE_SEND: u8 = 1;

/// A longer subnegotiation is dropped (its bytes are not kept).
pub(crate) const MAX_SUBNEGOTIATION: usize = 1024;

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum TelnetEvent {
    Input(Vec<u8>),
    WindowSize { width: u16, height: u16 },
    TerminalType(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Data,
    Iac,
    /// After IAC WILL/WONT/DO/DONT: the option byte comes next.
    Verb(u8),
    SbOption,
    SbData,
    SbIac,
}

/// An option on our side (ECHO, SGA): what the interpreter wants, what we
/// last announced, and whether that announcement is still unanswered.
#[derive(Default)]
struct Local {
    wanted: bool,
    on: bool,
    pending: bool,
}

impl Local {
    fn want(&mut self, opt: u8, yes: bool, reply: &mut Vec<u8>) {
        self.wanted = yes;
        if self.on != yes {
            self.on = yes;
            self.pending = true;
            reply.extend_from_slice(&[IAC, if yes { WILL } else { WONT }, opt]);
        }
    }

    fn on_do(&mut self, opt: u8, reply: &mut Vec<u8>) {
        if self.on {
            // The answer to our WILL, or a repeat: nothing changes.
            self.pending = false;
        } else if self.pending {
            // Answers a WILL we have since taken back; our WONT stands.
        } else if self.wanted {
            self.on = true;
            reply.extend_from_slice(&[IAC, WILL, opt]);
        } else {
            reply.extend_from_slice(&[IAC, WONT, opt]);
        }
    }

    fn on_dont(&mut self, opt: u8, reply: &mut Vec<u8>) {
        if self.on {
            self.on = false;
            // A refusal of our WILL needs no answer; a change of mind does.
            if !std::mem::take(&mut self.pending) {
                reply.extend_from_slice(&[IAC, WONT, opt]);
            }
        } else {
            self.pending = false;
        }
    }
}

/// An option on the client's side (NAWS, TTYPE), which we ask for.
#[derive(Default)]
struct Remote {
    on: bool,
    pending: bool,
}

impl Remote {
    fn ask(&mut self, opt: u8, reply: &mut Vec<u8>) {
        self.pending = true;
        reply.extend_from_slice(&[IAC, DO, opt]);
    }

    /// True when the option has just been switched on.
    fn on_will(&mut self, opt: u8, reply: &mut Vec<u8>) -> bool {
        if self.on {
            return false;
        }
        self.on = true;
        if !std::mem::take(&mut self.pending) {
            reply.extend_from_slice(&[IAC, DO, opt]);
        }
        true
    }

    fn on_wont(&mut self, opt: u8, reply: &mut Vec<u8>) {
        if self.on {
            self.on = false;
            if !self.pending {
                reply.extend_from_slice(&[IAC, DONT, opt]);
            }
        }
        self.pending = false;
    }
}

/// One telnet connection's protocol state.
pub(crate) struct Telnet {
    state: State,
    sb_option: u8,
    sb: Vec<u8>,
    sb_too_long: bool,
    lines: LineEnds,
    naws: Remote,
    ttype: Remote,
    ttype_reported: bool,
    echo: Local,
    sga: Local,
    echo_off: bool,
    char_mode: bool,
}

impl Telnet {
    pub fn new() -> Self {
        Telnet {
            state: State::Data,
            sb_option: 0,
            sb: Vec::new(),
            sb_too_long: false,
            lines: LineEnds::default(),
            naws: Remote::default(),
            ttype: Remote::default(),
            ttype_reported: false,
            echo: Local::default(),
            sga: Local::default(),
            echo_off: false,
            char_mode: false,
        }
    }

    /// What the server says first: DO NAWS, DO TTYPE.
    pub fn greeting(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        self.naws.ask(OPT_NAWS, &mut out);
        self.ttype.ask(OPT_TTYPE, &mut out);
        out
    }

    /// A raw telnet command the driver sends (UserCommand::Telnet). The
    /// requests LPC may make of the client's options (request_term_type,
    /// start_request_term_type, request_term_size) go through the option
    /// state, so answers are recognised and nothing is asked twice.
    pub fn outgoing(&mut self, bytes: Vec<u8>) -> Vec<u8> {
        let mut out = Vec::new();
        match bytes.as_slice() {
            [IAC, SB, OPT_TTYPE, TTYPE_SEND, IAC, SE] => {
                // The next name the client reports is an answer to LPC.
                self.ttype_reported = false;
                return bytes;
            }
            [IAC, DO, OPT_TTYPE] => {
                if !self.ttype.on && !self.ttype.pending {
                    self.ttype_reported = false;
                    self.ttype.ask(OPT_TTYPE, &mut out);
                }
            }
            [IAC, DO, OPT_NAWS] => {
                if !self.naws.on && !self.naws.pending {
                    self.naws.ask(OPT_NAWS, &mut out);
                }
            }
            [IAC, DONT, OPT_NAWS] => {
                if self.naws.on || self.naws.pending {
                    self.naws.on = false;
                    self.naws.pending = false;
                    out.extend_from_slice(&bytes);
                }
            }
            _ => return bytes,
        }
        out
    }

    /// Echo off (`on == false`) hides what the player types.
    pub fn set_echo(&mut self, on: bool) -> Vec<u8> {
        self.echo_off = !on;
        let mut out = Vec::new();
        self.echo
            .want(OPT_ECHO, self.echo_off || self.char_mode, &mut out);
        out
    }

    pub fn set_char_mode(&mut self, on: bool) -> Vec<u8> {
        self.char_mode = on;
        let mut out = Vec::new();
        self.sga.want(OPT_SGA, on, &mut out);
        self.echo.want(OPT_ECHO, self.echo_off || on, &mut out);
        out
    }

    /// Parses bytes from the client. Events come out in the order they
    /// arrived; `reply` collects the negotiation answers.
    pub fn receive(&mut self, input: &[u8], events: &mut Vec<TelnetEvent>, reply: &mut Vec<u8>) {
        let mut data = Vec::new();
        for &b in input {
            match self.state {
                State::Data => {
                    if b == IAC {
                        self.state = State::Iac;
                    } else {
                        self.lines.push(b, &mut data);
                    }
                }
                State::Iac => self.command(b, &mut data),
                State::Verb(verb) => {
                    self.state = State::Data;
                    self.negotiate(verb, b, reply);
                }
                State::SbOption => {
                    self.sb_option = b;
                    self.sb.clear();
                    self.sb_too_long = false;
                    self.state = State::SbData;
                }
                State::SbData => {
                    if b == IAC {
                        self.state = State::SbIac;
                    } else {
                        self.sb_push(b);
                    }
                }
                State::SbIac => match b {
                    SE => {
                        self.state = State::Data;
                        self.subnegotiation(&mut data, events);
                    }
                    IAC => {
                        self.sb_push(IAC);
                        self.state = State::SbData;
                    }
                    // Malformed: the subnegotiation is dropped and the byte
                    // read as the command it names.
                    _ => self.command(b, &mut data),
                },
            }
        }
        if !data.is_empty() {
            events.push(TelnetEvent::Input(data));
        }
    }

    /// The byte after an IAC outside a subnegotiation.
    fn command(&mut self, b: u8, data: &mut Vec<u8>) {
        self.state = match b {
            IAC => {
                self.lines.push(IAC, data);
                State::Data
            }
            WILL | WONT | DO | DONT => State::Verb(b),
            SB => State::SbOption,
            // NOP, GA, AYT, IP, stray SE...: nothing a MUD needs.
            _ => State::Data,
        };
    }

    fn sb_push(&mut self, b: u8) {
        if self.sb.len() < MAX_SUBNEGOTIATION {
            self.sb.push(b);
        } else {
            self.sb_too_long = true;
        }
    }

    fn negotiate(&mut self, verb: u8, opt: u8, reply: &mut Vec<u8>) {
        match (verb, opt) {
            (WILL, OPT_NAWS) => {
                self.naws.on_will(opt, reply);
            }
            (WONT, OPT_NAWS) => self.naws.on_wont(opt, reply),
            (WILL, OPT_TTYPE) => {
                let switched_on = self.ttype.on_will(opt, reply);
                if switched_on {
                    // Ask for the name at once.
                    reply.extend_from_slice(&[IAC, SB, OPT_TTYPE, TTYPE_SEND, IAC, SE]);
                }
            }
            (WONT, OPT_TTYPE) => self.ttype.on_wont(opt, reply),
            (DO, OPT_ECHO) => self.echo.on_do(opt, reply),
            (DONT, OPT_ECHO) => self.echo.on_dont(opt, reply),
            (DO, OPT_SGA) => self.sga.on_do(opt, reply),
            (DONT, OPT_SGA) => self.sga.on_dont(opt, reply),
            (WILL, _) => reply.extend_from_slice(&[IAC, DONT, opt]),
            (DO, _) => reply.extend_from_slice(&[IAC, WONT, opt]),
            // WONT/DONT for options that are off anyway.
            _ => {}
        }
    }

    fn subnegotiation(&mut self, data: &mut Vec<u8>, events: &mut Vec<TelnetEvent>) {
        if self.sb_too_long {
            return;
        }
        let event = match (self.sb_option, self.sb.as_slice()) {
            (OPT_NAWS, &[w1, w2, h1, h2]) => Some(TelnetEvent::WindowSize {
                width: u16::from_be_bytes([w1, w2]),
                height: u16::from_be_bytes([h1, h2]),
            }),
            (OPT_TTYPE, [TTYPE_IS, name @ ..]) if !self.ttype_reported => {
                self.ttype_reported = true;
                Some(TelnetEvent::TerminalType(
                    String::from_utf8_lossy(name).into_owned(),
                ))
            }
            _ => None,
        };
        if let Some(event) = event {
            // Input typed before the report goes first.
            if !data.is_empty() {
                events.push(TelnetEvent::Input(std::mem::take(data)));
            }
            events.push(event);
        }
    }
}
