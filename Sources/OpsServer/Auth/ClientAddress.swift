import Foundation
import HTTPTypes
import Hummingbird

/// Who is asking, for the authentication throttle: the connection's peer address, or, when the
/// server is configured to trust a proxy's header (`server.client_address_header`), the last entry
/// of that header (the address the proxy itself saw; earlier entries are the client's own claims).
enum ClientAddress {
    static func of(_ request: Request, context: OpsRequestContext, header: String?) -> String? {
        if let header, let name = HTTPField.Name(header), let value = request.headers[name],
           let last = value.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty {
            return String(last.prefix(100))
        }
        guard let address = context.remoteAddress else { return nil }
        return address.ipAddress ?? address.description
    }
}
