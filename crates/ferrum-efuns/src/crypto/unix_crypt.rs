//! The crypt(3) schemes FluffOS gets from musl: traditional DES,
//! MD5-crypt ("$1$") and SHA-crypt ("$5$", "$6$"), with musl's rules for
//! salts and rounds. Each returns `None` where musl's crypt fails.

use sha2::Digest;

const B64: &[u8] = b"./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// The low `n` six-bit groups of `u`, least significant first.
fn to64(out: &mut String, mut u: u32, n: usize) {
    for _ in 0..n {
        out.push(B64[(u % 64) as usize] as char);
        u /= 64;
    }
}

/// The salt after a "$N$" prefix: up to `max` bytes, ending at '$'.
fn salt_part(rest: &[u8], max: usize) -> &[u8] {
    let n = rest.iter().take(max).take_while(|&&c| c != b'$').count();
    &rest[..n]
}

// ----- traditional DES -----

/// musl's mapping of any byte to a six-bit salt value (bytes outside the
/// alphabet are folded in, not rejected).
fn ascii_to_bin(ch: u8) -> u32 {
    let sch = ch as i8 as i32;
    let mut r = sch - '.' as i32;
    if sch >= 'A' as i32 {
        r = sch - ('A' as i32 - 12);
        if sch >= 'a' as i32 {
            r = sch - ('a' as i32 - 38);
        }
    }
    (r & 0x3f) as u32
}

/// Traditional DES crypt: two salt characters, eight key characters. The
/// result starts with the two salt bytes exactly as given.
pub fn des_crypt(key: &[u8], setting: &[u8]) -> Option<String> {
    if setting.len() < 2 || setting[0] == b'_' {
        return None;
    }
    let (s0, s1) = (setting[0], setting[1]);
    if [s0, s1].iter().any(|&c| c == 0 || c == b'\n' || c == b':') {
        return None;
    }
    // Re-spell the salt in the canonical alphabet so the DES code accepts
    // it; the hash depends only on the twelve salt bits.
    let canonical: String = [s0, s1]
        .iter()
        .map(|&c| B64[ascii_to_bin(c) as usize] as char)
        .collect();
    // Deprecated for new passwords, but crypt() must still verify old ones.
    #[allow(deprecated)]
    let hashed = pwhash::unix_crypt::hash_with(&canonical, key).ok()?;
    let mut out = String::from_utf8_lossy(&[s0, s1]).into_owned();
    out.push_str(&hashed[2..]);
    Some(out)
}

// ----- MD5-crypt -----

const MD5_KEY_MAX: usize = 30000;

pub fn md5_crypt(key: &[u8], setting: &[u8]) -> Option<String> {
    if key.len() > MD5_KEY_MAX || !setting.starts_with(b"$1$") {
        return None;
    }
    let salt = salt_part(&setting[3..], 8);
    let alt = md5::Md5::new()
        .chain_update(key)
        .chain_update(salt)
        .chain_update(key)
        .finalize();
    let mut ctx = md5::Md5::new();
    ctx.update(key);
    ctx.update(b"$1$");
    ctx.update(salt);
    let mut i = key.len();
    while i > 16 {
        ctx.update(&alt[..]);
        i -= 16;
    }
    ctx.update(&alt[..i]);
    let mut i = key.len();
    while i > 0 {
        if i & 1 == 1 {
            ctx.update([0u8]);
        } else {
            ctx.update(&key[..1]);
        }
        i >>= 1;
    }
    let mut md = ctx.finalize();
    for i in 0..1000 {
        let mut c = md5::Md5::new();
        if i % 2 == 1 {
            c.update(key);
        } else {
            c.update(&md[..]);
        }
        if i % 3 != 0 {
            c.update(salt);
        }
        if i % 7 != 0 {
            c.update(key);
        }
        if i % 2 == 1 {
            c.update(&md[..]);
        } else {
            c.update(key);
        }
        md = c.finalize();
    }
    let mut out = format!("$1${}$", String::from_utf8_lossy(salt));
    const PERM: [[usize; 3]; 5] = [[0, 6, 12], [1, 7, 13], [2, 8, 14], [3, 9, 15], [4, 10, 5]];
    for p in PERM {
        to64(
            &mut out,
            (md[p[0]] as u32) << 16 | (md[p[1]] as u32) << 8 | md[p[2]] as u32,
            4,
        );
    }
    to64(&mut out, md[11] as u32, 2);
    Some(out)
}

// ----- SHA-crypt -----

const SHA_KEY_MAX: usize = 256;
const SHA_SALT_MAX: usize = 16;
const ROUNDS_DEFAULT: u64 = 5000;
const ROUNDS_MIN: u64 = 1000;
const ROUNDS_MAX: u64 = 9_999_999;

