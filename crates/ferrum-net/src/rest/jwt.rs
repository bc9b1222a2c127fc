//! HS256 JSON Web Tokens.
//!
//! jsonwebtoken 11 has no ring backend and its two backends pull in either
//! a large C library (aws-lc) or RSA/EC crates we never use, so HS256 runs
//! on ring (already linked for TLS) through a small provider of our own.

use jsonwebtoken::crypto::{CryptoProvider, JwtSigner, JwtVerifier, KeyUtils};
use jsonwebtoken::errors::{ErrorKind, Result as JwtResult};
use jsonwebtoken::signature::{Error as SignatureError, Signer, Verifier};
use jsonwebtoken::{Algorithm, AlgorithmFamily, DecodingKey, EncodingKey, Header, Validation};
use serde_json::Value;
use std::time::{SystemTime, UNIX_EPOCH};

struct HmacSha256(ring::hmac::Key);

impl Signer<Vec<u8>> for HmacSha256 {
    fn try_sign(&self, message: &[u8]) -> Result<Vec<u8>, SignatureError> {
        Ok(ring::hmac::sign(&self.0, message).as_ref().to_vec())
    }
}

impl JwtSigner for HmacSha256 {
    fn algorithm(&self) -> Algorithm {
        Algorithm::HS256
    }
}

impl Verifier<Vec<u8>> for HmacSha256 {
    fn verify(&self, message: &[u8], signature: &Vec<u8>) -> Result<(), SignatureError> {
        // ring compares in constant time.
        ring::hmac::verify(&self.0, message, signature).map_err(|_| SignatureError::new())
    }
}

impl JwtVerifier for HmacSha256 {
    fn algorithm(&self) -> Algorithm {
        Algorithm::HS256
    }
}

fn signer(algorithm: &Algorithm, key: &EncodingKey) -> JwtResult<Box<dyn JwtSigner>> {
    if *algorithm != Algorithm::HS256 || key.family() != AlgorithmFamily::Hmac {
        return Err(ErrorKind::InvalidAlgorithm.into());
    }
    Ok(Box::new(HmacSha256(ring::hmac::Key::new(
        ring::hmac::HMAC_SHA256,
        key.as_bytes(),
    ))))
}

fn verifier(algorithm: &Algorithm, key: &DecodingKey) -> JwtResult<Box<dyn JwtVerifier>> {
    if *algorithm != Algorithm::HS256 || key.family() != AlgorithmFamily::Hmac {
        return Err(ErrorKind::InvalidAlgorithm.into());
    }
    Ok(Box::new(HmacSha256(ring::hmac::Key::new(
        ring::hmac::HMAC_SHA256,
        key.try_get_as_bytes()?,
    ))))
}

static RING_HS256: CryptoProvider = CryptoProvider {
    signer_factory: signer,
    verifier_factory: verifier,
    key_utils: KeyUtils::new_unimplemented(),
};

