import Foundation
import OpsCore
import XCTest

@testable import OpsProviders

/// The reading loop between the HTTP body and the translator, fed from memory.
final class AnthropicStreamReaderTests: XCTestCase {
    private typealias T = AnthropicTestSupport

    /// A body that arrives in pieces of `size` bytes, cutting events and UTF-8 wherever it falls.
    private func body(_ transcript: String, pieceSize size: Int) -> AsyncStream<[UInt8]> {
        let bytes = Array(transcript.utf8)
        return AsyncStream { continuation in
            for start in stride(from: 0, to: bytes.count, by: size) {
                continuation.yield(Array(bytes[start..<min(start + size, bytes.count)]))
            }
            continuation.finish()
        }
    }

    private func read(_ transcript: String, pieceSize: Int) async -> (chunks: [ChatChunk], error: (any Error)?) {
        let stream = AnthropicStreamReader.chunks(from: body(transcript, pieceSize: pieceSize), url: "http://upstream/messages",
                                                  translator: AnthropicStreamTranslator(created: 100))
        var chunks: [ChatChunk] = []
        do {
            for try await chunk in stream { chunks.append(chunk) }
            return (chunks, nil)
        } catch {
            return (chunks, error)
        }
    }

    func testChunksDoNotDependOnHowTheBodyIsSplit() async {
        for size in [1, 7, 64, 100_000] {
            let result = await read(AnthropicStreamTranslatorTests.toolStream, pieceSize: size)
            XCTAssertNil(result.error, "piece size \(size)")
            T.assertChunks(result.chunks, AnthropicStreamTranslatorTests.toolChunks)
        }
    }

    func testStreamCutBeforeMessageStopEndsWithAnError() async {
        let transcript = AnthropicStreamTranslatorTests.textStream
        let cut = String(transcript[..<transcript.range(of: "event: message_delta")!.lowerBound])
        let result = await read(cut, pieceSize: 50)
        T.assertChunks(result.chunks, Array(AnthropicStreamTranslatorTests.textChunks.prefix(3)))
        XCTAssertEqual((result.error as? OpsError)?.code, "upstream_truncated")
    }

    func testErrorEventEndsTheStreamAfterTheChunksBeforeIt() async {
        let transcript = AnthropicStreamTranslatorTests.textStream.replacingOccurrences(
            of: "event: content_block_stop",
            with: """
                event: error
                data: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}

                event: content_block_stop
                """)
        let result = await read(transcript, pieceSize: 13)
        XCTAssertEqual(result.chunks.count, 3)
        let error = result.error as? OpsError
        XCTAssertEqual(error?.kind, .upstreamUnavailable)
        XCTAssertEqual(error?.message, "upstream anthropic stream error: Overloaded")
    }
}
