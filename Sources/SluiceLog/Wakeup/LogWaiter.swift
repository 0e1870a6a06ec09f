// SPDX-License-Identifier: Apache-2.0
import Synchronization

/// The result of waiting for data.
public enum WaitOutcome: Sendable, Equatable {
    /// These partitions have data beyond the offsets waited on.
    case ready([TopicPartition])
    /// The timeout passed first.
    case timedOut
    /// `LogWaiter.cancel()` was called, or the waiting task was cancelled.
    case cancelled
}

/// A reusable handle for blocking until partitions receive data (`LogStore.waitForData`).
///
/// Appends wake it through a condition variable, with no polling. `cancel()` wakes a thread blocked
/// in a wait from any other thread; a cancelled waiter returns `.cancelled` from every later wait until
/// `reset()`. One thread waits on a waiter at a time.
public final class LogWaiter: Sendable, PartitionWatcher {
    let signal = ConditionSignal()
    private let cancelled = Atomic<Bool>(false)

    public init() {}

    /// Wakes the current wait (and fails later ones) with `.cancelled`.
    public func cancel() {
        cancelled.store(true, ordering: .releasing)
        signal.signal()
    }

    /// Whether `cancel()` was called since the last reset.
    public var isCancelled: Bool { cancelled.load(ordering: .acquiring) }

    /// Makes a cancelled waiter usable again.
    public func reset() {
        cancelled.store(false, ordering: .releasing)
    }

    func dataArrived() { signal.signal() }
}

/// A one-shot watcher that resumes an async waiter (`LogStore.waitForData(_:isolation:timeout:)` async).
final class AsyncWatcher: PartitionWatcher {
    private let continuation = Mutex<CheckedContinuation<Void, Never>?>(nil)
    private let fired = Atomic<Bool>(false)

    func install(_ continuation: CheckedContinuation<Void, Never>) {
        let resumeNow = self.continuation.withLock { slot -> Bool in
            if fired.load(ordering: .acquiring) { return true }
            slot = continuation
            return false
        }
        if resumeNow { continuation.resume() }
    }

    /// Resumes the waiter once; later calls do nothing.
    func fire() {
        guard !fired.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let continuation = self.continuation.withLock { slot -> CheckedContinuation<Void, Never>? in
            defer { slot = nil }
            return slot
        }
        continuation?.resume()
    }

    func dataArrived() { fire() }
}
