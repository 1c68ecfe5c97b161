//! CPython 3.11 hash functions, bit for bit (`Python/pyhash.c`, `Objects/*object.c`).
//!
//! * `str` / `bytes`: SipHash-1-3 of the PEP 393 canonical bytes, keyed by the [`HashSecret`]
//!   (`PYTHONHASHSEED`); empty data hashes to 0, −1 becomes −2.
//! * numbers: reduction modulo the Mersenne prime `2**61 - 1` so equal numbers hash equal.
//! * `tuple`: xxHash-style combine of the item hashes; `frozenset`: order-free shuffled xor.
//! * identity (`object.__hash__`): the address rotated right by 4 bits.
//!
//! Every function returns a `Py_hash_t` value as `i64` and never returns −1 (CPython's error
//! marker). Callers compute and pass the item hashes; errors of `__hash__` are theirs.

use num_bigint::{BigInt, Sign};
use siphasher::sip::SipHasher13;
use std::hash::Hasher;

/// Number of bits of the numeric hash modulus (`_PyHASH_BITS`).
pub const HASH_BITS: u32 = 61;
/// The numeric hash modulus `2**61 - 1` (`_PyHASH_MODULUS`).
pub const HASH_MODULUS: u64 = (1 << HASH_BITS) - 1;
/// Hash of `float('inf')` (`_PyHASH_INF`); `-inf` hashes to its negation.
pub const HASH_INF: i64 = 314_159;
/// Multiplier of the imaginary part in complex hashes (`_PyHASH_IMAG`).
pub const HASH_IMAG: u64 = 1_000_003;

/// Replace the error marker −1 by −2, as every CPython hash function does.
#[inline(always)]
const fn fix_minus_one(h: i64) -> i64 {
    if h == -1 { -2 } else { h }
}

/// Why a `PYTHONHASHSEED` value was rejected, or the OS random source failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HashSeedError {
    /// Not `random` and not an integer in `[0; 4294967295]`.
    InvalidSeed,
    /// The OS random source could not provide the secret.
    RandomUnavailable,
}

impl std::fmt::Display for HashSeedError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            // CPython's wording (Python/initconfig.c, config_init_hash_seed).
            Self::InvalidSeed => f.write_str(
                "PYTHONHASHSEED must be \"random\" or an integer in range [0; 4294967295]",
            ),
            Self::RandomUnavailable => {
                f.write_str("failed to get random numbers to initialize Python")
            }
        }
    }
}

impl std::error::Error for HashSeedError {}

/// The 24-byte hash secret (`_Py_HashSecret`); SipHash uses bytes 0–15 as keys `k0`, `k1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HashSecret {
    bytes: [u8; 24],
    k0: u64,
    k1: u64,
}