/// Feeds `n` bytes of the repeated digest `md` into `ctx`.
fn repeat_into<D: Digest>(ctx: &mut D, md: &[u8], n: usize) {
    let mut i = n;
    while i > md.len() {
        ctx.update(md);
        i -= md.len();
    }
    ctx.update(&md[..i]);
}

/// The first `n` bytes of `md` repeated.
fn repeated(md: &[u8], n: usize) -> Vec<u8> {
    md.iter().cycle().take(n).copied().collect()
}

/// SHA-256-crypt (`D` = Sha256, "$5$") or SHA-512-crypt (Sha512, "$6$").
pub fn sha_crypt<D: Digest + Clone>(key: &[u8], setting: &[u8]) -> Option<String> {
    let width = <D as Digest>::output_size();
    let magic: &[u8] = if width == 32 { b"$5$" } else { b"$6$" };
    if key.len() > SHA_KEY_MAX || !setting.starts_with(magic) {
        return None;
    }
    let mut rest = &setting[3..];
    let mut rounds = ROUNDS_DEFAULT;
    let mut rounds_text = String::new();
    if let Some(r) = rest.strip_prefix(b"rounds=") {
        let digits = r.iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 || r.get(digits) != Some(&b'$') {
            return None;
        }
        let u: u64 = std::str::from_utf8(&r[..digits])
            .ok()?
            .parse()
            .unwrap_or(u64::MAX);
        if u > ROUNDS_MAX {
            return None;
        }
        rounds = u.max(ROUNDS_MIN);
        rounds_text = format!("rounds={}$", rounds);
        rest = &r[digits + 1..];
    }
    let salt = salt_part(rest, SHA_SALT_MAX);
    if salt.iter().any(|&c| c == b'\n' || c == b':') {
        return None;
    }

    let b = D::new()
        .chain_update(key)
        .chain_update(salt)
        .chain_update(key)
        .finalize();
    let mut ctx = D::new();
    ctx.update(key);
    ctx.update(salt);
    repeat_into(&mut ctx, &b, key.len());
    let mut i = key.len();
    while i > 0 {
        if i & 1 == 1 {
            ctx.update(&b);
        } else {
            ctx.update(key);
        }
        i >>= 1;
    }
    let a = ctx.finalize();

    let mut dp = D::new();
    for _ in 0..key.len() {
        dp.update(key);
    }
    let p = repeated(&dp.finalize(), key.len());

    let mut ds = D::new();
    for _ in 0..16 + a[0] as usize {
        ds.update(salt);
    }
    let s = repeated(&ds.finalize(), salt.len());

    let mut md = a.to_vec();
    for i in 0..rounds {
        let mut c = D::new();
        if i % 2 == 1 {
            c.update(&p);
        } else {
            c.update(&md);
        }
        if i % 3 != 0 {
            c.update(&s);
        }
        if i % 7 != 0 {
            c.update(&p);
        }
        if i % 2 == 1 {
            c.update(&md);
        } else {
            c.update(&p);
        }
        md = c.finalize().to_vec();
    }

    let mut out = String::new();
    out.push_str(std::str::from_utf8(magic).ok()?);
    out.push_str(&rounds_text);
    out.push_str(&String::from_utf8_lossy(salt));
    out.push('$');
    let triple = |out: &mut String, a: usize, b: usize, c: usize| {
        to64(
            out,
            (md[a] as u32) << 16 | (md[b] as u32) << 8 | md[c] as u32,
            4,
        )
    };
    if width == 32 {
        const PERM: [[usize; 3]; 10] = [
            [0, 10, 20],
            [21, 1, 11],
            [12, 22, 2],
            [3, 13, 23],
            [24, 4, 14],
            [15, 25, 5],
            [6, 16, 26],
            [27, 7, 17],
            [18, 28, 8],
            [9, 19, 29],
        ];
        for p in PERM {
            triple(&mut out, p[0], p[1], p[2]);
        }
        to64(&mut out, (md[31] as u32) << 8 | md[30] as u32, 3);
    } else {
        const PERM: [[usize; 3]; 21] = [
            [0, 21, 42],
            [22, 43, 1],
            [44, 2, 23],
            [3, 24, 45],
            [25, 46, 4],
            [47, 5, 26],
            [6, 27, 48],
            [28, 49, 7],
            [50, 8, 29],
            [9, 30, 51],
            [31, 52, 10],
            [53, 11, 32],
            [12, 33, 54],
            [34, 55, 13],
            [56, 14, 35],
            [15, 36, 57],
            [37, 58, 16],
            [59, 17, 38],
            [18, 39, 60],
            [40, 61, 19],
            [62, 20, 41],
        ];
        for p in PERM {
            triple(&mut out, p[0], p[1], p[2]);
        }
        to64(&mut out, md[63] as u32, 2);
    }
    Some(out)
}
