using Spectre.Console;

namespace InsightEngine.Cli;

/// <summary>Where a command writes: plain text, and a Spectre console for tables (no colour when redirected).</summary>
public sealed class CliContext
{
    /// <summary>Creates the context over the streams (<paramref name="input"/>: standard input when null).</summary>
    public CliContext(TextWriter output, TextWriter error, TextReader? input = null, CancellationToken cancellation = default)
    {
        Cancellation = cancellation;
        Out = output;
        Error = error;
        In = input ?? Console.In;
        InteractiveInput = input is null && !Console.IsInputRedirected;
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

    /// <summary>Standard input (<c>insight shell</c> reads its statements here).</summary>
    public TextReader In { get; }

    /// <summary>A person types the input at a terminal (the shell prompts and carries on after an error).</summary>
    public bool InteractiveInput { get; }

    /// <summary>Standard output.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error: warnings and errors.</summary>
    public TextWriter Error { get; }

    /// <summary>The console tables are rendered to.</summary>
    public IAnsiConsole Terminal { get; }

    /// <summary>Ctrl-C (or the caller) stops the command: every store a command opens is interrupted by it.</summary>
    public CancellationToken Cancellation { get; }
}
