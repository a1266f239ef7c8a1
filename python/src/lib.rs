//! Python bindings for decant (`decant._decant`; the `decant` package
//! re-exports them). Extraction runs with the GIL released, so threads scale.

use std::fs::File;
use std::io::Read;
use std::sync::Arc;

use decant::warc::{Extraction, WarcError, WarcReader, extract_record};
use decant::{Article, Focus, Markdown, Options};
use pyo3::exceptions::{PyException, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};

pyo3::create_exception!(
    _decant,
    DecantError,
    PyException,
    "Extraction failed. `.kind` says why: 'too_large', 'too_many_nodes', 'invalid_url' or 'other'."
);

/// What to put in the result dict besides the article fields.
#[derive(Clone, Copy)]
struct Extras {
    html: bool,
    markdown: bool,
}

/// `**options` → `decant::Options` (unknown names → TypeError).
fn options_from_kwargs(kwargs: Option<&Bound<'_, PyDict>>) -> PyResult<(Options, Extras)> {
    // The Python API renders HTML only when asked (the CLI's JSON has no
    // `html` field by default, and it saves a walk over the article).
    let mut options = Options::default().html(false);
    let mut extras = Extras {
        html: false,
        markdown: false,
    };
    let Some(kwargs) = kwargs else {
        return Ok((options, extras));
    };
    for (key, value) in kwargs.iter() {
        let key: String = key.extract()?;
        options = match key.as_str() {
            "max_input_bytes" => options.max_input_bytes(value.extract()?),
            "max_nodes" => options.max_nodes(value.extract()?),
            "with_html" => {
                extras.html = value.extract()?;
                options.html(extras.html)
            }
            "links" => options.links(value.extract()?),
            "images" => options.images(value.extract()?),
            "tables" => options.tables(value.extract()?),
            "comments" => options.comments(value.extract()?),
            "focus" => options.focus(match value.extract::<String>()?.as_str() {
                "balanced" => Focus::Balanced,
                "precision" => Focus::Precision,
                "recall" => Focus::Recall,
                other => {
                    return Err(PyValueError::new_err(format!(
                        "focus must be 'balanced', 'precision' or 'recall', not {other:?}"
                    )));
                }
            }),
            "markdown" => {
                let markdown = if let Ok(flag) = value.extract::<bool>() {
                    if flag {
                        Markdown::WithTitle
                    } else {
                        Markdown::Off
                    }
                } else {
                    match value.extract::<String>()?.as_str() {
                        "off" => Markdown::Off,
                        "with_title" => Markdown::WithTitle,
                        "body_only" => Markdown::BodyOnly,
                        other => {
                            return Err(PyValueError::new_err(format!(
                                "markdown must be a bool, 'off', 'with_title' or 'body_only', not {other:?}"
                            )));
                        }
                    }
                };
                extras.markdown = markdown != Markdown::Off;
                options.markdown(markdown)
            }
            other => {
                return Err(PyTypeError::new_err(format!(
                    "unknown option {other:?}; known: max_input_bytes, max_nodes, with_html, links, \
                     images, tables, comments, markdown, focus"
                )));
            }
        };
    }
    Ok((options, extras))
}

fn error_kind(e: &decant::Error) -> &'static str {
    match e {
        decant::Error::TooLarge { .. } => "too_large",
        decant::Error::TooManyNodes { .. } => "too_many_nodes",
        decant::Error::InvalidUrl { .. } => "invalid_url",
        _ => "other",
    }
}

fn to_py_err(py: Python<'_>, e: &decant::Error) -> PyErr {
    let err = DecantError::new_err(e.to_string());
    let _ = err.value(py).setattr("kind", error_kind(e));
    err
}

