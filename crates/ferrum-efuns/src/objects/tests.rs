//! Unit tests for what the LPC tests (tests/lpc/objects) cannot reach yet:
//! living objects (set by enable_commands), masters that refuse, errors
//! that the destruct efun does not pass on, and every origin.

use super::inventory::move_object_to;
use super::uids::give_uid_to_object;
use crate::arrays::testutil::{object_running, run, vm};
use ferrum_vm::program::{fn_flags, FunctionDef, FunctionSlot, Op, Program, VarInfo};
use ferrum_vm::value::{FunctionKind, FunctionPtr, LStr};
use ferrum_vm::{ObjectRef, Type, Value, Vm};
use rustc_hash::FxHashMap;
use std::rc::Rc;

/// One function of a hand-assembled program.
struct Func {
    name: &'static str,
    params: u16,
    code: Vec<Op>,
    consts: Vec<Value>,
}

fn func(name: &'static str, params: u16, code: Vec<Op>, consts: Vec<Value>) -> Func {
    Func {
        name,
        params,
        code,
        consts,
    }
}

/// An object with `nvars` variables (each starting as an empty array, a
/// log for `record_this_player`) and the given public functions.
fn object(vm: &mut Vm, name: &str, nvars: usize, fns: Vec<Func>) -> ObjectRef {
    let mut ftable = Vec::new();
    let mut fnames = FxHashMap::default();
    for (i, f) in fns.into_iter().enumerate() {
        fnames.insert(LStr::from(f.name), i as u32);
        let def = FunctionDef {
            name: LStr::from(f.name),
            program_name: LStr::from(format!("{}.c", name)),
            code: f.code,
            consts: f.consts,
            switches: Vec::new(),
            lines: Vec::new(),
            files: Rc::new(Vec::new()),
            num_params: f.params,
            num_locals: f.params,
            flags: 0,
            return_type: Type::Mixed,
            param_types: vec![Type::Mixed; f.params as usize],
            ref_params: vec![false; f.params as usize],
            default_entry: Vec::new(),
            call_caches: Vec::new(),
            supers: Vec::new(),
            classes: Vec::new(),
            anons: Vec::new(),
        };
        ftable.push(FunctionSlot {
            name: LStr::from(f.name),
            flags: fn_flags::PUBLIC,
            def: Some(Rc::new(def)),
            fo: 0,
            vo: 0,
        });
    }
    let vars = (0..nvars)
        .map(|i| VarInfo {
            name: LStr::from(format!("v{}", i)),
            ty: Type::Mixed,
            flags: 0,
        })
        .collect();
    let program = Rc::new(Program { ftable, fnames, vars, ..Program::named(format!("{}.c", name)) });
    let ob = vm
        .new_object(LStr::from(name), program, false)
        .expect("object");
    for v in ob.vars_mut().iter_mut() {
        *v = Value::array(Vec::new());
    }
    ob
}

fn efun_index(vm: &Vm, name: &str) -> u16 {
    vm.efuns.lookup(name).expect("efun").0
}

/// `init()` that appends this_player() to variable 0.
fn record_init(vm: &Vm) -> Func {
    let tp = efun_index(vm, "this_player");
    func(
        "init",
        0,
        vec![
            Op::Global(0),
            Op::CallEfun(tp, 0),
            Op::MakeArray(1),
            Op::Add,
            Op::SetGlobal(0),
            Op::ReturnZero,
        ],
        vec![],
    )
}

/// A function returning a constant.
fn returning(name: &'static str, params: u16, v: Value) -> Func {
    func(name, params, vec![Op::Const(0), Op::Return], vec![v])
}

/// A function that calls efun `efun` on a constant and returns 0.
fn calling_on(vm: &Vm, name: &'static str, params: u16, efun: &str, arg: Value) -> Func {
    let i = efun_index(vm, efun);
    func(
        name,
        params,
        vec![Op::Const(0), Op::CallEfun(i, 1), Op::Pop, Op::ReturnZero],
        vec![arg],
    )
}

fn log(ob: &ObjectRef) -> Vec<ObjectRef> {
    let v = ob.vars()[0].clone();
    v.as_array()
        .expect("log")
        .to_vec()
        .into_iter()
        .map(|x| x.as_object().expect("object").clone())
        .collect()
}

fn living(ob: &ObjectRef) {
    ob.state_mut().is_living = true;
}

