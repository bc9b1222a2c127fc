//! Directories and moving files around.

use super::*;
use crate::files::dir::wildcard_match;
use crate::files::testhost::*;
use ferrum_vm::Value;

#[test]
fn get_dir_lists_matches_and_describes() {
    let (mut vm, host) = vm_with_mudlib();
    host.write("/d/b.c", b"12345");
    host.write("/d/a.c", b"1");
    host.write("/d/readme", b"");
    std::fs::create_dir_all(host.file("/d/sub")).unwrap();
    assert_eq!(
        names(&call(&mut vm, "get_dir", vec![s("/d/")])),
        ["a.c", "b.c", "readme", "sub"]
    );
    assert_eq!(
        names(&call(&mut vm, "get_dir", vec![s("/d/.")])),
        ["a.c", "b.c", "readme", "sub"]
    );
    assert_eq!(names(&call(&mut vm, "get_dir", vec![s("/d")])), ["d"]);
    assert_eq!(names(&call(&mut vm, "get_dir", vec![s("/d/b.c")])), ["b.c"]);
    assert_eq!(
        names(&call(&mut vm, "get_dir", vec![s("/d/*.c")])),
        ["a.c", "b.c"]
    );
    assert_eq!(
        names(&call(&mut vm, "get_dir", vec![s("/d/?.c")])),
        ["a.c", "b.c"]
    );
    assert_eq!(
        names(&call(&mut vm, "get_dir", vec![s("/d/*EAD*")])),
        Vec::<String>::new()
    );
    // readdir's "." and ".." match a pattern too.
    assert_eq!(
        names(&call(&mut vm, "get_dir", vec![s("/d/*")])),
        [".", "..", "a.c", "b.c", "readme", "sub"]
    );
    assert_eq!(names(&call(&mut vm, "get_dir", vec![s("/")])), ["d"]);
    assert_eq!(names(&call(&mut vm, "get_dir", vec![s("d*")])), ["d"]);
    assert!(call(&mut vm, "get_dir", vec![s("/nodir/")]).is_zero());
    assert!(call(&mut vm, "get_dir", vec![s("/nodir/*")]).is_zero());
    assert!(call(&mut vm, "get_dir", vec![s("/d/b.c/")]).is_zero());

    let info = call(&mut vm, "get_dir", vec![s("/d/"), Value::Int(-1)]);
    let rows = info.as_array().unwrap().to_vec();
    assert_eq!(rows.len(), 4);
    let b = rows[1].as_array().unwrap().to_vec();
    assert_eq!(text(&b[0]), "b.c");
    assert_eq!(int(&b[1]), 5);
    assert!(int(&b[2]) > 1_000_000_000);
    let sub = rows[3].as_array().unwrap().to_vec();
    assert_eq!(int(&sub[1]), -2);
    let one = call(&mut vm, "get_dir", vec![s("/d/a.c"), Value::Int(-1)]);
    let one = one.as_array().unwrap().to_vec();
    assert_eq!(int(&one[0].as_array().unwrap().to_vec()[1]), 1);
    // Other flags than -1 give names.
    assert_eq!(
        names(&call(&mut vm, "get_dir", vec![s("/d/*.c"), Value::Int(1)])),
        ["a.c", "b.c"]
    );
}

#[test]
fn wildcards() {
    assert!(wildcard_match(b"*", b"anything"));
    assert!(wildcard_match(b"a*c", b"abbbc"));
    assert!(!wildcard_match(b"a*c", b"abbb"));
    assert!(wildcard_match(b"?b", b"ab"));
    assert!(!wildcard_match(b"?", b""));
    assert!(wildcard_match(b"\\*", b"*"));
    assert!(!wildcard_match(b"\\*", b"x"));
    assert!(!wildcard_match(b"\\", b"\\"));
}

#[test]
fn stat_files_directories_and_loaded_objects() {
    let (mut vm, host) = vm_with_mudlib();
    host.write("/obj/thing.c", b"// nothing\n");
    host.write("/obj/other.c", b"x");
    let st = call(&mut vm, "stat", vec![s("/obj/thing.c")])
        .as_array()
        .unwrap()
        .to_vec();
    assert_eq!(int(&st[0]), 11);
    assert!(int(&st[1]) > 1_000_000_000);
    assert_eq!(int(&st[2]), 0);
    // A loaded object reports its load time.
    let prog = program("/obj/thing", Vec::new(), Vec::new(), Vec::new());
    let ob = vm.new_object("/obj/thing".into(), prog, false).unwrap();
    ob.state_mut().load_time = 12345;
    let st = call(&mut vm, "stat", vec![s("/obj/thing.c"), Value::Int(-1)])
        .as_array()
        .unwrap()
        .to_vec();
    assert_eq!(int(&st[2]), 12345);
    // Directories answer like get_dir().
    assert_eq!(names(&call(&mut vm, "stat", vec![s("/obj")])), ["obj"]);
    assert_eq!(
        names(&call(&mut vm, "stat", vec![s("/obj/")])),
        ["other.c", "thing.c"]
    );
    let rows = call(&mut vm, "stat", vec![s("/obj"), Value::Int(-1)])
        .as_array()
        .unwrap()
        .to_vec();
    assert_eq!(int(&rows[0].as_array().unwrap().to_vec()[1]), -2);
    assert_eq!(
        names(&call(&mut vm, "stat", vec![s("/nothing")])),
        Vec::<String>::new()
    );
}

