using System.Text.Json;
using Xunit;

namespace GanCourse.Tests.Plots;

/// <summary>The charts of the theory notebooks: histograms against densities, histogram panels, grouped bars, log-scale lines.</summary>
public class TheoryPlotTests
{
    static JsonElement Json(Figure chart) => JsonDocument.Parse(chart.ToJson()).RootElement;

    static JsonElement[] Traces(JsonElement json) => json.GetProperty("data").EnumerateArray().ToArray();

    static JsonElement Layout(JsonElement json) => json.GetProperty("layout");

    static string AxisTitle(JsonElement json, string axis) =>
        Layout(json).GetProperty(axis).GetProperty("title").GetProperty("text").GetString()!;

    static double[] Numbers(JsonElement array) =>
        array.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToArray();

    [Fact]
    public void HistogramDrawsBarsOfTheDensityEstimateAndTheDensityCurve()
    {
        var h = Histogram.Of([0.1, 0.2, 0.3, 1.5], 0, 2, 4);
        double[] xs = [0, 1, 2], density = [0.5, 0.5, 0.5];
        var json = Json(Plot.Histogram(h, "A histogram", xs, density, densityName: "uniform", samplesName: "4 samples", xTitle: "x value"));
        Assert.Equal("A histogram", Layout(json).GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("x value", AxisTitle(json, "xaxis"));
        Assert.Equal("density", AxisTitle(json, "yaxis"));
        var traces = Traces(json);
        Assert.Equal(2, traces.Length);
        Assert.Equal("bar", traces[0].GetProperty("type").GetString());
        Assert.Equal("4 samples", traces[0].GetProperty("name").GetString());
        Assert.Equal(new[] { 0.25, 0.75, 1.25, 1.75 }, Numbers(traces[0].GetProperty("x")));
        Assert.Equal(new[] { 1.5, 0, 0, 0.5 }, Numbers(traces[0].GetProperty("y")));   // 3 of 4 samples in a bin of width 0.5
        Assert.Equal(0.5, traces[0].GetProperty("width").GetDouble());
        Assert.Equal(PlotTheme.Generated, traces[0].GetProperty("marker").GetProperty("color").GetString());
        Assert.Equal("uniform", traces[1].GetProperty("name").GetString());
        Assert.Equal(PlotTheme.Real, traces[1].GetProperty("line").GetProperty("color").GetString());
        Assert.Equal(0, Layout(json).GetProperty("bargap").GetDouble());
        // Without a density: the bars only.
        Assert.Single(Traces(Json(Plot.Histogram(h, "bars only"))));
    }

    [Fact]
    public void HistogramRejectsAHalfGivenOrMismatchedDensity()
    {
        var h = Histogram.Of([0.5], 0, 1, 2);
        Assert.Contains("Pass both xs and density",
            Assert.Throws<ArgumentException>(() => Plot.Histogram(h, "t", xs: [0.0, 1.0])).Message);
        Assert.Contains("xs has 2 values and density 3",
            Assert.Throws<ArgumentException>(() => Plot.Histogram(h, "t", [0.0, 1.0], [1.0, 1.0, 1.0])).Message);
    }

    [Fact]
    public void HistogramPanelsPutEachHistogramOnItsOwnAxesWithSharedRanges()
    {
        var panels = new[]
        {
            ("step 0", Histogram.Of([0.1, 0.1, 0.1, 0.1], 0, 4, 8)),       // one tall bar: density 2
            ("step 10", Histogram.Of([1.0, 2.0, 3.0, 3.9], 0, 4, 8)),
            ("step 20", Histogram.Of([2.0, 2.1, 2.2, 2.3], -1, 4, 10)),
        };
        double[] xs = [-2, 0, 5], density = [0.1, 0.3, 0.1];
        var json = Json(Plot.HistogramPanels(panels, xs, density, "Panels", columns: 2, densityName: "p_data", samplesName: "p_g"));
        var traces = Traces(json);
        Assert.Equal(6, traces.Length);   // bars + density per panel
        Assert.Equal(new[] { "x", "x", "x2", "x2", "x3", "x3" }, traces.Select(t => t.GetProperty("xaxis").GetString()));
        Assert.Equal(new[] { "y", "y", "y2", "y2", "y3", "y3" }, traces.Select(t => t.GetProperty("yaxis").GetString()));
        // Only the first panel's traces are in the legend.
        Assert.Equal(new[] { true, true, false, false, false, false }, traces.Select(t => t.GetProperty("showlegend").GetBoolean()));

        var layout = Layout(json);
        // 2 columns, 2 rows: panel 3 sits in the second row, first column.
        Assert.Equal(Numbers(layout.GetProperty("xaxis").GetProperty("domain")), Numbers(layout.GetProperty("xaxis3").GetProperty("domain")));
        Assert.True(Numbers(layout.GetProperty("yaxis3").GetProperty("domain"))[1] < Numbers(layout.GetProperty("yaxis").GetProperty("domain"))[0]);
        Assert.True(Numbers(layout.GetProperty("xaxis2").GetProperty("domain"))[0] > Numbers(layout.GetProperty("xaxis").GetProperty("domain"))[1]);
        // Shared ranges: x covers every histogram and the density grid; y reaches the tallest bar (2) on every panel.
        foreach (string axis in new[] { "xaxis", "xaxis2", "xaxis3" })
            Assert.Equal(new[] { -2.0, 5.0 }, Numbers(layout.GetProperty(axis).GetProperty("range")));
        foreach (string axis in new[] { "yaxis", "yaxis2", "yaxis3" })
            Assert.Equal(2 * 1.05, Numbers(layout.GetProperty(axis).GetProperty("range"))[1], 12);
        // Panel labels as annotations, axis titles on the outer panels only.
        Assert.Equal(new[] { "step 0", "step 10", "step 20" },
            layout.GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("text").GetString()));
        Assert.Equal("x", AxisTitle(json, "xaxis3"));
        Assert.Equal("", AxisTitle(json, "xaxis2"));
        Assert.Equal("density", AxisTitle(json, "yaxis3"));
        Assert.Equal("", AxisTitle(json, "yaxis2"));
    }

