//! Unit tests of the file efuns against a temporary mudlib.

use super::dir::wildcard_match;
use super::read::select_lines;
use super::testhost::*;
use super::FileLimits;
use ferrum_vm::{Value, Vm};

fn text(v: &Value) -> String {
    match v {
        Value::Str(s) => s.to_string(),
        other => panic!("not a string: {:?}", other),
    }
}

fn int(v: &Value) -> i64 {
    v.as_int().unwrap_or_else(|| panic!("not an int: {:?}", v))
}

fn names(v: &Value) -> Vec<String> {
    v.as_array().unwrap_or_else(|| panic!("not an array: {:?}", v)).to_vec().iter().map(text).collect()
}

fn s(x: &str) -> Value {
    Value::from(x)
}

fn call(vm: &mut Vm, efun: &str, args: Vec<Value>) -> Value {
    call_in(vm, efun, args)
}

#[test]
fn read_file_selects_lines_like_fluffos() {
    let (mut vm, host) = vm_with_mudlib();
    host.write("/f.txt", b"1\n2\n3\n4\n5\n");
    assert_eq!(text(&call(&mut vm, "read_file", vec![s("/f.txt")])), "1\n2\n3\n4\n5\n");
    assert_eq!(text(&call(&mut vm, "read_file", vec![s("/f.txt"), Value::Int(2), Value::Int(2)])), "2\n3\n");
    assert_eq!(text(&call(&mut vm, "read_file", vec![s("/f.txt"), Value::Int(4)])), "4\n5\n");
    // More lines than the file has: the rest of it.
    assert_eq!(text(&call(&mut vm, "read_file", vec![s("/f.txt"), Value::Int(4), Value::Int(100)])), "4\n5\n");
    // Negative starts count from the end; too far back starts at the top.
    assert_eq!(text(&call(&mut vm, "read_file", vec![s("/f.txt"), Value::Int(-2)])), "4\n5\n");
    assert_eq!(text(&call(&mut vm, "read_file", vec![s("/f.txt"), Value::Int(-3), Value::Int(1)])), "3\n");
    assert_eq!(text(&call(&mut vm, "read_file", vec![s("/f.txt"), Value::Int(-100), Value::Int(1)])), "1\n");
    // Line 6 of 5 is the empty rest; line 7 does not exist.
    assert_eq!(text(&call(&mut vm, "read_file", vec![s("/f.txt"), Value::Int(6)])), "");
    assert!(call(&mut vm, "read_file", vec![s("/f.txt"), Value::Int(7)]).is_zero());
    assert!(call(&mut vm, "read_file", vec![s("/f.txt"), Value::Int(1), Value::Int(-1)]).is_zero());
    assert!(call(&mut vm, "read_file", vec![s("/missing")]).is_zero());
    host.write("/d/x", b"x");
    assert!(call(&mut vm, "read_file", vec![s("/d")]).is_zero());
    host.write("/empty", b"");
    assert_eq!(text(&call(&mut vm, "read_file", vec![s("/empty")])), "");
    // Relative paths are relative to the mudlib root.
    assert_eq!(text(&call(&mut vm, "read_file", vec![s("f.txt"), Value::Int(5)])), "5\n");
}

#[test]
fn read_file_without_final_newline_and_crlf() {
    let (mut vm, host) = vm_with_mudlib();
    host.write("/a", b"a\r\nb\r\nc");
    assert_eq!(text(&call(&mut vm, "read_file", vec![s("/a")])), "a\nb\nc");
    assert_eq!(text(&call(&mut vm, "read_file", vec![s("/a"), Value::Int(-1)])), "c");
    host.write("/lone", b"a\rb\n");
    assert_eq!(text(&call(&mut vm, "read_file", vec![s("/lone")])), "a\rb\n");
}