#[test]
fn mkdir_rmdir_rm() {
    let (mut vm, host) = vm_with_mudlib();
    assert_eq!(int(&call(&mut vm, "mkdir", vec![s("/d")])), 1);
    assert_eq!(int(&call(&mut vm, "mkdir", vec![s("/d")])), 0);
    assert_eq!(int(&call(&mut vm, "mkdir", vec![s("/x/y")])), 0);
    assert!(host.file("/d").is_dir());
    host.write("/d/f", b"x");
    assert_eq!(int(&call(&mut vm, "rmdir", vec![s("/d")])), 0);
    assert_eq!(int(&call(&mut vm, "rm", vec![s("/d")])), 0);
    assert_eq!(int(&call(&mut vm, "rm", vec![s("/d/f")])), 1);
    assert_eq!(int(&call(&mut vm, "rm", vec![s("/d/f")])), 0);
    assert_eq!(int(&call(&mut vm, "rmdir", vec![s("/d")])), 1);
    assert!(!exists(&host.file("/d")));
}

#[test]
fn rm_removes_a_symlink_not_its_target() {
    let (mut vm, host) = vm_with_mudlib();
    host.write("/target", b"x");
    std::os::unix::fs::symlink(host.file("/target"), host.file("/link")).unwrap();
    assert_eq!(int(&call(&mut vm, "rm", vec![s("/link")])), 1);
    assert!(exists(&host.file("/target")));
    assert!(!exists(&host.file("/link")));
}

#[test]
fn rename_moves_and_reports_errors() {
    let (mut vm, host) = vm_with_mudlib();
    host.write("/a", b"A");
    assert_eq!(int(&call(&mut vm, "rename", vec![s("/a"), s("/b")])), 0);
    assert_eq!(host.read("/b").unwrap(), b"A");
    assert!(!exists(&host.file("/a")));
    // Into a directory, under the same name.
    std::fs::create_dir_all(host.file("/dir")).unwrap();
    assert_eq!(int(&call(&mut vm, "rename", vec![s("/b"), s("/dir")])), 0);
    assert_eq!(host.read("/dir/b").unwrap(), b"A");
    // Directories move too.
    assert_eq!(
        int(&call(&mut vm, "rename", vec![s("/dir/"), s("/dir2")])),
        0
    );
    assert!(host.file("/dir2/b").is_file());
    assert_eq!(
        call_in_err(&mut vm, "rename", vec![s("/gone"), s("/x")]),
        "*/gone: lstat failed\n"
    );
    host.write("/c", b"C");
    std::fs::create_dir_all(host.file("/dir2/c")).unwrap();
    assert_eq!(
        call_in_err(&mut vm, "rename", vec![s("/c"), s("/dir2")]),
        "*/dir2/c: cannot overwrite directory\n"
    );
    std::fs::hard_link(host.file("/c"), host.file("/c2")).unwrap();
    assert_eq!(
        call_in_err(&mut vm, "rename", vec![s("/c"), s("/c2")]),
        "*`/c' and `/c2' are the same file\n"
    );
    assert_eq!(
        call_in_err(&mut vm, "rename", vec![s("/c"), s("/nodir/c")]),
        "*cannot move `/c' to `/nodir/c'\n"
    );
    // Illegal paths are refused with 1.
    assert_eq!(int(&call(&mut vm, "rename", vec![s("/c"), s("/../c")])), 1);
}

#[test]
fn cp_copies_and_reports_errors() {
    let (mut vm, host) = vm_with_mudlib();
    host.write("/src", b"data");
    assert_eq!(int(&call(&mut vm, "cp", vec![s("/src"), s("/dst")])), 1);
    assert_eq!(host.read("/dst").unwrap(), b"data");
    host.write("/src", b"more data");
    assert_eq!(int(&call(&mut vm, "cp", vec![s("/src"), s("/dst")])), 1);
    assert_eq!(host.read("/dst").unwrap(), b"more data");
    std::fs::create_dir_all(host.file("/d")).unwrap();
    assert_eq!(int(&call(&mut vm, "cp", vec![s("/src"), s("/d")])), 1);
    assert_eq!(host.read("/d/src").unwrap(), b"more data");
    assert_eq!(int(&call(&mut vm, "cp", vec![s("/d"), s("/e")])), -1);
    assert_eq!(
        call_in_err(&mut vm, "cp", vec![s("/gone"), s("/x")]),
        "*/gone: lstat failed\n"
    );
    assert_eq!(
        call_in_err(&mut vm, "cp", vec![s("/src"), s("/src")]),
        "*`/src' and `/src' are the same file\n"
    );
    assert_eq!(int(&call(&mut vm, "cp", vec![s("/../src"), s("/x")])), -1);
    assert_eq!(int(&call(&mut vm, "cp", vec![s("/src"), s("/a/../x")])), -2);
}

#[test]
fn link_makes_hard_links_when_the_master_agrees() {
    let (mut vm, host) = vm_with_mudlib();
    host.write("/f", b"x");
    assert_eq!(int(&call(&mut vm, "link", vec![s("/f"), s("/g")])), 0);
    assert_eq!(host.read("/g").unwrap(), b"x");
    // A master without valid_link refuses links.
    install_master(&mut vm, Value::Int(1), Value::Int(1));
    assert_eq!(int(&call(&mut vm, "link", vec![s("/f"), s("/h")])), 0);
    assert!(!exists(&host.file("/h")));
}
