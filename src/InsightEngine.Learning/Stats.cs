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
}
