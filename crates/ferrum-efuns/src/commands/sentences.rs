//! The actions each command giver holds (FluffOS's "sentences"): what
//! `add_action()` adds, what the parser tries, newest first.
//!
//! An action whose defining object is destructed is dead: FluffOS removes
//! those when the object goes, and every reader here skips and drops them,
//! so destructs the efun hook does not see (inventories, shadows) are
//! covered too.

use super::parser::V_FUNCTION;
use ferrum_vm::value::{FunctionPtr, LStr};
use ferrum_vm::{ObjectRef, Vm};
use rustc_hash::FxHashMap;
use std::rc::Rc;

/// What runs when an action matches.
#[derive(Clone)]
pub enum ActionFn {
    /// A function of the defining object, by name.
    Name(LStr),
    Pointer(Rc<FunctionPtr>),
}

pub struct Sentence {
    /// Identity, for "is this still the newest action" checks.
    pub id: u64,
    pub verb: LStr,
    pub function: ActionFn,
    /// The object that added the action (under its shadows, if any).
    pub owner: ObjectRef,
    /// `V_SHORT` / `V_NOSPACE` bits.
    pub flags: i64,
}

impl Sentence {
    /// The flags `commands()` shows: a function pointer adds `V_FUNCTION`.
    pub fn reported_flags(&self) -> i64 {
        match self.function {
            ActionFn::Pointer(_) => self.flags | V_FUNCTION,
            ActionFn::Name(_) => self.flags,
        }
    }

    fn is_dead(&self) -> bool {
        self.owner.is_destructed()
    }
}

/// How often `add` looks for command givers that were destructed.
const SWEEP_EVERY: u32 = 1024;

/// Every command giver's actions, newest first.
#[derive(Default)]
pub struct Sentences {
    by_giver: FxHashMap<u64, (ObjectRef, Vec<Rc<Sentence>>)>,
    next_id: u64,
    adds_since_sweep: u32,
}

impl Sentences {
    /// Gives `giver` a new action, tried before the ones it has.
    pub fn add(
        &mut self,
        giver: &ObjectRef,
        verb: LStr,
        function: ActionFn,
        owner: ObjectRef,
        flags: i64,
    ) {
        self.adds_since_sweep += 1;
        if self.adds_since_sweep >= SWEEP_EVERY {
            self.adds_since_sweep = 0;
            self.by_giver.retain(|_, (g, _)| !g.is_destructed());
        }
        self.next_id += 1;
        let sentence = Rc::new(Sentence {
            id: self.next_id,
            verb,
            function,
            owner,
            flags,
        });
        let entry = self
            .by_giver
            .entry(giver.id())
            .or_insert_with(|| (giver.clone(), Vec::new()));
        entry.1.insert(0, sentence);
    }

    /// The live actions of `giver`, newest first.
    pub fn of(&mut self, giver: &ObjectRef) -> Vec<Rc<Sentence>> {
        match self.list_mut(giver) {
            Some(list) => list.clone(),
            None => Vec::new(),
        }
    }

    /// The id of the newest live action of `giver`.
    pub fn newest_id(&mut self, giver: &ObjectRef) -> Option<u64> {
        self.list_mut(giver).and_then(|l| l.first().map(|s| s.id))
    }

    fn list_mut(&mut self, giver: &ObjectRef) -> Option<&mut Vec<Rc<Sentence>>> {
        if giver.is_destructed() {
            self.by_giver.remove(&giver.id());
            return None;
        }
        let (_, list) = self.by_giver.get_mut(&giver.id())?;
        list.retain(|s| !s.is_dead());
        Some(list)
    }

    /// `remove_action(fun, verb)`: drops the newest action of `giver` that
    /// `owner` added for `verb` with the function named `fun`.
    pub fn remove_named(
        &mut self,
        giver: &ObjectRef,
        owner: &ObjectRef,
        fun: &ActionFn,
        verb: &str,
    ) -> bool {
        let Some(list) = self.list_mut(giver) else {
            return false;
        };
        // A name matches by name, a function pointer only itself.
        let found = list.iter().position(|s| {
            s.owner == *owner
                && s.verb.as_str() == verb
                && match (&s.function, fun) {
                    (ActionFn::Name(a), ActionFn::Name(b)) => a == b,
                    (ActionFn::Pointer(a), ActionFn::Pointer(b)) => Rc::ptr_eq(a, b),
                    _ => false,
                }
        });
        match found {
            Some(i) => {
                list.remove(i);
                true
            }
            None => false,
        }
    }

    /// Drops every action `owner` gave `giver`; true when there was one
    /// (also when `owner` was just destructed: the caller wants to know).
    pub fn remove_from(&mut self, owner: &ObjectRef, giver: &ObjectRef) -> bool {
        if giver.is_destructed() {
            return false;
        }
        let Some((_, list)) = self.by_giver.get_mut(&giver.id()) else {
            return false;
        };
        let before = list.len();
        list.retain(|s| s.owner != *owner);
        list.len() != before
    }

    /// Takes `giver`'s whole list, dead or alive (it was destructed).
    pub fn take_list(&mut self, giver: &ObjectRef) -> Vec<Rc<Sentence>> {
        self.by_giver
            .remove(&giver.id())
            .map(|(_, list)| list)
            .unwrap_or_default()
    }
}

/// The action list store of a VM.
pub fn sentences(vm: &mut Vm) -> &mut Sentences {
    vm.ext::<Sentences>()
}
