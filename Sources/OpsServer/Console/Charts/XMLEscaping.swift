/// Escaping for text and attribute values in the SVG and HTML the console writes by hand.
enum XMLEscaping {
    /// `s` with `& < > " '` replaced by entities, safe in element text and quoted attributes.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}
