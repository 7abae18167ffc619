import NIOPosix
import OpsTelemetry

extension ResumeHome {
    /// The event loop of the calling thread: a request handler waiting for its trace's commit is
    /// resumed on its connection's loop, where its answer is written.
    static let eventLoop = ResumeHome {
        guard let loop = MultiThreadedEventLoopGroup.currentEventLoop else { return nil }
        return { work in loop.execute(work) }
    }
}
