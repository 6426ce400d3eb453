import ArgumentParser
import Foundation
import MarginaliaCore
import MarginaliaStore
import MarginaliaWeb
import NIOConcurrencyHelpers

struct Import: AsyncReplicaCommand, DescribedArguments {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import plain-text, Markdown and HTML files, and web pages by URL, as articles; prints the new ids.",
        discussion: """
            Plain text: the first non-empty line is the title, the rest the body. Markdown (.md, \
            .markdown): the first '#' heading is the title. HTML (.html, .htm): the article the \
            page holds, found as README's "Importing web pages" tells: its title, its text as \
            paragraphs, and its address (canonical link, og:url) as the source. A directory \
            imports the .txt, .md, .markdown, .html and .htm files in it, in name order. '-' \
            reads standard input: HTML when it starts as a web page does (<!doctype html>, \
            <html>, <head>, <body>, <!--...) or with --format html, else plain text. A URL \
            (http:// or https://) is fetched: HTML pages only, at most 10 MB, through at most 10 \
            redirects; its address is the page's own, else the URL after redirects. A page whose \
            address an article already has is refused unless --again. Either everything is \
            imported or nothing is.
            """)

    @ParentCommand var root: MarginaliaCommand
    @Argument(help: ArgumentHelp(
        "Files, directories or web addresses to import; '-' for standard input.", valueName: "path-or-url"))
    var paths: [String]
    @Option(name: .customLong("tag"), help: "Tag every imported article (repeatable).") var tags: [String] = []
    @Option(help: ArgumentHelp(
        "The article's address, instead of the one its page gives (one article only); an empty string: none.",
        valueName: "url"))
    var source: String?
    @Option(help: "Read every input as this format, whatever its name.") var format: ImportFormat?
    @Flag(help: "Print what would be imported (title, source, paragraphs); store nothing.") var dryRun = false
    @Flag(help: "Import a page even if an article already has its address.") var again = false
    @OptionGroup var output: OutputOptions
    static let grammar: [GrammarArgument] = [
        .positional(.path, repeating: true), .option("--tag", value: .tag, repeating: true), .option("--source"),
        .option("--format", value: .choices(ImportFormat.allValueStrings)), .flag("--dry-run"), .flag("--again"),
    ] + OutputOptions.grammar

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file, directory or web address to import") }
        if paths.count(where: { $0 == ImportSources.standardInputPath }) > 1 {
            throw ValidationError("standard input ('-') can be read only once")
        }
    }

    func run(in context: CommandContext) async throws {
        let tags = try TagArguments.parse(tags)
        let standardInput = paths.contains(ImportSources.standardInputPath) ? try context.standardInputData() : nil
        // Ctrl-C while pages come in stops the one-shot command as it stops a sync.
        let read = Handoff(value: { [paths, format] in
            try await ImportSources.documents(paths, format: format, standardInput: standardInput)
        })
        var documents = try await context.isOneShot ? InterruptSignal.cancelling(read) : read.value()
        if let source {
            guard documents.count == 1 else {
                throw UsageError("--source is one article's address: import one file with it, not \(documents.count)")
            }
            documents[0].source = source.isEmpty ? nil : source
        }
        if dryRun {
            ImportPreview.show(documents, json: output.json, on: context.console)
            return
        }
        let replica = try context.replica()
        if !again {
            for source in documents.compactMap(\.source) {
                if let existing = try replica.articles(withSource: source).first {
                    throw AlreadyImported(address: source, article: existing)
                }
            }
        }
        let ids = try replica.edit { editor in
            try documents.map { try editor.addArticle(title: $0.title, body: $0.body, source: $0.source, tags: tags) }
        }
        if output.json {
            context.console.jsonLines(zip(ids, documents).map { ImportJSON.json(imported: $1, id: $0) })
        } else {
            for id in ids { context.console.line(id.rawValue) }
        }
    }
}

/// Turns the paths and web addresses given to `import` into the articles to store.
enum ImportSources {
    /// The path that names standard input.
    static let standardInputPath = "-"

    static let extensions: Set<String> = ["txt", "md", "markdown", "html", "htm"]

    /// The article of every file and web page, in the order given: files are read first,
    /// all at once (a typo in a path is said before any network wait), then pages are
    /// fetched one by one.
    static func documents(_ arguments: [String], format: ImportFormat?, standardInput: Data?) async throws -> [ImportDocument] {
        let paths = try expand(arguments.filter { !WebPageInput.isWebAddress($0) })
        var files = try read(paths, format: format, standardInput: standardInput).makeIterator()
        var documents: [ImportDocument] = []
        for argument in arguments {
            if WebPageInput.isWebAddress(argument) {
                documents.append(try await WebPageInput.document(at: argument))
            } else {
                for _ in try expand([argument]) { documents.append(files.next()!) }
            }
        }
        return documents
    }

    static func expand(_ paths: [String]) throws -> [String] {
        try paths.flatMap { path -> [String] in
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                return [path]
            }
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: path)
            } catch {
                throw InputError.unreadable(path: path, reason: "cannot list the directory")
            }
            return names.filter { extensions.contains(($0 as NSString).pathExtension.lowercased()) }
                .sorted().map { (path as NSString).appendingPathComponent($0) }
        }
    }

    /// Every input read and parsed, on all cores (reading and parsing is a quarter of
    /// an import, and the one transaction that follows can only use one); the first
    /// input in order that fails gives the error, so which one is reported never
    /// depends on timing. `standardInput` is what `-` reads.
    static func read(_ paths: [String], format: ImportFormat?, standardInput: Data?) throws -> [ImportDocument] {
        let results = NIOLockedValueBox([Result<ImportDocument, any Error>?](repeating: nil, count: paths.count))
        DispatchQueue.concurrentPerform(iterations: paths.count) { index in
            let result = Result<ImportDocument, any Error> {
                let path = paths[index]
                if path == standardInputPath {
                    return try document(standardInput ?? Data(), named: TextInput.standardInputName, format: format ?? sniffed(standardInput))
                }
                return try document(try TextInput.bytes(ofFile: path), named: path, format: format ?? ImportFormat(path: path))
            }
            results.withLockedValue { $0[index] = result }
        }
        return try results.withLockedValue { $0 }.map { try $0!.get() }
    }

    private static func document(_ data: Data, named name: String, format: ImportFormat) throws -> ImportDocument {
        switch format {
        case .html:
            let text = try WebPageText.decode(data, source: name)
            do {
                return ImportDocument(try WebArticle(extractingFrom: text))
            } catch {
                throw InputError.webPage(path: name, problem: error)
            }
        case .text, .markdown:
            let text = try TextInput.decode(data, source: name)
            guard let document = PlainDocument(parsing: text, as: format == .markdown ? .markdown : .plainText) else {
                throw InputError.noTitle(path: name)
            }
            return ImportDocument(document)
        }
    }

    /// HTML when standard input starts as a web page does, else plain text.
    private static func sniffed(_ data: Data?) -> ImportFormat {
        HTMLSignature.isWebPage(String(decoding: (data ?? Data()).prefix(1024), as: UTF8.self)) ? .html : .text
    }
}
