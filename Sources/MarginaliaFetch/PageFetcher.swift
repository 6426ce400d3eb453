import AsyncHTTPClient
import Foundation
import MarginaliaWeb
import NIOCore
import NIOHTTP1
import NIOPosix

/// Fetches one web page over HTTP(S) for `import URL`: redirects followed, the limits
/// held to, and anything that is not an HTML page refused before its body is read.
public enum PageFetcher {
    /// The page at `address`. `progress` is called with the bytes of body read so far,
    /// after each piece of it.
    public static func fetch(
        _ address: String, limits: FetchLimits, progress: @escaping @Sendable (Int) -> Void = { _ in }
    ) async throws(FetchError) -> FetchedPage {
        guard let url = URL(string: address), ["http", "https"].contains(url.scheme?.lowercased()), url.host?.isEmpty == false
        else { throw .notWebAddress(address) }
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .follow(max: limits.redirects, allowCycles: false),
            timeout: .init(connect: limits.connect, read: limits.read))
        // One attempt: a refused connection or unknown host is said at once rather than
        // retried until the connect timeout.
        configuration.connectionPool.retryConnectionEstablishment = false
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let page = try await read(address, with: client, limits: limits, progress: progress)
            try? await client.shutdown()
            return page
        } catch {
            try? await client.shutdown()
            throw failure(error, address: address, limits: limits)
        }
    }

    private static func read(
        _ address: String, with client: HTTPClient, limits: FetchLimits, progress: @Sendable (Int) -> Void
    ) async throws -> FetchedPage {
        var request = HTTPClientRequest(url: address)
        request.headers.add(name: "Accept", value: "text/html, application/xhtml+xml")
        request.headers.add(name: "User-Agent", value: "Marginalia")
        let response = try await client.execute(request, deadline: .distantFuture)
        let finalURL = response.url?.absoluteString ?? address
        guard (200..<300).contains(response.status.code) else {
            throw FetchError.status(code: Int(response.status.code), reason: response.status.reasonPhrase, url: finalURL)
        }
        let contentType = response.headers.first(name: "Content-Type")
        // No type at all is read as HTML, as browsers read it.
        if let mediaType = contentType.flatMap(MediaType.init), !mediaType.isHTML {
            throw FetchError.notHTML(mediaType: mediaType.essence, url: finalURL)
        }
        if let length = response.headers.first(name: "Content-Length").flatMap(Int.init), length > limits.bytes {
            throw FetchError.tooLarge(limit: limits.bytes, url: finalURL)
        }
        var bytes: [UInt8] = []
        for try await piece in response.body {
            guard bytes.count + piece.readableBytes <= limits.bytes else { throw FetchError.tooLarge(limit: limits.bytes, url: finalURL) }
            bytes.append(contentsOf: piece.readableBytesView)
            progress(bytes.count)
        }
        return FetchedPage(bytes: bytes, contentType: contentType, url: finalURL)
    }

    /// The client's error, named for a reader.
    private static func failure(_ error: any Error, address: String, limits: FetchLimits) -> FetchError {
        if let error = error as? FetchError { return error }
        let url = URL(string: address)
        let host = "\(url?.host ?? address):\(url?.port ?? (url?.scheme?.lowercased() == "https" ? 443 : 80))"
        if let error = error as? HTTPClientError {
            switch error {
            case .redirectLimitReached: return .tooManyRedirects(limit: limits.redirects, url: address)
            case .redirectCycleDetected: return .redirectLoop(url: address)
            case .connectTimeout: return .connectTimeout(seconds: seconds(limits.connect), url: address)
            case .readTimeout: return .readTimeout(seconds: seconds(limits.read), url: address)
            default: return .failed(url: address, reason: "\(error)")
            }
        }
        if let error = error as? NIOConnectionError {
            guard let first = error.connectionErrors.first else { return .unknownHost(host: error.host) }
            return .cannotConnect(host: host, reason: reason(of: first.error))
        }
        if let error = error as? IOError { return .cannotConnect(host: host, reason: reason(of: error)) }
        return .failed(url: address, reason: "\(error)")
    }

    private static func reason(of error: any Error) -> String {
        guard let error = error as? IOError else { return "\(error)" }
        return String(cString: strerror(error.errnoCode)).lowercased()
    }

    private static func seconds(_ amount: TimeAmount) -> Double {
        Double(amount.nanoseconds) / 1e9
    }
}
