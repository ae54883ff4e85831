//! The page's door: plain C-ABI functions a WebAssembly host calls with byte buffers.
//!
//! The host copies each argument (UTF-8) into a buffer from [`detente_alloc`], calls
//! [`detente_call`] with the call's number and the three buffers, reads the answer from
//! [`detente_output`] (the length `detente_call` returned), and frees its buffers with
//! [`detente_free`]. The answer stays readable until the next call. No JavaScript glue is
//! generated: the page's worker does these four steps itself. The functions build natively as
//! well, where the tests drive them the same way.
//!
//! The page's module is built without the large history tables (the library's `history`
//! feature), which keeps it small. A call that needs one answers `{"error": {"kind":
//! "history", "missing": ["panel.bin", …]}}`; the host fetches those files, hands each to
//! [`detente_provide`] and makes the call again.

use std::cell::RefCell;

thread_local! {
    /// The last call's answer (UTF-8).
    static OUTPUT: RefCell<String> = const { RefCell::new(String::new()) };
}

/// The calls [`detente_call`] dispatches, by number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub enum Call {
    /// [`crate::check`] (the request is ignored).
    Check = 0,
    /// [`crate::run`].
    Run = 1,
    /// [`crate::align`].
    Align = 2,
    /// [`crate::report`].
    Report = 3,
    /// The bundled flagship scenario's TOML (every argument is ignored).
    Flagship = 4,
    /// [`crate::edited`]: the text with the request's overrides written in.
    Edited = 5,
}

impl Call {
    /// The call numbered `n`.
    pub fn from_number(n: u32) -> Option<Call> {
        [
            Call::Check,
            Call::Run,
            Call::Align,
            Call::Report,
            Call::Flagship,
            Call::Edited,
        ]
        .into_iter()
        .find(|c| *c as u32 == n)
    }

    /// Answer the call.
    pub fn answer(self, source: &str, name: &str, request: &str) -> String {
        match self {
            Call::Check => crate::check(source, name),
            Call::Run => crate::run(source, name, request),
            Call::Align => crate::align(source, name, request),
            Call::Report => crate::report(source, name, request),
            Call::Flagship => detente::scenario::FLAGSHIP.to_string(),
            Call::Edited => crate::edited(source, name, request),
        }
    }
}

/// A zeroed buffer of `len` bytes for the host to fill; free it with [`detente_free`].
#[unsafe(no_mangle)]
pub extern "C" fn detente_alloc(len: usize) -> *mut u8 {
    Box::into_raw(vec![0u8; len].into_boxed_slice()).cast()
}

/// Free a buffer [`detente_alloc`] returned.
///
/// # Safety
/// `ptr` and `len` must be a pointer and length [`detente_alloc`] returned, not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn detente_free(ptr: *mut u8, len: usize) {
    if ptr.is_null() {
        return;
    }
    // SAFETY: the caller passes back a boxed slice of exactly `len` bytes from `detente_alloc`.
    drop(unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(ptr, len)) });
}

/// Answer call number `call` (see [`Call`]) on the scenario text, its diagnostics name and the
/// JSON request, each given as a pointer and length; returns the answer's length in bytes (read
/// it from [`detente_output`]). An unknown call or text that is not UTF-8 answers
/// `{"error": {"kind": "request", …}}`.
///
/// # Safety
/// Each pointer must address its length of readable bytes (a null pointer only with length 0).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn detente_call(
    call: u32,
    source: *const u8,
    source_len: usize,
    name: *const u8,
    name_len: usize,
    request: *const u8,
    request_len: usize,
) -> usize {
    // SAFETY: the caller guarantees each (pointer, length) addresses readable bytes.
    let texts = unsafe {
        [
            text(source, source_len),
            text(name, name_len),
            text(request, request_len),
        ]
    };
    let answer = match (Call::from_number(call), texts) {
        (Some(c), [Ok(s), Ok(n), Ok(r)]) => c.answer(s, n, r),
        (None, _) => crate::failure::Failure::request(format!("unknown call {call}")).to_json(),
        (_, texts) => {
            let which = ["scenario", "name", "request"];
            let bad = texts.iter().position(Result::is_err).unwrap_or(0);
            crate::failure::Failure::request(format!("the {} is not UTF-8", which[bad])).to_json()
        }
    };
    // A call that needed a history table this module was not given fails as a whole, naming
    // the tables, whatever it made of their absence: the host provides them and calls again.
    let missing = detente::world::history::take_requested();
    let answer = if missing.is_empty() {
        answer
    } else {
        crate::failure::Failure::history(&missing).to_json()
    };
    OUTPUT.with(|o| {
        *o.borrow_mut() = answer;
        o.borrow().len()
    })
}

/// Give the core the history table whose file name is `name` (`panel.bin`, `milex.csv`,
/// or `alliances.csv`: the tables a call's `{"error": {"kind": "history", "missing":
/// […]}}` names) with its bytes; the buffers stay the host's. Returns 0 when the table is
/// taken, 1 for a name that is not a history table or bytes that are not its text.
///
/// # Safety
/// Each pointer must address its length of readable bytes (a null pointer only with length 0).
#[unsafe(no_mangle)]
pub unsafe extern "C" fn detente_provide(
    name: *const u8,
    name_len: usize,
    bytes: *const u8,
    bytes_len: usize,
) -> u32 {
    // SAFETY: the caller guarantees each (pointer, length) addresses readable bytes.
    let (name, bytes) = unsafe { (text(name, name_len), raw(bytes, bytes_len)) };
    match name.map(|n| detente::world::history::provide(n, bytes.to_vec())) {
        Ok(Ok(_)) => 0,
        _ => 1,
    }
}

