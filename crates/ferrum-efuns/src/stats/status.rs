//! Driver status reports in FluffOS's layout: mud_status (core) and
//! debug_info (develop).

use crate::args;
use crate::interactive::Users;
use crate::objects::object_arg;
use crate::runtime::callouts::CallOuts;
use crate::runtime::periodic::Periodic;
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::object::obj_flags;
use ferrum_vm::value::Value;
use ferrum_vm::{ObjectRef, Vm};
use rustc_hash::FxHashSet;
use std::fmt::Write;
use std::rc::Rc;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// Counts and sizes of what the running objects hold.
#[derive(Default)]
struct Tally {
    arrays: (usize, usize),
    classes: (usize, usize),
    mappings: (usize, usize),
    mapping_nodes: usize,
    strings: (usize, usize),
}

impl Tally {
    fn walk(&mut self, v: &Value, seen: &mut FxHashSet<usize>) {
        if let Some(addr) = v.ref_addr() {
            if !seen.insert(addr) {
                return;
            }
        }
        match v {
            Value::Str(s) => {
                self.strings.0 += 1;
                self.strings.1 += s.byte_len() + 1;
            }
            Value::Array(a) => {
                let items = a.to_vec();
                self.arrays.0 += 1;
                self.arrays.1 += 24 + 16 * items.len();
                items.iter().for_each(|x| self.walk(x, seen));
            }
            Value::Class(c) => {
                let fields = c.fields.borrow().clone();
                self.classes.0 += 1;
                self.classes.1 += 24 + 16 * fields.len();
                fields.iter().for_each(|x| self.walk(x, seen));
            }
            Value::Mapping(m) => {
                let pairs = m.pairs();
                self.mappings.0 += 1;
                self.mappings.1 += 48 + 40 * pairs.len();
                self.mapping_nodes += pairs.len();
                for (k, x) in &pairs {
                    self.walk(k, seen);
                    self.walk(x, seen);
                }
            }
            _ => {}
        }
    }
}

/// `string mud_status(int verbose = 0)`: FluffOS's memory table (counts and
/// estimated bytes); verbose adds the working directory and per-system
/// details.
pub fn mud_status(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let verbose = args::int_or(args, 0, 0) != 0;
    let objects = vm.all_objects();
    let mut tally = Tally::default();
    let mut seen = FxHashSet::default();
    let mut programs = FxHashSet::default();
    let (mut object_bytes, mut program_bytes) = (0usize, 0usize);
    for ob in &objects {
        object_bytes += 160 + 16 * ob.vars().len();
        let program = ob.program();
        if programs.insert(Rc::as_ptr(&program) as usize) {
            program_bytes += crate::introspection::programs::program_sizes(&program)
                .iter()
                .sum::<i64>() as usize;
        }
        for v in ob.vars().iter() {
            tally.walk(v, &mut seen);
        }
    }
    let users = vm.ext::<Users>().objects().len();
    let call_outs = vm.ext::<CallOuts>().len();
    let heart_beats = objects.iter().filter(|o| o.state().heart_beat).count();
    let mut out = String::new();
    if verbose {
        let cwd = std::env::current_dir()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let _ = writeln!(out, "current working directory: {}\n", cwd);
        let _ = writeln!(
            out,
            "Objects: {} loaded, {} programs",
            objects.len(),
            programs.len()
        );
        let _ = writeln!(out, "Interactives: {}", users);
        let _ = writeln!(out, "Heart beats: {}", heart_beats);
        let _ = writeln!(out, "Call outs: {}\n", call_outs);
    }
    let rows = [
        ("Sentences:\t\t\t", 0, 0),
        ("Objects:\t\t\t", objects.len(), object_bytes),
        ("Prog blocks:\t\t\t", programs.len(), program_bytes),
        ("Arrays:\t\t\t\t", tally.arrays.0, tally.arrays.1),
        ("Classes:\t\t\t", tally.classes.0, tally.classes.1),
        ("Mappings:\t\t\t", tally.mappings.0, tally.mappings.1),
    ];
    let mut total = 0;
    for (label, count, bytes) in rows {
        let _ = writeln!(out, "{}{:8} {:8}", label, count, bytes);
        total += bytes;
    }
    let _ = writeln!(out, "Mappings(nodes):\t\t{:8}", tally.mapping_nodes);
    let interactive_bytes = users * 1024;
    let _ = writeln!(
        out,
        "Interactives:\t\t\t{:8} {:8}",
        users, interactive_bytes
    );
    let _ = writeln!(
        out,
        "Strings:\t\t\t{:8} {:8}",
        tally.strings.0, tally.strings.1
    );
    let _ = writeln!(out, "call out:\t\t\t{:8} {:8}", call_outs, call_outs * 64);
    let _ = writeln!(
        out,
        "heart beat:\t\t\t{:8} {:8}",
        heart_beats,
        heart_beats * 16
    );
    total += interactive_bytes + tally.strings.1 + call_outs * 64 + heart_beats * 16;
    let _ = writeln!(out, "\t\t\t\t\t --------");
    let _ = writeln!(out, "Total:\t\t\t\t\t {:8}", total);
    Ok(Value::from(out))
}

fn flag(on: bool) -> &'static str {
    if on {
        "TRUE"
    } else {
        "FALSE"
    }
}

/// An Instant as seconds since the epoch.
fn epoch_seconds(at: Instant) -> i64 {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs() as i64;
    let ahead = at.saturating_duration_since(Instant::now()).as_secs() as i64;
    now + ahead
}

