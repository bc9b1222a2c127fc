//! Classes as values: classes, num_classes, fetch_class_member,
//! store_class_member, assemble_class, disassemble_class (FluffOS contrib).

use crate::args;
use crate::objects::object_arg;
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::program::ClassDef;
use ferrum_vm::value::{ClassInstance, LStr, Value};
use ferrum_vm::{Type, Vm};
use std::rc::Rc;

/// The name FluffOS gives a type in introspection results ("int *",
/// "class point"); an undeclared type reads as "mixed".
pub fn type_name(ty: &Type) -> String {
    match ty {
        Type::Unknown => "mixed".to_string(),
        Type::Array(inner) => format!("{} *", type_name(inner)),
        other => other.to_string(),
    }
}

/// `mixed *classes(object ob, int verbose = 0)`: the names of the classes
/// `ob`'s program knows; verbose, one `({ name, ({ member, type }), ... })`
/// per class.
pub fn classes(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = object_arg(args, 0, "classes")?;
    let verbose = args::int_or(args, 1, 0) != 0;
    let program = ob.program();
    let list = program
        .classes
        .iter()
        .map(|class| {
            let name = Value::from(class.name.as_str());
            if !verbose {
                return name;
            }
            let mut entry = vec![name];
            entry.extend(class.fields.iter().map(|(member, ty)| {
                Value::array(vec![Value::Str(member.clone()), Value::from(type_name(ty))])
            }));
            Value::array(entry)
        })
        .collect();
    Ok(Value::array(list))
}

/// `int num_classes(object ob)`.
pub fn num_classes(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let ob = object_arg(args, 0, "num_classes")?;
    let count = ob.program().classes.len();
    Ok(Value::from(count))
}

fn class_arg(args: &[Value], efun: &str) -> VmResult<Rc<ClassInstance>> {
    match args::opt(args, 0) {
        Value::Class(c) => Ok(c.clone()),
        _ => Err(LpcError::new(format!(
            "Argument to {}() not a class.",
            efun
        ))),
    }
}

fn member_index(instance: &ClassInstance, args: &[Value]) -> VmResult<usize> {
    let index = args::int(args, 1)?;
    let size = instance.fields.borrow().len();
    if index < 0 || index as usize >= size {
        return Err(LpcError::new("Class index out of bounds."));
    }
    Ok(index as usize)
}

/// `mixed fetch_class_member(mixed instance, int index)`.
pub fn fetch_class_member(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let instance = class_arg(args, "fetch_class_member")?;
    let index = member_index(&instance, args)?;
    let value = instance.fields.borrow()[index].clone();
    Ok(value)
}

/// `mixed store_class_member(mixed instance, int index, mixed value)`:
/// stores the member and returns the instance.
pub fn store_class_member(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let instance = class_arg(args, "store_class_member")?;
    let index = member_index(&instance, args)?;
    instance.fields.borrow_mut()[index] = args::take(args, 2);
    Ok(Value::Class(instance))
}

/// `mixed assemble_class(mixed *members)`: a class instance holding a
/// copy of the members (its member names are unknown, as in FluffOS).
pub fn assemble_class(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let members = args::array(args, 0)?.to_vec();
    let def = Rc::new(ClassDef {
        name: String::new(),
        fields: members
            .iter()
            .map(|_| (LStr::empty(), Type::Mixed))
            .collect(),
    });
    Ok(Value::Class(ClassInstance::new(def, members)))
}

/// `mixed *disassemble_class(mixed instance)`: its members, in order.
pub fn disassemble_class(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let instance = class_arg(args, "disassemble_class")?;
    let members = instance.fields.borrow().clone();
    Ok(Value::array(members))
}
