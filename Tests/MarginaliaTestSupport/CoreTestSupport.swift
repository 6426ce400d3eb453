/// Tests that use replicas use the Core layer's support too (seeded randomness,
/// temporary folders): one import gives both.
@_exported import MarginaliaCoreTestSupport