#[test]
fn read_file_stops_at_nul_and_at_the_size_limit() {
    let (mut vm, host) = vm_with_mudlib();
    host.write("/nul", b"ab\0cd\nef\n");
    assert_eq!(text(&call(&mut vm, "read_file", vec![s("/nul")])), "ab");
    // Skipping lines across a NUL fails.
    assert!(call(&mut vm, "read_file", vec![s("/nul"), Value::Int(2)]).is_zero());
    vm.put_ext(FileLimits { max_read_file_size: 4, max_byte_transfer: 4 });
    host.write("/big", b"0123456789\n");
    assert_eq!(text(&call(&mut vm, "read_file", vec![s("/big")])), "0123");
}

#[test]
fn select_lines_walks_lines() {
    let data = b"a\nb\nc\n";
    assert_eq!(select_lines(data, 0, 0, 100), Some(&data[..]));
    assert_eq!(select_lines(data, 1, 1, 100), Some(&b"a\n"[..]));
    assert_eq!(select_lines(data, 3, 0, 100), Some(&b"c\n"[..]));
    assert_eq!(select_lines(data, -1, 0, 100), Some(&b"c\n"[..]));
    assert_eq!(select_lines(data, -3, 0, 100), Some(&data[..]));
    assert_eq!(select_lines(data, 5, 0, 100), None);
}

#[test]
fn write_file_appends_overwrites_and_reports_open_failures() {
    let (mut vm, host) = vm_with_mudlib();
    assert_eq!(int(&call(&mut vm, "write_file", vec![s("/w"), s("one\n")])), 1);
    assert_eq!(int(&call(&mut vm, "write_file", vec![s("/w"), s("two\n")])), 1);
    assert_eq!(host.read("/w").unwrap(), b"one\ntwo\n");
    assert_eq!(int(&call(&mut vm, "write_file", vec![s("/w"), s("fresh\n"), Value::Int(1)])), 1);
    assert_eq!(host.read("/w").unwrap(), b"fresh\n");
    assert_eq!(
        call_in_err(&mut vm, "write_file", vec![s("/nodir/x"), s("x")]),
        "*Wrong permissions for opening file /nodir/x for append.\n\"No such file or directory\"\n"
    );
    assert_eq!(
        call_in_err(&mut vm, "write_file", vec![s("/w"), s("x"), Value::Int(3)]),
        "*write_file: compressed writes are not available on this driver build.\n"
    );
}

#[test]
fn read_bytes_ranges() {
    let (mut vm, host) = vm_with_mudlib();
    host.write("/b", b"0123456789");
    assert_eq!(text(&call(&mut vm, "read_bytes", vec![s("/b")])), "0123456789");
    assert_eq!(text(&call(&mut vm, "read_bytes", vec![s("/b"), Value::Int(2), Value::Int(3)])), "234");
    assert_eq!(text(&call(&mut vm, "read_bytes", vec![s("/b"), Value::Int(-3)])), "789");
    assert_eq!(text(&call(&mut vm, "read_bytes", vec![s("/b"), Value::Int(8), Value::Int(100)])), "89");
    assert!(call(&mut vm, "read_bytes", vec![s("/b"), Value::Int(10)]).is_zero());
    assert!(call(&mut vm, "read_bytes", vec![s("/b"), Value::Int(-100), Value::Int(2)]).is_zero());
    assert!(call(&mut vm, "read_bytes", vec![s("/b"), Value::Int(0), Value::Int(-1)]).is_zero());
    assert!(call(&mut vm, "read_bytes", vec![s("/missing")]).is_zero());
    host.write("/bad", b"a\xffb");
    assert_eq!(text(&call(&mut vm, "read_bytes", vec![s("/bad")])), "a\u{fffd}b");
    vm.put_ext(FileLimits { max_read_file_size: 100, max_byte_transfer: 5 });
    assert_eq!(
        call_in_err(&mut vm, "read_bytes", vec![s("/b")]),
        "*Transfer exceeded maximum allowed number of bytes.\n"
    );
    assert_eq!(text(&call(&mut vm, "read_bytes", vec![s("/b"), Value::Int(0), Value::Int(5)])), "01234");
}

