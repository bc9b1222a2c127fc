//! Promises: a value standing for a result that is not there yet.
//!
//! A promise is pending until it is settled once, fulfilled with a value or
//! rejected with a reason. Settling never runs LPC: the reactions attached
//! to the promise (then-handlers, parked `await`s, adoptions, combinator
//! inputs) are moved to the VM's microtask queue, in attachment order, and
//! the driver delivers them after the current top-level evaluation (see
//! `Vm::run_next_microtask`). A promise knows its queue through the shared
//! `AsyncRuntime`, so it can be settled from anywhere, a `Drop` included.

use super::{Array, Mapping, Value};
use crate::interp::coro::Coroutine;
use crate::object::ObjectRef;
use smallvec::SmallVec;
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, VecDeque};
use std::rc::{Rc, Weak};

pub type PromiseRef = Rc<Promise>;

/// Rejection reasons the driver produces itself (FluffOS's
/// `include/promise.h`): strings with a leading '*', no newline.
pub mod reasons {
    pub const DESTRUCTED: &str = "*async function owner was destructed while suspended";
    pub const REPLACED_PROGRAM: &str =
        "*async function owner's program was replaced while suspended";
    pub const AWAITED_COLLECTED: &str = "*awaited promise was collected before settling";
    pub const ADOPTION_COLLECTED: &str = "*promise adoption source was collected before settling";
    pub const SELF_RESOLVED: &str = "*promise resolved with itself";
    pub const ANY_EMPTY: &str = "*promise_any: no promises to wait for";
    pub const NO_REASON: &str = "*promise rejected";
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromiseStatus {
    Pending = 0,
    Fulfilled = 1,
    Rejected = 2,
}

/// What happens when a promise settles.
pub enum Reaction {
    /// `promise_then()`: a handler for each outcome (None passes the
    /// outcome through) and the chained promise its result settles.
    Then {
        on_fulfilled: Option<Value>,
        on_rejected: Option<Value>,
        next: PromiseRef,
        giver: Option<ObjectRef>,
    },
    /// A parked `await`.
    Resume(Rc<Coroutine>),
    /// Resolving one promise with another: settle the target the same way.
    Adopt(PromiseRef),
    /// Input `n` of `promise_all()` and friends.
    Combine(Rc<Combinator>, usize),
}

/// A settled promise's reaction, waiting in the queue.
pub struct Microtask {
    pub source: PromiseRef,
    pub reaction: Reaction,
}

/// State shared by a VM and every promise it made: the microtask queue
/// and the registry of parked coroutines.
#[derive(Default)]
pub struct AsyncRuntime {
    queue: RefCell<VecDeque<Microtask>>,
    /// Parked coroutines that can still resume (`max suspended async
    /// functions` counts these).
    pub(crate) suspended: Cell<usize>,
    pub(crate) next_coroutine_id: Cell<u64>,
    /// Parked coroutines by id (park order), for `async_info()` and
    /// destruct. Weak: the awaited promise owns the coroutine.
    pub(crate) registry: RefCell<BTreeMap<u64, Weak<Coroutine>>>,
    /// Rejections nobody observed, noticed when their promise was freed;
    /// the driver logs them.
    unhandled: RefCell<Vec<String>>,
}

impl AsyncRuntime {
    fn enqueue(&self, source: PromiseRef, reaction: Reaction) {
        self.queue
            .borrow_mut()
            .push_back(Microtask { source, reaction });
    }

    pub fn pending_deliveries(&self) -> usize {
        self.queue.borrow().len()
    }

    pub fn pop(&self) -> Option<Microtask> {
        self.queue.borrow_mut().pop_front()
    }

