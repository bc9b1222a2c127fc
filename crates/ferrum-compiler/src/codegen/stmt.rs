//! Statements: control flow, loops, switch, foreach, locals.

use super::consts::const_value;
use super::func::{FnCompiler, LoopCtx};
use crate::ast::*;
use ferrum_vm::program::{Op, SwitchTable};
use ferrum_vm::{LStr, Type, Value};

impl<'a, 'd> FnCompiler<'a, 'd> {
    pub fn stmt(&mut self, s: &Stmt) {
        self.mark(s.span);
        match &s.kind {
            StmtKind::Expr(e) => self.expr_discard(e),
            StmtKind::Block(list) => {
                self.push_scope();
                for st in list {
                    self.stmt(st);
                }
                self.pop_scope();
            }
            StmtKind::Locals(vars) => {
                if self.in_default_arg {
                    self.error(s.span, "A default argument may not declare local variables");
                }
                for v in vars {
                    // The initialiser cannot see the variable it initialises.
                    match &v.init {
                        Some(init) => {
                            self.typed_value(&v.ty, init);
                            let slot = self.declare_local(v.name.clone(), v.ty.clone(), v.span);
                            self.emit(Op::SetLocal(slot));
                        }
                        None => {
                            let slot = self.declare_local(v.name.clone(), v.ty.clone(), v.span);
                            // Slots are reused between blocks: start fresh.
                            // A declared float starts as 0.0, as in FluffOS.
                            if v.ty == Type::Float {
                                let k = self.konst(Value::Float(0.0));
                                self.emit(Op::Const(k));
                            } else {
                                self.emit(Op::Undef);
                            }
                            self.emit(Op::SetLocal(slot));
                        }
                    }
                }
            }
            StmtKind::If(cond, then, els) => {
                let to_else = self.jump_if(cond, false);
                self.stmt(then);
                match els {
                    Some(e) => {
                        let to_end = self.emit(Op::Jump(0));
                        self.patch_all_here(&to_else);
                        self.stmt(e);
                        self.patch_here(to_end);
                    }
                    None => self.patch_all_here(&to_else),
                }
            }
            StmtKind::While(cond, body) => {
                let top = self.here();
                let exits = self.jump_if(cond, false);
                self.loop_body(body, top);
                self.patch_all_here(&exits);
                self.end_loop(top);
            }
            StmtKind::DoWhile(body, cond) => {
                let top = self.here();
                self.loops.push(LoopCtx { breaks: vec![], continues: vec![], is_switch: false, catch_depth: self.catch_depth });
                self.stmt(body);
                let cont = self.here();
                let exits = self.jump_if(cond, false);
                self.emit(Op::JumpBack(top as u32));
                self.patch_all_here(&exits);
                let ctx = self.loops.pop().expect("loop");
                for c in ctx.continues {
                    self.patch(c, cont);
                }
                for b in ctx.breaks {
                    self.patch_here(b);
                }
            }
            StmtKind::For(init, cond, step, body) => {
                self.push_scope();
                if let Some(i) = init {
                    self.stmt(i);
                }
                let top = self.here();
                let exits = match cond {
                    Some(c) => self.jump_if(c, false),
                    None => Vec::new(),
                };
                self.loops.push(LoopCtx { breaks: vec![], continues: vec![], is_switch: false, catch_depth: self.catch_depth });
                self.stmt(body);
                let cont = self.here();
                if let Some(st) = step {
                    self.expr_discard(st);
                }
                self.emit(Op::JumpBack(top as u32));
                self.patch_all_here(&exits);
                let ctx = self.loops.pop().expect("loop");
                for c in ctx.continues {
                    self.patch(c, cont);
                }
                for b in ctx.breaks {
                    self.patch_here(b);
                }
                self.pop_scope();
            }
            StmtKind::Foreach(vars, coll, body) => self.foreach(vars, coll, body),
            StmtKind::Switch(e, body) => self.switch(e, body),
            StmtKind::Case(_) | StmtKind::Default => {
                self.error(s.span, "case label outside of switch");
            }
            StmtKind::Break => {
                let depth = self.catch_depth;
                match self.loops.last() {
                    Some(l) if l.catch_depth != depth => {
                        self.error(s.span, "Cannot break out of catch { } or time_expression { }")
                    }
                    Some(_) => {
                        let j = self.emit(Op::Jump(0));
                        self.loops.last_mut().expect("loop").breaks.push(j);
                    }
                    None => self.error(s.span, "break statement outside loop"),
                }
            }
            StmtKind::Continue => {
                let depth = self.catch_depth;
                match self.loops.iter().rposition(|l| !l.is_switch) {
                    Some(i) if self.loops[i].catch_depth != depth => {
                        self.error(s.span, "Cannot continue out of catch { } or time_expression { }")
                    }
                    Some(i) => {
                        let j = self.emit(Op::JumpBack(0));
                        self.loops[i].continues.push(j);
                    }
                    None => self.error(s.span, "continue statement outside loop"),
                }
            }
            StmtKind::Return(e) => {
                match e {
                    Some(e) => {
                        if self.ret == Type::Void && self.functional.is_none() {
                            self.error(s.span, format!("Non-void return in void function {}()", self.name));
                        }
                        // `return` converts and checks like an assignment
                        // to the declared return type.
                        if self.functional.is_none() && !self.is_async {
                            let ret = self.ret.clone();
                            self.typed_value(&ret, e);
                        } else {
                            self.expr(e);
                        }
                        self.emit(if self.is_async { Op::AsyncReturn } else { Op::Return });
                    }
                    None if self.is_async => {
                        self.emit(Op::Int(0));
                        self.emit(Op::AsyncReturn);
                    }
                    None => {
                        self.emit(Op::ReturnZero);
                    }
                }
            }
            StmtKind::Empty => {}
        }
    }

