//! Promises and async functions (FluffOS's promise efuns): creating and
//! settling promises, chaining handlers, combinators, and `async_info()`.
//!
//! The machinery is in ferrum-vm (`value::promise`, `interp::coro`);
//! `drain` delivers settled promises from the backend loop.

pub mod drain;

use crate::args;
use ferrum_vm::efun::EfunSpec;
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::value::promise::{reasons, Combinator, CombinatorKind, Reaction};
use ferrum_vm::value::{Mapping, PromiseRef, PromiseStatus, Value};
use ferrum_vm::{bail, efun, Vm};

pub use drain::{drain, loop_turn, work_pending, AsyncScheduler};

pub const EFUNS: &[EfunSpec] = &[
    efun!("promise promise_create()", promise_create),
    efun!(
        "void promise_resolve(promise, void | mixed)",
        promise_resolve
    ),
    efun!("void promise_reject(promise, void | mixed)", promise_reject),
    efun!(
        "promise promise_then(promise, void | function, void | function)",
        promise_then
    ),
    efun!("promise promise_catch(promise, function)", promise_catch),
    efun!("int promise_status(promise)", promise_status),
    efun!("mixed promise_result(promise)", promise_result),
    efun!("int promisep(mixed)", promisep),
    efun!("promise promise_all(mixed *)", promise_all),
    efun!("promise promise_any(mixed *)", promise_any),
    efun!("promise promise_race(mixed *)", promise_race),
    efun!("promise promise_all_settled(mixed *)", promise_all_settled),
    efun!("promise async_yield()", async_yield),
    efun!("mixed async_info(void | int)", async_info),
];

fn promise_arg(args: &[Value], i: usize) -> VmResult<PromiseRef> {
    match args::opt(args, i) {
        Value::Promise(p) => Ok(p.clone()),
        v => Err(LpcError::new(format!(
            "Bad argument {}: expected promise, got {}",
            i + 1,
            v.type_name()
        ))),
    }
}

/// The checks `promise_resolve()` and `promise_reject()` share.
fn settleable(name: &str, p: &PromiseRef, value: Option<&Value>) -> VmResult<()> {
    if p.status() != PromiseStatus::Pending || p.is_resolving() {
        bail!("{}: promise is already settled.", name);
    }
    if p.is_body_owned() {
        bail!(
            "{}: promise belongs to an async function; only its body can settle it.",
            name
        );
    }
    if let Some(Value::Promise(q)) = value {
        if PromiseRef::ptr_eq(p, q) {
            let verb = if name == "promise_resolve" {
                "resolve"
            } else {
                "reject"
            };
            bail!("{}: cannot {} a promise with itself.", name, verb);
        }
    }
    Ok(())
}

/// `promise promise_create()`: a new pending promise.
pub fn promise_create(vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    Ok(Value::Promise(vm.new_promise()))
}

/// `void promise_resolve(promise p, mixed value)`: fulfils `p` (0 by
/// default); a promise value is adopted.
pub fn promise_resolve(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let p = promise_arg(args, 0)?;
    settleable("promise_resolve", &p, args.get(1))?;
    let v = args.get_mut(1).map(std::mem::take).unwrap_or(Value::Int(0));
    p.resolve_with(v);
    Ok(Value::Int(0))
}

/// `void promise_reject(promise p, mixed reason)`: rejects `p`; with no
/// reason, "*promise rejected" (a falsy reason would read as success to
/// `acatch`).
pub fn promise_reject(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let p = promise_arg(args, 0)?;
    settleable("promise_reject", &p, args.get(1))?;
    let reason = match args.get_mut(1) {
        Some(v) => std::mem::take(v),
        None => Value::from(reasons::NO_REASON),
    };
    p.reject(reason);
    Ok(Value::Int(0))
}

fn handler(args: &[Value], i: usize) -> Option<Value> {
    match args.get(i) {
        Some(v @ Value::Function(_)) => Some(v.clone()),
        _ => None,
    }
}

fn then(
    vm: &mut Vm,
    p: PromiseRef,
    on_fulfilled: Option<Value>,
    on_rejected: Option<Value>,
) -> Value {
    let next = vm.new_promise();
    let giver = vm.command_giver.clone();
    p.add_reaction(Reaction::Then {
        on_fulfilled,
        on_rejected,
        next: next.clone(),
        giver,
    });
    Value::Promise(next)
}

