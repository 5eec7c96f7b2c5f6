using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NotebookRunner.Notebooks;

namespace NotebookRunner.Packages;

/// <summary>What a restore produced: the files to compile against, load and resolve natively, or why it failed.</summary>
sealed record RestoredPackages(List<string> CompileAssemblies, List<string> RuntimeAssemblies, List<string> NativeLibraries, string? Error)
{
    public static RestoredPackages Failed(string error) => new([], [], [], error);
}

/// <summary>
/// Restores a notebook's <c>#r "nuget: ..."</c> packages through one generated project, cached by a hash of the
/// package set under the course cache folder, and reads the files to use from its <c>project.assets.json</c>.
/// </summary>
static class PackageRestore
{
    const string FormatVersion = "1";

    /// <summary>The course's cache folder: $GAN_COURSE_CACHE, else $XDG_CACHE_HOME/gan-course, else ~/.cache/gan-course.</summary>
    public static string CacheRoot()
    {
        string? explicitRoot = Environment.GetEnvironmentVariable("GAN_COURSE_CACHE");
        if (!string.IsNullOrEmpty(explicitRoot)) return explicitRoot;
        string? xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        string baseDir = !string.IsNullOrEmpty(xdg)
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(baseDir, "gan-course");
    }

    static string TargetFramework => $"net{Environment.Version.Major}.0";

    static string GlobalPackagesFolder => Environment.GetEnvironmentVariable("NUGET_PACKAGES")
        ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>
    /// Restores <paramref name="packages"/> (with extra <paramref name="sources"/>; local folders are relative to
    /// <paramref name="baseDirectory"/>). A package set restored before costs only reading its assets file.
    /// </summary>
    public static RestoredPackages Restore(IReadOnlyList<PackageReference> packages, IReadOnlyList<string> sources, string baseDirectory)
    {
        var refs = packages
            .GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .Select(g => (Name: g.Key, Version: g.Last().Version ?? "*"))
            .OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var feeds = sources.Select(s => IsUrl(s) ? s : Path.GetFullPath(s, baseDirectory)).Distinct().ToList();

        string key = Hash(string.Join("\n",
            new[] { FormatVersion, TargetFramework, RuntimeInformation.RuntimeIdentifier, GlobalPackagesFolder }
                .Concat(refs.Select(r => $"{r.Name.ToLowerInvariant()}@{r.Version}"))
                .Concat(feeds.Select(f => "source " + f))));
        string dir = Path.Combine(CacheRoot(), "nuget", key);
        Directory.CreateDirectory(dir);
        string assets = Path.Combine(dir, "obj", "project.assets.json");
        string marker = Path.Combine(dir, "restored.ok");

        using FileStream gate = Lock(Path.Combine(dir, ".lock"));
        if (File.Exists(marker) && Read(assets) is { Error: null } cached && AllExist(cached))
            return cached;

        File.Delete(marker);
        File.WriteAllText(Path.Combine(dir, "restore.csproj"), Project(refs, feeds));
        (int exit, string output) = RunDotnetRestore(dir);
        if (!File.Exists(assets))
            return RestoredPackages.Failed($"dotnet restore failed (exit code {exit}):\n{output.Trim()}");
        RestoredPackages result = Read(assets);
        if (result.Error == null && exit != 0)
            return RestoredPackages.Failed($"dotnet restore failed (exit code {exit}):\n{output.Trim()}");
        if (result.Error == null) File.WriteAllText(marker, key);
        return result;
    }

    static bool IsUrl(string s) => s.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || s.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    static bool AllExist(RestoredPackages r) =>
        r.CompileAssemblies.Concat(r.RuntimeAssemblies).Concat(r.NativeLibraries).All(File.Exists);

