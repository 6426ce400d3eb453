import MarginaliaCore

extension LocalEditor {
    /// Brings back a deleted article or annotation, as a change that marks it alive: it
    /// syncs like any edit, and a deletion made concurrently elsewhere stands beside it
    /// as a conflict.
    ///
    /// An article comes back with the annotations that `rm` deleted with it (the
    /// deletions recorded just before the article's own, in the same command), not with
    /// those deleted earlier one by one. An annotation on an article that is deleted too
    /// is refused: it would be an annotation nobody sees.
    ///
    /// - Returns: The annotations that came back with an article.
    @discardableResult
    public mutating func restore(_ id: EntityID, kind: EntityKind) throws -> [EntityID] {
        let store = EntityStore(db: db)
        let state = try store.load(id, kind: kind)
        guard state.existence == .deleted else { throw ReplicaError.notDeleted(id, kind: kind) }
        if kind == .annotation, let article = state.value(.article)?.reference,
           try store.load(article, kind: .article).existence == .deleted {
            throw ReplicaError.onDeletedArticle(id, article: article)
        }
        let companions = kind == .article ? try annotationsDeleted(with: state) : []
        try record(id, kind: kind, fields: [.alive: .flag(true)])
        for annotation in companions {
            try record(annotation, kind: .annotation, fields: [.alive: .flag(true)])
        }
        return companions
    }

    /// The deleted annotations of `article` whose deletions `deleteArticle` recorded
    /// with the article's: from the replica that deleted the article, with the counters
    /// just below the article's deletion, one after the other.
    private func annotationsDeleted(with article: EntityState) throws -> [EntityID] {
        let store = EntityStore(db: db)
        var deletions: [Dot: EntityID] = [:]
        for id in try AnnotationRows(db: db).ids(onArticle: article.id, deleted: true) {
            for sibling in try store.load(id, kind: .annotation).register(.alive).siblings where sibling.value.flag == false {
                deletions[sibling.dot] = id
            }
        }
        var companions: [EntityID] = []
        for deletion in article.register(.alive).siblings where deletion.value.flag == false {
            var counter = deletion.dot.counter
            while counter > 1, let annotation = deletions[Dot(replica: deletion.dot.replica, counter: counter - 1)] {
                companions.append(annotation)
                counter -= 1
            }
        }
        return Array(Set(companions)).sorted()
    }
}