/// The article as a dict with the CLI's JSON fields.
fn article_dict<'py>(
    py: Python<'py>,
    article: &Article,
    extras: Extras,
) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("url", &article.url)?;
    dict.set_item("title", &article.title)?;
    dict.set_item("byline", &article.byline)?;
    dict.set_item("date", &article.date)?;
    dict.set_item("modified", &article.modified)?;
    dict.set_item("site_name", &article.site_name)?;
    dict.set_item("lang", &article.lang)?;
    dict.set_item("description", &article.description)?;
    dict.set_item("image", &article.image)?;
    dict.set_item("tags", &article.tags)?;
    dict.set_item("categories", &article.categories)?;
    dict.set_item("text", &article.text)?;
    dict.set_item("page_type", article.page_type.map(decant::PageType::as_str))?;
    // Three decimals, as the CLI writes it, so both give the same lines.
    // Rounded as the CLI rounds it, then through its shortest decimal form,
    // so the Python float equals the one parsed from the CLI's JSON.
    let confidence = (article.confidence * 1000.0).round() / 1000.0;
    dict.set_item(
        "confidence",
        confidence.to_string().parse::<f64>().unwrap_or_default(),
    )?;
    if extras.markdown {
        dict.set_item("markdown", &article.markdown)?;
    }
    if extras.html {
        dict.set_item("html", &article.html)?;
    }
    if let Some(comments) = &article.comments {
        let list = PyList::empty(py);
        for comment in comments {
            let c = PyDict::new(py);
            c.set_item("author", &comment.author)?;
            c.set_item("date", &comment.date)?;
            c.set_item("text", &comment.text)?;
            list.append(c)?;
        }
        dict.set_item("comments", list)?;
    }
    dict.set_item("warnings", &article.warnings)?;
    Ok(dict)
}

/// A configured extractor; build once, use from many threads.
#[pyclass(frozen, module = "decant")]
struct Extractor {
    inner: Arc<decant::Extractor>,
    extras: Extras,
}

/// A page given as `str` or `bytes`.
enum Input<'py> {
    Text(Bound<'py, PyString>),
    Bytes(Bound<'py, PyBytes>),
}

impl<'py> FromPyObject<'py> for Input<'py> {
    fn extract_bound(ob: &Bound<'py, PyAny>) -> PyResult<Self> {
        if let Ok(s) = ob.downcast::<PyString>() {
            return Ok(Input::Text(s.clone()));
        }
        if let Ok(b) = ob.downcast::<PyBytes>() {
            return Ok(Input::Bytes(b.clone()));
        }
        Err(PyTypeError::new_err(format!(
            "html must be str or bytes, not {}",
            ob.get_type().name()?
        )))
    }
}

impl Extractor {
    fn run<'py>(
        &self,
        py: Python<'py>,
        html: Input<'py>,
        url: Option<&str>,
        content_type: Option<&str>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let inner = &self.inner;
        let result = match &html {
            Input::Text(s) => {
                let text = s.to_cow()?;
                py.allow_threads(|| inner.extract(&text, url))
            }
            Input::Bytes(b) => {
                let bytes = b.as_bytes();
                py.allow_threads(|| inner.extract_bytes(bytes, url, content_type))
            }
        };
        match result {
            Ok(article) => article_dict(py, &article, self.extras),
            Err(e) => Err(to_py_err(py, &e)),
        }
    }
}

#[pymethods]
impl Extractor {
    #[new]
    #[pyo3(signature = (**options))]
    fn new(options: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let (options, extras) = options_from_kwargs(options)?;
        Ok(Extractor {
            inner: Arc::new(decant::Extractor::new(options)),
            extras,
        })
    }

    /// Extracts the article from one page (`str`, or `bytes` decoded by
    /// BOM, `content_type`'s charset, `<meta>` or detection).
    #[pyo3(signature = (html, url = None, content_type = None))]
    fn extract<'py>(
        &self,
        py: Python<'py>,
        html: Input<'py>,
        url: Option<&str>,
        content_type: Option<&str>,
    ) -> PyResult<Bound<'py, PyDict>> {
        self.run(py, html, url, content_type)
    }

    /// Iterates over the HTML records of a WARC file (plain or .warc.gz),
    /// yielding one dict per record as `decant warc` prints them.
    #[pyo3(signature = (path, max_record_bytes = None))]
    fn extract_warc(&self, path: &str, max_record_bytes: Option<u64>) -> PyResult<WarcIter> {
        let file = File::open(path).map_err(|e| {
            pyo3::exceptions::PyOSError::new_err(format!("cannot open {path}: {e}"))
        })?;
        let limit = max_record_bytes.unwrap_or(self.inner.options().max_input_bytes as u64);
        let reader: Box<dyn Read + Send + Sync> = Box::new(file);
        Ok(WarcIter {
            reader: std::sync::Mutex::new(WarcReader::new(reader).max_record_bytes(limit)),
            extractor: Arc::clone(&self.inner),
            extras: self.extras,
            source: path.to_owned(),
            stats: std::sync::Mutex::new(Stats::default()),
        })
    }
}