#[test]
fn write_bytes_writes_in_place() {
    let (mut vm, host) = vm_with_mudlib();
    assert_eq!(int(&call(&mut vm, "write_bytes", vec![s("/b"), Value::Int(0), s("hello")])), 1);
    assert_eq!(int(&call(&mut vm, "write_bytes", vec![s("/b"), Value::Int(1), s("EL")])), 1);
    assert_eq!(int(&call(&mut vm, "write_bytes", vec![s("/b"), Value::Int(-1), s("O!")])), 1);
    assert_eq!(host.read("/b").unwrap(), b"hELlO!");
    // At the end is allowed, past it is not.
    assert_eq!(int(&call(&mut vm, "write_bytes", vec![s("/b"), Value::Int(6), s("?")])), 1);
    assert_eq!(int(&call(&mut vm, "write_bytes", vec![s("/b"), Value::Int(9), s("?")])), 0);
    assert_eq!(int(&call(&mut vm, "write_bytes", vec![s("/b"), Value::Int(-99), s("?")])), 0);
    // An empty write fails but the file is created.
    assert_eq!(int(&call(&mut vm, "write_bytes", vec![s("/new"), Value::Int(0), s("")])), 0);
    assert_eq!(host.read("/new").unwrap(), b"");
}

#[test]
fn read_and_write_buffer_on_files_and_buffers() {
    let (mut vm, host) = vm_with_mudlib();
    host.write("/bin", b"ab\0cd");
    match call(&mut vm, "read_buffer", vec![s("/bin")]) {
        Value::Buffer(b) => assert_eq!(b.to_vec(), b"ab\0cd"),
        other => panic!("{:?}", other),
    }
    match call(&mut vm, "read_buffer", vec![s("/bin"), Value::Int(-2)]) {
        Value::Buffer(b) => assert_eq!(b.to_vec(), b"cd"),
        other => panic!("{:?}", other),
    }
    let buf = Value::buffer(b"abc\0de".to_vec());
    assert_eq!(text(&call(&mut vm, "read_buffer", vec![buf.clone()])), "abc");
    assert_eq!(text(&call(&mut vm, "read_buffer", vec![buf.clone(), Value::Int(4)])), "de");
    assert_eq!(text(&call(&mut vm, "read_buffer", vec![buf.clone(), Value::Int(1), Value::Int(1)])), "b");
    assert!(call(&mut vm, "read_buffer", vec![buf.clone(), Value::Int(0x1_0000_0001)]).is_zero());
    assert_eq!(text(&call(&mut vm, "read_buffer", vec![buf.clone(), Value::Int(0), Value::Int(0x1_0000_0001)])), "abc");

    let dest = Value::buffer(vec![0; 4]);
    assert_eq!(int(&call(&mut vm, "write_buffer", vec![dest.clone(), Value::Int(0), Value::Int(0x41424344)])), 1);
    assert_eq!(int(&call(&mut vm, "write_buffer", vec![dest.clone(), Value::Int(-1), s("z")])), 1);
    match &dest {
        Value::Buffer(b) => assert_eq!(b.to_vec(), b"ABCz"),
        _ => unreachable!(),
    }
    assert_eq!(int(&call(&mut vm, "write_buffer", vec![dest.clone(), Value::Int(0x1_0000_0000), s("x")])), 0);
    assert_eq!(int(&call(&mut vm, "write_buffer", vec![dest.clone(), Value::Int(2), s("xyz")])), 0);

    assert_eq!(int(&call(&mut vm, "write_buffer", vec![s("/wb"), Value::Int(0), Value::Int(0x41424344)])), 1);
    assert_eq!(int(&call(&mut vm, "write_buffer", vec![s("/wb"), Value::Int(4), Value::buffer(vec![1, 2])])), 1);
    assert_eq!(host.read("/wb").unwrap(), b"ABCD\x01\x02");
    assert_eq!(
        call_in_err(&mut vm, "write_buffer", vec![s("/wb"), Value::Int(0), Value::Int(0)]),
        "*Bad Argument 3 to write_bytes()\n"
    );
}

