//! Efun tables: how packages describe their efuns and how the compiler and
//! the interpreter find them.
//!
//! A package is a slice of `EfunSpec`s. Each spec pairs a FluffOS-style
//! signature ("string implode(string *, string | function, void | mixed)")
//! with the Rust function implementing it. The signature gives the compiler
//! the argument counts and return type, and gives the interpreter the
//! argument types it checks before the efun runs, so efuns only validate
//! what a signature cannot say.

use crate::error::VmResult;
use crate::interp::Vm;
use crate::types::{Type, TypeMask};
use crate::value::Value;
use rustc_hash::FxHashMap;

/// An efun receives its arguments by value (it may take them apart).
pub type EfunFn = fn(&mut Vm, &mut [Value]) -> VmResult<Value>;

pub struct EfunSpec {
    pub signature: &'static str,
    pub func: EfunFn,
}

/// Declares one efun: `efun!("int strlen(string)", strlen)`.
#[macro_export]
macro_rules! efun {
    ($sig:expr, $f:expr) => {
        $crate::efun::EfunSpec { signature: $sig, func: $f }
    };
}

pub const UNLIMITED: u8 = u8::MAX;

pub struct EfunDef {
    pub name: &'static str,
    /// The signature as declared ("string implode(string *, ...)").
    pub signature: &'static str,
    pub package: &'static str,
    pub func: EfunFn,
    pub min_args: u8,
    /// `UNLIMITED` for `...`
    pub max_args: u8,
    pub arg_types: Vec<TypeMask>,
    /// Type of arguments matched by `...`.
    pub rest_type: TypeMask,
    pub ret: Type,
    /// True when every argument accepts anything (no check needed).
    pub unchecked: bool,
    /// The first parameter is declared `ref` (`mixed * ref`): an lvalue
    /// argument reaches the efun as its reference cell, which the efun
    /// may rebind (FluffOS's push_array and friends).
    pub ref_first: bool,
}

impl EfunDef {
    pub fn accepts(&self, nargs: usize) -> bool {
        nargs >= self.min_args as usize && (self.max_args == UNLIMITED || nargs <= self.max_args as usize)
    }

    pub fn arg_mask(&self, i: usize) -> TypeMask {
        self.arg_types.get(i).copied().unwrap_or(self.rest_type)
    }
}

#[derive(Default)]
pub struct EfunTable {
    defs: Vec<EfunDef>,
    by_name: FxHashMap<&'static str, u16>,
    packages: Vec<&'static str>,
}

impl EfunTable {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a package's efuns. A later definition of a name replaces an
    /// earlier one (so a package can refine another's efun).
    pub fn register(&mut self, package: &'static str, specs: &[EfunSpec]) {
        if !self.packages.contains(&package) {
            self.packages.push(package);
        }
        for spec in specs {
            let def = parse_signature(spec.signature, package, spec.func)
                .unwrap_or_else(|e| panic!("bad efun signature {:?}: {}", spec.signature, e));
            match self.by_name.get(def.name) {
                Some(&i) => self.defs[i as usize] = def,
                None => {
                    self.by_name.insert(def.name, self.defs.len() as u16);
                    self.defs.push(def);
                }
            }
        }
    }

    pub fn lookup(&self, name: &str) -> Option<(u16, &EfunDef)> {
        let i = *self.by_name.get(name)?;
        Some((i, &self.defs[i as usize]))
    }

    #[inline]
    pub fn get(&self, index: u16) -> &EfunDef {
        &self.defs[index as usize]
    }

    pub fn len(&self) -> usize {
        self.defs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.defs.is_empty()
    }

    pub fn packages(&self) -> &[&'static str] {
        &self.packages
    }

    pub fn iter(&self) -> impl Iterator<Item = &EfunDef> {
        self.defs.iter()
    }
}

fn parse_type_word(word: &str) -> Result<(Type, TypeMask), String> {
    let (base, stars) = {
        let t = word.trim();
        let stars = t.chars().rev().take_while(|c| *c == '*' || c.is_whitespace()).filter(|c| *c == '*').count();
        (t.trim_end_matches(|c: char| c == '*' || c.is_whitespace()), stars)
    };
    let (mut ty, mut mask) = match base {
        "int" => (Type::Int, TypeMask::INT),
        "float" => (Type::Float, TypeMask::FLOAT),
        "string" => (Type::String, TypeMask::STRING),
        "object" => (Type::Object, TypeMask::OBJECT),
        "mapping" => (Type::Mapping, TypeMask::MAPPING),
        "function" => (Type::Function, TypeMask::FUNCTION),
        "buffer" => (Type::Buffer, TypeMask::BUFFER),
        "promise" => (Type::Promise, TypeMask::PROMISE),
        "mixed" => (Type::Mixed, TypeMask::ANY),
        "class" => (Type::Mixed, TypeMask::CLASS),
        "void" => (Type::Void, TypeMask::VOID),
        other => return Err(format!("unknown type {:?}", other)),
    };
    for _ in 0..stars {
        ty = Type::array_of(ty);
        mask = TypeMask::ARRAY;
    }
    Ok((ty, mask))
}

