//! async functions: their result promise, parking a frame at `await`, and
//! resuming it from the microtask queue.
//!
//! An async function's frame keeps its result promise in the local slot
//! right after its parameters, and an implicit catch whose handler rejects
//! that promise (`AsyncBegin`). `await` of a promise parks only that one
//! frame: the frame, its stack slice (arguments, locals, temporaries) and
//! its catch records move into a `Coroutine` owned by the awaited
//! promise's reaction list, and the caller receives the result promise as
//! if the function had returned. A delivery rebuilds the frame on top of
//! the stack under a fresh boundary and continues after the `await`.

use super::{CatchRecord, Frame, Vm};
use crate::error::{LpcError, VmResult};
use crate::object::ObjectRef;
use crate::program::fn_flags;
use crate::types::Type;
use crate::value::promise::{
    reasons, AsyncRuntime, Microtask, Promise, PromiseRef, PromiseStatus, Reaction,
};
use crate::value::{LStr, Value};
use std::cell::RefCell;
use std::rc::{Rc, Weak};

/// A parked async function frame.
pub struct Coroutine {
    pub(crate) id: u64,
    rt: Rc<AsyncRuntime>,
    pub(crate) result: PromiseRef,
    pub(crate) awaiting: Weak<Promise>,
    /// None once resumed or abandoned.
    pub(crate) parked: RefCell<Option<Parked>>,
}

pub(crate) struct Parked {
    frame: Frame,
    stack: Vec<Value>,
    /// Catch records of the frame (the implicit one first), stack lengths
    /// relative to the frame base.
    catches: Vec<(usize, u32)>,
    giver: Option<ObjectRef>,
    /// What the frame deferred: it runs when the function really ends.
    defers: Vec<super::defer::Deferred>,
}

impl Coroutine {
    /// Forgets the parked frame: it will never run again.
    fn unpark(&self) -> Option<Parked> {
        let p = self.parked.borrow_mut().take()?;
        self.rt.suspended.set(self.rt.suspended.get() - 1);
        if let Ok(mut reg) = self.rt.registry.try_borrow_mut() {
            reg.remove(&self.id);
        }
        Some(p)
    }
}

impl Drop for Coroutine {
    fn drop(&mut self) {
        // The awaited promise was freed unsettled: nothing can resume us.
        if let Some(parked) = self.unpark() {
            self.result.reject(Value::from(reasons::AWAITED_COLLECTED));
            drop(parked);
        }
    }
}

/// One parked frame as `async_info()` reports it.
pub struct CoroutineInfo {
    pub id: u64,
    pub object: ObjectRef,
    pub function: LStr,
    pub file: LStr,
    pub line: u32,
    pub promise: PromiseRef,
    pub awaiting: Option<PromiseRef>,
    pub ready: bool,
    pub acatch_depth: usize,
}

/// The `%O` tag of an async function's promise: its declared payload.
fn payload_tag(t: &Type) -> Option<&'static str> {
    Some(match t {
        Type::Int => "int",
        Type::Float => "float",
        Type::String => "string",
        Type::Object => "object",
        Type::Mapping => "mapping",
        Type::Function => "function",
        Type::Buffer => "buffer",
        Type::Class(_) => "class",
        Type::Array(_) => "array",
        _ => return None,
    })
}

impl Vm {
    /// The shared promise state of this VM.
    pub fn async_runtime(&self) -> &Rc<AsyncRuntime> {
        &self.async_rt
    }

    pub fn new_promise(&self) -> PromiseRef {
        Promise::new(&self.async_rt)
    }

    pub fn suspended_coroutines(&self) -> usize {
        self.async_rt.suspended.get()
    }

    /// `AsyncBegin`: the result promise goes into the slot after the
    /// parameters, and an implicit catch turns errors into a rejection.
    #[inline]
    pub(crate) fn async_begin(&mut self, fi: usize, handler: u32) {
        let f = &self.frames[fi];
        let slot = f.base as usize + f.def.num_params as usize;
        let p = Promise::new_body_owned(&self.async_rt, payload_tag(&f.def.return_type));
        self.stack[slot] = Value::Promise(p);
        self.catches.push(CatchRecord {
            depth: self.frames.len(),
            stack_len: self.stack.len(),
            handler,
        });
    }

    /// `AsyncReturn` / `AsyncFail`: settles the result promise with the
    /// popped value, which becomes the promise the call returns.
    #[inline]
    pub(crate) fn async_settle(&mut self, fi: usize, rejected: bool) -> Value {
        let v = self.stack.pop().unwrap_or_default();
        let f = &self.frames[fi];
        let p = self.stack[f.base as usize + f.def.num_params as usize].clone();
        if let Value::Promise(p) = &p {
            if rejected {
                p.reject(v);
            } else {
                p.resolve_with(v);
            }
        }
        p
    }

