//! FluffOS's mudlib_stats package: activity counted per author and per
//! domain. Each object gets an author and a domain when it is created,
//! from the master's `author_file(name)` and `domain_file(name)` (a
//! domain_file answer of 0 gives the creating object's domain); objects,
//! moves, heart beats, uncaught errors and `allocate()`d array slots are
//! then added to both. `set_author(name)` changes this_object()'s author.

use crate::runtime::master::master_apply;
use ferrum_vm::error::VmResult;
use ferrum_vm::{Mapping, ObjectRef, Value, Vm};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

#[derive(Default, Clone, Copy)]
struct Entry {
    moves: i64,
    errors: i64,
    heart_beats: i64,
    array_size: i64,
    objects: i64,
}

#[derive(Default, Clone)]
struct Group {
    author: Option<String>,
    domain: Option<String>,
}

#[derive(Default)]
pub struct MudlibStats {
    authors: BTreeMap<String, Entry>,
    domains: BTreeMap<String, Entry>,
    /// Each live object's author and domain, by object id.
    groups: FxHashMap<u64, Group>,
}

impl MudlibStats {
    fn add(&mut self, ob: &ObjectRef, f: impl Fn(&mut Entry)) {
        let Some(g) = self.groups.get(&ob.id()) else { return };
        if let Some(e) = g.author.as_ref().and_then(|a| self.authors.get_mut(a)) {
            f(e);
        }
        if let Some(e) = g.domain.as_ref().and_then(|d| self.domains.get_mut(d)) {
            f(e);
        }
    }
}

/// Whether the master defines `apply` (so a mud without these applies
/// pays nothing per object).
fn master_has(vm: &Vm, apply: &str) -> bool {
    vm.master
        .as_ref()
        .is_some_and(|m| !m.is_destructed() && m.program_ref().find_function(apply).is_some())
}

/// A new object's author and domain (the host calls this once the object
/// exists, before create(); this_object() is the one creating it).
pub fn object_created(vm: &mut Vm, ob: &ObjectRef) -> VmResult<()> {
    let has_author = master_has(vm, "author_file");
    let has_domain = master_has(vm, "domain_file");
    if !has_author && !has_domain {
        return Ok(());
    }
    let name = Value::Str(ob.name());
    let mut group = Group::default();
    if has_author {
        if let Some(Value::Str(a)) = master_apply(vm, "author_file", vec![name.clone()])? {
            group.author = Some(a.to_string());
        }
    }
    if has_domain {
        group.domain = match master_apply(vm, "domain_file", vec![name])? {
            Some(Value::Str(d)) => Some(d.to_string()),
            _ => {
                let creator = vm.this_object().map(|c| c.id());
                creator.and_then(|id| vm.ext::<MudlibStats>().groups.get(&id).and_then(|g| g.domain.clone()))
            }
        };
    }
    let stats = vm.ext::<MudlibStats>();
    if let Some(a) = &group.author {
        stats.authors.entry(a.clone()).or_default().objects += 1;
    }
    if let Some(d) = &group.domain {
        stats.domains.entry(d.clone()).or_default().objects += 1;
    }
    stats.groups.insert(ob.id(), group);
    Ok(())
}

/// A destructed object no longer counts.
pub fn object_destructed(vm: &mut Vm, ob: &ObjectRef) {
    let stats = vm.ext::<MudlibStats>();
    stats.add(ob, |e| e.objects -= 1);
    stats.groups.remove(&ob.id());
}

pub fn count_move(vm: &mut Vm, ob: &ObjectRef) {
    vm.ext::<MudlibStats>().add(ob, |e| e.moves += 1);
}

pub fn count_heart_beat(vm: &mut Vm, ob: &ObjectRef) {
    vm.ext::<MudlibStats>().add(ob, |e| e.heart_beats += 1);
}

pub fn count_error(vm: &mut Vm, ob: &ObjectRef) {
    vm.ext::<MudlibStats>().add(ob, |e| e.errors += 1);
}

pub fn count_array(vm: &mut Vm, size: usize) {
    if let Some(ob) = vm.this_object() {
        vm.ext::<MudlibStats>().add(&ob, |e| e.array_size += size as i64);
    }
}

/// `void set_author(string name)`: this_object()'s activity counts for
/// author `name` from now on.
pub fn set_author(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let name = crate::args::string(args, 0)?.to_string();
    let Some(ob) = vm.this_object() else { return Ok(Value::Int(0)) };
    let stats = vm.ext::<MudlibStats>();
    let group = stats.groups.entry(ob.id()).or_default();
    let old = group.author.replace(name.clone());
    if let Some(e) = old.and_then(|o| stats.authors.get_mut(&o)) {
        e.objects -= 1;
    }
    stats.authors.entry(name).or_default().objects += 1;
    Ok(Value::Int(0))
}

fn info(e: &Entry) -> Value {
    let m = Mapping::new();
    for (k, n) in [
        ("moves", e.moves),
        ("errors", e.errors),
        ("heart_beats", e.heart_beats),
        ("array_size", e.array_size),
        ("objects", e.objects),
    ] {
        m.insert(Value::from(k), Value::Int(n));
    }
    Value::Mapping(m)
}

fn report(list: &BTreeMap<String, Entry>, name: Option<&Value>) -> Value {
    match name {
        Some(Value::Str(n)) => list.get(n.as_str()).map(info).unwrap_or(Value::Int(0)),
        _ => {
            let m = Mapping::new();
            for (k, e) in list {
                m.insert(Value::from(k.as_str()), info(e));
            }
            Value::Mapping(m)
        }
    }
}

/// `mapping author_stats(string name)`: ([ "moves", "errors",
/// "heart_beats", "array_size", "objects" ]) for author `name` (0 when
/// unknown); without `name`, a mapping of every author to theirs.
pub fn author_stats(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    Ok(report(&vm.ext::<MudlibStats>().authors, args.first()))
}

/// `mapping domain_stats(string name)`: as author_stats(), for domains.
pub fn domain_stats(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    Ok(report(&vm.ext::<MudlibStats>().domains, args.first()))
}