#[test]
fn file_size_and_file_length() {
    let (mut vm, host) = vm_with_mudlib();
    host.write("/d/three", b"a\nb\nc\n");
    assert_eq!(int(&call(&mut vm, "file_size", vec![s("/d/three")])), 6);
    assert_eq!(int(&call(&mut vm, "file_size", vec![s("/d")])), -2);
    assert_eq!(int(&call(&mut vm, "file_size", vec![s("/d/")])), -2);
    assert_eq!(int(&call(&mut vm, "file_size", vec![s("/")])), -2);
    assert_eq!(int(&call(&mut vm, "file_size", vec![s("/nope")])), -1);
    assert_eq!(int(&call(&mut vm, "file_length", vec![s("/d/three")])), 3);
    assert_eq!(int(&call(&mut vm, "file_length", vec![s("/d")])), -2);
    assert_eq!(int(&call(&mut vm, "file_length", vec![s("/nope")])), -1);
}

#[test]
fn get_dir_lists_matches_and_describes() {
    let (mut vm, host) = vm_with_mudlib();
    host.write("/d/b.c", b"12345");
    host.write("/d/a.c", b"1");
    host.write("/d/readme", b"");
    std::fs::create_dir_all(host.file("/d/sub")).unwrap();
    assert_eq!(names(&call(&mut vm, "get_dir", vec![s("/d/")])), ["a.c", "b.c", "readme", "sub"]);
    assert_eq!(names(&call(&mut vm, "get_dir", vec![s("/d/.")])), ["a.c", "b.c", "readme", "sub"]);
    assert_eq!(names(&call(&mut vm, "get_dir", vec![s("/d")])), ["d"]);
    assert_eq!(names(&call(&mut vm, "get_dir", vec![s("/d/b.c")])), ["b.c"]);
    assert_eq!(names(&call(&mut vm, "get_dir", vec![s("/d/*.c")])), ["a.c", "b.c"]);
    assert_eq!(names(&call(&mut vm, "get_dir", vec![s("/d/?.c")])), ["a.c", "b.c"]);
    assert_eq!(names(&call(&mut vm, "get_dir", vec![s("/d/*EAD*")])), Vec::<String>::new());
    // readdir's "." and ".." match a pattern too.
    assert_eq!(names(&call(&mut vm, "get_dir", vec![s("/d/*")])), [".", "..", "a.c", "b.c", "readme", "sub"]);
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
    assert_eq!(names(&call(&mut vm, "get_dir", vec![s("/d/*.c"), Value::Int(1)])), ["a.c", "b.c"]);
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
    let st = call(&mut vm, "stat", vec![s("/obj/thing.c")]).as_array().unwrap().to_vec();
    assert_eq!(int(&st[0]), 11);
    assert!(int(&st[1]) > 1_000_000_000);
    assert_eq!(int(&st[2]), 0);
    // A loaded object reports its load time.
    let prog = program("/obj/thing", Vec::new(), Vec::new(), Vec::new());
    let ob = vm.new_object("/obj/thing".into(), prog, false).unwrap();
    ob.state_mut().load_time = 12345;
    let st = call(&mut vm, "stat", vec![s("/obj/thing.c"), Value::Int(-1)]).as_array().unwrap().to_vec();
    assert_eq!(int(&st[2]), 12345);
    // Directories answer like get_dir().
    assert_eq!(names(&call(&mut vm, "stat", vec![s("/obj")])), ["obj"]);
    assert_eq!(names(&call(&mut vm, "stat", vec![s("/obj/")])), ["other.c", "thing.c"]);
    let rows = call(&mut vm, "stat", vec![s("/obj"), Value::Int(-1)]).as_array().unwrap().to_vec();
    assert_eq!(int(&rows[0].as_array().unwrap().to_vec()[1]), -2);
    assert_eq!(names(&call(&mut vm, "stat", vec![s("/nothing")])), Vec::<String>::new());
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
    assert_eq!(int(&call(&mut vm, "rename", vec![s("/dir/"), s("/dir2")])), 0);
    assert!(host.file("/dir2/b").is_file());
    assert_eq!(call_in_err(&mut vm, "rename", vec![s("/gone"), s("/x")]), "*/gone: lstat failed\n");
    host.write("/c", b"C");
    std::fs::create_dir_all(host.file("/dir2/c")).unwrap();
    assert_eq!(call_in_err(&mut vm, "rename", vec![s("/c"), s("/dir2")]), "*/dir2/c: cannot overwrite directory\n");
    std::fs::hard_link(host.file("/c"), host.file("/c2")).unwrap();
    assert_eq!(call_in_err(&mut vm, "rename", vec![s("/c"), s("/c2")]), "*`/c' and `/c2' are the same file\n");
    assert_eq!(call_in_err(&mut vm, "rename", vec![s("/c"), s("/nodir/c")]), "*cannot move `/c' to `/nodir/c'\n");
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
    assert_eq!(call_in_err(&mut vm, "cp", vec![s("/gone"), s("/x")]), "*/gone: lstat failed\n");
    assert_eq!(call_in_err(&mut vm, "cp", vec![s("/src"), s("/src")]), "*`/src' and `/src' are the same file\n");
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
    assert_eq!(int(&call(&mut vm, "write_bytes", vec![s("/f"), Value::Int(0), s("y")])), 0);
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
    assert_eq!(text(&vm.call_efun_by_name("read_file", vec![s("/f")]).unwrap()), "x");
    install_master(&mut vm, Value::Int(1), Value::Int(1));
    assert!(vm.call_efun_by_name("read_file", vec![s("/f")]).unwrap().is_zero());
}