    static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16].ToLowerInvariant();

    /// <summary>Serialises restores of one package set across processes (tests run notebooks side by side).</summary>
    static FileStream Lock(string path)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try { return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
            catch (IOException) when (deadline.Elapsed < TimeSpan.FromMinutes(10)) { Thread.Sleep(100); }
        }
    }

    static string Project(IEnumerable<(string Name, string Version)> refs, IReadOnlyList<string> feeds)
    {
        var sb = new StringBuilder();
        sb.AppendLine("<Project Sdk=\"Microsoft.NET.Sdk\">");
        sb.AppendLine("  <!-- Generated by NotebookRunner to restore one notebook's #r \"nuget: ...\" packages. -->");
        sb.AppendLine("  <PropertyGroup>");
        sb.AppendLine($"    <TargetFramework>{TargetFramework}</TargetFramework>");
        sb.AppendLine($"    <RuntimeIdentifier>{RuntimeInformation.RuntimeIdentifier}</RuntimeIdentifier>");
        sb.AppendLine("    <SelfContained>false</SelfContained>");
        sb.AppendLine("    <UseAppHost>false</UseAppHost>");
        sb.AppendLine("    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>");
        if (feeds.Count > 0)
            sb.AppendLine($"    <RestoreAdditionalProjectSources>{SecurityElement.Escape(string.Join(";", feeds))}</RestoreAdditionalProjectSources>");
        sb.AppendLine("  </PropertyGroup>");
        sb.AppendLine("  <ItemGroup>");
        foreach (var (name, version) in refs)
            sb.AppendLine($"    <PackageReference Include=\"{SecurityElement.Escape(name)}\" Version=\"{SecurityElement.Escape(version)}\" />");
        sb.AppendLine("  </ItemGroup>");
        sb.AppendLine("</Project>");
        return sb.ToString();
    }

    static (int Exit, string Output) RunDotnetRestore(string dir)
    {
        var psi = new ProcessStartInfo(DotnetHost(), ["restore", "restore.csproj", "-nologo", "-verbosity:quiet", "-nodeReuse:false",
            "-p:ImportDirectoryBuildProps=false", "-p:ImportDirectoryPackagesProps=false"])
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        psi.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start `dotnet restore`");
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    /// <summary>The dotnet host running us (so the same SDK restores), else `dotnet` on the PATH.</summary>
    public static string DotnetHost()
    {
        string? self = Environment.ProcessPath;
        return self != null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }

    /// <summary>Reads the compile, runtime and native files of every package from a <c>project.assets.json</c>.</summary>
    static RestoredPackages Read(string assetsPath)
    {
        if (!File.Exists(assetsPath)) return RestoredPackages.Failed("no project.assets.json");
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(assetsPath));
        JsonElement root = doc.RootElement;

        var errors = root.TryGetProperty("logs", out JsonElement logs)
            ? logs.EnumerateArray()
                .Where(l => l.GetProperty("level").GetString() == "Error")
                .Select(l => $"{l.GetProperty("code").GetString()}: {l.GetProperty("message").GetString()}")
                .ToList()
            : [];
        if (errors.Count > 0) return RestoredPackages.Failed(string.Join("\n", errors));

        string packageFolder = root.GetProperty("packageFolders").EnumerateObject().First().Name;
        JsonElement libraries = root.GetProperty("libraries");
        var result = new RestoredPackages([], [], [], null);
        JsonElement target = root.GetProperty("targets").EnumerateObject()
            .First(t => t.Name.Contains('/')).Value; // the RID-specific target: native and runtime files already chosen
        foreach (JsonProperty package in target.EnumerateObject())
        {
            if (package.Value.GetProperty("type").GetString() != "package") continue;
            string folder = Path.Combine(packageFolder, libraries.GetProperty(package.Name).GetProperty("path").GetString()!);
            result.CompileAssemblies.AddRange(Files(package.Value, "compile", folder));
            result.RuntimeAssemblies.AddRange(Files(package.Value, "runtime", folder));
            result.NativeLibraries.AddRange(Files(package.Value, "native", folder));
        }
        return result;
    }

    static IEnumerable<string> Files(JsonElement package, string kind, string folder) =>
        package.TryGetProperty(kind, out JsonElement files)
            ? files.EnumerateObject().Where(f => !f.Name.EndsWith("/_._", StringComparison.Ordinal))
                .Select(f => Path.Combine(folder, f.Name.Replace('/', Path.DirectorySeparatorChar)))
            : [];
}
