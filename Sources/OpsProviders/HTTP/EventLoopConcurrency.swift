import Foundation
import NIOCore
import NIOPosix

/// Runs Swift concurrency's global jobs on NIO's event loops, so a request's handler, its upstream
/// call and the response share threads instead of hopping between NIO's threads and the
/// cooperative pool.
///
/// NIO offers this itself (`NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor`),
/// but it runs every job isolated to the event loop's serial executor. A task there that enters a
/// nonisolated async function must then switch to the generic executor, which means going back
/// through the loop's queue: a measured 8% of the gateway's CPU went to those switches. Here a job
/// runs on the loop's thread without serial isolation (as on the cooperative pool), so the runtime
/// has nothing to switch and continues inline.
///
/// It lives beside the upstream client, which owns the process's NIO loops; `llmops` and the mock
/// upstream's process both install it.
///
/// Jobs go to the loop of the thread that enqueues them (a continuation resumed by a channel's
/// loop continues there), else to the next loop of the group.
public enum EventLoopConcurrency {
    private typealias EnqueueHook = @convention(thin) (UnownedJob, @convention(thin) (UnownedJob) -> Void) -> Void

    /// Installs the hook; false (nothing changed) when the runtime has no hook to set or one is set.
    /// Call once, on the main thread, before any task starts.
    @discardableResult
    public static func install() -> Bool {
        #if compiler(<6.6)
        guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "swift_task_enqueueGlobal_hook") else { return false }
        let slot = symbol.assumingMemoryBound(to: EnqueueHook?.self)
        guard slot.pointee == nil else { return false }
        slot.pointee = { job, _ in
            let loop = MultiThreadedEventLoopGroup.currentEventLoop ?? NIOSingletons.posixEventLoopGroup.next()
            loop.execute { job.runSynchronously(on: globalConcurrentExecutor.asUnownedTaskExecutor()) }
        }
        return true
        #else
        return false
        #endif
    }
}
