/// A duration as the CLI's messages write it: `5s`, `0.5s`.
enum EvalSeconds {
    static func text(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return value.rounded() == value ? "\(Int(value))s" : "\(value)s"
    }
}
