using InsightEngine.Cli;

return await InsightCli.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
