//! Hashing and password efuns: `hash` (FluffOS's crypto package), `sha1`
//! (its sha1 package), `crypt` and `oldcrypt`.
//!
//! `crypt(key, salt)` follows FluffOS: a salt beginning "$1$", "$5$",
//! "$6$" or "$2a$"/"$2x$"/"$2y$" selects MD5-crypt, SHA-256-crypt,
//! SHA-512-crypt or bcrypt; any other salt of two or more characters is a
//! traditional DES salt (only its first two characters count, and only
//! eight characters of the key); anything else (0, "", one character, an
//! unknown "$..." scheme) makes a fresh random SHA-512 salt. Passing a
//! stored result back as the salt reproduces it.

mod bcrypt;
mod oldcrypt;
mod unix_crypt;

use crate::args;
use ferrum_vm::efun::EfunSpec;
use ferrum_vm::error::{LpcError, VmResult};
use ferrum_vm::value::Value;
use ferrum_vm::{efun, Vm};

pub const EFUNS: &[EfunSpec] = &[
    efun!("string hash(string, string | buffer)", hash),
    efun!("string sha1(string | buffer)", sha1),
    efun!("string crypt(string, string | int)", crypt),
    efun!("string oldcrypt(string, string | int)", oldcrypt),
];

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{:02x}", b)).collect()
}

/// The bytes of a string (its UTF-8) or of a buffer.
fn data_bytes(v: &Value) -> VmResult<Vec<u8>> {
    match v {
        Value::Str(s) => Ok(s.as_bytes().to_vec()),
        Value::Buffer(b) => Ok(b.to_vec()),
        other => Err(ferrum_vm::lpc_error!(
            "Bad argument: expected string or buffer, got {}",
            other.type_name()
        )),
    }
}

/// The lowercase hex digest of `data` under a named algorithm, or `None`
/// for an unknown name (matched case-insensitively).
pub fn digest_hex(algo: &str, data: &[u8]) -> Option<String> {
    use sha2::Digest;
    Some(match algo.to_ascii_lowercase().as_str() {
        "md4" => hex(&md4::Md4::digest(data)),
        "md5" => hex(&md5::Md5::digest(data)),
        "sha1" => hex(&sha1::Sha1::digest(data)),
        "sha224" => hex(&sha2::Sha224::digest(data)),
        "sha256" => hex(&sha2::Sha256::digest(data)),
        "sha384" => hex(&sha2::Sha384::digest(data)),
        "sha512" => hex(&sha2::Sha512::digest(data)),
        "ripemd160" => hex(&ripemd::Ripemd160::digest(data)),
        "sha3-224" => hex(&sha3::Sha3_224::digest(data)),
        "sha3-256" => hex(&sha3::Sha3_256::digest(data)),
        "sha3-384" => hex(&sha3::Sha3_384::digest(data)),
        "sha3-512" => hex(&sha3::Sha3_512::digest(data)),
        "blake2s256" => hex(&blake2::Blake2s256::digest(data)),
        "blake2b512" => hex(&blake2::Blake2b512::digest(data)),
        "sm3" => hex(&sm3::Sm3::digest(data)),
        _ => return None,
    })
}

/// `string hash(string algo, string | buffer data)`: md4, md5, sha1,
/// sha224, sha256, sha384, sha512, ripemd160, sha3-224/256/384/512,
/// blake2s256, blake2b512 or sm3 (the names OpenSSL gives FluffOS), as
/// lowercase hex.
pub fn hash(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let algo = args::string(args, 0)?;
    let data = data_bytes(&args[1])?;
    digest_hex(algo, &data)
        .map(Value::from)
        .ok_or_else(|| ferrum_vm::lpc_error!("hash() unknown hash type: {}", algo))
}

/// `string sha1(string | buffer)`: lowercase hex.
pub fn sha1(_vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let data = data_bytes(&args[0])?;
    Ok(Value::from(digest_hex("sha1", &data).unwrap_or_default()))
}

const SALT_CHARS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789./";

fn random_chars(vm: &mut Vm, alphabet: &[u8], n: usize) -> String {
    (0..n)
        .map(|_| alphabet[crate::math::random_below(vm, alphabet.len() as i64) as usize] as char)
        .collect()
}

/// The setting `crypt()` hashes with, per the rules in the module comment.
fn crypt_setting(vm: &mut Vm, salt: &Value) -> String {
    if let Value::Str(s) = salt {
        let b = s.as_bytes();
        if b.first() == Some(&b'$') {
            let bcrypt =
                b.len() >= 4 && b[1] == b'2' && matches!(b[2], b'a' | b'x' | b'y') && b[3] == b'$';
            let other = b.len() >= 3 && matches!(b[1], b'1' | b'5' | b'6') && b[2] == b'$';
            if bcrypt || other {
                return s.to_string();
            }
        } else if b.len() >= 2 {
            return s.to_string();
        }
    }
    format!("$6${}", random_chars(vm, SALT_CHARS, 16))
}

/// `string crypt(string key, string | int salt)`.
pub fn crypt(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let key = args::string(args, 0)?.as_bytes().to_vec();
    let setting = crypt_setting(vm, &args[1]);
    let sb = setting.as_bytes();
    let result = if sb.starts_with(b"$2") {
        bcrypt::bcrypt(&key, sb)
    } else if sb.starts_with(b"$1$") {
        unix_crypt::md5_crypt(&key, sb)
    } else if sb.starts_with(b"$5$") {
        unix_crypt::sha_crypt::<sha2::Sha256>(&key, sb)
    } else if sb.starts_with(b"$6$") {
        unix_crypt::sha_crypt::<sha2::Sha512>(&key, sb)
    } else {
        unix_crypt::des_crypt(&key, sb)
    };
    result
        .map(Value::from)
        .ok_or_else(|| LpcError::new("Error in crypt(), check your salt"))
}

/// `string oldcrypt(string key, string | int salt)`: the MudOS MD5-based
/// hash (see `oldcrypt.rs`); a salt shorter than two characters (or 0)
/// makes a random one.
pub fn oldcrypt(vm: &mut Vm, args: &mut [Value]) -> VmResult<Value> {
    let key = args::string(args, 0)?.as_bytes().to_vec();
    let salt = match &args[1] {
        Value::Str(s) if s.byte_len() >= 2 => s.as_bytes().to_vec(),
        _ => random_chars(
            vm,
            b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ./",
            8,
        )
        .into_bytes(),
    };
    Ok(Value::from(oldcrypt::custom_crypt(&key, &salt)))
}

#[cfg(test)]
mod tests;
