import Foundation
import NIOCore
import NIOPosix

/// Why a socket could not connect or listen, in the words of the system's error
/// (`connection refused`), never the name of a library type: NIO's errors describe
/// themselves as `SingleConnectionFailure(target: [IPv4]…)` and `bind(descriptor:…)`.
public enum SocketFailure {
    public static func reason(_ error: any Error) -> String {
        switch error {
        case let error as NIOConnectionError:
            if let first = error.connectionErrors.first { return reason(first.error) }
            if error.dnsAError != nil || error.dnsAAAAError != nil { return "the host name cannot be resolved" }
            return "the host name has no address"
        case let error as IOError:
            return String(cString: strerror(error.errnoCode)).lowercased()
        case ChannelError.connectTimeout(let timeout):
            return "no answer within \(timeout.nanoseconds / 1_000_000_000) seconds"
        case let error as SocketAddressError:
            if case .unknown = error { return "the host name cannot be resolved" }
            return "the address is not usable"
        default:
            return "\(error)"
        }
    }
}
