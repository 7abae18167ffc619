/// Turns generated token bytes into text safe to show: whole UTF-8 characters only, and never
/// a piece that might turn out to begin a stop sequence.
struct TextStreamer {
    let stopSequences: [String]
    private var pendingBytes: [UInt8] = []
    /// Decoded text not yet released because it could start a stop sequence.
    private var heldText = ""
    /// Everything released so far.
    private(set) var emitted = ""
    /// True once a stop sequence was seen; later input is ignored.
    private(set) var stopped = false

    init(stopSequences: [String]) {
        self.stopSequences = stopSequences.filter { !$0.isEmpty }
    }

    /// Adds a token's bytes and returns the text that can be released now.
    mutating func append(_ bytes: [UInt8]) -> String {
        guard !stopped else { return "" }
        pendingBytes += bytes
        let complete = Self.completeUTF8Prefix(pendingBytes)
        guard complete > 0 else { return "" }
        heldText += String(decoding: pendingBytes[..<complete], as: UTF8.self)
        pendingBytes.removeFirst(complete)
        for stop in stopSequences {
            if let range = heldText.range(of: stop) {
                stopped = true
                let out = String(heldText[..<range.lowerBound])
                heldText = ""
                emitted += out
                return out
            }
        }
        let keep = longestStopPrefixSuffix(heldText)
        let releaseEnd = heldText.index(heldText.endIndex, offsetBy: -keep)
        let out = String(heldText[..<releaseEnd])
        heldText = String(heldText[releaseEnd...])
        emitted += out
        return out
    }

    /// Releases whatever is held at the end of generation (invalid bytes become U+FFFD).
    mutating func finish() -> String {
        guard !stopped else { return "" }
        let out = heldText + String(decoding: pendingBytes, as: UTF8.self)
        heldText = ""
        pendingBytes = []
        emitted += out
        return out
    }

    /// Length in characters of the longest suffix of `text` that is a proper prefix of a stop sequence.
    private func longestStopPrefixSuffix(_ text: String) -> Int {
        var best = 0
        for stop in stopSequences {
            let stopChars = Array(stop)
            let textChars = Array(text.suffix(stopChars.count - 1))
            for length in stride(from: min(textChars.count, stopChars.count - 1), to: best, by: -1)
            where Array(textChars.suffix(length)) == Array(stopChars.prefix(length)) {
                best = length
                break
            }
        }
        return best
    }

    /// Bytes at the front that form complete UTF-8 sequences (a broken sequence counts as complete).
    static func completeUTF8Prefix(_ bytes: [UInt8]) -> Int {
        var i = bytes.count
        // Look back at most 3 bytes for the start of an unfinished sequence.
        var back = 0
        while back < 3 && i > 0 && bytes[i - 1] & 0xC0 == 0x80 { i -= 1; back += 1 }
        guard i > 0 else { return bytes.count > 3 ? bytes.count : 0 }
        let lead = bytes[i - 1]
        let needed = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        let have = bytes.count - (i - 1)
        return have < needed ? i - 1 : bytes.count
    }
}
