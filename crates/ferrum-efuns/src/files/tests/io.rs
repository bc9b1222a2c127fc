//! Reading and writing files and buffers.

use super::*;
use crate::files::read::select_lines;
use crate::files::testhost::*;
use crate::files::FileLimits;
use ferrum_vm::Value;

#[test]
fn read_file_selects_lines_like_fluffos() {
    let (mut vm, host) = vm_with_mudlib();
    host.write("/f.txt", b"1\n2\n3\n4\n5\n");
    assert_eq!(
        text(&call(&mut vm, "read_file", vec![s("/f.txt")])),
        "1\n2\n3\n4\n5\n"
    );
    assert_eq!(
        text(&call(
            &mut vm,
            "read_file",
            vec![s("/f.txt"), Value::Int(2), Value::Int(2)]
        )),
        "2\n3\n"
    );
    assert_eq!(
        text(&call(
            &mut vm,
            "read_file",
            vec![s("/f.txt"), Value::Int(4)]
        )),
        "4\n5\n"
    );
    // More lines than the file has: the rest of it.
    assert_eq!(
        text(&call(
            &mut vm,
            "read_file",
            vec![s("/f.txt"), Value::Int(4), Value::Int(100)]
        )),
        "4\n5\n"
    );
    // Negative starts count from the end; too far back starts at the top.
    assert_eq!(
        text(&call(
            &mut vm,
            "read_file",
            vec![s("/f.txt"), Value::Int(-2)]
        )),
        "4\n5\n"
    );
    assert_eq!(
        text(&call(
            &mut vm,
            "read_file",
            vec![s("/f.txt"), Value::Int(-3), Value::Int(1)]
        )),
        "3\n"
    );
    assert_eq!(
        text(&call(
            &mut vm,
            "read_file",
            vec![s("/f.txt"), Value::Int(-100), Value::Int(1)]
        )),
        "1\n"
    );
    // Line 6 of 5 is the empty rest; line 7 does not exist.
    assert_eq!(
        text(&call(
            &mut vm,
            "read_file",
            vec![s("/f.txt"), Value::Int(6)]
        )),
        ""
    );
    assert!(call(&mut vm, "read_file", vec![s("/f.txt"), Value::Int(7)]).is_zero());
    assert!(call(
        &mut vm,
        "read_file",
        vec![s("/f.txt"), Value::Int(1), Value::Int(-1)]
    )
    .is_zero());
    assert!(call(&mut vm, "read_file", vec![s("/missing")]).is_zero());
    host.write("/d/x", b"x");
    assert!(call(&mut vm, "read_file", vec![s("/d")]).is_zero());
    host.write("/empty", b"");
    assert_eq!(text(&call(&mut vm, "read_file", vec![s("/empty")])), "");
    // Relative paths are relative to the mudlib root.
    assert_eq!(
        text(&call(&mut vm, "read_file", vec![s("f.txt"), Value::Int(5)])),
        "5\n"
    );
}

#[test]
fn read_file_without_final_newline_and_crlf() {
    let (mut vm, host) = vm_with_mudlib();
    host.write("/a", b"a\r\nb\r\nc");
    assert_eq!(text(&call(&mut vm, "read_file", vec![s("/a")])), "a\nb\nc");
    assert_eq!(
        text(&call(&mut vm, "read_file", vec![s("/a"), Value::Int(-1)])),
        "c"
    );
    host.write("/lone", b"a\rb\n");
    assert_eq!(
        text(&call(&mut vm, "read_file", vec![s("/lone")])),
        "a\rb\n"
    );
}

#[test]
fn read_file_stops_at_nul_and_at_the_size_limit() {
    let (mut vm, host) = vm_with_mudlib();
    host.write("/nul", b"ab\0cd\nef\n");
    assert_eq!(text(&call(&mut vm, "read_file", vec![s("/nul")])), "ab");
    // Skipping lines across a NUL fails.
    assert!(call(&mut vm, "read_file", vec![s("/nul"), Value::Int(2)]).is_zero());
    vm.put_ext(FileLimits {
        max_read_file_size: 4,
        max_byte_transfer: 4,
    });
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
    assert_eq!(
        int(&call(&mut vm, "write_file", vec![s("/w"), s("one\n")])),
        1
    );
    assert_eq!(
        int(&call(&mut vm, "write_file", vec![s("/w"), s("two\n")])),
        1
    );
    assert_eq!(host.read("/w").unwrap(), b"one\ntwo\n");
    assert_eq!(
        int(&call(
            &mut vm,
            "write_file",
            vec![s("/w"), s("fresh\n"), Value::Int(1)]
        )),
        1
    );
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
    assert_eq!(
        text(&call(&mut vm, "read_bytes", vec![s("/b")])),
        "0123456789"
    );
    assert_eq!(
        text(&call(
            &mut vm,
            "read_bytes",
            vec![s("/b"), Value::Int(2), Value::Int(3)]
        )),
        "234"
    );
    assert_eq!(
        text(&call(&mut vm, "read_bytes", vec![s("/b"), Value::Int(-3)])),
        "789"
    );
    assert_eq!(
        text(&call(
            &mut vm,
            "read_bytes",
            vec![s("/b"), Value::Int(8), Value::Int(100)]
        )),
        "89"
    );
    assert!(call(&mut vm, "read_bytes", vec![s("/b"), Value::Int(10)]).is_zero());
    assert!(call(
        &mut vm,
        "read_bytes",
        vec![s("/b"), Value::Int(-100), Value::Int(2)]
    )
    .is_zero());
    assert!(call(
        &mut vm,
        "read_bytes",
        vec![s("/b"), Value::Int(0), Value::Int(-1)]
    )
    .is_zero());
    assert!(call(&mut vm, "read_bytes", vec![s("/missing")]).is_zero());
    host.write("/bad", b"a\xffb");
    assert_eq!(
        text(&call(&mut vm, "read_bytes", vec![s("/bad")])),
        "a\u{fffd}b"
    );
    vm.put_ext(FileLimits {
        max_read_file_size: 100,
        max_byte_transfer: 5,
    });
    assert_eq!(
        call_in_err(&mut vm, "read_bytes", vec![s("/b")]),
        "*Transfer exceeded maximum allowed number of bytes.\n"
    );
    assert_eq!(
        text(&call(
            &mut vm,
            "read_bytes",
            vec![s("/b"), Value::Int(0), Value::Int(5)]
        )),
        "01234"
    );
}

