import OpsCore
import XCTest

final class LimitStatesTests: XCTestCase {
    func testKeysAreHeldOnceInOrderAndStartAbsent() {
        let states = LimitStates(keys: ["b", "a", "b"])
        XCTAssertEqual(states.keys, ["b", "a"])
        XCTAssertEqual(states.values, [nil, nil])
        XCTAssertNil(states["a"])
        XCTAssertEqual(states.present, [:])
    }

    func testStatesAreReadAndWrittenByKey() {
        var states = LimitStates(keys: ["rl:k:requests", "budget:k:day"])
        states["budget:k:day"] = LimitState(value: 1.5, stamp: 10)
        states["rl:k:requests", default: LimitState()].value += 2
        states["rl:k:requests", default: LimitState()].value += 2
        XCTAssertEqual(states.values, [LimitState(value: 4), LimitState(value: 1.5, stamp: 10)])
        states["budget:k:day"] = nil
        XCTAssertEqual(states.present, ["rl:k:requests": LimitState(value: 4)])
    }

    func testAKeyWithOtherStorageButTheSameTextIsFound() {
        let held = String(repeating: "budget:key_", count: 3) + "day"
        var states = LimitStates(distinctKeys: [held])
        // Built separately: equal text, another heap string, so not the same bits.
        let asked = ["budget:key_", "budget:key_", "budget:key_", "day"].joined()
        states[asked] = LimitState(value: 7)
        XCTAssertEqual(states[held]?.value, 7)
    }
}