/// Where a string's PEP 393 canonical data is: the narrowest kind that holds every code point.
///
/// The caller guarantees canonical form (a `Ucs2` string has a unit ≥ 256, a `Ucs4` one a code
/// point ≥ 65536); otherwise the hash differs from CPython's, exactly as CPython's would.
#[derive(Debug, Clone, Copy)]
pub enum StrData<'a> {
    /// 1 byte per character (ASCII and Latin-1).
    Latin1(&'a [u8]),
    /// 2 bytes per character (UCS-2).
    Ucs2(&'a [u16]),
    /// 4 bytes per character (UCS-4).
    Ucs4(&'a [u32]),
}

impl HashSecret {
    /// The all-zero secret of `PYTHONHASHSEED=0`.
    pub const ZERO: HashSecret = HashSecret {
        bytes: [0; 24],
        k0: 0,
        k1: 0,
    };

    /// Build from the 24 secret bytes (`k0`/`k1` = bytes 0–7 / 8–15, little-endian).
    pub fn from_bytes(bytes: [u8; 24]) -> Self {
        let mut k0 = [0u8; 8];
        let mut k1 = [0u8; 8];
        k0.copy_from_slice(&bytes[0..8]);
        k1.copy_from_slice(&bytes[8..16]);
        HashSecret {
            bytes,
            k0: u64::from_le_bytes(k0),
            k1: u64::from_le_bytes(k1),
        }
    }

    /// The secret of `PYTHONHASHSEED=seed`: zero for 0, else CPython's `lcg_urandom`
    /// (`x = x * 214013 + 2531011 mod 2**32`, emit `(x >> 16) & 0xff`, 24 times).
    pub fn from_seed(seed: u32) -> Self {
        if seed == 0 {
            return Self::ZERO;
        }
        let mut bytes = [0u8; 24];
        let mut x = seed;
        for b in &mut bytes {
            x = x.wrapping_mul(214_013).wrapping_add(2_531_011);
            *b = ((x >> 16) & 0xff) as u8;
        }
        Self::from_bytes(bytes)
    }

    /// A secret from the OS random source (`PYTHONHASHSEED` unset or `random`).
    pub fn random() -> Result<Self, HashSeedError> {
        let mut bytes = [0u8; 24];
        getrandom::fill(&mut bytes).map_err(|_| HashSeedError::RandomUnavailable)?;
        Ok(Self::from_bytes(bytes))
    }

    /// The secret for a `PYTHONHASHSEED` environment value (`None` or empty = unset).
    pub fn from_env_value(value: Option<&str>) -> Result<Self, HashSeedError> {
        match value {
            None | Some("") | Some("random") => Self::random(),
            Some(text) => parse_seed(text).map(Self::from_seed),
        }
    }

    /// The two SipHash keys `(k0, k1)`.
    #[inline]
    pub fn keys(&self) -> (u64, u64) {
        (self.k0, self.k1)
    }

    /// The full 24-byte secret.
    pub fn bytes(&self) -> &[u8; 24] {
        &self.bytes
    }

    #[inline]
    fn sip(&self) -> SipHasher13 {
        SipHasher13::new_with_keys(self.k0, self.k1)
    }

    /// `hash(bytes)`: SipHash-1-3 of the data; empty → 0; −1 → −2.
    #[inline]
    pub fn hash_bytes(&self, data: &[u8]) -> i64 {
        if data.is_empty() {
            return 0;
        }
        fix_minus_one(self.sip().hash(data) as i64)
    }

    /// `hash(str)` for a string in canonical PEP 393 storage.
    pub fn hash_str(&self, data: StrData<'_>) -> i64 {
        match data {
            StrData::Latin1(b) => self.hash_bytes(b),
            StrData::Ucs2(units) => {
                self.hash_units(units, |u, out: &mut [u8; 2]| *out = u.to_le_bytes())
            }
            StrData::Ucs4(units) => {
                self.hash_units(units, |u, out: &mut [u8; 4]| *out = u.to_le_bytes())
            }
        }
    }

    /// Hash 2- or 4-byte code units as their little-endian bytes.
    fn hash_units<T: Copy, const W: usize>(
        &self,
        units: &[T],
        to_le: impl Fn(T, &mut [u8; W]),
    ) -> i64 {
        if units.is_empty() {
            return 0;
        }
        #[cfg(target_endian = "little")]
        {
            let _ = &to_le;
            // SAFETY: `T` is u16 or u32 (plain integers without padding, `W == size_of::<T>()`);
            // every byte of an initialised integer is an initialised u8, u8 has alignment 1, and the
            // byte slice covers exactly the memory of `units` for the lifetime of the borrow. On a
            // little-endian target these bytes are the UTF-16LE / UTF-32LE data CPython hashes.
            let bytes = unsafe {
                std::slice::from_raw_parts(
                    units.as_ptr().cast::<u8>(),
                    std::mem::size_of_val(units),
                )
            };
            self.hash_bytes(bytes)
        }
        #[cfg(not(target_endian = "little"))]
        {
            let mut h = self.sip();
            let mut buf = [0u8; W];
            for &u in units {
                to_le(u, &mut buf);
                h.write(&buf);
            }
            fix_minus_one(h.finish() as i64)
        }
    }

    /// `hash(s)` for a Rust string: hashes its PEP 393 canonical form without allocating.
    pub fn hash_utf8(&self, s: &str) -> i64 {
        if s.is_ascii() {
            return self.hash_bytes(s.as_bytes());
        }
        let max = s.chars().map(u32::from).max().unwrap_or(0);
        self.hash_code_points(s.chars().map(u32::from), max)
    }

    /// `hash(s)` for a string given as code points whose maximum is `max_code_point`.
    pub fn hash_code_points(
        &self,
        code_points: impl Iterator<Item = u32>,
        max_code_point: u32,
    ) -> i64 {
        let width = if max_code_point < 0x100 {
            1
        } else if max_code_point < 0x1_0000 {
            2
        } else {
            4
        };
        let mut h = self.sip();
        let mut buf = [0u8; 64];
        let mut fill = 0usize;
        let mut total = 0usize;
        for cp in code_points {
            if fill + width > buf.len() {
                h.write(&buf[..fill]);
                fill = 0;
            }
            let le = cp.to_le_bytes();
            buf[fill..fill + width].copy_from_slice(&le[..width]);
            fill += width;
            total += width;
        }
        if total == 0 {
            return 0;
        }
        h.write(&buf[..fill]);
        fix_minus_one(h.finish() as i64)
    }
}

/// Parse a `PYTHONHASHSEED` value like CPython's `strtoul(text, &end, 10)` check: optional
/// leading whitespace and sign, decimal digits, nothing after, value ≤ 4294967295.
fn parse_seed(text: &str) -> Result<u32, HashSeedError> {
    let t = text.trim_start_matches([' ', '\t', '\n', '\x0b', '\x0c', '\r']);
    let (negative, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(HashSeedError::InvalidSeed);
    }
    let mut value: u64 = 0;
    for b in digits.bytes() {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(u64::from(b - b'0')))
            .ok_or(HashSeedError::InvalidSeed)?;
    }
    // strtoul negates in unsigned arithmetic: only "-0" stays in range.
    let value = if negative {
        value.wrapping_neg()
    } else {
        value
    };
    u32::try_from(value).map_err(|_| HashSeedError::InvalidSeed)
}

/// `hash(n)` for an int that fits in 64 bits: `|n| mod (2**61-1)` with the sign of `n`, −1 → −2.
#[inline]
pub const fn hash_i64(n: i64) -> i64 {
    let m = (n.unsigned_abs() % HASH_MODULUS) as i64;
    fix_minus_one(if n < 0 { -m } else { m })
}

/// `hash(n)` for an unsigned 64-bit int.
#[inline]
pub const fn hash_u64(n: u64) -> i64 {
    (n % HASH_MODULUS) as i64
}

/// `hash(n)` for an int given as CPython 30-bit digits (least significant first) and a sign,
/// computed as `long_hash` does (rotate by 30 bits modulo `2**61 - 1`, digit by digit).
pub fn hash_digits30(negative: bool, digits: &[u32]) -> i64 {
    let mut x: u64 = 0;
    for &d in digits.iter().rev() {
        x = ((x << 30) & HASH_MODULUS) | (x >> (HASH_BITS - 30));
        x += u64::from(d & 0x3fff_ffff);
        if x >= HASH_MODULUS {
            x -= HASH_MODULUS;
        }
    }
    let h = if negative {
        (x as i64).wrapping_neg()
    } else {
        x as i64
    };
    fix_minus_one(h)
}

/// `hash(n)` for an arbitrary-size int.
pub fn hash_bigint(n: &BigInt) -> i64 {
    // Horner over 64-bit limbs, most significant first; no allocation.
    let mut x: u128 = 0;
    for limb in n.magnitude().iter_u64_digits().rev() {
        x = ((x << 64) | u128::from(limb)) % u128::from(HASH_MODULUS);
    }
    let m = x as i64;
    fix_minus_one(if n.sign() == Sign::Minus { -m } else { m })
}

/// `hash(x)` for a float; `None` for NaN, which CPython hashes by object identity
/// ([`hash_pointer`] of the float object).
pub fn hash_f64(x: f64) -> Option<i64> {
    if x.is_nan() {
        return None;
    }
    if x.is_infinite() {
        return Some(if x > 0.0 { HASH_INF } else { -HASH_INF });
    }
    let bits = x.to_bits();
    let negative = bits >> 63 == 1;
    let exp_bits = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1 << 52) - 1);
    // |x| = mant * 2**exp exactly; mant < 2**53 < modulus, so it is already reduced.
    let (mant, exp) = if exp_bits == 0 {
        (frac, -1074)
    } else {
        (frac | (1 << 52), exp_bits - 1075)
    };
    if mant == 0 {
        return Some(0);
    }
    // 2**61 ≡ 1, so multiplying by 2**e is a 61-bit rotation by e mod 61.
    let e = exp.rem_euclid(HASH_BITS as i32) as u32;
    let mut h = mant;
    if e != 0 {
        h = (h.wrapping_shl(e) & HASH_MODULUS) | (h >> (HASH_BITS - e));
    }
    let h = if negative {
        (h as i64).wrapping_neg()
    } else {
        h as i64
    };
    Some(fix_minus_one(h))
}

