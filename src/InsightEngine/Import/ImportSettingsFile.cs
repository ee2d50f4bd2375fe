using InsightEngine.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace InsightEngine.Import;

/// <summary>
/// Reads the <c>import:</c> section of insight.yaml: the per-source status tables users extend with their own workflow
/// states (<c>insight import</c> applies them; the service reads insight.yaml once settings move into the engine,
/// issue 20):
/// <code>
/// import:
///   statuses:
///     servicenow:
///       Working On Case: acknowledged
///       Pending Vendor: acknowledged
///     jira:
///       Cerrado por soporte: closed
/// </code>
/// Values map to open | acknowledged | resolved | closed. <c>record_types:</c> names which of a source's record types
/// are incidents and which postmortems (<see cref="RecordTypes"/>):
/// <code>
/// import:
///   record_types:
///     jira:
///       incident: [Incident, Major incident, Outage]
///       postmortem: [Post-incident review, RCA]
/// </code> Unknown settings and bad values are errors naming the file and
/// line; a file without the section changes nothing.
/// </summary>
public static class ImportSettingsFile
{
    /// <summary>Applies the file's <c>import:</c> settings over <paramref name="options"/>.</summary>
    public static ImportOptions Apply(string path, ImportOptions options)
    {
        var yaml = YamlFiles.Load(path, $"Config file '{path}' does not exist.");
        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root) return options;
        if (!root.Children.TryGetValue(new YamlScalarNode("import"), out var section)) return options;
        if (section is not YamlMappingNode import)
            throw new InvalidDataException($"{path}: line {section.Start.Line}: 'import' must be a mapping of settings.");

        var statuses = new Dictionary<string, IReadOnlyDictionary<string, string>>(options.Statuses, StringComparer.Ordinal);
        var types = new Dictionary<string, RecordTypes>(options.Types, StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in import.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            if (key == "record_types")
            {
                ReadRecordTypes(path, valueNode, types);
                continue;
            }
            if (key != "statuses")
                throw new InvalidDataException($"{path}: line {keyNode.Start.Line}: unknown setting import.{key} (known: statuses, record_types).");
            if (valueNode is not YamlMappingNode sources)
                throw new InvalidDataException($"{path}: line {valueNode.Start.Line}: import.statuses must map a source (servicenow, jira, ...) to its values.");
            var known = FormatCatalog.All.Select(f => f.Source).Distinct(StringComparer.Ordinal).ToList();
            foreach (var (sourceNode, mapNode) in sources.Children)
            {
                var source = ((YamlScalarNode)sourceNode).Value ?? "";
                if (!known.Contains(source))
                    throw new InvalidDataException($"{path}: line {sourceNode.Start.Line}: import.statuses.{source}: unknown source (known: {string.Join(", ", known)}).");
                if (mapNode is not YamlMappingNode values)
                    throw new InvalidDataException($"{path}: line {mapNode.Start.Line}: import.statuses.{source} must map status values to open, acknowledged, resolved or closed.");
                var map = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var (valueKey, target) in values.Children)
                {
                    var value = ((YamlScalarNode)valueKey).Value ?? "";
                    var status = (target as YamlScalarNode)?.Value?.Trim().ToLowerInvariant() ?? "";
                    if (!ImportOptions.CanonicalStatuses.Contains(status))
                        throw new InvalidDataException($"{path}: line {target.Start.Line}: import.statuses.{source}: '{value}' maps to '{status}'; use one of {string.Join(", ", ImportOptions.CanonicalStatuses)}.");
                    map[value.Trim().ToLowerInvariant()] = status;
                }
                statuses[source] = map;
            }
        }
        return options with { Statuses = statuses, Types = types };
    }

    /// <summary>
    /// <c>record_types: jira: {incident: [Incident, Major incident], postmortem: [Post-incident review]}</c>: a list left
    /// out keeps its default (<see cref="RecordTypes.Defaults"/>).
    /// </summary>
    private static void ReadRecordTypes(string path, YamlNode node, Dictionary<string, RecordTypes> types)
    {
        if (node is not YamlMappingNode sources)
            throw new InvalidDataException($"{path}: line {node.Start.Line}: import.record_types must map a source (jira) to its incident and postmortem types.");
        foreach (var (sourceNode, value) in sources.Children)
        {
            var source = ((YamlScalarNode)sourceNode).Value ?? "";
            if (!RecordTypes.Defaults.TryGetValue(source, out var defaults))
                throw new InvalidDataException($"{path}: line {sourceNode.Start.Line}: import.record_types.{source}: only {string.Join(", ", RecordTypes.Defaults.Keys)} exports mix record types.");
            if (value is not YamlMappingNode lists)
                throw new InvalidDataException($"{path}: line {value.Start.Line}: import.record_types.{source} must have 'incident' and/or 'postmortem' lists of type names.");
            var (incident, postmortem) = (defaults.Incident, defaults.Postmortem);
            foreach (var (listKey, listNode) in lists.Children)
            {
                var name = ((YamlScalarNode)listKey).Value ?? "";
                var names = listNode switch
                {
                    YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>().Select(n => n.Value?.Trim() ?? "").Where(n => n.Length > 0).ToList(),
                    YamlScalarNode one when !string.IsNullOrWhiteSpace(one.Value) => [one.Value.Trim()],
                    _ => throw new InvalidDataException($"{path}: line {listNode.Start.Line}: import.record_types.{source}.{name} must be a list of type names."),
                };
                if (name == "incident") incident = names;
                else if (name == "postmortem") postmortem = names;
                else throw new InvalidDataException($"{path}: line {listKey.Start.Line}: unknown setting import.record_types.{source}.{name} (known: incident, postmortem).");
            }
            var both = incident.Intersect(postmortem, StringComparer.OrdinalIgnoreCase).ToList();
            if (both.Count > 0)
                throw new InvalidDataException($"{path}: line {value.Start.Line}: import.record_types.{source}: '{both[0]}' is listed as both an incident and a postmortem type.");
            types[source] = new RecordTypes(incident, postmortem);
        }
    }
}
