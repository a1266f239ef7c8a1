//! Extraction options and limits.

/// How an [`Extractor`](crate::Extractor) works and what it refuses.
///
/// ```
/// let options = decant::Options::default().max_input_bytes(10 << 20);
/// let extractor = decant::Extractor::new(options);
/// # let _ = extractor;
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Options {
    /// Largest input accepted, in bytes (default 50 MiB). Larger inputs give
    /// [`Error::TooLarge`](crate::Error::TooLarge).
    pub max_input_bytes: usize,
    /// Largest parsed document accepted, in nodes (default 2,000,000).
    /// Larger documents give [`Error::TooManyNodes`](crate::Error::TooManyNodes).
    pub max_nodes: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_input_bytes: 50 * 1024 * 1024,
            max_nodes: 2_000_000,
        }
    }
}

impl Options {
    /// Sets [`Options::max_input_bytes`].
    pub fn max_input_bytes(mut self, bytes: usize) -> Self {
        self.max_input_bytes = bytes;
        self
    }

    /// Sets [`Options::max_nodes`].
    pub fn max_nodes(mut self, nodes: usize) -> Self {
        self.max_nodes = nodes;
        self
    }
}