    pub fn take_unhandled(&self) -> Vec<String> {
        std::mem::take(&mut *self.unhandled.borrow_mut())
    }
}

struct PromiseState {
    status: PromiseStatus,
    value: Value,
    /// Usually one (an await or a then): kept inline, no allocation.
    reactions: SmallVec<[Reaction; 1]>,
    /// A rejection was or will be observed (a handler, an await, a read).
    handled: bool,
    /// Resolved with a still-pending promise: its fate is committed.
    resolving: bool,
    /// An async function's result: only its body settles it.
    body_owned: bool,
    /// The payload type an async function declared, for `%O`.
    tag: Option<&'static str>,
}

pub struct Promise {
    rt: Rc<AsyncRuntime>,
    state: RefCell<PromiseState>,
}

impl Promise {
    pub fn new(rt: &Rc<AsyncRuntime>) -> PromiseRef {
        Rc::new(Promise {
            rt: rt.clone(),
            state: RefCell::new(PromiseState {
                status: PromiseStatus::Pending,
                value: Value::Undefined,
                reactions: SmallVec::new(),
                handled: false,
                resolving: false,
                body_owned: false,
                tag: None,
            }),
        })
    }

    /// The result promise of an async function body.
    pub fn new_body_owned(rt: &Rc<AsyncRuntime>, tag: Option<&'static str>) -> PromiseRef {
        let p = Promise::new(rt);
        {
            let mut st = p.state.borrow_mut();
            st.body_owned = true;
            st.tag = tag;
        }
        p
    }

    pub fn status(&self) -> PromiseStatus {
        self.state.borrow().status
    }

    /// The fulfilment value or rejection reason (0 while pending).
    pub fn value(&self) -> Value {
        self.state.borrow().value.clone()
    }

    pub fn is_body_owned(&self) -> bool {
        self.state.borrow().body_owned
    }

    /// Resolved with a pending promise and waiting for it.
    pub fn is_resolving(&self) -> bool {
        self.state.borrow().resolving
    }

    pub fn tag(&self) -> Option<&'static str> {
        self.state.borrow().tag
    }

    pub fn mark_handled(&self) {
        self.state.borrow_mut().handled = true;
    }

    /// Settles a pending promise and queues its reactions. First settle
    /// wins: false when it was already settled.
    pub fn settle(self: &Rc<Self>, rejected: bool, value: Value) -> bool {
        let reactions = {
            let mut st = self.state.borrow_mut();
            if st.status != PromiseStatus::Pending {
                return false;
            }
            st.status = if rejected {
                PromiseStatus::Rejected
            } else {
                PromiseStatus::Fulfilled
            };
            st.value = value;
            st.resolving = false;
            std::mem::take(&mut st.reactions)
        };
        for r in reactions {
            self.rt.enqueue(self.clone(), r);
        }
        true
    }

    pub fn reject(self: &Rc<Self>, reason: Value) -> bool {
        self.settle(true, reason)
    }

    /// Fulfils with a plain value, or adopts the eventual state of a
    /// promise value (a fulfilled value is never a promise).
    pub fn resolve_with(self: &Rc<Self>, value: Value) {
        match value {
            Value::Promise(src) if Rc::ptr_eq(&src, self) => {
                self.reject(Value::from(reasons::SELF_RESOLVED));
            }
            Value::Promise(src) => {
                self.state.borrow_mut().resolving = true;
                src.mark_handled();
                src.add_reaction(Reaction::Adopt(self.clone()));
            }
            v => {
                self.settle(false, v);
            }
        }
    }

    /// Attaches a reaction; one attached to a settled promise is queued
    /// at once (delivery is never synchronous).
    pub fn add_reaction(self: &Rc<Self>, r: Reaction) {
        let mut st = self.state.borrow_mut();
        // Every reaction observes a rejection: a then() without a rejection
        // handler passes it on to its chained promise.
        st.handled = true;
        if st.status == PromiseStatus::Pending {
            st.reactions.push(r);
        } else {
            drop(st);
            self.rt.enqueue(self.clone(), r);
        }
    }

    /// `(status, value)` of a settled promise.
    pub fn outcome(&self) -> (PromiseStatus, Value) {
        let st = self.state.borrow();
        (st.status, st.value.clone())
    }
}

