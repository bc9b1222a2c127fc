//! What the LPC tests (tests/lpc/commands) cannot reach: interactive
//! command givers (notify_fail), `execute_command()` itself, and actions of
//! objects destructed behind the destruct efun's back.

use super::sentences::{sentences, ActionFn};
use super::{default_fail_message, execute_command, CommandOutcome};
use crate::arrays::testutil::{function_def, object, object_running, run as run_in, vm};
use crate::runtime::driver_info::DriverInfo;
use ferrum_vm::program::Op;
use ferrum_vm::value::{FunctionKind, FunctionPtr, LStr};
use ferrum_vm::{ObjectRef, Value, Vm};
use std::rc::Rc;

fn efun(vm: &Vm, name: &str) -> u16 {
    vm.efuns.lookup(name).expect("efun").0
}

/// A functional of `owner` taking `params` arguments, with constants.
fn functional(
    owner: &ObjectRef,
    params: u16,
    code: Vec<Op>,
    consts: Vec<Value>,
) -> Rc<FunctionPtr> {
    let mut def = Rc::try_unwrap(function_def("<functional>", params, code)).expect("fresh def");
    def.consts = consts;
    Rc::new(FunctionPtr {
        kind: FunctionKind::Anonymous {
            def: Rc::new(def),
            fo: 0,
            vo: 0,
        },
        owner: Some(owner.clone()),
        bound_args: Vec::new(),
    })
}

/// A living object; interactive when `interactive` (as a connected user
/// is marked).
fn giver(vm: &mut Vm, name: &str, interactive: bool) -> ObjectRef {
    let ob = object(vm, name);
    {
        let mut st = ob.state_mut();
        st.is_living = true;
        st.interactive = interactive.then_some(1);
    }
    ob
}

fn give(vm: &mut Vm, to: &ObjectRef, verb: &str, owner: &ObjectRef, f: Rc<FunctionPtr>) {
    sentences(vm).add(to, LStr::from(verb), ActionFn::Pointer(f), owner.clone(), 0);
}

/// An action that calls notify_fail() with its argument, then returns
/// `answer`.
fn notify_with_argument(vm: &Vm, owner: &ObjectRef, answer: i32) -> Rc<FunctionPtr> {
    let nf = efun(vm, "notify_fail");
    functional(
        owner,
        1,
        vec![
            Op::Local(0),
            Op::CallEfun(nf, 1),
            Op::Pop,
            Op::Int(answer),
            Op::Return,
        ],
        vec![],
    )
}

/// An action that calls notify_fail(what) and returns 0.
fn notify_with(vm: &Vm, owner: &ObjectRef, what: Value) -> Rc<FunctionPtr> {
    let nf = efun(vm, "notify_fail");
    functional(
        owner,
        1,
        vec![
            Op::Const(0),
            Op::CallEfun(nf, 1),
            Op::Pop,
            Op::Int(0),
            Op::Return,
        ],
        vec![what],
    )
}

fn run(vm: &mut Vm, player: &ObjectRef, line: &str) -> CommandOutcome {
    match execute_command(vm, player, line) {
        Ok(outcome) => outcome,
        Err(e) => panic!("{:?} failed: {}", line, e.message()),
    }
}

fn failed(message: Option<&str>) -> CommandOutcome {
    CommandOutcome::Failed {
        message: message.map(str::to_string),
    }
}

#[test]
fn notify_fail_text_is_the_failure_message_and_is_used_up() {
    let mut vm = vm();
    let player = giver(&mut vm, "player", true);
    let dig = notify_with_argument(&vm, &player, 0);
    give(&mut vm, &player, "dig", &player, dig);
    assert_eq!(run(&mut vm, &player, "dig deeper"), failed(Some("deeper")));
    // Used up: the next failure has no message of its own.
    assert_eq!(run(&mut vm, &player, "jump"), failed(None));
    // Set by a command that then succeeds, it is dropped when the next
    // command starts.
    let hop = notify_with_argument(&vm, &player, 1);
    give(&mut vm, &player, "hop", &player, hop);
    assert_eq!(run(&mut vm, &player, "hop stale"), CommandOutcome::Done);
    assert_eq!(run(&mut vm, &player, "jump"), failed(None));
}

#[test]
fn the_last_notify_fail_wins() {
    let mut vm = vm();
    let player = giver(&mut vm, "player", true);
    let older = notify_with(&vm, &player, Value::from("older"));
    let newer = notify_with(&vm, &player, Value::from("newer"));
    give(&mut vm, &player, "dig", &player, older);
    give(&mut vm, &player, "dig", &player, newer);
    // The newer action runs first, the older one last.
    assert_eq!(run(&mut vm, &player, "dig"), failed(Some("older")));
}

