import Foundation

/// Writes whole buffers to a file descriptor: a `write` may take only part of a buffer,
/// and a signal may interrupt it (EINTR), so both are retried. The pipe transport
/// writes through it, as do the fuzz harness and the tests' socket relay.
public enum FileDescriptorWriter {
    /// Writes all of `bytes` to `descriptor`; throws the failing write's `POSIXError`.
    public static func writeAll(_ bytes: [UInt8], to descriptor: Int32) throws(POSIXError) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            offset += written
        }
    }
}
