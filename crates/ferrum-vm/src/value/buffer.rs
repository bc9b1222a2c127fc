//! LPC buffers: mutable byte arrays shared by reference.

use std::cell::{Ref, RefCell, RefMut};
use std::rc::Rc;

#[derive(Clone, Default)]
pub struct Buffer(Rc<RefCell<Vec<u8>>>);

impl Buffer {
    pub fn new(bytes: Vec<u8>) -> Self {
        Buffer(Rc::new(RefCell::new(bytes)))
    }
    pub fn len(&self) -> usize {
        self.0.borrow().len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.borrow().is_empty()
    }
    pub fn borrow(&self) -> Ref<'_, Vec<u8>> {
        self.0.borrow()
    }
    pub fn borrow_mut(&self) -> RefMut<'_, Vec<u8>> {
        self.0.borrow_mut()
    }
    pub fn to_vec(&self) -> Vec<u8> {
        self.0.borrow().clone()
    }
    pub fn ptr_eq(a: &Buffer, b: &Buffer) -> bool {
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