#[test]
fn moves_call_init_for_living_objects() {
    let mut vm = vm();
    let room = {
        let f = record_init(&vm);
        object(&mut vm, "/room", 1, vec![f])
    };
    let sword = {
        let f = record_init(&vm);
        object(&mut vm, "/sword", 1, vec![f])
    };
    let npc = {
        let f = record_init(&vm);
        object(&mut vm, "/npc", 1, vec![f])
    };
    let player = {
        let f = record_init(&vm);
        object(&mut vm, "/player", 1, vec![f])
    };
    living(&npc);
    living(&player);

    // Nothing living: no init() at all.
    move_object_to(&mut vm, &sword, &room).unwrap();
    assert!(log(&room).is_empty() && log(&sword).is_empty());

    // A living arrival: the room, then each object there, with the arrival
    // as this_player().
    move_object_to(&mut vm, &npc, &room).unwrap();
    assert_eq!(log(&room), vec![npc.clone()]);
    assert_eq!(log(&sword), vec![npc.clone()]);
    assert!(log(&npc).is_empty());

    // Two living objects meet: each runs the other's init().
    move_object_to(&mut vm, &player, &room).unwrap();
    assert_eq!(log(&room), vec![npc.clone(), player.clone()]);
    assert_eq!(log(&npc), vec![player.clone()]);
    assert_eq!(log(&player), vec![npc.clone()]);
    assert_eq!(log(&sword), vec![npc.clone(), player.clone()]);

    // Into a living container: the item's init() with the container as
    // this_player().
    move_object_to(&mut vm, &sword, &player).unwrap();
    assert_eq!(
        log(&sword),
        vec![npc.clone(), player.clone(), player.clone()]
    );
    assert!(
        vm.command_giver.is_none(),
        "this_player() is restored after init()"
    );
}

#[test]
fn init_stops_when_the_item_is_gone() {
    let mut vm = vm();
    let item = object(&mut vm, "/item", 1, vec![]);
    living(&item);
    let room = {
        let f = calling_on(&vm, "init", 0, "destruct", Value::Object(item.clone()));
        object(&mut vm, "/room", 1, vec![f])
    };
    let other = {
        let f = record_init(&vm);
        object(&mut vm, "/other", 1, vec![f])
    };
    move_object_to(&mut vm, &other, &room).unwrap();
    move_object_to(&mut vm, &item, &room).unwrap();
    assert!(item.is_destructed());
    assert!(log(&other).is_empty());
    assert_eq!(room.state().inventory, vec![other.clone()]);
}

#[test]
fn move_refuses_cycles() {
    let mut vm = vm();
    let a = object(&mut vm, "/a", 0, vec![]);
    let b = object(&mut vm, "/b", 0, vec![]);
    move_object_to(&mut vm, &b, &a).unwrap();
    let e = move_object_to(&mut vm, &a, &b).unwrap_err();
    assert_eq!(e.message(), "Can't move object inside itself.");
    assert!(move_object_to(&mut vm, &a, &a).is_err());
}

#[test]
fn move_or_destruct_may_only_destruct_itself() {
    let mut vm = vm();
    let bystander = object(&mut vm, "/bystander", 0, vec![]);
    let box_ = object(&mut vm, "/box", 0, vec![]);
    // move_or_destruct() tries destruct(bystander), which is refused. While
    // the destruct efun swallows errors (it calls Vm::destruct) the box's
    // destruct goes on; once it passes them on, destructing the box fails.
    let bad = {
        let f = calling_on(
            &vm,
            "move_or_destruct",
            1,
            "destruct",
            Value::Object(bystander.clone()),
        );
        object(&mut vm, "/bad", 0, vec![f])
    };
    move_object_to(&mut vm, &bad, &box_).unwrap();
    match vm.destruct_object(&box_) {
        Err(e) => {
            assert_eq!(
                e.message(),
                "Only this_object() can be destructed from move_or_destruct."
            );
            assert!(!box_.is_destructed());
        }
        Ok(()) => assert!(box_.is_destructed() && bad.is_destructed()),
    }
    assert!(!bystander.is_destructed());
    // The restriction ends with the apply.
    vm.destruct_object(&bystander).unwrap();
    assert!(bystander.is_destructed());
}

