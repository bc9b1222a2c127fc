//! The microtask drain: delivering settled promises from the backend.
//!
//! Settling a promise only queues its reactions. The driver calls `drain`
//! when no LPC is running (after `flag()`, after each batch of call_outs,
//! heart beats and network events), never while LPC holds the stack. Each
//! delivery gets a fresh evaluation budget; one turn delivers at most
//! `DRAIN_BUDGET` so a self-feeding chain cannot wedge the loop (the rest
//! waits for the next turn, and the loop does not sleep meanwhile).

use crate::runtime::errors::report_uncaught;
use ferrum_vm::value::PromiseRef;
use ferrum_vm::{Value, Vm};

/// Deliveries per drain turn.
pub const DRAIN_BUDGET: usize = 65_536;

/// Scheduler state kept beside the VM's queue.
#[derive(Default)]
pub struct AsyncScheduler {
    /// `async_yield()` promises waiting for the loop's next pass.
    pub yields: Vec<PromiseRef>,
    /// Turns that ended with deliveries still queued.
    pub drain_yields: i64,
    /// Promises the event loop itself settled (async_yield()s at a pass,
    /// async I/O answers), not LPC nor a delivery: FluffOS's
    /// `drain_arms_loop`.
    pub loop_settles: i64,
}

/// Delivers queued promise reactions; true when some are left for a later
/// turn. Does nothing while LPC is running.
pub fn drain(vm: &mut Vm) -> bool {
    if vm.call_depth() > 0 {
        return vm.has_microtasks();
    }
    let mut delivered = 0;
    while delivered < DRAIN_BUDGET {
        vm.reset_eval_cost();
        match vm.run_next_microtask() {
            None => break,
            Some(Ok(())) => {}
            Some(Err(e)) => report_uncaught(vm, &e),
        }
        delivered += 1;
    }
    let host = vm.host.clone();
    for reason in vm.async_runtime().take_unhandled() {
        host.log(&format!(
            "Unhandled promise rejection: {}\n",
            reason.trim_end()
        ));
    }
    let more = vm.has_microtasks();
    if more {
        vm.ext::<AsyncScheduler>().drain_yields += 1;
    }
    more
}

/// Once per pass of the backend loop: fulfils the `async_yield()` promises
/// made before this pass, then drains.
pub fn loop_turn(vm: &mut Vm) -> bool {
    let yields = std::mem::take(&mut vm.ext::<AsyncScheduler>().yields);
    vm.ext::<AsyncScheduler>().loop_settles += yields.len() as i64;
    for p in yields {
        p.settle(false, Value::Int(0));
    }
    drain(vm)
}

/// Whether async work must keep the loop awake: queued deliveries or
/// pending `async_yield()`s. A promise nobody will ever settle is not work.
pub fn work_pending(vm: &mut Vm) -> bool {
    vm.has_microtasks() || !vm.ext::<AsyncScheduler>().yields.is_empty()
}
