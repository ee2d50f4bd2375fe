using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using InsightEngine.Analysis;
using InsightEngine.Analysis.Metrics;
using InsightEngine.Generation;
using InsightEngine.Reporting;
using InsightEngine.Reports.Document;
using InsightEngine.Reports.Rendering;
using InsightEngine.Settings;
using InsightEngine.Store;

namespace InsightEngine.Reports.Walkthroughs;

/// <summary>
/// The page a walkthrough in notebooks/ (a C# file-based app) narrates: it opens the store the walkthrough reads (the
/// sample imported into memory, or <c>--db PATH</c>) with the settings every command loads, prints each heading, text,
/// table, figure and chart as the walkthrough goes, and at the end writes the same as a page (HTML and Markdown with
/// the charts) plus its figures as JSON. The figures themselves come from the engine's API the walkthrough calls; this
/// class only shows them.
/// </summary>
public sealed partial class Walkthrough : IDisposable
{
    private readonly List<Section> sections = [];
    private readonly Dictionary<string, WalkthroughFigure> figures = new(StringComparer.Ordinal);
    private readonly TextWriter console;
    private string? heading;
    private List<Block>? blocks;

    private Walkthrough(WalkthroughArguments arguments, InsightSettings settings, InsightStore store, string source, string stem, string title, TextWriter console)
    {
        Arguments = arguments;
        Settings = settings;
        Store = store;
        Source = source;
        FileStem = stem;
        Title = title;
        this.console = console;
        Session = new AnalysisSession(store, settings);
        Request = Session.Request();
    }

    /// <summary>What the walkthrough was started with.</summary>
    public WalkthroughArguments Arguments { get; }

    /// <summary>The settings (<c>--config</c>, else insight.yaml here, else $INSIGHT_CONFIG; then the environment), as every command loads them.</summary>
    public InsightSettings Settings { get; }

    /// <summary>The store: the sample imported into memory, or the database of <c>--db</c>.</summary>
    public InsightStore Store { get; }

    /// <summary>The analysis session every metric runs in (the CLI and the API open theirs the same way).</summary>
    public AnalysisSession Session { get; }

    /// <summary>The settings' own request: the whole store, the settings' thresholds and zone, the data's as-of.</summary>
    public MetricRequest Request { get; }

    /// <summary>What the store holds, in words (the sample folder, or the database file).</summary>
    public string Source { get; }

    /// <summary>The sample folder the store was imported from; null when the walkthrough reads <c>--db</c>.</summary>
    public string? SampleFolder { get; private init; }

    /// <summary>The page's file name without extension.</summary>
    public string FileStem { get; }

    /// <summary>The page's title.</summary>
    public string Title { get; }

    /// <summary>The figures recorded so far, by key.</summary>
    public IReadOnlyDictionary<string, WalkthroughFigure> Figures => figures;

    /// <summary>
    /// Parses <paramref name="args"/> (<c>--db PATH</c>, <c>--config FILE</c>, <c>--out DIR</c>, <c>--help</c>), loads the
    /// settings and opens the store; prints the title. A bad argument, settings file or database ends the program with a
    /// message and exit code 2 (1 for a database that cannot be opened), <c>--help</c> with the usage and 0.
    /// </summary>
    public static Walkthrough Start(string[] args, string fileStem, string title, string introduction)
    {
        ArgumentNullException.ThrowIfNull(args);
        // Figures print the same on every machine (the pages and the CLI's JSON are culture-invariant too), and a failure
        // ends with what went wrong, not a stack trace: 1 for data or settings the walkthrough cannot use, 70 for a bug.
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        AppDomain.CurrentDomain.UnhandledException += (_, e) => Failed(fileStem, e.ExceptionObject as Exception);
        WalkthroughArguments arguments;
        try
        {
            arguments = WalkthroughArguments.Parse(args, Path.Combine(ScriptFolder ?? Directory.GetCurrentDirectory(), "output"));
        }
        catch (ArgumentException e)
        {
            return Stop(2, $"{fileStem}: {e.Message}\n{WalkthroughArguments.Usage(fileStem)}");
        }
        if (arguments.Help)
        {
            Console.Out.WriteLine($"{title}\n\n{introduction}\n\n{WalkthroughArguments.Usage(fileStem)}");
            Environment.Exit(0);
        }
        try
        {
            return Open(arguments, fileStem, title, introduction, Console.Out);
        }
        catch (Exception e) when (e is InvalidSettingException or WalkthroughInputException or IOException or UnauthorizedAccessException)
        {
            return Stop(2, $"{fileStem}: {e.Message}");
        }
        catch (StoreException e)
        {
            return Stop(1, $"{fileStem}: {e.Message}");
        }
    }

