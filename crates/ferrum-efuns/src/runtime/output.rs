//! How values read in messages (write(), tell_object(), ...). The message
//! efuns themselves are in `interactive/`.

use ferrum_vm::Value;

/// How `write()` shows a non-string: numbers as text, other values as
/// FluffOS prints them in messages.
pub fn message_text(v: &Value) -> String {
    match v {
        Value::Str(s) => s.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Undefined => "0".to_string(),
        Value::Float(f) => ferrum_vm::interp::ops::float_to_string(*f),
        Value::Object(o) if !o.is_destructed() => format!("OBJ({})", o.name()),
        Value::Array(_) => "<ARRAY>".to_string(),
        Value::Mapping(_) => "<MAPPING>".to_string(),
        Value::Function(_) => "<FUNCTION>".to_string(),
        Value::Buffer(_) => "<BUFFER>".to_string(),
        Value::Class(_) => "<CLASS>".to_string(),
        _ => "0".to_string(),
    }
}
