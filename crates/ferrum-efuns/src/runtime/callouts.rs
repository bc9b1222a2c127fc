//! call_out and friends: delayed calls the backend runs when due.

use super::errors::run_guarded;
use crate::args;
use ferrum_vm::error::VmResult;
use ferrum_vm::{bail, ObjectRef, PromiseRef, Value, Vm};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

pub struct CallOut {
    pub object: ObjectRef,
    /// A function name in the object, or a function pointer; 0 for a
    /// timer (`call_out(delay)`), which only fulfils its promise.
    pub func: Value,
    pub args: Vec<Value>,
    /// this_player() when the call_out was made; restored when it runs.
    pub player: Option<ObjectRef>,
    /// Made by await_callout(): settled with the callback's result, or
    /// rejected if the call_out is removed before it runs.
    pub promise: Option<PromiseRef>,
}

/// The rejection a removed call_out gives its await_callout() promise.
const REMOVED: &str = "*call_out removed before it ran\n";

fn reject_removed(c: &CallOut) {
    if let Some(p) = &c.promise {
        p.reject(Value::from(REMOVED));
    }
}

/// Pending call_outs, ordered by due time then handle.
pub struct CallOuts {
    epoch: Instant,
    next_handle: i64,
    queue: BTreeMap<(u64, i64), CallOut>,
}

impl Default for CallOuts {
    fn default() -> Self {
        CallOuts { epoch: Instant::now(), next_handle: 1, queue: BTreeMap::new() }
    }
}

impl CallOuts {
    fn now_ms(&self) -> u64 {
        self.epoch.elapsed().as_millis() as u64
    }

    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }

    pub fn len(&self) -> usize {
        self.queue.len()
    }

    /// How long until the next call_out is due (zero if one is overdue).
    pub fn next_due(&self) -> Option<Duration> {
        let (&(when, _), _) = self.queue.iter().next()?;
        Some(Duration::from_millis(when.saturating_sub(self.now_ms())))
    }

    fn add(&mut self, delay_ms: u64, c: CallOut) -> i64 {
        let h = self.next_handle;
        self.next_handle += 1;
        let when = self.now_ms() + delay_ms;
        self.queue.insert((when, h), c);
        h
    }

    /// Seconds left for an entry (rounded up, as FluffOS reports them).
    fn seconds_left(&self, when: u64) -> i64 {
        (when.saturating_sub(self.now_ms()) as i64 + 999) / 1000
    }

    fn find(&self, ob: &ObjectRef, which: &Value) -> Option<(u64, i64)> {
        self.queue
            .iter()
            .find(|((_, h), c)| match which {
                Value::Int(handle) => h == handle,
                Value::Str(name) => &c.object == ob && matches!(&c.func, Value::Str(f) if f == name),
                _ => false,
            })
            .map(|(k, _)| *k)
    }

    /// Drops the call_outs of a destructed object.
    pub fn remove_object(&mut self, ob: &ObjectRef) {
        self.queue.retain(|_, c| {
            let keep = &c.object != ob;
            if !keep {
                reject_removed(c);
            }
            keep
        });
    }

    /// Takes every call_out due now.
    fn take_due(&mut self) -> Vec<CallOut> {
        let now = self.now_ms();
        let mut due = Vec::new();
        while let Some(entry) = self.queue.first_entry() {
            if entry.key().0 > now {
                break;
            }
            due.push(entry.remove());
        }
        due
    }
}

fn delay_ms(v: &Value) -> i64 {
    match v {
        Value::Float(f) => (f * 1000.0) as i64,
        other => other.as_int().unwrap_or(0) * 1000,
    }
}

/// `call_out(fn, delay, args...)`: returns a handle. `call_out(delay)`
/// returns a promise fulfilled with 0 once the delay has passed.
pub fn call_out(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let Some(ob) = vm.this_object() else { bail!("call_out() without a current object") };
    if matches!(args[0], Value::Int(_) | Value::Float(_)) {
        if args.len() > 1 {
            bail!("call_out(delay) takes no further arguments");
        }
        let delay = delay_ms(&args[0]).max(0) as u64;
        let p = vm.new_promise();
        let timer = CallOut { object: ob, func: Value::Int(0), args: Vec::new(), player: None, promise: Some(p.clone()) };
        vm.ext::<CallOuts>().add(delay, timer);
        return Ok(Value::Promise(p));
    }
    if args.len() < 2 {
        bail!("Too few arguments to call_out()");
    }
    let func = std::mem::take(&mut args[0]);
    let delay = delay_ms(&args[1]).max(0) as u64;
    let rest: Vec<Value> = args[2..].iter_mut().map(std::mem::take).collect();
    let player = vm.command_giver.clone();
    let h = vm.ext::<CallOuts>().add(delay, CallOut { object: ob, func, args: rest, player, promise: None });
    Ok(Value::Int(h))
}

