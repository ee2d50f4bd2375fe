namespace InsightEngine.Generation;

/// <summary>The little statistics the generator needs: the normal quantile and stratified log-normal samples.</summary>
public static class Distributions
{
    /// <summary>z-score of the 90th percentile of the standard normal.</summary>
    public const double Z90 = 1.2815515655446004;

    /// <summary>
    /// <paramref name="n"/> log-normal values with the given median and log-sd, drawn by stratified sampling (one value
    /// per 1/n quantile band, shuffled), so the sample's median and p90 sit on the planted ones even for small n.
    /// </summary>
    public static double[] StratifiedLogNormal(Random random, int n, double median, double sigma)
    {
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            var u = (i + 0.5) / n;
            values[i] = median * Math.Exp(sigma * InverseNormal(u));
        }
        random.Shuffle(values);
        return values;
    }

    /// <summary>Inverse of the standard normal CDF (Acklam's rational approximation, relative error below 1.2e-9).</summary>
    public static double InverseNormal(double p)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(p, 1);
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double low = 0.02425;
        if (p < low)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - low)
        {
            var q = Math.Sqrt(-2 * Math.Log(1 - p));
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        var r = p - 0.5;
        var s = r * r;
        return (((((a[0] * s + a[1]) * s + a[2]) * s + a[3]) * s + a[4]) * s + a[5]) * r / (((((b[0] * s + b[1]) * s + b[2]) * s + b[3]) * s + b[4]) * s + 1);
    }

    /// <summary>The q-quantile by linear interpolation between closest ranks (numpy's default, DuckDB's quantile_cont).</summary>
    public static double Quantile(IReadOnlyList<double> values, double q)
    {
        if (values.Count == 0) return double.NaN;
        // Array.Sort on a double[] (the primitive introsort), not LINQ's Order: the weekly scan takes millions of medians.
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var pos = q * (sorted.Length - 1);
        var lo = (int)Math.Floor(pos);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    /// <summary>
    /// A Poisson draw by Knuth's method, fine for the small weekly rates the generator mostly uses; above
    /// <paramref name="normalAbove"/> a rounded normal instead (Knuth's e^-λ underflows past ~700).
    /// </summary>
    public static int Poisson(Random random, double lambda, double normalAbove = 700)
    {
        if (lambda > normalAbove) return Math.Max(0, (int)Math.Round(lambda + Math.Sqrt(lambda) * InverseNormal(Math.Clamp(random.NextDouble(), 1e-9, 1 - 1e-9))));
        var l = Math.Exp(-lambda);
        var k = 0;
        var p = 1.0;
        do { k++; p *= random.NextDouble(); } while (p > l);
        return k - 1;
    }

    /// <summary>A random time in [start, start + span) biased toward business hours in the organisation's zone.</summary>
    public static DateTimeOffset WorkBiasedTime(Random random, DateTimeOffset weekStart, TimeZoneInfo zone, double businessShare)
    {
        for (var attempt = 0; ; attempt++)
        {
            var t = weekStart.AddSeconds(random.NextDouble() * 7 * 86400);
            var local = TimeZoneInfo.ConvertTime(t, zone);
            var business = local.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && local.Hour is >= 9 and < 18;
            // Accept a business-hours time always, others with the probability that yields the wanted share.
            if (business || random.NextDouble() < (1 - businessShare) / businessShare * (45.0 / 123.0) || attempt > 20) return t;
        }
    }
}
