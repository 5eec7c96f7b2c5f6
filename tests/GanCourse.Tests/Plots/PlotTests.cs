using System.Text.Json;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanCourse.Tests.Plots;

public class PlotTests
{
    static JsonElement Json(Figure chart) => JsonDocument.Parse(chart.ToJson()).RootElement;

    static JsonElement[] Traces(JsonElement json) => json.GetProperty("data").EnumerateArray().ToArray();

    static string Title(JsonElement json, string element = "") =>
        (element == "" ? json.GetProperty("layout") : json.GetProperty("layout").GetProperty(element))
        .GetProperty("title").GetProperty("text").GetString()!;

    static void AssertTitled(JsonElement json, string title, string xTitle, string yTitle)
    {
        Assert.Equal(title, Title(json));
        Assert.Equal(xTitle, Title(json, "xaxis"));
        Assert.Equal(yTitle, Title(json, "yaxis"));
        Assert.Equal("white", json.GetProperty("layout").GetProperty("plot_bgcolor").GetString());
    }

    static double[] Series(int n, Func<int, double> f) => Enumerable.Range(0, n).Select(f).ToArray();

    [Fact]
    public void LossesDrawRawAndSmoothedCurvesForBothPlayers()
    {
        var d = Series(100, i => 1.0 / (i + 1));
        var g = Series(100, i => i % 2);
        var json = Json(Plot.Losses(d, g, smoothing: 10));
        AssertTitled(json, "Discriminator and generator losses", "step", "loss");
        var traces = Traces(json);
        Assert.Equal(4, traces.Length);
        Assert.Equal(new[] { false, false, true, true }, traces.Select(t => t.GetProperty("showlegend").GetBoolean()));
        Assert.Equal(PlotTheme.Discriminator, traces[2].GetProperty("line").GetProperty("color").GetString());
        Assert.Equal(PlotTheme.Generated, traces[3].GetProperty("line").GetProperty("color").GetString());
        // The smoothed G loss of a 0/1 alternation over 10 steps is 0.5 once the window is full.
        Assert.Equal(0.5, traces[3].GetProperty("y")[50].GetDouble(), 12);
        // smoothing = 1: only the two raw curves, in the legend.
        Assert.Equal(2, Traces(Json(Plot.Losses(d, g, smoothing: 1))).Length);
    }

    [Fact]
    public void FloatSeriesAsTheTrainerRecordsThemPlotTheSame()
    {
        var d = new List<float> { 0.7f, 0.6f, 0.5f };
        var g = new List<float> { 0.7f, 0.9f, 1.1f };
        Assert.Equal(Plot.Losses(d.Select(v => (double)v).ToArray(), g.Select(v => (double)v).ToArray(), smoothing: 2).ToJson(),
            Plot.Losses(d, g, smoothing: 2).ToJson());
        Assert.Equal(3, Traces(Json(Plot.DiscriminatorOutputs(d, g, smoothing: 1))).Length);
    }

