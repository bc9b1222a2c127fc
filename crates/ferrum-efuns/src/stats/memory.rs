//! Memory as LPC sees it: memory_summary, program_info (contrib), refs
//! (develop), reclaim_objects (core). Sizes are estimates of what the
//! values would take in FluffOS's layout; shared values are split among
//! the values that share them, as FluffOS's `memory_share` does.

use crate::args;
use crate::introspection::programs::{program_sizes, PROGRAM_SIZE_KEYS};
use crate::objects::object_arg;
use ferrum_vm::error::VmResult;
use ferrum_vm::program::Program;
use ferrum_vm::value::{Mapping, Value};
use ferrum_vm::{ObjectRef, Vm};
use rustc_hash::FxHashSet;
use std::rc::Rc;

/// Bytes of one value slot.
const SLOT: usize = 16;

/// The share of memory `v` accounts for beyond its slot. `seen` stops
/// cycles (a structure is counted once per walk).
pub fn value_share(v: &Value, seen: &mut FxHashSet<usize>) -> usize {
    if let Some(addr) = v.ref_addr() {
        if !seen.insert(addr) {
            return 0;
        }
    }
    // Borrowed, not copied: a copy would raise the counts it divides by.
    match v {
        Value::Str(s) => (24 + s.byte_len() + 1) / s.ref_count().max(1),
        Value::Buffer(b) => (24 + b.len()) / b.ref_count().max(1),
        Value::Array(a) => {
            let items = a.borrow();
            let inner: usize = items.iter().map(|x| value_share(x, seen)).sum();
            // Allocated slots, not just used ones: a drained array keeps
            // its capacity until reclaim_objects() trims it.
            (24 + SLOT * items.capacity() + inner) / a.ref_count().max(1)
        }
        Value::Class(c) => {
            let fields = c.fields.borrow();
            let inner: usize = fields.iter().map(|x| value_share(x, seen)).sum();
            (24 + SLOT * fields.len() + inner) / Rc::strong_count(c).max(1)
        }
        Value::Mapping(m) => {
            let table = m.borrow();
            let inner: usize = table
                .iter()
                .map(|(k, x)| value_share(k, seen) + value_share(x, seen))
                .sum();
            (48 + 2 * SLOT * table.len() + 8 * table.len() + inner) / m.ref_count().max(1)
        }
        Value::Function(f) => (48 + SLOT * f.bound_args.len()) / Rc::strong_count(f).max(1),
        _ => 0,
    }
}

/// The defining program of each of `program`'s variable slots, starting
/// at slot `base`: (slot, program).
fn variable_owners(program: &Rc<Program>, base: usize, out: &mut Vec<(usize, Rc<Program>)>) {
    for inh in &program.inherits {
        variable_owners(&inh.program, base + inh.vo as usize, out);
    }
    for slot in program.own_vars_start as usize..program.vars.len() {
        out.push((base + slot, program.clone()));
    }
}

/// `mapping memory_summary()`: for each program, its variables and the
/// memory their values take, summed over every object.
pub fn memory_summary(vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    let summary = Mapping::new();
    for ob in vm.all_objects() {
        let program = ob.program();
        let mut owners = Vec::new();
        variable_owners(&program, 0, &mut owners);
        let vars = ob.vars();
        for (slot, owner) in owners {
            let Some(value) = vars.get(slot) else {
                continue;
            };
            let key = Value::from(owner.name.trim_start_matches('/'));
            let per_program = match summary.get(&key) {
                Some(Value::Mapping(m)) => m,
                _ => {
                    let m = Mapping::new();
                    summary.insert(key, Value::Mapping(m.clone()));
                    m
                }
            };
            let name = Value::Str(program.vars[slot].name.clone());
            let size = value_share(value, &mut FxHashSet::default()) as i64;
            let before = per_program.get(&name).and_then(|v| v.as_int()).unwrap_or(0);
            per_program.insert(name, Value::Int(before + size));
        }
    }
    Ok(Value::Mapping(summary))
}

