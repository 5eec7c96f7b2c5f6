using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GanCourse;
using GanCourse.Tests.Plots;
using NotebookRunner.Book;
using NotebookRunner.Execution;
using Xunit.Abstractions;

namespace NotebookRunner.Tests;

/// <summary>
/// A book written straight from an executed notebook made here (no notebook runs): formulas in every delimiter form,
/// markdown that must not reach into them, a markdown output and a chart. Its npm files are fetched once per test
/// session into a cache folder of the session's own.
/// </summary>
public sealed class FormulaBook
{
    /// <summary>The formulas of the notebook, as KaTeX gets them, and whether each is displayed.</summary>
    public static readonly (string Tex, bool Display)[] Formulas =
    [
        (@"\mathrm{ReLU}\big(x\big)", false),
        ("x_1 * y_2 * z_3", false),
        (@"\frac{p_{data}(x)}{p_{data}(x)+p_g(x)}", true),
        (@" C(G) = -\log 4 + 2\,\mathrm{JSD}(p_{data} \,\|\, p_g) ", true),
        ("\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}\n", true),
        ("J^{(D)} = \\log 2,\n\\qquad J^{(G)} = -\\log\\tfrac12", true),
        ("p_g", false),
        ("p_{data}", false),
        (@"D^*(x) = \tfrac{1}{2}", false),
    ];

    const string Markdown = """
        # Formulas

        The activation \(\mathrm{ReLU}\big(x\big)\) and a product $x_1 * y_2 * z_3$ with underscores and stars.

        $$\frac{p_{data}(x)}{p_{data}(x)+p_g(x)}$$

        \[ C(G) = -\log 4 + 2\,\mathrm{JSD}(p_{data} \,\|\, p_g) \]

        $$
        \begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}
        $$

        Both losses are close to
        $$J^{(D)} = \log 2,
        \qquad J^{(G)} = -\log\tfrac12$$
        at the start (a formula over two lines of a paragraph).

        ### $p_g$ moving onto $p_{data}$

        Not formulas: `\(in code\)`, prices of $5 and $10, an escaped \\(backslash\\) and an unclosed \( bracket.
        """;

    const string PlotlyMime = "application/vnd.plotly.v1+json";
    const string Squares = """{"data": [{"type": "scatter", "mode": "lines+markers", "x": [1, 2, 3], "y": [1, 4, 9]}], "layout": {"title": {"text": "squares"}}}""";

    public string CacheRoot { get; } = Runner.TempDirectory("npm-cache");
    public string Folder { get; } = Runner.TempDirectory("formula-book");
    public string BookDir => Path.Combine(Folder, "book");
    public string Page => Path.Combine(BookDir, "formulas.html");
    public string PlainPage => Path.Combine(BookDir, "plain.html");
    internal IReadOnlyList<RunEntry> Entries { get; }

    public FormulaBook()
    {
        Entries =
        [
            Entry("formulas", MarkdownCell(Markdown), CodeCell(
                new JsonObject { ["text/markdown"] = @"At the optimum $D^*(x) = \tfrac{1}{2}$.", ["text/plain"] = "optimum" },
                new JsonObject { [PlotlyMime] = JsonNode.Parse(Squares), ["text/plain"] = "a chart" },
                // As .NET Interactive's Jupyter bridge sends a figure: the JSON as a string.
                new JsonObject { [PlotlyMime] = Squares, ["text/html"] = "<p>fallback</p>" },
                new JsonObject { [PlotlyMime] = "not a figure", ["text/html"] = "<p id=\"fallback\">fallback</p>" })),
            Entry("plain", MarkdownCell("# Plain\n\nNo formulas, no charts: a price of $5.")),
        ];
        BookWriter.Write(BookDir, Entries, CacheRoot);
    }

    /// <summary>Saves an executed notebook of <paramref name="cells"/> as NAME.ipynb; its entry says it ran fine.</summary>
    RunEntry Entry(string name, params JsonObject[] cells)
    {
        string path = Path.Combine(Folder, name + ".ipynb");
        for (int i = 0; i < cells.Length; i++) cells[i]["id"] = $"c{i}";
        var notebook = new JsonObject
        {
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
            ["metadata"] = new JsonObject(),
            ["cells"] = new JsonArray(cells),
        };
        File.WriteAllText(path, notebook.ToJsonString());
        return new RunEntry(name, path, path, Path.Combine(Folder, name + ".log"), new NotebookResult(NotebookResult.Ok, 1, 1, 0.5, null, null));
    }

    static JsonObject MarkdownCell(string source) => new() { ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = source };

    /// <summary>A code cell that displayed one output per mime bundle in <paramref name="data"/>.</summary>
    static JsonObject CodeCell(params JsonObject[] data) => new()
    {
        ["cell_type"] = "code",
        ["metadata"] = new JsonObject(),
        ["execution_count"] = 1,
        ["source"] = "Show();",
        ["outputs"] = new JsonArray([.. data.Select(d => new JsonObject { ["output_type"] = "display_data", ["metadata"] = new JsonObject(), ["data"] = d })]),
    };
}

