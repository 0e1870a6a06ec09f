// SPDX-License-Identifier: Apache-2.0
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-bit event on a pthread condition variable: `signal()` sets it, `wait` blocks until it is set
/// (or a deadline passes) and clears it. Deadlines use the monotonic clock.
final class ConditionSignal: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private let condition: UnsafeMutablePointer<pthread_cond_t>
    /// Guarded by `mutex`.
    private var signaled = false

    init() {
        mutex = .allocate(capacity: 1)
        condition = .allocate(capacity: 1)
        pthread_mutex_init(mutex, nil)
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(condition, &attributes)
        pthread_condattr_destroy(&attributes)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    /// Sets the event and wakes a waiter.
    func signal() {
        pthread_mutex_lock(mutex)
        signaled = true
        pthread_mutex_unlock(mutex)
        // Wake after unlocking, so the woken thread does not immediately block on the mutex we hold.
        pthread_cond_broadcast(condition)
    }

    /// Blocks until the event is set or `deadline` (monotonic nanoseconds) passes; clears the event.
    /// Returns whether it was set.
    func wait(until deadline: UInt64?) -> Bool {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        while !signaled {
            guard let deadline else {
                pthread_cond_wait(condition, mutex)
                continue
            }
            var time = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
            if pthread_cond_timedwait(condition, mutex, &time) == ETIMEDOUT && !signaled { return false }
        }
        signaled = false
        return true
    }
}
