//! Byte ranges into the analysed text.
//!
//! Inside Rust every span is a byte range of the UTF-8 text; the wasm binding
//! converts them to UTF-16 code units for JavaScript in one pass
//! (`rapport_web::utf16`).

use serde::Serialize;

use crate::error::{Error, ErrorKind};

/// A half-open byte range `start..end` with `start <= end`.
///
/// The invariant is checked at construction so that every span handed out
/// by the analyser can be sliced without further checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    start: usize,
    end: usize,
}

impl Span {
    /// Creates a span. Panics when `start > end`: that is a bug in a rule.
    #[track_caller]
    pub fn new(start: usize, end: usize) -> Span {
        assert!(start <= end, "invalid span: start {start} > end {end}");
        Span { start, end }
    }

    /// Creates a span that must also lie on char boundaries of `text`.
    pub fn within(text: &str, start: usize, end: usize) -> Result<Span, Error> {
        if start > end
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            return Err(Error::new(ErrorKind::InvalidSpan { start, end }));
        }
        Ok(Span { start, end })
    }

    pub fn start(&self) -> usize {
        self.start
    }

    pub fn end(&self) -> usize {
        self.end
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The text the span covers. Panics if the span does not belong to `text`.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[should_panic(expected = "invalid span")]
    fn new_rejects_reversed_range() {
        let _ = Span::new(3, 2);
    }

    #[test]
    fn within_rejects_non_boundary_and_out_of_range() {
        let text = "é!";
        assert!(Span::within(text, 0, 2).is_ok());
        assert!(Span::within(text, 0, 1).is_err());
        assert!(Span::within(text, 0, 4).is_err());
        assert!(Span::within(text, 2, 1).is_err());
    }

    #[test]
    fn overlap_and_containment() {
        let a = Span::new(0, 5);
        let b = Span::new(4, 8);
        let c = Span::new(5, 8);
        assert!(a.overlaps(&b));
        assert!(!a.overlaps(&c));
        assert!(Span::new(0, 8).contains(&b));
        assert!(!b.contains(&a));
    }
}
