//! The opcode table: every CPython 3.11 opcode (same names and numbers as `Lib/opcode.py`)
//! plus the compiler's pseudo-instructions, each with its argument kind, inline cache
//! entries, flags and stack effect (as `Python/compile.c`'s `stack_effect`). The
//! [`Opcode`] enum and all per-opcode facts are generated from this one table.

/// What an instruction's argument means (decides how `dis` shows it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgKind {
    /// No argument (opcode < `HAVE_ARGUMENT`); the argument byte is 0.
    None,
    /// A plain number.
    Raw,
    /// Index into `co_consts`.
    Const,
    /// Index into `co_names`.
    Name,
    /// `LOAD_GLOBAL`: `(name index << 1) | push_null`.
    GlobalName,
    /// Index into the fast locals (`co_varnames`).
    Local,
    /// Index into the localsplus array (cell or free variable).
    Free,
    /// Relative jump in code units (backward when the opcode is flagged `BACKWARD`).
    Jump,
    /// `COMPARE_OP`: index into `cmp_op`.
    Compare,
    /// `FORMAT_VALUE`: conversion in bits 0-1, bit 2 = has format spec.
    Format,
    /// `MAKE_FUNCTION`: flag bits (defaults, kwdefaults, annotations, closure).
    MakeFunction,
    /// `BINARY_OP`: index into the `NB_*` operator table.
    BinaryOp,
}

/// Opcode flag bits (see [`Opcode::flags`]).
pub mod flags {
    /// The jump goes backwards (`oparg` counts code units back from the next instruction).
    pub const BACKWARD: u16 = 1;
    /// Control never falls through to the next instruction.
    pub const NO_FALLTHROUGH: u16 = 2;
    /// The instruction leaves the frame (`RETURN_VALUE`, `RAISE_VARARGS`, `RERAISE`).
    pub const SCOPE_EXIT: u16 = 4;
    /// A compiler-only pseudo-instruction, replaced before code is emitted.
    pub const PSEUDO: u16 = 8;
    /// An unconditional jump.
    pub const UNCONDITIONAL_JUMP: u16 = 16;
    /// A block-push pseudo-instruction (`SETUP_*`): its target is an exception handler.
    pub const SETUP: u16 = 32;
    /// A specialised form the VM rewrites its decoded instruction stream to (as CPython's
    /// quickening); never emitted by the compiler, never in `co_code`, so `dis` never shows it.
    pub const SPECIALISED: u16 = 64;
}

/// Opcodes below this number take no argument (`opcode.HAVE_ARGUMENT`).
pub const HAVE_ARGUMENT: u16 = 90;

macro_rules! opcodes {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident = $num:literal, $kind:ident, caches $caches:literal, [$($flag:ident)*],
        |$oparg:ident, $jump:ident| $effect:expr;
    )*) => {
        /// A CPython 3.11 opcode or compiler pseudo-opcode (numbers >= 256).
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u16)]
        pub enum Opcode {
            $( $(#[doc = $doc])* $name = $num, )*
        }

        impl Opcode {
            /// Every opcode, in table order.
            pub const ALL: &'static [Opcode] = &[$(Opcode::$name),*];

            /// The opcode with number `n`, if any.
            pub fn from_number(n: u16) -> Option<Opcode> {
                match n {
                    $( $num => Some(Opcode::$name), )*
                    _ => None,
                }
            }

            /// The opcode's name as `dis` prints it.
            pub fn name(self) -> &'static str {
                match self {
                    $( Opcode::$name => stringify!($name), )*
                }
            }

            /// How the argument is interpreted.
            pub fn arg_kind(self) -> ArgKind {
                match self {
                    $( Opcode::$name => ArgKind::$kind, )*
                }
            }

            /// Number of inline CACHE code units following the instruction.
            pub fn cache_entries(self) -> u32 {
                match self {
                    $( Opcode::$name => $caches, )*
                }
            }

            /// The [`flags`] bits.
            pub fn flags(self) -> u16 {
                match self {
                    $( Opcode::$name => 0 $(| flags::$flag)*, )*
                }
            }

            /// Net stack effect with argument `oparg`; `jump` selects the effect when the
            /// jump is taken (for non-jumps both are equal). As CPython's `stack_effect`.
            #[allow(unused_variables)]
            pub fn stack_effect(self, oparg: u32, jump: bool) -> i32 {
                match self {
                    $( Opcode::$name => { let $oparg = oparg as i32; let $jump = jump; $effect } )*
                }
            }
        }
    };
}

