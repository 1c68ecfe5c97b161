//! Run-time loading of the system's shared libraries (`dlopen`/`dlsym`), for modules that wrap
//! the same C libraries CPython wraps (`_hashlib` over OpenSSL's libcrypto, `zlib` over libz).
//!
//! Nothing here is needed at build or link time: a machine without the library gets `None`,
//! which the modules turn into an `ImportError`.

use std::ffi::{CStr, c_void};

/// A shared library opened for the life of the process (never closed: the function pointers
/// taken from it stay valid).
pub struct Library {
    handle: *mut c_void,
}

// SAFETY: a dlopen handle is process-wide and `dlsym` is thread-safe; the handle is never
// closed, so sharing it between threads is sound.
unsafe impl Send for Library {}
// SAFETY: as above.
unsafe impl Sync for Library {}

impl Library {
    /// Open the first of `names` (sonames such as `c"libz.so.1"`) the dynamic loader finds.
    pub fn open(names: &[&CStr]) -> Option<Library> {
        names.iter().find_map(|name| {
            // SAFETY: `name` is a NUL-terminated string; RTLD_NOW resolves every symbol up front
            // so a broken library fails here rather than at a later call.
            let handle = unsafe { libc::dlopen(name.as_ptr(), libc::RTLD_NOW | libc::RTLD_LOCAL) };
            (!handle.is_null()).then_some(Library { handle })
        })
    }

    /// The address of the symbol `name`, if the library exports it.
    pub fn symbol(&self, name: &CStr) -> Option<*mut c_void> {
        // SAFETY: `handle` came from a successful dlopen and is never closed; `name` is
        // NUL-terminated.
        let p = unsafe { libc::dlsym(self.handle, name.as_ptr()) };
        (!p.is_null()).then_some(p)
    }
}

/// Declare a table of C functions loaded from a [`Library`]: `struct Name { field: "symbol" as
/// fn(args) -> ret, ... }` gets `Name::load(&Library) -> Option<Name>` (all symbols or none).
#[macro_export]
macro_rules! c_functions {
    ($(#[$meta:meta])* $vis:vis struct $name:ident {
        $($field:ident: $sym:literal as fn($($arg:ty),* $(,)?) $(-> $ret:ty)?),* $(,)?
    }) => {
        $(#[$meta])*
        $vis struct $name {
            $($field: unsafe extern "C" fn($($arg),*) $(-> $ret)?,)*
        }

        impl $name {
            fn load(lib: &$crate::dl::Library) -> Option<$name> {
                Some($name {
                    $($field: {
                        let p = lib.symbol($sym)?;
                        // SAFETY: the symbol is the C function of that name, whose prototype
                        // (from the library's header) is the declared one.
                        unsafe {
                            std::mem::transmute::<
                                *mut std::ffi::c_void,
                                unsafe extern "C" fn($($arg),*) $(-> $ret)?,
                            >(p)
                        }
                    },)*
                })
            }
        }
    };
}
