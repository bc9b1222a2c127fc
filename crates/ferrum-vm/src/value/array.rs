//! LPC arrays: shared by reference, so `a = b; a[0] = 1;` changes both.

use super::Value;
use std::cell::{Ref, RefCell, RefMut};
use std::rc::Rc;

#[derive(Clone, Default)]
pub struct Array(Rc<RefCell<Vec<Value>>>);

impl Array {
    pub fn new(items: Vec<Value>) -> Self {
        Array(Rc::new(RefCell::new(items)))
    }

    pub fn empty() -> Self {
        Array::new(Vec::new())
    }

    pub fn len(&self) -> usize {
        self.0.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.borrow().is_empty()
    }

    pub fn get(&self, i: usize) -> Option<Value> {
        self.0.borrow().get(i).cloned()
    }

    pub fn borrow(&self) -> Ref<'_, Vec<Value>> {
        self.0.borrow()
    }

    pub fn borrow_mut(&self) -> RefMut<'_, Vec<Value>> {
        self.0.borrow_mut()
    }

    /// A shallow copy of the elements.
    pub fn to_vec(&self) -> Vec<Value> {
        self.0.borrow().clone()
    }

    pub fn ptr_eq(a: &Array, b: &Array) -> bool {
        Rc::ptr_eq(&a.0, &b.0)
    }

    /// How many values share this one (for `refs()`).
    pub fn ref_count(&self) -> usize {
        Rc::strong_count(&self.0)
    }

    pub fn addr(&self) -> usize {
        Rc::as_ptr(&self.0) as *const u8 as usize
    }

    /// True when no other value shares this array.
    pub fn is_unique(&self) -> bool {
        Rc::strong_count(&self.0) == 1
    }
}

impl From<Vec<Value>> for Array {
    fn from(v: Vec<Value>) -> Self {
        Array::new(v)
    }
}
