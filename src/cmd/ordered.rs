//! Work on many inputs in parallel, results handed on in input order as
//! soon as each is next in line.
//!
//! Batches with a barrier (run a chunk in parallel, then write it) leave
//! every worker idle while the slowest page of the chunk finishes and while
//! the chunk is written; pages differ in size by a thousandfold, so the
//! barrier costs a good share of a second core. Here workers take the next
//! input as soon as they are free, and the writer emits each result once
//! those before it are out. Workers stay at most a window of inputs ahead
//! of the writer, so memory is bounded however slow one page is.

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex, mpsc};

use anyhow::Result;

/// Inputs a worker may run ahead of the last one emitted, per worker.
const WINDOW_PER_JOB: usize = 8;

/// What the workers share: the source, how many items were taken from it
/// and how many results are out, and whether the writer has given up.
struct Queue<I> {
    source: I,
    taken: usize,
    emitted: usize,
    stopped: bool,
}

/// Runs `work` on every item of `source` on `jobs` threads (on this thread
/// for a single job) and calls `emit` with each result, in source order.
/// Items are taken one at a time, so a source that reads as it goes (an
/// archive) is read by the worker that needs the next item. An error from
/// `emit` stops the workers after their current item and is returned.
pub(crate) fn map_in_order<T, R: Send>(
    source: impl Iterator<Item = T> + Send,
    jobs: usize,
    work: impl Fn(T) -> R + Sync,
    mut emit: impl FnMut(R) -> Result<()>,
) -> Result<()> {
    if jobs <= 1 {
        let mut source = source;
        return source.try_for_each(|item| emit(work(item)));
    }
    let window = jobs * WINDOW_PER_JOB;
    let queue = Mutex::new(Queue {
        source,
        taken: 0,
        emitted: 0,
        stopped: false,
    });
    let moved = Condvar::new();
    let lock = || queue.lock().unwrap_or_else(|e| e.into_inner());
    std::thread::scope(|scope| {
        let (sender, receiver) = mpsc::channel::<(usize, R)>();
        for _ in 0..jobs {
            let sender = sender.clone();
            let (lock, moved, work) = (&lock, &moved, &work);
            scope.spawn(move || {
                loop {
                    let (i, item) = {
                        let mut queue = lock();
                        while !queue.stopped && queue.taken >= queue.emitted + window {
                            queue = moved.wait(queue).unwrap_or_else(|e| e.into_inner());
                        }
                        if queue.stopped {
                            return;
                        }
                        let Some(item) = queue.source.next() else {
                            return;
                        };
                        queue.taken += 1;
                        (queue.taken - 1, item)
                    };
                    // The writer gone (it failed): nothing more is wanted.
                    if sender.send((i, work(item))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(sender);
        let outcome = write_in_order(receiver, &mut emit, |emitted| {
            lock().emitted = emitted;
            moved.notify_all();
        });
        if outcome.is_err() {
            lock().stopped = true;
            moved.notify_all();
        }
        outcome
    })
}

/// The writer's side: results arrive in any order and leave in source
/// order; `progressed` is told how many are out after each one.
fn write_in_order<R>(
    receiver: mpsc::Receiver<(usize, R)>,
    emit: &mut impl FnMut(R) -> Result<()>,
    progressed: impl Fn(usize),
) -> Result<()> {
    let mut waiting = BTreeMap::new();
    let mut emitted = 0;
    for (i, result) in receiver {
        waiting.insert(i, result);
        while let Some(result) = waiting.remove(&emitted) {
            emit(result)?;
            emitted += 1;
            progressed(emitted);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[test]
    fn results_come_in_input_order_whatever_the_finishing_order() {
        let items: Vec<u64> = (0..200).collect();
        for jobs in [1, 2, 4] {
            let mut seen = Vec::new();
            map_in_order(
                items.iter(),
                jobs,
                |&n| {
                    // Early items take longest, so later ones finish first.
                    std::thread::sleep(std::time::Duration::from_micros((200 - n) * 20));
                    (n, n * 2)
                },
                |(item, doubled)| {
                    assert_eq!(doubled, item * 2);
                    seen.push(item);
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(seen, items, "{jobs} jobs");
        }
    }

    #[test]
    fn an_emit_error_stops_the_workers_and_is_returned() {
        let worked = AtomicUsize::new(0);
        let mut emitted = 0;
        let outcome = map_in_order(
            0..10_000usize,
            2,
            |n| {
                worked.fetch_add(1, Ordering::Relaxed);
                n
            },
            |n| {
                emitted += 1;
                if n == 5 {
                    anyhow::bail!("the reader went away");
                }
                Ok(())
            },
        );
        assert_eq!(outcome.unwrap_err().to_string(), "the reader went away");
        assert_eq!(emitted, 6);
        // The window bounds how far the workers ran ahead.
        assert!(worked.load(Ordering::Relaxed) <= 6 + 2 * WINDOW_PER_JOB + 2);
    }
}
