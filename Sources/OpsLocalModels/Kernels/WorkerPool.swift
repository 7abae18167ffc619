import Foundation
import Synchronization
#if canImport(CLocalKernels)
import CLocalKernels
#endif

/// A fixed team of threads that run the kernels' parallel loops together with the caller.
///
/// A generated token is ~150 short parallel regions (tens of microseconds each). Waking a parked
/// thread for each costs a futex round trip and a reschedule, so idle workers spin for
/// `spinDuration` before parking: during a generation they stay hot, an idle server burns nothing.
///
/// A region is a number of chunks that the caller and the workers claim one at a time. The caller
/// never waits for a worker to arrive: when a worker is parked, late or preempted by another
/// process, the caller simply claims more chunks, and it waits only for chunks already started.
///
/// One region runs at a time; a region started while another runs (a nested loop, or the other
/// model's queue) runs on its caller alone.
final class WorkerPool: @unchecked Sendable {
    /// Threads that can take part in a region, the caller included.
    let size: Int
    /// How long an idle worker spins before parking: longer than the gaps between a token's
    /// regions, short enough not to hold a core from other processes for long.
    static let spinDuration: UInt64 = 200_000

    // Even while a region is open, odd once it is closed; workers join only open regions.
    private let epoch = Atomic<UInt64>(1)
    private let nextChunk = Atomic<Int>(0)
    private let doneChunks = Atomic<Int>(0)
    // Workers that may be reading `job`; the caller waits for zero after closing the region.
    private let active = Atomic<Int>(0)
    private let sleepers = Atomic<Int>(0)
    private let busy = Atomic<Bool>(false)
    private let parking = NSCondition()
    // Written by the caller before the region opens (release), read by workers that joined the
    // open region (acquire), cleared once the region is closed and no worker is active.
    nonisolated(unsafe) private var job: ((Int) -> Void)?
    nonisolated(unsafe) private var chunkCount = 0

    init(size: Int) {
        self.size = max(1, size)
        for index in 1..<self.size {
            let thread = Thread { [unowned self] in self.work() }
            thread.name = "llmops.local.worker.\(index)"
            thread.start()
        }
    }

    /// Calls `body(c)` once for every chunk `c` in `0..<chunks`, spread over the caller and the
    /// workers, and returns when all calls have returned.
    func run(chunks: Int, _ body: (Int) -> Void) {
        guard chunks > 1, size > 1, busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            for c in 0..<max(chunks, 0) { body(c) }
            return
        }
        withoutActuallyEscaping(body) { body in
            job = body
            chunkCount = chunks
            nextChunk.store(0, ordering: .relaxed)
            doneChunks.store(0, ordering: .relaxed)
            let open = epoch.load(ordering: .relaxed) &+ 1
            epoch.store(open, ordering: .sequentiallyConsistent)
            if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                parking.lock()
                parking.broadcast()
                parking.unlock()
            }
            while true {
                let c = nextChunk.wrappingAdd(1, ordering: .relaxed).oldValue
                if c >= chunks { break }
                body(c)
                doneChunks.add(1, ordering: .relaxed)
            }
            var spins = 0
            while doneChunks.load(ordering: .acquiring) < chunks { Self.pause(&spins) }
            epoch.store(open &+ 1, ordering: .sequentiallyConsistent)
            while active.load(ordering: .sequentiallyConsistent) > 0 { Self.pause(&spins) }
            job = nil
        }
        busy.store(false, ordering: .releasing)
    }

    private func work() {
        var seen: UInt64 = 1
        while true {
            seen = waitForChange(from: seen)
            guard seen & 1 == 0 else { continue }
            active.add(1, ordering: .sequentiallyConsistent)
            if epoch.load(ordering: .sequentiallyConsistent) == seen { claimChunks() }
            active.subtract(1, ordering: .releasing)
        }
    }

    // Out of line so the worker's reference to the job is gone before it leaves `active`
    // (`withoutActuallyEscaping` checks that none outlives the region).
    @inline(never)
    private func claimChunks() {
        guard let job else { return }
        let chunks = chunkCount
        while true {
            let c = nextChunk.wrappingAdd(1, ordering: .relaxed).oldValue
            if c >= chunks { break }
            job(c)
            doneChunks.add(1, ordering: .releasing)
        }
    }

    /// Spins until the epoch differs from `seen`, parking once `spinDuration` has passed.
    private func waitForChange(from seen: UInt64) -> UInt64 {
        var deadline: UInt64 = 0
        var spins = 0
        while true {
            let current = epoch.load(ordering: .acquiring)
            if current != seen { return current }
            Self.relax()
            spins += 1
            guard spins & 255 == 0 else { continue }
            // A spinning worker must not keep a preempted caller off its core: past the first
            // few microseconds it offers the core to others between bursts of spinning.
            if spins > 1024 { sched_yield() }
            let now = DispatchTime.now().uptimeNanoseconds
            if deadline == 0 { deadline = now + Self.spinDuration; continue }
            guard now >= deadline else { continue }
            parking.lock()
            sleepers.add(1, ordering: .sequentiallyConsistent)
            while epoch.load(ordering: .sequentiallyConsistent) == seen { parking.wait() }
            sleepers.subtract(1, ordering: .sequentiallyConsistent)
            parking.unlock()
            deadline = 0
        }
    }

    /// Waiting for a chunk another thread is running: spin for about as long as a chunk takes
    /// (a yield is a syscall and a pass through the scheduler), then let the scheduler run that
    /// thread in case it was preempted on this core.
    @inline(__always)
    private static func pause(_ spins: inout Int) {
        spins += 1
        if spins < 2048 { relax() } else { sched_yield() }
    }

    @inline(__always)
    private static func relax() {
        #if canImport(CLocalKernels)
        lk_cpu_relax()
        #endif
    }
}