    [Fact]
    public void MovingAverageIsTrailingAndSkipsNonFiniteValues()
    {
        Assert.Equal(new[] { 1.0, 1.5, 2.5, 3.5 }, Plot.MovingAverage([1, 2, 3, 4], 2));
        Assert.Equal(new[] { 1.0, 1.0, 3.0 }, Plot.MovingAverage([1, double.NaN, 3], 2));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Plot.MovingAverage([1.0], 0));
        Assert.Contains("at least 1", e.Message);
    }

    [Fact]
    public void NonFiniteValuesBecomeGapsAndTheJsonStaysValid()
    {
        var json = Plot.Losses(new[] { 1, double.NaN, double.PositiveInfinity }, new double[] { 1, 2, 3 }, smoothing: 1).ToJson();
        Assert.DoesNotContain("NaN", json);
        Assert.DoesNotContain("Infinity", json);
        Assert.Equal(JsonValueKind.Null, Traces(JsonDocument.Parse(json).RootElement)[0].GetProperty("y")[1].ValueKind);
    }

    [Fact]
    public void DiscriminatorOutputsShowTheEquilibriumLine()
    {
        var json = Json(Plot.DiscriminatorOutputs(Series(50, _ => 0.8), Series(50, _ => 0.2), smoothing: 5, steps: Series(50, i => 10 * i)));
        AssertTitled(json, "Discriminator outputs: D(x) and D(G(z))", "step", "mean discriminator output");
        var traces = Traces(json);
        Assert.Equal(5, traces.Length);
        var equilibrium = traces[^1];
        Assert.Equal(new[] { 0.5, 0.5 }, equilibrium.GetProperty("y").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(new[] { 0.0, 490.0 }, equilibrium.GetProperty("x").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal("dash", equilibrium.GetProperty("line").GetProperty("dash").GetString());
    }

    [Fact]
    public void TrainingPlotsRejectMismatchedSeries()
    {
        var e1 = Assert.Throws<ArgumentException>(() => Plot.Losses(new double[] { 1, 2, 3 }, new double[] { 1, 2 }));
        Assert.Contains("dLoss has 3 values but gLoss has 2", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => Plot.DiscriminatorOutputs(new[] { 0.5 }, new[] { 0.5 }, steps: [1, 2]));
        Assert.Contains("steps has 2 values", e2.Message);
        var e3 = Assert.Throws<ArgumentException>(() => Plot.Losses(Array.Empty<double>(), Array.Empty<double>()));
        Assert.Contains("empty", e3.Message);
    }

    [Fact]
    public void ImageGridTilesImagesRowMajorWithReversedYAndNoTicks()
    {
        using var scope = NewDisposeScope();
        // Image k is filled with the value k/10; 5 images in 2 columns: 3 rows of tiles.
        var images = arange(5, dtype: ScalarType.Float32).div(10).reshape(5, 1, 1, 1).expand(5, 1, 28, 28).contiguous();
        var json = Json(Plot.ImageGrid(images, columns: 2, title: "grid"));
        Assert.Equal("grid", Title(json));
        var traces = Traces(json);
        Assert.Single(traces);
        var z = traces[0].GetProperty("z");
        Assert.Equal(3 * 28 + 2 * 2, z.GetArrayLength());    // rows with 2-pixel gaps
        Assert.Equal(2 * 28 + 2, z[0].GetArrayLength());
        Assert.Equal(0.0, z[0][0].GetDouble());               // image 0 top left
        Assert.Equal(0.1, z[0][30].GetDouble());              // image 1 to its right
        Assert.Equal(0.2, z[30][0].GetDouble());              // image 2 starts the second row
        Assert.Equal(JsonValueKind.Null, z[0][28].ValueKind); // gap
        Assert.Equal(JsonValueKind.Null, z[60][30].ValueKind); // the missing sixth tile
        var layout = json.GetProperty("layout");
        Assert.Equal("reversed", layout.GetProperty("yaxis").GetProperty("autorange").GetString());
        Assert.Equal("x", layout.GetProperty("yaxis").GetProperty("scaleanchor").GetString());
        Assert.False(layout.GetProperty("xaxis").GetProperty("showticklabels").GetBoolean());
        Assert.False(layout.GetProperty("yaxis").GetProperty("showticklabels").GetBoolean());
        Assert.Equal(0, traces[0].GetProperty("zmin").GetDouble());
        Assert.Equal(1, traces[0].GetProperty("zmax").GetDouble());
        Assert.False(json.GetProperty("config").GetProperty("displayModeBar").GetBoolean()); // no toolbar over the title
    }

    [Fact]
    public void ImageGridAcceptsFlatAndTanhScaledImages()
    {
        using var scope = NewDisposeScope();
        var json = Json(Plot.ImageGrid(full(3, 784, -0.5f), columns: 8));
        var trace = Traces(json)[0];
        Assert.Equal(-1, trace.GetProperty("zmin").GetDouble()); // negative pixels: a tanh generator's [-1, 1]
        Assert.Equal(28, trace.GetProperty("z").GetArrayLength());
        Assert.Equal(3 * 28 + 2 * 2, trace.GetProperty("z")[0].GetArrayLength()); // fewer images than columns
        var e1 = Assert.Throws<ArgumentException>(() => Plot.ImageGrid(zeros(3, 3, 28, 28)));
        Assert.Contains("[3, 3, 28, 28]", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => Plot.ImageGrid(zeros(3, 700)));
        Assert.Contains("square images", e2.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Plot.ImageGrid(zeros(3, 784), columns: 0));
    }

    [Fact]
    public void ImageGridSliderHasOneTracePerSnapshotAndStepsThatToggleThem()
    {
        using var scope = NewDisposeScope();
        var snapshots = new List<(string, Tensor)>
        {
            ("step 0", zeros(4, 1, 28, 28)), ("step 100", full(4, 1, 28, 28, 0.5f)), ("step 200", ones(4, 784)),
        };
        var json = Json(Plot.ImageGridSlider(snapshots, columns: 2, title: "Samples"));
        var traces = Traces(json);
        Assert.Equal(3, traces.Length);
        Assert.Equal(new[] { false, false, true }, traces.Select(t => t.GetProperty("visible").GetBoolean()));
        Assert.Equal("Samples — step 200", Title(json));
        var slider = json.GetProperty("layout").GetProperty("sliders")[0];
        Assert.Equal(2, slider.GetProperty("active").GetInt32());
        var steps = slider.GetProperty("steps").EnumerateArray().ToArray();
        Assert.Equal(new[] { "step 0", "step 100", "step 200" }, steps.Select(s => s.GetProperty("label").GetString()));
        for (int i = 0; i < 3; i++)
        {
            var visible = steps[i].GetProperty("args")[0].GetProperty("visible").EnumerateArray().Select(v => v.GetBoolean()).ToArray();
            Assert.Equal(Enumerable.Range(0, 3).Select(j => j == i), visible);
        }
        var e = Assert.Throws<ArgumentException>(() => Plot.ImageGridSlider(new List<(string, Tensor)>(), 4));
        Assert.Contains("at least one", e.Message);
    }

    [Fact]
    public void TrainerSnapshotsBecomeSliderStepsLabelledByStepAndEpoch()
    {
        var snapshots = new[]
        {
            new SampleSnapshot(0, 0, [2, 784], new float[2 * 784]),
            new SampleSnapshot(500, 1, [2, 784], Enumerable.Repeat(1f, 2 * 784).ToArray()),
        };
        var json = Json(Plot.ImageGridSlider(snapshots, columns: 2));
        Assert.Equal(2, Traces(json).Length);
        var steps = json.GetProperty("layout").GetProperty("sliders")[0].GetProperty("steps").EnumerateArray();
        Assert.Equal(new[] { "step 0 (epoch 0)", "step 500 (epoch 1)" }, steps.Select(s => s.GetProperty("label").GetString()));
        Assert.Equal(1.0, Traces(json)[1].GetProperty("z")[0][0].GetDouble());
    }

    [Fact]
    public void DensitiesDrawOnlyTheCurvesGiven()
    {
        var xs = Series(11, i => i / 10.0);
        var p = Series(11, _ => 1.0);
        var json = Json(Plot.Densities1D(xs, pData: p, pModel: p, d: null, dStar: Series(11, _ => 0.5)));
        AssertTitled(json, "Densities and discriminator", "x", "density  /  D(x)");
        var traces = Traces(json);
        Assert.Equal(new[] { "p_data", "p_g (model)", "D*(x) = p_data / (p_data + p_g)" }, traces.Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(PlotTheme.Real, traces[0].GetProperty("line").GetProperty("color").GetString());
        Assert.Single(Traces(Json(Plot.Densities1D(xs, d: p))));
        var e1 = Assert.Throws<ArgumentException>(() => Plot.Densities1D(xs, pData: [1.0, 2.0]));
        Assert.Contains("pData has 2 values but xs has 11", e1.Message);
        var e2 = Assert.Throws<ArgumentException>(() => Plot.Densities1D(xs));
        Assert.Contains("Nothing to draw", e2.Message);
    }

    [Fact]
    public void Scatter2DDrawsRealAndGeneratedOnEqualAxes()
    {
        using var scope = NewDisposeScope();
        var real = tensor(new float[,] { { 1, 2 }, { 3, 4 } });
        var json = Json(Plot.Scatter2D(real, zeros(5, 2), "ring"));
        AssertTitled(json, "ring", "x₁", "x₂");
        var traces = Traces(json);
        Assert.Equal(2, traces.Length);
        Assert.Equal(new[] { 1.0, 3.0 }, traces[0].GetProperty("x").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(new[] { 2.0, 4.0 }, traces[0].GetProperty("y").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(5, traces[1].GetProperty("x").GetArrayLength());
        Assert.Equal("x", json.GetProperty("layout").GetProperty("yaxis").GetProperty("scaleanchor").GetString());
        Assert.Single(Traces(Json(Plot.Scatter2D(real))));
        var e = Assert.Throws<ArgumentException>(() => Plot.Scatter2D(zeros(4, 3)));
        Assert.Contains("[n, 2]", e.Message);
    }

    [Fact]
    public void GeneratorCostsAreGoodfellowsFigure16()
    {
        var json = Json(Plot.GeneratorCosts(points: 101));
        AssertTitled(json, "Generator costs J(G) against D(G(z))", "D(G(z))", "J(G) per sample");
        var traces = Traces(json);
        Assert.Equal(3, traces.Length);
        // At D(G(z)) = ½ (the middle point): −0.347, +0.347, −0.5 (COURSE-DESIGN.md §4).
        int middle = Array.FindIndex(traces[0].GetProperty("x").EnumerateArray().ToArray(), v => System.Math.Abs(v.GetDouble() - 0.5) < 1e-9);
        Assert.Equal(-0.34657, traces[0].GetProperty("y")[middle].GetDouble(), 5);
        Assert.Equal(0.34657, traces[1].GetProperty("y")[middle].GetDouble(), 5);
        Assert.Equal(-0.5, traces[2].GetProperty("y")[middle].GetDouble(), 12);
    }

    [Fact]
    public void LinesBarAndCoverageAreTitledAndLabelled()
    {
        var lines = Json(Plot.Lines("t", "epoch", "value", ("a", [0.0, 1], [1.0, 2]), ("b", [0.0, 1], [3.0, 4]), ("c", [0.0], [5.0])));
        AssertTitled(lines, "t", "epoch", "value");
        Assert.Equal(new[] { PlotTheme.Series[0], PlotTheme.Series[1], PlotTheme.Series[2] },
            Traces(lines).Select(t => t.GetProperty("line").GetProperty("color").GetString()));
        var e1 = Assert.Throws<ArgumentException>(() => Plot.Lines("t", "x", "y", ("bad", [0.0, 1], [1.0])));
        Assert.Contains("Series \"bad\" has 2 x values and 1 y values", e1.Message);

        var bar = Json(Plot.Bar("classes", ["a", "b"], [3, 4]));
        AssertTitled(bar, "classes", "class", "count");
        Assert.Single(Traces(bar));
        Assert.Equal("bar", Traces(bar)[0].GetProperty("type").GetString());
        Assert.Throws<ArgumentException>(() => Plot.Bar("x", ["a"], [1, 2]));

        var coverage = new ImageCoverage([10, 0, 90, 0, 0, 0, 0, 0, 0, 0], 0.01, 0.8);
        var chart = Json(Plot.Coverage(coverage, ["zero", "one", "two", "3", "4", "5", "6", "7", "8", "9"]));
        AssertTitled(chart, "Predicted classes: 2/10 covered", "class", "share of samples");
        Assert.Equal(0.9, Traces(chart)[0].GetProperty("y")[2].GetDouble(), 12);
        Assert.Equal(2, chart.GetProperty("layout").GetProperty("shapes").GetArrayLength());
        var e2 = Assert.Throws<ArgumentException>(() => Plot.Coverage(coverage, ["a"]));
        Assert.Contains("1 names but the classifier has 10 classes", e2.Message);
    }
}
