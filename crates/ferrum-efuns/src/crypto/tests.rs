use crate::arrays::testutil::*;
use ferrum_vm::value::Value;

const KEY: &str = "U?5测mG$'xe`%!pf6试p\"#";

fn crypt(vm: &mut ferrum_vm::Vm, key: &str, salt: Value) -> String {
    call(vm, "crypt", vec![Value::from(key), salt])
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn crypt_des_matches_fluffos() {
    let mut vm = vm();
    assert_eq!(crypt(&mut vm, "123", Value::from("123")), "12IbR.gJ8wcpc");
    assert_eq!(
        crypt(&mut vm, "123", Value::from("12IbR.gJ8wcpc")),
        "12IbR.gJ8wcpc"
    );
    assert_eq!(
        crypt(&mut vm, "deadbeef", Value::from("11")),
        "11abPRGlgbz9A"
    );
    assert_eq!(
        crypt(&mut vm, "deadbeef-wtf", Value::from("11-wtf")),
        "11abPRGlgbz9A"
    );
    // Salt characters outside the alphabet are accepted.
    let r = crypt(&mut vm, KEY, Value::from(KEY));
    assert!(r.starts_with("U?"));
    assert_eq!(r.len(), 13);
    assert_eq!(crypt(&mut vm, KEY, Value::from(r.as_str())), r);
}

#[test]
fn crypt_defaults_to_random_sha512() {
    let mut vm = vm();
    for salt in [
        Value::from(""),
        Value::Int(0),
        Value::from("x"),
        Value::from("$2$zsCyqpCmwWE2g"),
        Value::from("$9$abc"),
    ] {
        let r = crypt(&mut vm, KEY, salt);
        assert!(r.starts_with("$6$"), "{}", r);
        assert_eq!(r.len(), 3 + 16 + 1 + 86);
        assert_eq!(crypt(&mut vm, KEY, Value::from(r.as_str())), r);
    }
    assert_ne!(
        crypt(&mut vm, KEY, Value::Int(0)),
        crypt(&mut vm, KEY, Value::Int(0))
    );
}

#[test]
fn crypt_md5_sha_and_bcrypt_match_fluffos() {
    let mut vm = vm();
    let cases = [
        "$1$12IbRgJ8$92eJ54pYS5ISsRs./Jac21",
        "$5$xxpyPxiuc0IJY$BAJWByjsbjtPgIWKrBdSZes5VdZWyvYr2CZ3pmOzRr4",
        "$6$DSVWtVeRU/71A$GvRozPOkmWEd3wTR7wMMQhug5wM5rrEM/cle4VEZD1yDEGf1iq6JST0PDN1Ua6QaQslVK2jAzIBKOamxi5dt1.",
        "$2a$05$abcdefghijklmnopqrstuunlwTxQ4sl7dLGS2xJ.iMMzU7tVomKuy",
        "$2x$08$abcdefghijklmnopqrstuuwGS8NeHQOi8O1YXuHuWBzYTYdR1l8GS",
        "$2y$09$abcdefghijklmnopqrstuux4Xxxa5jKMzA60uXAXbkP/vAphqHo.q",
    ];
    for want in cases {
        assert_eq!(crypt(&mut vm, KEY, Value::from(want)), want);
    }
    // A bare salt (no hash yet) gives the same result.
    assert_eq!(
        crypt(&mut vm, KEY, Value::from("$5$xxpyPxiuc0IJY")),
        cases[1]
    );
    assert_eq!(
        crypt(&mut vm, KEY, Value::from("$2a$05$abcdefghijklmnopqrstuu")),
        cases[3]
    );
}

#[test]
fn crypt_known_vectors_and_rounds() {
    let mut vm = vm();
    // Published test vectors of the SHA-crypt specification.
    assert_eq!(
        crypt(
            &mut vm,
            "Hello world!",
            Value::from("$5$rounds=10000$saltstringsaltstring")
        ),
        "$5$rounds=10000$saltstringsaltst$3xv.VbSHBb41AL9AvLeujZkZRBAwqFMz2.opqey6IcA"
    );
    assert_eq!(
        crypt(&mut vm, "Hello world!", Value::from("$6$saltstring")),
        "$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1"
    );
    // Too few rounds are raised to the minimum.
    assert!(crypt(&mut vm, "x", Value::from("$5$rounds=10$ab")).starts_with("$5$rounds=1000$ab$"));
    assert_eq!(
        crypt(&mut vm, "password", Value::from("$1$saltsalt")),
        "$1$saltsalt$qjXMvbEw8oaL.CzflDtaK/"
    );
}

#[test]
fn crypt_errors() {
    let mut vm = vm();
    for bad in [
        "$2a$05$short",
        "$2a$99$abcdefghijklmnopqrstuu",
        "$6$rounds=abc$x",
        "a:",
        "$2a$05$abcdefghijklmnopqrst!u",
    ] {
        assert_eq!(
            call_err(&mut vm, "crypt", vec![Value::from("k"), Value::from(bad)]),
            "*Error in crypt(), check your salt\n",
            "{}",
            bad
        );
    }
    assert!(vm
        .call_efun_by_name("crypt", vec![Value::Int(1), Value::from("ab")])
        .is_err());
}

#[test]
fn oldcrypt_matches_fluffos() {
    let mut vm = vm();
    let old = |vm: &mut ferrum_vm::Vm, k: &str, s: Value| {
        call(vm, "oldcrypt", vec![Value::from(k), s])
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        old(&mut vm, "123", Value::from("123")),
        "mckfcn`d!glafl`lnam`hikdfaeja`eccckjeinjm"
    );
    let r = old(&mut vm, KEY, Value::from(""));
    assert_eq!(r.len(), 41);
    assert_eq!(r.as_bytes()[8], b'!');
    assert_eq!(old(&mut vm, KEY, Value::from(r.as_str())), r);
    // Long keys are folded into the buffer rather than rejected.
    let long = "x".repeat(200);
    let r = old(&mut vm, &long, Value::Int(0));
    assert_eq!(old(&mut vm, &long, Value::from(r.as_str())), r);
    // crypt and oldcrypt do not mix.
    let c = crypt(&mut vm, KEY, Value::from(""));
    assert_ne!(old(&mut vm, KEY, Value::from(c.as_str())), c);
}

#[test]
fn hash_and_sha1() {
    let mut vm = vm();
    let h = |vm: &mut ferrum_vm::Vm, algo: &str, data: Value| {
        call(vm, "hash", vec![Value::from(algo), data])
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        h(&mut vm, "md5", Value::from("")),
        "d41d8cd98f00b204e9800998ecf8427e"
    );
    assert_eq!(
        h(&mut vm, "MD5", Value::from("abc")),
        "900150983cd24fb0d6963f7d28e17f72"
    );
    assert_eq!(
        h(&mut vm, "md4", Value::from("abc")),
        "a448017aaf21d8525fc10ae87aa6729d"
    );
    assert_eq!(
        h(&mut vm, "sha1", Value::from("abc")),
        "a9993e364706816aba3e25717850c26c9cd0d89d"
    );
    assert_eq!(
        h(&mut vm, "sha224", Value::from("abc")),
        "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7"
    );
    assert_eq!(
        h(&mut vm, "sha256", Value::from("abc")),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_eq!(h(&mut vm, "sha384", Value::from("abc")).len(), 96);
    assert_eq!(h(&mut vm, "sha512", Value::from("abc")).len(), 128);
    assert_eq!(
        h(&mut vm, "ripemd160", Value::from("abc")),
        "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc"
    );
    assert_eq!(
        h(&mut vm, "md5", Value::buffer(b"abc".to_vec())),
        "900150983cd24fb0d6963f7d28e17f72"
    );
    // Strings hash as their UTF-8.
    assert_eq!(
        h(&mut vm, "sha1", Value::from("é")),
        h(&mut vm, "sha1", Value::buffer("é".as_bytes().to_vec()))
    );
    assert_eq!(
        call_err(
            &mut vm,
            "hash",
            vec![Value::from("crc99"), Value::from("x")]
        ),
        "*hash() unknown hash type: crc99\n"
    );
    assert_eq!(
        call(&mut vm, "sha1", vec![Value::from("abc")]).as_str(),
        Some("a9993e364706816aba3e25717850c26c9cd0d89d")
    );
    assert_eq!(
        call(&mut vm, "sha1", vec![Value::buffer(vec![])]).as_str(),
        Some("da39a3ee5e6b4b0d3255bfef95601890afd80709")
    );
}