/// `hash(complex)` from the hashes of its real and imaginary parts.
#[inline]
pub const fn hash_complex(real_hash: i64, imag_hash: i64) -> i64 {
    let h = (real_hash as u64).wrapping_add(HASH_IMAG.wrapping_mul(imag_hash as u64));
    fix_minus_one(h as i64)
}

/// `object.__hash__`: the address rotated right by 4 bits, −1 → −2 (`_Py_HashPointer`).
#[inline]
pub const fn hash_pointer(addr: usize) -> i64 {
    fix_minus_one((addr as u64).rotate_right(4) as i64)
}

const XXPRIME_1: u64 = 11_400_714_785_074_694_791;
const XXPRIME_2: u64 = 14_029_467_366_897_019_727;
const XXPRIME_5: u64 = 2_870_177_450_012_600_261;

/// Incremental tuple hash (`tuplehash`): feed each item's hash, then [`TupleHasher::finish`].
#[derive(Debug, Clone, Copy)]
pub struct TupleHasher {
    acc: u64,
}

impl Default for TupleHasher {
    fn default() -> Self {
        Self::new()
    }
}

impl TupleHasher {
    /// Start a tuple hash.
    #[inline]
    pub const fn new() -> Self {
        TupleHasher { acc: XXPRIME_5 }
    }

