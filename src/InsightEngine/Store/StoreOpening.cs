namespace InsightEngine.Store;

/// <summary>Opening a store that another process may hold: retried until it is free or the wait is over.</summary>
public static class StoreOpening
{
    /// <summary>
    /// Runs <paramref name="open"/>; while it throws <see cref="StoreBusyException"/>, tries again (every 0.1 s at first,
    /// backing off to every 2 s) until <paramref name="wait"/> has passed, then lets the last refusal through.
    /// </summary>
    public static T Retry<T>(Func<T> open, TimeSpan wait, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(open);
        var backoff = new Backoff(clock ?? TimeProvider.System, wait);
        while (true)
        {
            try
            {
                return open();
            }
            catch (StoreBusyException) when (backoff.Next() is { } pause)
            {
                cancellationToken.WaitHandle.WaitOne(pause);
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
    }

    /// <summary>As <see cref="Retry{T}"/>, without blocking a thread while it waits.</summary>
    public static async Task<T> RetryAsync<T>(Func<T> open, TimeSpan wait, TimeProvider? clock = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(open);
        clock ??= TimeProvider.System;
        var backoff = new Backoff(clock, wait);
        while (true)
        {
            TimeSpan pause;
            try
            {
                return open();
            }
            catch (StoreBusyException) when (backoff.Next() is { } next)
            {
                pause = next;
            }
            await Task.Delay(pause, clock, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The pauses between tries: doubling from 0.1 s to 2 s, never past the wait; null once it is over.</summary>
    private sealed class Backoff(TimeProvider clock, TimeSpan wait)
    {
        private readonly long start = clock.GetTimestamp();
        private TimeSpan pause = TimeSpan.FromMilliseconds(100);

        public TimeSpan? Next()
        {
            var left = wait - clock.GetElapsedTime(start);
            if (left <= TimeSpan.Zero) return null;
            var next = pause < left ? pause : left;
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(2).Ticks));
            return next;
        }
    }
}
