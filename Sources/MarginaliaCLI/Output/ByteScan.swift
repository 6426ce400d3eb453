/// What one pass over a text's UTF-8 finds that `StyledText` must treat specially:
/// control characters (shown as pictures, never sent to the terminal) and line breaks
/// or tabs (which wrapping splits at).
///
/// Why bytes: every note, quote and line of `show` goes through here, and a byte loop
/// over contiguous UTF-8 is a tenth of the cost of iterating `String.UTF8View`
/// generically. Only the lead bytes below 0x20, 0x7F, 0xC2 (C1 controls, U+0085) and
/// 0xE2 (U+2028, U+2029) can start what we look for; continuation bytes never equal them.
struct ByteScan {
    /// A C0 control, DEL, or a C1 control (line breaks and tabs included).
    private(set) var hasControl = false
    /// A tab, a C0 line break, U+0085, U+2028 or U+2029.
    private(set) var hasBreakOrTab = false

    init(_ utf8: some Collection<UInt8>) {
        if utf8.withContiguousStorageIfAvailable({ scan($0) }) == nil { scan(Array(utf8)) }
    }

    private mutating func scan(_ bytes: some RandomAccessCollection<UInt8>) {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            index = bytes.index(after: index)
            if byte >= 0x20, byte != 0x7F, byte != 0xC2, byte != 0xE2 { continue }
            let next = index < bytes.endIndex ? bytes[index] : 0
            switch byte {
            case 0x7F:
                hasControl = true
            case 0xC2 where next < 0xA0:
                hasControl = true
                hasBreakOrTab = hasBreakOrTab || next == 0x85
            case 0xE2:
                let third = bytes.index(after: index) < bytes.endIndex ? bytes[bytes.index(after: index)] : 0
                hasBreakOrTab = hasBreakOrTab || (next == 0x80 && (third == 0xA8 || third == 0xA9))
            case 0xC2:
                break
            default:
                hasControl = true
                // Of the C0 controls, tab, LF, VT, FF and CR break or tab; the others are only controls.
                hasBreakOrTab = hasBreakOrTab || (0x09...0x0D).contains(byte)
            }
            if hasControl, hasBreakOrTab { return }
        }
    }
}