public sealed partial class BookFormulaTests(FormulaBook book, ITestOutputHelper output) : IClassFixture<FormulaBook>
{
    [Fact]
    public void Formulas_reach_the_page_verbatim_and_markdown_leaves_them_alone()
    {
        string html = File.ReadAllText(book.Page);
        var spans = MathElement().Matches(html).Select(m => (Tex: System.Net.WebUtility.HtmlDecode(m.Groups["tex"].Value), Display: m.Groups["kind"].Value == "display")).ToList();
        Assert.Equal(FormulaBook.Formulas, spans);
        Assert.Contains(@"<code>\(in code\)</code>", html);
        Assert.Contains("prices of $5 and $10, an escaped \\(backslash\\) and an unclosed ( bracket.", html);
        Assert.DoesNotContain("<em>", html); // the stars of x_1 * y_2 * z_3 stayed in the formula
        Assert.DoesNotContain("class=\"math", File.ReadAllText(book.PlainPage));
    }

    [Fact]
    public void Katex_typesets_every_formula_offline_in_headless_chromium()
    {
        var result = Typeset(Chromium.DumpDom(book.Page));
        Assert.Equal(FormulaBook.Formulas.Length, result.Katex);
        Assert.Equal(FormulaBook.Formulas.Count(f => f.Display), result.Displayed);
        Assert.Equal(0, result.Errors);
        Assert.Empty(result.RawTex);
    }

    [Fact]
    public void The_typesetting_check_fails_for_a_page_without_katex()
    {
        // Negative control: the same page with its KaTeX script removed must show raw LaTeX and no KaTeX output.
        string broken = Path.Combine(book.BookDir, "formulas.no-katex.html");
        File.WriteAllText(broken, File.ReadAllText(book.Page).Replace("<script src=\"katex/katex.min.js\"></script>", ""));
        var result = Typeset(Chromium.DumpDom(broken));
        Assert.Equal(0, result.Katex);
        Assert.Contains(@"\frac", result.RawTex);
        Assert.Contains(@"\mathrm", result.RawTex);
    }

