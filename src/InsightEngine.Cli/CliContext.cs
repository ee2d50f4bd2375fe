using Spectre.Console;

namespace InsightEngine.Cli;

/// <summary>Where a command writes: plain text, and a Spectre console for tables (no colour when redirected).</summary>
public sealed class CliContext
{
    /// <summary>Creates the context over the two streams.</summary>
    public CliContext(TextWriter output, TextWriter error)
    {
        Out = output;
        Error = error;
        var terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        Terminal = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!terminal) Terminal.Profile.Width = 200;
        Interactive = terminal && !Console.IsErrorRedirected;
    }

    /// <summary>Writing to a terminal: progress bars are shown. Redirected output stays plain and quiet.</summary>
    public bool Interactive { get; }

    /// <summary>Standard output.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error: warnings and errors.</summary>
    public TextWriter Error { get; }

    /// <summary>The console tables are rendered to.</summary>
    public IAnsiConsole Terminal { get; }
}