/// `remove_call_out(name | handle)`: seconds that were left, or -1.
/// Without an argument every call_out of the object goes.
pub fn remove_call_out(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let Some(ob) = vm.this_object() else { return Ok(Value::Int(-1)) };
    // Only a missing argument means "all"; 0 is a handle no call_out has.
    if args.is_empty() {
        vm.ext::<CallOuts>().remove_object(&ob);
        return Ok(Value::Int(0));
    }
    let which = args::opt(args, 0).clone();
    let q = vm.ext::<CallOuts>();
    if which.is_zero() && !matches!(which, Value::Str(_)) {
        return Ok(Value::Int(-1));
    }
    match q.find(&ob, &which) {
        Some(key) => {
            if let Some(c) = q.queue.remove(&key) {
                reject_removed(&c);
            }
            Ok(Value::Int(q.seconds_left(key.0)))
        }
        None => Ok(Value::Int(-1)),
    }
}

/// `find_call_out(name | handle)`: seconds left, or -1.
pub fn find_call_out(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let Some(ob) = vm.this_object() else { return Ok(Value::Int(-1)) };
    let which = args[0].clone();
    let q = vm.ext::<CallOuts>();
    Ok(Value::Int(match q.find(&ob, &which) {
        Some(key) => q.seconds_left(key.0),
        None => -1,
    }))
}

/// `call_out_info()`: ({ ({ object, function, delay, args... }), ... }).
pub fn call_out_info(vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    let q = vm.ext::<CallOuts>();
    let items = q
        .queue
        .iter()
        .filter(|(_, c)| !c.object.is_destructed())
        .map(|((when, _), c)| {
            // FluffOS names a function-pointer call_out "<function>" and a
            // timer "<timer>".
            let func = match &c.func {
                Value::Function(_) => Value::from("<function>"),
                Value::Str(f) => Value::Str(f.clone()),
                _ => Value::from("<timer>"),
            };
            let mut v = vec![Value::Object(c.object.clone()), func, Value::Int(q.seconds_left(*when))];
            v.extend(c.args.iter().cloned());
            Value::array(v)
        })
        .collect();
    Ok(Value::array(items))
}

/// Runs every due call_out (the backend calls this). Each runs with a
/// fresh evaluation budget; an error in one is reported and the rest run.
/// Returns how many ran.
pub fn run_due(vm: &mut Vm) -> usize {
    let due = vm.ext::<CallOuts>().take_due();
    let n = due.len();
    for c in due {
        if c.object.is_destructed() {
            reject_removed(&c);
            continue;
        }
        crate::runtime::debug_levels::debug(vm, crate::runtime::debug_levels::CALL_OUT, || {
            let what = match &c.func {
                Value::Str(s) => s.to_string(),
                _ => "<function>".to_string(),
            };
            format!("call_out: {} in {}", what, c.object.name())
        });
        let saved = std::mem::replace(&mut vm.command_giver, c.player.clone().filter(|p| !p.is_destructed()));
        match c.promise {
            Some(p) if matches!(c.func, Value::Int(_)) => p.resolve_with(Value::Int(0)),
            // Awaited: the result or the error settles the promise.
            Some(p) => {
                vm.reset_eval_cost();
                match vm.call_callback(&c.object, &c.func, c.args) {
                    Ok(v) => p.resolve_with(v),
                    Err(e) => {
                        p.reject(e.catch_value());
                    }
                }
            }
            None => {
                run_guarded(vm, |vm| vm.call_callback(&c.object, &c.func, c.args));
            }
        }
        vm.command_giver = saved;
    }
    n
}

/// `promise await_callout(int handle)`: a promise for a pending call_out,
/// fulfilled with what its callback returns (rejected by an error in it,
/// or when the call_out is removed before it runs).
pub fn await_callout(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let handle = args::int(args, 0)?;
    let fresh = vm.new_promise();
    let q = vm.ext::<CallOuts>();
    let Some(c) = q.queue.iter_mut().find(|((_, h), _)| *h == handle).map(|(_, c)| c) else {
        bail!("await_callout: no pending call_out with handle {}", handle);
    };
    let p = c.promise.get_or_insert(fresh).clone();
    Ok(Value::Promise(p))
}
