using InsightEngine.Cli;

// Ctrl-C cancels the command (its running DuckDB statement is interrupted, an import rolls back): exit 130.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = !cancel.IsCancellationRequested;   // the first Ctrl-C stops the work cleanly; a second one ends the process
    cancel.Cancel();
};
return await InsightCli.RunAsync(args, Console.Out, Console.Error, cancel.Token).ConfigureAwait(false);
