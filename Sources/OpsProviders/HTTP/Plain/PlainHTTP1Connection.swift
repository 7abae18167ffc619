import NIOCore
import NIOHTTP1
import NIOPosix

/// One keep-alive connection to an upstream and the handler that runs its exchanges.
final class PlainHTTP1Connection: Sendable {
    let channel: any Channel
    let handler: NIOLoopBound<PlainHTTP1Handler>
    let key: String

    private init(channel: any Channel, handler: PlainHTTP1Handler, key: String) {
        self.channel = channel
        self.handler = NIOLoopBound(handler, eventLoop: channel.eventLoop)
        self.key = key
    }

    var eventLoop: any EventLoop { channel.eventLoop }

    /// Opens a connection whose finished exchanges return it to `pool`.
    static func connect(to url: UpstreamURL, group: any EventLoopGroup, connectTimeout: TimeAmount,
                        pool: PlainHTTP1ConnectionPool) -> EventLoopFuture<PlainHTTP1Connection> {
        ClientBootstrap(group: group)
            .connectTimeout(connectTimeout)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                do {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(PlainHTTP1Handler())
                    return channel.eventLoop.makeSucceededVoidFuture()
                } catch {
                    return channel.eventLoop.makeFailedFuture(error)
                }
            }
            .connect(host: url.host, port: url.port)
            .flatMapThrowing { channel in
                let handler = try channel.pipeline.syncOperations.handler(type: PlainHTTP1Handler.self)
                let connection = PlainHTTP1Connection(channel: channel, handler: handler, key: url.connectionKey)
                handler.onReusable = { [weak pool, connection] in
                    if let pool { pool.release(connection) } else { connection.channel.close(promise: nil) }
                }
                return connection
            }
    }
}
