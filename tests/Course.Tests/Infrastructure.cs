using System.Diagnostics;
using System.Globalization;

[assembly: CollectionBehavior(DisableTestParallelization = true)] // each test starts kernels or builds: one at a time

namespace Course.Tests;

/// <summary>What one process printed and returned.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr, int ProcessId)
{
    public override string ToString() => $"exit code {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

public static class Repo
{
    /// <summary>The repository root (the folder holding course.sln).</summary>
    public static string Root { get; } = FindRoot();

    public static string Fixture(string name) => Path.Combine(Root, "tests", "Course.Tests", "Fixtures", name);

    /// <summary>A new empty folder in this test session's folder under the system's temp folder.</summary>
    public static string TempDirectory(string name)
    {
        string dir = Path.Combine(SessionDirectory.Value, $"{name}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>
    /// This session's folder, named by the process id. The folders of finished sessions are removed when the next one
    /// starts (the test host may be stopped before any exit handler runs).
    /// </summary>
    static readonly Lazy<string> SessionDirectory = new(() =>
    {
        string root = Path.Combine(Path.GetTempPath(), "course-tests");
        if (Directory.Exists(root))
            foreach (string stale in Directory.GetDirectories(root))
                if (int.TryParse(Path.GetFileName(stale), out int pid) && !IsRunning(pid))
                    try { Directory.Delete(stale, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return Directory.CreateDirectory(Path.Combine(root, Environment.ProcessId.ToString(CultureInfo.InvariantCulture))).FullName;
    });

    static bool IsRunning(int pid)
    {
        try { return !Process.GetProcessById(pid).HasExited; }
        catch (ArgumentException) { return false; }
    }

    /// <summary>
    /// Runs <paramref name="file"/> with <paramref name="args"/> in the repository root. Variables set to null in
    /// <paramref name="environment"/> are removed. <paramref name="limit"/> (default 10 minutes) is a safety net against
    /// a hung process, not a speed check.
    /// </summary>
    public static ProcessResult Run(string file, IEnumerable<string> args, IDictionary<string, string?>? environment = null,
        TimeSpan? limit = null)
    {
        TimeSpan wait = limit ?? TimeSpan.FromMinutes(10);
        var psi = new ProcessStartInfo(file) { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args) psi.ArgumentList.Add(a);
        if (environment != null)
            foreach (var (k, v) in environment)
                if (v == null) psi.Environment.Remove(k); else psi.Environment[k] = v;
        using var process = Process.Start(psi)!;
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(wait))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(" ", args)} did not finish within {wait.TotalMinutes:0} minutes");
        }
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result, process.Id);
    }

    /// <summary>Runs <c>./course ARGS</c>.</summary>
    public static ProcessResult Course(IEnumerable<string> args, IDictionary<string, string?>? environment = null) =>
        Run("/bin/bash", ["./course", .. args], environment);

    /// <summary>
    /// The processes a Jupyter client with this process id started: jupyter_client gives each kernel it launches
    /// JPY_PARENT_PID, which the kernel's own children inherit.
    /// </summary>
    public static List<int> KernelsStartedBy(int clientId) =>
        Directory.GetDirectories("/proc").Select(Path.GetFileName).Where(n => n!.All(char.IsAsciiDigit)).Select(int.Parse!)
            .Where(pid =>
            {
                try { return File.ReadAllText($"/proc/{pid}/environ").Split('\0').Contains($"JPY_PARENT_PID={clientId}"); }
                catch (IOException) { return false; } // the process ended meanwhile
                catch (UnauthorizedAccessException) { return false; }
            })
            .ToList();

    /// <summary>Kills what <see cref="KernelsStartedBy"/> finds and returns their ids (a test asserts there were none).</summary>
    public static List<int> KillKernelsStartedBy(int clientId)
    {
        List<int> left = KernelsStartedBy(clientId);
        foreach (int pid in left)
            try { Process.GetProcessById(pid).Kill(); }
            catch (ArgumentException) { } // ended meanwhile
            catch (InvalidOperationException) { }
        return left;
    }

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "course.sln"))) return dir.FullName;
        throw new InvalidOperationException($"course.sln not found above {AppContext.BaseDirectory}.");
    }
}
