namespace InsightEngine.Learning;

/// <summary>The plain statistics the models and their evaluations share.</summary>
public static class Stats
{
    /// <summary>Median (NaN for none).</summary>
    public static double Median(IReadOnlyList<double> values) => Quantile(values, 0.5);

    /// <summary>Linear-interpolated quantile (NaN for none): the generator's, which matches DuckDB's quantile_cont.</summary>
    public static double Quantile(IReadOnlyList<double> values, double q) => Generation.Distributions.Quantile(values, q);

    /// <summary>Median absolute deviation, scaled (×1.4826) to estimate a normal standard deviation.</summary>
    public static double Mad(IReadOnlyList<double> values)
    {
        if (values.Count == 0) return double.NaN;
        var m = Median(values);
        return 1.4826 * Median(values.Select(v => Math.Abs(v - m)).ToList());
    }

    /// <summary>Theil–Sen line through (x, y): the median of pairwise slopes, then the median intercept. Robust to outliers.</summary>
    public static (double Intercept, double Slope) TheilSen(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        if (x.Count < 2) return (x.Count == 1 ? y[0] : 0, 0);
        var slopes = new List<double>(x.Count * (x.Count - 1) / 2);
        for (var i = 0; i < x.Count; i++)
            for (var j = i + 1; j < x.Count; j++)
                if (x[j] != x[i]) slopes.Add((y[j] - y[i]) / (x[j] - x[i]));
        var slope = slopes.Count == 0 ? 0 : Median(slopes);
        var intercept = Median(x.Select((xi, i) => y[i] - slope * xi).ToList());
        return (intercept, slope);
    }

    /// <summary>
    /// <see cref="TheilSen"/> through the points (j, y[j]) leaving each one out in turn: element k is the line through
    /// every point but k — exactly what <c>TheilSen</c> gives for them, in O(n³) instead of O(n³ log n) with far fewer
    /// allocations (the pairwise slopes are computed and sorted once; each leave-one-out median skips the pairs of k).
    /// </summary>
    public static (double Intercept, double Slope)[] TheilSenLeavingEachOut(IReadOnlyList<double> y)
    {
        var n = y.Count;
        var result = new (double, double)[n];
        if (n < 3)
        {
            for (var k = 0; k < n; k++)
            {
                var xs = Enumerable.Range(0, n).Where(j => j != k).Select(j => (double)j).ToList();
                result[k] = TheilSen(xs, xs.Select(j => y[(int)j]).ToList());
            }
            return result;
        }
        var pairs = new (double Slope, int I, int J)[n * (n - 1) / 2];
        var p = 0;
        for (var i = 0; i < n; i++)
            for (var j = i + 1; j < n; j++)
                pairs[p++] = ((y[j] - y[i]) / (j - i), i, j);
        Array.Sort(pairs, (a, b) => a.Slope.CompareTo(b.Slope));
        var count = (n - 1) * (n - 2) / 2;   // pairs left when one point is out
        var position = 0.5 * (count - 1);
        var lo = (int)Math.Floor(position);
        var residuals = new double[n - 1];
        for (var k = 0; k < n; k++)
        {
            double low = 0, high = 0;
            var seen = 0;
            foreach (var (slope, i, j) in pairs)
            {
                if (i == k || j == k) continue;
                if (seen == lo) low = slope;
                if (seen == lo + 1) { high = slope; break; }
                seen++;
            }
            if (lo + 1 >= count) high = low;
            var median = low + (high - low) * (position - lo);
            var r = 0;
            for (var j = 0; j < n; j++)
                if (j != k) residuals[r++] = y[j] - median * j;
            result[k] = (Median(residuals), median);
        }
        return result;
    }

