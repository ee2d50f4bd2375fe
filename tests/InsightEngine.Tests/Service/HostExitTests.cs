using InsightEngine.Service.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace InsightEngine.Tests.Service;

/// <summary>A worker that fails stops the service with a non-zero exit code, never a silent 0 a supervisor takes for success.</summary>
public sealed class HostExitTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task A_failed_worker_makes_the_service_exit_non_zero()
    {
        var app = ServiceApp.Build(
            [$"--Insight:Database={Path.Combine(dir.Path, "x.duckdb")}", "--Insight:Urls=http://127.0.0.1:0", $"--Insight:Inbox={Path.Combine(dir.Path, "inbox")}",
             "--Insight:WeeklyReview:Enabled=false", "--Logging:LogLevel:Default=None"],
            b => b.Services.AddHostedService<FailingWorker>());
        await using (app)
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            Assert.Equal(1, await ServiceApp.RunAsync(app, cancellationToken: limit.Token));
        }
    }

    [Fact]
    public async Task An_orderly_stop_exits_zero()
    {
        var app = ServiceApp.Build(
            [$"--Insight:Database={Path.Combine(dir.Path, "x.duckdb")}", "--Insight:Urls=http://127.0.0.1:0", $"--Insight:Inbox={Path.Combine(dir.Path, "inbox")}",
             "--Insight:WeeklyReview:Enabled=false", "--Logging:LogLevel:Default=None"]);
        await using (app)
        {
            var run = ServiceApp.RunAsync(app, a => a.Lifetime.StopApplication());
            Assert.Equal(0, await run);
        }
    }

    private sealed class FailingWorker : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Yield();
            throw new InvalidOperationException("a worker's own bug");
        }
    }
}
