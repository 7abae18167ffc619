import Foundation
import XCTest
@testable import OpsLocalModels

/// Locates committed fixtures and the weights fetched by `make models`.
enum TestSupport {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: testsDirectory.appendingPathComponent("Fixtures/\(name)"))
    }

    static func fixtureJSON(_ name: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: fixture(name)) as? [String: Any])
    }

    /// `LOCAL_MODELS_DIR`, else `<repo>/models`. Fails (never skips) when the weights are absent.
    static func modelsDirectory(file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let env = ProcessInfo.processInfo.environment["LOCAL_MODELS_DIR"]
        let repo = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
        let dir = env.flatMap { $0.isEmpty ? nil : $0 } ?? repo.appendingPathComponent("models").path
        let probe = dir + "/" + LocalModelFiles.smolLMFile
        guard FileManager.default.fileExists(atPath: probe) else {
            XCTFail("model weights not found in \(dir): run `make models` (or set LOCAL_MODELS_DIR)", file: file, line: line)
            throw LocalModelError.weightsMissing(path: probe)
        }
        return dir
    }

    /// Loaded once per test process: loading is cheap (mmap) but tokenizer set-up is not free.
    nonisolated(unsafe) private static var embedderCache: LocalEmbedder?
    nonisolated(unsafe) private static var ggufCache: GGUFFile?
    private static let lock = NSLock()

    static func embedder() throws -> LocalEmbedder {
        lock.lock(); defer { lock.unlock() }
        if let cached = embedderCache { return cached }
        let e = try LocalEmbedder(modelsDirectory: modelsDirectory())
        embedderCache = e
        return e
    }

    nonisolated(unsafe) private static var chatCache: LocalChatModel?

    static func chatModel() throws -> LocalChatModel {
        lock.lock(); defer { lock.unlock() }
        if let cached = chatCache { return cached }
        let m = try LocalChatModel(modelsDirectory: modelsDirectory(), contextLength: 2048)
        chatCache = m
        return m
    }

    static func smolLMFile() throws -> GGUFFile {
        lock.lock(); defer { lock.unlock() }
        if let cached = ggufCache { return cached }
        let g = try GGUFFile(path: modelsDirectory() + "/" + LocalModelFiles.smolLMFile)
        ggufCache = g
        return g
    }

    /// The reference cases a test runs: all of them in an optimized build; in an `-Onone`
    /// build (20–50× slower), every `stride`-th one, announced so the reduction is never silent.
    static func workload<T>(_ cases: [T], stride: Int, test: String = #function,
                            where keep: (T) -> Bool = { _ in true }) -> [T] {
        guard LocalModelsBuild.isUnoptimized else { return cases }
        let picked = Swift.stride(from: 0, to: cases.count, by: stride).map { cases[$0] }.filter(keep)
        print("NOTE \(test): OpsLocalModels is built without optimization; comparing \(picked.count) of "
              + "\(cases.count) reference cases. Build it with -O (see docs/local-models.md) for the full check.")
        return picked
    }

    static func cosine(_ a: [Float], _ b: [Float]) -> Double {
        var dot = 0.0, na = 0.0, nb = 0.0
        for (x, y) in zip(a, b) { dot += Double(x) * Double(y); na += Double(x) * Double(x); nb += Double(y) * Double(y) }
        return dot / max((na * nb).squareRoot(), 1e-30)
    }
}
