//! The object table: loading, cloning, finding and destructing objects.

use super::Vm;
use crate::error::{LpcError, VmResult};
use crate::object::{obj_flags, ObjectRef};
use crate::program::Program;
use crate::value::{LStr, Value};
use indexmap::IndexMap;
use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};
use std::rc::Rc;

#[derive(Default)]
pub(crate) struct ObjectTable {
    /// Live objects by name ("/path" or "/path#N").
    by_name: FxHashMap<LStr, ObjectRef>,
    /// Live objects in creation order, by id.
    all: IndexMap<u64, ObjectRef, FxBuildHasher>,
    /// Paths being loaded right now (to catch recursive loads).
    loading: FxHashSet<String>,
    /// `replace_program()` requests: (object, inherited program, offset of
    /// its variables), carried out when the outermost call returns.
    replace_pending: Vec<(ObjectRef, Rc<Program>, u32)>,
    /// While an object's `move_or_destruct()` runs, the only object that
    /// may be destructed.
    restrict_destruct: Option<ObjectRef>,
}

/// Source file extensions, in the order an extension-less name tries them.
pub const SOURCE_EXTENSIONS: &[&str] = &[".lpc", ".c"];

/// Splits a source extension off a path: ("/a/b", Some(".c")).
pub fn split_extension(path: &str) -> (&str, Option<&'static str>) {
    for ext in SOURCE_EXTENSIONS {
        if let Some(base) = path.strip_suffix(ext) {
            return (base, Some(ext));
        }
    }
    (path, None)
}

/// Turns "obj/foo.c", "/obj/foo", "//obj/./foo.lpc" into "/obj/foo": object
/// names never carry a source extension. Refuses paths that climb out
/// with "..".
pub fn normalize_object_path(path: &str) -> VmResult<String> {
    let (path, _) = split_extension(path);
    match crate::paths::normalize_path(path) {
        Some(p) if p != "/" => Ok(p),
        Some(_) => Err(LpcError::new("Illegal path: empty object name")),
        None => Err(LpcError::new(format!("Illegal path: {}", path))),
    }
}

impl Vm {
    pub fn find_object(&self, name: &str) -> Option<ObjectRef> {
        let name = normalize_object_path(name).ok()?;
        self.objects.by_name.get(&LStr::from(name)).cloned()
    }

    /// Every live object, oldest first.
    pub fn all_objects(&self) -> Vec<ObjectRef> {
        self.objects.all.values().cloned().collect()
    }

    pub fn object_count(&self) -> usize {
        self.objects.all.len()
    }

    /// Loads (compiles and creates) an object unless it is loaded already.
    pub fn load_object(&mut self, path: &str) -> VmResult<ObjectRef> {
        let name = normalize_object_path(path)?;
        if let Some(ob) = self.objects.by_name.get(&LStr::from(name.as_str())) {
            return Ok(ob.clone());
        }
        if name.contains('#') {
            return Err(LpcError::new(format!("Can't load a clone: {}", name)));
        }
        if !self.objects.loading.insert(name.clone()) {
            return Err(LpcError::new(format!("Recursive load of {}", name)));
        }
        // An explicit extension is exact; without one the host tries each.
        let requested = match split_extension(path.trim_end()) {
            (_, Some(ext)) => format!("{}{}", name, ext),
            (_, None) => name.clone(),
        };
        let compiled = {
            let host = self.host.clone();
            host.compile(self, &requested)
        };
        self.objects.loading.remove(&name);
        let program = match compiled {
            Ok(p) => p,
            Err(e) => {
                let host = self.host.clone();
                if let Some(ob) = host.missing_object(self, &name)? {
                    return Ok(ob);
                }
                return Err(e);
            }
        };
        // Compiling may have loaded it (an inherit cycle through create()).
        if let Some(ob) = self.objects.by_name.get(&LStr::from(name.as_str())) {
            return Ok(ob.clone());
        }
        let ob = self.new_object(LStr::from(name), program, false)?;
        self.call_create(&ob, Vec::new())?;
        Ok(ob)
    }

