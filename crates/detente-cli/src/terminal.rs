//! Text that reaches a terminal: control characters and bidirectional-text overrides from
//! scenario files are shown as `\u` escapes with four hex digits (`\u202e`), never passed
//! through raw.
//!
//! A title holding U+202E (right-to-left override) or an escape sequence (U+001B) could
//! otherwise reorder or restyle what the analyst reads. The escape is also a valid JSON string
//! escape with the same meaning, so JSON output stays valid and equivalent.

/// Characters that reorder or embed text direction: ALM, LRM, RLM, the embeddings and
/// overrides (U+202A–U+202E) and the isolates (U+2066–U+2069).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Whether `c` must not reach a terminal raw: a control character other than line feed and
/// tab, or a bidirectional control.
fn unsafe_for_terminal(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c)
}

/// `text` with every character that is [`unsafe_for_terminal`] replaced by its `\u` escape
/// (four hex digits).
pub fn escape(text: &str) -> String {
    if !text.chars().any(unsafe_for_terminal) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_for_terminal(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overrides_and_escape_sequences_are_shown_not_obeyed() {
        assert_eq!(escape("a\u{202E}b"), "a\\u202eb");
        assert_eq!(escape("\u{1b}[31mred"), "\\u001b[31mred");
        assert_eq!(escape("line\n\tnext — Ελλάδα"), "line\n\tnext — Ελλάδα");
        let json = format!("{{\"t\":\"{}\"}}", escape("x\u{2066}y"));
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["t"], "x\u{2066}y");
    }
}
