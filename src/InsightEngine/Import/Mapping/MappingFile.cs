using System.Globalization;
using InsightEngine.Diagnostics;
using InsightEngine.Model;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace InsightEngine.Import.Mapping;

/// <summary>
/// A user's description of a CSV export we have no importer for: which column fills which canonical field, how its
/// dates, severities and statuses read. YAML or JSON (JSON is YAML). Every mistake is reported with its line, and
/// all of them at once, like <see cref="ImportOptions.Validate"/> names the valid values.
/// </summary>
/// <example>
/// A mapping may also adjust a built-in format (<c>format: pagerduty-incidents-csv</c> with a <c>severity</c> table of
/// the account's own priority names): its columns, severities and statuses stay unless the mapping overrides them.
/// <code>
/// source: acme-helpdesk        # required: the tool's name; rows are keyed by (source, id)
/// entity: incident             # incident (default), alert, action_item or postmortem
/// timezone: Europe/Berlin      # for times written without an offset (--timezone overrides it)
/// date_formats: ["%d/%m/%Y %H:%M"]
/// columns:                     # canonical field: column, or a list of alternative spellings
///   external_id: Ticket
///   created_at: [Opened, Created]
///   severity_raw: Prio
/// severity: { Urgent: SEV1, High: SEV2 }
/// status: { Done: resolved }
/// </code>
/// </example>
public sealed record MappingFile(
    string Path,
    string Source,
    Entity Entity,
    string? TimeZone,
    IReadOnlyList<string> DateFormats,
    IReadOnlyList<ColumnBinding> Columns,
    IReadOnlyDictionary<string, string> Severity,
    IReadOnlyDictionary<string, string> Status,
    ImportFormat? Base = null)
{
    private static readonly string[] Keys = ["format", "source", "entity", "timezone", "date_formats", "columns", "severity", "status", "description"];
    private static readonly string[] Statuses = ["open", "acknowledged", "resolved", "closed"];
    private static readonly string[] ActionItemStatuses = ["open", "in_progress", "done", "cancelled"];
    private static readonly string[] PostmortemStatuses = ["open", "in_progress", "completed", "cancelled"];

    /// <summary>Reads and checks <paramref name="path"/>; throws <see cref="MappingException"/> listing every problem.</summary>
    public static MappingFile Load(string path)
    {
        if (!File.Exists(path)) throw new MappingException(path, [new MappingProblem(null, "file not found")]);
        var problems = new List<MappingProblem>();
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(path)) stream.Load(reader);
            root = stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode m
                ? m
                : throw new MappingException(path, [new MappingProblem(1, "expected a mapping of keys (source, columns, ...) at the top")]);
        }
        catch (YamlException e)
        {
            throw new MappingException(path, [new MappingProblem(e.Start.Line, $"not valid YAML or JSON: {e.InnerException?.Message ?? e.Message}")], e);
        }

        foreach (var (key, value) in root.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (!Keys.Contains(name))
                problems.Add(new(Line(key), $"unknown key '{name}'{Suggest(name, Keys)}. Keys: {string.Join(", ", Keys)}"));
        }

        // format: a built-in format this mapping adjusts (its columns, severities, statuses stay unless overridden).
        var baseId = Scalar(root, "format", problems);
        var baseFormat = baseId is null ? null : FormatCatalog.Find(baseId);
        if (baseId is not null && baseFormat is null)
        {
            var ids = FormatCatalog.All.Select(f => f.Id).ToArray();
            problems.Add(new(Line(root, "format"), $"unknown format '{baseId}'{Suggest(baseId, ids)}. Formats: {string.Join(", ", ids)}"));
        }

        var source = Scalar(root, "source", problems) ?? baseFormat?.Source;
        if (source is null) problems.Add(new(1, "'source' is required: the name of the tool the export comes from (e.g. acme-helpdesk)"));
        else if (!source.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            problems.Add(new(Line(root, "source"), $"'source' may hold letters, digits, '-', '_' and '.', not '{source}'"));

        var entityText = Scalar(root, "entity", problems) ?? baseFormat?.Entity.Label() ?? "incident";
        Entity entity = Entity.Incident;
        if (entityText is "incident" or "incidents") entity = Entity.Incident;
        else if (entityText is "alert" or "alerts") entity = Entity.Alert;
        else if (entityText is "action_item" or "action_items" or "action-item" or "action-items") entity = Entity.ActionItem;
        else if (entityText is "postmortem" or "postmortems") entity = Entity.Postmortem;
        else problems.Add(new(Line(root, "entity"), $"'entity' must be incident, alert, action_item or postmortem, not '{entityText}'"));

        var timeZone = Scalar(root, "timezone", problems);
        if (timeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
            problems.Add(new(Line(root, "timezone"), $"unknown time zone '{timeZone}'; use an IANA name such as Europe/Berlin"));

        var dateFormats = List(root, "date_formats", problems);
        if (baseFormat is not null && baseFormat.Entity != entity)
            problems.Add(new(Line(root, "entity"), $"format {baseFormat.Id} holds {baseFormat.Entity.Label()}s, not {entity.Label()}s"));
        var columns = ReadColumns(root, entity, problems, requireAll: baseFormat is null);
        var severity = Map(root, "severity", problems, v => Model.Severity.All.Contains(v.ToUpperInvariant()) && v != Model.Severity.Unknown
            ? v.ToUpperInvariant() : null, "SEV1, SEV2, SEV3, SEV4 or SEV5");
        var allowed = entity switch
        {
            Entity.ActionItem => ActionItemStatuses,
            Entity.Postmortem => PostmortemStatuses,
            _ => Statuses,
        };
        var status = Map(root, "status", problems, v => allowed.Contains(v.ToLowerInvariant()) ? v.ToLowerInvariant() : null, string.Join(", ", allowed));

        if (problems.Count > 0) throw new MappingException(path, problems);
        return new MappingFile(path, source!, entity, timeZone, dateFormats, columns, severity, status, baseFormat);
    }

    private static List<ColumnBinding> ReadColumns(YamlMappingNode root, Entity entity, List<MappingProblem> problems, bool requireAll)
    {
        var fields = CanonicalSchema.For(entity);
        var bindings = new List<ColumnBinding>();
        if (!requireAll && !root.Children.ContainsKey(new YamlScalarNode("columns"))) return bindings;
        if (!root.Children.TryGetValue(new YamlScalarNode("columns"), out var node) || node is not YamlMappingNode columns)
        {
            problems.Add(new(node is null ? 1 : Line(node), "'columns' is required: a mapping of canonical field to column name"));
            return bindings;
        }

        var names = fields.Select(f => f.Name).ToArray();
        foreach (var (key, value) in columns.Children)
        {
            var field = (key as YamlScalarNode)?.Value ?? "";
            if (!names.Contains(field))
            {
                problems.Add(new(Line(key), $"'{field}' is not a canonical {entity.Label()} field{Suggest(field, names)}. Fields: {string.Join(", ", names)}"));
                continue;
            }
            var spellings = value switch
            {
                YamlScalarNode s when !string.IsNullOrWhiteSpace(s.Value) => [s.Value!],
                YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").Where(s => s.Length > 0).ToList(),
                _ => new List<string>(),
            };
            if (spellings.Count == 0) problems.Add(new(Line(value), $"'{field}' needs a column name (or a list of them)"));
            else bindings.Add(new ColumnBinding(field, spellings));
        }
        foreach (var required in fields.Where(f => requireAll && f.Required && bindings.All(b => b.Field != f.Name)))
            problems.Add(new(Line(columns), $"'columns' must map the required field '{required.Name}'"));
        return bindings;
    }

    private static Dictionary<string, string> Map(YamlMappingNode root, string key, List<MappingProblem> problems,
        Func<string, string?> accept, string valid)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (!root.Children.TryGetValue(new YamlScalarNode(key), out var node)) return map;
        if (node is not YamlMappingNode mapping)
        {
            problems.Add(new(Line(node), $"'{key}' must map the export's values to ours, e.g. {{ High: {(key == "severity" ? "SEV2" : "resolved")} }}"));
            return map;
        }
        foreach (var (k, v) in mapping.Children)
        {
            var raw = (k as YamlScalarNode)?.Value ?? "";
            var target = (v as YamlScalarNode)?.Value ?? "";
            if (accept(target) is { } ok) map[raw.ToLowerInvariant()] = ok;
            else problems.Add(new(Line(v), $"{key} '{raw}' maps to '{target}'; expected {valid}"));
        }
        return map;
    }

    private static string? Scalar(YamlMappingNode root, string key, List<MappingProblem> problems)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode(key), out var node)) return null;
        if (node is YamlScalarNode { Value: { Length: > 0 } v }) return v;
        problems.Add(new(Line(node), $"'{key}' must be a single value"));
        return null;
    }

    private static List<string> List(YamlMappingNode root, string key, List<MappingProblem> problems)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode(key), out var node)) return [];
        return node switch
        {
            YamlScalarNode s when !string.IsNullOrEmpty(s.Value) => [s.Value!],
            YamlSequenceNode seq => seq.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "").Where(s => s.Length > 0).ToList(),
            _ => Fail(),
        };

        List<string> Fail()
        {
            problems.Add(new(Line(node), $"'{key}' must be a list of strptime patterns, e.g. [\"%d/%m/%Y %H:%M\"]"));
            return [];
        }
    }

    private static long Line(YamlNode node) => node.Start.Line;

    private static long Line(YamlMappingNode root, string key) =>
        root.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node.Start.Line : 1;

    /// <summary>" (did you mean 'x'?)" for the closest known name within two edits, else empty.</summary>
    internal static string Suggest(string given, IEnumerable<string> known) => DidYouMean.Suggest(given.ToLowerInvariant(), known, 2);
}

/// <summary>One problem in a mapping file.</summary>
public sealed record MappingProblem(long? Line, string Message);

/// <summary>A mapping file that cannot be used; the message lists every problem with its line.</summary>
public sealed class MappingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MappingException(string path, IReadOnlyList<MappingProblem> problems, Exception? inner = null)
        : base(Format(path, problems), inner) => Problems = problems;

    /// <summary>Creates the exception.</summary>
    public MappingException() => Problems = [];

    /// <summary>Creates the exception.</summary>
    public MappingException(string message) : base(message) => Problems = [];

    /// <summary>Creates the exception.</summary>
    public MappingException(string message, Exception inner) : base(message, inner) => Problems = [];

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<MappingProblem> Problems { get; }

    private static string Format(string path, IReadOnlyList<MappingProblem> problems) =>
        $"mapping {path} cannot be used:" + string.Concat(problems.Select(p => $"\n  {path}{(p.Line is { } l ? $":{l}" : "")}: {p.Message}"));
}
