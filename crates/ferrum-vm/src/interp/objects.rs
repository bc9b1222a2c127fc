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
}

/// Turns "obj/foo.c", "/obj/foo", "//obj/./foo.c" into "/obj/foo".
/// Refuses paths that climb out with "..".
pub fn normalize_object_path(path: &str) -> VmResult<String> {
    let path = path.strip_suffix(".c").unwrap_or(path);
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(LpcError::new(format!("Illegal path: {}", path)));
                }
            }
            p => parts.push(p),
        }
    }
    if parts.is_empty() {
        return Err(LpcError::new("Illegal path: empty object name"));
    }
    Ok(format!("/{}", parts.join("/")))
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
        let compiled = {
            let host = self.host.clone();
            host.compile(self, &format!("{}.c", name))
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
        if blueprint.is_clone() {
            return Err(LpcError::new("Cannot clone a clone"));
        }
        let program = blueprint.program();
        let name = format!("{}#{}", blueprint.name(), self.next_object_id);
        let ob = self.new_object(LStr::from(name), program, true)?;
        self.call_create(&ob, args)?;
        Ok(ob)
    }

    /// Makes an object from a program under a name and runs its variable
    /// initialisers; `create()` is the caller's business.
    pub fn new_object(&mut self, name: LStr, program: Rc<Program>, clone: bool) -> VmResult<ObjectRef> {
        let id = self.next_object_id;
        self.next_object_id += 1;
        let ob = ObjectRef::new(id, name.clone(), program.clone());
        ob.set_flag(obj_flags::CLONE, clone);
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
        self.apply_with_prev(ob, "create", args, prev)?;
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

    /// Destructs an object: it leaves the table, its variables are freed and
    /// every remaining reference reads as 0.
    pub fn destruct(&mut self, ob: &ObjectRef) {
        if ob.is_destructed() {
            return;
        }
        let name = ob.name();
        if let Some(current) = self.objects.by_name.get(&name) {
            if ObjectRef::ptr_eq(current, ob) {
                self.objects.by_name.remove(&name);
            }
        }
        self.objects.all.shift_remove(&ob.id());
        ob.mark_destructed();
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
        st.private_data.clear();
    }
}
