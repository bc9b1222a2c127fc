//! `defer(f)`: functions that run when the LPC function that deferred them
//! ends, normally or by an error, last deferred first (FluffOS keeps them
//! on the control-stack frame; here they are keyed by frame depth).

use super::Vm;
use crate::object::ObjectRef;
use crate::value::Value;

pub(crate) struct Deferred {
    /// `frames.len()` of the function that called defer().
    depth: usize,
    func: Value,
    /// this_player() when defer() was called; restored while `func` runs.
    player: Option<ObjectRef>,
}

impl Vm {
    /// Registers `func` to run when the current LPC function ends.
    pub fn defer(&mut self, func: Value) {
        let depth = self.frames.len();
        let player = self.command_giver.clone();
        self.defers.push(Deferred { depth, func, player });
    }

    /// The deferred functions of frames above `depth` (an async frame
    /// being parked), to be given back with `restore_defers` on resume.
    pub(crate) fn take_defers_above(&mut self, depth: usize) -> Vec<Deferred> {
        let keep = self.defers.iter().position(|d| d.depth > depth).unwrap_or(self.defers.len());
        self.defers.split_off(keep)
    }

    /// Deferred functions of a resumed frame, now at `depth`.
    pub(crate) fn restore_defers(&mut self, defers: Vec<Deferred>, depth: usize) {
        self.defers.extend(defers.into_iter().map(|d| Deferred { depth, ..d }));
    }

    /// Runs the deferred functions of frames that are gone (depth above
    /// `frames.len()`), innermost first. An error in one is logged and the
    /// rest still run: the function that deferred them has already ended.
    #[cold]
    pub(crate) fn run_defers(&mut self) {
        while let Some(d) = self.defers.last() {
            if d.depth <= self.frames.len() {
                break;
            }
            let d = self.defers.pop().expect("deferred");
            let Value::Function(f) = &d.func else { continue };
            let saved = std::mem::replace(&mut self.command_giver, d.player.filter(|p| !p.is_destructed()));
            let result = self.call_function(f, Vec::new());
            self.command_giver = saved;
            if let Err(e) = result {
                self.host.clone().log(&format!("Error in deferred function: {}", e.report()));
            }
        }
    }
}
