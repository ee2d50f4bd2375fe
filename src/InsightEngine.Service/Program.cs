using InsightEngine.Service.Hosting;

// The InsightEngine service: `insight-service [--Insight:Database=PATH ...]`, or `insight serve`. Wiring: Hosting/ServiceApp.cs.
// The exit code is not 0 when a worker failed (ServiceApp.RunAsync): a supervisor restarts it.
var app = ServiceApp.Build(args);
await using (app.ConfigureAwait(false))
{
    return await ServiceApp.RunAsync(app).ConfigureAwait(false);
}
