using System.Diagnostics;
using System.Globalization;
using InsightEngine.Import;
using InsightEngine.Service.Hosting;
using InsightEngine.Store;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace InsightEngine.Benchmarks;

/// <summary>
/// <c>--service</c>: a load test of the running service on loopback (Kestrel, real HTTP): requests/s and latency
/// percentiles of <c>GET /api/metrics/response?by=severity</c> over the --scale N store, first alone, then while an
/// import of the organisation's Opsgenie alerts (its rows deleted first, so every row is really written) runs through
/// the service's writer, then the first answer after the import (computed again: the data version moved). Also the
/// dashboard, its first render and then kept. Bounded: at most 2,000 requests a phase (200,000 during the import, which it outlasts), 8 at a time.
/// </summary>
public static class ServiceLoadBench
{
    /// <summary>Runs the load test and prints a Markdown table.</summary>
    public static async Task RunAsync(BenchOptions options, int requests = 2000, int concurrency = 8)
    {
        var (db, truth) = MixedWorkload.Prepare(options);
        var copy = Path.Combine(options.DataDir, "service-load.duckdb");
        File.Copy(db, copy, overwrite: true);
        var alerts = Path.Combine(options.DataDir, "mixed", "opsgenie", "alerts.csv");
        long deleted;
        using (var store = InsightStore.Open(copy))
        {
            deleted = store.Scalar<long>("SELECT count(*) FROM alerts WHERE source = 'opsgenie'");
            store.Execute("DELETE FROM alerts WHERE source = 'opsgenie'");
            store.Execute("DELETE FROM import_batches WHERE source = 'opsgenie' AND entity = 'alert'");
        }
        var work = Directory.CreateTempSubdirectory("insight-load-");
        var app = ServiceApp.Build(
        [
            $"--Insight:Database={copy}", "--Insight:Urls=http://127.0.0.1:0", $"--Insight:Inbox={Path.Combine(work.FullName, "inbox")}",
            $"--Insight:Reports={Path.Combine(work.FullName, "reports")}", "--Insight:ApiKey=bench", "--Insight:WeeklyReview:Enabled=false",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromMinutes(2) };
            const string url = "/api/metrics/response?by=severity";
            var cold = await Timed(client, url);                 // computed: nothing kept yet
            var dashboardCold = await Timed(client, "/");
            var dashboardKept = new List<double>();
            for (var i = 0; i < 20; i++) dashboardKept.Add(await Timed(client, "/"));
            for (var i = 0; i < 10; i++) (await client.GetAsync(url)).EnsureSuccessStatusCode();   // warm up

            var alone = await Load(client, url, requests, concurrency, () => false);

            var gate = app.Services.GetRequiredService<StoreGate>();
            var import = Task.Run(() => gate.ImportAsync(alerts, new ImportOptions { TimeZone = truth.Generator.TimeZone }, CancellationToken.None));
            var importClock = Stopwatch.StartNew();
            var during = await Load(client, url, 100 * requests, concurrency, () => import.IsCompleted);
            var result = (await import).Single().Result ?? throw new InvalidOperationException("the benchmark import failed");
            importClock.Stop();
            var afterImport = await Timed(client, url);           // the data version moved: computed again

            Console.WriteLine();
            Console.WriteLine(Inv($"GET {url} on {address}, {concurrency} concurrent clients, at most {requests} requests a phase"));
            Console.WriteLine();
            Console.WriteLine("| phase | requests | requests/s | p50 ms | p90 ms | p99 ms | max ms | errors |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            Console.WriteLine(alone.Row("no import"));
            Console.WriteLine(during.Row($"during an import of {result.Inserted:N0} alerts"));
            Console.WriteLine();
            Console.WriteLine("| single request | ms |");
            Console.WriteLine("|---|---:|");
            Console.WriteLine(Inv($"| {url}, first (computed) | {cold:0} |"));
            Console.WriteLine(Inv($"| {url}, first after the import (the service warmed it: CacheWarmer) | {afterImport:0} |"));
            Console.WriteLine(Inv($"| dashboard, first (computed) | {dashboardCold:0} |"));
            Console.WriteLine(Inv($"| dashboard, kept (median of 20) | {dashboardKept.Order().ElementAt(10):0} |"));
            Console.WriteLine();
            Console.WriteLine(Inv($"The import ({deleted:N0} Opsgenie alerts deleted beforehand, {result.Inserted:N0} inserted) took {importClock.Elapsed.TotalSeconds:0.0} s with the load running."));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            work.Delete(recursive: true);
            File.Delete(copy);
        }
    }

    private sealed record Phase(int Requests, double Seconds, List<double> Millis, int Errors)
    {
        private double P(double q) => Millis.Count == 0 ? double.NaN : Millis.Order().ElementAt(Math.Min(Millis.Count - 1, (int)Math.Ceiling(q * Millis.Count) - 1));

        public string Row(string name) =>
            Inv($"| {name} | {Requests} | {Requests / Seconds:0.0} | {P(0.5):0} | {P(0.9):0} | {P(0.99):0} | {Millis.DefaultIfEmpty(0).Max():0} | {Errors} |");
    }

    private static async Task<double> Timed(HttpClient client, string url)
    {
        var sw = Stopwatch.StartNew();
        using var response = await client.GetAsync(url);
        await response.Content.ReadAsByteArrayAsync();
        response.EnsureSuccessStatusCode();
        return sw.Elapsed.TotalMilliseconds;
    }

    /// <summary>Sends up to <paramref name="total"/> requests, <paramref name="concurrency"/> at a time, stopping early once <paramref name="stop"/> says so.</summary>
    private static async Task<Phase> Load(HttpClient client, string url, int total, int concurrency, Func<bool> stop)
    {
        var millis = new List<double>();
        var errors = 0;
        var sent = 0;
        var clock = Stopwatch.StartNew();
        async Task Worker()
        {
            while (!stop() && Interlocked.Increment(ref sent) <= total)
            {
                var sw = Stopwatch.StartNew();
                using var response = await client.GetAsync(url);
                await response.Content.ReadAsByteArrayAsync();
                sw.Stop();
                lock (millis)
                {
                    millis.Add(sw.Elapsed.TotalMilliseconds);
                    if (!response.IsSuccessStatusCode) errors++;
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Worker()));
        return new Phase(millis.Count, clock.Elapsed.TotalSeconds, millis, errors);
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