/// Makes our provider jsonwebtoken's process default unless one is set
/// already (another user of jsonwebtoken in the process may have chosen one).
fn ensure_provider() {
    let _ = RING_HS256.install_default();
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Signs `claims` (an object) with HS256. `iat` is added when absent; with
/// `expires_in` (seconds) `exp` is set to now + expires_in.
pub fn sign_jwt(secret: &str, claims: &Value, expires_in: Option<u64>) -> Result<String, String> {
    if secret.is_empty() {
        return Err("empty secret".to_string());
    }
    let Value::Object(claims) = claims else {
        return Err("claims must be a mapping".to_string());
    };
    let mut claims = claims.clone();
    let now = now();
    claims.entry("iat").or_insert_with(|| Value::from(now));
    if let Some(seconds) = expires_in {
        claims.insert("exp".to_string(), Value::from(now.saturating_add(seconds)));
    }
    ensure_provider();
    jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .map_err(|e| format!("cannot sign token: {e}"))
}

/// Verifies an HS256 token and returns its claims. `exp` and `nbf` are
/// checked when present (no leeway); other algorithms, "none" included, are
/// refused.
pub fn verify_jwt(secret: &str, token: &str) -> Result<Value, String> {
    if secret.is_empty() {
        return Err("empty secret".to_string());
    }
    let mut validation = Validation::new(Algorithm::HS256);
    validation.leeway = 0;
    validation.validate_nbf = true;
    // No audience is configured, so a token naming one must not be refused.
    validation.validate_aud = false;
    validation.required_spec_claims.clear();
    ensure_provider();
    let data = jsonwebtoken::decode::<Value>(
        token.trim(),
        &DecodingKey::from_secret(secret.as_bytes()),
        &validation,
    )
    .map_err(|e| describe(e.kind()))?;
    match data.claims {
        claims @ Value::Object(_) => Ok(claims),
        _ => Err("malformed token".to_string()),
    }
}

fn describe(kind: &ErrorKind) -> String {
    match kind {
        ErrorKind::ExpiredSignature => "token expired".to_string(),
        ErrorKind::ImmatureSignature => "token not yet valid".to_string(),
        ErrorKind::InvalidSignature => "invalid signature".to_string(),
        ErrorKind::InvalidAlgorithm
        | ErrorKind::InvalidAlgorithmName
        | ErrorKind::UnsupportedAlgorithm => "algorithm not allowed (HS256 only)".to_string(),
        ErrorKind::InvalidClaimFormat(claim) => format!("invalid claim {claim}"),
        _ => "malformed token".to_string(),
    }
}

/// The token of an `Authorization: Bearer <token>` header, if any.
pub(crate) fn bearer_token(headers: &[(String, String)]) -> Option<&str> {
    let value = headers
        .iter()
        .find(|(name, _)| name == "authorization")?
        .1
        .trim();
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const SECRET: &str = "test-secret";

    /// A token whose header and claims are chosen freely, signed with `secret`.
    fn forge(header: &Value, claims: &Value, secret: &str) -> String {
        use jsonwebtoken::crypto::sign;
        ensure_provider();
        let b64 = |v: &Value| base64url(serde_json::to_vec(v).unwrap().as_slice());
        let message = format!("{}.{}", b64(header), b64(claims));
        let signature = sign(
            message.as_bytes(),
            &EncodingKey::from_secret(secret.as_bytes()),
            Algorithm::HS256,
        )
        .unwrap();
        format!("{message}.{signature}")
    }

    fn base64url(bytes: &[u8]) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let n =
                chunk.iter().fold(0u32, |acc, &b| acc << 8 | b as u32) << (8 * (3 - chunk.len()));
            for i in 0..=chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            }
        }
        out
    }

    #[test]
    fn sign_then_verify_round_trips_claims() {
        let token = sign_jwt(SECRET, &json!({"sub": "alice", "role": "admin"}), Some(60)).unwrap();
        let claims = verify_jwt(SECRET, &token).unwrap();
        assert_eq!(claims["sub"], "alice");
        assert_eq!(claims["role"], "admin");
        let iat = claims["iat"].as_u64().unwrap();
        assert_eq!(claims["exp"].as_u64().unwrap(), iat + 60);
        assert!(iat.abs_diff(now()) < 5);
    }

    #[test]
    fn token_without_exp_is_accepted() {
        let token = sign_jwt(SECRET, &json!({"sub": "bob"}), None).unwrap();
        let claims = verify_jwt(SECRET, &token).unwrap();
        assert!(claims.get("exp").is_none());
    }

    #[test]
    fn expired_token_is_refused() {
        let token = sign_jwt(SECRET, &json!({"sub": "x", "exp": now() - 10}), None).unwrap();
        assert_eq!(verify_jwt(SECRET, &token), Err("token expired".to_string()));
    }

    #[test]
    fn future_nbf_is_refused() {
        let token = sign_jwt(SECRET, &json!({"nbf": now() + 3600}), None).unwrap();
        assert_eq!(
            verify_jwt(SECRET, &token),
            Err("token not yet valid".to_string())
        );
    }

    #[test]
    fn wrong_secret_or_tampered_payload_is_refused() {
        let token = sign_jwt(SECRET, &json!({"sub": "x"}), None).unwrap();
        assert_eq!(
            verify_jwt("other", &token),
            Err("invalid signature".to_string())
        );
        let mut parts: Vec<&str> = token.split('.').collect();
        let tampered = base64url(br#"{"sub":"admin"}"#);
        parts[1] = &tampered;
        assert_eq!(
            verify_jwt(SECRET, &parts.join(".")),
            Err("invalid signature".to_string())
        );
    }

    #[test]
    fn other_algorithms_and_garbage_are_refused() {
        let none_alg = format!(
            "{}.{}.",
            base64url(br#"{"alg":"none","typ":"JWT"}"#),
            base64url(br#"{"sub":"x"}"#)
        );
        assert!(verify_jwt(SECRET, &none_alg).is_err());
        let hs512 = forge(
            &json!({"alg": "HS512", "typ": "JWT"}),
            &json!({"sub": "x"}),
            SECRET,
        );
        assert_eq!(
            verify_jwt(SECRET, &hs512),
            Err("algorithm not allowed (HS256 only)".to_string())
        );
        assert_eq!(
            verify_jwt(SECRET, "not a token"),
            Err("malformed token".to_string())
        );
    }

    #[test]
    fn audience_in_token_does_not_fail() {
        let token = forge(
            &json!({"alg": "HS256", "typ": "JWT"}),
            &json!({"aud": "game"}),
            SECRET,
        );
        assert_eq!(verify_jwt(SECRET, &token).unwrap()["aud"], "game");
    }

    #[test]
    fn bad_arguments_are_errors() {
        assert!(sign_jwt("", &json!({}), None).is_err());
        assert_eq!(
            sign_jwt(SECRET, &json!([1]), None),
            Err("claims must be a mapping".to_string())
        );
        assert!(verify_jwt("", "a.b.c").is_err());
    }

    #[test]
    fn bearer_header_parsing() {
        let h = |v: &str| vec![("authorization".to_string(), v.to_string())];
        assert_eq!(bearer_token(&h("Bearer abc")), Some("abc"));
        assert_eq!(bearer_token(&h("bearer  abc ")), Some("abc"));
        assert_eq!(bearer_token(&h("Basic abc")), None);
        assert_eq!(bearer_token(&h("Bearer")), None);
        assert_eq!(bearer_token(&[]), None);
    }
}