/// debug_info(0, ob): the object's flags and bookkeeping.
fn object_report(vm: &mut Vm, ob: &ObjectRef) -> String {
    let (heart_beat, living, interactive, last_used) = {
        let st = ob.state();
        (
            st.heart_beat,
            st.is_living,
            st.interactive.is_some(),
            st.last_used,
        )
    };
    let periodic = vm.ext::<Periodic>();
    let next_reset = periodic.next_reset(ob).map(epoch_seconds).unwrap_or(0);
    let will_clean_up = periodic.next_clean_up(ob).is_some();
    let will_reset = periodic.next_reset(ob).is_some();
    let mut out = String::new();
    let rows = [
        ("O_HEART_BEAT      ", heart_beat),
        ("O_IS_WIZARD       ", false),
        ("O_ENABLE_COMMANDS ", living),
        ("O_CLONE           ", ob.is_clone()),
        ("O_VIRTUAL         ", ob.has_flag(obj_flags::VIRTUAL)),
        ("O_DESTRUCTED      ", ob.is_destructed()),
        (
            "O_ONCE_INTERACTIVE",
            ob.has_flag(obj_flags::ONCE_INTERACTIVE) || interactive,
        ),
        ("O_RESET_STATE     ", false),
        ("O_WILL_CLEAN_UP   ", will_clean_up),
        ("O_WILL_RESET      ", will_reset),
    ];
    for (name, on) in rows {
        let _ = writeln!(out, "{}: {}", name, flag(on));
    }
    let refs = Rc::strong_count(ob.inner()).saturating_sub(1 + vm.frame_refs(ob));
    let _ = writeln!(out, "total light : 0");
    let _ = writeln!(out, "next_reset  : {}", next_reset);
    let _ = writeln!(out, "time_of_ref : {}", last_used);
    let _ = writeln!(out, "ref         : {}", refs);
    let _ = writeln!(out, "name        : '{}'", ob.name());
    // FluffOS's object list starts with the newest object; next_all is the
    // one made before.
    let newest_first: Vec<ObjectRef> = vm.all_objects().into_iter().rev().collect();
    let at = newest_first.iter().position(|o| o == ob);
    let next = at.and_then(|i| newest_first.get(i + 1));
    let _ = writeln!(
        out,
        "next_all    : OBJ({})",
        next.map(|o| o.name().to_string())
            .unwrap_or_else(|| "/NULL".into())
    );
    match at {
        Some(0) => out.push_str("This object is the head of the object list.\n"),
        Some(i) => {
            let _ = writeln!(
                out,
                "Previous object in object list: OBJ({})",
                newest_first[i - 1].name()
            );
            let _ = writeln!(out, "position in object list:{}", i);
        }
        None => {}
    }
    out
}

/// debug_info(1, ob): the object's program.
fn program_report(vm: &mut Vm, ob: &ObjectRef) -> String {
    let program = ob.program();
    let users = vm
        .all_objects()
        .iter()
        .filter(|o| Rc::ptr_eq(&o.program(), &program))
        .count();
    let sizes = crate::introspection::programs::program_sizes(&program);
    let functions = program.ftable.len();
    let own_functions = program
        .ftable
        .iter()
        .filter(|f| f.flags & ferrum_vm::program::fn_flags::INHERITED == 0)
        .count();
    let own_vars = program.vars.len() - program.own_vars_start as usize;
    let strings: usize = program
        .ftable
        .iter()
        .filter_map(|f| f.def.as_ref())
        .map(|d| d.consts.len())
        .sum();
    let mut out = String::new();
    let _ = writeln!(out, "program ref's {}", users);
    let _ = writeln!(out, "Name {}", program.name);
    let _ = writeln!(out, "program size {}", sizes[1]);
    let _ = writeln!(
        out,
        "function flags table {} ({}) ",
        functions,
        functions * 2
    );
    let _ = writeln!(
        out,
        "compiler function table {} ({}) ",
        own_functions,
        own_functions * 24
    );
    let _ = writeln!(out, "num strings {}", strings);
    let _ = writeln!(out, "num vars {} ({})", own_vars, own_vars * 10);
    let _ = writeln!(
        out,
        "num inherits {} ({})",
        program.inherits.len(),
        program.inherits.len() * 24
    );
    let _ = writeln!(out, "total size {}", sizes.iter().sum::<i64>());
    out
}

/// debug_info(2, ob): every variable and its value (`%O`).
fn variables_report(vm: &mut Vm, ob: &ObjectRef) -> VmResult<String> {
    let program = ob.program();
    let values = ob.vars().clone();
    let mut out = String::new();
    for (var, value) in program.vars.iter().zip(values) {
        let text = crate::strings::describe_vm(vm, &value.live())?;
        let _ = writeln!(out, "{}: {}", var.name, text);
    }
    Ok(out)
}

/// `mixed debug_info(int what, object ob)`: 0 the object's flags and
/// bookkeeping, 1 its program, 2 its variables, as FluffOS lays them out.
pub fn debug_info(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let what = args::int(args, 0)?;
    let ob = object_arg(args, 1, "debug_info")?;
    let text = match what {
        0 => object_report(vm, &ob),
        1 => program_report(vm, &ob),
        2 => variables_report(vm, &ob)?,
        _ => return Err(LpcError::new("Bad argument 1 to debug_info()")),
    };
    Ok(Value::from(text))
}