    /// Add the hash of the next item.
    #[inline]
    pub fn push(&mut self, item_hash: i64) {
        let lane = item_hash as u64;
        self.acc = self
            .acc
            .wrapping_add(lane.wrapping_mul(XXPRIME_2))
            .rotate_left(31)
            .wrapping_mul(XXPRIME_1);
    }

    /// Finish for a tuple of `len` items.
    #[inline]
    pub fn finish(self, len: usize) -> i64 {
        let acc = self
            .acc
            .wrapping_add((len as u64) ^ (XXPRIME_5 ^ 3_527_539));
        if acc == u64::MAX {
            1_546_275_796
        } else {
            acc as i64
        }
    }
}

/// `hash(tuple)` from the item hashes.
pub fn hash_tuple(item_hashes: &[i64]) -> i64 {
    let mut h = TupleHasher::new();
    for &x in item_hashes {
        h.push(x);
    }
    h.finish(item_hashes.len())
}

/// `_shuffle_bits` of `frozenset_hash`.
#[inline(always)]
const fn shuffle_bits(h: u64) -> u64 {
    ((h ^ 89_869_747) ^ (h << 16)).wrapping_mul(3_644_798_167)
}

/// Incremental frozenset hash: feed every live element's hash (any order), then finish.
#[derive(Debug, Clone, Copy, Default)]
pub struct FrozensetHasher {
    acc: u64,
}

impl FrozensetHasher {
    /// Start a frozenset hash.
    #[inline]
    pub const fn new() -> Self {
        FrozensetHasher { acc: 0 }
    }

    /// Add one element's hash.
    #[inline]
    pub fn push(&mut self, item_hash: i64) {
        self.acc ^= shuffle_bits(item_hash as u64);
    }

    /// Finish for a set of `len` elements.
    pub fn finish(self, len: usize) -> i64 {
        let mut h = self.acc;
        h ^= (len as u64).wrapping_add(1).wrapping_mul(1_927_868_237);
        h ^= (h >> 11) ^ (h >> 25);
        h = h.wrapping_mul(69_069).wrapping_add(907_133_923);
        if h == u64::MAX { 590_923_713 } else { h as i64 }
    }
}

/// `hash(frozenset)` from the element hashes.
pub fn hash_frozenset(item_hashes: &[i64]) -> i64 {
    let mut h = FrozensetHasher::new();
    for &x in item_hashes {
        h.push(x);
    }
    h.finish(item_hashes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_parsing_follows_strtoul() {
        assert_eq!(parse_seed("12345"), Ok(12345));
        assert_eq!(parse_seed(" +7"), Ok(7));
        assert_eq!(parse_seed("-0"), Ok(0));
        assert_eq!(parse_seed("4294967295"), Ok(u32::MAX));
        assert!(parse_seed("4294967296").is_err());
        assert!(parse_seed("-1").is_err());
        assert!(parse_seed("12x").is_err());
        assert!(parse_seed("+").is_err());
        assert!(parse_seed("99999999999999999999999").is_err());
    }

    #[test]
    fn random_and_zero_secrets() {
        let a = HashSecret::from_env_value(None);
        assert!(a.is_ok());
        assert_eq!(HashSecret::from_env_value(Some("0")), Ok(HashSecret::ZERO));
    }
}