    /// Clones a blueprint: `clone_object(path, args...)`.
    pub fn clone_object(&mut self, path: &str, args: Vec<Value>) -> VmResult<ObjectRef> {
        let blueprint = self.load_object(path)?;
        // A virtual object's clones come from the master again (FluffOS
        // load_virtual_object), named like clones, hearing virtual_start().
        if blueprint.has_flag(obj_flags::VIRTUAL) {
            let host = self.host.clone();
            if let Some(ob) = host.compile_virtual(self, &blueprint.name(), args.clone())? {
                let name = format!("{}#{}", blueprint.name(), ob.id());
                self.rename_object(&ob, &name)?;
                ob.set_flag(obj_flags::CLONE, true);
                ob.set_flag(obj_flags::VIRTUAL, true);
                self.apply(&ob, "virtual_start", Vec::new())?;
                return Ok(ob);
            }
        }
        if blueprint.is_clone() {
            return Err(LpcError::new("Cannot clone a clone"));
        }
        let program = blueprint.program();
        let name = format!("{}#{}", blueprint.name(), self.next_object_id);
        let ob = self.new_object(LStr::from(name), program, true)?;
        // Clones of a virtual object are virtual too, and hear
        // virtual_start() as the virtual blueprint did.
        let virtual_ob = blueprint.has_flag(obj_flags::VIRTUAL);
        ob.set_flag(obj_flags::VIRTUAL, virtual_ob);
        self.call_create(&ob, args)?;
        if virtual_ob && !ob.is_destructed() {
            self.apply(&ob, "virtual_start", Vec::new())?;
        }
        Ok(ob)
    }

    /// Makes an object from a program under a name and runs its variable
    /// initialisers; `create()` is the caller's business.
    pub fn new_object(&mut self, name: LStr, program: Rc<Program>, clone: bool) -> VmResult<ObjectRef> {
        let id = self.next_object_id;
        self.next_object_id += 1;
        let ob = ObjectRef::new(id, name.clone(), program.clone());
        ob.set_flag(obj_flags::CLONE, clone);
        ob.state_mut().load_time =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
        self.objects.by_name.insert(name, ob.clone());
        self.objects.all.insert(id, ob.clone());
        let host = self.host.clone();
        host.object_created(self, &ob)?;
        self.run_initializers(&ob, &program, 0, 0)?;
        Ok(ob)
    }

    fn run_initializers(&mut self, ob: &ObjectRef, program: &Rc<Program>, fo: u32, vo: u32) -> VmResult<()> {
        for inh in &program.inherits {
            self.run_initializers(ob, &inh.program, fo + inh.fo, vo + inh.vo)?;
        }
        if let Some(init) = &program.init {
            self.call_def(ob, init.clone(), fo, vo, Vec::new(), None)?;
        }
        Ok(())
    }

    /// Calls `create()` with arguments, once.
    pub fn call_create(&mut self, ob: &ObjectRef, args: Vec<Value>) -> VmResult<()> {
        if ob.has_flag(obj_flags::HAS_CREATED) {
            return Ok(());
        }
        ob.set_flag(obj_flags::HAS_CREATED, true);
        let prev = self.this_object();
        // As FluffOS: whatever create() does to this_player() (e.g.
        // enable_commands() in an NPC) does not leak to the caller.
        let giver = self.command_giver.clone();
        let r = self.apply_with_prev(ob, "create", args, prev);
        self.command_giver = giver;
        r?;
        Ok(())
    }

    /// Renames an object (used by virtual objects and `set_object_name`).
    pub fn rename_object(&mut self, ob: &ObjectRef, new_name: &str) -> VmResult<()> {
        let name = LStr::from(normalize_object_path(new_name)?);
        if self.objects.by_name.contains_key(&name) {
            return Err(LpcError::new(format!("An object named {} already exists", name)));
        }
        self.objects.by_name.remove(&ob.name());
        ob.set_name(name.clone());
        self.objects.by_name.insert(name, ob.clone());
        Ok(())
    }

    /// Destructs an object, ignoring a failure (see `destruct_object`).
    pub fn destruct(&mut self, ob: &ObjectRef) {
        let _ = self.destruct_object(ob);
    }

