//! The library's error type.

/// Why a page could not be turned into an article.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input is larger than [`Options::max_input_bytes`](crate::Options::max_input_bytes).
    #[error(
        "input is {size} bytes, over the limit of {limit} bytes (raise Options::max_input_bytes)"
    )]
    TooLarge {
        /// The input's size in bytes.
        size: usize,
        /// The configured limit.
        limit: usize,
    },
    /// The parsed document has more nodes than [`Options::max_nodes`](crate::Options::max_nodes).
    #[error("document has {nodes} nodes, over the limit of {limit} (raise Options::max_nodes)")]
    TooManyNodes {
        /// Nodes in the parsed document.
        nodes: usize,
        /// The configured limit.
        limit: usize,
    },
    /// The page URL given by the caller is not a valid absolute URL.
    #[error("invalid page URL {url:?}: {reason}")]
    InvalidUrl {
        /// The URL as given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
}