    /// <summary>The folder of the walkthrough's .cs file when it runs as a file-based app (<c>dotnet run file.cs</c> sets it), else null.</summary>
    public static string? ScriptFolder => AppContext.GetData("EntryPointFileDirectoryPath") as string;

    /// <summary>
    /// Loads the settings and opens the store of <paramref name="arguments"/>, printing to <paramref name="console"/>:
    /// what <see cref="Start"/> does without touching the process (no exit, no culture, no handler), for hosts and tests.
    /// Throws <see cref="WalkthroughInputException"/>, <see cref="InvalidSettingException"/> or <see cref="StoreException"/>.
    /// </summary>
    public static Walkthrough Open(WalkthroughArguments arguments, string fileStem, string title, string introduction, TextWriter console)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var settings = SettingsLoader.Load(arguments.Config);
        var (store, source) = arguments.Db is { } db ? OpenDatabase(db, settings) : OpenSample(ScriptFolder, settings);
        Walkthrough page;
        try
        {
            page = new Walkthrough(arguments, settings, store, source, fileStem, title, console)
            {
                SampleFolder = arguments.Db is null ? SampleData.Locate(ScriptFolder, AppContext.BaseDirectory) : null,
            };
        }
        catch
        {
            store.Dispose();
            throw;
        }
        try
        {
            page.console.Write(TextRenderer.Heading(title, '='));
            page.Section("About this page", introduction);
            page.Say($"Data: {source}. Settings: {(settings.File is { } f ? Path.GetFileName(f) : "the defaults (no insight.yaml)")}; reporting zone {settings.Metrics.TimeZone}.");
            if (store.Scalar<long>("SELECT (SELECT count(*) FROM incidents) + (SELECT count(*) FROM alerts)") == 0)
                page.Say("The store holds no incidents and no alerts yet, so every figure below is empty or unknown: import your exports " +
                         "first (insight import EXPORTS --db PATH), or leave --db out to walk through the sample.");
            return page;
        }
        catch
        {
            page.Dispose();
            throw;
        }
    }

    /// <summary>Opens an existing database (never creates one: a mistyped path is an error, not an empty store).</summary>
    private static (InsightStore, string) OpenDatabase(string db, InsightSettings settings)
    {
        if (!File.Exists(db))
            throw new WalkthroughInputException($"--db '{db}': no such database. Import your exports first (insight import EXPORTS --db {db}), or leave --db out to walk through the sample.");
        return (InsightStore.Open(db, settings.MemoryLimit), Path.GetFullPath(db));
    }

    /// <summary>The sample folder imported into an in-memory store, as <c>insight demo</c> imports it.</summary>
    private static (InsightStore, string) OpenSample(string? script, InsightSettings settings)
    {
        var folder = SampleData.Locate(script, AppContext.BaseDirectory)
            ?? throw new WalkthroughInputException("no sample-data folder found here or above the walkthrough; run it inside the repository, or pass --db PATH.");
        var store = InsightStore.Open(":memory:", settings.MemoryLimit);
        try
        {
            SampleData.Import(store, folder, settings);
            return (store, $"the sample in {folder} (imported into memory, as insight demo imports it)");
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Ends the program after an exception nothing caught: its message and exit code 1, or 70 with its type for a bug.</summary>
    private static void Failed(string stem, Exception? e)
    {
        var expected = e is WalkthroughCheckException or WalkthroughInputException or StoreException or InvalidSettingException
            or InsightEngine.Import.ImportException or OperationCanceledException;
        Console.Out.Flush();
        Console.Error.WriteLine(expected
            ? $"{stem} stopped: {e!.Message}"
            : $"{stem} stopped by a bug in InsightEngine ({e?.GetType().Name}): {e?.Message}\nPlease report it with the command you ran.");
        Environment.Exit(expected ? 1 : 70);
    }

    private static Walkthrough Stop(int code, string message)
    {
        Console.Error.WriteLine(message);
        Environment.Exit(code);
        return null!;   // not reached
    }

    /// <summary>Starts a section: its heading and, when given, its first paragraph.</summary>
    public void Section(string title, string? text = null)
    {
        Close();
        heading = title;
        blocks = [];
        console.WriteLine();
        console.Write(TextRenderer.Heading(title));
        if (text is not null) Say(text);
    }

    /// <summary>A paragraph.</summary>
    public void Say(string text) => Add(new Paragraph(text));

    /// <summary>A bulleted list.</summary>
    public void Bullets(IEnumerable<string> items) => Add(new BulletList(items.Select(Cells.Of).ToList()));

    /// <summary>
    /// A table of <paramref name="rows"/>: one column per public property (anonymous types welcome), headers from the
    /// names ("MttrP90" → "Mttr p90"), numbers right-aligned, durations (<see cref="TimeSpan"/>) as people say them,
    /// instants in UTC, nulls as "n/a". At most <paramref name="max"/> rows; the note says how many were left out.
    /// </summary>
    public void Table<T>(IEnumerable<T> rows, int max = 25, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows.ToList();
        var properties = typeof(T).GetProperties().Where(p => p.GetIndexParameters().Length == 0).ToList();
        var texts = list.Take(max).Select(r => properties.Select(p => Cell(p.GetValue(r))).ToList()).ToList();
        // Right-aligned: number types, and text columns that hold only figures already formatted (12%, 1,234, n/a).
        var columns = properties.Select((p, i) => new Column(Header(p.Name),
            IsNumeric(p.PropertyType) || (p.PropertyType == typeof(string) && texts.Count > 0 && texts.All(t => FormattedNumber().IsMatch(t[i])))))
            .ToList();
        var cells = texts.Select(t => (IReadOnlyList<IReadOnlyList<Inline>>)t.Select(Cells.Of).ToList()).ToList();
        var notes = new[] { list.Count > max ? $"and {list.Count - max:N0} more rows" : null, note }.Where(n => n is not null).ToList();
        Add(new Table(columns, cells, notes.Count > 0 ? string.Join("; ", notes) : null));
    }

    /// <summary>
    /// A headline figure: printed and shown as "label: value", and kept under <paramref name="key"/> in the page's
    /// figures (<c>STEM.figures.json</c>) with its raw value, so a test or a script can check it against the CLI.
    /// </summary>
    /// <param name="key">Its key (incidents, noise_ratio ...).</param>
    /// <param name="label">What it is called.</param>
    /// <param name="value">The value (null: unknown).</param>
    /// <param name="unit">count | seconds | ratio | number | text.</param>
    /// <param name="detail">What it rests on or why it is unknown.</param>
    /// <param name="show">False: kept in the figures only (a table beside it shows it already).</param>
    public void Figure(string key, string label, object? value, string unit = "number", string? detail = null, bool show = true)
    {
        var text = unit switch
        {
            _ when value is null => "unknown",
            "count" => Cells.Count(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
            "seconds" => Cells.Duration(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
            "ratio" => Cells.Percent(Convert.ToDouble(value, CultureInfo.InvariantCulture)),
            _ => Cell(value),
        };
        figures[key] = new WalkthroughFigure(label, value, unit, text, detail);
        if (show) Add(new Paragraph([new Strong(label + ": "), new Text(text + (detail is null ? "" : $" ({detail})"))]));
    }

    /// <summary>A chart: on the page as an image, in the terminal by its title and description.</summary>
    public void Chart(Chart chart) => Add(chart);

    /// <summary>Stops the walkthrough with <paramref name="message"/> when <paramref name="holds"/> is false: a figure that does not add up is a failure, not a page.</summary>
    public void Check(bool holds, string message)
    {
        if (!holds) throw new WalkthroughCheckException($"{FileStem}: check failed: {message}");
    }

    /// <summary>
    /// Writes the page into the output folder: <c>STEM.html</c> (self-contained), <c>STEM.md</c> with
    /// <c>STEM-charts/*.png</c>, and <c>STEM.figures.json</c>; prints where. Returns the HTML file's path.
    /// </summary>
    public string Finish()
    {
        Close();
        var subtitle = $"{Source}; reporting zone {Settings.Metrics.TimeZone}";
        var document = new ReportDocument(FileStem, Title, subtitle, sections);
        var html = ReportFiles.Write(document, "html", Arguments.Out);
        var markdown = ReportFiles.Write(document, "md", Arguments.Out);
        var json = Path.Combine(Arguments.Out, FileStem + ".figures.json");
        ReportFiles.WriteWhole(json, JsonSerializer.SerializeToUtf8Bytes(new
        {
            walkthrough = FileStem,
            source = Source,
            settings = Settings.File,
            time_zone = Settings.Metrics.TimeZone,
            figures = figures.ToDictionary(f => f.Key, f => new { label = f.Value.Label, value = f.Value.Value, unit = f.Value.Unit, text = f.Value.Text, detail = f.Value.Detail }),
        }, FiguresJson));
        console.WriteLine();
        console.WriteLine($"Page written: {Path.GetFullPath(html)} (and {Path.GetFileName(markdown)} with its charts, {Path.GetFileName(json)}).");
        return html;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Session.Dispose();
        Store.Dispose();
    }

    private void Add(Block block)
    {
        if (blocks is null) Section(Title);
        blocks!.Add(block);
        console.Write(TextRenderer.Block(block));
    }

    private void Close()
    {
        if (heading is not null && blocks is { Count: > 0 }) sections.Add(new Section(heading, blocks));
        heading = null;
        blocks = null;
    }

    private static readonly JsonSerializerOptions FiguresJson = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A column header from a property name: words split at capitals and underscores, acronyms kept ("MTTA_p90" → "MTTA p90", "NoiseShare" → "Noise share").</summary>
    internal static string Header(string name)
    {
        var words = Words().Split(name.Replace('_', ' ')).SelectMany(w => w.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (words.Count == 0) return name;
        var shown = words.Select((w, i) => w.Length > 1 && w.All(c => !char.IsLower(c)) ? w : i == 0 ? char.ToUpperInvariant(w[0]) + w[1..] : w.ToLowerInvariant());
        return string.Join(' ', shown);
    }

    private static bool IsNumeric(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(int) || t == typeof(long) || t == typeof(double) || t == typeof(decimal) || t == typeof(float) || t == typeof(TimeSpan);
    }

    /// <summary>A value as a cell's text.</summary>
    private static string Cell(object? value) => value switch
    {
        null => "n/a",
        string s => s,
        int or long => Cells.Count(Convert.ToInt64(value, CultureInfo.InvariantCulture)),
        double d => d.ToString("#,0.###", CultureInfo.InvariantCulture),
        float or decimal => Convert.ToDouble(value, CultureInfo.InvariantCulture).ToString("#,0.###", CultureInfo.InvariantCulture),
        TimeSpan t => HumanDuration.Format(t.TotalSeconds),
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        IEnumerable e => string.Join(", ", e.Cast<object?>().Select(Cell)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    [GeneratedRegex(@"^(n/a|[-+]?[\d,]+(\.\d+)?\s?%?)$")]
    private static partial Regex FormattedNumber();

    [GeneratedRegex("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")]
    private static partial Regex Words();
}

/// <summary>A headline figure of a walkthrough.</summary>
/// <param name="Label">What it is called.</param>
/// <param name="Value">Its raw value (null: unknown).</param>
/// <param name="Unit">count | seconds | ratio | number | text.</param>
/// <param name="Text">As shown.</param>
/// <param name="Detail">What it rests on, or why it is unknown.</param>
public sealed record WalkthroughFigure(string Label, object? Value, string Unit, string Text, string? Detail);

/// <summary>A walkthrough's arguments.</summary>
/// <param name="Db">The database to read; null: the sample, imported into memory.</param>
/// <param name="Config">The settings file; null: insight.yaml here, else $INSIGHT_CONFIG, else the defaults.</param>
/// <param name="Out">The folder the page is written to.</param>
/// <param name="Help">--help was asked for.</param>
public sealed record WalkthroughArguments(string? Db, string? Config, string Out, bool Help)
{
    /// <summary>Parses <c>--db PATH --config FILE --out DIR --help</c> (also <c>--db=PATH</c>).</summary>
    public static WalkthroughArguments Parse(IReadOnlyList<string> args, string defaultOut)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? db = null, config = null, output = null;
        var help = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var eq = arg.StartsWith("--", StringComparison.Ordinal) ? arg.IndexOf('=', StringComparison.Ordinal) : -1;
            var name = eq > 0 ? arg[..eq] : arg;
            string Value()
            {
                if (eq > 0) return arg[(eq + 1)..];
                if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"{name} needs a value.");
                return args[++i];
            }
            switch (name)
            {
                case "--db": db = Value(); break;
                case "--config": config = Value(); break;
                case "--out": output = Value(); break;
                case "--help" or "-h" or "-?": help = true; break;
                default: throw new ArgumentException($"'{arg}' is not an option of this walkthrough.");
            }
            if (name != "--help" && name != "-h" && name != "-?" && string.IsNullOrWhiteSpace(name == "--db" ? db : name == "--config" ? config : output))
                throw new ArgumentException($"{name} needs a value.");
        }
        return new WalkthroughArguments(db, config, output ?? defaultOut, help);
    }

    /// <summary>The usage lines.</summary>
    public static string Usage(string stem) =>
        $"Usage: dotnet run notebooks/{stem}.cs [--] [--db PATH] [--config insight.yaml] [--out DIR]\n" +
        "  --db PATH        read this InsightEngine database (default: the sample, imported into memory)\n" +
        "  --config FILE    settings (default: ./insight.yaml if present, else $INSIGHT_CONFIG, else the defaults)\n" +
        "  --out DIR        where the page is written (default: notebooks/output/)";
}

/// <summary>An argument or input a walkthrough cannot use (a database that is not there, no sample).</summary>
public sealed class WalkthroughInputException(string message) : Exception(message);

/// <summary>A walkthrough's own check failed: its figures do not add up.</summary>
public sealed class WalkthroughCheckException(string message) : Exception(message);
