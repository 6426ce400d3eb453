/// Entity ids derived from names in other systems (a Hypothesis id, another tool's
/// annotation IRI), so importing the same annotation twice updates one entity instead
/// of making two.
///
/// 128 bits of two FNV-1a hashes of the name's UTF-8 (different offset bases), cut to
/// the 80 bits of an id. Not cryptographic: it only has to spread names evenly, and a
/// collision with an existing entity of another kind is refused at import.
enum StableIdentifier {
    static func entityID(for name: String) -> EntityID {
        let high = fnv1a(name, basis: 0xcbf2_9ce4_8422_2325)
        let low = fnv1a(name, basis: 0x6c62_272e_07bb_0142)
        var text = ""
        for index in 0..<EntityID.length {
            // 16 digits of 5 bits: the first 12 from `high`, the last 4 from `low`.
            let digit = index < 12 ? (high >> UInt64(64 - 5 * (index + 1))) & 31 : (low >> UInt64(5 * (index - 12))) & 31
            text.append(IdentifierAlphabet.digits[Int(digit)])
        }
        return EntityID(text)!
    }

    private static func fnv1a(_ text: String, basis: UInt64) -> UInt64 {
        var hash = basis
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}
