/// Keys and values of every processed position, per layer, rounded to f16 like llama.cpp's
/// default cache so attention reproduces its numbers.
///
/// Values are kept as `Float` holding f16-representable numbers: converting halves back on
/// every attention read would be a library call per element on baseline x86-64.
///
/// Storage for the whole context is reserved up front but only touched as positions fill,
/// so the operating system commits memory for the conversation's length, not the maximum.
final class KVCache {
    let layers: Int
    let width: Int
    let capacity: Int
    private let keys: UnsafeMutablePointer<Float>
    private let values: UnsafeMutablePointer<Float>
    /// Positions currently held.
    var count = 0

    init(layers: Int, width: Int, capacity: Int) {
        self.layers = layers
        self.width = width
        self.capacity = capacity
        keys = .allocate(capacity: layers * capacity * width)
        values = .allocate(capacity: layers * capacity * width)
    }

    deinit {
        keys.deallocate()
        values.deallocate()
    }

    @inline(__always)
    func key(layer: Int, position: Int) -> UnsafeMutablePointer<Float> {
        keys + (layer * capacity + position) * width
    }

    @inline(__always)
    func value(layer: Int, position: Int) -> UnsafeMutablePointer<Float> {
        values + (layer * capacity + position) * width
    }

    /// Writes one position's key and value rows for `layer`.
    func store(layer: Int, position: Int, key k: UnsafePointer<Float>, value v: UnsafePointer<Float>) {
        HalfRounding.round(k, into: key(layer: layer, position: position), count: width)
        HalfRounding.round(v, into: value(layer: layer, position: position), count: width)
    }
}
