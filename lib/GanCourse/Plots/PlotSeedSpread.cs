using static GanCourse.PlotlyFigure;

namespace GanCourse;

public static partial class Plot
{
    /// <summary>
    /// One result per category measured over several seeds: a bar at the mean, an error bar of ± one standard deviation
    /// across the seeds (the sample standard deviation, n − 1), and every seed's own value as a dot, so a reader sees
    /// both the average and how much the seeds disagree. <paramref name="perSeed"/>[i] holds category i's values, one
    /// per seed (at least one each).
    /// </summary>
    /// <remarks>Introduced in notebook 06.</remarks>
    public static Figure SeedSpread(
        string title, IReadOnlyList<string> categories, IReadOnlyList<double[]> perSeed, string xTitle, string yTitle)
    {
        Require.NotEmpty(categories, nameof(categories));
        Require.NotNull(perSeed, nameof(perSeed));
        if (perSeed.Count != categories.Count)
            throw new ArgumentException(
                $"perSeed has {perSeed.Count} entries but there are {categories.Count} categories; pass one array of per-seed values per category.",
                nameof(perSeed));
        for (int i = 0; i < perSeed.Count; i++)
            if (perSeed[i] is null || perSeed[i].Length == 0 || perSeed[i].Any(v => !double.IsFinite(v)))
                throw new ArgumentException(
                    $"perSeed[{i}] (\"{categories[i]}\") must hold at least one finite value, one per seed.", nameof(perSeed));
        var stats = perSeed.Select(SeedStatistics.Of).ToArray();
        var bars = Trace("bar", ("name", "mean ± sd over seeds"), ("x", categories.ToArray()), ("y", Compact(stats.Select(s => s.Mean).ToArray())),
            ("marker", Obj(("color", PlotTheme.Generated), ("opacity", 0.55))),
            ("error_y", Obj(("type", "data"), ("array", Compact(stats.Select(s => s.StandardDeviation).ToArray())), ("color", "#444444"), ("thickness", 1.5))));
        var seeds = Trace("scatter", ("name", "one seed"), ("mode", "markers"),
            ("x", perSeed.SelectMany((values, i) => values.Select(_ => categories[i])).ToArray()),
            ("y", Compact(perSeed.SelectMany(values => values).ToArray())),
            ("marker", Obj(("color", "#222222"), ("size", 7), ("symbol", "circle-open"))));
        return Chart(Layout(title, Axis(xTitle, ("type", "category")), Axis(yTitle)), bars, seeds);
    }
}