    pub fn patch_all_here(&mut self, jumps: &[usize]) {
        for &j in jumps {
            self.patch_here(j);
        }
    }

    /// Body of a while-style loop whose condition starts at `top`.
    fn loop_body(&mut self, body: &Stmt, top: usize) {
        self.loops.push(LoopCtx { breaks: vec![], continues: vec![], is_switch: false, catch_depth: self.catch_depth });
        self.stmt(body);
        self.emit(Op::JumpBack(top as u32));
    }

    fn end_loop(&mut self, cont: usize) {
        let ctx = self.loops.pop().expect("loop");
        for c in ctx.continues {
            self.patch(c, cont);
        }
        for b in ctx.breaks {
            self.patch_here(b);
        }
    }

    fn foreach(&mut self, vars: &[ForeachVar], coll: &Expr, body: &Stmt) {
        self.push_scope();
        self.expr(coll);
        let h = self.temp();
        self.temp();
        self.temp();
        let by_ref = vars.last().is_some_and(|v| v.by_ref);
        self.emit(Op::ForeachInit(h, by_ref));
        let two = vars.len() == 2;
        // Declared loop variables live in the loop's scope.
        let mut targets: Vec<(Option<u16>, &ForeachVar)> = Vec::new();
        for v in vars {
            match &v.ty {
                Some(t) => {
                    let slot = self.declare_local(v.name.clone(), t.clone(), v.span);
                    targets.push((Some(slot), v));
                }
                None => match self.find_local(&v.name).map(|l| l.slot) {
                    Some(slot) => targets.push((Some(slot), v)),
                    None => targets.push((None, v)),
                },
            }
        }
        if two && vars[0].by_ref {
            self.error(vars[0].span, "Mapping key may not be a reference in foreach()");
        }
        let top = self.here();
        self.emit(Op::ForeachNext(h, two));
        let exit = self.emit(Op::JumpIfFalse(0));
        for (slot, v) in targets.iter().rev() {
            match slot {
                Some(s) => {
                    self.emit(Op::SetLocal(*s));
                }
                None => {
                    let target = Expr::new(ExprKind::Ident(v.name.clone()), v.span);
                    self.store_from_stack(&target);
                }
            }
        }
        // `ref` variables write through to the collection.
        let ref_var = targets.last().filter(|(_, v)| v.by_ref).and_then(|(s, _)| *s);
        if let Some(slot) = ref_var {
            self.set_local_flags(slot, false, Some(h));
        }
        self.loops.push(LoopCtx { breaks: vec![], continues: vec![], is_switch: false, catch_depth: self.catch_depth });
        self.stmt(body);
        self.emit(Op::JumpBack(top as u32));
        self.patch_here(exit);
        self.end_loop(top);
        if let Some(slot) = ref_var {
            self.set_local_flags(slot, false, None);
        }
        self.pop_scope();
    }

