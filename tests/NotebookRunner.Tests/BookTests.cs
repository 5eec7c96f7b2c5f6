namespace NotebookRunner.Tests;

[Collection("basics")]
public sealed class BookTests(BasicsRun run)
{
    string Book => Path.Combine(run.Result.OutputDirectory, "book");

    [Fact]
    public void The_index_links_a_page_per_notebook_with_its_status()
    {
        string index = File.ReadAllText(Path.Combine(Book, "index.html"));
        Assert.Contains("<a href=\"state-and-display.html\">State and display</a>", index);
        Assert.Contains("<a href=\"torch-and-plotly.html\">TorchSharp and Plotly</a>", index);
        Assert.Equal(2, index.Split("class=\"status-ok\"").Length - 1);
    }

    [Fact]
    public void The_book_holds_one_local_plotly_js_that_the_page_with_charts_references()
    {
        string[] scripts = Directory.GetFiles(Book, "*.js");
        Assert.Equal(Path.Combine(Book, "plotly.min.js"), Assert.Single(scripts));
        Assert.True(new FileInfo(scripts[0]).Length > 1_000_000, "plotly.min.js is the full library (~4.6 MB)");
        Assert.True(File.Exists(Path.Combine(Book, "plotly.min.js.LICENSE.txt")));
        string charts = File.ReadAllText(Path.Combine(Book, "torch-and-plotly.html"));
        Assert.Single(charts.Split("<script src=\"plotly.min.js\"></script>").Skip(1));
        Assert.DoesNotContain("plotly.min.js", File.ReadAllText(Path.Combine(Book, "state-and-display.html")));
    }

    [Fact]
    public void Markdown_is_rendered_and_latex_is_kept_verbatim_for_katex()
    {
        string html = File.ReadAllText(Path.Combine(Book, "state-and-display.html"));
        Assert.Contains("<h1 id=\"state-and-display\">State and display</h1>", html);
        Assert.Contains("<strong>bold</strong>", html);
        Assert.Contains("<em>italic</em>", html);
        Assert.Contains("<code>inline code</code>", html);
        Assert.Contains("<a href=\"https://dotnet.microsoft.com/\">link</a>", html);
        Assert.Contains("<li>state carried across cells</li>", html);
        Assert.Contains("<th>mime type</th>", html);
        Assert.Contains("<code class=\"language-csharp\">var x = 1;", html);
        Assert.Contains(@"<span class=""math inline"">D^*(x) = \frac{p_{data}(x)}{p_{data}(x) + p_g(x)}</span>", html);
        Assert.Contains("<script src=\"katex/katex.min.js\"></script>", html);
    }

    [Fact]
    public void Outputs_appear_in_the_page_with_images_inline()
    {
        string html = File.ReadAllText(Path.Combine(Book, "state-and-display.html"));
        Assert.Contains("<img src=\"data:image/png;base64,iVBORw0KGgo", html);
        Assert.Contains("<b id=\"bold-html\">bold html</b>", html);
        Assert.Contains("<pre class=\"output stream stderr\">err 1\n</pre>", html);
        Assert.Contains("<code>Point { X = 3, Y = 4 }</code>", html); // the kernel's table of a record array
    }

    [Fact]
    public void Charts_are_drawn_offline_in_headless_chromium()
    {
        string page = Path.Combine(Book, "torch-and-plotly.html");
        var charts = Chromium.Charts(Chromium.DumpDom(page));
        Assert.Equal(2, charts.Count);
        Assert.All(charts, c => Assert.True(c.Drawn, $"chart {c.Id} was not drawn"));
    }

    [Fact]
    public void The_chart_check_fails_for_a_page_whose_plotly_js_is_missing()
    {
        // Negative control: the same page without the local plotly.js (and offline) must count as not drawn.
        string broken = Path.Combine(Book, "torch-and-plotly.no-plotly.html");
        File.WriteAllText(broken, File.ReadAllText(Path.Combine(Book, "torch-and-plotly.html"))
            .Replace("<script src=\"plotly.min.js\"></script>", ""));
        var charts = Chromium.Charts(Chromium.DumpDom(broken));
        Assert.Equal(2, charts.Count);
        Assert.All(charts, c => Assert.False(c.Drawn));
    }
}

public sealed class BookFailureTests
{
    [Fact]
    public void A_book_whose_katex_cannot_be_fetched_is_reported_after_the_summary_with_what_to_do()
    {
        // No npm on the PATH (only dotnet) and an empty cache: the book's KaTeX cannot be had.
        string bin = Runner.TempDirectory("bin-without-npm");
        string runtime = System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(); // <dotnet>/shared/<framework>/<version>/
        File.CreateSymbolicLink(Path.Combine(bin, "dotnet"), Path.GetFullPath(Path.Combine(runtime, "..", "..", "..", "dotnet")));
        string cache = Runner.TempDirectory("empty-cache");
        RunResult run = Runner.Run([Path.Combine(Runner.FixturesDirectory, "basics", "state-and-display.ipynb"), "--book"],
            environment: new Dictionary<string, string> { ["PATH"] = bin, ["GAN_COURSE_CACHE"] = cache });
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Matches(@"state-and-display\s+ok\s+10/10", run.Stdout);
        Assert.Contains("HTML book not written: npm was not found", run.Stderr);
        Assert.Contains("it is needed to fetch katex@0.19.1", run.Stderr);
        Assert.Contains("Install Node.js with npm", run.Stderr);
        Assert.False(Directory.Exists(Path.Combine(run.OutputDirectory, "book")), "nothing of the book is written");
    }
}