#[test]
fn a_notify_fail_function_gives_the_message() {
    let mut vm = vm();
    let player = giver(&mut vm, "player", true);
    let (tp, file_name) = (efun(&vm, "this_player"), efun(&vm, "file_name"));
    // Its result names this_player() while it runs.
    let who = functional(
        &player,
        0,
        vec![Op::CallEfun(tp, 0), Op::CallEfun(file_name, 1), Op::Return],
        vec![],
    );
    let ask = notify_with(&vm, &player, Value::Function(who));
    give(&mut vm, &player, "ask", &player, ask);
    vm.command_giver = None;
    assert_eq!(run(&mut vm, &player, "ask"), failed(Some("player")));
    assert!(vm.command_giver.is_none());
    // A result that is no string: no message at all (not the default).
    let nothing = functional(&player, 0, vec![Op::Int(3), Op::Return], vec![]);
    let mumble = notify_with(&vm, &player, Value::Function(nothing));
    give(&mut vm, &player, "mumble", &player, mumble);
    assert_eq!(run(&mut vm, &player, "mumble"), failed(Some("")));
}

#[test]
fn only_interactive_givers_keep_a_notify_fail() {
    let mut vm = vm();
    let npc = giver(&mut vm, "npc", false);
    let dig = notify_with_argument(&vm, &npc, 0);
    give(&mut vm, &npc, "dig", &npc, dig);
    assert_eq!(run(&mut vm, &npc, "dig deeper"), failed(None));
}

#[test]
fn actions_run_with_the_giver_as_this_player() {
    let mut vm = vm();
    let player = giver(&mut vm, "player", true);
    let tp = efun(&vm, "this_player");
    // Nonzero (handled) only when this_player() is set.
    let look = functional(&player, 1, vec![Op::CallEfun(tp, 0), Op::Return], vec![]);
    give(&mut vm, &player, "look", &player, look);
    vm.command_giver = None;
    assert_eq!(run(&mut vm, &player, "look"), CommandOutcome::Done);
    assert!(vm.command_giver.is_none());
}

#[test]
fn blank_lines_are_not_commands() {
    let mut vm = vm();
    let player = giver(&mut vm, "player", true);
    // An empty verb takes every command, but a blank line is none.
    let anything = notify_with(&vm, &player, Value::from("called"));
    give(&mut vm, &player, "", &player, anything);
    assert_eq!(run(&mut vm, &player, "    "), CommandOutcome::Done);
    assert_eq!(run(&mut vm, &player, ""), CommandOutcome::Done);
    assert_eq!(run(&mut vm, &player, "x"), failed(Some("called")));
}

#[test]
fn actions_of_destructed_objects_are_gone() {
    let mut vm = vm();
    let player = giver(&mut vm, "player", true);
    let item = object(&mut vm, "item");
    let take = functional(&item, 1, vec![Op::Int(1), Op::Return], vec![]);
    give(&mut vm, &player, "take", &item, take);
    assert_eq!(run(&mut vm, &player, "take"), CommandOutcome::Done);
    // Destructed without the efun (as inventories and shadows are).
    vm.destruct_object(&item).expect("destruct");
    assert_eq!(run(&mut vm, &player, "take"), failed(None));
    assert!(sentences(&mut vm).of(&player).is_empty());
}

#[test]
fn a_missing_function_of_the_newest_action_is_an_error() {
    let mut vm = vm();
    let player = giver(&mut vm, "player", true);
    sentences(&mut vm).add(
        &player,
        LStr::from("zap"),
        ActionFn::Name(LStr::from("nope")),
        player.clone(),
        0,
    );
    let err = execute_command(&mut vm, &player, "zap").expect_err("missing function");
    assert_eq!(err.message(), "Function for verb 'zap' not found.");
    // With a newer action in front, it is passed over.
    let other = functional(&player, 1, vec![Op::Int(1), Op::Return], vec![]);
    give(&mut vm, &player, "other", &player, other);
    assert_eq!(run(&mut vm, &player, "zap"), failed(None));
}

#[test]
fn the_default_fail_message_comes_from_the_config() {
    let mut vm = vm();
    assert_eq!(default_fail_message(&vm), "What?\n");
    vm.ext::<DriverInfo>().config = vec![(12, Value::from("Huh?"))];
    assert_eq!(default_fail_message(&vm), "Huh?\n");
    vm.ext::<DriverInfo>().config = vec![(12, Value::from(""))];
    assert_eq!(default_fail_message(&vm), "What?\n");
}

#[test]
fn command_tells_an_interactive_giver_why_it_failed() {
    let mut vm = vm();
    let error = efun(&vm, "error");
    // What it is told comes back as an error, to be seen here.
    let catch_tell = vec![Op::Local(0), Op::CallEfun(error, 1), Op::ReturnZero];
    let player = object_running(
        &mut vm,
        "player",
        "command",
        1,
        vec![("catch_tell", 1, catch_tell)],
    );
    {
        let mut st = player.state_mut();
        st.is_living = true;
        st.interactive = Some(1);
    }
    let told = |vm: &mut Vm, line: &str| run_in(vm, &player, vec![Value::from(line)]);
    let what = told(&mut vm, "dance").expect_err("told");
    assert!(what.contains("What?\n"), "{}", what);
    let dig = notify_with_argument(&vm, &player, 0);
    give(&mut vm, &player, "dig", &player, dig);
    let why = told(&mut vm, "dig Too hard.").expect_err("told");
    assert!(why.contains("Too hard."), "{}", why);
    // Not interactive: nothing is said, the result is 0.
    player.state_mut().interactive = None;
    assert_eq!(told(&mut vm, "dance").expect("silent"), Value::Int(0));
}
