/// The line diff behind `PromptDiff`: a longest-common-subsequence edit script and its grouping into
/// unified-diff hunks. Prompts are short, so the quadratic table is cheap.
enum LineDiff {
    static func diff(_ a: [String], _ b: [String]) -> [PromptDiff.Line] {
        let n = a.count, m = b.count
        // lcs[i][j]: the LCS length of a[i...] and b[j...], so the script can be read front to back.
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var out: [PromptDiff.Line] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, a[i] == b[j] {
                out.append(.same(a[i])); i += 1; j += 1
            } else if j < m, i == n || lcs[i][j + 1] > lcs[i + 1][j] {
                out.append(.added(b[j])); j += 1
            } else {
                out.append(.removed(a[i])); i += 1
            }
        }
        return out
    }

    /// Groups the script into hunks: each change with up to `context` unchanged lines around it,
    /// hunks closer than twice the context merged, as GNU diff does.
    static func hunks(_ lines: [PromptDiff.Line], context: Int) -> [[String]] {
        let changed = lines.indices.filter { if case .same = lines[$0] { return false } else { return true } }
        guard !changed.isEmpty else { return [] }
        var ranges: [ClosedRange<Int>] = []
        for index in changed {
            let range = max(0, index - context)...min(lines.count - 1, index + context)
            if let last = ranges.last, range.lowerBound <= last.upperBound + 1 {
                ranges[ranges.count - 1] = last.lowerBound...range.upperBound
            } else {
                ranges.append(range)
            }
        }
        var oldLine = 1, newLine = 1, cursor = 0
        var out: [[String]] = []
        for range in ranges {
            while cursor < range.lowerBound { advance(lines[cursor], &oldLine, &newLine); cursor += 1 }
            let oldStart = oldLine, newStart = newLine
            var body: [String] = []
            for line in lines[range] {
                switch line {
                case .same(let s): body.append(" " + s)
                case .removed(let s): body.append("-" + s)
                case .added(let s): body.append("+" + s)
                }
                advance(line, &oldLine, &newLine)
            }
            cursor = range.upperBound + 1
            let oldCount = oldLine - oldStart, newCount = newLine - newStart
            // Unified diff numbers an empty side by the line before it.
            let header = "@@ -\(oldCount == 0 ? oldStart - 1 : oldStart),\(oldCount) "
                + "+\(newCount == 0 ? newStart - 1 : newStart),\(newCount) @@"
            out.append([header] + body)
        }
        return out
    }

    private static func advance(_ line: PromptDiff.Line, _ old: inout Int, _ new: inout Int) {
        switch line {
        case .same: old += 1; new += 1
        case .removed: old += 1
        case .added: new += 1
        }
    }
}