/// `promise promise_then(promise p, function on_fulfilled, function
/// on_rejected)`: a chained promise for the handler's result. A missing
/// handler passes that outcome through; a rejection handler's result
/// fulfils the chain; a handler's error rejects it.
pub fn promise_then(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let p = promise_arg(args, 0)?;
    Ok(then(vm, p, handler(args, 1), handler(args, 2)))
}

/// `promise promise_catch(promise p, function on_rejected)`.
pub fn promise_catch(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let p = promise_arg(args, 0)?;
    Ok(then(vm, p, None, handler(args, 1)))
}

/// `int promise_status(promise p)`: 0 pending, 1 fulfilled, 2 rejected.
pub fn promise_status(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    Ok(Value::Int(promise_arg(args, 0)?.status() as i64))
}

/// `mixed promise_result(promise p)`: the value or reason of a settled
/// promise; reading a rejection counts as handling it.
pub fn promise_result(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let p = promise_arg(args, 0)?;
    match p.status() {
        PromiseStatus::Pending => bail!("promise_result: promise is still pending."),
        PromiseStatus::Rejected => p.mark_handled(),
        PromiseStatus::Fulfilled => {}
    }
    Ok(p.value())
}

/// `int promisep(mixed)`.
pub fn promisep(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    Ok(Value::Int(matches!(args[0], Value::Promise(_)) as i64))
}

fn combinator(vm: &mut Vm, args: &[Value], kind: CombinatorKind) -> VmResult<Value> {
    let inputs = args::array(args, 0)?.to_vec();
    if kind == CombinatorKind::Race && inputs.is_empty() {
        bail!("promise_race: needs at least one promise; an empty array would never settle.");
    }
    Ok(Value::Promise(Combinator::start(
        vm.async_runtime(),
        kind,
        inputs,
    )))
}

/// `promise promise_all(mixed *)`: every value, positionally; the first
/// rejection rejects.
pub fn promise_all(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    combinator(vm, args, CombinatorKind::All)
}

/// `promise promise_any(mixed *)`: the first fulfilment; every reason when
/// all reject.
pub fn promise_any(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    combinator(vm, args, CombinatorKind::Any)
}

/// `promise promise_race(mixed *)`: settles as the first input settles.
pub fn promise_race(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    combinator(vm, args, CombinatorKind::Race)
}

/// `promise promise_all_settled(mixed *)`: one `([ "status", "value" |
/// "reason" ])` per input once all settled; never rejects.
pub fn promise_all_settled(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    combinator(vm, args, CombinatorKind::AllSettled)
}

/// `promise async_yield()`: fulfilled with 0 on the backend loop's next
/// pass, after it has polled the network and run due call_outs.
pub fn async_yield(vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    let p = vm.new_promise();
    vm.ext::<AsyncScheduler>().yields.push(p.clone());
    Ok(Value::Promise(p))
}

/// `mapping *async_info()`: one mapping per parked async frame, oldest
/// first. `mapping async_info(1)`: the scheduler's counters.
pub fn async_info(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    if args::int_or(args, 0, 0) != 0 {
        let m = Mapping::new();
        let pending = vm.async_runtime().pending_deliveries();
        let suspended = vm.suspended_coroutines();
        let yields = vm.ext::<AsyncScheduler>().drain_yields;
        let loop_settles = vm.ext::<AsyncScheduler>().loop_settles;
        m.insert(Value::from("suspended"), Value::from(suspended));
        m.insert(Value::from("pending_deliveries"), Value::from(pending));
        m.insert(Value::from("drain_yields"), Value::Int(yields));
        m.insert(Value::from("drain_arms_loop"), Value::Int(loop_settles));
        return Ok(Value::Mapping(m));
    }
    let list = vm
        .coroutine_info()
        .into_iter()
        .map(|c| {
            let m = Mapping::new();
            m.insert(Value::from("id"), Value::Int(c.id as i64));
            m.insert(Value::from("object"), Value::Object(c.object));
            m.insert(Value::from("function"), Value::Str(c.function));
            m.insert(Value::from("file"), Value::Str(c.file));
            m.insert(Value::from("line"), Value::Int(c.line as i64));
            m.insert(Value::from("promise"), Value::Promise(c.promise));
            m.insert(
                Value::from("awaiting"),
                c.awaiting.map(Value::Promise).unwrap_or(Value::Int(0)),
            );
            m.insert(Value::from("ready"), Value::Int(c.ready as i64));
            m.insert(Value::from("acatch_depth"), Value::from(c.acatch_depth));
            Value::Mapping(m)
        })
        .collect();
    Ok(Value::array(list))
}
