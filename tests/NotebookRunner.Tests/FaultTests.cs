using System.Diagnostics;
using System.Globalization;

namespace NotebookRunner.Tests;

/// <summary>What the runner does when things go wrong around the notebooks: it is killed, its output folder cannot be
/// written or fills up, the output folder leads to the sources through a link, a notebook is not C#, a cell exits.</summary>
public sealed class FaultTests
{
    static string Faults => Path.Combine(Runner.FixturesDirectory, "faults");

    [Theory]
    [InlineData("KILL")]
    [InlineData("TERM")] // what `timeout` sends
    public void Killing_the_runner_kills_its_notebook_process(string signal)
    {
        string outDir = Runner.TempDirectory("killed");
        using Process runner = Runner.Start(["run", Path.Combine(Runner.FixturesDirectory, "timeout"), "--cell-timeout", "300", "--out", outDir]);
        try
        {
            // Wait until the notebook process runs the cell that sleeps for a minute.
            string log = Path.Combine(outDir, "timeout.log");
            var clock = Stopwatch.StartNew();
            while (!(File.Exists(log) && File.ReadAllText(log).Contains("start cell 2", StringComparison.Ordinal)))
            {
                if (runner.HasExited) Assert.Fail($"the runner ended early: {runner.StandardOutput.ReadToEnd()}{runner.StandardError.ReadToEnd()}");
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(3), "the notebook did not reach its slow cell within 3 minutes");
                Thread.Sleep(200);
            }
            int child = Assert.Single(Children(runner.Id));

            Signal(runner.Id, signal);
            Assert.True(runner.WaitForExit(TimeSpan.FromSeconds(30)), "the runner did not stop");
            clock.Restart();
            while (Alive(child) && clock.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(100);
            Assert.False(Alive(child), $"the notebook process {child} still runs {clock.Elapsed.TotalSeconds:0} s after the runner got SIG{signal}");
        }
        finally
        {
            if (!runner.HasExited) runner.Kill(entireProcessTree: true);
        }
    }

