//! Periodic applies: `reset()` every "time to reset" seconds and
//! `clean_up(inherited)` after "time to clean up" seconds; and the efuns
//! that move them: set_reset, set_clean_up, request_clean_up. The driver
//! configures the intervals and runs `run_due` from its backend loop.

use super::errors::run_guarded;
use crate::objects::object_or_this;
use ferrum_vm::error::VmResult;
use ferrum_vm::{ObjectRef, Value, Vm};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Hash)]
enum Kind {
    Reset,
    CleanUp,
}

#[derive(Default)]
pub struct Periodic {
    pub reset_every: Option<Duration>,
    pub clean_up_after: Option<Duration>,
    queue: BTreeMap<(Instant, u64, Kind), ObjectRef>,
    /// When each object's reset / clean_up is due (its key in `queue`).
    due: FxHashMap<(u64, Kind), Instant>,
}

impl Periodic {
    /// A new object: schedule its first reset and clean_up.
    pub fn schedule(&mut self, ob: &ObjectRef) {
        if let Some(d) = self.reset_every {
            self.put(ob, Kind::Reset, d);
        }
        if let Some(d) = self.clean_up_after {
            self.put(ob, Kind::CleanUp, d);
        }
    }

    /// (Re)schedules one apply of `ob` for `after` from now.
    fn put(&mut self, ob: &ObjectRef, kind: Kind, after: Duration) {
        self.cancel(ob, kind);
        let when = Instant::now() + after;
        self.queue.insert((when, ob.id(), kind), ob.clone());
        self.due.insert((ob.id(), kind), when);
    }

    fn cancel(&mut self, ob: &ObjectRef, kind: Kind) {
        if let Some(when) = self.due.remove(&(ob.id(), kind)) {
            self.queue.remove(&(when, ob.id(), kind));
        }
    }

    /// When `ob`'s next reset is due, if one is scheduled.
    pub fn next_reset(&self, ob: &ObjectRef) -> Option<Instant> {
        self.due.get(&(ob.id(), Kind::Reset)).copied()
    }

    /// When `ob`'s next clean_up is due, if one is scheduled.
    pub fn next_clean_up(&self, ob: &ObjectRef) -> Option<Instant> {
        self.due.get(&(ob.id(), Kind::CleanUp)).copied()
    }

    fn take_due(&mut self) -> Vec<(Kind, ObjectRef)> {
        let now = Instant::now();
        let mut out = Vec::new();
        while let Some(entry) = self.queue.first_entry() {
            if entry.key().0 > now {
                break;
            }
            let ((_, id, kind), ob) = entry.remove_entry();
            self.due.remove(&(id, kind));
            out.push((kind, ob));
        }
        out
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
                    if !ob.is_destructed() && p.next_reset(&ob).is_none() {
                        p.put(&ob, Kind::Reset, d);
                    }
                }
            }
            Kind::CleanUp => {
                // The argument says whether other programs inherit this one;
                // a 0 result means "never ask again".
                let name = ob.program().name.clone();
                let inherited = vm
                    .all_objects()
                    .iter()
                    .any(|o| o.program().inherits_from(name.as_str()));
                let r = run_guarded(vm, |vm| {
                    vm.apply(&ob, "clean_up", vec![Value::Int(inherited as i64)])
                });
                let again = matches!(r, Some(Some(ref v)) if v.is_true());
                let p = vm.ext::<Periodic>();
                if let Some(d) = p.clean_up_after {
                    if again && !ob.is_destructed() && p.next_clean_up(&ob).is_none() {
                        p.put(&ob, Kind::CleanUp, d);
                    }
                }
            }
        }
    }
}

fn seconds(n: i64) -> Duration {
    Duration::from_secs(n.max(0) as u64)
}

/// `void set_reset(object ob, int seconds)`: `ob`'s next reset comes
/// `seconds` from now; without seconds, after the usual interval.
pub fn set_reset(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = object_or_this(vm, args, 0, "set_reset")?;
    let p = vm.ext::<Periodic>();
    let after = match args.get(1) {
        Some(Value::Int(n)) => Some(seconds(*n)),
        _ => p.reset_every,
    };
    match after {
        Some(d) => p.put(&ob, Kind::Reset, d),
        None => p.cancel(&ob, Kind::Reset),
    }
    Ok(Value::Int(0))
}

/// `void set_clean_up(object ob, int seconds)`: `ob`'s next clean_up()
/// comes `seconds` from now (also after one that returned 0); without
/// seconds, after the configured "time to clean up".
pub fn set_clean_up(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = object_or_this(vm, args, 0, "set_clean_up")?;
    let p = vm.ext::<Periodic>();
    let after = match args.get(1) {
        Some(Value::Int(n)) => Some(seconds(*n)),
        _ => p.clean_up_after,
    };
    match after {
        Some(d) => p.put(&ob, Kind::CleanUp, d),
        None => p.cancel(&ob, Kind::CleanUp),
    }
    Ok(Value::Int(0))
}

/// `int request_clean_up(object ob = this_object())`: `ob` hears
/// clean_up() on the backend's next pass; 1 once that is arranged.
pub fn request_clean_up(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = object_or_this(vm, args, 0, "request_clean_up")?;
    vm.ext::<Periodic>().put(&ob, Kind::CleanUp, Duration::ZERO);
    Ok(Value::Int(1))
}

/// For tests: when `ob`'s reset and clean_up are due, in seconds from now
/// (rounded up), -1 for none.
#[cfg(test)]
pub(crate) fn due_in(vm: &mut Vm, ob: &ObjectRef) -> (i64, i64) {
    let p = vm.ext::<Periodic>();
    let secs = |t: Option<Instant>| {
        t.map(|t| {
            t.saturating_duration_since(Instant::now())
                .as_secs_f64()
                .ceil() as i64
        })
        .unwrap_or(-1)
    };
    (secs(p.next_reset(ob)), secs(p.next_clean_up(ob)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arrays::testutil::{object, vm};

    #[test]
    fn set_reset_and_clean_up_move_the_schedule() {
        let mut vm = vm();
        vm.ext::<Periodic>().reset_every = Some(Duration::from_secs(900));
        let ob = object(&mut vm, "/room");
        vm.ext::<Periodic>().schedule(&ob);
        assert_eq!(due_in(&mut vm, &ob), (900, -1));
        set_reset(&mut vm, &mut [Value::Object(ob.clone()), Value::Int(30)]).unwrap();
        assert_eq!(due_in(&mut vm, &ob), (30, -1));
        set_reset(&mut vm, &mut [Value::Object(ob.clone())]).unwrap();
        assert_eq!(due_in(&mut vm, &ob), (900, -1));
        set_clean_up(&mut vm, &mut [Value::Object(ob.clone()), Value::Int(60)]).unwrap();
        assert_eq!(due_in(&mut vm, &ob).1, 60);
        // No configured clean_up time: set_clean_up(ob) stops them.
        set_clean_up(&mut vm, &mut [Value::Object(ob.clone())]).unwrap();
        assert_eq!(due_in(&mut vm, &ob).1, -1);
        assert_eq!(
            request_clean_up(&mut vm, &mut [Value::Object(ob.clone())])
                .unwrap()
                .as_int(),
            Some(1)
        );
        assert_eq!(due_in(&mut vm, &ob).1, 0);
        assert_eq!(vm.ext::<Periodic>().queue.len(), 2);
    }
}