#[test]
fn destruct_offers_the_environment_to_the_contents() {
    let mut vm = vm();
    let outer = object(&mut vm, "/outer", 0, vec![]);
    let box_ = object(&mut vm, "/box", 0, vec![]);
    // move_or_destruct(dest) stores dest in variable 0.
    let keeper = object(
        &mut vm,
        "/keeper",
        1,
        vec![func(
            "move_or_destruct",
            1,
            vec![Op::Local(0), Op::SetGlobal(0), Op::ReturnZero],
            vec![],
        )],
    );
    move_object_to(&mut vm, &box_, &outer).unwrap();
    move_object_to(&mut vm, &keeper, &box_).unwrap();
    vm.destruct_object(&box_).unwrap();
    assert!(box_.is_destructed());
    // It did not move, so it went with the box.
    assert!(keeper.is_destructed());
    assert!(outer.state().inventory.is_empty());
}

#[test]
fn living_names_find_living_objects_most_recent_first() {
    let mut vm = vm();
    let name = |vm: &mut Vm, who: &str| {
        let ob = object_running(vm, who, "set_living_name", 1, vec![]);
        run(vm, &ob, vec![Value::from("bob")]).unwrap();
        ob
    };
    let a = name(&mut vm, "/a");
    let b = name(&mut vm, "/b");
    living(&a);
    assert_eq!(
        vm.call_efun_by_name("find_living", vec![Value::from("bob")])
            .unwrap()
            .as_object(),
        Some(&a)
    );
    let c = name(&mut vm, "/c");
    living(&c);
    assert_eq!(
        vm.call_efun_by_name("find_living", vec![Value::from("bob")])
            .unwrap()
            .as_object(),
        Some(&c)
    );
    let all = vm.call_efun_by_name("livings", vec![]).unwrap();
    let all: Vec<Value> = all.as_array().unwrap().to_vec();
    assert_eq!(all.len(), 2);
    assert!(!all.iter().any(|v| v.as_object() == Some(&b)));
    vm.destruct_object(&c).unwrap();
    assert_eq!(
        vm.call_efun_by_name("find_living", vec![Value::from("bob")])
            .unwrap()
            .as_object(),
        Some(&a)
    );
}

fn install_master(vm: &mut Vm, fns: Vec<Func>) -> ObjectRef {
    let m = object(vm, "/master", 0, fns);
    vm.master = Some(m.clone());
    m
}

#[test]
fn seteuid_asks_the_master() {
    let mut vm = vm();
    let me = object_running(&mut vm, "/me", "seteuid", 1, vec![]);
    // Without a master anything goes.
    assert_eq!(
        run(&mut vm, &me, vec![Value::from("x")]).unwrap(),
        Value::Int(1)
    );
    assert_eq!(me.state().euid.as_deref(), Some("x"));
    // A master without valid_seteuid() refuses.
    install_master(&mut vm, vec![]);
    assert_eq!(
        run(&mut vm, &me, vec![Value::from("y")]).unwrap(),
        Value::Int(0)
    );
    install_master(&mut vm, vec![returning("valid_seteuid", 2, Value::Int(0))]);
    assert_eq!(
        run(&mut vm, &me, vec![Value::from("y")]).unwrap(),
        Value::Int(0)
    );
    install_master(&mut vm, vec![returning("valid_seteuid", 2, Value::Int(1))]);
    assert_eq!(
        run(&mut vm, &me, vec![Value::from("y")]).unwrap(),
        Value::Int(1)
    );
    assert_eq!(me.state().euid.as_deref(), Some("y"));
    // 0 needs no permission.
    install_master(&mut vm, vec![]);
    assert_eq!(
        run(&mut vm, &me, vec![Value::Int(0)]).unwrap(),
        Value::Int(1)
    );
    assert_eq!(me.state().euid, None);
}

#[test]
fn shadow_asks_the_master() {
    let mut vm = vm();
    let victim = object(&mut vm, "/victim", 0, vec![]);
    let shadow = object_running(&mut vm, "/shadow", "shadow", 1, vec![]);
    install_master(&mut vm, vec![returning("valid_shadow", 1, Value::Int(0))]);
    assert_eq!(
        run(&mut vm, &shadow, vec![Value::Object(victim.clone())]).unwrap(),
        Value::Int(0)
    );
    assert!(victim.state().shadowed_by.is_none());
    install_master(&mut vm, vec![returning("valid_shadow", 1, Value::Int(1))]);
    assert_eq!(
        run(&mut vm, &shadow, vec![Value::Object(victim.clone())]).unwrap(),
        Value::Object(victim.clone())
    );
    assert_eq!(victim.state().shadowed_by.as_ref(), Some(&shadow));
}

