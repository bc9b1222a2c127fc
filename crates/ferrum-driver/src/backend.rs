//! The backend loop: call_outs, heart beats, resets, and (with sockets)
//! network events, until `shutdown()` — or, for scripts, until nothing is
//! pending any more. After each batch of work the promise drain delivers
//! what it settled (resumed `await`s, then-handlers), so deliveries run as
//! soon as the evaluation that queued them is over.

use ferrum_efuns::{async_io, async_pkg};
use ferrum_efuns::runtime::callouts::{self, CallOuts};
use ferrum_efuns::runtime::control::DriverControl;
use ferrum_efuns::runtime::heartbeat::{self, HeartBeats};
use ferrum_efuns::{net, sockets};
use ferrum_vm::Vm;
use std::time::{Duration, Instant};

/// When the loop stops on its own.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Until {
    /// Only `shutdown()` ends it (a mud).
    Shutdown,
    /// Also ends when no call_out (or other pending work) is left (a
    /// script).
    Idle,
}

pub struct Backend {
    pub heartbeat: Duration,
    next_heartbeat: Instant,
}

impl Backend {
    pub fn new(heartbeat: Duration) -> Backend {
        Backend { heartbeat, next_heartbeat: Instant::now() + heartbeat }
    }

    fn shutdown_code(vm: &mut Vm) -> Option<i32> {
        vm.ext::<DriverControl>().shutdown
    }

    /// Runs the loop; returns the exit status (`shutdown`'s code, or 0 for
    /// a script that ran out of work).
    pub fn run(&mut self, vm: &mut Vm, until: Until) -> i32 {
        loop {
            // What the network events of the last pass settled.
            async_pkg::loop_turn(vm);
            if let Some(code) = Self::shutdown_code(vm) {
                net::flush(vm);
                return code;
            }
            callouts::run_due(vm);
            async_pkg::drain(vm);
            let now = Instant::now();
            if now >= self.next_heartbeat {
                heartbeat::run_heart_beats(vm);
                async_pkg::drain(vm);
                self.next_heartbeat += self.heartbeat;
                if self.next_heartbeat < now {
                    // Fell behind: skip beats rather than bunch them up.
                    self.next_heartbeat = now + self.heartbeat;
                }
            }
            crate::periodic::run_due(vm);
            async_pkg::drain(vm);
            if let Some(code) = Self::shutdown_code(vm) {
                net::flush(vm);
                return code;
            }
            let callouts_pending = !vm.ext::<CallOuts>().is_empty();
            // Queued deliveries keep a script alive; a promise that nothing
            // will ever settle does not (it would keep it alive forever).
            let async_pending = async_pkg::work_pending(vm);
            if until == Until::Idle
                && !callouts_pending
                && !async_pending
                && !sockets::any_open(vm)
                && !async_io::in_flight(vm)
                && !ferrum_efuns::resolve::in_flight(vm)
                && !ferrum_efuns::external::handles::any_running(vm)
            {
                net::flush(vm);
                return 0;
            }
            let mut wait = if async_pending { Duration::ZERO } else { Duration::from_millis(250) };
            if let Some(d) = vm.ext::<CallOuts>().next_due() {
                wait = wait.min(d);
            }
            if !vm.ext::<HeartBeats>().is_empty() {
                wait = wait.min(self.next_heartbeat.saturating_duration_since(Instant::now()));
            }
            // Network events (and async I/O answers, which come the same
            // way) wake the loop early; without a network, sleep.
            if !net::pump(vm, wait) && !wait.is_zero() {
                std::thread::sleep(wait);
            }
        }
    }
}
