using System.Text.Json;
using Microsoft.DotNet.Interactive.Formatting;
using Xunit;

namespace GanCourse.Tests.Plots;

/// <summary>
/// The course's figure type: plotly.js JSON, offline HTML, and display in the .NET Interactive kernel through the
/// kernel's own Formatter (the package the kernel uses), which finds the figure's formatters by convention.
/// </summary>
public class FigureTests
{
    static Figure Sample() => Plot.Lines("A title", "x", "y", ("a", [0.0, 1, 2], [1.0, double.NaN, 3]));

    [Fact]
    public void JsonHasPlotlysThreePartsAndNullForNonFiniteValues()
    {
        var json = JsonDocument.Parse(Sample().ToJson()).RootElement;
        Assert.Equal(["config", "data", "layout"], json.EnumerateObject().Select(p => p.Name).Order());
        var y = json.GetProperty("data")[0].GetProperty("y");
        Assert.Equal(JsonValueKind.Null, y[1].ValueKind);
        Assert.Equal(3, y[2].GetDouble());
        Assert.Equal("scatter", json.GetProperty("data")[0].GetProperty("type").GetString());
        Assert.False(json.GetProperty("config").GetProperty("displaylogo").GetBoolean());
        Assert.Equal("A title", Sample().Title);
        Assert.Equal("Figure \"A title\" (1 trace)", Sample().ToString());
    }

    [Fact]
    public void TheKernelsFormatterDisplaysAFigureAsPlotlyJsonAndHtml()
    {
        var figure = Sample();
        Assert.Equal([Figure.MimeType, "text/html"], Formatter.GetPreferredMimeTypesFor(typeof(Figure)));
        string plotly = figure.ToDisplayString(Figure.MimeType);
        Assert.Equal(figure.ToJson(), plotly);
        string html = figure.ToDisplayString("text/html");
        Assert.Contains("Plotly.newPlot(", html);
        Assert.Contains(figure.ToJson(), html);
    }

    [Fact]
    public void HtmlCarriesPlotlyJsOnceAProcessAndLoadsNothingFromElsewhere()
    {
        Figure.ForgetEmbeddedPlotly();
        string first = Sample().ToHtml(), second = Sample().ToHtml();
        Assert.Contains("plotly.js v3.7.0", first);
        string all = first + second;
        Assert.DoesNotMatch(@"<script[^>]*\ssrc\s*=", all);
        Assert.Equal(1, CountOf(all, "plotly.js v3.7.0"));
        Assert.True(second.Length < 10_000, $"a later chart's HTML is {second.Length} characters: plotly.js was repeated");
    }

    [Fact]
    public void StandaloneHtmlInlinesThePinnedPlotlyJs()
    {
        string path = Path.Combine(Path.GetTempPath(), $"gancourse-chart-{Guid.NewGuid():N}", "chart.html");
        try
        {
            Assert.Equal(path, Plot.GeneratorCosts().SaveHtml(path));
            string html = File.ReadAllText(path);
            Assert.Contains("plotly.js v3.7.0", html);
            Assert.Contains("<title>Generator costs J(G) against D(G(z))</title>", html);
            Assert.DoesNotMatch(@"<script[^>]*\ssrc\s*=", html);
        }
        finally { Directory.Delete(Path.GetDirectoryName(path)!, recursive: true); }
    }

    static int CountOf(string text, string part)
    {
        int count = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal)) count++;
        return count;
    }
}
