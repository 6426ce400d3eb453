import ArgumentParser
import Foundation
import MarginaliaCore
import MarginaliaStore

struct ImportAnnotations: ReplicaCommand, DescribedArguments {
    static let configuration = CommandConfiguration(
        commandName: "import-annotations",
        abstract: "Import annotations from a W3C collection or a Hypothesis export; prints what changed.",
        discussion: """
            Each annotation goes to the article its target names: by Marginalia id \
            (urn:marginalia:article:ID), else by source URL (the target's source or scope, \
            Hypothesis's uri). Its quote decides where it goes in the current text; context \
            and position only choose among places of the quote. An annotation already here \
            (same id) is updated, or left alone when identical, so importing twice is importing \
            once; one held here that the file describes exactly is left alone, orphans included. \
            An orphan Marginalia exported (no position, its words gone from the article it names \
            by id) is imported as an orphan. All or nothing: an unknown article or any other quote \
            found nowhere fails the whole import (with --skip-orphaned, annotations whose quote is \
            nowhere are listed and the others imported).
            """)

    @ParentCommand var root: MarginaliaCommand
    @Argument(help: ArgumentHelp("A W3C AnnotationCollection or a Hypothesis export (JSON).", valueName: "file"))
    var file: String
    @Flag(help: "Import the others when some quotes are nowhere in their article (still exits with status 65).")
    var skipOrphaned = false
    static let grammar: [GrammarArgument] = [.positional(.path), .flag("--skip-orphaned")]

    /// One annotation of the file, imported.
    private typealias Imported = (annotation: InterchangeAnnotation, outcome: LocalEditor.ImportOutcome, status: AnchorStatus)

    func run(in context: CommandContext) throws {
        let parsed = try AnnotationFile(parsing: Data(try TextInput.file(file).utf8), source: file)
        let replica = try context.replica()
        // Everything that can be checked before writing is: a bad file changes nothing.
        let plan = try parsed.annotations.map { annotation in
            (annotation, try Self.article(for: annotation, in: replica), try Self.tags(of: annotation))
        }
        let imported = try importAll(plan, into: replica)
        for item in imported where item.status == .review {
            StandardError.errorLine("annotation \(item.annotation.name): placed at a doubtful match, review it (\(item.annotation.id))")
        }
        for item in imported where item.status == .orphaned && [.created, .updated].contains(item.outcome) {
            StandardError.errorLine("annotation \(item.annotation.name): imported as an orphan, as exported (\(item.annotation.id))")
        }
        let count = { (outcome: LocalEditor.ImportOutcome) in imported.count { $0.outcome == outcome } }
        var summary = "\(parsed.format.rawValue) file: \(count(.created)) created, \(count(.updated)) updated, "
            + "\(count(.unchanged)) unchanged"
        let orphans = imported.filter { $0.outcome == .orphaned }.map(\.annotation)
        if !orphans.isEmpty { summary += ", \(orphans.count) not imported (quote nowhere in the article)" }
        if parsed.skipped > 0 { summary += ", \(parsed.skipped) skipped (page notes and replies quote no text)" }
        context.console.line(summary)
        if !orphans.isEmpty { throw Self.reportOrphans(orphans) }
    }

    /// Imports every annotation in one transaction, rolled back when a quote is nowhere
    /// in its article unless `--skip-orphaned`.
    private func importAll(_ plan: [(InterchangeAnnotation, EntityID, [Tag])], into replica: Replica) throws -> [Imported] {
        var orphans: [InterchangeAnnotation] = []
        do {
            return try replica.edit { editor in
                let imported: [Imported] = try plan.map { annotation, article, tags in
                    let result = try editor.importAnnotation(annotation, into: article, tags: tags)
                    return (annotation, result.outcome, result.placement.status)
                }
                orphans = imported.filter { $0.outcome == .orphaned }.map(\.annotation)
                // Only the store's own errors pass through a transaction: this one rolls it back.
                if !skipOrphaned, let last = orphans.last { throw ReplicaError.anchor(.quoteNotFound(last.quote, nearMatches: [])) }
                return imported
            }
        } catch ReplicaError.anchor(.quoteNotFound) where !orphans.isEmpty {
            throw Self.reportOrphans(orphans)
        }
    }

    /// Writes a line for each orphan but the last, and returns the last one's error.
    private static func reportOrphans(_ orphans: [InterchangeAnnotation]) -> InterchangeError {
        let errors = orphans.map { InterchangeError.orphaned(annotation: $0.name, quote: $0.quote) }
        for error in errors.dropLast() { StandardError.errorLine(error.description) }
        return errors[errors.count - 1]
    }

    /// The article `annotation` targets: the one with its Marginalia id, else the one
    /// whose source is a URL it names.
    private static func article(for annotation: InterchangeAnnotation, in replica: Replica) throws -> EntityID {
        if let id = annotation.articleID, try replica.isVisibleArticle(id) { return id }
        for url in annotation.sourceURLs {
            let found = try replica.articles(withSource: url)
            if found.count > 1 { throw InterchangeError.ambiguousArticle(annotation: annotation.name, source: url, count: found.count) }
            if let id = found.first { return id }
        }
        throw InterchangeError.unknownArticle(annotation: annotation.name, target: annotation.targetDescription)
    }

    private static func tags(of annotation: InterchangeAnnotation) throws -> [Tag] {
        try annotation.tags.map { name in
            guard let tag = Tag(name) else {
                throw InterchangeError.invalidAnnotation(
                    name: annotation.name, reason: "'\(name)' is not a tag (one word of at most \(Tag.maximumLength) characters)")
            }
            return tag
        }
    }
}