/// The last answer's first byte (valid until the next [`detente_call`]).
#[unsafe(no_mangle)]
pub extern "C" fn detente_output() -> *const u8 {
    OUTPUT.with(|o| o.borrow().as_ptr())
}

/// # Safety
/// `ptr` must address `len` readable bytes, or be null with `len` 0.
unsafe fn text<'a>(ptr: *const u8, len: usize) -> Result<&'a str, std::str::Utf8Error> {
    // SAFETY: guaranteed by the caller.
    std::str::from_utf8(unsafe { raw(ptr, len) })
}

/// # Safety
/// `ptr` must address `len` readable bytes, or be null with `len` 0.
unsafe fn raw<'a>(ptr: *const u8, len: usize) -> &'a [u8] {
    if len == 0 {
        return &[];
    }
    // SAFETY: guaranteed by the caller.
    unsafe { std::slice::from_raw_parts(ptr, len) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Drive the exports as the page's worker does.
    fn call(n: u32, source: &str, name: &str, request: &[u8]) -> String {
        let put = |bytes: &[u8]| {
            let p = detente_alloc(bytes.len());
            // SAFETY: `p` has `bytes.len()` writable bytes.
            unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), p, bytes.len()) };
            (p, bytes.len())
        };
        let (s, n_s) = put(source.as_bytes());
        let (m, n_m) = put(name.as_bytes());
        let (q, n_q) = put(request);
        // SAFETY: every buffer came from `detente_alloc` with its length.
        let len = unsafe { detente_call(n, s, n_s, m, n_m, q, n_q) };
        let out = unsafe { std::slice::from_raw_parts(detente_output(), len) }.to_vec();
        unsafe {
            detente_free(s, n_s);
            detente_free(m, n_m);
            detente_free(q, n_q);
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn the_exports_answer_as_the_functions_do() {
        let flagship = call(Call::Flagship as u32, "", "", b"");
        assert_eq!(flagship, detente::scenario::FLAGSHIP);
        let request = r#"{"runs": 20, "lenses": ["decide"]}"#;
        assert_eq!(
            call(Call::Run as u32, &flagship, "f.toml", request.as_bytes()),
            crate::run(&flagship, "f.toml", request)
        );
        assert_eq!(
            call(Call::Check as u32, &flagship, "f.toml", b""),
            crate::check(&flagship, "f.toml")
        );
        let moved = r#"{"overrides": [
            {"path": "issue.china-posture.stance.USA.position", "value": 70},
            {"path": "escalate.spillover", "value": 0.2}]}"#;
        let edited = call(Call::Edited as u32, &flagship, "f.toml", moved.as_bytes());
        assert_eq!(edited, crate::edited(&flagship, "f.toml", moved));
        let edited: serde_json::Value = serde_json::from_str(&edited).unwrap();
        assert_eq!(
            edited["unwritten"],
            serde_json::json!(["escalate.spillover"])
        );
        let text = edited["text"].as_str().unwrap();
        let changed: Vec<(&str, &str)> = flagship
            .lines()
            .zip(text.lines())
            .filter(|(a, b)| a != b)
            .collect();
        assert_eq!(changed, [("position = 85", "position = 70")]);
        // Out of its domain: refused as a run would refuse it.
        let bad =
            r#"{"overrides": [{"path": "issue.china-posture.stance.USA.salience", "value": 7}]}"#;
        let e = call(Call::Edited as u32, &flagship, "f.toml", bad.as_bytes());
        assert!(e.contains("\"request\""), "{e}");
    }

    fn provide(name: &str, bytes: &[u8]) -> u32 {
        // SAFETY: two live slices with their lengths.
        unsafe { detente_provide(name.as_ptr(), name.len(), bytes.as_ptr(), bytes.len()) }
    }

    #[test]
    fn history_tables_are_taken_by_name() {
        // Whether this build compiles the tables in (a provided copy is then ignored) or not,
        // a table is taken by its name, and a CSV table only as text.
        assert_eq!(provide("alliances.csv", b"a,b\n"), 0);
        assert_eq!(provide("panel.bin", &[0xff, 0x00]), 0);
        assert_eq!(
            provide("milex.csv", &[0xff, 0xfe]),
            1,
            "a CSV table is text"
        );
        assert_eq!(provide("secrets.txt", b""), 1);
        assert!(detente::world::history::take_requested().is_empty());
    }

    #[test]
    fn unknown_calls_and_bad_bytes_answer_with_an_error() {
        let e = call(99, "", "", b"");
        assert!(
            e.contains("\"request\"") && e.contains("unknown call 99"),
            "{e}"
        );
        let e = call(Call::Run as u32, "x", "f.toml", &[0xff, 0xfe]);
        assert!(e.contains("the request is not UTF-8"), "{e}");
    }
}