    /// Pops the top frame after a return: its stack and catch records go.
    /// The returned value goes to the caller's stack, or back to Rust
    /// (`Some`) when the frame was entered from there.
    #[inline]
    pub(crate) fn leave_frame(&mut self, ret: Value) -> Option<Value> {
        let frame = self.frames.pop().expect("frame");
        if self.tracer.is_some() {
            self.trace_leave();
        }
        self.stack.truncate(frame.base as usize);
        while self
            .catches
            .last()
            .is_some_and(|c| c.depth > self.frames.len())
        {
            self.catches.pop();
        }
        if !self.defers.is_empty() {
            self.run_defers();
        }
        if frame.boundary {
            return Some(ret);
        }
        self.stack.push(ret);
        None
    }

    /// `await` of a promise (on top of the stack) in frame `fi`: parks
    /// the frame. Returns the result promise for the caller and whether
    /// the frame was entered from Rust.
    pub(crate) fn park(&mut self, fi: usize) -> VmResult<(Value, bool)> {
        let f = &self.frames[fi];
        let result = match self.stack.get(f.base as usize + f.def.num_params as usize) {
            Some(Value::Promise(p))
                if f.def.flags & fn_flags::ASYNC != 0 && fi + 1 == self.frames.len() =>
            {
                p.clone()
            }
            _ => {
                self.stack.pop();
                return Err(LpcError::new(
                    "await: not directly inside an async function body.",
                ));
            }
        };
        let limit = self.limits.max_suspended_async;
        if limit > 0 && self.async_rt.suspended.get() >= limit {
            self.stack.pop();
            return Err(LpcError::new(format!(
                "await: too many suspended async functions (limit {}).",
                limit
            )));
        }
        let awaited = match self.stack.pop() {
            Some(Value::Promise(p)) => p,
            _ => return Err(LpcError::new("await: no promise")),
        };
        let frame = self.frames.pop().expect("frame");
        if self.tracer.is_some() {
            self.trace_leave();
        }
        let base = frame.base as usize;
        let stack = self.stack.split_off(base);
        let mut catches = Vec::new();
        while self
            .catches
            .last()
            .is_some_and(|c| c.depth > self.frames.len())
        {
            let c = self.catches.pop().expect("catch");
            catches.push((c.stack_len - base, c.handler));
        }
        catches.reverse();
        let defers = self.take_defers_above(self.frames.len());
        let boundary = frame.boundary;
        let id = self.async_rt.next_coroutine_id.get() + 1;
        self.async_rt.next_coroutine_id.set(id);
        let coro = Rc::new(Coroutine {
            id,
            rt: self.async_rt.clone(),
            result: result.clone(),
            awaiting: Rc::downgrade(&awaited),
            parked: RefCell::new(Some(Parked {
                frame,
                stack,
                catches,
                giver: self.command_giver.clone(),
                defers,
            })),
        });
        self.async_rt
            .suspended
            .set(self.async_rt.suspended.get() + 1);
        self.async_rt
            .registry
            .borrow_mut()
            .insert(id, Rc::downgrade(&coro));
        awaited.add_reaction(Reaction::Resume(coro));
        Ok((Value::Promise(result), boundary))
    }

    /// Rebuilds a parked frame and runs it until it returns or parks
    /// again; a rejection is raised at the `await`.
    fn resume(&mut self, coro: &Coroutine, rejected: bool, value: Value) -> VmResult<()> {
        let Some(parked) = coro.unpark() else {
            return Ok(());
        };
        if parked.frame.obj.is_destructed() {
            coro.result.reject(Value::from(reasons::DESTRUCTED));
            return Ok(());
        }
        // Its variable offsets belong to the program it parked in.
        if !Rc::ptr_eq(&parked.frame.prog, &parked.frame.obj.program()) {
            coro.result.reject(Value::from(reasons::REPLACED_PROGRAM));
            return Ok(());
        }
        let Parked {
            mut frame,
            stack,
            catches,
            giver,
            defers,
        } = parked;
        let base = self.stack.len();
        self.stack.extend(stack);
        frame.base = base as u32;
        frame.boundary = true;
        self.frames.push(frame);
        if self.tracer.is_some() {
            self.trace_enter();
        }
        let depth = self.frames.len();
        self.restore_defers(defers, depth);
        for (rel, handler) in catches {
            self.catches.push(CatchRecord {
                depth,
                stack_len: base + rel,
                handler,
            });
        }
        let saved = std::mem::replace(
            &mut self.command_giver,
            giver.filter(|g| !g.is_destructed()),
        );
        let r = if rejected {
            let entry = self.frames.len();
            match self.handle_error(LpcError::rejection(value), entry) {
                Ok(()) => self.run_from_rust(),
                Err(e) => Err(e),
            }
        } else {
            self.stack.push(value);
            self.run_from_rust()
        };
        self.command_giver = saved;
        r.map(|_| ())
    }

