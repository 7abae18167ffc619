import Foundation
import OpsCore
@testable import OpsServer
import XCTest

/// An admin cannot mint (or rotate into being) a key with more rights or looser limits than its own.
final class KeyGrantTests: XCTestCase {
    static let ownLimits = KeyLimits(requestsPerMinute: 100, tokensPerMinute: 10_000, dailyBudgetUSD: 5, monthlyBudgetUSD: 50,
                                     routes: ["mock-model", "chat"])

    /// A limited admin of project `alpha`, expiring in two days.
    private func limitedAdmin(_ gw: GatewayHarness) async throws -> String {
        try await KeyIssuer(store: gw.server.services.store)
            .issue(project: "alpha", role: .admin, name: "limited-admin", expiresAt: Date().addingTimeInterval(2 * 86_400),
                   limits: Self.ownLimits).secret
    }

    static let tight: JSONValue = ["rpm": 100, "tpm": 10_000, "budget_usd_day": 5, "budget_usd_month": 50, "routes": ["chat"]]

    func testALimitedAdminCannotMintALooserKey() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let admin = try await limitedAdmin(gw)
        let keysBefore = try await gw.get("/api/keys", key: gw.admin).json["data"]?.arrayValue?.count

        func with(_ field: String, _ value: JSONValue?) -> JSONValue {
            var limits = Self.tight.objectValue ?? JSONObject()
            limits[field] = value
            if value == nil { limits = JSONObject(limits.filter { $0.key != field }.map { ($0.key, $0.value) }) }
            return .object(limits)
        }
        let refused: [(JSONValue, String, String)] = [
            (["role": "viewer", "expires_in": "1d"], "limits.rpm", "would have no limits.rpm"),
            (["role": "viewer", "expires_in": "1d", "limits": with("rpm", 101)], "limits.rpm", "limits.rpm 101, above this key's 100"),
            (["role": "viewer", "expires_in": "1d", "limits": with("tpm", nil)], "limits.tpm", "would have no limits.tpm"),
            (["role": "viewer", "expires_in": "1d", "limits": with("tpm", 10_001)], "limits.tpm", "above this key's 10000"),
            (["role": "viewer", "expires_in": "1d", "limits": with("budget_usd_day", 5.01)], "limits.budget_usd_day", "above this key's 5"),
            (["role": "viewer", "expires_in": "1d", "limits": with("budget_usd_month", nil)], "limits.budget_usd_month", "no limits.budget_usd_month"),
            (["role": "viewer", "expires_in": "1d", "limits": with("routes", nil)], "limits.routes", "would call every route"),
            (["role": "viewer", "expires_in": "1d", "limits": with("routes", ["chat", "mock-claude"])], "limits.routes", "route 'mock-claude'"),
            (["role": "viewer", "limits": Self.tight], "expires_in", "would never expire"),
            (["role": "viewer", "expires_in": "3d", "limits": Self.tight], "expires_in", "after this key"),
        ]
        for (body, param, message) in refused {
            let reply = try await gw.post("/api/keys", body, key: admin)
            assertAPIError(reply, status: 403, param: param, code: "exceeds_own_rights", messageContains: message)
            XCTAssertNil(reply.json["key"], "no secret is handed out")
        }
        let keysAfterRefusals = try await gw.get("/api/keys", key: gw.admin).json["data"]?.arrayValue?.count
        XCTAssertEqual(keysAfterRefusals, keysBefore, "no key was created")

        let ok = try await gw.post("/api/keys", ["role": "developer", "expires_in": "1d", "limits": Self.tight], key: admin)
        XCTAssertEqual(ok.status, 201, ok.text)
        let lower = try await gw.post("/api/keys", ["role": "admin", "expires_in": "1d",
                                                    "limits": with("rpm", 1)], key: admin)
        XCTAssertEqual(lower.status, 201, "the same role and tighter limits are fine: \(lower.text)")
        // An admin without limits mints what it likes.
        let status1 = try await gw.post("/api/keys", ["role": "admin"], key: gw.admin).status
        XCTAssertEqual(status1, 201)
    }

    func testRotationCannotTurnALimitedAdminIntoAnUnlimitedKey() async throws {
        let gw = try await GatewayHarness.start()
        addTeardownBlock { await gw.stop() }
        let admin = try await limitedAdmin(gw)
        let unlimitedID = try await gw.keyID(named: "dev")
        let rotated = try await gw.post("/api/keys/\(unlimitedID)/rotate", ["grace_s": 0], key: admin)
        assertAPIError(rotated, status: 403, param: "limits.rpm", code: "exceeds_own_rights", messageContains: "the key being rotated")
        let status2 = try await gw.get("/api/traces", key: gw.developer).status
        XCTAssertEqual(status2, 200, "the old key was left alone")

        let inside = try await gw.post("/api/keys", ["role": "viewer", "expires_in": "1d", "limits": Self.tight], key: admin)
        let insideID = try XCTUnwrap(inside.json["id"]?.stringValue)
        let fine = try await gw.post("/api/keys/\(insideID)/rotate", ["grace_s": 0], key: admin)
        XCTAssertEqual(fine.status, 201, fine.text)
    }

    func testNoKeyGrantsARoleAboveItsOwn() throws {
        let developer = APIKey(project: "alpha", role: .developer, secretHash: "", prefix: "", createdAt: Date())
        XCTAssertThrowsError(try KeyGrantPolicy.check(role: .admin, limits: KeyLimits(), expiresAt: nil, grantedBy: developer)) { error in
            XCTAssertEqual((error as? OpsError)?.kind, .forbidden)
            XCTAssertEqual((error as? OpsError)?.param, "role")
        }
        XCTAssertNoThrow(try KeyGrantPolicy.check(role: .viewer, limits: KeyLimits(), expiresAt: nil, grantedBy: developer))
    }
}
