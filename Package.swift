// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Marginalia",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "marginalia", targets: ["marginalia"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // Pure model: ids, version vectors, changes, registers, merge, text anchoring. No I/O.
        .target(
            name: "MarginaliaCore",
            // SHA-256 of each change, which the log's digests sum.
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // The FTS5 tokenizer that folds "đ" for diacritic-insensitive search (C, on sqlite3.h).
        .target(
            name: "CMarginaliaSearch",
            dependencies: [.product(name: "GRDBSQLite", package: "GRDB.swift")]),
        // A replica's key pair and self-signed certificate (swift-crypto, swift-certificates):
        // what it will present in TLS sync, named by its fingerprint. No I/O.
        .target(
            name: "MarginaliaIdentity",
            dependencies: [
                "MarginaliaCore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "X509", package: "swift-certificates"),
            ]),
        // The replica: one SQLite file holding the change log and the state derived from it
        // (and, kept apart and never synced, its identity and the peers it trusts).
        .target(
            name: "MarginaliaStore",
            dependencies: [
                "MarginaliaCore", "MarginaliaIdentity", "CMarginaliaSearch", .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        // The sync protocol: messages, framing limits, authentication, and the one session
        // implementation every transport runs. Talks to peers through `LineTransport`.
        .target(
            name: "MarginaliaSync",
            dependencies: ["MarginaliaCore", "MarginaliaStore", .product(name: "Crypto", package: "swift-crypto")]),
        // Real I/O for sync over pipes and child processes (plain file descriptors): its own
        // module, so that the fuzzer, which drives a session through a pipe, builds neither
        // SwiftNIO nor BoringSSL.
        .target(name: "MarginaliaPipes", dependencies: ["MarginaliaSync"]),
        // Real I/O for sync: TLS over TCP (SwiftNIO, swift-nio-ssl, peers checked by
        // certificate fingerprint), bundle files, and the runner that picks a transport.
        .target(
            name: "MarginaliaTransport",
            dependencies: [
                "MarginaliaCore", "MarginaliaIdentity", "MarginaliaSync", "MarginaliaStore", "MarginaliaPipes",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
            ]),
        // libxml2 from the system (Debian: libxml2-dev): the HTML parser behind lxml, which
        // reads real pages (unclosed tags, stray markup) as browsers do.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        // Web pages as articles: their bytes decoded (BOM, HTTP charset, <meta> prescan; legacy
        // encodings through the C library's iconv), the page parsed, the article found in it
        // (JSON-LD, <article>, Readability's scoring), its title, address and text as
        // paragraphs. No network.
        .target(name: "MarginaliaWeb", dependencies: ["MarginaliaCore", "CLibXML2"]),
        // Fetching pages over HTTP(S) (AsyncHTTPClient): redirects, timeouts, a size limit,
        // HTML only. Its own module, so that reading saved pages builds no HTTP client.
        .target(
            name: "MarginaliaFetch",
            dependencies: [
                "MarginaliaWeb",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]),
        // The hub: a relay peer whose change log lives in PostgreSQL (postgres-nio), so
        // that several stateless hub processes share one log. Kept out of the fuzzer's graph.
        .target(
            name: "MarginaliaHub",
            dependencies: [
                "MarginaliaCore", "MarginaliaIdentity", "MarginaliaSync", "MarginaliaStore", "MarginaliaTransport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]),
        // The command grammar shared by one-shot invocations and the REPL.
        .target(
            name: "MarginaliaCLI",
            dependencies: [
                "MarginaliaCore", "MarginaliaStore", "MarginaliaSync", "MarginaliaPipes", "MarginaliaTransport",
                "MarginaliaWeb", "MarginaliaFetch", "MarginaliaHub",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                // Locks: a pthread mutex, which ThreadSanitizer sees (`Synchronization.Mutex`
                // lives in the uninstrumented standard library, so debug builds under
                // `make test-tsan` reported races behind it that were not there).
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]),
        // GNU readline from the system (Debian: libreadline-dev).
        .systemLibrary(name: "CReadline", pkgConfig: "readline", providers: [.apt(["libreadline-dev"])]),
        // The only code that touches readline's C globals, which Swift 6 rejects as shared mutable state.
        .target(name: "CReadlineShim", dependencies: ["CReadline"]),
        // The REPL and scripts: line editing, history, completion, running lines through the CLI's grammar.
        .target(
            name: "MarginaliaREPL",
            dependencies: ["MarginaliaCLI", "MarginaliaCore", "MarginaliaStore", "CReadlineShim"]),
        .executableTarget(name: "marginalia", dependencies: ["MarginaliaCLI", "MarginaliaREPL"]),

        // Test support in two layers, so that Core's tests link no storage (and no GRDB):
        // seeded randomness, Unicode data and temporary folders below; replicas, clocks
        // and random edits above.
        .target(
            name: "MarginaliaCoreTestSupport", dependencies: ["MarginaliaCorpus"],
            path: "Tests/MarginaliaCoreTestSupport"),
        // A throwaway PostgreSQL cluster (initdb, pg_ctl): the hub's tests and benchmarks both start one.
        .target(name: "MarginaliaPostgresCluster", path: "Tests/MarginaliaPostgresCluster"),
        .target(
            name: "MarginaliaTestSupport",
            dependencies: ["MarginaliaCoreTestSupport", "MarginaliaPostgresCluster", "MarginaliaStore"],
            path: "Tests/MarginaliaTestSupport"),
        .testTarget(name: "MarginaliaCoreTests", dependencies: ["MarginaliaCore", "MarginaliaCoreTestSupport"]),
        .testTarget(name: "MarginaliaWebTests", dependencies: ["MarginaliaWeb", "MarginaliaCore"]),
        .testTarget(name: "MarginaliaStoreTests", dependencies: ["MarginaliaStore", "MarginaliaTestSupport"]),
        // Against a real PostgreSQL: a throwaway cluster per test case (`PostgresCluster`).
        .testTarget(
            name: "MarginaliaHubTests",
            dependencies: [
                "MarginaliaHub", "MarginaliaCore", "MarginaliaTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]),
        .testTarget(
            name: "MarginaliaIdentityTests",
            dependencies: [
                "MarginaliaIdentity", "MarginaliaCore", "MarginaliaCoreTestSupport", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"), .product(name: "X509", package: "swift-certificates"),
            ]),
        .testTarget(
            name: "MarginaliaREPLTests",
            dependencies: ["MarginaliaREPL", "MarginaliaCLI", "MarginaliaCore", "MarginaliaStore", "MarginaliaTestSupport"]),
        .testTarget(
            name: "MarginaliaSyncTests",
            dependencies: [
                "MarginaliaSync", "MarginaliaPipes", "MarginaliaTransport", "MarginaliaTestSupport", .product(name: "GRDB", package: "GRDB.swift"),
                // EmbeddedChannel: the TCP handlers driven on a virtual clock.
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOEmbedded", package: "swift-nio"),
            ]),
        // End to end: runs the real `marginalia` binary in temporary folders.
        // (MarginaliaSync for its `Authenticator`: raw clients that authenticate, then stall.)
        .testTarget(
            name: "MarginaliaCLITests",
            dependencies: ["marginalia", "MarginaliaCore", "MarginaliaStore", "MarginaliaSync", "MarginaliaTestSupport"]),

        // Benchmarks (`make bench`): a seeded corpus every benchmark shares, and the runner,
        // which times the release `marginalia` binary against baselines run alongside.
        .target(name: "MarginaliaCorpus", path: "Benchmarks/CorpusGenerator"),
        .executableTarget(
            name: "marginalia-bench",
            dependencies: [
                "marginalia", "MarginaliaCorpus", "MarginaliaCore", "MarginaliaStore", "CMarginaliaSearch",
                "MarginaliaPostgresCluster", .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Benchmarks/MarginaliaBenchmarks"),
    ],
    swiftLanguageModes: [.v6]
)

// The libFuzzer target (`make fuzz`), only when asked for: it must be built with
// `-sanitize=fuzzer,address`, which would break every other product.
if Context.environment["MARGINALIA_FUZZ"] != nil {
    package.targets += [
        .target(name: "CLibFuzzer", path: "Fuzz/CLibFuzzer"),
        .executableTarget(
            name: "marginalia-fuzz",
            dependencies: ["CLibFuzzer", "MarginaliaCore", "MarginaliaStore", "MarginaliaSync", "MarginaliaPipes"],
            path: "Fuzz/MarginaliaFuzz"),
    ]
}
