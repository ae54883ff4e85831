//! `detente web`: serve the browser page (built into `web/dist`) on 127.0.0.1.
//!
//! A static file server and nothing more: the page computes everything itself, in WebAssembly.
//! It answers `GET` and `HEAD` for files under the directory, one request per connection, and
//! refuses any path that would leave it.

use crate::error::{CliError, CliResult};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

/// Serve the browser page: edit a scenario and watch every lens answer, computed in your
/// browser by the same core (compiled to WebAssembly).
#[derive(clap::Args)]
#[command(
    after_help = "Examples:\n  npm --prefix web ci && npm --prefix web run build   # build the page once (needs Node and the wasm32 target)\n  detente web                                          # then open http://127.0.0.1:8000/\n  detente web --port 0                                 # any free port (printed)"
)]
pub struct Args {
    /// The built page.
    #[arg(long, value_name = "DIR", default_value = "web/dist")]
    pub dir: PathBuf,
    /// Port on 127.0.0.1 (0: any free port).
    #[arg(long, default_value_t = 8000)]
    pub port: u16,
}

/// Run the command: serve until interrupted.
pub fn run(args: Args) -> CliResult {
    if !args.dir.join("index.html").is_file() {
        return Err(CliError::Input(format!(
            "error: {} has no index.html: build the page first with `npm --prefix web ci && npm --prefix web run build` (needs Node and `rustup target add wasm32-unknown-unknown`), or name the built page with --dir",
            args.dir.display()
        )));
    }
    let listener = TcpListener::bind(("127.0.0.1", args.port)).map_err(|e| {
        CliError::Input(format!(
            "error: cannot listen on 127.0.0.1:{}: {e}",
            args.port
        ))
    })?;
    let port = listener
        .local_addr()
        .map_err(|e| CliError::Failure(format!("error: {e}")))?
        .port();
    println!(
        "detente: serving {} at http://127.0.0.1:{port}/ (Ctrl-C to stop)",
        args.dir.display()
    );
    let _ = std::io::stdout().flush();
    for stream in listener.incoming().flatten() {
        let dir = args.dir.clone();
        std::thread::spawn(move || {
            // A client that hangs up mid-answer is its own business.
            let _ = answer(stream, &dir);
        });
    }
    Ok(())
}

/// Read one request from `stream` and answer it from `dir`.
fn answer(mut stream: TcpStream, dir: &Path) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    // The headers are not needed; read them so the client sees a clean close.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 && header.len() < 16_384 {
        header.clear();
    }
    let response = respond(&line, dir);
    stream.write_all(&response)?;
    stream.flush()
}

/// The full HTTP response to the request line `line`.
pub(crate) fn respond(line: &str, dir: &Path) -> Vec<u8> {
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    if method != "GET" && method != "HEAD" {
        return status(405, "Method Not Allowed", "only GET and HEAD");
    }
    let Some(path) = resolve(dir, target) else {
        return status(404, "Not Found", "no such file");
    };
    match std::fs::read(&path) {
        Ok(body) => {
            let mut out = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
                content_type(&path),
                body.len()
            )
            .into_bytes();
            if method == "GET" {
                out.extend(body);
            }
            out
        }
        Err(_) => status(404, "Not Found", "no such file"),
    }
}

fn status(code: u16, reason: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {code} {reason}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// The file under `dir` a request target names (`/` is `index.html`); `None` for a target that
/// is not a plain path below `dir` (`..`, an absolute path after decoding, a backslash).
pub(crate) fn resolve(dir: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next()?;
    let path = percent_decode(path.strip_prefix('/')?)?;
    if path.contains('\\') {
        return None;
    }
    let relative = Path::new(if path.is_empty() || path.ends_with('/') {
        "index.html"
    } else {
        &path
    });
    let plain = relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    if !plain {
        return None;
    }
    let full = dir.join(relative);
    let full = if full.is_dir() {
        full.join("index.html")
    } else {
        full
    };
    full.is_file().then_some(full)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut k = 0;
    while k < bytes.len() {
        if bytes[k] == b'%' {
            let hex = std::str::from_utf8(bytes.get(k + 1..k + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            k += 3;
        } else {
            out.push(bytes[k]);
            k += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The media type of a file by its extension (`application/wasm` lets the browser compile
/// the module while it downloads).
fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("csv") => "text/csv; charset=utf-8",
        Some("json") => "application/json",
        Some("toml") => "application/toml; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> tempfile_dir::Dir {
        let d = tempfile_dir::Dir::new();
        std::fs::write(d.path().join("index.html"), "<!DOCTYPE html>").unwrap();
        std::fs::write(d.path().join("detente.wasm"), [0u8, 97, 115, 109]).unwrap();
        d
    }

    /// A directory removed when dropped (the tests need nothing more).
    mod tempfile_dir {
        pub struct Dir(std::path::PathBuf);
        impl Dir {
            pub fn new() -> Self {
                use std::sync::atomic::{AtomicUsize, Ordering};
                static N: AtomicUsize = AtomicUsize::new(0);
                let p = std::env::temp_dir().join(format!(
                    "detente-web-{}-{}",
                    std::process::id(),
                    N.fetch_add(1, Ordering::Relaxed)
                ));
                std::fs::create_dir_all(&p).unwrap();
                Dir(p)
            }
            pub fn path(&self) -> &std::path::Path {
                &self.0
            }
        }
        impl Drop for Dir {
            fn drop(&mut self) {
                let _ = std::fs::remove_dir_all(&self.0);
            }
        }
    }

    #[test]
    fn files_are_served_with_their_media_type() {
        let d = page();
        let r = String::from_utf8_lossy(&respond("GET / HTTP/1.1\r\n", d.path())).to_string();
        assert!(
            r.starts_with("HTTP/1.1 200 OK") && r.contains("text/html"),
            "{r}"
        );
        assert!(r.ends_with("<!DOCTYPE html>"));
        let r = respond("GET /detente.wasm?v=1 HTTP/1.1\r\n", d.path());
        let head = String::from_utf8_lossy(&r[..r.len() - 4]).to_string();
        assert!(head.contains("Content-Type: application/wasm"), "{head}");
        let r =
            String::from_utf8_lossy(&respond("HEAD /index.html HTTP/1.1", d.path())).to_string();
        assert!(
            r.contains("Content-Length: 15") && r.ends_with("\r\n\r\n"),
            "{r}"
        );
    }

    #[test]
    fn paths_that_leave_the_directory_or_do_not_exist_are_refused() {
        let d = page();
        for target in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/a/../../x",
            "//etc/passwd",
            "/..\\x",
            "/missing.js",
            "/%zz",
            "relative",
        ] {
            let r = String::from_utf8_lossy(&respond(&format!("GET {target} HTTP/1.1"), d.path()))
                .to_string();
            assert!(r.starts_with("HTTP/1.1 404"), "{target}: {r}");
        }
        let r = String::from_utf8_lossy(&respond("POST / HTTP/1.1", d.path())).to_string();
        assert!(r.starts_with("HTTP/1.1 405"), "{r}");
    }
}
