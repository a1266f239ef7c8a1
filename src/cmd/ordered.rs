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
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};

use anyhow::Result;

/// Inputs a worker may run ahead of the last one emitted, per worker.
const WINDOW_PER_JOB: usize = 8;

/// Runs `work` on every item on `jobs` threads (on this thread for a
/// single job) and calls `emit` with each item and its result, in input
/// order. An error from `emit` stops the workers after their current item
/// and is returned.
pub(crate) fn map_in_order<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    work: impl Fn(&T) -> R + Sync,
    mut emit: impl FnMut(&T, R) -> Result<()>,
) -> Result<()> {
    if jobs <= 1 {
        return items.iter().try_for_each(|item| emit(item, work(item)));
    }
    let window = jobs * WINDOW_PER_JOB;
    let next = AtomicUsize::new(0);
    // How many results are out, and whether the writer has given up.
    let gate = Mutex::new((0usize, false));
    let moved = Condvar::new();
    std::thread::scope(|scope| {
        let (sender, receiver) = mpsc::channel::<(usize, R)>();
        for _ in 0..jobs {
            let sender = sender.clone();
            let (next, gate, moved, work) = (&next, &gate, &moved, &work);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= items.len() {
                        return;
                    }
                    {
                        let mut state = gate.lock().unwrap_or_else(|e| e.into_inner());
                        while !state.1 && i >= state.0 + window {
                            state = moved.wait(state).unwrap_or_else(|e| e.into_inner());
                        }
                        if state.1 {
                            return;
                        }
                    }
                    // The writer gone (it failed): nothing more is wanted.
                    if sender.send((i, work(&items[i]))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(sender);
        let outcome = write_in_order(items, receiver, &mut emit, |emitted| {
            gate.lock().unwrap_or_else(|e| e.into_inner()).0 = emitted;
            moved.notify_all();
        });
        if outcome.is_err() {
            gate.lock().unwrap_or_else(|e| e.into_inner()).1 = true;
            moved.notify_all();
        }
        outcome
    })
}

/// The writer's side: results arrive in any order and leave in input
/// order; `progressed` is told how many are out after each one.
fn write_in_order<T, R>(
    items: &[T],
    receiver: mpsc::Receiver<(usize, R)>,
    emit: &mut impl FnMut(&T, R) -> Result<()>,
    progressed: impl Fn(usize),
) -> Result<()> {
    let mut waiting = BTreeMap::new();
    let mut emitted = 0;
    for (i, result) in receiver {
        waiting.insert(i, result);
        while let Some(result) = waiting.remove(&emitted) {
            emit(&items[emitted], result)?;
            emitted += 1;
            progressed(emitted);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order_whatever_the_finishing_order() {
        let items: Vec<u64> = (0..200).collect();
        for jobs in [1, 2, 4] {
            let mut seen = Vec::new();
            map_in_order(
                &items,
                jobs,
                |&n| {
                    // Early items take longest, so later ones finish first.
                    std::thread::sleep(std::time::Duration::from_micros((200 - n) * 20));
                    n * 2
                },
                |&item, doubled| {
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
        let items: Vec<usize> = (0..10_000).collect();
        let worked = AtomicUsize::new(0);
        let mut emitted = 0;
        let outcome = map_in_order(
            &items,
            2,
            |&n| {
                worked.fetch_add(1, Ordering::Relaxed);
                n
            },
            |_, n| {
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