    /// <summary>
    /// Area under the ROC curve of <paramref name="scores"/> for <paramref name="labels"/> (Mann–Whitney, ties count
    /// half): the chance a random positive scores above a random negative. NaN when one class is missing.
    /// </summary>
    public static double Auc(IReadOnlyList<double> scores, IReadOnlyList<bool> labels)
    {
        var ranked = scores.Select((s, i) => (Score: s, Label: labels[i])).OrderBy(p => p.Score).ToList();
        double positives = ranked.Count(p => p.Label), negatives = ranked.Count - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        double rankSum = 0;
        for (var i = 0; i < ranked.Count;)
        {
            var j = i;
            while (j < ranked.Count && ranked[j].Score == ranked[i].Score) j++;
            var averageRank = (i + 1 + j) / 2.0; // ranks i+1..j
            rankSum += averageRank * ranked.Skip(i).Take(j - i).Count(p => p.Label);
            i = j;
        }
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }

    /// <summary>Two AUCs on the same cases compared by DeLong's test: each with its standard error, and the paired difference's p.</summary>
    public sealed record PairedAuc(double AucA, double SeA, double AucB, double SeB, double Z, double P)
    {
        /// <summary>A 95 % confidence interval (normal approximation, clamped to 0–1).</summary>
        public static (double Low, double High) Interval(double auc, double se) => (Math.Max(0, auc - 1.96 * se), Math.Min(1, auc + 1.96 * se));
    }

    /// <summary>
    /// DeLong, DeLong &amp; Clarke-Pearson (1988): the AUCs of two scorings of the same cases, their standard errors and
    /// the two-sided p of their difference, from each positive's and each negative's share of pairs won (ties half).
    /// Null when a class has fewer than two cases.
    /// </summary>
    public static PairedAuc? DeLong(IReadOnlyList<double> a, IReadOnlyList<double> b, IReadOnlyList<bool> labels)
    {
        var pos = Enumerable.Range(0, labels.Count).Where(i => labels[i]).ToArray();
        var neg = Enumerable.Range(0, labels.Count).Where(i => !labels[i]).ToArray();
        int m = pos.Length, n = neg.Length;
        if (m < 2 || n < 2) return null;
        var v10 = new double[2][];
        var v01 = new double[2][];
        var scores = new[] { a, b };
        for (var k = 0; k < 2; k++)
        {
            v10[k] = new double[m];
            v01[k] = new double[n];
            for (var i = 0; i < m; i++)
                for (var j = 0; j < n; j++)
                {
                    var x = scores[k][pos[i]];
                    var y = scores[k][neg[j]];
                    var psi = x > y ? 1.0 : x == y ? 0.5 : 0.0;
                    v10[k][i] += psi;
                    v01[k][j] += psi;
                }
            for (var i = 0; i < m; i++) v10[k][i] /= n;
            for (var j = 0; j < n; j++) v01[k][j] /= m;
        }
        double Cov(double[] x, double[] y)
        {
            double mx = x.Average(), my = y.Average(), sum = 0;
            for (var i = 0; i < x.Length; i++) sum += (x[i] - mx) * (y[i] - my);
            return sum / (x.Length - 1);
        }
        double aucA = v10[0].Average(), aucB = v10[1].Average();
        var varA = Cov(v10[0], v10[0]) / m + Cov(v01[0], v01[0]) / n;
        var varB = Cov(v10[1], v10[1]) / m + Cov(v01[1], v01[1]) / n;
        var cov = Cov(v10[0], v10[1]) / m + Cov(v01[0], v01[1]) / n;
        var varDiff = varA + varB - 2 * cov;
        var z = varDiff <= 1e-12 ? 0 : (aucA - aucB) / Math.Sqrt(varDiff);
        return new PairedAuc(aucA, Math.Sqrt(Math.Max(varA, 0)), aucB, Math.Sqrt(Math.Max(varB, 0)), z, 2 * (1 - NormalCdf(Math.Abs(z))));
    }

    /// <summary>The standard normal distribution function (Abramowitz &amp; Stegun 7.1.26 for erf; error below 1.5e-7).</summary>
    public static double NormalCdf(double z)
    {
        var x = Math.Abs(z) / Math.Sqrt(2);
        var t = 1 / (1 + 0.3275911 * x);
        var erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}
