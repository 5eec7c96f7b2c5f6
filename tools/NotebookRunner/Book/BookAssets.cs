using GanCourse;

namespace NotebookRunner.Book;

/// <summary>
/// The script, style and font files the book ships: plotly.js (charts) and KaTeX (formulas, with its fonts, so they
/// typeset right offline), each a pinned npm file checked by sha256 (<see cref="NpmAsset.PlotlyJs"/>,
/// <see cref="NpmAsset.Katex"/>).
/// </summary>
static class BookAssets
{
    /// <summary>The file a page loads for charts, relative to the book.</summary>
    public const string PlotlyScript = "plotly.min.js";

    /// <summary>KaTeX's style sheet and script, relative to the book.</summary>
    public const string KatexStyle = "katex/katex.min.css";
    public const string KatexScript = "katex/katex.min.js";

    /// <summary>
    /// Checks (fetching once if needed) the files the book needs under <paramref name="cacheRoot"/> and returns a writer
    /// copying them into a book folder. Throws <see cref="NpmAssetException"/>, before anything is written, when one
    /// cannot be had.
    /// </summary>
    public static Action<string> Resolve(bool plotly, bool katex, string cacheRoot)
    {
        var files = new List<(string Target, string Source)>();
        if (plotly) files.AddRange(Files(NpmAsset.PlotlyJs with { CacheRoot = cacheRoot }, f => f == "LICENSE" ? PlotlyScript + ".LICENSE.txt" : f));
        // katex/ holds dist/'s files (the style sheet finds its fonts in fonts/ beside it) and the licence.
        if (katex) files.AddRange(Files(NpmAsset.Katex with { CacheRoot = cacheRoot }, f => "katex/" + (f.StartsWith("dist/", StringComparison.Ordinal) ? f[5..] : f)));
        return bookDir =>
        {
            foreach (var (target, source) in files)
            {
                string path = Path.Combine(bookDir, target);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.Copy(source, path, overwrite: true);
            }
        };
    }

    static IEnumerable<(string Target, string Source)> Files(NpmAsset asset, Func<string, string> target) =>
        asset.Files.Keys.Select(f => (target(f), asset.PathOf(f))).ToList();
}