#[test]
fn write_bytes_writes_in_place() {
    let (mut vm, host) = vm_with_mudlib();
    assert_eq!(
        int(&call(
            &mut vm,
            "write_bytes",
            vec![s("/b"), Value::Int(0), s("hello")]
        )),
        1
    );
    assert_eq!(
        int(&call(
            &mut vm,
            "write_bytes",
            vec![s("/b"), Value::Int(1), s("EL")]
        )),
        1
    );
    assert_eq!(
        int(&call(
            &mut vm,
            "write_bytes",
            vec![s("/b"), Value::Int(-1), s("O!")]
        )),
        1
    );
    assert_eq!(host.read("/b").unwrap(), b"hELlO!");
    // At the end is allowed, past it is not.
    assert_eq!(
        int(&call(
            &mut vm,
            "write_bytes",
            vec![s("/b"), Value::Int(6), s("?")]
        )),
        1
    );
    assert_eq!(
        int(&call(
            &mut vm,
            "write_bytes",
            vec![s("/b"), Value::Int(9), s("?")]
        )),
        0
    );
    assert_eq!(
        int(&call(
            &mut vm,
            "write_bytes",
            vec![s("/b"), Value::Int(-99), s("?")]
        )),
        0
    );
    // An empty write fails but the file is created.
    assert_eq!(
        int(&call(
            &mut vm,
            "write_bytes",
            vec![s("/new"), Value::Int(0), s("")]
        )),
        0
    );
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
    assert_eq!(
        text(&call(&mut vm, "read_buffer", vec![buf.clone()])),
        "abc"
    );
    assert_eq!(
        text(&call(
            &mut vm,
            "read_buffer",
            vec![buf.clone(), Value::Int(4)]
        )),
        "de"
    );
    assert_eq!(
        text(&call(
            &mut vm,
            "read_buffer",
            vec![buf.clone(), Value::Int(1), Value::Int(1)]
        )),
        "b"
    );
    assert!(call(
        &mut vm,
        "read_buffer",
        vec![buf.clone(), Value::Int(0x1_0000_0001)]
    )
    .is_zero());
    assert_eq!(
        text(&call(
            &mut vm,
            "read_buffer",
            vec![buf.clone(), Value::Int(0), Value::Int(0x1_0000_0001)]
        )),
        "abc"
    );

    let dest = Value::buffer(vec![0; 4]);
    assert_eq!(
        int(&call(
            &mut vm,
            "write_buffer",
            vec![dest.clone(), Value::Int(0), Value::Int(0x41424344)]
        )),
        1
    );
    assert_eq!(
        int(&call(
            &mut vm,
            "write_buffer",
            vec![dest.clone(), Value::Int(-1), s("z")]
        )),
        1
    );
    match &dest {
        Value::Buffer(b) => assert_eq!(b.to_vec(), b"ABCz"),
        _ => unreachable!(),
    }
    assert_eq!(
        int(&call(
            &mut vm,
            "write_buffer",
            vec![dest.clone(), Value::Int(0x1_0000_0000), s("x")]
        )),
        0
    );
    assert_eq!(
        int(&call(
            &mut vm,
            "write_buffer",
            vec![dest.clone(), Value::Int(2), s("xyz")]
        )),
        0
    );

    assert_eq!(
        int(&call(
            &mut vm,
            "write_buffer",
            vec![s("/wb"), Value::Int(0), Value::Int(0x41424344)]
        )),
        1
    );
    assert_eq!(
        int(&call(
            &mut vm,
            "write_buffer",
            vec![s("/wb"), Value::Int(4), Value::buffer(vec![1, 2])]
        )),
        1
    );
    assert_eq!(host.read("/wb").unwrap(), b"ABCD\x01\x02");
    assert_eq!(
        call_in_err(
            &mut vm,
            "write_buffer",
            vec![s("/wb"), Value::Int(0), Value::Int(0)]
        ),
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
