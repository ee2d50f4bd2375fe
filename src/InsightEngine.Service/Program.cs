using InsightEngine.Service.Hosting;

// The InsightEngine service: `insight-service [--Insight:Database=PATH ...]`, or `insight serve`. Wiring: Hosting/ServiceApp.cs.
var app = ServiceApp.Build(args);
await app.RunAsync().ConfigureAwait(false);
