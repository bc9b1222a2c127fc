//! `sprintf("%O")`: any value as LPC-like text (FluffOS
//! `svalue_to_string`), including its quirks: strings are not escaped,
//! nesting deeper than indent 20 prints `...`, mapping values are followed
//! by `,` even when last.

use ferrum_vm::error::VmResult;
use ferrum_vm::interp::Vm;
use ferrum_vm::value::{FunctionKind, FunctionPtr, Value};
use ferrum_vm::ObjectRef;

/// Supplies the master's `object_name()` text for an object, if any.
type ObjectNamer<'a> = dyn FnMut(&ObjectRef) -> VmResult<Option<String>> + 'a;

/// `sprintf("%O", v)` without consulting the master object.
pub fn describe(v: &Value) -> String {
    let mut out = String::new();
    let mut no_names = |_: &ObjectRef| -> VmResult<Option<String>> { Ok(None) };
    // Without a master callback nothing can fail.
    let _ = write_value(&mut out, v, 0, false, false, &mut no_names);
    out
}

/// `sprintf("%O", v)` as the driver prints it: objects are followed by
/// ` ("name")` when the master's `object_name(ob)` returns a string.
/// Errors in that apply are ignored, except running out of evaluation
/// cost (FluffOS uses a safe apply there).
pub fn describe_vm(vm: &mut Vm, v: &Value) -> VmResult<String> {
    let mut out = String::new();
    let mut namer = |ob: &ObjectRef| -> VmResult<Option<String>> {
        let master = match vm.master.clone() {
            Some(m) if !m.is_destructed() => m,
            _ => return Ok(None),
        };
        match vm.apply(&master, "object_name", vec![Value::Object(ob.clone())]) {
            Ok(Some(Value::Str(s))) => Ok(Some(s.to_string())),
            Ok(_) => Ok(None),
            Err(e) if !e.is_catchable() => Err(e),
            Err(_) => Ok(None),
        }
    };
    write_value(&mut out, v, 0, false, false, &mut namer)?;
    Ok(out)
}

fn spaces(out: &mut String, n: usize) {
    out.push_str(&" ".repeat(n));
}

/// The name part of a function pointer's `(: ... :)`.
fn function_label(f: &FunctionPtr) -> String {
    match &f.kind {
        FunctionKind::Local { slot, .. } => match f.owner.as_ref().filter(|o| !o.is_destructed()) {
            Some(owner) => owner
                .program_ref()
                .ftable
                .get(*slot as usize)
                .map(|s| s.name.to_string())
                .unwrap_or_default(),
            None => "0".to_string(),
        },
        FunctionKind::Efun { name, .. } => name.to_string(),
        FunctionKind::Simul { name } => name.to_string(),
        // FluffOS has no call_other pointer kind, so it prints no name.
        FunctionKind::CallOther { .. } => String::new(),
        FunctionKind::Anonymous { def, .. } => {
            let n = def.num_params as usize;
            let params: Vec<String> = (1..=n).map(|i| format!("${}", i)).collect();
            format!("<code>({})", params.join(", "))
        }
    }
}

fn write_value(
    out: &mut String,
    v: &Value,
    indent: usize,
    trailing: bool,
    no_leading_indent: bool,
    names: &mut ObjectNamer<'_>,
) -> VmResult<()> {
    if indent > 20 {
        out.push_str("...");
        return Ok(());
    }
    if !no_leading_indent {
        spaces(out, indent);
    }
    match v {
        Value::Undefined => out.push('0'),
        Value::Int(i) => out.push_str(&i.to_string()),
        Value::Float(f) => out.push_str(&super::cfmt::format_fixed(
            *f,
            super::cfmt::SignFlag::None,
            6,
        )),
        Value::Str(s) => {
            out.push('"');
            out.push_str(s);
            out.push('"');
        }
        Value::Ref(r) => {
            let inner = r.borrow().clone();
            out.push_str("ref: ");
            write_value(out, &inner, indent + 2, trailing, false, names)?;
            return Ok(());
        }
        Value::Class(c) => {
            let fields = c.fields.borrow().clone();
            let n = fields.len();
            out.push_str(&format!(
                "CLASS( {} {}\n",
                n,
                if n == 1 { "element" } else { "elements" }
            ));
            for (i, field) in fields.iter().enumerate() {
                write_value(out, field, indent + 2, i + 1 < n, false, names)?;
            }
            out.push('\n');
            spaces(out, indent);
            out.push_str(" )");
        }
        Value::Array(a) => {
            let items = a.to_vec();
            if items.is_empty() {
                out.push_str("({ })");
            } else {
                out.push_str(&format!("({{ /* sizeof() == {} */\n", items.len()));
                let n = items.len();
                for (i, item) in items.iter().enumerate() {
                    write_value(out, item, indent + 2, i + 1 < n, false, names)?;
                }
                out.push('\n');
                spaces(out, indent);
                out.push_str("})");
            }
        }
        Value::Buffer(b) => {
            let bytes = b.to_vec();
            out.push_str(&format!("BUFFER ( /* sizeof() == {} */\n", bytes.len()));
            // FluffOS always prints a last byte, reading one past an empty
            // buffer; that byte is 0 in practice.
            let (last, rest) = bytes.split_last().map_or((0u8, &[][..]), |(l, r)| (*l, r));
            for byte in rest {
                spaces(out, indent + 2);
                out.push_str(&format!("0x{:x},\n", byte));
            }
            spaces(out, indent + 2);
            out.push_str(&format!("0x{:x}", last));
            out.push('\n');
            spaces(out, indent);
            out.push(')');
        }
        Value::Promise(p) => {
            // PROMISE( pending ), PROMISE<int>( fulfilled: 42 )
            out.push_str("PROMISE");
            if let Some(tag) = p.tag() {
                out.push('<');
                out.push_str(tag);
                out.push('>');
            }
            let (status, value) = p.outcome();
            match status {
                ferrum_vm::PromiseStatus::Pending => out.push_str("( pending )"),
                settled => {
                    out.push_str(if settled == ferrum_vm::PromiseStatus::Fulfilled { "( fulfilled: " } else { "( rejected: " });
                    write_value(out, &value, indent, false, true, names)?;
                    out.push_str(" )");
                }
            }
        }
        Value::Function(f) => {
            out.push_str("(: ");
            out.push_str(&function_label(f));
            for arg in &f.bound_args {
                out.push_str(", ");
                write_value(out, arg, indent, false, false, names)?;
            }
            out.push_str(" :)");
        }
        Value::Mapping(m) => {
            let pairs = m.pairs();
            if pairs.is_empty() {
                out.push_str("([ ])");
            } else {
                out.push_str(&format!("([ /* sizeof() == {} */\n", pairs.len()));
                for (k, val) in &pairs {
                    write_value(out, k, indent + 2, false, false, names)?;
                    out.push_str(" : ");
                    write_value(out, val, indent + 4, true, true, names)?;
                }
                spaces(out, indent);
                out.push_str("])");
            }
        }
        Value::Object(o) => {
            if o.is_destructed() {
                out.push('0');
            } else {
                out.push_str(&o.name());
                if let Some(name) = names(o)? {
                    out.push_str(" (\"");
                    out.push_str(&name);
                    out.push_str("\")");
                }
            }
        }
    }
    if trailing {
        out.push_str(",\n");
    }
    Ok(())
}
