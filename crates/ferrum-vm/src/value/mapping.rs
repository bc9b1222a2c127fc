//! LPC mappings: hash maps from any value to any value, shared by reference.
//!
//! Keys compare by content for numbers and strings and by identity for
//! everything else (see `Value`'s `Hash`/`Eq`). Insertion order is kept, so
//! `keys()` and `values()` are stable and line up with each other.

use super::Value;
use indexmap::IndexMap;
use rustc_hash::FxBuildHasher;
use std::cell::{Ref, RefCell, RefMut};
use std::rc::Rc;

pub type MapTable = IndexMap<Value, Value, FxBuildHasher>;

#[derive(Clone, Default)]
pub struct Mapping(Rc<RefCell<MapTable>>);

impl Mapping {
    pub fn new() -> Self {
        Mapping::from_table(MapTable::default())
    }

    pub fn with_capacity(n: usize) -> Self {
        Mapping::from_table(MapTable::with_capacity_and_hasher(n, FxBuildHasher))
    }

    pub fn from_table(t: MapTable) -> Self {
        Mapping(Rc::new(RefCell::new(t)))
    }

    pub fn from_pairs(pairs: impl IntoIterator<Item = (Value, Value)>) -> Self {
        let mut t = MapTable::default();
        for (k, v) in pairs {
            t.insert(k, v);
        }
        Mapping::from_table(t)
    }

    pub fn len(&self) -> usize {
        self.0.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.borrow().is_empty()
    }

    pub fn get(&self, key: &Value) -> Option<Value> {
        self.0.borrow().get(key).cloned()
    }

    pub fn get_str(&self, key: &str) -> Option<Value> {
        self.get(&Value::from(key))
    }

    pub fn insert(&self, key: Value, value: Value) {
        self.0.borrow_mut().insert(key, value);
    }

    pub fn remove(&self, key: &Value) -> Option<Value> {
        self.0.borrow_mut().swap_remove(key)
    }

    pub fn contains_key(&self, key: &Value) -> bool {
        self.0.borrow().contains_key(key)
    }

    pub fn keys(&self) -> Vec<Value> {
        self.0.borrow().keys().cloned().collect()
    }

    pub fn values(&self) -> Vec<Value> {
        self.0.borrow().values().cloned().collect()
    }

    pub fn pairs(&self) -> Vec<(Value, Value)> {
        self.0.borrow().iter().map(|(k, v)| (k.clone(), v.clone())).collect()
    }

    pub fn borrow(&self) -> Ref<'_, MapTable> {
        self.0.borrow()
    }

    pub fn borrow_mut(&self) -> RefMut<'_, MapTable> {
        self.0.borrow_mut()
    }

    /// A new mapping with the same pairs.
    pub fn copy(&self) -> Mapping {
        Mapping::from_table(self.0.borrow().clone())
    }

    pub fn ptr_eq(a: &Mapping, b: &Mapping) -> bool {
        Rc::ptr_eq(&a.0, &b.0)
    }

    /// How many values share this one (for `refs()`).
    pub fn ref_count(&self) -> usize {
        Rc::strong_count(&self.0)
    }

    pub fn addr(&self) -> usize {
        Rc::as_ptr(&self.0) as *const u8 as usize
    }
}
