using System.Text.Json;
using Xunit;

namespace GanCourse.Tests.Plots;

public class SeedBandsTests
{
    static JsonElement[] Traces(Figure figure) =>
        JsonDocument.Parse(figure.ToJson()).RootElement.GetProperty("data").EnumerateArray().ToArray();

    static double?[] Y(JsonElement trace) =>
        trace.GetProperty("y").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble()).ToArray();

    [Fact]
    public void EachSeriesIsAMeanLineOverAShadedBandFromTheLowestToTheHighestSeed()
    {
        double[] x = [1, 2, 3];
        double[][] runs = [[1, 2, 3], [3, 4, double.NaN]];
        var figure = Plot.SeedBands("A title", "round", "value", false, ("a", x, runs), ("b", x, [[5, 5, 5]]));
        var json = JsonDocument.Parse(figure.ToJson()).RootElement.GetProperty("layout");
        Assert.Equal("A title", json.GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("round", json.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("value", json.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
        var traces = Traces(figure);
        Assert.Equal(6, traces.Length);
        Assert.Equal(new double?[] { 3, 4, 3 }, Y(traces[0]));          // highest seed (the NaN seed drops out)
        Assert.Equal(new double?[] { 1, 2, 3 }, Y(traces[1]));          // lowest seed, filled up to the highest
        Assert.Equal("tonexty", traces[1].GetProperty("fill").GetString());
        Assert.Equal("rgba(31,119,180,0.2)", traces[1].GetProperty("fillcolor").GetString());
        Assert.Equal(new double?[] { 2, 3, null }, Y(traces[2]));       // the mean has a gap where a seed has no value
        Assert.True(traces[2].GetProperty("showlegend").GetBoolean());
        Assert.False(traces[0].GetProperty("showlegend").GetBoolean());
        Assert.Equal(PlotTheme.SeriesColor(1), traces[5].GetProperty("line").GetProperty("color").GetString());
    }

    [Fact]
    public void ALogAxisDropsValuesWithoutALogarithm()
    {
        var figure = Plot.SeedBands("t", "x", "y", true, ("a", [1.0, 2], [[0, 10], [1, 100]]));
        var yAxis = JsonDocument.Parse(figure.ToJson()).RootElement.GetProperty("layout").GetProperty("yaxis");
        Assert.Equal("log", yAxis.GetProperty("type").GetString());
        Assert.Equal(new double?[] { null, 55 }, Y(Traces(figure)[2]));
        Assert.Equal(new double?[] { 1, 10 }, Y(Traces(figure)[1]));
    }

    [Fact]
    public void RunsOfTheWrongLengthSayWhichSeries()
    {
        var error = Assert.Throws<ArgumentException>(() => Plot.SeedBands("t", "x", "y", false, ("mine", [1.0, 2], [[1, 2], [1]])));
        Assert.Contains("Series \"mine\": run 1 has 1 values but there are 2 x values", error.Message);
    }
}
