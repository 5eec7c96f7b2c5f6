namespace GanCourse;

/// <summary>
/// The course's chart look: white background, light grid, readable fonts, and one colour per role that every
/// chart keeps (real data blue, generated data / G orange, the discriminator green).
/// </summary>
public static class PlotTheme
{
    /// <summary>Real data, p_data, D(x).</summary>
    public const string Real = "#1f77b4";

    /// <summary>Generated data, p_g, the generator and D(G(z)).</summary>
    public const string Generated = "#ff7f0e";

    /// <summary>The discriminator D.</summary>
    public const string Discriminator = "#2ca02c";

    /// <summary>The optimal discriminator D* (drawn dashed).</summary>
    public const string OptimalDiscriminator = "#145a32";

    /// <summary>Reference lines (equilibria, thresholds).</summary>
    public const string Reference = "#7f7f7f";

    /// <summary>Colours for series without a role, in order (category10).</summary>
    public static IReadOnlyList<string> Series { get; } =
    [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ];

    /// <summary>Font family of every chart.</summary>
    public const string FontFamily = "Helvetica Neue, Helvetica, Arial, sans-serif";

    /// <summary>Base font size in px (titles are larger).</summary>
    public const int FontSize = 14;

    /// <summary>The <see cref="Series"/> colour for the series at <paramref name="index"/> (cycling).</summary>
    public static string SeriesColor(int index) => Series[((index % Series.Count) + Series.Count) % Series.Count];
}