#[test]
fn paths_leaving_the_mudlib_are_refused() {
    let (mut vm, host) = vm_with_mudlib();
    let (_other_vm, outside) = vm_with_mudlib();
    outside.write("/secret", b"secret");
    std::os::unix::fs::symlink(&outside.root, host.file("/escape")).unwrap();
    std::os::unix::fs::symlink(outside.file("/not-yet"), host.file("/dangling")).unwrap();
    host.write("/f", b"x");
    for path in ["/../f", "../f", "/./f", "//f", "/escape/secret", "/escape/../escape/secret"] {
        assert!(call(&mut vm, "read_file", vec![s(path)]).is_zero(), "{}", path);
        assert_eq!(int(&call(&mut vm, "file_size", vec![s(path)])), -1, "{}", path);
    }
    assert!(call(&mut vm, "get_dir", vec![s("/escape/")]).is_zero());
    assert!(call(&mut vm, "read_bytes", vec![s("/escape/secret")]).is_zero());
    assert_eq!(int(&call(&mut vm, "write_file", vec![s("/escape/new"), s("x")])), 0);
    assert_eq!(int(&call(&mut vm, "write_file", vec![s("/dangling"), s("x")])), 0);
    assert_eq!(int(&call(&mut vm, "write_bytes", vec![s("/dangling"), Value::Int(0), s("x")])), 0);
    assert_eq!(int(&call(&mut vm, "mkdir", vec![s("/escape/d")])), 0);
    assert_eq!(int(&call(&mut vm, "cp", vec![s("/escape/secret"), s("/copy")])), -1);
    assert_eq!(int(&call(&mut vm, "cp", vec![s("/f"), s("/escape/copy")])), -2);
    assert_eq!(int(&call(&mut vm, "rm", vec![s("/escape/secret")])), 0);
    assert_eq!(int(&call(&mut vm, "rename", vec![s("/f"), s("/escape/f")])), 1);
    assert!(!exists(&outside.file("/not-yet")));
    assert!(!exists(&outside.file("/new")));
    assert!(!exists(&outside.file("/f")));
    assert_eq!(outside.read("/secret").unwrap(), b"secret");
    // The link itself is listed, but nothing behind it is described.
    assert_eq!(names(&call(&mut vm, "get_dir", vec![s("/esc*")])), ["escape"]);
}