    [Fact]
    public void Katex_fonts_load_from_the_book_and_their_absence_is_seen()
    {
        var fonts = FontStatus(book.BookDir);
        Assert.Equal("loaded", fonts["KaTeX_Main normal 400"]);
        Assert.Equal("loaded", fonts["KaTeX_Math italic 400"]);
        Assert.DoesNotContain("error", fonts.Values);

        string copy = Runner.TempDirectory("book-without-fonts");
        foreach (string file in Directory.GetFiles(book.BookDir, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/fonts/")))
        {
            string target = Path.Combine(copy, Path.GetRelativePath(book.BookDir, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        Assert.Equal("error", FontStatus(copy)["KaTeX_Main normal 400"]);
    }

    [Fact]
    public void A_screenshot_of_the_formula_page_is_not_blank()
    {
        string png = Path.Combine(Runner.TempDirectory("screenshot"), "formulas.png");
        Chromium.Screenshot(book.Page, png);
        output.WriteLine($"screenshot: {png}");
        PngImage image = PngImage.Read(png);
        Assert.Equal((1000, 800), (image.Width, image.Height));
        int dark = DarkPixels(image);
        Assert.True(dark > 2_000 && dark < image.Width * image.Height / 4, $"{dark} dark pixels: the page is blank or black");

        string blank = Path.Combine(book.BookDir, "blank.html");
        File.WriteAllText(blank, "<!DOCTYPE html><html><body></body></html>");
        string blankPng = Path.Combine(Path.GetDirectoryName(png)!, "blank.png");
        Chromium.Screenshot(blank, blankPng);
        Assert.Equal(0, DarkPixels(PngImage.Read(blankPng))); // the measure tells a blank page
    }

    /// <summary>How many pixels are dark (luma below 128): text and formulas on the book's white page.</summary>
    static int DarkPixels(PngImage image)
    {
        int dark = 0;
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
            {
                var (r, g, b) = image[x, y];
                if (0.299 * r + 0.587 * g + 0.114 * b < 128) dark++;
            }
        return dark;
    }

    [Fact]
    public void Charts_are_drawn_by_the_books_plotly_js_from_a_figure_object_or_string()
    {
        string dom = Chromium.DumpDom(book.Page);
        var charts = Chromium.Charts(dom);
        Assert.Equal(2, charts.Count);
        Assert.All(charts, c => Assert.True(c.Drawn, $"chart {c.Id} was not drawn"));
        Assert.Contains("<p id=\"fallback\">fallback</p>", dom); // a plotly value that is no figure: its HTML is shown
    }

    [Fact]
    public void Pages_load_katex_and_plotly_only_when_they_need_them()
    {
        string page = File.ReadAllText(book.Page);
        Assert.Contains("<script src=\"katex/katex.min.js\"></script>", page);
        Assert.Contains("<link rel=\"stylesheet\" href=\"katex/katex.min.css\">", page);
        Assert.Contains("<script src=\"plotly.min.js\"></script>", page);
        string plain = File.ReadAllText(book.PlainPage);
        Assert.DoesNotContain("katex", plain);
        Assert.DoesNotContain("plotly", plain);
    }

    [Fact]
    public void The_book_ships_every_font_its_katex_style_sheet_names_and_the_licences()
    {
        string css = File.ReadAllText(Path.Combine(book.BookDir, "katex", "katex.min.css"));
        var fonts = Woff2Url().Matches(css).Select(m => m.Groups["file"].Value).Distinct().ToList();
        Assert.Equal(20, fonts.Count);
        Assert.All(fonts, f => Assert.True(File.Exists(Path.Combine(book.BookDir, "katex", f)), $"{f} is missing"));
        Assert.True(File.Exists(Path.Combine(book.BookDir, "katex", "LICENSE")));
        Assert.True(File.Exists(Path.Combine(book.BookDir, "plotly.min.js.LICENSE.txt")));
        Assert.StartsWith("/**\n* plotly.js v3.7.0", File.ReadAllText(Path.Combine(book.BookDir, "plotly.min.js")));
    }

    [Fact]
    public void A_tampered_cached_file_never_reaches_the_book()
    {
        string cache = Runner.TempDirectory("tampered-cache");
        foreach (string file in Directory.GetFiles(book.CacheRoot, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(cache, Path.GetRelativePath(book.CacheRoot, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        string cached = Directory.GetFiles(cache, "katex.min.js", SearchOption.AllDirectories).Single();
        File.AppendAllText(cached, "\ndocument.body.textContent = 'tampered';");

        string bookDir = Path.Combine(Runner.TempDirectory("tampered-book"), "book");
        BookWriter.Write(bookDir, book.Entries, cache);
        string shipped = Path.Combine(bookDir, "katex", "katex.min.js");
        Assert.Equal(NpmAsset.Katex.Files["dist/katex.min.js"], Sha256(shipped));
        Assert.DoesNotContain("tampered", File.ReadAllText(shipped));
        Assert.Equal(File.ReadAllBytes(shipped), File.ReadAllBytes(cached)); // the cache was repaired too
    }

    static string Sha256(string file) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)));

    [GeneratedRegex("""<(span|div) class="math (?<kind>inline|display)">(?<tex>[^<]*)</(span|div)>""")]
    private static partial Regex MathElement();

    [GeneratedRegex(@"url\((?<file>fonts/[^)]+\.woff2)\)")]
    private static partial Regex Woff2Url();

    [GeneratedRegex("<annotation[^>]*>.*?</annotation>", RegexOptions.Singleline)]
    private static partial Regex Annotation();

    [GeneratedRegex(@"\\(frac|mathrm|big|log|begin|tfrac)\b")]
    private static partial Regex TexCommand();

    /// <summary>KaTeX's output in a page's DOM: formulas typeset, of them displayed, parse errors, and the TeX
    /// commands still visible as text (KaTeX keeps each source in a MathML annotation, which is not shown).</summary>
    static (int Katex, int Displayed, int Errors, List<string> RawTex) Typeset(string dom)
    {
        string shown = Annotation().Replace(dom, "");
        return (Count(dom, "class=\"katex\""), Count(dom, "class=\"katex-display\""), Count(dom, "katex-error"),
            TexCommand().Matches(shown).Select(m => m.Value).ToList());
    }

    static int Count(string text, string part) => text.Split(part).Length - 1;

    /// <summary>The status (unloaded, loaded, error) of each KaTeX font face after the formula page loaded, from a copy
    /// of the page in <paramref name="bookDir"/> that lists document.fonts once they settled.</summary>
    static Dictionary<string, string> FontStatus(string bookDir)
    {
        string probe = Path.Combine(bookDir, "formulas.fonts.html");
        File.WriteAllText(probe, File.ReadAllText(Path.Combine(bookDir, "formulas.html")).Replace("</body>", """
            <script>
            document.fonts.ready.then(function () {
              var lines = [];
              document.fonts.forEach(function (f) { lines.push(f.family + ' ' + f.style + ' ' + f.weight + ' ' + f.status); });
              var pre = document.createElement('pre');
              pre.id = 'font-status';
              pre.textContent = lines.join('\n');
              document.body.appendChild(pre);
            });
            </script>
            </body>
            """));
        string dom = Chromium.DumpDom(probe);
        Match status = Regex.Match(dom, "<pre id=\"font-status\">(?<lines>[^<]*)</pre>");
        Assert.True(status.Success, "the page did not report its fonts");
        return status.Groups["lines"].Value.Split('\n')
            .Select(line => line.Split(' '))
            .ToDictionary(f => string.Join(' ', f[..^1]), f => f[^1]);
    }
}