impl Drop for Promise {
    fn drop(&mut self) {
        let st = self.state.get_mut();
        if st.status == PromiseStatus::Rejected && !st.handled {
            let text = match &st.value {
                Value::Str(s) => s.to_string(),
                other => format!("({})", other.type_name()),
            };
            if let Ok(mut list) = self.rt.unhandled.try_borrow_mut() {
                list.push(text);
            }
        }
        // A promise adopting this one can never settle now.
        for r in std::mem::take(&mut st.reactions) {
            if let Reaction::Adopt(target) = r {
                target.reject(Value::from(reasons::ADOPTION_COLLECTED));
            }
        }
    }
}

// ----- combinators -----

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CombinatorKind {
    All,
    Any,
    Race,
    AllSettled,
}

/// The shared state of one `promise_all()`-style call.
pub struct Combinator {
    kind: CombinatorKind,
    result: PromiseRef,
    slots: RefCell<Vec<Value>>,
    remaining: Cell<usize>,
    done: Cell<bool>,
}

impl Combinator {
    /// Starts a combinator over `inputs`; a non-promise input counts as
    /// fulfilled with itself. Returns the result promise.
    pub fn start(rt: &Rc<AsyncRuntime>, kind: CombinatorKind, inputs: Vec<Value>) -> PromiseRef {
        let result = Promise::new(rt);
        let n = inputs.len();
        let comb = Rc::new(Combinator {
            kind,
            result: result.clone(),
            slots: RefCell::new(vec![Value::Int(0); n]),
            remaining: Cell::new(n),
            done: Cell::new(false),
        });
        if n == 0 {
            comb.finish_empty();
            return result;
        }
        let mut pending = Vec::new();
        for (i, v) in inputs.into_iter().enumerate() {
            match v {
                Value::Promise(p) => pending.push((i, p)),
                plain => comb.input_settled(i, false, plain),
            }
        }
        for (i, p) in pending {
            if comb.done.get() {
                break;
            }
            p.add_reaction(Reaction::Combine(comb.clone(), i));
        }
        result
    }

    fn finish_empty(&self) {
        self.done.set(true);
        match self.kind {
            CombinatorKind::Any => {
                self.result.reject(Value::from(reasons::ANY_EMPTY));
            }
            _ => {
                self.result.settle(false, Value::array(Vec::new()));
            }
        }
    }

