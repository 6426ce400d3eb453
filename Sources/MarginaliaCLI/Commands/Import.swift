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
        let fetch = Handoff(value: { [paths] in try await ImportSources.inputs(paths) })
        let inputs = try await context.isOneShot ? InterruptSignal.cancelling(fetch) : fetch.value()
        if source != nil, inputs.count != 1 {
            throw UsageError("--source is one article's address: import one file with it, not \(inputs.count)")
        }
        func sourced(_ document: ImportDocument) -> ImportDocument {
            guard let source else { return document }
            var sourced = document
            sourced.source = source.isEmpty ? nil : source
            return sourced
        }
        if dryRun {
            let documents = try ImportSources.read(inputs, format: format, standardInput: standardInput).map(sourced)
            ImportPreview.show(documents, json: output.json, on: context.console)
            return
        }
        // What to report when the transaction ends on a file that cannot be read or a
        // page already imported: the transaction would report any error as the replica's.
        var refusal: (any Error)?
        // The ids to print, a line each, once the transaction commits: one string, since
        // 200,000 ids as separate values took 13 MB of an import's memory.
        var printed = ""
        var lines: [JSONValue] = []
        do {
            try context.replica().bulkEdit { editor in
                // A page already imported is one that was before this import began.
                var imported = Set<EntityID>()
                do {
                    try ImportSources.forEachBatch(of: inputs, format: format, standardInput: standardInput) { documents in
                        for document in documents.map(sourced) {
                            if !again, let source = document.source,
                               let existing = try editor.articles(withSource: source).first(where: { !imported.contains($0) })
                            {
                                throw AlreadyImported(address: source, article: existing)
                            }
                            let id = try editor.addArticle(
                                title: document.title, body: document.body, source: document.source, tags: tags)
                            if !output.json { printed += id.rawValue + "\n" }
                            if document.source != nil { imported.insert(id) }
                            if output.json { lines.append(ImportJSON.json(imported: document, id: id)) }
                        }
                    }
                } catch let failure as ImportSources.Unreadable {
                    refusal = failure.error
                    throw failure
                } catch let failure as AlreadyImported {
                    refusal = failure
                    throw failure
                }
            }
        } catch {
            throw refusal ?? error
        }
        if output.json {
            context.console.jsonLines(lines)
        } else {
            context.console.write(printed)
        }
    }
}

/// Turns the paths and web addresses given to `import` into the articles to store.
enum ImportSources {
    /// The path that names standard input.
    static let standardInputPath = "-"

    static let extensions: Set<String> = ["txt", "md", "markdown", "html", "htm"]

    /// One input of an import: a file (or `-`) still to be read, or a page already fetched.
    /// The page is held by reference, so that an input takes the few bytes of a path
    /// rather than the hundred of a document: 200,000 files were 21 MB of inputs.
    enum Input {
        case file(String)
        indirect case page(ImportDocument)
    }

    /// Every file and web page given, in order, directories expanded and pages fetched
    /// one by one; a path that names nothing is said before any network wait. Files are
    /// read later, a batch at a time (`forEachBatch`).
    static func inputs(_ arguments: [String]) async throws -> [Input] {
        let files = try arguments.map { WebPageInput.isWebAddress($0) ? [] : try expand([$0]) }
        if arguments.contains(where: WebPageInput.isWebAddress) {
            for path in files.joined() where path != standardInputPath && !FileManager.default.fileExists(atPath: path) {
                _ = try TextInput.bytes(ofFile: path)
            }
        }
        var inputs: [Input] = []
        for (argument, paths) in zip(arguments, files) {
            if WebPageInput.isWebAddress(argument) {
                inputs.append(.page(try await WebPageInput.document(at: argument)))
            } else {
                inputs += paths.map(Input.file)
            }
        }
        return inputs
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

    /// A file of `forEachBatch` that could not be read or parsed (`error` says which and why).
    struct Unreadable: Error {
        var error: any Error
    }

    /// How many inputs a batch of `forEachBatch` holds.
    static let batchSize = 256

    /// Hands `inputs` to `body` read and parsed (`read`), in order, `batchSize` at a
    /// time, while the next batch is read on other threads: reading and parsing is a
    /// quarter of an import and its one transaction can only use one core, and an
    /// import holds two batches at once, not every file (200,000 articles are 800 MB of
    /// text). The first input in order that fails gives the error (as `Unreadable`),
    /// before `body` sees its batch.
    static func forEachBatch(
        of inputs: [Input], format: ImportFormat?, standardInput: Data?, _ body: ([ImportDocument]) throws -> Void
    ) throws {
        // Ranges, each copied out when its batch is read: copies of every batch at once
        // doubled the inputs' memory (16 MB at 200,000 files).
        let batches = stride(from: 0, to: inputs.count, by: batchSize).map { $0..<min(inputs.count, $0 + batchSize) }
        let reading = DispatchGroup()
        // Never return while a batch is still being read.
        defer { reading.wait() }
        let next = NIOLockedValueBox<Result<[ImportDocument], any Error>?>(nil)
        func startReading(_ index: Int) {
            guard batches.indices.contains(index) else { return }
            DispatchQueue.global().async(group: reading) {
                let result = Result { try read(Array(inputs[batches[index]]), format: format, standardInput: standardInput) }
                next.withLockedValue { $0 = result }
            }
        }
        startReading(0)
        for index in batches.indices {
            reading.wait()
            let documents: [ImportDocument]
            do {
                documents = try next.withLockedValue { $0 }!.get()
            } catch {
                throw Unreadable(error: error)
            }
            startReading(index + 1)
            try body(documents)
        }
    }

    /// Every input read and parsed, on all cores; the first input in order that fails
    /// gives the error, so which one is reported never depends on timing.
    /// `standardInput` is what `-` reads.
    static func read(_ inputs: [Input], format: ImportFormat?, standardInput: Data?) throws -> [ImportDocument] {
        let results = NIOLockedValueBox([Result<ImportDocument, any Error>?](repeating: nil, count: inputs.count))
        DispatchQueue.concurrentPerform(iterations: inputs.count) { index in
            let result = Result<ImportDocument, any Error> {
                switch inputs[index] {
                case .page(let document):
                    return document
                case .file(let path) where path == standardInputPath:
                    return try document(standardInput ?? Data(), named: TextInput.standardInputName, format: format ?? sniffed(standardInput))
                case .file(let path):
                    return try document(try TextInput.bytes(ofFile: path), named: path, format: format ?? ImportFormat(path: path))
                }
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
