//! URL inputs of `decant extract`: fetched concurrently on a small tokio
//! runtime, at most `concurrency` in flight and `per_host` per host, so a
//! long list from one site is not a flood. Built without the `fetch`
//! feature, every URL input is one clear error.

use std::time::Duration;

#[cfg(not(feature = "fetch"))]
use anyhow::Result;

/// A page read from a file or fetched from a URL, ready for extraction.
pub struct Page {
    pub bytes: Vec<u8>,
    /// The final URL of a fetched page.
    pub url: Option<String>,
    /// The `Content-Type` it was served with.
    pub content_type: Option<String>,
}

/// The fetch flags of `decant extract`.
#[cfg_attr(not(feature = "fetch"), allow(dead_code))]
pub struct FetchSettings {
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub max_bytes: usize,
    pub user_agent: Option<String>,
    pub retries: u32,
    pub concurrency: usize,
    pub per_host: usize,
}

/// Whether an input names a URL rather than a file.
pub fn is_url(input: &str) -> bool {
    let head = input.get(..8).unwrap_or(input).to_ascii_lowercase();
    head.starts_with("http://") || head.starts_with("https://")
}

#[cfg(feature = "fetch")]
pub use enabled::UrlFetcher;

#[cfg(feature = "fetch")]
mod enabled {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex};

    use anyhow::{Context, Result};
    use decant::{FetchOptions, Fetcher};
    use tokio::sync::Semaphore;

    use super::{FetchSettings, Page};

    pub struct UrlFetcher {
        runtime: tokio::runtime::Runtime,
        fetcher: Fetcher,
        in_flight: Arc<Semaphore>,
        per_host: usize,
        hosts: Mutex<HashMap<String, Arc<Semaphore>>>,
    }

    impl UrlFetcher {
        pub fn new(settings: &FetchSettings) -> Result<Self> {
            let mut options = FetchOptions::default()
                .timeout(settings.timeout)
                .connect_timeout(settings.connect_timeout)
                .max_body_bytes(settings.max_bytes)
                .retries(settings.retries);
            if let Some(agent) = &settings.user_agent {
                options = options.user_agent(agent.clone());
            }
            // I/O only: one thread drives every fetch; extraction runs on
            // the rayon pool.
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .context("cannot start the fetch runtime")?;
            Ok(UrlFetcher {
                runtime,
                fetcher: Fetcher::new(options)?,
                in_flight: Arc::new(Semaphore::new(settings.concurrency.max(1))),
                per_host: settings.per_host.max(1),
                hosts: Mutex::new(HashMap::new()),
            })
        }

        /// Fetches every URL concurrently; results in the order given.
        pub fn fetch_all(&self, urls: &[&str]) -> Vec<Result<Page>> {
            self.runtime.block_on(async {
                let tasks: Vec<_> = urls
                    .iter()
                    .map(|url| {
                        let url = (*url).to_owned();
                        let fetcher = self.fetcher.clone();
                        let host_slots = self.host_slots(&url);
                        let in_flight = self.in_flight.clone();
                        tokio::spawn(async move {
                            // The host's slot first, so that a URL waiting
                            // for its host holds no global slot.
                            let _host = host_slots.acquire_owned().await;
                            let _slot = in_flight.acquire_owned().await;
                            fetcher.fetch(&url).await
                        })
                    })
                    .collect();
                let mut pages = Vec::with_capacity(tasks.len());
                for task in tasks {
                    pages.push(match task.await {
                        Ok(Ok(page)) => Ok(Page {
                            bytes: page.body,
                            url: Some(page.url),
                            content_type: page.content_type,
                        }),
                        Ok(Err(e)) => Err(e.into()),
                        Err(e) => Err(anyhow::anyhow!("fetch task failed: {e}")),
                    });
                }
                pages
            })
        }

        fn host_slots(&self, url: &str) -> Arc<Semaphore> {
            let host = url::Url::parse(url)
                .ok()
                .and_then(|u| u.host_str().map(|h| format!("{h}:{:?}", u.port())))
                .unwrap_or_default();
            let mut hosts = self.hosts.lock().unwrap_or_else(|e| e.into_inner());
            hosts
                .entry(host)
                .or_insert_with(|| Arc::new(Semaphore::new(self.per_host)))
                .clone()
        }
    }
}

/// Stand-in when built without the `fetch` feature.
#[cfg(not(feature = "fetch"))]
pub struct UrlFetcher;

#[cfg(not(feature = "fetch"))]
impl UrlFetcher {
    pub fn new(_settings: &FetchSettings) -> Result<Self> {
        Ok(UrlFetcher)
    }

    pub fn fetch_all(&self, urls: &[&str]) -> Vec<Result<Page>> {
        urls.iter()
            .map(|_| {
                Err(anyhow::anyhow!(
                    "this decant was built without URL support (rebuild with --features fetch)"
                ))
            })
            .collect()
    }
}
