/// Writes a CI gate outcome as JUnit XML (`--junit out.xml`), the format CI systems show as test
/// results: one test case per check, a `<failure>` for each failed one.
public struct JUnitReport: Sendable {
    public var suiteName: String
    public var outcome: CIGate.Outcome
    /// Extra facts shown as suite properties (dataset version, prompt, run id).
    public var properties: [(name: String, value: String)]
    /// The run's duration in seconds.
    public var time: Double

    public init(suiteName: String = "llmops eval", outcome: CIGate.Outcome,
                properties: [(name: String, value: String)] = [], time: Double = 0) {
        self.suiteName = suiteName
        self.outcome = outcome
        self.properties = properties
        self.time = time
    }

    /// The XML document, UTF-8 text.
    public func xml() -> String {
        let failures = outcome.checks.filter { !$0.passed }.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"\(Self.escape(suiteName))\" tests=\"\(outcome.checks.count)\" failures=\"\(failures)\">\n"
        out += "  <testsuite name=\"\(Self.escape(suiteName))\" tests=\"\(outcome.checks.count)\" failures=\"\(failures)\" "
            + "errors=\"0\" skipped=\"0\" time=\"\(CIGate.format(time))\">\n"
        if !properties.isEmpty {
            out += "    <properties>\n"
            for property in properties {
                out += "      <property name=\"\(Self.escape(property.name))\" value=\"\(Self.escape(property.value))\"/>\n"
            }
            out += "    </properties>\n"
        }
        for check in outcome.checks {
            let name = Self.escape("\(check.metric) \(check.kind.rawValue)")
            out += "    <testcase classname=\"llmops.eval.\(check.kind.rawValue)\" name=\"\(name)\""
            if check.passed {
                out += "/>\n"
            } else {
                out += ">\n      <failure message=\"\(Self.escape(check.message))\" type=\"\(check.kind.rawValue)\">"
                    + "\(Self.escape(check.message))</failure>\n    </testcase>\n"
            }
        }
        out += "  </testsuite>\n</testsuites>\n"
        return out
    }

    /// Escapes text for an attribute or element: the five markup characters, line breaks and tabs
    /// as character references (attributes would otherwise normalize them to spaces), and characters
    /// XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF) replaced by U+FFFD.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default:
                let v = scalar.value
                let allowed = (v >= 0x20 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD) || v >= 0x10000
                out.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
            }
        }
        return out
    }
}
