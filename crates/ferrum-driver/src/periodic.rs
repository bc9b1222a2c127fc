//! Periodic applies: `reset()` every "time to reset" seconds and
//! `clean_up(inherited)` after "time to clean up" seconds. Lives in the
//! VM's package state so object creation can schedule into it.

use ferrum_efuns::runtime::errors::run_guarded;
use ferrum_vm::{ObjectRef, Value, Vm};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Kind {
    Reset,
    CleanUp,
}

#[derive(Default)]
pub struct Periodic {
    pub reset_every: Option<Duration>,
    pub clean_up_after: Option<Duration>,
    queue: BTreeMap<(Instant, u64, Kind), ObjectRef>,
}

impl Periodic {
    /// A new object: schedule its first reset and clean_up.
    pub fn schedule(&mut self, ob: &ObjectRef) {
        let now = Instant::now();
        if let Some(d) = self.reset_every {
            self.queue.insert((now + d, ob.id(), Kind::Reset), ob.clone());
        }
        if let Some(d) = self.clean_up_after {
            self.queue.insert((now + d, ob.id(), Kind::CleanUp), ob.clone());
        }
    }

    fn take_due(&mut self) -> Vec<(Kind, ObjectRef)> {
        let now = Instant::now();
        let mut due = Vec::new();
        while let Some(entry) = self.queue.first_entry() {
            if entry.key().0 > now {
                break;
            }
            let ((_, _, kind), ob) = entry.remove_entry();
            due.push((kind, ob));
        }
        due
    }
}

/// Runs the resets and clean_ups that are due.
pub fn run_due(vm: &mut Vm) {
    let due = vm.ext::<Periodic>().take_due();
    for (kind, ob) in due {
        if ob.is_destructed() {
            continue;
        }
        match kind {
            Kind::Reset => {
                run_guarded(vm, |vm| vm.apply(&ob, "reset", vec![]));
                let p = vm.ext::<Periodic>();
                if let Some(d) = p.reset_every {
                    p.queue.insert((Instant::now() + d, ob.id(), Kind::Reset), ob);
                }
            }
            Kind::CleanUp => {
                // The argument says whether other programs inherit this one;
                // a 0 result means "never ask again".
                let name = ob.program().name.clone();
                let inherited = vm.all_objects().iter().any(|o| o.program().inherits_from(name.as_str()));
                let r = run_guarded(vm, |vm| vm.apply(&ob, "clean_up", vec![Value::Int(inherited as i64)]));
                let again = matches!(r, Some(Some(ref v)) if v.is_true());
                if again && !ob.is_destructed() {
                    let p = vm.ext::<Periodic>();
                    if let Some(d) = p.clean_up_after {
                        p.queue.insert((Instant::now() + d, ob.id(), Kind::CleanUp), ob);
                    }
                }
            }
        }
    }
}
