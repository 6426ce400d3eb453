import MarginaliaCore
import MarginaliaCoreTestSupport
import Testing

@Suite("Fingerprint")
struct FingerprintTests {
    /// Python's `base64.b32encode(bytes(range(32)))` is `AAAQEAYEAUDAOCAJBIFQYDIOB4IBCEQTCQKRMFYYDENBWHA5DYPQ`;
    /// a check character follows each run of 13 (here 5, X, M, S).
    static let counting = "AAAQEAYE-AUDAO5CA-JBIFQYDI-OB4XIBCE-QTCQKRMF-YMYDENBW-HA5DYPQS"

    @Test func writesBase32WithCheckCharactersInSevenGroupsOfEight() throws {
        let fingerprint = try #require(Fingerprint(bytes: (0..<32).map(UInt8.init)))
        #expect(fingerprint.description == Self.counting)
        #expect(try Fingerprint(parsing: Self.counting) == fingerprint)
    }

    @Test func roundTripsRandomDigests() throws {
        var random = SplitMix64(seed: 15)
        for _ in 0..<500 {
            let fingerprint = try #require(Fingerprint(bytes: (0..<32).map { _ in UInt8(random.below(256)) }))
            let text = fingerprint.description
            #expect(text.count == 62 && text.split(separator: "-").map(\.count) == Array(repeating: 8, count: 7), "\(text)")
            #expect(try Fingerprint(parsing: text) == fingerprint, "\(text)")
        }
    }

    /// What copying, pasting and dictation do to it.
    @Test(arguments: [
        "aaaqeaye-audao5ca-jbifqydi-ob4xibce-qtcqkrmf-ymydenbw-ha5dypqs",
        "AAAQEAYEAUDAO5CAJBIFQYDIOB4XIBCEQTCQKRMFYMYDENBWHA5DYPQS",
        "  AAAQEAYE AUDAO5CA JBIFQYDI OB4XIBCE\nQTCQKRMF YMYDENBW HA5DYPQS\n",
        "AAAQEAY-EAUDAO5-CAJBIFQ-YDIOB4X-IBCEQTC-QKRMFYM-YDENBWH-A5DYPQS",
        "AAAQEAYE-AUDA05CA-J8IFQYD1-0B4XIBCE-QTCQKRMF-YMYDENBW-HA5DYPQS",  // 0, 8 and 1 read as O, B and I
    ])
    func parsesTolerantly(text: String) throws {
        #expect(try Fingerprint(parsing: text).description == Self.counting)
    }

    @Test func refusesTheWrongNumberOfCharacters() {
        #expect(throws: Fingerprint.ParseError.length(55)) { try Fingerprint(parsing: String(Self.counting.dropLast())) }
        #expect(throws: Fingerprint.ParseError.length(57)) { try Fingerprint(parsing: Self.counting + "A") }
        #expect(throws: Fingerprint.ParseError.length(0)) { try Fingerprint(parsing: " - ") }
        // Without its check characters: 52.
        #expect(throws: Fingerprint.ParseError.length(52)) {
            try Fingerprint(parsing: "AAAQEAYEAUDAOCAJBIFQYDIOB4IBCEQTCQKRMFYYDENBWHA5DYPQ")
        }
    }

    @Test func refusesCharactersOutsideTheAlphabet() {
        #expect(throws: Fingerprint.ParseError.character("9")) {
            try Fingerprint(parsing: Self.counting.replacingFirst("Q", with: "9"))
        }
        #expect(throws: Fingerprint.ParseError.character("đ")) {
            try Fingerprint(parsing: Self.counting.replacingFirst("Q", with: "đ"))
        }
    }

    /// Every single mistyped character is caught, and the error names its groups.
    @Test func catchesEverySingleTypo() throws {
        let characters = Array(Self.counting)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        for index in characters.indices where characters[index] != "-" {
            for replacement in alphabet where replacement != characters[index] {
                var typo = characters
                typo[index] = replacement
                #expect(throws: Fingerprint.ParseError.self, "\(String(typo))") { try Fingerprint(parsing: String(typo)) }
            }
        }
        var typo = characters
        typo[20] = "Z"  // group 3, in the second run of 14 (groups 2 to 4)
        #expect(throws: Fingerprint.ParseError.check(run: 2)) { try Fingerprint(parsing: String(typo)) }
        #expect(Fingerprint.ParseError.check(run: 2).description.contains("groups 2 to 4"))
    }

    /// The last digit carries one bit of the digest: a text whose unused bits are set
    /// (with a matching check character) is not the digest's one text form.
    @Test func refusesUnusedBitsInTheLastDigit() {
        // "Q" is 16 (the one bit set); "R" is 17: the same bit, an unused one set too.
        // The check character of the last run is recomputed to match.
        #expect(throws: Fingerprint.ParseError.check(run: 4)) {
            try Fingerprint(parsing: "AAAQEAYE-AUDAO5CA-JBIFQYDI-OB4XIBCE-QTCQKRMF-YMYDENBW-HA5DYPRQ")
        }
    }

    @Test func wrapsOnlyThirtyTwoBytes() {
        #expect(Fingerprint(bytes: [UInt8](repeating: 0, count: 31)) == nil)
        #expect(Fingerprint(bytes: [UInt8](repeating: 0, count: 33)) == nil)
    }
}

extension String {
    fileprivate func replacingFirst(_ target: Character, with replacement: String) -> String {
        guard let position = firstIndex(of: target) else { return self }
        return self[..<position] + replacement + self[index(after: position)...]
    }
}
