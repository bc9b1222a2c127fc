//! Permission checks through the master, and paths leaving the mudlib.

use super::*;
use crate::files::testhost::*;
use ferrum_vm::Value;

#[test]
fn a_refusing_master_makes_file_efuns_fail_quietly() {
    let (mut vm, host) = vm_with_mudlib();
    host.write("/f", b"x");
    std::fs::create_dir_all(host.file("/d")).unwrap();
    let master = install_master(&mut vm, Value::Int(0), Value::Int(0));
    assert!(call(&mut vm, "read_file", vec![s("/f")]).is_zero());
    assert_eq!(master_asked(&master).0.as_str(), Some("/f"));
    assert!(call(&mut vm, "read_bytes", vec![s("/f")]).is_zero());
    assert!(call(&mut vm, "read_buffer", vec![s("/f")]).is_zero());
    assert_eq!(int(&call(&mut vm, "file_size", vec![s("/f")])), -1);
    assert!(call(&mut vm, "get_dir", vec![s("/d/")]).is_zero());
    assert!(call(&mut vm, "stat", vec![s("/f")]).is_zero());
    assert_eq!(int(&call(&mut vm, "write_file", vec![s("/f"), s("y")])), 0);
    assert_eq!(master_asked(&master).1.as_str(), Some("/f"));
    assert_eq!(
        int(&call(
            &mut vm,
            "write_bytes",
            vec![s("/f"), Value::Int(0), s("y")]
        )),
        0
    );
    assert_eq!(int(&call(&mut vm, "mkdir", vec![s("/e")])), 0);
    assert_eq!(int(&call(&mut vm, "rmdir", vec![s("/d")])), 0);
    assert_eq!(int(&call(&mut vm, "rm", vec![s("/f")])), 0);
    assert_eq!(int(&call(&mut vm, "rename", vec![s("/f"), s("/g")])), 1);
    assert_eq!(int(&call(&mut vm, "cp", vec![s("/f"), s("/g")])), -1);
    assert_eq!(host.read("/f").unwrap(), b"x");
    assert!(host.file("/d").is_dir());
    assert!(!exists(&host.file("/e")));
}

#[test]
fn reading_allowed_but_writing_refused() {
    let (mut vm, host) = vm_with_mudlib();
    host.write("/f", b"x");
    install_master(&mut vm, Value::Int(1), Value::Int(0));
    assert_eq!(text(&call(&mut vm, "read_file", vec![s("/f")])), "x");
    assert_eq!(int(&call(&mut vm, "cp", vec![s("/f"), s("/g")])), -2);
    assert!(!exists(&host.file("/g")));
}

#[test]
fn the_master_sees_the_path_as_written_and_may_substitute_one() {
    let (mut vm, host) = vm_with_mudlib();
    host.write("/real.txt", b"real");
    host.write("/f", b"f");
    let master = install_master(&mut vm, Value::from("/real.txt"), Value::Int(1));
    assert_eq!(text(&call(&mut vm, "read_file", vec![s("/f")])), "real");
    // Not normalised: the master sees "..", and the path stays illegal
    // whatever it answers.
    let master2 = install_master(&mut vm, Value::Int(1), Value::Int(1));
    assert!(call(&mut vm, "read_file", vec![s("/x/../f")]).is_zero());
    assert_eq!(master_asked(&master2).0.as_str(), Some("/x/../f"));
    assert!(master_asked(&master).0.as_str().is_some());
    // A substituted illegal path is refused too.
    install_master(&mut vm, Value::from("/../etc/passwd"), Value::Int(1));
    assert!(call(&mut vm, "read_file", vec![s("/f")]).is_zero());
}

#[test]
fn without_a_current_object_only_a_masterless_driver_allows_access() {
    let (mut vm, host) = vm_with_mudlib();
    host.write("/f", b"x");
    assert_eq!(
        text(&vm.call_efun_by_name("read_file", vec![s("/f")]).unwrap()),
        "x"
    );
    install_master(&mut vm, Value::Int(1), Value::Int(1));
    assert!(vm
        .call_efun_by_name("read_file", vec![s("/f")])
        .unwrap()
        .is_zero());
}

#[test]
fn paths_leaving_the_mudlib_are_refused() {
    let (mut vm, host) = vm_with_mudlib();
    let (_other_vm, outside) = vm_with_mudlib();
    outside.write("/secret", b"secret");
    std::os::unix::fs::symlink(&outside.root, host.file("/escape")).unwrap();
    std::os::unix::fs::symlink(outside.file("/not-yet"), host.file("/dangling")).unwrap();
    host.write("/f", b"x");
    for path in [
        "/../f",
        "../f",
        "/./f",
        "//f",
        "/escape/secret",
        "/escape/../escape/secret",
    ] {
        assert!(
            call(&mut vm, "read_file", vec![s(path)]).is_zero(),
            "{}",
            path
        );
        assert_eq!(
            int(&call(&mut vm, "file_size", vec![s(path)])),
            -1,
            "{}",
            path
        );
    }
    assert!(call(&mut vm, "get_dir", vec![s("/escape/")]).is_zero());
    assert!(call(&mut vm, "read_bytes", vec![s("/escape/secret")]).is_zero());
    assert_eq!(
        int(&call(&mut vm, "write_file", vec![s("/escape/new"), s("x")])),
        0
    );
    assert_eq!(
        int(&call(&mut vm, "write_file", vec![s("/dangling"), s("x")])),
        0
    );
    assert_eq!(
        int(&call(
            &mut vm,
            "write_bytes",
            vec![s("/dangling"), Value::Int(0), s("x")]
        )),
        0
    );
    assert_eq!(int(&call(&mut vm, "mkdir", vec![s("/escape/d")])), 0);
    assert_eq!(
        int(&call(&mut vm, "cp", vec![s("/escape/secret"), s("/copy")])),
        -1
    );
    assert_eq!(
        int(&call(&mut vm, "cp", vec![s("/f"), s("/escape/copy")])),
        -2
    );
    assert_eq!(int(&call(&mut vm, "rm", vec![s("/escape/secret")])), 0);
    assert_eq!(
        int(&call(&mut vm, "rename", vec![s("/f"), s("/escape/f")])),
        1
    );
    assert!(!exists(&outside.file("/not-yet")));
    assert!(!exists(&outside.file("/new")));
    assert!(!exists(&outside.file("/f")));
    assert_eq!(outside.read("/secret").unwrap(), b"secret");
    // The link itself is listed, but nothing behind it is described.
    assert_eq!(
        names(&call(&mut vm, "get_dir", vec![s("/esc*")])),
        ["escape"]
    );
}
