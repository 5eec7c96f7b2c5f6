using System.Diagnostics;

namespace NotebookRunner.Tests.Infrastructure;

/// <summary>What one run of the runner printed and returned.</summary>
public sealed record RunResult(int ExitCode, string Stdout, string Stderr, string OutputDirectory)
{
    public override string ToString() => $"exit code {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";

    /// <summary>The executed notebook the run wrote for <paramref name="name"/> (file name without extension).</summary>
    public ExecutedNotebook Notebook(string name) => ExecutedNotebook.Load(Path.Combine(OutputDirectory, name + ".ipynb"));
}

/// <summary>Runs the runner's published (ReadyToRun) build as a process, exactly as `./course run` does.</summary>
public static class Runner
{
#if DEBUG
    const string Configuration = "Debug";
#else
    const string Configuration = "Release";
#endif

    /// <summary>The repository root (the folder holding course.sln).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public static string FixturesDirectory => Path.Combine(RepositoryRoot, "tests", "NotebookRunner.Tests", "Fixtures");

    /// <summary>The runner's DLL; a Release build publishes it (ReadyToRun) into publish/.</summary>
    public static string Dll
    {
        get
        {
            string bin = Path.Combine(RepositoryRoot, "tools", "NotebookRunner", "bin", Configuration, "net10.0", "linux-x64");
            string published = Path.Combine(bin, "publish", "NotebookRunner.dll");
            return File.Exists(published) ? published : Path.Combine(bin, "NotebookRunner.dll");
        }
    }

    /// <summary>
    /// A cache folder for this test session (GAN_COURSE_CACHE), so package restores and the TorchSharp native patch are
    /// exercised from cold once per session and never touch the user's cache. Folders of finished sessions are removed
    /// when the next session starts (the test host may be stopped before exit handlers run).
    /// </summary>
    static readonly Lazy<string> SessionCache = new(() =>
    {
        string root = Path.Combine(Path.GetTempPath(), "notebook-runner-tests");
        if (Directory.Exists(root))
            foreach (string stale in Directory.GetDirectories(root))
                if (int.TryParse(Path.GetFileName(stale), out int pid) && !IsRunning(pid))
                    try { Directory.Delete(stale, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        string dir = Path.Combine(root, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        return dir;
    });

    static bool IsRunning(int pid)
    {
        try { return !Process.GetProcessById(pid).HasExited; }
        catch (ArgumentException) { return false; }
    }

    /// <summary>A new empty folder in this session's folder.</summary>
    public static string TempDirectory(string name)
    {
        string dir = Path.Combine(SessionCache.Value, "work", $"{name}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Runs <c>NotebookRunner run ARGS --out OUT</c> (OUT a new temp folder unless given).</summary>
    public static RunResult Run(IEnumerable<string> args, string? outDir = null, IDictionary<string, string>? environment = null,
        TimeSpan? limit = null, IReadOnlyList<string>? wrapper = null)
    {
        outDir ??= TempDirectory("out");
        var all = new List<string> { "run" };
        all.AddRange(args);
        all.AddRange(["--out", outDir]);
        return Exec(all, outDir, environment, limit, wrapper);
    }

    /// <summary>
    /// Runs the runner with exactly these arguments. <paramref name="limit"/> (default 5 minutes) is a safety net against a
    /// hung process, not a speed check: notebook speed is what the runner's summary table reports. <paramref name="wrapper"/>
    /// is a command the runner's command line is appended to (a shell that sets limits, a pseudo-terminal).
    /// </summary>
    public static RunResult Exec(IReadOnlyList<string> args, string outDir, IDictionary<string, string>? environment = null,
        TimeSpan? limit = null, IReadOnlyList<string>? wrapper = null)
    {
        TimeSpan wait = limit ?? TimeSpan.FromMinutes(5);
        using Process process = Start(args, environment, wrapper);
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(wait))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the runner did not finish within {wait.TotalMinutes:0.#} minutes: dotnet {string.Join(" ", args)}");
        }
        return new RunResult(process.ExitCode, stdout.Result, stderr.Result, outDir);
    }

    /// <summary>Starts the runner (stdout and stderr redirected, stdin closed) and returns at once.</summary>
    public static Process Start(IReadOnlyList<string> args, IDictionary<string, string>? environment = null,
        IReadOnlyList<string>? wrapper = null)
    {
        Assert.True(File.Exists(Dll), $"The runner is not built: {Dll} is missing. Build course.sln in {Configuration} first.");
        string[] command = [.. wrapper ?? [], "dotnet", Dll, .. args];
        var psi = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (string a in command[1..]) psi.ArgumentList.Add(a);
        psi.Environment["GAN_COURSE_CACHE"] = SessionCache.Value;
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        if (environment != null)
            foreach (var (k, v) in environment) psi.Environment[k] = v;
        Process process = Process.Start(psi)!;
        process.StandardInput.Close();
        return process;
    }

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "course.sln"))) return dir.FullName;
        throw new InvalidOperationException($"course.sln not found above {AppContext.BaseDirectory}.");
    }
}
