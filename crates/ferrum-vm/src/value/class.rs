//! Class (struct) instances. Like arrays they are shared by reference.

use super::Value;
use crate::program::ClassDef;
use std::cell::RefCell;
use std::rc::Rc;

pub struct ClassInstance {
    pub def: Rc<ClassDef>,
    pub fields: RefCell<Vec<Value>>,
}

impl ClassInstance {
    pub fn new(def: Rc<ClassDef>, fields: Vec<Value>) -> Rc<ClassInstance> {
        Rc::new(ClassInstance { def, fields: RefCell::new(fields) })
    }
}
