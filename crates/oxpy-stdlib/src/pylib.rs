//! Modules written in Python, bundled into the binary from `crates/oxpy-stdlib/lib/`.
//!
//! Most are adapted from CPython 3.11's `Lib/*.py` (the pure-Python implementations, trimmed
//! of what oxpy cannot run yet); see each file's header.

/// `(module name, source, is_package)` for every bundled module.
static MODULES: &[(&str, &str, bool)] = &[
    ("_io", include_str!("../lib/_io.py"), false),
    ("_oxpy_hello", include_str!("../lib/_oxpy_hello.py"), false),
    (
        "_collections_abc",
        include_str!("../lib/_collections_abc.py"),
        false,
    ),
    (
        "_oxpy_importlib",
        include_str!("../lib/_oxpy_importlib.py"),
        false,
    ),
    ("_oxpy_sys", include_str!("../lib/_oxpy_sys.py"), false),
    ("_py_abc", include_str!("../lib/_py_abc.py"), false),
    ("_weakrefset", include_str!("../lib/_weakrefset.py"), false),
    ("_pydecimal", include_str!("../lib/_pydecimal.py"), false),
    ("_random", include_str!("../lib/_random.py"), false),
    ("_sha512", include_str!("../lib/_sha512.py"), false),
    (
        "_sitebuiltins",
        include_str!("../lib/_sitebuiltins.py"),
        false,
    ),
    ("_sre", include_str!("../lib/_sre.py"), false),
    ("_struct", include_str!("../lib/_struct.py"), false),
    ("_thread", include_str!("../lib/_thread.py"), false),
    ("abc", include_str!("../lib/abc.py"), false),
    ("base64", include_str!("../lib/base64.py"), false),
    ("binascii", include_str!("../lib/binascii.py"), false),
    ("hashlib", include_str!("../lib/hashlib.py"), false),
    ("array", include_str!("../lib/array.py"), false),
    ("bisect", include_str!("../lib/bisect.py"), false),
    ("codecs", include_str!("../lib/codecs.py"), false),
    (
        "collections",
        include_str!("../lib/collections/__init__.py"),
        true,
    ),
    (
        "collections.abc",
        include_str!("../lib/collections/abc.py"),
        false,
    ),
    ("contextlib", include_str!("../lib/contextlib.py"), false),
    ("contextvars", include_str!("../lib/contextvars.py"), false),
    ("copy", include_str!("../lib/copy.py"), false),
    ("copyreg", include_str!("../lib/copyreg.py"), false),
    ("dataclasses", include_str!("../lib/dataclasses.py"), false),
    ("enum", include_str!("../lib/enum.py"), false),
    ("datetime", include_str!("../lib/datetime.py"), false),
    ("decimal", include_str!("../lib/decimal.py"), false),
    ("fractions", include_str!("../lib/fractions.py"), false),
    ("functools", include_str!("../lib/functools.py"), false),
    ("genericpath", include_str!("../lib/genericpath.py"), false),
    ("heapq", include_str!("../lib/heapq.py"), false),
    ("inspect", include_str!("../lib/inspect.py"), false),
    (
        "importlib",
        include_str!("../lib/importlib/__init__.py"),
        true,
    ),
    (
        "importlib.machinery",
        include_str!("../lib/importlib/machinery.py"),
        false,
    ),
    (
        "importlib.util",
        include_str!("../lib/importlib/util.py"),
        false,
    ),
    ("io", include_str!("../lib/io.py"), false),
    ("itertools", include_str!("../lib/itertools.py"), false),
    ("json", include_str!("../lib/json/__init__.py"), true),
    (
        "json.decoder",
        include_str!("../lib/json/decoder.py"),
        false,
    ),
    (
        "json.encoder",
        include_str!("../lib/json/encoder.py"),
        false,
    ),
    (
        "json.scanner",
        include_str!("../lib/json/scanner.py"),
        false,
    ),
    ("keyword", include_str!("../lib/keyword.py"), false),
    ("linecache", include_str!("../lib/linecache.py"), false),
    ("numbers", include_str!("../lib/numbers.py"), false),
    ("operator", include_str!("../lib/operator.py"), false),
    ("os", include_str!("../lib/os.py"), false),
    ("posix", include_str!("../lib/posix.py"), false),
    ("posixpath", include_str!("../lib/posixpath.py"), false),
    ("pprint", include_str!("../lib/pprint.py"), false),
    ("queue", include_str!("../lib/queue.py"), false),
    ("random", include_str!("../lib/random.py"), false),
    ("re", include_str!("../lib/re/__init__.py"), true),
    ("re._casefix", include_str!("../lib/re/_casefix.py"), false),
    (
        "re._compiler",
        include_str!("../lib/re/_compiler.py"),
        false,
    ),
    (
        "re._constants",
        include_str!("../lib/re/_constants.py"),
        false,
    ),
    ("re._parser", include_str!("../lib/re/_parser.py"), false),
    ("signal", include_str!("../lib/signal.py"), false),
    ("stat", include_str!("../lib/stat.py"), false),
    ("statistics", include_str!("../lib/statistics.py"), false),
    ("string", include_str!("../lib/string.py"), false),
    ("struct", include_str!("../lib/struct.py"), false),
    ("textwrap", include_str!("../lib/textwrap.py"), false),
    ("threading", include_str!("../lib/threading.py"), false),
    ("time", include_str!("../lib/time.py"), false),
    ("tracemalloc", include_str!("../lib/tracemalloc.py"), false),
    ("types", include_str!("../lib/types.py"), false),
    ("warnings", include_str!("../lib/warnings.py"), false),
    ("weakref", include_str!("../lib/weakref.py"), false),
];

/// The bundled module `name`, if any.
pub fn find(name: &str) -> Option<(&'static str, bool)> {
    MODULES
        .iter()
        .find(|(n, _, _)| *n == name)
        .map(|(_, src, pkg)| (*src, *pkg))
}