fn bit(x: i32, mask: i32) -> i32 {
    i32::from(x & mask != 0)
}

opcodes! {
    /// An inline cache entry (never executed).
    CACHE = 0, None, caches 0, [], |a, j| 0;
    /// Pop TOS.
    POP_TOP = 1, None, caches 0, [], |a, j| -1;
    /// Push NULL (before a callable that is not a method).
    PUSH_NULL = 2, None, caches 0, [], |a, j| 1;
    /// Do nothing.
    NOP = 9, None, caches 0, [], |a, j| 0;
    /// TOS = +TOS.
    UNARY_POSITIVE = 10, None, caches 0, [], |a, j| 0;
    /// TOS = -TOS.
    UNARY_NEGATIVE = 11, None, caches 0, [], |a, j| 0;
    /// TOS = not TOS.
    UNARY_NOT = 12, None, caches 0, [], |a, j| 0;
    /// TOS = ~TOS.
    UNARY_INVERT = 15, None, caches 0, [], |a, j| 0;
    /// TOS = TOS1[TOS].
    BINARY_SUBSCR = 25, None, caches 4, [], |a, j| -1;
    /// Push len(TOS).
    GET_LEN = 30, None, caches 0, [], |a, j| 1;
    /// Push whether TOS is a mapping (for `match`).
    MATCH_MAPPING = 31, None, caches 0, [], |a, j| 1;
    /// Push whether TOS is a sequence (for `match`).
    MATCH_SEQUENCE = 32, None, caches 0, [], |a, j| 1;
    /// Push the values of keys TOS in mapping TOS1, or None.
    MATCH_KEYS = 33, None, caches 0, [], |a, j| 1;
    /// Push the current exception under the raised one.
    PUSH_EXC_INFO = 35, None, caches 0, [], |a, j| 1;
    /// TOS = isinstance-match of TOS1 against TOS (`except T`).
    CHECK_EXC_MATCH = 36, None, caches 0, [], |a, j| 0;
    /// Split an exception group for `except*`.
    CHECK_EG_MATCH = 37, None, caches 0, [], |a, j| 0;
    /// Call `__exit__` with the exception.
    WITH_EXCEPT_START = 49, None, caches 0, [], |a, j| 1;
    /// TOS = TOS.__aiter__().
    GET_AITER = 50, None, caches 0, [], |a, j| 0;
    /// Push awaitable of TOS.__anext__().
    GET_ANEXT = 51, None, caches 0, [], |a, j| 1;
    /// Enter an `async with`.
    BEFORE_ASYNC_WITH = 52, None, caches 0, [], |a, j| 1;
    /// Enter a `with`.
    BEFORE_WITH = 53, None, caches 0, [], |a, j| 1;
    /// End of an `async for` (StopAsyncIteration handler).
    END_ASYNC_FOR = 54, None, caches 0, [], |a, j| -2;
    /// TOS1[TOS] = TOS2.
    STORE_SUBSCR = 60, None, caches 1, [], |a, j| -3;
    /// del TOS1[TOS].
    DELETE_SUBSCR = 61, None, caches 0, [], |a, j| -2;
    /// TOS = iter(TOS).
    GET_ITER = 68, None, caches 0, [], |a, j| 0;
    /// TOS = iter(TOS) unless it is a generator/coroutine.
    GET_YIELD_FROM_ITER = 69, None, caches 0, [], |a, j| 0;
    /// Print TOS in interactive mode.
    PRINT_EXPR = 70, None, caches 0, [], |a, j| -1;
    /// Push builtins.__build_class__.
    LOAD_BUILD_CLASS = 71, None, caches 0, [], |a, j| 1;
    /// Push AssertionError.
    LOAD_ASSERTION_ERROR = 74, None, caches 0, [], |a, j| 1;
    /// Create a generator/coroutine from the current frame and return it.
    RETURN_GENERATOR = 75, None, caches 0, [], |a, j| 0;
    /// TOS = tuple(TOS) (TOS is a list).
    LIST_TO_TUPLE = 82, None, caches 0, [], |a, j| 0;
    /// Return TOS.
    RETURN_VALUE = 83, None, caches 0, [NO_FALLTHROUGH SCOPE_EXIT], |a, j| -1;
    /// `from TOS import *`.
    IMPORT_STAR = 84, None, caches 0, [], |a, j| -1;
    /// Create `__annotations__` in the locals if missing.
    SETUP_ANNOTATIONS = 85, None, caches 0, [], |a, j| 0;
    /// Yield TOS.
    YIELD_VALUE = 86, None, caches 0, [], |a, j| 0;
    /// Wrap TOS for an async generator yield.
    ASYNC_GEN_WRAP = 87, None, caches 0, [], |a, j| 0;
    /// Combine raised and re-raised exceptions of `except*`.
    PREP_RERAISE_STAR = 88, None, caches 0, [], |a, j| -1;
    /// Restore the previous exception state.
    POP_EXCEPT = 89, None, caches 0, [], |a, j| -1;
    /// name = TOS (local namespace).
    STORE_NAME = 90, Name, caches 0, [], |a, j| -1;
    /// del name.
    DELETE_NAME = 91, Name, caches 0, [], |a, j| 0;
    /// Unpack TOS into `oparg` items.
    UNPACK_SEQUENCE = 92, Raw, caches 1, [], |a, j| a - 1;
    /// Push next(TOS) or pop it and jump at exhaustion.
    FOR_ITER = 93, Jump, caches 0, [], |a, j| if j { -1 } else { 1 };
    /// Unpack with a starred target (low byte before, high byte after).
    UNPACK_EX = 94, Raw, caches 0, [], |a, j| (a & 0xFF) + (a >> 8);
    /// TOS.name = TOS1.
    STORE_ATTR = 95, Name, caches 4, [], |a, j| -2;
    /// del TOS.name.
    DELETE_ATTR = 96, Name, caches 0, [], |a, j| -1;
    /// global name = TOS.
    STORE_GLOBAL = 97, Name, caches 0, [], |a, j| -1;
    /// del global name.
    DELETE_GLOBAL = 98, Name, caches 0, [], |a, j| 0;
    /// Swap TOS with the item at position `oparg`.
    SWAP = 99, Raw, caches 0, [], |a, j| 0;
    /// Push co_consts[oparg].
    LOAD_CONST = 100, Const, caches 0, [], |a, j| 1;
    /// Push a name from locals, globals or builtins.
    LOAD_NAME = 101, Name, caches 0, [], |a, j| 1;
    /// Build a tuple of `oparg` items.
    BUILD_TUPLE = 102, Raw, caches 0, [], |a, j| 1 - a;
    /// Build a list of `oparg` items.
    BUILD_LIST = 103, Raw, caches 0, [], |a, j| 1 - a;
    /// Build a set of `oparg` items.
    BUILD_SET = 104, Raw, caches 0, [], |a, j| 1 - a;
    /// Build a dict of `oparg` key/value pairs.
    BUILD_MAP = 105, Raw, caches 0, [], |a, j| 1 - 2 * a;
    /// TOS = TOS.name.
    LOAD_ATTR = 106, Name, caches 4, [], |a, j| 0;
    /// Rich comparison.
    COMPARE_OP = 107, Compare, caches 2, [], |a, j| -1;
    /// Import a module.
    IMPORT_NAME = 108, Name, caches 0, [], |a, j| -1;
    /// Push an attribute of the module at TOS.
    IMPORT_FROM = 109, Name, caches 0, [], |a, j| 1;
    /// Jump forward.
    JUMP_FORWARD = 110, Jump, caches 0, [NO_FALLTHROUGH UNCONDITIONAL_JUMP], |a, j| 0;
    /// If TOS is false jump (keeping it), else pop it.
    JUMP_IF_FALSE_OR_POP = 111, Jump, caches 0, [], |a, j| if j { 0 } else { -1 };
    /// If TOS is true jump (keeping it), else pop it.
    JUMP_IF_TRUE_OR_POP = 112, Jump, caches 0, [], |a, j| if j { 0 } else { -1 };
    /// Pop TOS, jump forward if false.
    POP_JUMP_FORWARD_IF_FALSE = 114, Jump, caches 0, [], |a, j| -1;
    /// Pop TOS, jump forward if true.
    POP_JUMP_FORWARD_IF_TRUE = 115, Jump, caches 0, [], |a, j| -1;
    /// Push a global (and NULL first when the low bit is set).
    LOAD_GLOBAL = 116, GlobalName, caches 5, [], |a, j| 1 + (a & 1);
    /// `is` / `is not` (oparg 1).
    IS_OP = 117, Raw, caches 0, [], |a, j| -1;
    /// `in` / `not in` (oparg 1).
    CONTAINS_OP = 118, Raw, caches 0, [], |a, j| -1;
    /// Re-raise TOS (oparg 1: restore f_lasti from TOS1).
    RERAISE = 119, Raw, caches 0, [NO_FALLTHROUGH SCOPE_EXIT], |a, j| -1;
    /// Push a copy of the item at position `oparg`.
    COPY = 120, Raw, caches 0, [], |a, j| 1;
    /// Binary or in-place operator.
    BINARY_OP = 122, BinaryOp, caches 1, [], |a, j| -1;
    /// Send TOS into the subiterator TOS1 (jump at its end).
    SEND = 123, Jump, caches 0, [], |a, j| if j { -1 } else { 0 };
    /// Push a local.
    LOAD_FAST = 124, Local, caches 0, [], |a, j| 1;
    /// Store a local.
    STORE_FAST = 125, Local, caches 0, [], |a, j| -1;
    /// Delete a local.
    DELETE_FAST = 126, Local, caches 0, [], |a, j| 0;
    /// Pop TOS, jump forward unless it is None.
    POP_JUMP_FORWARD_IF_NOT_NONE = 128, Jump, caches 0, [], |a, j| -1;
    /// Pop TOS, jump forward if it is None.
    POP_JUMP_FORWARD_IF_NONE = 129, Jump, caches 0, [], |a, j| -1;
    /// `raise` with `oparg` operands.
    RAISE_VARARGS = 130, Raw, caches 0, [NO_FALLTHROUGH SCOPE_EXIT], |a, j| -a;
    /// TOS = awaitable of TOS.
    GET_AWAITABLE = 131, Raw, caches 0, [], |a, j| 0;
    /// Make a function from the code object at TOS and the flagged extras below it.
    MAKE_FUNCTION = 132, MakeFunction, caches 0, [],
        |a, j| -(bit(a, 1) + bit(a, 2) + bit(a, 4) + bit(a, 8));
    /// Build a slice of 2 or 3 items.
    BUILD_SLICE = 133, Raw, caches 0, [], |a, j| if a == 3 { -2 } else { -1 };
    /// Jump backward without checking the eval breaker.
    JUMP_BACKWARD_NO_INTERRUPT = 134, Jump, caches 0, [BACKWARD NO_FALLTHROUGH UNCONDITIONAL_JUMP], |a, j| 0;
    /// Turn the local at `oparg` into a cell.
    MAKE_CELL = 135, Free, caches 0, [], |a, j| 0;
    /// Push the cell at `oparg`.
    LOAD_CLOSURE = 136, Free, caches 0, [], |a, j| 1;
    /// Push the contents of the cell at `oparg`.
    LOAD_DEREF = 137, Free, caches 0, [], |a, j| 1;
    /// Store into the cell at `oparg`.
    STORE_DEREF = 138, Free, caches 0, [], |a, j| -1;
    /// Empty the cell at `oparg`.
    DELETE_DEREF = 139, Free, caches 0, [], |a, j| 0;
    /// Jump backward (checks the eval breaker).
    JUMP_BACKWARD = 140, Jump, caches 0, [BACKWARD NO_FALLTHROUGH UNCONDITIONAL_JUMP], |a, j| 0;
    /// Call with positional tuple (and kwargs dict when bit 0 is set).
    CALL_FUNCTION_EX = 142, Raw, caches 0, [], |a, j| -2 - bit(a, 1);
    /// Prefix giving the next instruction's argument more bits.
    EXTENDED_ARG = 144, Raw, caches 0, [], |a, j| 0;
    /// list.append(STACK[-oparg-1], TOS).
    LIST_APPEND = 145, Raw, caches 0, [], |a, j| -1;
    /// set.add(STACK[-oparg-1], TOS).
    SET_ADD = 146, Raw, caches 0, [], |a, j| -1;
    /// dict[TOS1] = TOS for the dict at STACK[-oparg-2].
    MAP_ADD = 147, Raw, caches 0, [], |a, j| -2;
    /// Load a free variable of a class body, checking the class namespace first.
    LOAD_CLASSDEREF = 148, Free, caches 0, [], |a, j| 1;
    /// Copy the closure's cells into the frame.
    COPY_FREE_VARS = 149, Raw, caches 0, [], |a, j| 0;
    /// Start of a function or resumption point (0 start, 1 yield, 2 yield from, 3 await).
    RESUME = 151, Raw, caches 0, [], |a, j| 0;
    /// Match a class pattern with `oparg` positional sub-patterns.
    MATCH_CLASS = 152, Raw, caches 0, [], |a, j| -2;
    /// Format a value for an f-string.
    FORMAT_VALUE = 155, Format, caches 0, [], |a, j| if a & 4 != 0 { -1 } else { 0 };
    /// Build a dict from `oparg` values and a tuple of keys.
    BUILD_CONST_KEY_MAP = 156, Raw, caches 0, [], |a, j| -a;
    /// Concatenate `oparg` strings.
    BUILD_STRING = 157, Raw, caches 0, [], |a, j| 1 - a;
    /// Push the method (and self) or NULL and the attribute.
    LOAD_METHOD = 160, Name, caches 10, [], |a, j| 1;
    /// list.extend(STACK[-oparg-1], TOS).
    LIST_EXTEND = 162, Raw, caches 0, [], |a, j| -1;
    /// set.update(STACK[-oparg-1], TOS).
    SET_UPDATE = 163, Raw, caches 0, [], |a, j| -1;
    /// dict merge for `**` arguments (errors on duplicate keys).
    DICT_MERGE = 164, Raw, caches 0, [], |a, j| -1;
    /// dict.update(STACK[-oparg-1], TOS).
    DICT_UPDATE = 165, Raw, caches 0, [], |a, j| -1;
    /// Prepare a call with `oparg` arguments.
    PRECALL = 166, Raw, caches 1, [], |a, j| -a;
    /// Call with `oparg` arguments.
    CALL = 171, Raw, caches 4, [], |a, j| -1;
    /// Name the keyword arguments of the next CALL (a tuple constant).
    KW_NAMES = 172, Const, caches 0, [], |a, j| 0;
    /// Pop TOS, jump backward unless it is None.
    POP_JUMP_BACKWARD_IF_NOT_NONE = 173, Jump, caches 0, [BACKWARD], |a, j| -1;
    /// Pop TOS, jump backward if it is None.
    POP_JUMP_BACKWARD_IF_NONE = 174, Jump, caches 0, [BACKWARD], |a, j| -1;
    /// Pop TOS, jump backward if false.
    POP_JUMP_BACKWARD_IF_FALSE = 175, Jump, caches 0, [BACKWARD], |a, j| -1;
    /// Pop TOS, jump backward if true.
    POP_JUMP_BACKWARD_IF_TRUE = 176, Jump, caches 0, [BACKWARD], |a, j| -1;
    /// Pseudo: push an exception handler (target) for the following block.
    SETUP_FINALLY = 256, Jump, caches 0, [PSEUDO SETUP], |a, j| if j { 1 } else { 0 };
    /// Pseudo: push a cleanup handler (the handler also gets lasti).
    SETUP_CLEANUP = 257, Jump, caches 0, [PSEUDO SETUP], |a, j| if j { 2 } else { 0 };
    /// Pseudo: push a `with` handler.
    SETUP_WITH = 258, Jump, caches 0, [PSEUDO SETUP], |a, j| if j { 1 } else { 0 };
    /// Pseudo: pop the innermost handler.
    POP_BLOCK = 259, None, caches 0, [PSEUDO], |a, j| 0;
    /// Pseudo: unconditional jump (direction chosen at assembly).
    JUMP = 260, Jump, caches 0, [PSEUDO NO_FALLTHROUGH UNCONDITIONAL_JUMP], |a, j| 0;
    /// Pseudo: unconditional jump without eval-breaker check.
    JUMP_NO_INTERRUPT = 261, Jump, caches 0, [PSEUDO NO_FALLTHROUGH UNCONDITIONAL_JUMP], |a, j| 0;
    /// Pseudo: pop and jump if false (direction chosen at assembly).
    POP_JUMP_IF_FALSE = 262, Jump, caches 0, [PSEUDO], |a, j| -1;
    /// Pseudo: pop and jump if true.
    POP_JUMP_IF_TRUE = 263, Jump, caches 0, [PSEUDO], |a, j| -1;
    /// Pseudo: pop and jump if None.
    POP_JUMP_IF_NONE = 264, Jump, caches 0, [PSEUDO], |a, j| -1;
    /// Pseudo: pop and jump unless None.
    POP_JUMP_IF_NOT_NONE = 265, Jump, caches 0, [PSEUDO], |a, j| -1;
    /// Specialised: `LOAD_FAST` then the `LOAD_FAST` that follows (one dispatch).
    LOAD_FAST__LOAD_FAST = 300, Local, caches 0, [SPECIALISED], |a, j| 2;
    /// Specialised: `LOAD_FAST` then the `LOAD_CONST` that follows.
    LOAD_FAST__LOAD_CONST = 301, Local, caches 0, [SPECIALISED], |a, j| 2;
    /// Specialised: `LOAD_CONST` then the `LOAD_FAST` that follows.
    LOAD_CONST__LOAD_FAST = 302, Const, caches 0, [SPECIALISED], |a, j| 2;
    /// Specialised: `STORE_FAST` then the `LOAD_FAST` that follows.
    STORE_FAST__LOAD_FAST = 303, Local, caches 0, [SPECIALISED], |a, j| 0;
    /// Specialised: `STORE_FAST` then the `STORE_FAST` that follows.
    STORE_FAST__STORE_FAST = 304, Local, caches 0, [SPECIALISED], |a, j| -2;
    /// Specialised: `COMPARE_OP` then the `POP_JUMP_*_IF_FALSE`/`_TRUE` that follows, without
    /// making the intermediate bool for small ints and floats (CPython's `COMPARE_OP_*_JUMP`).
    COMPARE_OP__POP_JUMP = 305, Compare, caches 2, [SPECIALISED], |a, j| -2;
    /// Specialised: `BINARY_OP` `+` or `+=` (the operator known when the arm is compiled).
    BINARY_OP_ADD = 306, BinaryOp, caches 1, [SPECIALISED], |a, j| -1;
    /// Specialised: `BINARY_OP` `-` or `-=`.
    BINARY_OP_SUBTRACT = 307, BinaryOp, caches 1, [SPECIALISED], |a, j| -1;
    /// Specialised: `BINARY_OP` `*` or `*=`.
    BINARY_OP_MULTIPLY = 308, BinaryOp, caches 1, [SPECIALISED], |a, j| -1;
    /// Specialised: `IS_OP` then the `POP_JUMP_*_IF_FALSE`/`_TRUE` that follows.
    IS_OP__POP_JUMP = 309, Raw, caches 0, [SPECIALISED], |a, j| -2;
    /// Specialised: `SWAP 3`, `SWAP 2`, `STORE_SUBSCR` (the tail of `c[k] op= v`): store with
    /// the container, key and value in stack order.
    SWAP__SWAP__STORE_SUBSCR = 310, Raw, caches 0, [SPECIALISED], |a, j| -3;
    /// Specialised: `COPY 2`, `COPY 2`, `BINARY_SUBSCR` (the head of `c[k] op= v`): push
    /// `c[k]`, keeping `c` and `k` below it.
    COPY__COPY__BINARY_SUBSCR = 311, Raw, caches 0, [SPECIALISED], |a, j| 1;
}

