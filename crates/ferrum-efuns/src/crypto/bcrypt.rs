//! bcrypt as Openwall's crypt_blowfish (musl's) does it, including the
//! "$2x$" emulation of the old sign-extension bug and the "$2a$" safety
//! tweak for keys with 8-bit characters, so hashes match FluffOS's.

use blowfish::Blowfish;

const ALPHABET: &[u8] = b"./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

fn atoi64(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|p| p as u32)
}

/// Decodes 22 characters into the 16 salt bytes; `None` on a bad character.
fn decode_salt(src: &[u8]) -> Option<[u8; 16]> {
    let mut out = [0u8; 16];
    let mut n = 0;
    let mut chars = src.iter().map(|&c| atoi64(c));
    let mut next = || chars.next().flatten();
    while n < 16 {
        let c1 = next()?;
        let c2 = next()?;
        out[n] = ((c1 << 2) | ((c2 & 0x30) >> 4)) as u8;
        n += 1;
        if n == 16 {
            break;
        }
        let c3 = next()?;
        out[n] = (((c2 & 0x0f) << 4) | ((c3 & 0x3c) >> 2)) as u8;
        n += 1;
        if n == 16 {
            break;
        }
        let c4 = next()?;
        out[n] = (((c3 & 0x03) << 6) | c4) as u8;
        n += 1;
    }
    Some(out)
}

fn encode(src: &[u8]) -> String {
    let mut out = String::new();
    let a = |v: u32| ALPHABET[(v & 0x3f) as usize] as char;
    for chunk in src.chunks(3) {
        let c1 = chunk[0] as u32;
        out.push(a(c1 >> 2));
        let c1 = (c1 & 0x03) << 4;
        match chunk.get(1) {
            None => {
                out.push(a(c1));
                break;
            }
            Some(&c2) => {
                let c2 = c2 as u32;
                out.push(a(c1 | (c2 >> 4)));
                let c2 = (c2 & 0x0f) << 2;
                match chunk.get(2) {
                    None => {
                        out.push(a(c2));
                        break;
                    }
                    Some(&c3) => {
                        let c3 = c3 as u32;
                        out.push(a(c2 | (c3 >> 6)));
                        out.push(a(c3));
                    }
                }
            }
        }
    }
    out
}

/// The 18 key words of crypt_blowfish's BF_set_key, and the extra bits
/// its "$2a$" safety measure xors into the first initial P word.
fn key_words(key: &[u8], subtype: u8) -> ([u32; 18], u32) {
    let bug = subtype == b'x';
    let safety: u32 = if subtype == b'a' { 0x10000 } else { 0 };
    // The key is used with its terminating NUL, cyclically.
    let mut stream = key.iter().copied().chain(std::iter::once(0)).cycle();
    let mut words = [0u32; 18];
    let (mut sign, mut diff) = (0u32, 0u32);
    for w in words.iter_mut() {
        let (mut correct, mut buggy) = (0u32, 0u32);
        for j in 0..4 {
            let byte = stream.next().unwrap_or(0);
            correct = (correct << 8) | byte as u32;
            buggy = (buggy << 8) | (byte as i8 as i32 as u32);
            if j > 0 {
                sign |= buggy & 0x80;
            }
        }
        diff |= correct ^ buggy;
        *w = if bug { buggy } else { correct };
    }
    diff |= diff >> 16;
    diff &= 0xffff;
    diff = diff.wrapping_add(0xffff);
    sign <<= 9;
    sign &= !diff & safety;
    (words, sign)
}

fn words_to_bytes(words: &[u32]) -> Vec<u8> {
    words.iter().flat_map(|w| w.to_be_bytes()).collect()
}

/// `$2a$NN$<22 salt chars>` (also 2x, 2y) → the 60-character hash.
pub fn bcrypt(key: &[u8], setting: &[u8]) -> Option<String> {
    if setting.len() < 7 + 22 || setting[0] != b'$' || setting[1] != b'2' || setting[3] != b'$' {
        return None;
    }
    let subtype = setting[2];
    if !matches!(subtype, b'a' | b'b' | b'x' | b'y') {
        return None;
    }
    let (d1, d2) = (setting[4], setting[5]);
    if !(b'0'..=b'3').contains(&d1)
        || !d2.is_ascii_digit()
        || (d1 == b'3' && d2 > b'1')
        || setting[6] != b'$'
    {
        return None;
    }
    let log_rounds = ((d1 - b'0') * 10 + (d2 - b'0')) as u32;
    if log_rounds < 4 {
        return None;
    }
    let salt = decode_salt(&setting[7..7 + 22])?;
    let (words, sign) = key_words(key, subtype);
    let key_bytes = words_to_bytes(&words);
    let mut first = words;
    first[0] ^= sign;

    let mut state = Blowfish::bc_init_state();
    state.salted_expand_key(&salt, &words_to_bytes(&first));
    for _ in 0..(1u64 << log_rounds) {
        state.bc_expand_key(&key_bytes);
        state.bc_expand_key(&salt);
    }
    let mut ctext = [0u32; 6];
    for (i, c) in b"OrpheanBeholderScryDoubt".chunks(4).enumerate() {
        ctext[i] = u32::from_be_bytes([c[0], c[1], c[2], c[3]]);
    }
    for _ in 0..64 {
        for pair in ctext.chunks_mut(2) {
            let [l, r] = state.bc_encrypt([pair[0], pair[1]]);
            pair[0] = l;
            pair[1] = r;
        }
    }
    let hash = words_to_bytes(&ctext);
    let mut out = String::from_utf8_lossy(&setting[..7 + 21]).into_owned();
    // The last salt character only carries two bits: spell it canonically.
    out.push(ALPHABET[(atoi64(setting[7 + 21])? & 0x30) as usize] as char);
    out.push_str(&encode(&hash[..23]));
    Some(out)
}