    [Fact]
    public void HistogramPanelsRejectBadInput()
    {
        Assert.Contains("panels is empty",
            Assert.Throws<ArgumentException>(() => Plot.HistogramPanels([], null, null, "t")).Message);
        var one = new[] { ("a", Histogram.Of([0.5], 0, 1, 2)) };
        Assert.Contains("columns must be at least 1",
            Assert.Throws<ArgumentOutOfRangeException>(() => Plot.HistogramPanels(one, null, null, "t", columns: 0)).Message);
        Assert.Contains("panels[0] has no histogram",
            Assert.Throws<ArgumentException>(() => Plot.HistogramPanels([("a", null!)], null, null, "t")).Message);
    }

    [Fact]
    public void GroupedBarsDrawOneTracePerSeriesSideBySide()
    {
        var json = Json(Plot.Bars("Two distributions", ["a", "b", "c"], [("P", [0.5, 0.3, 0.2]), ("Q", [0.2, 0.2, 0.6])],
            xTitle: "outcome i"));
        var traces = Traces(json);
        Assert.Equal(2, traces.Length);
        Assert.Equal("group", Layout(json).GetProperty("barmode").GetString());
        Assert.Equal("outcome i", AxisTitle(json, "xaxis"));
        Assert.Equal("probability", AxisTitle(json, "yaxis"));
        Assert.Equal(new[] { "P", "Q" }, traces.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(new[] { 0.2, 0.2, 0.6 }, Numbers(traces[1].GetProperty("y")));
        Assert.Equal(PlotTheme.SeriesColor(1), traces[1].GetProperty("marker").GetProperty("color").GetString());
        Assert.Contains("Series \"Q\" has 2 values but there are 3 categories",
            Assert.Throws<ArgumentException>(() => Plot.Bars("t", ["a", "b", "c"], [("P", [1.0, 0, 0]), ("Q", [0.5, 0.5])])).Message);
        Assert.Contains("series is empty", Assert.Throws<ArgumentException>(() => Plot.Bars("t", ["a"], [])).Message);
    }

    [Fact]
    public void LogLinesUseALogAxisAndLeaveOutValuesWithoutALogarithm()
    {
        var json = Json(Plot.LogLines("KL and JS", "shift", "nats", ("KL", [1, 2, 3, 4], [0.5, 2, double.PositiveInfinity, 8]),
            ("JS", [1, 2, 3, 4], [0.1, 0, -1, 0.69])));
        Assert.Equal("log", Layout(json).GetProperty("yaxis").GetProperty("type").GetString());
        Assert.Equal("nats", AxisTitle(json, "yaxis"));
        var traces = Traces(json);
        Assert.Equal(new[] { 0.5, 2, double.NaN, 8 }, Numbers(traces[0].GetProperty("y")));
        Assert.Equal(new[] { 0.1, double.NaN, double.NaN, 0.69 }, Numbers(traces[1].GetProperty("y")));
        Assert.Contains("Series \"bad\" has 2 x values and 1 y values",
            Assert.Throws<ArgumentException>(() => Plot.LogLines("t", "x", "y", ("bad", [1.0, 2.0], [1.0]))).Message);
    }

    [Fact]
    public void SeedSpreadDrawsTheMeanWithItsStandardDeviationAndEverySeed()
    {
        var json = Json(Plot.SeedSpread("Tricks", ["plain", "smoothing"], [[1.0, 2.0, 6.0], [4.0, 4.0]], "variant", "modes covered"));
        Assert.Equal("Tricks", Layout(json).GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("variant", AxisTitle(json, "xaxis"));
        Assert.Equal("modes covered", AxisTitle(json, "yaxis"));
        var traces = Traces(json);
        Assert.Equal(new[] { "bar", "scatter" }, traces.Select(t => t.GetProperty("type").GetString()));
        Assert.Equal(new[] { 3.0, 4.0 }, Numbers(traces[0].GetProperty("y")));
        Assert.Equal(new[] { 2.6458, 0 }, Numbers(traces[0].GetProperty("error_y").GetProperty("array")));
        Assert.Equal(new[] { "plain", "plain", "plain", "smoothing", "smoothing" },
            traces[1].GetProperty("x").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(new[] { 1.0, 2, 6, 4, 4 }, Numbers(traces[1].GetProperty("y")));
        Assert.Contains("perSeed has 1 entries but there are 2 categories",
            Assert.Throws<ArgumentException>(() => Plot.SeedSpread("t", ["a", "b"], [[1.0]], "x", "y")).Message);
        Assert.Contains("perSeed[1] (\"b\") must hold at least one finite value",
            Assert.Throws<ArgumentException>(() => Plot.SeedSpread("t", ["a", "b"], [[1.0], [double.NaN]], "x", "y")).Message);
    }
}
