namespace InsightEngine.Reports.Document;

/// <summary>
/// A report as a document: sections of blocks, rendered by <see cref="Rendering.HtmlRenderer"/> and
/// <see cref="Rendering.MarkdownRenderer"/>. Builders say what to show; only the renderers know markup, so every piece
/// of text from an export is escaped in one place per format.
/// </summary>
/// <param name="FileStem">The file name without extension (weekly-review-2026-W46).</param>
/// <param name="Title">The report's title.</param>
/// <param name="Subtitle">Period, scope and data as-of, in one line.</param>
/// <param name="Sections">Its sections, in reading order.</param>
public sealed record ReportDocument(string FileStem, string Title, string Subtitle, IReadOnlyList<Section> Sections)
{
    /// <summary>Every chart of the document, in order.</summary>
    public IEnumerable<Chart> Charts => Sections.SelectMany(s => s.Blocks).OfType<Chart>();
}

/// <summary>A titled part of a report.</summary>
public sealed record Section(string Heading, IReadOnlyList<Block> Blocks, string? Id = null);

/// <summary>A paragraph, list, table, chart or set of headline cards.</summary>
public abstract record Block;

/// <summary>Running text.</summary>
public sealed record Paragraph(IReadOnlyList<Inline> Content) : Block
{
    /// <summary>A paragraph of plain text.</summary>
    public Paragraph(string text) : this([new Text(text)]) { }
}

/// <summary>A bulleted list; each item is running text.</summary>
public sealed record BulletList(IReadOnlyList<IReadOnlyList<Inline>> Items) : Block;

/// <summary>A table; each cell is running text. <paramref name="Note"/> is shown under it (e.g. "and 40 more").</summary>
public sealed record Table(IReadOnlyList<Column> Columns, IReadOnlyList<IReadOnlyList<IReadOnlyList<Inline>>> Rows, string? Note = null) : Block;

/// <summary>A table column; numeric ones are right-aligned.</summary>
public sealed record Column(string Header, bool Numeric = false);

/// <summary>A chart rendered to PNG (<paramref name="Width"/> × <paramref name="Height"/> CSS pixels, drawn at twice that).</summary>
/// <param name="Id">File-name-safe id (weekly-trend-incidents).</param>
/// <param name="Title">What it shows.</param>
/// <param name="Description">The alternative text: what a reader who cannot see it needs to know.</param>
public sealed record Chart(string Id, string Title, string Description, byte[] Png, int Width, int Height) : Block;

/// <summary>Headline figures shown as cards.</summary>
public sealed record Cards(IReadOnlyList<Card> Items) : Block;

/// <summary>One headline figure: its value, how it compares, and whether that is good news.</summary>
public sealed record Card(string Label, string Value, string Detail, Tone Tone);

/// <summary>Whether a figure or flag is good news, bad news, or neither.</summary>
public enum Tone
{
    /// <summary>Neither.</summary>
    Neutral,

    /// <summary>Better than usual.</summary>
    Good,

    /// <summary>Worse than usual.</summary>
    Bad,

    /// <summary>Not enough data to say.</summary>
    Muted,
}

/// <summary>A run of text inside a paragraph, list item or cell.</summary>
public abstract record Inline
{
    /// <summary>Plain text.</summary>
    public static implicit operator Inline(string text) => new Text(text);
}

/// <summary>Plain text (escaped by the renderer).</summary>
public sealed record Text(string Value) : Inline;

/// <summary>Emphasised text.</summary>
public sealed record Strong(string Value) : Inline;

/// <summary>A link; rendered as a link only when <paramref name="Url"/> is an absolute http(s) address, else as text.</summary>
public sealed record Link(string Value, string? Url) : Inline;

/// <summary>A link to a page of the service itself (a path such as <c>/api/reports/noise</c>): only the service writes these.</summary>
public sealed record LocalLink(string Value, string Path) : Inline
{
    /// <summary>True for a rooted path on this site (not <c>//host</c>).</summary>
    public bool IsSafe => Path.StartsWith('/') && !Path.StartsWith("//", StringComparison.Ordinal) && !Path.Contains('\\', StringComparison.Ordinal);
}

/// <summary>A short coloured label (worse, better, open).</summary>
public sealed record Flag(string Value, Tone Tone) : Inline;
