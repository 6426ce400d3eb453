import ArgumentParser
import Foundation
import MarginaliaCore
import MarginaliaStore
import MarginaliaWeb
import NIOConcurrencyHelpers

struct Import: ReplicaCommand, DescribedArguments {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import plain-text, Markdown and HTML files as articles; prints the new ids.",
        discussion: """
            Plain text: the first non-empty line is the title, the rest the body. Markdown (.md, \
            .markdown): the first '#' heading is the title. HTML (.html, .htm): the article the \
            page holds, found as README's "Importing web pages" tells: its title, its text as \
            paragraphs, and its address (canonical link, og:url) as the source. A directory \
            imports the .txt, .md, .markdown, .html and .htm files in it, in name order. '-' \
            reads standard input: HTML when it starts as a web page does (<!doctype html>, \
            <html>, <head>, <body>, <!--...) or with --format html, else plain text. Either \
            every file is imported or none is.
            """)

    @ParentCommand var root: MarginaliaCommand
    @Argument(help: ArgumentHelp("Files or directories to import; '-' for standard input.", valueName: "path"))
    var paths: [String]
    @Option(name: .customLong("tag"), help: "Tag every imported article (repeatable).") var tags: [String] = []
    @Option(help: ArgumentHelp(
        "The article's address, instead of the one its page gives (one article only); an empty string: none.",
        valueName: "url"))
    var source: String?
    @Option(help: "Read every input as this format, whatever its name.") var format: ImportFormat?
    @Flag(help: "Print what would be imported (title, source, paragraphs); store nothing.") var dryRun = false
    @OptionGroup var output: OutputOptions
    static let grammar: [GrammarArgument] = [
        .positional(.path, repeating: true), .option("--tag", value: .tag, repeating: true), .option("--source"),
        .option("--format", value: .choices(ImportFormat.allValueStrings)), .flag("--dry-run"),
    ] + OutputOptions.grammar

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or directory to import") }
        if paths.count(where: { $0 == ImportSources.standardInputPath }) > 1 {
            throw ValidationError("standard input ('-') can be read only once")
        }
    }

    func run(in context: CommandContext) throws {
        let tags = try TagArguments.parse(tags)
        let standardInput = paths.contains(ImportSources.standardInputPath) ? try context.standardInputData() : nil
        var documents = try ImportSources.read(ImportSources.expand(paths), format: format, standardInput: standardInput)
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
        let ids = try context.replica().edit { editor in
            try documents.map { try editor.addArticle(title: $0.title, body: $0.body, source: $0.source, tags: tags) }
        }
        if output.json {
            context.console.jsonLines(zip(ids, documents).map { ImportJSON.json(imported: $1, id: $0) })
        } else {
            for id in ids { context.console.line(id.rawValue) }
        }
    }
}

/// Turns the paths given to `import` into the articles to store.
enum ImportSources {
    /// The path that names standard input.
    static let standardInputPath = "-"

    static let extensions: Set<String> = ["txt", "md", "markdown", "html", "htm"]

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