    /// Destructs an object as FluffOS does: a shadowed object takes its
    /// shadows with it, a shadow leaves its chain, the inventory is offered
    /// `move_or_destruct(environment)` (what stays is destructed), the
    /// object leaves its environment and the table, its variables are freed
    /// and every remaining reference reads as 0. Errors from
    /// `move_or_destruct()` abort the destruct.
    pub fn destruct_object(&mut self, ob: &ObjectRef) -> VmResult<()> {
        if let Some(only) = &self.objects.restrict_destruct {
            if only != ob {
                return Err(LpcError::new("Only this_object() can be destructed from move_or_destruct."));
            }
        }
        if ob.is_destructed() {
            return Ok(());
        }
        let (shadowed_by, shadowing) = {
            let st = ob.state();
            (st.shadowed_by.clone(), st.shadowing.clone())
        };
        if let (Some(first), None) = (&shadowed_by, &shadowing) {
            // The shadowed object goes with all its shadows, outermost first.
            let mut top = first.clone();
            loop {
                let next = top.state().shadowed_by.clone();
                match next {
                    Some(n) => top = n,
                    None => break,
                }
            }
            let mut cur = Some(top);
            while let Some(o) = cur {
                let below = o.state_mut().shadowing.take();
                if let Some(b) = &below {
                    b.state_mut().shadowed_by = None;
                }
                self.destruct_object(&o)?;
                cur = below;
            }
            return Ok(());
        }
        if let Some(s) = &shadowing {
            s.state_mut().shadowed_by = shadowed_by.clone();
        }
        if let Some(s) = &shadowed_by {
            s.state_mut().shadowing = shadowing.clone();
        }
        {
            let mut st = ob.state_mut();
            st.shadowed_by = None;
            st.shadowing = None;
        }
        // The object's own farewell, only when it asked for one with
        // set_notify_destruct(1); it is destructed even if this fails, and
        // the failure is reported afterwards.
        let farewell = if ob.has_flag(crate::object::obj_flags::NOTIFY_DESTRUCT) {
            self.apply(ob, "on_destruct", vec![])
        } else {
            Ok(None)
        };
        if ob.is_destructed() {
            return farewell.map(|_| ());
        }
        let env = ob.state().environment.clone();
        loop {
            let first = ob.state().inventory.first().cloned();
            let Some(item) = first else { break };
            let dest = env.clone().map(Value::Object).unwrap_or(Value::Int(0));
            let saved = self.objects.restrict_destruct.replace(item.clone());
            let moved = self.apply(&item, "move_or_destruct", vec![dest]);
            self.objects.restrict_destruct = saved;
            moved?;
            if ob.is_destructed() {
                return Ok(());
            }
            if ob.state().inventory.first() == Some(&item) {
                self.destruct_object(&item)?;
            }
        }
        if let Some(e) = &env {
            e.state_mut().inventory.retain(|o| o != ob);
        }
        let name = ob.name();
        if let Some(current) = self.objects.by_name.get(&name) {
            if ObjectRef::ptr_eq(current, ob) {
                self.objects.by_name.remove(&name);
            }
        }
        self.objects.all.shift_remove(&ob.id());
        self.objects.replace_pending.retain(|(o, _, _)| o != ob);
        ob.mark_destructed();
        self.abandon_coroutines_of(ob);
        let host = self.host.clone();
        host.object_destructed(self, ob);
        // Release what the object holds so reference cycles through it die.
        let vars = std::mem::take(&mut *ob.vars_mut());
        drop(vars);
        let mut st = ob.state_mut();
        st.inventory.clear();
        st.environment = None;
        st.shadowed_by = None;
        st.shadowing = None;
        st.living_name = None;
        st.is_living = false;
        st.heart_beat = false;
        st.private_data.clear();
        farewell.map(|_| ())
    }

    /// Re-runs an object's variable initialisers and `create()` on fresh
    /// variables (`reload_object`).
    pub fn reinitialize_object(&mut self, ob: &ObjectRef) -> VmResult<()> {
        let program = ob.program();
        *ob.vars_mut() = program.var_defaults();
        ob.set_flag(obj_flags::HAS_CREATED, false);
        self.run_initializers(ob, &program, 0, 0)?;
        if ob.is_destructed() {
            return Ok(());
        }
        self.call_create(ob, Vec::new())
    }

    /// Asks for `ob` to run `program` (one it inherits, whose variables
    /// start at `var_offset`) once the current execution is over. A second
    /// request for the same object replaces the first.
    pub fn schedule_replace_program(&mut self, ob: &ObjectRef, program: Rc<Program>, var_offset: u32) {
        let pending = &mut self.objects.replace_pending;
        match pending.iter_mut().find(|(o, _, _)| o == ob) {
            Some(entry) => *entry = (ob.clone(), program, var_offset),
            None => pending.push((ob.clone(), program, var_offset)),
        }
    }

    pub fn replace_program_pending(&self, ob: &ObjectRef) -> bool {
        self.objects.replace_pending.iter().any(|(o, _, _)| o == ob)
    }

