//! The index array of a compact dict's keys table (`dk_indices`): slots of 1, 2, 4 or 8 bytes
//! by table size, and the probe sequence over them. Probe loops take the slots as a slice of
//! one width ([`with_slots`]), so the width is matched once per lookup, not once per probe.

use super::dict_table::index_width;

/// Index slot value of a never-used slot.
pub(super) const DKIX_EMPTY: isize = -1;
/// Index slot value of a deleted entry's slot.
pub(super) const DKIX_DUMMY: isize = -2;
const PERTURB_SHIFT: u32 = 5;

/// The index array with the narrowest slot width for its size.
#[derive(Debug, Clone)]
pub(super) enum Indices {
    /// The 8 slots of a minimum-size table, inline (no allocation).
    Small([i8; 8]),
    I8(Box<[i8]>),
    I16(Box<[i16]>),
    I32(Box<[i32]>),
    I64(Box<[i64]>),
}

/// One index slot width (`int8_t` … `int64_t` in `dk_indices`).
pub(super) trait Slot: Copy {
    /// The slot's value widened (−1 empty, −2 deleted, else an entry number).
    fn ix(self) -> isize;
}

impl Slot for i8 {
    #[inline(always)]
    fn ix(self) -> isize {
        self as isize
    }
}
impl Slot for i16 {
    #[inline(always)]
    fn ix(self) -> isize {
        self as isize
    }
}
impl Slot for i32 {
    #[inline(always)]
    fn ix(self) -> isize {
        self as isize
    }
}
impl Slot for i64 {
    #[inline(always)]
    fn ix(self) -> isize {
        self as isize
    }
}

/// Run `$body` with `$a` bound to the index array as a slice of its own width: one match on
/// the width outside a probe loop instead of one per probe.
macro_rules! with_slots {
    ($indices:expr, $a:ident => $body:expr) => {
        match $indices {
            Indices::Small(arr) => {
                let $a: &[i8] = &arr[..];
                $body
            }
            Indices::I8(b) => {
                let $a: &[i8] = b;
                $body
            }
            Indices::I16(b) => {
                let $a: &[i16] = b;
                $body
            }
            Indices::I32(b) => {
                let $a: &[i32] = b;
                $body
            }
            Indices::I64(b) => {
                let $a: &[i64] = b;
                $body
            }
        }
    };
}

/// The index at slot `i` of a slice (an out-of-range slot reads as empty, ending any probe).
#[inline(always)]
pub(super) fn slot_at<I: Slot>(a: &[I], i: usize) -> isize {
    a.get(i).map_or(DKIX_EMPTY, |&x| x.ix())
}

impl Indices {
    /// All slots −1 for a table of `2**log2` slots.
    pub(super) fn new(log2: u8) -> Self {
        let n = 1usize << log2;
        if n == 8 {
            return Indices::Small([-1; 8]);
        }
        match index_width(log2) {
            1 => Indices::I8(vec![-1; n].into()),
            2 => Indices::I16(vec![-1; n].into()),
            4 => Indices::I32(vec![-1; n].into()),
            _ => Indices::I64(vec![-1; n].into()),
        }
    }

    /// The index at slot `i` (an out-of-range slot reads as empty, ending any probe).
    #[inline(always)]
    pub(super) fn get(&self, i: usize) -> isize {
        with_slots!(self, a => slot_at(a, i))
    }

    /// Store entry number (or −2) `ix` at slot `i`.
    #[inline(always)]
    pub(super) fn set(&mut self, i: usize, ix: isize) {
        // Widths are chosen so every entry number fits (usable < 2**(8*width - 1)).
        match self {
            Indices::Small(a) => {
                if let Some(s) = a.get_mut(i) {
                    *s = ix as i8;
                }
            }
            Indices::I8(a) => {
                if let Some(s) = a.get_mut(i) {
                    *s = ix as i8;
                }
            }
            Indices::I16(a) => {
                if let Some(s) = a.get_mut(i) {
                    *s = ix as i16;
                }
            }
            Indices::I32(a) => {
                if let Some(s) = a.get_mut(i) {
                    *s = ix as i32;
                }
            }
            Indices::I64(a) => {
                if let Some(s) = a.get_mut(i) {
                    *s = ix as i64;
                }
            }
        }
    }

    /// `find_empty_slot`: first slot on the probe path of `hash` holding −1 or −2.
    #[inline]
    pub(super) fn find_empty_slot(&self, mask: usize, hash: i64) -> usize {
        with_slots!(self, a => {
            let mut p = Probe::new(hash, mask);
            while slot_at(a, p.i) >= 0 {
                p.next();
            }
            p.i
        })
    }
}

/// The probe sequence of 1.8.3.
#[derive(Debug, Clone, Copy)]
pub(super) struct Probe {
    /// The current slot.
    pub(super) i: usize,
    perturb: u64,
    /// `2**log2 - 1`.
    pub(super) mask: usize,
}

impl Probe {
    #[inline(always)]
    /// The probe of `hash` starts at slot `hash & mask`.
    pub(super) fn new(hash: i64, mask: usize) -> Self {
        Probe {
            i: (hash as u64 as usize) & mask,
            perturb: hash as u64,
            mask,
        }
    }

    /// The next slot: `perturb >>= 5; i = (5*i + perturb + 1) & mask`.
    #[inline(always)]
    pub(super) fn next(&mut self) {
        self.perturb >>= PERTURB_SHIFT;
        self.i = (self
            .i
            .wrapping_mul(5)
            .wrapping_add(self.perturb as usize)
            .wrapping_add(1))
            & self.mask;
    }
}

/// `lookdict_index`: the slot whose index is `ix`.
#[inline]
pub(super) fn lookdict_index(
    indices: &Indices,
    mask: usize,
    hash: i64,
    ix: usize,
) -> Option<usize> {
    let mut p = Probe::new(hash, mask);
    for _ in 0..=mask.saturating_mul(2).max(64) {
        let v = indices.get(p.i);
        if v == ix as isize {
            return Some(p.i);
        }
        if v == DKIX_EMPTY {
            return None;
        }
        p.next();
    }
    None
}

pub(super) use with_slots;
