/// One record of the trace journal on disk: a 20-byte header — the magic `LTJ1`, the record's
/// sequence number (UInt64), the payload's length (UInt32) and a CRC-32 of sequence and payload
/// (UInt32), all little-endian — then the payload. A frame that does not check out ends the
/// segment: it is the tail of a write the process did not finish (it died mid-`write`), so no
/// caller was told its trace was stored.
struct JournalFrame: Equatable {
    static let magic: [UInt8] = Array("LTJ1".utf8)
    static let headerSize = 20
    /// Far above any trace; a larger length is damage, not a record.
    static let maxPayload = 64 << 20

    var seq: UInt64
    var payload: [UInt8]

    func encoded() -> [UInt8] {
        var out = Self.magic
        out.reserveCapacity(Self.headerSize + payload.count)
        let seqBytes = Self.littleEndian(seq)
        out.append(contentsOf: seqBytes)
        out.append(contentsOf: Self.littleEndian(UInt32(payload.count)))
        out.append(contentsOf: Self.littleEndian(CRC32.checksum(payload, startingWith: CRC32.checksum(seqBytes))))
        out.append(contentsOf: payload)
        return out
    }

    /// The frames at the start of `bytes` that check out, and how many bytes they cover; reading
    /// stops at the first that does not (or at a partial one at the end).
    static func decodeAll(_ bytes: [UInt8]) -> (frames: [JournalFrame], validBytes: Int) {
        var frames: [JournalFrame] = []
        var at = 0
        while bytes.count - at >= headerSize {
            guard Array(bytes[at..<at + 4]) == magic else { break }
            let seqBytes = bytes[at + 4..<at + 12]
            let seq = UInt64(littleEndianBytes: seqBytes)
            let length = Int(UInt32(littleEndianBytes: bytes[at + 12..<at + 16]))
            let crc = UInt32(littleEndianBytes: bytes[at + 16..<at + 20])
            let start = at + headerSize
            guard length <= maxPayload, bytes.count - start >= length else { break }
            let payload = Array(bytes[start..<start + length])
            guard CRC32.checksum(payload, startingWith: CRC32.checksum(seqBytes)) == crc else { break }
            frames.append(JournalFrame(seq: seq, payload: payload))
            at = start + length
        }
        return (frames, at)
    }

    private static func littleEndian<T: FixedWidthInteger>(_ value: T) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }
}

extension FixedWidthInteger {
    init(littleEndianBytes bytes: some Collection<UInt8>) {
        var value = Self.zero
        for (i, b) in bytes.enumerated() { value |= Self(b) << (8 * i) }
        self = value
    }
}