    /// Carries out the pending `replace_program()`s: each object keeps the
    /// inherited program's variables and stops shadowing.
    pub(crate) fn run_pending_replacements(&mut self) {
        if self.objects.replace_pending.is_empty() {
            return;
        }
        for (ob, program, offset) in std::mem::take(&mut self.objects.replace_pending) {
            if ob.is_destructed() {
                continue;
            }
            {
                let mut vars = ob.vars_mut();
                let start = (offset as usize).min(vars.len());
                let end = (start + program.vars.len()).min(vars.len());
                let mut kept: Vec<Value> = vars.drain(start..end).collect();
                kept.resize(program.vars.len(), Value::Undefined);
                *vars = kept;
            }
            ob.state_mut().replaced_program = Some(program.name.clone());
            ob.set_program(program);
            let (shadowing, shadowed_by) = {
                let st = ob.state();
                (st.shadowing.clone(), st.shadowed_by.clone())
            };
            if let Some(below) = shadowing {
                below.state_mut().shadowed_by = shadowed_by.clone();
                if let Some(above) = &shadowed_by {
                    above.state_mut().shadowing = Some(below.clone());
                }
                let mut st = ob.state_mut();
                st.shadowing = None;
                st.shadowed_by = None;
            }
        }
    }
}

impl Vm {
    /// `recompile_object(ob)`: compiles `ob`'s program again from its
    /// source and swaps it into `ob` and every clone sharing it, in
    /// place. Variables carry over by name (the new initialisers run
    /// first); create() does not run again. Returns how many objects
    /// changed. Refused for a clone, while any frame runs the program or
    /// an object using it, and while a replace_program() is pending.
    pub fn recompile_object(&mut self, ob: &ObjectRef) -> VmResult<i64> {
        if ob.is_destructed() {
            return Err(LpcError::new("recompile_object: the object is destructed"));
        }
        if ob.is_clone() {
            return Err(LpcError::new(
                "recompile_object: pass the master copy, not a clone (its clones are updated with it)",
            ));
        }
        let old = ob.program();
        let targets: Vec<ObjectRef> = self
            .objects
            .all
            .values()
            .filter(|o| !o.is_destructed() && Rc::ptr_eq(&o.program(), &old))
            .cloned()
            .collect();
        if targets.iter().any(|t| self.replace_program_pending(t)) {
            return Err(LpcError::new("recompile_object: a replace_program() is pending"));
        }
        // Live frames hold code positions and variable indexes of the old
        // layout.
        let busy = self.frames.iter().any(|f| {
            Rc::ptr_eq(&f.prog, &old)
                || f.def.program_name == old.name
                || targets.contains(&f.obj)
        });
        if busy {
            return Err(LpcError::new(
                "recompile_object: the target program is executing (code that is currently executing cannot be swapped; an object cannot recompile itself)",
            ));
        }
        let new = {
            let host = self.host.clone();
            host.compile(self, old.name.as_str())?
        };
        for t in &targets {
            if t.is_destructed() {
                continue;
            }
            let old_vars: Vec<Value> = std::mem::take(&mut *t.vars_mut());
            // Names may repeat across inherits: the n-th variable of a name
            // takes the n-th old value of that name.
            let mut by_name: FxHashMap<LStr, std::collections::VecDeque<Value>> = FxHashMap::default();
            for (info, v) in old.vars.iter().zip(old_vars) {
                by_name.entry(info.name.clone()).or_default().push_back(v);
            }
            t.set_program(new.clone());
            *t.vars_mut() = new.var_defaults();
            t.set_flag(obj_flags::RECOMPILED, true);
            t.bump_generation();
            self.run_initializers(t, &new, 0, 0)?;
            let mut vars = t.vars_mut();
            for (i, info) in new.vars.iter().enumerate() {
                if let Some(v) = by_name.get_mut(&info.name).and_then(|q| q.pop_front()) {
                    vars[i] = v;
                }
            }
        }
        Ok(targets.len() as i64)
    }
}

/// Whether a functional or anonymous function belongs to `prog` (any of
/// its functions, inherited ones included, or their initialisers).
pub(crate) fn program_defines_anon(prog: &Program, def: &Rc<crate::program::FunctionDef>) -> bool {
    fn within(f: &crate::program::FunctionDef, def: &Rc<crate::program::FunctionDef>) -> bool {
        f.anons.iter().any(|a| Rc::ptr_eq(a, def) || within(a, def))
    }
    prog.ftable.iter().filter_map(|s| s.def.as_deref()).any(|f| within(f, def))
        || prog.init.as_deref().is_some_and(|f| within(f, def))
        || prog.inherits.iter().any(|inh| program_defines_anon(&inh.program, def))
}