    /// Input `i` settled.
    pub fn input_settled(&self, i: usize, rejected: bool, value: Value) {
        if self.done.get() {
            return;
        }
        let last = || {
            let left = self.remaining.get() - 1;
            self.remaining.set(left);
            left == 0
        };
        match (self.kind, rejected) {
            (CombinatorKind::Race, _)
            | (CombinatorKind::All, true)
            | (CombinatorKind::Any, false) => {
                self.done.set(true);
                self.result.settle(rejected, value);
            }
            (CombinatorKind::All, false) | (CombinatorKind::Any, true) => {
                self.slots.borrow_mut()[i] = value;
                if last() {
                    self.done.set(true);
                    let items = std::mem::take(&mut *self.slots.borrow_mut());
                    self.result
                        .settle(rejected, Value::Array(Array::new(items)));
                }
            }
            (CombinatorKind::AllSettled, _) => {
                let m = Mapping::new();
                m.insert(
                    Value::from("status"),
                    Value::Int(if rejected { 2 } else { 1 }),
                );
                m.insert(
                    Value::from(if rejected { "reason" } else { "value" }),
                    value,
                );
                self.slots.borrow_mut()[i] = Value::Mapping(m);
                if last() {
                    self.done.set(true);
                    let items = std::mem::take(&mut *self.slots.borrow_mut());
                    self.result.settle(false, Value::Array(Array::new(items)));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drain(rt: &Rc<AsyncRuntime>) -> Vec<(bool, i64)> {
        let mut seen = Vec::new();
        while let Some(t) = rt.pop() {
            let (status, v) = t.source.outcome();
            let rejected = status == PromiseStatus::Rejected;
            match t.reaction {
                Reaction::Adopt(target) => {
                    target.settle(rejected, v);
                }
                Reaction::Combine(c, i) => c.input_settled(i, rejected, v),
                Reaction::Then { next, .. } => {
                    seen.push((rejected, v.as_int().unwrap_or(-1)));
                    next.settle(rejected, v);
                }
                Reaction::Resume(_) => {}
            }
        }
        seen
    }

    fn then(p: &PromiseRef, rt: &Rc<AsyncRuntime>) -> PromiseRef {
        let next = Promise::new(rt);
        p.add_reaction(Reaction::Then {
            on_fulfilled: None,
            on_rejected: None,
            next: next.clone(),
            giver: None,
        });
        next
    }

    #[test]
    fn settling_queues_reactions_in_order_and_only_once() {
        let rt = Rc::new(AsyncRuntime::default());
        let p = Promise::new(&rt);
        let (a, b) = (then(&p, &rt), then(&p, &rt));
        assert_eq!(rt.pending_deliveries(), 0);
        assert!(p.settle(false, Value::Int(3)));
        assert!(!p.reject(Value::Int(9)), "first settle wins");
        assert_eq!(rt.pending_deliveries(), 2);
        assert_eq!(drain(&rt), vec![(false, 3), (false, 3)]);
        assert_eq!(
            (a.status(), b.status()),
            (PromiseStatus::Fulfilled, PromiseStatus::Fulfilled)
        );
        // A reaction attached to a settled promise is queued, not run.
        let c = then(&p, &rt);
        assert_eq!(c.status(), PromiseStatus::Pending);
        assert_eq!(drain(&rt), vec![(false, 3)]);
    }

    #[test]
    fn resolving_with_a_promise_adopts_it_and_with_itself_rejects() {
        let rt = Rc::new(AsyncRuntime::default());
        let (outer, inner) = (Promise::new(&rt), Promise::new(&rt));
        outer.resolve_with(Value::Promise(inner.clone()));
        assert!(outer.is_resolving());
        inner.reject(Value::Int(5));
        drain(&rt);
        assert_eq!(outer.outcome().0, PromiseStatus::Rejected);
        let p = Promise::new(&rt);
        p.resolve_with(Value::Promise(p.clone()));
        assert_eq!(p.value().as_str(), Some(reasons::SELF_RESOLVED));
    }

    #[test]
    fn combinators_follow_their_rules() {
        let rt = Rc::new(AsyncRuntime::default());
        let (a, b) = (Promise::new(&rt), Promise::new(&rt));
        let inputs = || {
            vec![
                Value::Promise(a.clone()),
                Value::Int(7),
                Value::Promise(b.clone()),
            ]
        };
        let all = Combinator::start(&rt, CombinatorKind::All, inputs());
        let any = Combinator::start(&rt, CombinatorKind::Any, vec![Value::Promise(a.clone())]);
        let race = Combinator::start(&rt, CombinatorKind::Race, inputs());
        assert_eq!(
            race.outcome(),
            (PromiseStatus::Fulfilled, Value::Int(7)),
            "a plain value wins outright"
        );
        b.settle(false, Value::Int(2));
        a.settle(false, Value::Int(1));
        drain(&rt);
        let got: Vec<i64> = all
            .value()
            .as_array()
            .unwrap()
            .to_vec()
            .iter()
            .map(|v| v.as_int().unwrap())
            .collect();
        assert_eq!(got, vec![1, 7, 2], "positional, whatever the settle order");
        assert_eq!(any.value().as_int(), Some(1));
        let empty = Combinator::start(&rt, CombinatorKind::Any, Vec::new());
        assert_eq!(empty.outcome().0, PromiseStatus::Rejected);
    }

    #[test]
    fn an_unobserved_rejection_is_noted_when_freed() {
        let rt = Rc::new(AsyncRuntime::default());
        let p = Promise::new(&rt);
        p.reject(Value::from("*lost"));
        drop(p);
        let q = Promise::new(&rt);
        q.reject(Value::from("*seen"));
        q.mark_handled();
        drop(q);
        assert_eq!(rt.take_unhandled(), vec!["*lost".to_string()]);
    }
}
