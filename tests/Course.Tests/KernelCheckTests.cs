using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Course.Tests;

/// <summary>tools/kernel-check: notebooks through Jupyter's nbclient on the real .NET Interactive kernel.</summary>
public sealed class KernelCheckTests
{
    static ProcessResult Check(IEnumerable<string> args, IDictionary<string, string?>? environment = null)
    {
        var env = new Dictionary<string, string?> { ["PATH"] = KernelPath };
        foreach (var (k, v) in environment ?? new Dictionary<string, string?>()) env[k] = v;
        return Repo.Run("/usr/bin/python3", [Path.Combine("tools", "kernel-check", "kernel_check.py"), .. args], env);
    }

    /// <summary>PATH with the user's .NET tools, where `./course kernel` installs the kernel.</summary>
    static string KernelPath => $"{Environment.GetEnvironmentVariable("PATH")}:{Path.Combine(Environment.GetEnvironmentVariable("HOME")!, ".dotnet", "tools")}";

    [Fact]
    public void A_notebook_passes_with_its_parameters_injected_and_its_chart_as_plotly_and_fails_on_errors_or_text_charts()
    {
        string charts = Repo.Fixture("charts.ipynb"), broken = Repo.Fixture("broken.ipynb"), sourceText = File.ReadAllText(charts);
        string outDir = Repo.TempDirectory("kernel-check");

        ProcessResult r = Check(["--param", "solutions=true", "--out", outDir, charts, broken]);

        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Matches(@"(?m)^  ok    charts +\d+ s  5 code cells, charts: 1$", r.Stdout);
        Assert.Matches(@"(?m)^  FAIL  broken +\d+ s  6 code cells, charts: 0$", r.Stdout);
        Assert.Contains("cell 6 (id c04): System.InvalidOperationException: a deliberate failure", r.Stdout);
        Assert.Contains("cell 7 (id c05): (1,18): error CS0029: Cannot implicitly convert type 'string' to 'int'", r.Stdout);
        Assert.Contains("1 cells call Plot.*, but no output arrived as application/vnd.plotly.v1+json", r.Stdout);
        Assert.EndsWith("kernel-check: 1 passed, 1 failed\n", r.Stdout);
        Assert.DoesNotContain("Traceback", r.Stderr);
        Assert.Equal(sourceText, File.ReadAllText(charts)); // the source notebook is never written

        using JsonDocument executed = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "charts.ipynb")));
        var cells = executed.RootElement.GetProperty("cells").EnumerateArray().ToList();
        Assert.Equal("parameters", cells[1].GetProperty("metadata").GetProperty("tags")[0].GetString());
        Assert.Equal("injected-parameters", cells[2].GetProperty("metadata").GetProperty("tags")[0].GetString());
        Assert.EndsWith("solutions = true;", Source(cells[2]));
        Assert.Contains(cells.SelectMany(c => c.TryGetProperty("outputs", out var o) ? o.EnumerateArray() : []),
            o => o.TryGetProperty("data", out var d) && d.TryGetProperty("application/vnd.plotly.v1+json", out _));
        Assert.True(File.Exists(Path.Combine(outDir, "broken.ipynb")));
        Assert.True(File.Exists(Path.Combine(outDir, "charts.kernel.log")));
    }

    static string Source(JsonElement cell) => cell.GetProperty("source") is { ValueKind: JsonValueKind.Array } lines
        ? string.Concat(lines.EnumerateArray().Select(l => l.GetString()))
        : cell.GetProperty("source").GetString()!;

    [Fact]
    public void Without_the_injected_parameter_the_fixture_fails_so_the_injection_is_what_makes_it_pass()
    {
        ProcessResult r = Check(["--out", Repo.TempDirectory("kernel-check"), Repo.Fixture("charts.ipynb")]);

        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains("cell 3 (id c02): System.InvalidOperationException: solutions is false: the parameter was not injected", r.Stdout);
        Assert.EndsWith("kernel-check: 0 passed, 1 failed\n", r.Stdout);
    }

    [Fact]
    public void A_notebook_running_past_its_timeout_fails_and_its_kernel_is_stopped()
    {
        ProcessResult r = Check(["--timeout", "20", "--out", Repo.TempDirectory("kernel-check"), Repo.Fixture("sleeps.ipynb")]);

        Assert.True(r.ExitCode == 1, r.ToString());
        Assert.Contains("timed out after 20 s, in cell 3 (id c02)", r.Stdout);
        Assert.EndsWith("kernel-check: 0 passed, 1 failed\n", r.Stdout);
        Assert.Empty(Repo.KillKernelsStartedBy(r.ProcessId));
    }

    [Theory]
    [InlineData("TERM", 143)]
    [InlineData("INT", 130)]
    public async Task A_signal_stops_the_check_and_its_kernel(string signal, int exitCode)
    {
        var psi = new ProcessStartInfo("/usr/bin/python3") { WorkingDirectory = Repo.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { "tools/kernel-check/kernel_check.py", "--out", Repo.TempDirectory("kernel-check"), Repo.Fixture("sleeps.ipynb"), Repo.Fixture("charts.ipynb") })
            psi.ArgumentList.Add(a);
        psi.Environment["PATH"] = KernelPath;
        using var check = Process.Start(psi)!;
        Task<string> stdout = check.StandardOutput.ReadToEndAsync(), stderr = check.StandardError.ReadToEndAsync();
        List<int> left;
        try
        {
            var waited = Stopwatch.StartNew();
            while (Repo.KernelsStartedBy(check.Id).Count == 0 && waited.Elapsed < TimeSpan.FromMinutes(5) && !check.HasExited)
                await Task.Delay(200);
            await Task.Delay(TimeSpan.FromSeconds(5)); // into the kernel's start-up or the sleeping cell

            await Process.Start("kill", ["-" + signal, check.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExitAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await check.WaitForExitAsync(limit.Token);
        }
        finally
        {
            left = Repo.KillKernelsStartedBy(check.Id);
            if (!check.HasExited) check.Kill();
        }

        Assert.Equal(exitCode, check.ExitCode);
        string errors = await stderr;
        Assert.Contains($"kernel-check: stopped by SIG{signal}; the kernel was shut down", errors);
        Assert.DoesNotContain("Traceback", errors);
        Assert.DoesNotMatch(@"(?m)^  (ok|FAIL)  ", await stdout); // no notebook finished: the next one never started
        Assert.Empty(left);
    }

    [Theory]
    [InlineData("no/such.ipynb", "kernel-check: no such notebook: no/such.ipynb.")]
    [InlineData("--param 1x=2 FIXTURE", "kernel-check: --param expects NAME=EXPR with a C# variable name and expression, got \"1x=2\".")]
    [InlineData("--param solutions FIXTURE", "kernel-check: --param expects NAME=EXPR with a C# variable name and expression, got \"solutions\".")]
    [InlineData("--timeout 0 FIXTURE", "kernel-check: --timeout expects a positive number of seconds, got 0.")]
    [InlineData("--out FIXTURES FIXTURE", "kernel-check: --out FIXTURES holds the source notebooks; choose another folder.")]
    public void Usage_errors_exit_with_2_and_say_what_is_wrong(string args, string message)
    {
        string fixture = Repo.Fixture("charts.ipynb"), fixtures = Path.GetDirectoryName(fixture)!;
        var argv = args.Split(' ').Select(a => a.Replace("FIXTURES", fixtures).Replace("FIXTURE", fixture)).ToList();
        if (!argv.Contains("--out")) argv.AddRange(["--out", Repo.TempDirectory("kernel-check")]);

        ProcessResult r = Check(argv);

        Assert.Equal(2, r.ExitCode);
        Assert.Equal(message.Replace("FIXTURES", fixtures) + "\n", r.Stderr);
    }

    [Fact]
    public void A_file_that_is_not_a_notebook_is_a_usage_error()
    {
        string bad = Path.Combine(Repo.TempDirectory("bad"), "cut-short.ipynb");
        File.WriteAllText(bad, "{\"cells\": [");

        ProcessResult r = Check(["--out", Repo.TempDirectory("kernel-check"), bad]);

        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith($"kernel-check: {bad} is not a readable notebook (NotJSONError: ", r.Stderr);
    }

    [Fact]
    public void A_missing_kernel_is_reported_with_the_command_that_installs_it()
    {
        string home = Repo.TempDirectory("home"); // no ~/.local/share/jupyter/kernels/.net-csharp here
        ProcessResult r = Check(["--out", Repo.TempDirectory("kernel-check"), Repo.Fixture("charts.ipynb")],
            new Dictionary<string, string?> { ["HOME"] = home, ["JUPYTER_DATA_DIR"] = null, ["JUPYTER_PATH"] = null });

        Assert.Equal(2, r.ExitCode);
        Assert.Equal("kernel-check: the Jupyter kernel \".net-csharp\" is not installed; run ./course kernel to install it.\n", r.Stderr);
    }

    [Fact]
    public void A_kernel_that_is_not_on_path_is_reported_with_the_fix()
    {
        string path = string.Join(':', Environment.GetEnvironmentVariable("PATH")!.Split(':').Where(d => !File.Exists(Path.Combine(d, "dotnet-interactive"))));
        ProcessResult r = Check(["--out", Repo.TempDirectory("kernel-check"), Repo.Fixture("charts.ipynb")],
            new Dictionary<string, string?> { ["PATH"] = path });

        Assert.Equal(2, r.ExitCode);
        Assert.Equal("kernel-check: the kernel runs \"dotnet interactive\", but dotnet-interactive is not on PATH; "
            + "run ./course kernel, then add ~/.dotnet/tools to PATH.\n", r.Stderr);
    }
}
