//! `trace_start`/`trace_end`: LPC function calls recorded as Chrome trace
//! events ("complete" events: name, start, duration), for the browsers'
//! performance tools. Only the frame push and pop sites look at it, with
//! one `is_some()` test when tracing is off.

use super::Vm;
use std::time::{Duration, Instant};

/// Receives the finished JSON text (the efun side writes the file).
pub type TraceSink = Box<dyn FnOnce(String)>;

pub struct Tracer {
    started: Instant,
    stop_at: Instant,
    /// Frames entered and not yet left: (depth, function, object, start µs).
    open: Vec<(usize, String, String, u64)>,
    /// Finished events, already JSON.
    events: Vec<String>,
    sink: Option<TraceSink>,
}

/// More events than this end the trace early (memory stays bounded).
const MAX_EVENTS: usize = 1_000_000;

impl Tracer {
    pub fn new(auto_stop: Duration, sink: TraceSink) -> Tracer {
        let now = Instant::now();
        Tracer { started: now, stop_at: now + auto_stop, open: Vec::new(), events: Vec::new(), sink: Some(sink) }
    }

    fn now_us(&self) -> u64 {
        self.started.elapsed().as_micros() as u64
    }

    fn close_above(&mut self, depth: usize) {
        let now = self.now_us();
        while self.open.last().is_some_and(|(d, ..)| *d > depth) {
            let (_, name, object, start) = self.open.pop().expect("open frame");
            self.events.push(format!(
                "{{\"name\":{},\"cat\":\"lpc\",\"ph\":\"X\",\"ts\":{},\"dur\":{},\"pid\":1,\"tid\":1,\"args\":{{\"object\":{}}}}}",
                json_string(&name),
                start,
                now - start,
                json_string(&object)
            ));
        }
    }

    /// Closes what is still open and hands the JSON document to the sink.
    fn finish(mut self) {
        self.close_above(0);
        let text = format!("{{\"traceEvents\":[{}],\"displayTimeUnit\":\"ms\"}}\n", self.events.join(",\n"));
        if let Some(sink) = self.sink.take() {
            sink(text);
        }
    }
}

fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl Vm {
    /// Starts recording calls; a trace already running is finished first.
    pub fn trace_start(&mut self, tracer: Tracer) {
        self.trace_end();
        self.tracer = Some(Box::new(tracer));
    }

    /// Stops recording and writes the trace; false when none was running.
    pub fn trace_end(&mut self) -> bool {
        match self.tracer.take() {
            Some(t) => {
                t.finish();
                true
            }
            None => false,
        }
    }

    /// The top frame was just entered.
    #[cold]
    pub(crate) fn trace_enter(&mut self) {
        let depth = self.frames.len();
        let (name, object) = match self.frames.last() {
            Some(f) => (f.def.name.to_string(), f.obj.name().to_string()),
            None => return,
        };
        let Some(t) = self.tracer.as_mut() else { return };
        if Instant::now() >= t.stop_at || t.events.len() >= MAX_EVENTS {
            self.trace_end();
            return;
        }
        // A frame at this depth that never said goodbye (unwound) ends now.
        t.close_above(depth - 1);
        let start = t.now_us();
        t.open.push((depth, name, object, start));
    }

    /// Frames above the current depth were just left (returned, unwound
    /// or parked).
    #[cold]
    pub(crate) fn trace_leave(&mut self) {
        let depth = self.frames.len();
        if let Some(t) = self.tracer.as_mut() {
            t.close_above(depth);
        }
    }
}