#[test]
fn reload_object_destructs_shadows_and_clears_state() {
    let mut vm = vm();
    let victim = object(&mut vm, "/victim", 1, vec![]);
    let shadow = object_running(&mut vm, "/shadow", "shadow", 1, vec![]);
    run(&mut vm, &shadow, vec![Value::Object(victim.clone())]).unwrap();
    {
        let mut st = victim.state_mut();
        st.living_name = Some(LStr::from("vic"));
        st.is_living = true;
        st.uid = Some(LStr::from("u"));
        st.euid = None;
    }
    victim.vars_mut()[0] = Value::Int(9);
    vm.call_efun_by_name("reload_object", vec![Value::Object(victim.clone())])
        .unwrap();
    assert!(shadow.is_destructed());
    let st = victim.state();
    assert!(st.shadowed_by.is_none() && st.living_name.is_none() && !st.is_living);
    assert_eq!(st.euid.as_deref(), Some("u"));
    assert_eq!(victim.vars()[0], Value::Undefined);
}

#[test]
fn origins() {
    let mut vm = vm();
    let i = efun_index(&vm, "origin");
    let ob = object(
        &mut vm,
        "/ob",
        0,
        vec![func("who", 0, vec![Op::CallEfun(i, 0), Op::Return], vec![])],
    );
    let name = |v: Value| v.as_str().unwrap_or("?").to_string();
    assert_eq!(
        name(vm.apply(&ob, "who", vec![]).unwrap().unwrap()),
        "driver"
    );
    assert_eq!(
        name(vm.call_other(&ob, "who", vec![]).unwrap().unwrap()),
        "call_other"
    );
    assert_eq!(
        name(
            vm.apply_for_efun(&ob, "who", vec![], None)
                .unwrap()
                .unwrap()
        ),
        "efun"
    );
    assert_eq!(
        name(vm.call_callback(&ob, &Value::from("who"), vec![]).unwrap()),
        "internal"
    );
    let simul = Value::Function(Rc::new(FunctionPtr {
        kind: FunctionKind::Simul {
            name: LStr::from("who"),
        },
        owner: Some(ob.clone()),
        bound_args: Vec::new(),
    }));
    vm.simul_efun = Some(ob.clone());
    assert_eq!(name(vm.call_value(&simul, vec![]).unwrap()), "simul");
    // Outside any LPC code, origin() is the driver's.
    assert_eq!(
        name(vm.call_efun_by_name("origin", vec![]).unwrap()),
        "driver"
    );
}

#[test]
fn uids_of_new_objects() {
    let mut vm = vm();
    let ob = object(&mut vm, "/ob", 0, vec![]);
    give_uid_to_object(&mut vm, &ob).unwrap();
    assert_eq!(ob.state().uid.as_deref(), Some("NONAME"));
    assert_eq!(ob.state().euid.as_deref(), Some("NONAME"));

    install_master(
        &mut vm,
        vec![func(
            "creator_file",
            1,
            vec![Op::Local(0), Op::Return],
            vec![],
        )],
    );
    let named = object(&mut vm, "/named", 0, vec![]);
    give_uid_to_object(&mut vm, &named).unwrap();
    assert_eq!(named.state().uid.as_deref(), Some("/named"));
    assert_eq!(named.state().euid.as_deref(), Some("/named"));

    install_master(&mut vm, vec![returning("creator_file", 1, Value::Int(0))]);
    let refused = object(&mut vm, "/refused", 0, vec![]);
    let e = give_uid_to_object(&mut vm, &refused).unwrap_err();
    assert!(e.message().contains("creator_file() was not a string"));
    assert!(refused.is_destructed());

    install_master(&mut vm, vec![]);
    let e = give_uid_to_object(&mut vm, &named).unwrap_err();
    assert!(e.message().contains("No function creator_file()"));
}

#[test]
fn eval_limits() {
    let mut vm = vm();
    let max = vm.limits.max_eval_cost;
    assert_eq!(
        vm.call_efun_by_name("max_eval_cost", vec![]).unwrap(),
        Value::Int(max)
    );
    vm.eval_left = 10;
    assert_eq!(
        vm.call_efun_by_name("eval_cost", vec![]).unwrap(),
        Value::Int(10)
    );
    assert_eq!(
        vm.call_efun_by_name("reset_eval_cost", vec![]).unwrap(),
        Value::Int(max)
    );
    assert_eq!(vm.eval_left, max);
    assert_eq!(
        vm.call_efun_by_name("set_eval_limit", vec![Value::Int(500)])
            .unwrap(),
        Value::Int(500)
    );
    assert_eq!(vm.limits.max_eval_cost, 500);
    assert!(vm
        .call_efun_by_name("set_eval_limit", vec![Value::Int(-5)])
        .is_err());
}
