/// Tests that use replicas use the Core layer's support too (seeded randomness,
/// temporary folders), and those of the hub a throwaway PostgreSQL cluster (shared with
/// the benchmarks, so in a target of its own): one import gives all three.
@_exported import MarginaliaCoreTestSupport
@_exported import MarginaliaPostgresCluster