#[derive(Default, Clone, Copy)]
struct Stats {
    records: u64,
    html: u64,
    extracted: u64,
    failed: u64,
    skipped: u64,
}

/// The iterator `Extractor.extract_warc` returns; `.stats` counts records.
#[pyclass(module = "decant")]
struct WarcIter {
    reader: std::sync::Mutex<WarcReader<Box<dyn Read + Send + Sync>>>,
    extractor: Arc<decant::Extractor>,
    extras: Extras,
    source: String,
    stats: std::sync::Mutex<Stats>,
}

enum Next {
    Done,
    Article(Option<String>, Option<String>, Option<String>, Box<Article>),
    Failed(WarcError),
}

#[pymethods]
impl WarcIter {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        let extractor = &self.extractor;
        let reader = &self.reader;
        let stats = &self.stats;
        let next = py.allow_threads(|| {
            let Ok(mut reader) = reader.lock() else {
                return Next::Done;
            };
            let Ok(mut stats) = stats.lock() else {
                return Next::Done;
            };
            loop {
                let Some(record) = reader.next() else {
                    return Next::Done;
                };
                stats.records += 1;
                let record = match record {
                    Ok(record) => record,
                    Err(e) => {
                        stats.failed += 1;
                        return Next::Failed(e);
                    }
                };
                match extract_record(extractor, &record) {
                    Ok(Extraction::Article(article)) => {
                        stats.html += 1;
                        stats.extracted += 1;
                        return Next::Article(
                            record.record_id,
                            record.date,
                            record.target_uri,
                            article,
                        );
                    }
                    Ok(_) => stats.skipped += 1,
                    Err(e) => {
                        stats.failed += 1;
                        stats.html += u64::from(matches!(e, WarcError::Extract { .. }));
                        return Next::Failed(e);
                    }
                }
            }
        });
        match next {
            Next::Done => Ok(None),
            Next::Article(id, date, uri, article) => {
                let fields = article_dict(py, &article, self.extras)?;
                let dict = PyDict::new(py);
                dict.set_item("warc_record_id", id)?;
                dict.set_item("warc_date", date)?;
                dict.set_item("source", &self.source)?;
                // `url` is the WARC-Target-URI, as in `decant warc`.
                fields.set_item("url", uri)?;
                // As `decant warc` prints them: no `warnings` when empty.
                if article.warnings.is_empty() {
                    fields.del_item("warnings")?;
                }
                for (k, v) in fields.iter() {
                    dict.set_item(k, v)?;
                }
                Ok(Some(dict))
            }
            Next::Failed(e) => {
                let dict = PyDict::new(py);
                if let Some(id) = e.record_id() {
                    dict.set_item("warc_record_id", id)?;
                }
                if let Some(uri) = e.target_uri() {
                    dict.set_item("url", uri)?;
                }
                dict.set_item("source", &self.source)?;
                dict.set_item("error", e.to_string())?;
                Ok(Some(dict))
            }
        }
    }

    /// Counts so far: records, html, extracted, failed, skipped.
    #[getter]
    fn stats<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let s = self.stats.lock().map(|s| *s).unwrap_or_default();
        let dict = PyDict::new(py);
        dict.set_item("records", s.records)?;
        dict.set_item("html", s.html)?;
        dict.set_item("extracted", s.extracted)?;
        dict.set_item("failed", s.failed)?;
        dict.set_item("skipped", s.skipped)?;
        Ok(dict)
    }
}

/// Extracts the article from one page with these options (see `Extractor`).
#[pyfunction]
#[pyo3(signature = (html, url = None, content_type = None, **options))]
fn extract<'py>(
    py: Python<'py>,
    html: Input<'py>,
    url: Option<&str>,
    content_type: Option<&str>,
    options: Option<&Bound<'_, PyDict>>,
) -> PyResult<Bound<'py, PyDict>> {
    let extractor = Extractor::new(options)?;
    extractor.run(py, html, url, content_type)
}

#[pymodule]
fn _decant(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("DecantError", m.py().get_type::<DecantError>())?;
    m.add_class::<Extractor>()?;
    m.add_class::<WarcIter>()?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
