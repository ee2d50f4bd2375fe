using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace InsightEngine.Tests.Notebooks;

/// <summary>A notebook cell failed: which notebook, which cell, what it said.</summary>
public sealed class NotebookCellException(string notebook, int cell, string firstLine, string error, Exception? inner)
    : Exception($"{notebook}, cell {cell} ({firstLine}): {error}", inner)
{
    /// <summary>The notebook's file name.</summary>
    public string Notebook { get; } = notebook;

    /// <summary>1-based position of the cell among all cells (markdown included), as an editor shows it.</summary>
    public int Cell { get; } = cell;

    /// <summary>The compiler's or the exception's message.</summary>
    public string Error { get; } = error;
}

/// <summary>
/// What a C# cell of a Polyglot notebook may call beyond its own code: the two kernel helpers the notebooks use,
/// <c>display(value)</c> and <c>HTML(markup)</c>, as .NET Interactive provides them. Here they record what was shown,
/// so a test can see that a chart cell showed a chart.
/// </summary>
public sealed class NotebookGlobals
{
    /// <summary>Everything displayed, in order.</summary>
    public List<object?> Displayed { get; } = [];

    /// <summary>Shows a value (.NET Interactive renders it; here it is recorded).</summary>
    public object? display(object? value, params string[] mimeTypes)
    {
        Displayed.Add(value);
        return value;
    }

    /// <summary>HTML markup to display.</summary>
    public HtmlMarkup HTML(string markup) => new(markup);
}

/// <summary>HTML a notebook displays.</summary>
public sealed record HtmlMarkup(string Markup)
{
    /// <inheritdoc />
    public override string ToString() => Markup;
}

/// <summary>
/// Runs every C# code cell of a .ipynb in order, in one script state (as a kernel does), against the built engine. A
/// cell's <c>#r "path.dll"</c> must name a file that exists relative to the notebook (so a notebook's own reference to the
/// build output is checked) and is compiled against the same assembly the tests load; <c>#load "file.csx"</c> runs that
/// script in place (as the kernel does); the rest of the cell runs as written. Magic commands other than <c>#!csharp</c>, NuGet references and cells in other languages are refused: a
/// notebook runs here exactly as it is, or the test fails.
/// </summary>
public static partial class NotebookRunner
{
    /// <summary>The result: the values displayed and each code cell's return value.</summary>
    public sealed record Run(IReadOnlyList<object?> Displayed, IReadOnlyList<object?> Values, int CodeCells);

    /// <summary>Runs <paramref name="path"/>; throws <see cref="NotebookCellException"/> at the first failing cell.</summary>
    public static async Task<Run> RunAsync(string path, TimeSpan? cellTimeout = null)
    {
        var name = Path.GetFileName(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(path));
        if (Kernel(doc.RootElement) is { } kernel && kernel != "csharp")
            throw new NotebookCellException(name, 0, "notebook", $"the default kernel is '{kernel}', not csharp", null);

        var globals = new NotebookGlobals();
        var options = ScriptOptions.Default
            .WithReferences(FrameworkReferences())
            .WithImports("System", "System.IO", "System.Linq", "System.Collections.Generic", "System.Threading.Tasks")
            .WithLanguageVersion(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest)
            .WithEmitDebugInformation(false);
        ScriptState<object>? state = null;
        var values = new List<object?>();
        var cells = doc.RootElement.GetProperty("cells").EnumerateArray().ToList();
        var codeCells = 0;
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            if (cell.GetProperty("cell_type").GetString() != "code") continue;
            codeCells++;
            var source = Source(cell);
            var number = i + 1;
            var first = source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0 && !l.StartsWith("#r", StringComparison.Ordinal)) ?? "";
            if (first.Length > 60) first = first[..59] + "…";
            if (CellKernel(cell) is { } language && language != "csharp")
                throw new NotebookCellException(name, number, first, $"the cell is in '{language}', not C#", null);

            string code;
            try
            {
                (code, var references) = Directives(source, folder);
                if (references.Count > 0) options = options.AddReferences(references);
            }
            catch (InvalidDataException e)
            {
                throw new NotebookCellException(name, number, first, e.Message, e);
            }

