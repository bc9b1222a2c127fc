//! MudOS's `custom_crypt()`, behind `oldcrypt()`: an MD5-based hash whose
//! result is 8 characters of encoded salt, '!', and 32 characters of
//! encoded digest, each byte written as two characters '`'..'o' (low
//! nibble first). A salt that is not such a result is digested into one.
//! The digest is the original's hand-written MD5 variant (see `md5`).

const SALT_LEN: usize = 4;
const MAGIC: &[u8] = b"xyzz";
/// Digested data never exceeds this (one MD5 block minus padding).
const MAX_LEN: usize = 55;
const SALT_SEP: u8 = b'!';
/// A salt accepted as is, used to derive salts from arbitrary strings.
const VALID_SALT: &[u8] = b"anhlklck!ggddl`l`lg`bjblodlfcljdcnhffib`c";

/// MD5's sine table: floor(|sin(i + 1)| * 2^32).
fn sine_table() -> [u32; 64] {
    let mut t = [0u32; 64];
    for (i, v) in t.iter_mut().enumerate() {
        *v = (((i + 1) as f64).sin().abs() * 4294967296.0) as u32;
    }
    t
}

const SHIFTS: [u32; 16] = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];

/// One MD5 compression of the 16-word block `x` from the standard initial
/// state.
fn md5_compress(x: &[u32; 16]) -> [u32; 4] {
    let t = sine_table();
    let init = [0x67452301u32, 0xefcdab89, 0x98badcfe, 0x10325476];
    let [mut a, mut b, mut c, mut d] = init;
    for i in 0..64 {
        let (f, g) = match i / 16 {
            0 => ((b & c) | (!b & d), i),
            1 => ((b & d) | (c & !d), (5 * i + 1) % 16),
            2 => (b ^ c ^ d, (3 * i + 5) % 16),
            _ => (c ^ (b | !d), (7 * i) % 16),
        };
        let sum = a.wrapping_add(f).wrapping_add(t[i]).wrapping_add(x[g]);
        let rotated = b.wrapping_add(sum.rotate_left(SHIFTS[(i / 16) * 4 + i % 4]));
        (a, d, c, b) = (d, c, b, rotated);
    }
    [
        a.wrapping_add(init[0]),
        b.wrapping_add(init[1]),
        c.wrapping_add(init[2]),
        d.wrapping_add(init[3]),
    ]
}

/// The original's single-block "MD5" as it runs on little-endian machines
/// (FluffOS's x86 builds): its byte swapping makes the message words
/// big-endian, puts the 0x80 pad bit in a different place and writes the
/// result words big-endian. So it is not standard MD5, and hashes only
/// match FluffOS's when done this way.
fn md5(data: &[u8]) -> [u8; 16] {
    debug_assert!(data.len() <= MAX_LEN);
    let n = data.len();
    let mut x = [0u32; 16];
    for (i, w) in x.iter_mut().enumerate().take(n / 4 + 1) {
        let mut word = [0u8; 4];
        for (j, b) in word.iter_mut().enumerate() {
            *b = data.get(4 * i + j).copied().unwrap_or(0);
        }
        *w = u32::from_be_bytes(word);
    }
    x[n / 4] |= 0x80u32 << (8 * (n % 4));
    x[14] = (n as u32) << 3;
    let mut out = [0u8; 16];
    for (i, w) in md5_compress(&x).iter().enumerate() {
        out[4 * i..4 * i + 4].copy_from_slice(&w.to_be_bytes());
    }
    out
}

fn encode(data: &[u8]) -> Vec<u8> {
    data.iter()
        .flat_map(|b| [96 + (b & 0x0f), 96 + (b >> 4)])
        .collect()
}

fn decode(s: &[u8]) -> [u8; SALT_LEN] {
    let mut out = [0u8; SALT_LEN];
    for (i, o) in out.iter_mut().enumerate() {
        *o = (s[2 * i] & 0x0f) | ((s[2 * i + 1] & 0x0f) << 4);
    }
    out
}

fn get_salt(from: &[u8]) -> [u8; SALT_LEN] {
    if from.len() > SALT_LEN * 2 && from[SALT_LEN * 2] == SALT_SEP {
        return decode(&from[..SALT_LEN * 2]);
    }
    let (_, digest) = crypt_raw(from, VALID_SALT);
    let mut to = [from.len() as u8; SALT_LEN];
    for (i, d) in digest.iter().enumerate() {
        to[i % SALT_LEN] = to[i % SALT_LEN].wrapping_add(*d);
    }
    to
}

/// A fixed 55-byte buffer filled as the original does: once full, its
/// contents are digested down to 16 bytes to make room (bytes past the
/// fill point are left as they were).
struct Buffer {
    bytes: [u8; MAX_LEN],
    used: usize,
}

impl Buffer {
    fn add(&mut self, mut data: &[u8]) {
        if self.used + data.len() <= MAX_LEN {
            self.bytes[self.used..self.used + data.len()].copy_from_slice(data);
            self.used += data.len();
            return;
        }
        while !data.is_empty() {
            if self.used > 16 {
                let d = md5(&self.bytes[..self.used]);
                self.bytes[..16].copy_from_slice(&d);
                self.used = 16;
            }
            let n = (MAX_LEN - self.used).min(data.len());
            self.bytes[self.used..self.used + n].copy_from_slice(&data[..n]);
            self.used += n;
            data = &data[n..];
        }
    }
}

fn crypt_raw(key: &[u8], salt: &[u8]) -> ([u8; SALT_LEN], [u8; 16]) {
    let the_salt = get_salt(salt);
    let mut buf = Buffer {
        bytes: [0; MAX_LEN],
        used: 0,
    };
    // The terminating NUL bytes are part of the digested data.
    buf.add(&[key, &[0]].concat());
    buf.add(&[MAGIC, &[0]].concat());
    buf.add(&the_salt);
    let mut scratch = buf.bytes;
    let len = key.len();
    let mut digest = [0u8; 16];
    for i in (1..=3000 + 11 * len).rev() {
        digest = md5(&scratch);
        let at = (i + len) % (MAX_LEN - 16);
        scratch[at..at + 16].copy_from_slice(&digest);
    }
    buf.add(&digest);
    (the_salt, md5(&buf.bytes))
}

/// The hash of `key` under `salt` (a previous result reuses its salt).
pub fn custom_crypt(key: &[u8], salt: &[u8]) -> String {
    let (the_salt, digest) = crypt_raw(key, salt);
    let mut out = encode(&the_salt);
    out.push(SALT_SEP);
    out.extend(encode(&digest));
    String::from_utf8(out).expect("encoded bytes are ASCII")
}
