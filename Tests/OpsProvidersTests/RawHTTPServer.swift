import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// A loopback TCP server that answers each request with scripted raw bytes, for what a
/// well-behaved server never does: garbage instead of HTTP, bodies cut by a close, keep-alive
/// connections closed right after an answer. Counts the connections it accepted.
final class RawHTTPServer: Sendable {
    /// One scripted answer: bytes to write, then whether to close the connection.
    struct Reply: Sendable {
        var bytes: [UInt8]
        var close: Bool

        static func json(_ body: String, status: String = "200 OK", headers: [String] = [], close: Bool = false) -> Reply {
            let head = ["HTTP/1.1 \(status)", "content-type: application/json", "content-length: \(body.utf8.count)"] + headers
            return Reply(bytes: Array((head.joined(separator: "\r\n") + "\r\n\r\n" + body).utf8), close: close)
        }

        static func raw(_ text: String, close: Bool) -> Reply { Reply(bytes: Array(text.utf8), close: close) }
    }

    private struct State {
        var replies: [Reply] = []
        var connections = 0
        var requests = 0
    }

    private let state = Mutex(State())
    private let channel = Mutex<(any Channel)?>(nil)

    var connections: Int { state.withLock { $0.connections } }
    var requests: Int { state.withLock { $0.requests } }

    func enqueue(_ replies: Reply...) { state.withLock { $0.replies += replies } }

    /// Starts listening on 127.0.0.1 and returns the port.
    func start() async throws -> Int {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { [self] channel in
                state.withLock { $0.connections += 1 }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ScriptedHandler(server: self))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        channel.withLock { $0 = server }
        return server.localAddress?.port ?? 0
    }

    func stop() async {
        let server = channel.withLock { $0 }
        try? await server?.close()
    }

    fileprivate func nextReply() -> Reply {
        state.withLock { state in
            state.requests += 1
            return state.replies.isEmpty ? .json("{}") : state.replies.removeFirst()
        }
    }

    /// Buffers request bytes until a whole request (head plus `content-length` body) arrived.
    private final class ScriptedHandler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let server: RawHTTPServer
        var pending: [UInt8] = []

        init(server: RawHTTPServer) { self.server = server }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            pending += unwrapInboundIn(data).readableBytesView
            while let length = Self.completeRequestLength(pending) {
                pending.removeFirst(length)
                let reply = server.nextReply()
                let write = context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: reply.bytes)))
                if reply.close {
                    let context = NIOLoopBound(context, eventLoop: context.eventLoop)
                    write.whenComplete { _ in context.value.close(promise: nil) }
                    return
                }
            }
        }

        static func completeRequestLength(_ bytes: [UInt8]) -> Int? {
            let separator: [UInt8] = [13, 10, 13, 10]
            guard bytes.count >= 4, let end = (0...(bytes.count - 4)).first(where: { Array(bytes[$0..<$0 + 4]) == separator }) else {
                return nil
            }
            let head = String(decoding: bytes[..<end], as: UTF8.self).lowercased()
            let length = head.split(separator: "\r\n")
                .first { $0.hasPrefix("content-length:") }
                .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
            let total = end + 4 + length
            return bytes.count >= total ? total : nil
        }
    }
}