            try
            {
                using var timeout = new CancellationTokenSource(cellTimeout ?? TimeSpan.FromMinutes(3));
                state = state is null
                    ? await CSharpScript.RunAsync(code, options, globals, typeof(NotebookGlobals), timeout.Token)
                    : await state.ContinueWithAsync(code, options, timeout.Token);
                if (state.Exception is { } e) throw e;
                values.Add(state.ReturnValue);
            }
            catch (CompilationErrorException e)
            {
                throw new NotebookCellException(name, number, first, string.Join("; ", e.Diagnostics.Select(d => d.ToString())), e);
            }
            catch (Exception e) when (e is not NotebookCellException)
            {
                throw new NotebookCellException(name, number, first, $"{e.GetType().Name}: {e.Message}", e);
            }
        }
        return new Run(globals.Displayed, values, codeCells);
    }

    private static string? Kernel(JsonElement root) =>
        root.TryGetProperty("metadata", out var m) && m.TryGetProperty("polyglot_notebook", out var p)
        && p.TryGetProperty("kernelInfo", out var k) && k.TryGetProperty("defaultKernelName", out var d) ? d.GetString() : null;

    private static string? CellKernel(JsonElement cell)
    {
        if (!cell.TryGetProperty("metadata", out var m)) return null;
        if (m.TryGetProperty("polyglot_notebook", out var p) && p.TryGetProperty("kernelName", out var k)) return k.GetString();
        if (m.TryGetProperty("dotnet_interactive", out var d) && d.TryGetProperty("language", out var l)) return l.GetString();
        return null;
    }

    private static string Source(JsonElement cell)
    {
        var source = cell.GetProperty("source");
        return source.ValueKind == JsonValueKind.Array ? string.Concat(source.EnumerateArray().Select(s => s.GetString())) : source.GetString() ?? "";
    }

    /// <summary>Takes the kernel directives out of a cell: <c>#r "file.dll"</c> becomes a reference to the assembly the tests load.</summary>
    private static (string Code, List<MetadataReference> References) Directives(string source, string folder)
    {
        var references = new List<MetadataReference>();
        var lines = source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line == "#!csharp") { lines[i] = ""; continue; }
            if (line.StartsWith("#!", StringComparison.Ordinal)) throw new InvalidDataException($"magic command '{line}' is not supported by the notebook test");
            if (Load().Match(line) is { Success: true } load)
            {
                // #load "file.csx": the script's text in place of the line, its own #r resolved from its folder.
                var script = Path.GetFullPath(Path.Combine(folder, load.Groups["path"].Value));
                if (!File.Exists(script)) throw new InvalidDataException($"'{line}': {script} does not exist");
                var (code, scriptReferences) = Directives(File.ReadAllText(script), Path.GetDirectoryName(script)!);
                references.AddRange(scriptReferences);
                lines[i] = code;
                continue;
            }
            if (!line.StartsWith("#r ", StringComparison.Ordinal) && !line.StartsWith("#i ", StringComparison.Ordinal)) continue;
            var m = Reference().Match(line);
            if (!m.Success || m.Groups["path"].Value.StartsWith("nuget:", StringComparison.Ordinal))
                throw new InvalidDataException($"'{line}': only #r \"path/to/file.dll\" is supported (the test compiles against the built engine)");
            var file = Path.GetFullPath(Path.Combine(folder, m.Groups["path"].Value));
            if (!File.Exists(file))
                throw new InvalidDataException($"'{line}': {file} does not exist (build the solution first: dotnet build)");
            var loaded = Path.Combine(AppContext.BaseDirectory, Path.GetFileName(file));
            if (!File.Exists(loaded)) throw new InvalidDataException($"'{line}': the test project does not reference {Path.GetFileName(file)}");
            references.Add(MetadataReference.CreateFromFile(loaded));
            lines[i] = "";   // keep line numbers: the compiler's positions stay those of the cell
        }
        return (string.Join('\n', lines), references);
    }

    /// <summary>The .NET shared framework, as a kernel references it.</summary>
    private static IEnumerable<MetadataReference> FrameworkReferences()
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetDirectoryName(p) == framework && !Path.GetFileName(p).StartsWith("mscorlib", StringComparison.Ordinal))
            .Select(p => MetadataReference.CreateFromFile(p));
    }

    [GeneratedRegex("""^#r\s+"(?<path>[^"]+)"\s*$""")]
    private static partial Regex Reference();

    [GeneratedRegex("""^#load\s+"(?<path>[^"]+)"\s*$""")]
    private static partial Regex Load();
}
