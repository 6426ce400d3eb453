/// Scans a text's scalars straight from its UTF-8, for hot checks that only ask
/// whether every scalar is of a simple kind (`DisplayWidth.ofPlainText`).
///
/// Why by hand: a `Substring`'s scalar view checks every index it is given, and a
/// `String`'s decodes through generic code; on contiguous UTF-8 (every native
/// string) a byte loop is several times cheaper.
enum UTF8Scalars {
    /// The number of scalars of `text` when `isAccepted` holds for every one (given its
    /// value), else nil.
    @inline(__always)
    static func countIfAll(_ text: some StringProtocol, _ isAccepted: (UInt32) -> Bool) -> Int? {
        if let count = text.utf8.withContiguousStorageIfAvailable({ countIfAll(bytes: $0, isAccepted) }) { return count }
        var count = 0
        for scalar in text.unicodeScalars {
            guard isAccepted(scalar.value) else { return nil }
            count += 1
        }
        return count
    }

    /// The same over valid UTF-8. (Always inlined, so that each caller's predicate is
    /// compiled into the loop rather than called for every scalar.)
    @inline(__always)
    private static func countIfAll(bytes: UnsafeBufferPointer<UInt8>, _ isAccepted: (UInt32) -> Bool) -> Int? {
        var count = 0
        var index = 0
        while index < bytes.count {
            let lead = UInt32(bytes[index])
            let scalar: UInt32
            switch lead {
            case 0..<0x80:
                scalar = lead
                index += 1
            case 0xC0..<0xE0 where index + 1 < bytes.count:
                scalar = (lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
                index += 2
            case 0xE0..<0xF0 where index + 2 < bytes.count:
                scalar = (lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
                index += 3
            case 0xF0..<0xF8 where index + 3 < bytes.count:
                scalar = (lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6
                    | UInt32(bytes[index + 3] & 0x3F)
                index += 4
            default:
                return nil
            }
            guard isAccepted(scalar) else { return nil }
            count += 1
        }
        return count
    }
}
