extension PostgresCluster {
    /// What is wrong with the hub's log in `database`, read by SQL alone (not through the
    /// hub's code), one line per problem, empty when nothing is: an origin whose rows are
    /// not exactly 1…max (a gap; the primary key rules out a dot twice), a knowledge row
    /// other than its origin's highest counter, a hash that is not its payload's SHA-256.
    public func hubLogProblems(database: String = "postgres") throws -> String {
        try psql("""
            SELECT 'origin ' || origin || ': ' || count(*) || ' changes up to ' || max(counter)
            FROM changes GROUP BY origin HAVING count(*) <> max(counter)
            UNION ALL
            SELECT 'knowledge of ' || k.origin || ' is ' || k.counter || ', the log holds up to ' || coalesce(max(c.counter), 0)
            FROM knowledge k LEFT JOIN changes c ON c.origin = k.origin
            GROUP BY k.origin, k.counter HAVING k.counter <> coalesce(max(c.counter), 0)
            UNION ALL
            SELECT 'change ' || origin || ':' || counter || ': the hash is not its payload''s'
            FROM changes WHERE hash <> sha256(convert_to(payload, 'UTF8'))
            """, database: database)
    }
}