    /// Whether deliveries are waiting.
    pub fn has_microtasks(&self) -> bool {
        self.async_rt.pending_deliveries() > 0
    }

    /// Runs the next queued delivery: resumes a parked frame, calls a
    /// then-handler, or settles an adopting promise or a combinator.
    /// `None` when the queue is empty. An error a handler raised has
    /// already rejected its chained promise; `Err` is for the driver to
    /// report (errors no catch may stop).
    pub fn run_next_microtask(&mut self) -> Option<VmResult<()>> {
        let Microtask { source, reaction } = self.async_rt.pop()?;
        let (status, value) = source.outcome();
        let rejected = status == PromiseStatus::Rejected;
        Some(match reaction {
            Reaction::Resume(coro) => self.resume(&coro, rejected, value),
            Reaction::Adopt(target) => {
                target.settle(rejected, value);
                Ok(())
            }
            Reaction::Combine(comb, i) => {
                comb.input_settled(i, rejected, value);
                Ok(())
            }
            Reaction::Then {
                on_fulfilled,
                on_rejected,
                next,
                giver,
            } => {
                let handler = if rejected { on_rejected } else { on_fulfilled };
                match handler {
                    None => {
                        if rejected {
                            next.reject(value);
                        } else {
                            next.resolve_with(value);
                        }
                        Ok(())
                    }
                    Some(h) => {
                        let saved = std::mem::replace(
                            &mut self.command_giver,
                            giver.filter(|g| !g.is_destructed()),
                        );
                        let r = self.call_value(&h, vec![value]);
                        self.command_giver = saved;
                        match r {
                            Ok(v) => {
                                next.resolve_with(v);
                                Ok(())
                            }
                            Err(e) => {
                                // Reported like an error a catch stopped.
                                next.reject(e.catch_value());
                                if e.is_catchable() {
                                    let host = self.host.clone();
                                    host.caught_error(self, &e);
                                    Ok(())
                                } else {
                                    Err(e)
                                }
                            }
                        }
                    }
                }
            }
        })
    }

    /// Abandons the frames parked inside a destructed object: their
    /// promises reject at once and they stop counting as suspended.
    pub(crate) fn abandon_coroutines_of(&mut self, ob: &ObjectRef) {
        if self.async_rt.suspended.get() == 0 {
            return;
        }
        let parked: Vec<Rc<Coroutine>> = self
            .async_rt
            .registry
            .borrow()
            .values()
            .filter_map(|w| w.upgrade())
            .collect();
        for coro in parked {
            let mine = coro
                .parked
                .borrow()
                .as_ref()
                .is_some_and(|p| &p.frame.obj == ob);
            if mine {
                if let Some(p) = coro.unpark() {
                    coro.result.reject(Value::from(reasons::DESTRUCTED));
                    drop(p);
                }
            }
        }
    }

    /// Every parked frame, oldest first (`async_info()`).
    pub fn coroutine_info(&self) -> Vec<CoroutineInfo> {
        let live: Vec<Rc<Coroutine>> = {
            let mut reg = self.async_rt.registry.borrow_mut();
            reg.retain(|_, w| w.strong_count() > 0);
            reg.values().filter_map(|w| w.upgrade()).collect()
        };
        let mut out = Vec::with_capacity(live.len());
        for coro in live {
            let parked = coro.parked.borrow();
            let Some(p) = parked.as_ref() else { continue };
            let def = &p.frame.def;
            let (file, line) = def
                .line_at(p.frame.pc.saturating_sub(1))
                .unwrap_or_else(|| (def.program_name.clone(), 0));
            let awaiting = coro.awaiting.upgrade();
            out.push(CoroutineInfo {
                id: coro.id,
                object: p.frame.obj.clone(),
                function: def.name.clone(),
                file,
                line,
                promise: coro.result.clone(),
                ready: awaiting
                    .as_ref()
                    .is_some_and(|a| a.status() != PromiseStatus::Pending),
                awaiting,
                acatch_depth: p.catches.len().saturating_sub(1),
            });
        }
        out
    }

    /// Rejects the result promises of async frames an uncatchable error is
    /// unwinding (their implicit catch cannot stop it).
    #[cold]
    pub(crate) fn reject_unwound_async_frames(&mut self, from: usize, err: &LpcError) {
        for f in &self.frames[from..] {
            if f.def.flags & fn_flags::ASYNC != 0 {
                if let Some(Value::Promise(p)) =
                    self.stack.get(f.base as usize + f.def.num_params as usize)
                {
                    p.reject(err.catch_value());
                }
            }
        }
    }
}
