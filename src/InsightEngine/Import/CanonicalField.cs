namespace InsightEngine.Import;

/// <summary>
/// A field an importer can fill. Most are columns of the canonical table; the <c>*_after</c> ones are staging-only
/// durations from which a timestamp is derived (e.g. <c>acknowledged_at = created_at + ack_after</c>).
/// </summary>
/// <param name="Name">The canonical column name.</param>
/// <param name="Kind">How the raw text is converted.</param>
/// <param name="Required">A row without it is rejected.</param>
/// <param name="StagingOnly">Used to derive another field; not a column of the canonical table.</param>
public sealed record CanonicalField(string Name, FieldKind Kind, bool Required = false, bool StagingOnly = false);
