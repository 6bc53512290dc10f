//! The one error type of the crate.

use std::fmt;

/// An error with a kind that callers can match on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
}

/// What went wrong. New kinds may be added without a breaking change.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A span that does not lie inside the text on char boundaries.
    InvalidSpan { start: usize, end: usize },
    /// Input that could not be read or parsed (CLI files, JSON lines, stored history).
    InvalidInput(String),
}

impl Error {
    pub fn new(kind: ErrorKind) -> Error {
        Error { kind }
    }

    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    pub fn invalid_input(msg: impl Into<String>) -> Error {
        Error::new(ErrorKind::InvalidInput(msg.into()))
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::InvalidSpan { start, end } => {
                write!(
                    f,
                    "span {start}..{end} is not inside the text on character boundaries"
                )
            }
            ErrorKind::InvalidInput(msg) => write!(f, "invalid input: {msg}"),
        }
    }
}

impl std::error::Error for Error {}