    [Theory]
    [InlineData("/sys/notebook-runner-out", "cannot create the output folder /sys/notebook-runner-out:")]
    [InlineData("/sys", "cannot write into the output folder /sys:")]
    public void An_output_folder_that_cannot_be_written_is_a_clear_error_before_anything_runs(string outDir, string message)
    {
        // /sys refuses new files and folders even to root, so this holds for any user.
        var clock = Stopwatch.StartNew();
        RunResult r = Runner.Exec(["run", Path.Combine(Faults, "small.ipynb"), "--out", outDir], outDir);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"NotebookRunner: {message}", r.Stderr);
        Assert.Contains("--out DIR", r.Stderr); // what to do
        Assert.DoesNotContain("Unhandled exception", r.Stderr);
        Assert.Equal("", r.Stdout); // no notebook started
    }

    [Fact]
    public void An_output_path_that_is_a_file_is_a_clear_error()
    {
        string file = Path.Combine(Runner.TempDirectory("file-out"), "not-a-folder");
        File.WriteAllText(file, "x");
        RunResult r = Runner.Exec(["run", Path.Combine(Faults, "small.ipynb"), "--out", file], file);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"NotebookRunner: cannot create the output folder {file}:", r.Stderr);
        Assert.Equal("x", File.ReadAllText(file));
    }

    [Fact]
    public void A_disk_that_fills_mid_run_fails_that_notebook_cleanly_and_the_others_still_run()
    {
        // A file-size limit makes writes beyond 200 KiB fail, as a full disk does: the notebook whose second cell prints
        // 300,000 characters cannot be saved after that cell. (SIGXFSZ is ignored so the write fails instead of killing
        // the process; the runtime's W^X double mapping, which creates a large file, is switched off.)
        string outDir = Runner.TempDirectory("full");
        RunResult r = Runner.Run([Path.Combine(Faults, "big-output.ipynb"), Path.Combine(Faults, "small.ipynb")], outDir,
            environment: new Dictionary<string, string> { ["DOTNET_EnableWriteXorExecute"] = "0" },
            wrapper: ["bash", "-c", "trap '' XFSZ; ulimit -f 200; exec \"$@\"", "bash"]);

        Assert.Equal(1, r.ExitCode);
        Assert.Contains($"[1/2] big-output: FAILED after 2 of 3 cells", r.Stdout);
        Assert.Contains($"could not save the executed notebook {Path.Combine(outDir, "big-output.ipynb")}: Specified file length was too large", r.Stdout);
        Assert.Contains("[2/2] small: ok, 1 cell in", r.Stdout);
        Assert.Matches(@"big-output\s+failed\s+2/3", r.Stdout); // the summary
        Assert.Matches(@"total\s+1/2 ok", r.Stdout);

        // The last good save (after cell 1) is intact, and no temporary file is left behind.
        ExecutedNotebook saved = r.Notebook("big-output");
        Assert.Equal("small output\n", saved.Stream("c01"));
        Assert.Empty(saved.Outputs("c02"));
        Assert.Empty(Directory.GetFiles(outDir, "*.tmp"));
        Assert.Equal("a small notebook\n", r.Notebook("small").Stream("c01"));
    }

    [Fact]
    public void An_output_folder_that_links_to_the_sources_is_refused_and_the_source_is_untouched()
    {
        string dir = Runner.TempDirectory("links");
        string sources = Path.Combine(dir, "notebooks");
        Directory.CreateDirectory(sources);
        string notebook = Path.Combine(sources, "small.ipynb");
        File.Copy(Path.Combine(Faults, "small.ipynb"), notebook);
        string original = File.ReadAllText(notebook);

        string folderLink = Path.Combine(dir, "out-link");
        Directory.CreateSymbolicLink(folderLink, sources);
        RunResult r = Runner.Run([notebook], outDir: folderLink);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"NotebookRunner: the output folder {folderLink} holds the source notebook {notebook}", r.Stderr);

        string outDir = Path.Combine(dir, "out");
        Directory.CreateDirectory(outDir);
        File.CreateSymbolicLink(Path.Combine(outDir, "small.ipynb"), notebook);
        r = Runner.Run([notebook], outDir: outDir);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"NotebookRunner: the output folder {outDir} holds the source notebook {notebook} (its small.ipynb is a link to it)", r.Stderr);

        Assert.Equal(original, File.ReadAllText(notebook));
        Assert.False(File.Exists(Path.Combine(sources, "small.log")));
    }

    [Fact]
    public void A_notebook_in_another_language_is_skipped_with_the_reason_in_the_summary_and_the_executed_file()
    {
        RunResult r = Runner.Run([Path.Combine(Faults, "python.ipynb"), Path.Combine(Faults, "small.ipynb")]);
        Assert.True(r.ExitCode == 0, r.ToString()); // skipping is not a failure
        const string reason = "the notebook is in python (kernel python3); the runner runs C# notebooks (.NET Interactive) only";
        Assert.Contains($"[1/2] python: skipped: {reason}", r.Stdout);
        Assert.Matches(@"python\s+skipped\s+0/1", r.Stdout);
        Assert.Contains($"python: skipped: {reason}", r.Stdout.Split('\n'));
        Assert.Matches(@"total\s+1/2 ok", r.Stdout);

        ExecutedNotebook nb = r.Notebook("python");
        Assert.Equal("skipped", nb.Root["metadata"]!["notebook_runner"]!["status"]!.GetValue<string>());
        Assert.Equal(reason, nb.Root["metadata"]!["notebook_runner"]!["reason"]!.GetValue<string>());
        Assert.Null(nb.ExecutionCount("c01"));
        NbFormat.AssertValid(nb.Path);
    }

    [Fact]
    public void A_cell_that_exits_the_process_keeps_what_it_printed()
    {
        RunResult r = Runner.Run([Path.Combine(Faults, "exit.ipynb")]);
        Assert.Equal(1, r.ExitCode);
        Assert.Matches(@"exit\s+failed\s+2/3", r.Stdout);
        ExecutedNotebook nb = r.Notebook("exit");
        Assert.Equal("before the exit\n", nb.Stream("c01"));
        Assert.Equal("last words\n", nb.Stream("c02"));
        var error = nb.Error("c02");
        Assert.Equal("ProcessExited", error["ename"]!.GetValue<string>());
        Assert.StartsWith("cell 3 [id c02] ended the notebook's process (exit code 3)", error["evalue"]!.GetValue<string>());
        Assert.Null(nb.ExecutionCount("c03"));
        NbFormat.AssertValid(nb.Path);
    }

    /// <summary>The processes whose parent is <paramref name="pid"/> (from /proc/*/stat).</summary>
    static List<int> Children(int pid)
    {
        var children = new List<int>();
        foreach (string dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out int candidate)) continue;
            try
            {
                string stat = File.ReadAllText(Path.Combine(dir, "stat"));
                string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // state, ppid, ...
                if (int.Parse(fields[1], CultureInfo.InvariantCulture) == pid) children.Add(candidate);
            }
            catch (IOException) { /* ended meanwhile */ }
        }
        return children;
    }

    /// <summary>Whether the process exists and is not a zombie.</summary>
    static bool Alive(int pid)
    {
        string stat = $"/proc/{pid}/stat";
        try { return File.Exists(stat) && File.ReadAllText(stat) is var text && text[text.LastIndexOf(')') + 2] != 'Z'; }
        catch (IOException) { return false; }
    }

    static void Signal(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}
