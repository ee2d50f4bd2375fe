using InsightEngine.Service.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace InsightEngine.Tests.Service;

/// <summary>The real service on Kestrel, loopback, a free port, its own folders; optionally a fake clock.</summary>
public sealed class ServiceHost : IAsyncDisposable
{
    private ServiceHost(WebApplication app, HttpClient client, string root)
    {
        App = app;
        Client = client;
        Root = root;
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public string Root { get; }

    public string Inbox => Path.Combine(Root, "inbox");

    public string Reports => Path.Combine(Root, "reports");

    public static Task<ServiceHost> StartAsync(string root, string db, TimeProvider? clock = null, params string[] settings) =>
        StartAsync(root, db, clock, null, settings);

    public static async Task<ServiceHost> StartAsync(string root, string db, TimeProvider? clock, Action<WebApplicationBuilder>? configure, params string[] settings)
    {
        string[] args =
        [
            $"--Insight:Database={db}", "--Insight:Urls=http://127.0.0.1:0", $"--Insight:Inbox={Path.Combine(root, "inbox")}",
            $"--Insight:Reports={Path.Combine(root, "reports")}", "--Insight:ApiKey=test-key", "--Insight:InboxPollSeconds=1",
            "--Insight:InboxSettleSeconds=0", "--Logging:LogLevel:Default=Warning", "--Insight:WarmCache=false", .. settings,
        ];
        var app = ServiceApp.Build(args, b =>
        {
            if (clock is not null) b.Services.AddSingleton(clock);
            configure?.Invoke(b);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ServiceHost(app, new HttpClient { BaseAddress = new Uri(address) }, root);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
