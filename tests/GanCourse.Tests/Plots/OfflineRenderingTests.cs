using System.Diagnostics;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanCourse.Tests.Plots;

/// <summary>Renders offline chart HTML in headless Chromium (no network) and checks the pixels of the screenshot.</summary>
public class OfflineRenderingTests
{
    static string Chromium()
    {
        foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome" })
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
                if (File.Exists(Path.Combine(dir, name))) return Path.Combine(dir, name);
        throw new InvalidOperationException("Headless Chromium is needed to render charts: install it (apt-get install chromium).");
    }

    static PngImage Render(Figure chart)
    {
        string dir = Path.Combine(Path.GetTempPath(), $"gancourse-render-{Guid.NewGuid():N}");
        try
        {
            string html = chart.SaveHtml(Path.Combine(dir, "chart.html"));
            string png = Path.Combine(dir, "chart.png");
            var start = new ProcessStartInfo(Chromium())
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            foreach (var arg in new[]
                     {
                         "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
                         $"--user-data-dir={Path.Combine(dir, "profile")}", $"--screenshot={png}", "--window-size=1000,700",
                         "--virtual-time-budget=5000", new Uri(html).AbsoluteUri,
                     })
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(120_000)) { process.Kill(entireProcessTree: true); throw new TimeoutException("Chromium did not finish in 120 s."); }
            Assert.True(File.Exists(png), $"Chromium wrote no screenshot (exit {process.ExitCode}): {stderr.Result}");
            return PngImage.Read(png);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    static bool IsWhite((byte R, byte G, byte B) p) => p.R > 245 && p.G > 245 && p.B > 245;

    [Fact]
    public void ImageGridDrawsTilesTheRightWayUp()
    {
        using var scope = NewDisposeScope();
        // Four images, each gray (0.5) in its top half and black in its bottom half.
        var images = zeros(4, 1, 28, 28);
        images[TensorIndex.Colon, TensorIndex.Colon, TensorIndex.Slice(0, 14), TensorIndex.Colon] = tensor(0.5f);
        var png = Render(Plot.ImageGrid(images, columns: 2, title: "orientation"));

        long gray = 0, black = 0;
        double grayRows = 0, blackRows = 0;
        for (int y = 0; y < png.Height; y++)
        for (int x = 0; x < png.Width; x++)
        {
            var p = png[x, y];
            if (p.R < 30 && p.G < 30 && p.B < 30 && y > 50) { black++; blackRows += y; } // below the title text
            else if (System.Math.Abs(p.R - 128) < 20 && p.R == p.G && p.G == p.B) { gray++; grayRows += y; }
        }
        // 2x2 tiles of 56x56 screen pixels: about 6,000 gray and 6,000 black pixels.
        Assert.InRange(gray, 4000, 9000);
        Assert.InRange(black, 4000, 9000);
        Assert.True(grayRows / gray < blackRows / black, "the top half of each image must be drawn on top (reversed y axis)");
    }

    [Fact]
    public void LineChartDrawsItsCurvesInThePlotArea()
    {
        var d = Enumerable.Range(0, 200).Select(i => 0.5 + 0.3 * System.Math.Exp(-i / 50.0)).ToArray();
        var g = Enumerable.Range(0, 200).Select(i => 0.7 + 2.0 * (1 - System.Math.Exp(-i / 50.0))).ToArray();
        var png = Render(Plot.Losses(d, g, smoothing: 10));
        // Plot area: right of the y axis labels, below the title, above the x axis labels, left of the legend.
        long nonWhite = 0, orange = 0, green = 0;
        for (int y = 70; y < 360; y++)
        for (int x = 90; x < 700; x++)
        {
            var p = png[x, y];
            if (!IsWhite(p)) nonWhite++;
            if (p.R > 200 && p.G is > 100 and < 160 && p.B < 60) orange++; // #ff7f0e
            if (p.R < 80 && p.G > 130 && p.B < 80) green++;                 // #2ca02c
        }
        Assert.True(nonWhite > 3000, $"{nonWhite} non-white pixels in the plot area");
        Assert.True(orange > 500, $"{orange} orange (G loss) pixels");
        Assert.True(green > 500, $"{green} green (D loss) pixels");
    }

    [Fact]
    public void HistogramPanelsDrawBarsAndTheDensityInEveryPanel()
    {
        var rng = new Random(1);
        double[] Normal(double mu, double sigma) => Enumerable.Range(0, 2000)
            .Select(_ => mu + sigma * System.Math.Sqrt(-2 * System.Math.Log(1 - rng.NextDouble())) * System.Math.Cos(2 * System.Math.PI * rng.NextDouble()))
            .ToArray();
        var xs = Enumerable.Range(0, 200).Select(i => -1 + 7.0 * i / 199).ToArray();
        var density = xs.Select(x => System.Math.Exp(-0.5 * (x - 3) * (x - 3) / 0.36) / (0.6 * System.Math.Sqrt(2 * System.Math.PI))).ToArray();
        var panels = new[] { ("left", Histogram.Of(Normal(0, 0.2), -1, 6, 70)), ("right", Histogram.Of(Normal(3, 0.6), -1, 6, 70)) };
        var png = Render(Plot.HistogramPanels(panels, xs, density, "two panels", columns: 2));
        // Orange (bar) and blue (density) pixels in the left and the right half of the chart.
        long[] orange = new long[2], blue = new long[2];
        for (int y = 60; y < png.Height; y++)
        for (int x = 0; x < png.Width; x++)
        {
            var p = png[x, y];
            int half = x < png.Width / 2 ? 0 : 1;
            if (p.R > 230 && p.G is > 160 and < 215 && p.B < 170) orange[half]++;   // #ff7f0e at opacity 0.6 on white
            if (p.R < 80 && p.G is > 90 and < 150 && p.B > 160) blue[half]++;       // #1f77b4
        }
        Assert.All(orange, n => Assert.True(n > 300, $"orange bar pixels per half: {string.Join(", ", orange)}"));
        Assert.All(blue, n => Assert.True(n > 100, $"blue density pixels per half: {string.Join(", ", blue)}"));
    }
}