fn info_mapping(sizes: [i64; 7]) -> Value {
    let m = Mapping::new();
    for (k, v) in PROGRAM_SIZE_KEYS.iter().zip(sizes) {
        m.insert(Value::from(*k), Value::Int(v));
    }
    m.insert(Value::from("total size"), Value::Int(sizes.iter().sum()));
    Value::Mapping(m)
}

/// `mapping program_info(object ob)`: the sizes of `ob`'s program ("header
/// size", "code size", "function size", "var size", "class size",
/// "inherit size", "saved type size", "total size"); without `ob`, of
/// every loaded program together.
pub fn program_info(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    if !args.is_empty() && !args[0].is_undefined() {
        let ob = object_arg(args, 0, "program_info")?;
        return Ok(info_mapping(program_sizes(&ob.program())));
    }
    let mut seen = FxHashSet::default();
    let mut sums = [0i64; 7];
    for ob in vm.all_objects() {
        let program = ob.program();
        if !seen.insert(Rc::as_ptr(&program) as usize) {
            continue;
        }
        for (sum, v) in sums.iter_mut().zip(program_sizes(&program)) {
            *sum += v;
        }
    }
    Ok(info_mapping(sums))
}

/// `int refs(mixed v)`: how many other references `v` has (FluffOS's
/// reference count less the argument's own).
pub fn refs(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let count = match args::opt(args, 0) {
        Value::Str(s) => s.ref_count(),
        Value::Array(a) => a.ref_count(),
        Value::Mapping(m) => m.ref_count(),
        Value::Buffer(b) => b.ref_count(),
        Value::Class(c) => Rc::strong_count(c),
        Value::Function(f) => Rc::strong_count(f),
        // The object table holds two (by name and in creation order), one
        // of which stands for FluffOS's own reference; frames are not
        // references in FluffOS.
        Value::Object(o) if !o.is_destructed() => {
            Rc::strong_count(o.inner()).saturating_sub(1 + vm.frame_refs(o))
        }
        _ => 1,
    };
    Ok(Value::from(count as i64 - 1))
}

/// Replaces destructed objects inside `v` by 0; how many it replaced.
fn clear_dead(v: &mut Value, seen: &mut FxHashSet<usize>) -> i64 {
    match v {
        Value::Object(o) if o.is_destructed() => {
            *v = Value::Int(0);
            1
        }
        Value::Array(a) if seen.insert(a.addr()) => {
            let mut items = a.borrow_mut();
            // Hand back capacity that pops and shifts left behind.
            items.shrink_to_fit();
            items.iter_mut().map(|x| clear_dead(x, seen)).sum()
        }
        Value::Class(c) if seen.insert(Rc::as_ptr(c) as usize) => c
            .fields
            .borrow_mut()
            .iter_mut()
            .map(|x| clear_dead(x, seen))
            .sum(),
        Value::Mapping(m) if seen.insert(m.addr()) => {
            let mut n = 0;
            for (key, mut value) in m.pairs() {
                let dead_key = matches!(&key, Value::Object(o) if o.is_destructed());
                if dead_key {
                    m.remove(&key);
                    n += 1;
                    continue;
                }
                let cleared = clear_dead(&mut value, seen);
                if cleared > 0 {
                    m.insert(key, value);
                    n += cleared;
                }
            }
            n
        }
        _ => 0,
    }
}

/// `int reclaim_objects()`: drops the references that variables still
/// hold to destructed objects (they read as 0 already), so that their
/// memory is freed; returns how many it dropped.
pub fn reclaim_objects(vm: &mut Vm, _args: &mut [Value]) -> VmResult<Value> {
    let mut seen = FxHashSet::default();
    let mut dropped = 0;
    let objects: Vec<ObjectRef> = vm.all_objects();
    for ob in objects {
        let mut vars = ob.vars().clone();
        let n: i64 = vars.iter_mut().map(|v| clear_dead(v, &mut seen)).sum();
        if n > 0 {
            *ob.vars_mut() = vars;
            dropped += n;
        }
    }
    Ok(Value::Int(dropped))
}
