using System.Text.Json;
using Xunit;
using static TorchSharp.torch;

namespace GanCourse.Tests.Plots;

/// <summary>Charts arranged in panels (the GAN paper's Figure 1, samples at several steps) and drawn with equal axes.</summary>
public class PlotLayoutTests
{
    static JsonElement Json(Figure chart) => JsonDocument.Parse(chart.ToJson()).RootElement;

    static JsonElement Layout(JsonElement json) => json.GetProperty("layout");

    static double[] Numbers(JsonElement array) => array.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    static Figure Densities(string title) =>
        Plot.Densities1D([0, 1, 2], pData: [0.1, 0.5, 0.1], pModel: [0.3, 0.2, 0.1], title: title);

    [Fact]
    public void PanelsKeepEveryTraceOnItsOwnAxesWithItsTitleAbove()
    {
        var json = Json(Plot.Panels("Figure 1", 2, Densities("(a)"), Densities("(b)"), Densities("(c)")));
        Assert.Equal("Figure 1", Layout(json).GetProperty("title").GetProperty("text").GetString());
        var traces = json.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(6, traces.Length);
        Assert.Equal(new[] { "x", "x", "x2", "x2", "x3", "x3" }, traces.Select(t => t.GetProperty("xaxis").GetString()));
        Assert.Equal(new[] { "y", "y", "y2", "y2", "y3", "y3" }, traces.Select(t => t.GetProperty("yaxis").GetString()));
        // A legend entry is shown once, not once per panel.
        Assert.Equal(new[] { true, true, false, false, false, false }, traces.Select(t => t.GetProperty("showlegend").GetBoolean()));
        // The panel titles become annotations above their panels, left to right and top to bottom.
        var titles = Layout(json).GetProperty("annotations").EnumerateArray().Select(a => a.GetProperty("text").GetString()).ToArray();
        Assert.Equal(new[] { "(a)", "(b)", "(c)" }, titles);
        // Two columns: panel 2 sits right of panel 1 without overlap; panel 3 sits below panel 1.
        double[] x1 = Numbers(Layout(json).GetProperty("xaxis").GetProperty("domain"));
        double[] x2 = Numbers(Layout(json).GetProperty("xaxis2").GetProperty("domain"));
        double[] y1 = Numbers(Layout(json).GetProperty("yaxis").GetProperty("domain"));
        double[] y3 = Numbers(Layout(json).GetProperty("yaxis3").GetProperty("domain"));
        Assert.True(x1[1] < x2[0] && x2[1] <= 1 && x1[0] >= 0, $"x domains {string.Join(",", x1)} / {string.Join(",", x2)}");
        Assert.True(y3[1] < y1[0] && y3[0] >= 0 && y1[1] <= 1, $"y domains {string.Join(",", y1)} / {string.Join(",", y3)}");
        Assert.Equal(Numbers(Layout(json).GetProperty("xaxis").GetProperty("domain")), Numbers(Layout(json).GetProperty("xaxis3").GetProperty("domain")));
        // Each panel keeps its axis titles and is anchored to its partner axis.
        Assert.Equal("x", Layout(json).GetProperty("xaxis2").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("y2", Layout(json).GetProperty("xaxis2").GetProperty("anchor").GetString());
        Assert.Equal("x3", Layout(json).GetProperty("yaxis3").GetProperty("anchor").GetString());
    }

    [Fact]
    public void PanelsLeaveTheChartsPassedInUnchanged()
    {
        var chart = Densities("alone");
        string before = chart.ToJson();
        _ = Plot.Panels("two", 2, Densities("first"), chart);
        Assert.Equal(before, chart.ToJson());
    }

    [Fact]
    public void ScatterPanelsKeepEqualAxesPerPanel()
    {
        using var points = tensor(new float[] { 0, 0, 1, 1 }, [2L, 2L]);
        var json = Json(Plot.Panels("scatters", 2, Plot.Scatter2D(points, title: "one"), Plot.Scatter2D(points, title: "two")));
        Assert.Equal("x", Layout(json).GetProperty("yaxis").GetProperty("scaleanchor").GetString());
        Assert.Equal("x2", Layout(json).GetProperty("yaxis2").GetProperty("scaleanchor").GetString());
    }

    [Fact]
    public void BadPanelArgumentsAreExplained()
    {
        Assert.Contains("at least one chart", Assert.Throws<ArgumentException>(() => Plot.Panels("none", 2)).Message);
        Assert.Contains("at least 1", Assert.Throws<ArgumentOutOfRangeException>(() => Plot.Panels("zero", 0, Densities("a"))).Message);
        Assert.Contains("panels[1] is null", Assert.Throws<ArgumentNullException>(() => Plot.Panels("gap", 2, Densities("a"), null!)).Message);
    }

    [Fact]
    public void EqualAspectTiesTheYScaleToTheXScaleAndKeepsTheRest()
    {
        var lines = Plot.Lines("orbit", "x", "y", ("circle", [1.0, 0, -1, 0, 1], [0.0, 1, 0, -1, 0]));
        var json = Json(Plot.EqualAspect(lines));
        var yAxis = Layout(json).GetProperty("yaxis");
        Assert.Equal("x", yAxis.GetProperty("scaleanchor").GetString());
        Assert.Equal(1, yAxis.GetProperty("scaleratio").GetDouble());
        Assert.Equal("y", yAxis.GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("orbit", Layout(json).GetProperty("title").GetProperty("text").GetString());
        Assert.Single(json.GetProperty("data").EnumerateArray());
        Assert.False(Layout(Json(lines)).GetProperty("yaxis").TryGetProperty("scaleanchor", out _)); // the original is unchanged
    }
}
