import HTTPTypes
import OpsGateway

extension LimitHeaders {
    /// The typed names of `fields`, checked once.
    private static let names: [HTTPField.Name] = fieldNames.map { HTTPField.Name($0)! }

    /// Appends the `x-ratelimit-*` fields that apply, in `fields`' order, without building them as strings first.
    func append(to headers: inout HTTPFields) {
        let names = Self.names
        if let limitRequests, let remainingRequests, let resetRequests {
            headers.append(HTTPField(name: names[0], value: String(limitRequests)))
            headers.append(HTTPField(name: names[1], value: String(remainingRequests)))
            headers.append(HTTPField(name: names[2], value: Self.duration(resetRequests)))
        }
        if let limitTokens, let remainingTokens, let resetTokens {
            headers.append(HTTPField(name: names[3], value: String(limitTokens)))
            headers.append(HTTPField(name: names[4], value: String(remainingTokens)))
            headers.append(HTTPField(name: names[5], value: Self.duration(resetTokens)))
        }
    }
}
