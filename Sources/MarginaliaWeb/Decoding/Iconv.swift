#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Legacy encodings to UTF-8 through the C library's iconv (glibc's on Linux knows
/// every encoding the WHATWG standard lists, VISCII too), stopping at the first byte it
/// cannot convert instead of skipping or replacing it.
enum Iconv {
    enum Failure: Error, Equatable {
        /// The byte at this offset of the input does not decode (or starts a sequence
        /// the input ends in the middle of).
        case badByte(offset: Int)
        /// iconv has no converter of that name.
        case noConverter
    }

    /// `input`, written in the encoding iconv calls `encoding`, as UTF-8 bytes.
    static func utf8(from input: [UInt8], encoding: String) -> Result<[UInt8], Failure> {
        guard let converter = iconv_open("UTF-8", encoding), Int(bitPattern: converter) != -1 else {
            return .failure(.noConverter)
        }
        defer { iconv_close(converter) }
        guard !input.isEmpty else { return .success([]) }
        var input = input
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 2)
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        return input.withUnsafeMutableBytes { inBuffer in
            var inPointer = inBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
            var inLeft = inBuffer.count
            var flushing = false
            while true {
                // Once the input is consumed, one call without input ends the conversion:
                // converters that wait for what follows a character (windows-1258's
                // base letter, before a possible tone mark) write it out then.
                let (result, error, produced) = chunk.withUnsafeMutableBytes { outBuffer in
                    var outPointer = outBuffer.baseAddress?.assumingMemoryBound(to: CChar.self)
                    var outLeft = outBuffer.count
                    let result = flushing
                        ? iconv(converter, nil, nil, &outPointer, &outLeft)
                        : iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                    return (result, errno, outBuffer.count - outLeft)
                }
                output.append(contentsOf: chunk[..<produced])
                if result != -1 {
                    if flushing { return .success(output) }
                    flushing = inLeft == 0
                } else if error != E2BIG {
                    return .failure(.badByte(offset: inBuffer.count - inLeft))
                }
            }
        }
    }
}