    fn switch(&mut self, e: &Expr, body: &[Stmt]) {
        self.expr(e);
        let table_idx = self.switches.len();
        self.switches.push(SwitchTable::default());
        self.emit(Op::Switch(table_idx as u16));
        self.loops.push(LoopCtx { breaks: vec![], continues: vec![], is_switch: true, catch_depth: self.catch_depth });
        let mut table = SwitchTable::default();
        let mut has_default = false;
        let mut kinds = (false, false); // (ints, strings)
        self.push_scope();
        for s in body {
            match &s.kind {
                StmtKind::Case(label) => {
                    let pc = self.here() as u32;
                    match label {
                        CaseLabel::Value(v) => match const_value(v) {
                            Some(Value::Int(i)) => {
                                kinds.0 |= i != 0;
                                if i == 0 {
                                    table.zero = Some(pc);
                                }
                                if table.ints.insert(i, pc).is_some() {
                                    self.error(s.span, format!("Duplicate case label {}", i));
                                }
                            }
                            Some(Value::Str(st)) => {
                                kinds.1 = true;
                                if table.strings.insert(LStr::from(st.as_str()), pc).is_some() {
                                    self.error(s.span, format!("Duplicate case label \"{}\"", st));
                                }
                            }
                            _ => self.error(s.span, "case label must be a constant int or string"),
                        },
                        CaseLabel::Range(lo, hi) => {
                            let lo = match lo {
                                Some(e) => const_value(e),
                                None => Some(Value::Int(i64::MIN)),
                            };
                            let hi = match hi {
                                Some(e) => const_value(e),
                                None => Some(Value::Int(i64::MAX)),
                            };
                            match (lo, hi) {
                                (Some(Value::Int(a)), Some(Value::Int(b))) => {
                                    kinds.0 = true;
                                    // A reversed range is dropped, as FluffOS does.
                                    if a <= b {
                                        table.ranges.push((a, b, pc));
                                    }
                                }
                                _ => self.error(s.span, "String case labels not allowed as range bounds"),
                            }
                        }
                    }
                }
                StmtKind::Default => {
                    if has_default {
                        self.error(s.span, "Duplicate default label");
                    }
                    has_default = true;
                    table.default = self.here() as u32;
                }
                _ => self.stmt(s),
            }
        }
        self.pop_scope();
        if kinds.0 && kinds.1 {
            self.error(e.span, "Mixed case label list not allowed");
        }
        let end = self.here() as u32;
        if !has_default {
            table.default = end;
        }
        self.switches[table_idx] = table;
        let ctx = self.loops.pop().expect("switch");
        for b in ctx.breaks {
            self.patch_here(b);
        }
        // `continue` inside a switch belongs to the enclosing loop.
        if !ctx.continues.is_empty() {
            match self.loops.iter().rposition(|l| !l.is_switch) {
                Some(i) => self.loops[i].continues.extend(ctx.continues),
                None => self.error(e.span, "continue statement outside loop"),
            }
        }
    }
}
