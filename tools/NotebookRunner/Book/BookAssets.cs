namespace NotebookRunner.Book;

/// <summary>
/// The script, style and font files the book ships, each a pinned file of an npm package checked by sha256: plotly.js
/// (charts) and KaTeX (formulas, with its fonts, so they typeset right offline). The KaTeX fonts are the WOFF2 files
/// only: katex.min.css lists WOFF2 first, and every browser that runs KaTeX reads it, so the others are never loaded.
/// </summary>
static class BookAssets
{
    const string PlotlyPackage = "plotly.js-dist-min";
    const string PlotlyVersion = "3.7.0";
    const string KatexPackage = "katex";
    const string KatexVersion = "0.19.1";

    /// <summary>The file a page loads for charts, relative to the book.</summary>
    public const string PlotlyScript = "plotly.min.js";

    /// <summary>KaTeX's style sheet and script, relative to the book.</summary>
    public const string KatexStyle = "katex/katex.min.css";
    public const string KatexScript = "katex/katex.min.js";

    /// <summary>Where each plotly.js file goes in the book, and the pinned file it is.</summary>
    static readonly (string Target, NpmFile File)[] Plotly =
    [
        (PlotlyScript, Pin(PlotlyPackage, PlotlyVersion, "package/plotly.min.js", "8ef4c6ab1369f0019611cbcd2d5b8aafef23e5d19ef58c39d4b4249831fe2180")),
        (PlotlyScript + ".LICENSE.txt", Pin(PlotlyPackage, PlotlyVersion, "package/LICENSE", "8c45d9eaf50c2f72dd9c7ab9ef440788ba58a3538484b5c51c1f17d5128752e7")),
    ];

    /// <summary>Where each KaTeX file goes in the book (fonts/ beside the style sheet, which refers to them so).</summary>
    static readonly (string Target, NpmFile File)[] Katex =
    [
        (KatexScript, Pin(KatexPackage, KatexVersion, "package/dist/katex.min.js", "fa140498b8cfc8302cbe5e7cb1bdbc1f952bc38b3fa258ede09e73edbf9a74bc")),
        (KatexStyle, Pin(KatexPackage, KatexVersion, "package/dist/katex.min.css", "00e0b094171b07f58422075f469b4feac2b2f7bce1aeec943c08da4d697f4dcf")),
        ("katex/LICENSE", Pin(KatexPackage, KatexVersion, "package/LICENSE", "766ccc1f306c885aa45542a9846bbd0a505b27a0374f146778171c2254ce18e3")),
        .. new (string Font, string Sha256)[]
        {
            ("AMS-Regular", "0cdd387c9590a1a9f9794560022dbb59654a7d86f187aa0c81495ad42d3a7308"),
            ("Caligraphic-Bold", "de7701e42cf1f4cf0b766c03fb27977207eee2f4fd5d76fa82188406da43ea4c"),
            ("Caligraphic-Regular", "5d53e70ad607c2352162dec9e0923fb54ecdafaccbf604cd8dcf7d00facb989b"),
            ("Fraktur-Bold", "74444efd593c005e3f4573b44524704c0af0a937fe911cca9e94068d0d140d3f"),
            ("Fraktur-Regular", "51814d270d06ff0255dba0799994fa4d8c84d11f09951d47595f4abb1f3602dc"),
            ("Main-Bold", "0f60d1b897938ec918c8ce073092411baf9438f6739465693ff18b0f9d20b021"),
            ("Main-BoldItalic", "99cd42a3c072d918f2f44984a807cf7aa16e13545fd0875fc07c6c65f99e715b"),
            ("Main-Italic", "97479ca6cce906abc961ecac96faa5f9ca2e61b8e7670d475826bcdee9a7c267"),
            ("Main-Regular", "c2342cd8b869e01752a9321dc17213fc40d4d04c79688c1d43f2cf316abd7866"),
            ("Math-BoldItalic", "dc47344dbb6cb5b655c8460d561f4df5f501b90c804ad3c6cec65fe322351ab1"),
            ("Math-Italic", "7af58c5ec8f132a2ddde9027c6d7814decce4d3b822a11192a42a20e2e973264"),
            ("SansSerif-Bold", "e99ae51144bf1232efcc1bfe5add36262c6866b0faab24fa75740e1b98577a62"),
            ("SansSerif-Italic", "00b26ac825e2095056396e0553b8ac26d3f8ad158c3826e28b4c45b385c4714a"),
            ("SansSerif-Regular", "68e8c73ef42afd3ccec58bf0fba302cce448938e7fc020a5e31f8a952eee1342"),
            ("Script-Regular", "036d4e95149b69ff9bcc0cd55771efeb25ffa3947293e69acd78d5ac328c684b"),
            ("Size1-Regular", "6b47c40166b6dbe21a5dfca7718413f2147fd2399be1ba605d8ad39cedf25dfe"),
            ("Size2-Regular", "d04c54219f9eaec6d4d4fd42dfb28785975a4794d6b2fc71e566b9cd6db842dd"),
            ("Size3-Regular", "73d591271b1604960cb10bb90fee021670af7297017e0e98480b332d11f51995"),
            ("Size4-Regular", "a4af7d414440a1c1790825cfb700cf9cf43b0f2c4b04f0ebc523011ad9853ec0"),
            ("Typewriter-Regular", "71d517d67827787cfabdf186914cc3358eda539e37931941f2b2fd4a21f68c0b"),
        }.Select(f => ($"katex/fonts/KaTeX_{f.Font}.woff2",
            Pin(KatexPackage, KatexVersion, $"package/dist/fonts/KaTeX_{f.Font}.woff2", f.Sha256))),
    ];

    static NpmFile Pin(string package, string version, string path, string sha256) => new(package, version, path, sha256);

    /// <summary>
    /// Checks (fetching once if needed) the files the book needs and returns a writer copying them into a book folder.
    /// Throws <see cref="NpmFileException"/> before anything is written when one cannot be had.
    /// </summary>
    public static Action<string> Resolve(bool plotly, bool katex, string cacheRoot)
    {
        var files = (plotly ? Plotly : []).Concat(katex ? Katex : [])
            .Select(a => (a.Target, Source: a.File.LocalPath(cacheRoot))).ToList();
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
}
