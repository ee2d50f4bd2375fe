using System.Reflection;
using Microsoft.ML;

namespace InsightEngine.Learning;

/// <summary>Cancelling ML.NET training.</summary>
internal static class Training
{
    /// <summary>
    /// Until disposed, <paramref name="cancellation"/> stops <paramref name="ml"/>'s running trainers: ML.NET checks its
    /// environment between iterations and throws <see cref="OperationCanceledException"/>. The public entry point,
    /// <c>MLContext.CancelExecution()</c>, ships in Microsoft.ML.Experimental, which this feed does not serve, so the
    /// context's own internal CancelExecution (what that extension calls) is invoked directly; should a future ML.NET
    /// rename it, training simply runs to the end and the cancellation is seen right after.
    /// </summary>
    public static IDisposable StopOn(MLContext ml, CancellationToken cancellation)
    {
        var cancel = typeof(MLContext).GetMethod("CancelExecution", Flags, Type.EmptyTypes);
        return cancellation.Register(() => cancel?.Invoke(ml, null));
    }

    /// <summary>Whether <paramref name="ml"/> was told to stop (null: this ML.NET offers no way to ask).</summary>
    public static bool? IsCanceled(MLContext ml)
    {
        var environment = typeof(MLContext).GetField("_env", Flags)?.GetValue(ml);
        var cancelable = environment?.GetType().GetInterfaces().FirstOrDefault(i => i.Name == "ICancelable");
        return cancelable?.GetProperty("IsCanceled")?.GetValue(environment) as bool?;
    }

    private const BindingFlags Flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
}
