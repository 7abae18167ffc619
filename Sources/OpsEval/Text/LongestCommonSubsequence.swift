/// The LCS table and backtrack rouge-score uses. The backtrack's tie-breaking decides which LCS is
/// returned, which changes ROUGE-Lsum's union, so it follows rouge-score's `_backtrack_norec`.
struct LongestCommonSubsequence {
    let rows: Int
    let cols: Int
    private var table: [Int32]

    /// The table of `reference` (rows) against `candidate` (columns).
    init(_ reference: [Int32], _ candidate: [Int32]) {
        rows = reference.count
        cols = candidate.count
        let width = cols + 1
        table = Array(repeating: 0, count: (rows + 1) * width)
        guard rows > 0 && cols > 0 else { return }
        table.withUnsafeMutableBufferPointer { t in
            for i in 1...rows {
                let r = reference[i - 1]
                for j in 1...cols {
                    t[i * width + j] = r == candidate[j - 1]
                        ? t[(i - 1) * width + j - 1] + 1
                        : max(t[(i - 1) * width + j], t[i * width + j - 1])
                }
            }
        }
    }

    var length: Int { Int(table[rows * (cols + 1) + cols]) }

    /// The LCS length alone, in two rows of memory: ROUGE-L needs no backtrack, and whole
    /// documents of thousands of tokens would make the full table hundreds of megabytes.
    static func length(_ a: [Int32], _ b: [Int32]) -> Int {
        guard !a.isEmpty && !b.isEmpty else { return 0 }
        var previous = [Int32](repeating: 0, count: b.count + 1)
        var current = previous
        for x in a {
            for j in 1...b.count {
                current[j] = x == b[j - 1] ? previous[j - 1] + 1 : max(previous[j], current[j - 1])
            }
            swap(&previous, &current)
        }
        return Int(previous[b.count])
    }

    private func at(_ i: Int, _ j: Int) -> Int32 { table[i * (cols + 1) + j] }

    /// Indices into the reference of one longest common subsequence, ascending.
    func referenceIndices(_ reference: [Int32], _ candidate: [Int32]) -> [Int] {
        var i = rows
        var j = cols
        var indices: [Int] = []
        while i > 0 && j > 0 {
            if reference[i - 1] == candidate[j - 1] {
                indices.append(i - 1)
                i -= 1
                j -= 1
            } else if at(i, j - 1) > at(i - 1, j) {
                j -= 1
            } else {
                i -= 1
            }
        }
        return indices.reversed()
    }
}
