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
    /// Render [`Article::html`](crate::Article::html) (default true; when
    /// false it is left empty, which saves a walk over the article).
    pub html: bool,
    /// Keep links in the HTML and Markdown output (default true); when
    /// false, a link becomes its text.
    pub links: bool,
    /// Keep images in the HTML and Markdown output (default true).
    pub images: bool,
    /// Keep tables in every output (default true).
    pub tables: bool,
    /// Whether to render [`Article::markdown`](crate::Article::markdown)
    /// (default [`Markdown::Off`]: it costs one more walk over the article).
    pub markdown: Markdown,
    /// Collect the page's reader comments into
    /// [`Article::comments`](crate::Article::comments) (default false).
    /// Comments never enter the article text.
    pub comments: bool,
}

/// Whether and how the article is rendered as Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Markdown {
    /// No Markdown ([`Article::markdown`](crate::Article::markdown) is `None`).
    #[default]
    Off,
    /// The title as a `# ` heading on top, then the article.
    WithTitle,
    /// The article only.
    BodyOnly,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            max_input_bytes: 50 * 1024 * 1024,
            max_nodes: 2_000_000,
            html: true,
            links: true,
            images: true,
            tables: true,
            markdown: Markdown::Off,
            comments: false,
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

    /// Sets [`Options::html`].
    pub fn html(mut self, render: bool) -> Self {
        self.html = render;
        self
    }

    /// Sets [`Options::links`].
    pub fn links(mut self, keep: bool) -> Self {
        self.links = keep;
        self
    }

    /// Sets [`Options::images`].
    pub fn images(mut self, keep: bool) -> Self {
        self.images = keep;
        self
    }

    /// Sets [`Options::tables`].
    pub fn tables(mut self, keep: bool) -> Self {
        self.tables = keep;
        self
    }

    /// Sets [`Options::markdown`].
    ///
    /// ```
    /// use decant::{Extractor, Markdown, Options};
    /// let extractor = Extractor::new(Options::default().markdown(Markdown::BodyOnly));
    /// let html = "<article><h2>Part one</h2><p>Some <em>emphasis</em>, a \
    ///     <a href='/x'>link</a> and enough words to be an article body for sure.</p></article>";
    /// let article = extractor.extract(html, Some("https://example.com/a"))?;
    /// let markdown = article.markdown.unwrap();
    /// assert!(markdown.contains("## Part one"));
    /// assert!(markdown.contains("Some *emphasis*, a [link](https://example.com/x)"));
    /// # Ok::<(), decant::Error>(())
    /// ```
    pub fn markdown(mut self, markdown: Markdown) -> Self {
        self.markdown = markdown;
        self
    }

    /// Sets [`Options::comments`].
    pub fn comments(mut self, collect: bool) -> Self {
        self.comments = collect;
        self
    }
}
