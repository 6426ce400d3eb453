import ArgumentParser
import Foundation
import MarginaliaCore
import MarginaliaStore
import NIOConcurrencyHelpers

struct Import: ReplicaCommand, DescribedArguments {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import plain-text and Markdown files as articles; prints the new ids.",
        discussion: """
            Plain text: the first non-empty line is the title, the rest the body. Markdown (.md, \
            .markdown): the first '#' heading is the title. A directory imports the .txt, .md and \
            .markdown files in it, in name order. Either every file is imported or none is.
            """)

    @ParentCommand var root: MarginaliaCommand
    @Argument(help: ArgumentHelp("Files or directories to import.", valueName: "path")) var paths: [String]
    @Option(name: .customLong("tag"), help: "Tag every imported article (repeatable).") var tags: [String] = []
    static let grammar: [GrammarArgument] = [.positional(.path, repeating: true), .option("--tag", value: .tag, repeating: true)]

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one file or directory to import") }
    }

    func run(in context: CommandContext) throws {
        let tags = try TagArguments.parse(tags)
        let documents = try ImportSources.read(ImportSources.expand(paths))
        let ids = try context.replica().edit { editor in
            try documents.map { try editor.addArticle(title: $0.title, body: $0.body, tags: tags) }
        }
        for id in ids { context.console.line(id.rawValue) }
    }
}

/// Turns the paths given to `import` into the files to read.
enum ImportSources {
    static let extensions: Set<String> = ["txt", "md", "markdown"]

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

    /// Every file read and parsed, on all cores (reading and parsing is a quarter of
    /// an import, and the one transaction that follows can only use one); the first
    /// file in order that fails gives the error, so which one is reported never
    /// depends on timing.
    static func read(_ files: [String]) throws -> [PlainDocument] {
        let results = NIOLockedValueBox([Result<PlainDocument, any Error>?](repeating: nil, count: files.count))
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let result = Result<PlainDocument, any Error> {
                let path = files[index]
                guard let document = PlainDocument(parsing: try TextInput.file(path), as: format(of: path)) else {
                    throw InputError.noTitle(path: path)
                }
                return document
            }
            results.withLockedValue { $0[index] = result }
        }
        return try results.withLockedValue { $0 }.map { try $0!.get() }
    }

    static func format(of path: String) -> PlainDocument.Format {
        ["md", "markdown"].contains((path as NSString).pathExtension.lowercased()) ? .markdown : .plainText
    }
}