impl Opcode {
    /// The real opcode byte (`None` for pseudo-opcodes).
    pub fn byte(self) -> Option<u8> {
        u8::try_from(self as u16).ok()
    }

    /// True for opcodes that carry an argument (`opcode >= HAVE_ARGUMENT`).
    pub fn has_arg(self) -> bool {
        (self as u16) >= HAVE_ARGUMENT
    }

    /// True for any jump (real or pseudo), including `FOR_ITER`, `SEND` and `SETUP_*`.
    pub fn is_jump(self) -> bool {
        self.arg_kind() == ArgKind::Jump
    }

    /// True for an instruction after which control never falls through.
    pub fn no_fallthrough(self) -> bool {
        self.flags() & flags::NO_FALLTHROUGH != 0
    }

    /// True for unconditional jumps.
    pub fn is_unconditional_jump(self) -> bool {
        self.flags() & flags::UNCONDITIONAL_JUMP != 0
    }

    /// True for the handler-pushing pseudo-instructions.
    pub fn is_setup(self) -> bool {
        self.flags() & flags::SETUP != 0
    }

    /// True for instructions that leave the frame.
    pub fn is_scope_exit(self) -> bool {
        self.flags() & flags::SCOPE_EXIT != 0
    }

    /// True for backward jumps.
    pub fn is_backward(self) -> bool {
        self.flags() & flags::BACKWARD != 0
    }

    /// True for the VM's specialised forms (never in `co_code`).
    pub fn is_specialised(self) -> bool {
        self.flags() & flags::SPECIALISED != 0
    }
}

/// `BINARY_OP` operator symbols, indexed by the `NB_*` argument (`opcode._nb_ops`).
pub const NB_OPS: [&str; 26] = [
    "+", "&", "//", "<<", "@", "*", "%", "|", "**", ">>", "-", "/", "^", "+=", "&=", "//=", "<<=",
    "@=", "*=", "%=", "|=", "**=", ">>=", "-=", "/=", "^=",
];

/// `COMPARE_OP` arguments (`opcode.cmp_op`).
pub const CMP_OPS: [&str; 6] = ["<", "<=", "==", "!=", ">", ">="];

/// `MAKE_FUNCTION` flag names, bit 0 first.
pub const MAKE_FUNCTION_FLAGS: [&str; 4] = ["defaults", "kwdefaults", "annotations", "closure"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip() {
        for &op in Opcode::ALL {
            assert_eq!(Opcode::from_number(op as u16), Some(op));
        }
    }
}
