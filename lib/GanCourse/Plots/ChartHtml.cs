using Microsoft.FSharp.Core;
using Plotly.NET;

namespace GanCourse;

/// <summary>
/// Standalone HTML for a chart with plotly.js inlined (≈3.6 MB, taken from the Plotly.NET assembly), so the file
/// opens without internet; Plotly.NET's default HTML loads plotly.js from a CDN and stays blank offline.
/// </summary>
public static class ChartHtml
{
    /// <summary>The chart as a complete HTML document with plotly.js embedded.</summary>
    public static string Offline(GenericChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var options = DisplayOptions.init(
            DocumentTitle: Some(TitleOf(chart) ?? "chart"),
            DocumentCharset: Some("utf-8"),
            DocumentDescription: null,
            DocumentFavicon: null,
            AdditionalHeadTags: null,
            ChartDescription: null,
            PlotlyJSReference: Some(PlotlyJSReference.Full));
        return GenericChart.toEmbeddedHTML(Chart.withDisplayOptions(options).Invoke(chart));
    }

    /// <summary>Writes <see cref="Offline"/> to <paramref name="path"/> (creating its folder) and returns the full path.</summary>
    public static string SaveOffline(GenericChart chart, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, Offline(chart));
        return full;
    }

    static FSharpOption<T> Some<T>(T value) => FSharpOption<T>.Some(value);

    static string? TitleOf(GenericChart chart) =>
        GenericChart.getLayout(chart).TryGetPropertyValue("title") is { } title
        && title.Value is IDictionary<string, object> properties && properties.TryGetValue("text", out var text)
            ? text as string
            : null;
}
