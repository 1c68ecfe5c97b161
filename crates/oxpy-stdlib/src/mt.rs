//! MT19937, exactly as CPython's `_random.Random` (`Modules/_randommodule.c`): seeding by
//! `init_by_array`, `genrand_res53` floats and little-endian `getrandbits` words.

use num_bigint::BigUint;

const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908_b0df;
const UPPER_MASK: u32 = 0x8000_0000;
const LOWER_MASK: u32 = 0x7fff_ffff;

/// One Mersenne Twister generator plus `random.Random`'s cached second Gaussian.
#[derive(Clone)]
pub struct Mt {
    state: [u32; N],
    index: usize,
    /// `Random.gauss_next`.
    pub gauss_next: Option<f64>,
}

impl Mt {
    /// A generator seeded with `key` (`init_by_array`).
    pub fn from_key(key: &[u32]) -> Mt {
        let mut mt = Mt {
            state: [0; N],
            index: N,
            gauss_next: None,
        };
        mt.init_by_array(key);
        mt
    }

    /// A generator seeded from the OS entropy source (`random_seed_urandom`), falling back on
    /// the time and process id as CPython does.
    pub fn from_entropy() -> Mt {
        Mt::from_key(&entropy_key())
    }

    fn init_genrand(&mut self, s: u32) {
        let mt = &mut self.state;
        mt[0] = s;
        for i in 1..N {
            mt[i] = 1_812_433_253_u32
                .wrapping_mul(mt[i - 1] ^ (mt[i - 1] >> 30))
                .wrapping_add(i as u32);
        }
        self.index = N;
    }

    /// `init_by_array(key)`; an empty key acts as `[0]`.
    pub fn init_by_array(&mut self, key: &[u32]) {
        let key: &[u32] = if key.is_empty() { &[0] } else { key };
        self.init_genrand(19_650_218);
        let mt = &mut self.state;
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(key.len()) {
            let prev = mt[i - 1] ^ (mt[i - 1] >> 30);
            mt[i] = (mt[i] ^ prev.wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = mt[i - 1] ^ (mt[i - 1] >> 30);
            mt[i] = (mt[i] ^ prev.wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x8000_0000;
        self.gauss_next = None;
    }

    /// `genrand_uint32`: the next 32 random bits.
    pub fn next_u32(&mut self) -> u32 {
        let mt = &mut self.state;
        if self.index >= N {
            let mag = |y: u32| if y & 1 == 0 { 0 } else { MATRIX_A };
            for kk in 0..N - M {
                let y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
                mt[kk] = mt[kk + M] ^ (y >> 1) ^ mag(y);
            }
            for kk in N - M..N - 1 {
                let y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
                mt[kk] = mt[kk + M - N] ^ (y >> 1) ^ mag(y);
            }
            let y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
            mt[N - 1] = mt[M - 1] ^ (y >> 1) ^ mag(y);
            self.index = 0;
        }
        let mut y = mt[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^= y >> 18;
        y
    }

    /// `random()`: a float in `[0, 1)` with 53 random bits (`genrand_res53`).
    pub fn random(&mut self) -> f64 {
        let a = self.next_u32() >> 5;
        let b = self.next_u32() >> 6;
        (f64::from(a) * 67_108_864.0 + f64::from(b)) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `getrandbits(k)` for `k <= 64`.
    pub fn getrandbits_u64(&mut self, k: u32) -> u64 {
        match k {
            0 => 0,
            1..=32 => u64::from(self.next_u32() >> (32 - k)),
            _ => {
                let lo = u64::from(self.next_u32());
                let hi = u64::from(self.next_u32() >> (64 - k.min(64)));
                lo | (hi << 32)
            }
        }
    }

    /// `getrandbits(k)`: 32-bit words from least to most significant, the last one shifted
    /// down to keep `k` bits.
    pub fn getrandbits(&mut self, k: u64) -> BigUint {
        if k <= 64 {
            return BigUint::from(self.getrandbits_u64(k as u32));
        }
        let words = (k - 1) / 32 + 1;
        let mut out = Vec::with_capacity(usize::try_from(words).unwrap_or(0));
        let mut left = k;
        for _ in 0..words {
            let mut r = self.next_u32();
            if left < 32 {
                r >>= 32 - left;
            }
            out.push(r);
            left = left.saturating_sub(32);
        }
        BigUint::new(out)
    }

    /// `_randbelow_with_getrandbits(n)` for `0 < n < 2**64`.
    pub fn randbelow_u64(&mut self, n: u64) -> u64 {
        let k = 64 - n.leading_zeros();
        loop {
            let r = self.getrandbits_u64(k);
            if r < n {
                return r;
            }
        }
    }

    /// `_randbelow_with_getrandbits(n)` for `n > 0`.
    pub fn randbelow(&mut self, n: &BigUint) -> BigUint {
        if let Some(small) = u64::try_from(n).ok().filter(|&v| v > 0) {
            return BigUint::from(self.randbelow_u64(small));
        }
        let k = n.bits();
        loop {
            let r = self.getrandbits(k);
            if &r < n {
                return r;
            }
        }
    }

    /// `getstate()`'s internal part: the 624 words and the position.
    pub fn state(&self) -> (&[u32; N], usize) {
        (&self.state, self.index)
    }

    /// `setstate()`'s internal part; `index` must be at most 624.
    pub fn set_state(&mut self, words: [u32; N], index: usize) {
        self.state = words;
        self.index = index.min(N);
    }
}

/// 624 words of OS entropy, or CPython's time-and-pid fallback key.
fn entropy_key() -> Vec<u32> {
    let mut bytes = [0u8; N * 4];
    if getrandom::fill(&mut bytes).is_ok() {
        return bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let mono = crate::time::monotonic_ns() as u64;
    vec![
        now as u32,
        (now >> 32) as u32,
        std::process::id(),
        mono as u32,
        (mono >> 32) as u32,
    ]
}