/// Parses "ret name(arg, arg | arg, void | arg, ...)".
fn parse_signature(sig: &'static str, package: &'static str, func: EfunFn) -> Result<EfunDef, String> {
    let open = sig.find('(').ok_or("missing (")?;
    let close = sig.rfind(')').ok_or("missing )")?;
    let head = sig[..open].trim();
    let name_start = head.rfind(|c: char| c.is_whitespace() || c == '*').map(|i| i + 1).ok_or("missing name")?;
    let name: &'static str = &sig[name_start..open].trim_end();
    let name = name.trim();
    let ret_text = head[..name_start].trim();
    let ret_text = ret_text.strip_prefix("varargs").unwrap_or(ret_text).trim();
    let (ret, _) = parse_type_word(ret_text)?;
    let params = sig[open + 1..close].trim();
    let mut arg_types = Vec::new();
    let mut min_args = 0u8;
    let mut max_args = 0u8;
    let mut rest_type = TypeMask::default();
    let mut ref_first = false;
    if !params.is_empty() {
        for (i, p) in params.split(',').enumerate() {
            let mut p = p.trim();
            if i == 0 {
                if let Some(stripped) = p.strip_suffix(" ref") {
                    ref_first = true;
                    p = stripped.trim();
                }
            }
            if p == "..." {
                // `...` alone: any number of further arguments of any type.
                rest_type = TypeMask::ANY;
                max_args = UNLIMITED;
                continue;
            }
            let (p, repeats) = match p.strip_suffix("...") {
                Some(stripped) => (stripped.trim(), true),
                None => (p, false),
            };
            let mut mask = TypeMask::default();
            let mut optional = false;
            for alt in p.split('|') {
                let (_, m) = parse_type_word(alt)?;
                if m == TypeMask::VOID {
                    optional = true;
                } else {
                    mask = mask.union(m);
                }
            }
            if repeats {
                rest_type = mask;
                max_args = UNLIMITED;
            } else {
                arg_types.push(mask);
                if max_args != UNLIMITED {
                    max_args += 1;
                }
                if !optional {
                    min_args = (i + 1) as u8;
                }
            }
        }
    }
    let unchecked = arg_types.iter().all(|m| *m == TypeMask::ANY) && (rest_type == TypeMask::ANY || rest_type == TypeMask::default());
    Ok(EfunDef { name, signature: sig, package, func, min_args, max_args, arg_types, rest_type, ret, unchecked, ref_first })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dummy(_: &mut Vm, _: &mut [Value]) -> VmResult<Value> {
        Ok(Value::Int(0))
    }

    #[test]
    fn parses_signatures() {
        let d = parse_signature("string implode(string *, string | function, void | mixed)", "core", dummy).unwrap();
        assert_eq!(d.name, "implode");
        assert_eq!(d.min_args, 2);
        assert_eq!(d.max_args, 3);
        assert_eq!(d.arg_types[0], TypeMask::ARRAY);
        assert_eq!(d.ret, Type::String);
        let d = parse_signature("varargs mixed *sprintf2(string, mixed ...)", "core", dummy).unwrap();
        assert_eq!(d.name, "sprintf2");
        assert_eq!(d.max_args, UNLIMITED);
        assert_eq!(d.min_args, 1);
        assert!(d.ret.is_array());
        let d = parse_signature("int time()", "core", dummy).unwrap();
        assert_eq!((d.min_args, d.max_args), (0, 0));
        assert!(!d.ref_first);
        // A `ref` first parameter keeps its type and marks the efun.
        let d = parse_signature("int push_array(mixed * ref, mixed)", "core", dummy).unwrap();
        assert!(d.ref_first);
        assert_eq!(d.arg_types[0], TypeMask::ARRAY);
        assert_eq!((d.min_args, d.max_args), (2, 2));
    }
}
