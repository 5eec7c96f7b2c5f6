using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace GanCourse.Bench;

/// <summary>
/// Runs peer.py (the same GAN step in PyTorch) as a child process with Debian's python3-torch, OpenBLAS first on its
/// library path, and reads its figures. The child dies with this process: peer.py asks the kernel for SIGKILL when its
/// parent exits (PR_SET_PDEATHSIG, which covers a SIGKILL of the bench), and a SIGINT/SIGTERM/SIGHUP/SIGQUIT of the
/// bench kills it first.
/// </summary>
static class PyTorchPeer
{
    public const string Python = "/usr/bin/python3";
    const string OpenBlasDir = "/usr/lib/x86_64-linux-gnu/openblas-openmp";
    const string TorchPackage = "/usr/lib/python3/dist-packages/torch/__init__.py";

    /// <summary>What is missing for the peer (with the apt command that installs it), or null when it can run.</summary>
    public static string? Missing()
    {
        var packages = new List<string>();
        if (!File.Exists(Python) || !File.Exists(TorchPackage)) packages.Add("python3-torch");
        if (!File.Exists(Path.Combine(OpenBlasDir, "libblas.so.3"))) packages.Add("libopenblas0-openmp");
        return packages.Count == 0
            ? null
            : $"the PyTorch peer needs Debian's {string.Join(" and ", packages)} ({Python}, {TorchPackage}, {OpenBlasDir}/libblas.so.3); " +
              $"install with: sudo apt-get install {string.Join(" ", packages)}";
    }

    /// <summary>One timed run of the peer, as peer.py reports it.</summary>
    public sealed record Run(double WallMs, double CpuMs, double? GemmWallMs, double? GemmCpuMs, double RssMb);

    /// <summary>
    /// Runs peer.py with <paramref name="arguments"/> and <paramref name="threads"/> threads; prints its "info" line and
    /// returns its runs. Throws <see cref="InvalidOperationException"/> with its stderr if it fails.
    /// </summary>
    public static List<Run> Measure(IEnumerable<string> arguments, int threads, bool mallocTuned)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "peer.py"));
        foreach (string a in arguments) start.ArgumentList.Add(a);
        string? libraryPath = Environment.GetEnvironmentVariable("LD_LIBRARY_PATH");
        // Debian's torch links libblas.so.3; without this the alternatives may give it the slow reference BLAS.
        start.Environment["LD_LIBRARY_PATH"] = string.IsNullOrEmpty(libraryPath) ? OpenBlasDir : $"{OpenBlasDir}:{libraryPath}";
        start.Environment["OMP_NUM_THREADS"] = threads.ToString();
        start.Environment.Remove("PYTHONPATH"); // e.g. a pyenv's packages would shadow Debian's
        start.Environment.Remove("PYTHONHOME");
        if (mallocTuned) // the same glibc malloc settings as MallocTuning gives this process
            start.Environment["GLIBC_TUNABLES"] = "glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=67108864:glibc.malloc.top_pad=16777216";

        using var child = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Python}");
        var stopOnSignal = new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT }
            .Select(s => PosixSignalRegistration.Create(s, _ => Kill(child))).ToList();
        var stderr = new StringBuilder();
        child.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        child.BeginErrorReadLine();
        var runs = new List<Run>();
        try
        {
            while (child.StandardOutput.ReadLine() is string line)
            {
                using var json = JsonDocument.Parse(line);
                var o = json.RootElement;
                if (o.GetProperty("kind").GetString() == "info")
                {
                    var blas = o.GetProperty("blas").EnumerateArray().Select(b => b.GetString()).ToList();
                    Console.WriteLine($"# PyTorch {o.GetProperty("torch").GetString()} (python {o.GetProperty("python").GetString()}), " +
                                      $"{o.GetProperty("threads").GetInt32()} threads, BLAS loaded: {string.Join(", ", blas)}" +
                                      (mallocTuned ? ", malloc tuned (GLIBC_TUNABLES)" : ""));
                    if (!blas.Any(b => b!.Contains("openblas")))
                        Console.WriteLine($"#   warning: OpenBLAS is not loaded; PyTorch runs on a slower BLAS ({OpenBlasDir} missing?)");
                    continue;
                }
                double? Optional(string name) => o.GetProperty(name).ValueKind == JsonValueKind.Null ? null : o.GetProperty(name).GetDouble();
                runs.Add(new Run(o.GetProperty("wall_ms").GetDouble(), o.GetProperty("cpu_ms").GetDouble(),
                    Optional("gemm_wall_ms"), Optional("gemm_cpu_ms"), o.GetProperty("rss_mb").GetDouble()));
            }
            child.WaitForExit();
        }
        finally
        {
            Kill(child);
            foreach (var r in stopOnSignal) r.Dispose();
        }
        if (child.ExitCode != 0)
            throw new InvalidOperationException($"peer.py exited with code {child.ExitCode}:{Environment.NewLine}{stderr.ToString().TrimEnd()}");
        return runs;
    }

    static void Kill(Process child)
    {
        try
        {
            if (!child.HasExited) child.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { } // exited meanwhile
    }
}
