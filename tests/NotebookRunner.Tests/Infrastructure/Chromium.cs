using System.Diagnostics;
using System.Text.RegularExpressions;

namespace NotebookRunner.Tests.Infrastructure;

/// <summary>Loads pages in headless Chromium (offline: the machine has no internet) and reads the DOM after scripts ran.</summary>
public static partial class Chromium
{
    static readonly Lazy<string> Executable = new(() =>
        new[] { "chromium", "chromium-browser", "google-chrome" }
            .Select(name => Environment.GetEnvironmentVariable("PATH")!.Split(':').Select(d => System.IO.Path.Combine(d, name)).FirstOrDefault(File.Exists))
            .FirstOrDefault(p => p != null)
        ?? throw new Xunit.Sdk.XunitException(
            "Chromium was not found on the PATH; install it with `sudo apt-get install chromium` (./course test does this when run as root)."));

    /// <summary>The page's DOM after its scripts ran (Chromium's --dump-dom).</summary>
    public static string DumpDom(string htmlFile) => Run(htmlFile, "--dump-dom");

    /// <summary>Screenshots the page, after its scripts ran and its fonts loaded, into <paramref name="pngFile"/>.</summary>
    public static void Screenshot(string htmlFile, string pngFile, int width = 1000, int height = 800)
    {
        Run(htmlFile, $"--screenshot={pngFile}", $"--window-size={width},{height}", "--hide-scrollbars");
        Assert.True(File.Exists(pngFile), $"Chromium wrote no screenshot of {htmlFile}");
    }

    /// <summary>Loads the page offline in a fresh profile with <paramref name="extra"/> arguments; returns its stdout.</summary>
    static string Run(string htmlFile, params string[] extra)
    {
        string profile = Runner.TempDirectory("chromium");
        var psi = new ProcessStartInfo(Executable.Value) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in (string[])["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run", $"--user-data-dir={profile}",
                     "--virtual-time-budget=10000", .. extra, new Uri(htmlFile).AbsoluteUri])
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"Chromium did not finish loading {htmlFile}");
        }
        Assert.True(process.ExitCode == 0, $"Chromium failed on {htmlFile} (exit {process.ExitCode}): {stderr.Result}");
        Assert.True(stdout.Length > 0 || !extra.Contains("--dump-dom"), $"Chromium dumped no DOM of {htmlFile}: {stderr.Result}");
        return stdout;
    }

    [GeneratedRegex("""<div id="(?<id>chart-\d+)" class="plotly-chart""")]
    private static partial Regex ChartDiv();

    /// <summary>
    /// For each chart container in the page (in page order): whether plotly.js drew it, i.e. its div holds Plotly's
    /// main SVG with data drawn in it (line paths or points).
    /// </summary>
    public static List<(string Id, bool Drawn)> Charts(string dom)
    {
        var divs = ChartDiv().Matches(dom).ToList();
        var result = new List<(string, bool)>();
        for (int i = 0; i < divs.Count; i++)
        {
            int end = i + 1 < divs.Count ? divs[i + 1].Index : dom.Length;
            string inside = dom[divs[i].Index..end];
            bool drawn = inside.Contains("class=\"main-svg\"") && (inside.Contains("class=\"js-line\"") || inside.Contains("class=\"point\""));
            result.Add((divs[i].Groups["id"].Value, drawn));
        }
        return result;
    }
}
