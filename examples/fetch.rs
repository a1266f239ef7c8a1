//! Fetch pages concurrently and print each article's title and size:
//! `cargo run --release --features fetch --example fetch -- URL...`
//! The README's crawler example; it shows one shared `Fetcher` (one
//! connection pool) and extraction on tokio's blocking pool.

use std::time::Duration;

use decant::{Extractor, FetchError, FetchOptions, Fetcher};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let urls: Vec<String> = std::env::args().skip(1).collect();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(crawl(urls))
}

async fn crawl(urls: Vec<String>) -> Result<(), Box<dyn std::error::Error>> {
    let fetcher = Fetcher::new(
        FetchOptions::default()
            .timeout(Duration::from_secs(20))
            .max_body_bytes(10 << 20)
            .retries(2),
    )?;
    let extractor = std::sync::Arc::new(Extractor::default());
    let tasks: Vec<_> = urls
        .into_iter()
        .map(|url| {
            let fetcher = fetcher.clone();
            let extractor = extractor.clone();
            tokio::spawn(async move {
                let page = fetcher.fetch(&url).await?;
                // Extraction is CPU work: keep it off the I/O thread.
                let article = tokio::task::spawn_blocking(move || {
                    extractor.extract_bytes(
                        &page.body,
                        Some(&page.url),
                        page.content_type.as_deref(),
                    )
                })
                .await
                .map_err(|e| FetchError::Http {
                    url: url.clone(),
                    reason: e.to_string(),
                })??;
                Ok::<_, FetchError>((url, article))
            })
        })
        .collect();
    for task in tasks {
        match task.await? {
            Ok((url, article)) => println!(
                "{url}: {:?}, {} words",
                article.title,
                article.text.split_whitespace().count()
            ),
            Err(FetchError::Status { url, status }) => eprintln!("{url}: HTTP {status}"),
            Err(e) => eprintln!("{e}"),
        }
    }
    Ok(())
}
