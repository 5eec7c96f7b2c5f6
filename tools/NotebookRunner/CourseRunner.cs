using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NotebookRunner.Book;
using NotebookRunner.Execution;
using NotebookRunner.Notebooks;
using NotebookRunner.Packages;

namespace NotebookRunner;

/// <summary>One notebook of a run: where it came from, where its executed copy is, and how it went.</summary>
sealed record RunEntry(string Name, string Source, string Output, string Log, NotebookResult Result);

/// <summary>
/// The <c>run</c> verb: runs every notebook in its own child process (a fresh kernel each, and a native crash takes
/// down only that notebook), shows progress, prints a summary table and optionally writes the HTML book.
/// </summary>
static partial class CourseRunner
{
    public static int Run(RunOptions options)
    {
        if (options.Inputs.Count == 0) throw new UsageException("name at least one notebook, folder or glob to run.");
        List<string> notebooks = Resolve(options.Inputs);
        string outDir = Path.GetFullPath(options.OutputDirectory);
        var duplicate = notebooks.GroupBy(Path.GetFileName).FirstOrDefault(g => g.Count() > 1);
        if (duplicate != null)
            throw new UsageException($"two notebooks are named {duplicate.Key} ({string.Join(", ", duplicate)}); their outputs would collide in {outDir}.");
        Directory.CreateDirectory(outDir);

        var terminal = new Terminal();
        var entries = new List<RunEntry>();
        for (int i = 0; i < notebooks.Count; i++)
        {
            string source = notebooks[i];
            string name = Path.GetFileNameWithoutExtension(source);
            string output = options.InPlace ? source : Path.Combine(outDir, name + ".ipynb");
            if (!options.InPlace && Path.GetFullPath(output) == source)
                throw new UsageException($"the output folder {outDir} holds the source notebook {source}; choose another --out or pass --in-place.");
            terminal.Line($"[{i + 1}/{notebooks.Count}] {name}");
            RunEntry entry = RunOne(options, source, output, Path.Combine(outDir, name + ".log"), terminal);
            entries.Add(entry);
            terminal.Line($"[{i + 1}/{notebooks.Count}] {name}: {Describe(entry.Result)}");
        }

        terminal.Line("");
        terminal.Line(SummaryTable(entries));
        if (options.Book)
        {
            try { terminal.Line($"HTML book: {BookWriter.Write(Path.Combine(outDir, "book"), entries)}"); }
            catch (Exception e) when (e is GanCourse.NpmAssetException or IOException or UnauthorizedAccessException)
            {
                terminal.Line($"HTML book not written: {e.Message}", isError: true);
                return 1;
            }
        }
        return entries.All(e => e.Result.Status == NotebookResult.Ok) ? 0 : 1;
    }

    /// <summary>Files, folders (their *.ipynb, sorted) and globs (* and ? in the file name) to notebook paths.</summary>
    static List<string> Resolve(IEnumerable<string> inputs)
    {
        var found = new List<string>();
        foreach (string input in inputs)
        {
            string full = Path.GetFullPath(input);
            if (Directory.Exists(full))
            {
                var inFolder = Directory.GetFiles(full, "*.ipynb").Order(StringComparer.Ordinal).ToList();
                if (inFolder.Count == 0) throw new UsageException($"the folder {input} holds no .ipynb notebooks.");
                found.AddRange(inFolder);
            }
            else if (Path.GetFileName(full).IndexOfAny(['*', '?']) >= 0)
            {
                string dir = Path.GetDirectoryName(full)!;
                var matches = Directory.Exists(dir)
                    ? Directory.GetFiles(dir, Path.GetFileName(full)).Order(StringComparer.Ordinal).ToList()
                    : [];
                if (matches.Count == 0) throw new UsageException($"no notebook matches {input}.");
                found.AddRange(matches);
            }
            else if (File.Exists(full)) found.Add(full);
            else throw new UsageException($"no such notebook or folder: {input}.");
        }
        return found.Distinct().ToList();
    }

    static RunEntry RunOne(RunOptions options, string source, string output, string logPath, Terminal terminal)
    {
        string name = Path.GetFileNameWithoutExtension(source);
        string resultPath = Path.Combine(Path.GetDirectoryName(logPath)!, $".{name}.result.json");
        File.Delete(resultPath);
        var clock = Stopwatch.StartNew();

        var psi = new ProcessStartInfo(PackageRestore.DotnetHost())
        {
            RedirectStandardInput = true, // closed at once: a cell reading the console gets end-of-input, never blocks
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(source)!, // as in VS Code: relative paths start at the notebook
        };
        foreach (string a in (string[])[typeof(CourseRunner).Assembly.Location, "exec", source, "--output", output, "--log", logPath, "--result", resultPath])
            psi.ArgumentList.Add(a);
        foreach (string a in options.ChildArguments()) psi.ArgumentList.Add(a);
        string packagesFile = Path.Combine(Path.GetDirectoryName(logPath)!, $".{name}.packages.json");
        string? nativePath = RestorePackages(source, packagesFile, terminal);
        if (File.Exists(packagesFile))
        {
            psi.ArgumentList.Add("--packages");
            psi.ArgumentList.Add(packagesFile);
        }
        if (nativePath != null)
            psi.Environment["LD_LIBRARY_PATH"] = nativePath + (Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") is { Length: > 0 } old ? ":" + old : "");

        var tail = new Queue<string>();
        using var child = Process.Start(psi) ?? throw new InvalidOperationException("could not start a notebook process");
        child.StandardInput.Close();
        void Forward(string? line, bool isError)
        {
            if (line == null) return;
            if (line.StartsWith(NotebookExecutor.ProgressPrefix, StringComparison.Ordinal))
            {
                terminal.Progress(line[NotebookExecutor.ProgressPrefix.Length..]);
                return;
            }
            lock (tail)
            {
                tail.Enqueue(line);
                if (tail.Count > 40) tail.Dequeue();
            }
            terminal.Line(line, isError);
        }
        child.OutputDataReceived += (_, e) => Forward(e.Data, false);
        child.ErrorDataReceived += (_, e) => Forward(e.Data, true);
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        child.WaitForExit();
        terminal.EndProgress();

        // The time reported is the notebook's wall time here: restore, process start-up and cells.
        NotebookResult result = File.Exists(resultPath)
            ? JsonSerializer.Deserialize<NotebookResult>(File.ReadAllText(resultPath))! with { Seconds = clock.Elapsed.TotalSeconds }
            : Crashed(source, output, logPath, child.ExitCode, [.. tail], clock.Elapsed.TotalSeconds);
        File.Delete(resultPath);
        File.Delete(packagesFile);
        return new RunEntry(name, source, output, logPath, result);
    }

    /// <summary>
    /// Restores the notebook's packages before its process starts, into <paramref name="packagesFile"/> for the child,
    /// and returns the folders of their native libraries for the child's LD_LIBRARY_PATH: a native library that needs
    /// another package's library (TorchSharp's binding needs libtorch) then loads as if they shared a folder (the
    /// loader reads that path only at start-up). Restore problems are reported by the child, at the cell that asked.
    /// </summary>
    static string? RestorePackages(string source, string packagesFile, Terminal terminal)
    {
        File.Delete(packagesFile);
        Notebook notebook;
        try { notebook = Notebook.Load(source); }
        catch (NotebookFormatException) { return null; } // the child reports it
        var clock = Stopwatch.StartNew();
        terminal.Progress($"{Path.GetFileNameWithoutExtension(source)}  restoring packages");
        RestoredPackages? packages = CellPlan.RestorePackages(CellPlan.For(notebook), Path.GetDirectoryName(source)!);
        if (packages == null) return null;
        terminal.Progress($"{Path.GetFileNameWithoutExtension(source)}  packages {(packages.Error == null ? "restored" : "failed")} in {clock.Elapsed.TotalSeconds:0.0} s");
        File.WriteAllText(packagesFile, JsonSerializer.Serialize(packages));
        return packages.Error != null || packages.NativeLibraries.Count == 0
            ? null
            : string.Join(":", packages.NativeLibraries.Select(Path.GetDirectoryName).Distinct());
    }

    [GeneratedRegex(@"^\S+ start (?<label>cell (?<n>\d+) \[id (?<id>[^\]]*)\])")]
    private static partial Regex StartLine();

    /// <summary>
    /// The child died without reporting (a native abort, a segfault, the OOM killer): the log's last "start" line names
    /// the cell; that cell gets an error output with the process's last lines, in the partial notebook the child saved.
    /// </summary>
    static NotebookResult Crashed(string source, string output, string logPath, int exitCode, string[] tail, double seconds)
    {
        string[] log = File.Exists(logPath) ? File.ReadAllLines(logPath) : [];
        Match? start = log.Select(l => StartLine().Match(l)).LastOrDefault(m => m.Success);
        string signal = exitCode > 128 ? $" (signal {exitCode - 128}{SignalName(exitCode - 128)})" : "";
        string where = start != null ? $"while running {start.Groups["label"].Value}" : "before running any cell";
        string message = $"the notebook's process died {where}: exit code {exitCode}{signal}";
        File.AppendAllText(logPath, $"{DateTime.UtcNow:HH:mm:ss.fff} crashed: {message}\n");

        int cellsRun = log.Count(l => StartLine().IsMatch(l));
        if (start != null && File.Exists(output))
        {
            try
            {
                Notebook partial = Notebook.Load(output);
                Cell? cell = partial.Cells.FirstOrDefault(c => c.Id == start.Groups["id"].Value);
                if (cell != null)
                {
                    cell.Outputs.Add(new JsonObject
                    {
                        ["output_type"] = "error",
                        ["ename"] = "ProcessCrashed",
                        ["evalue"] = message,
                        ["traceback"] = new JsonArray([.. new[] { message, "last lines the process printed:" }.Concat(tail).Select(t => (JsonNode?)t)]),
                    });
                    cell.Metadata["notebook_runner"] = new JsonObject { ["status"] = "crashed" };
                    partial.Save(output);
                }
            }
            catch (NotebookFormatException) { /* the partial notebook stays as the child left it */ }
        }
        int codeCells = 0;
        try { codeCells = Notebook.Load(source).Cells.Count(c => c.IsCode); }
        catch (NotebookFormatException) { }
        return new NotebookResult(NotebookResult.Crashed, cellsRun, codeCells, seconds, message, null);
    }

    static string SignalName(int signal) => signal switch
    {
        6 => ", SIGABRT: a native library aborted",
        9 => ", SIGKILL: killed, e.g. out of memory",
        11 => ", SIGSEGV: a native library crashed",
        _ => "",
    };

    static string Describe(NotebookResult r) =>
        r.Status == NotebookResult.Ok
            ? $"ok, {r.CellsRun} cells in {Duration(r.Seconds)}"
            : $"{r.Status.ToUpperInvariant()} after {r.CellsRun} of {r.CodeCells} cells ({Duration(r.Seconds)}): {r.Error}";

    static string Duration(double seconds) =>
        seconds < 60 ? $"{seconds.ToString("0.0", CultureInfo.InvariantCulture)} s" : TimeSpan.FromSeconds(seconds).ToString(@"m\:ss", CultureInfo.InvariantCulture);

    /// <summary>notebook | status | cells | time, one row per notebook and a total.</summary>
    public static string SummaryTable(IReadOnlyList<RunEntry> entries)
    {
        var rows = entries.Select(e => new[] { e.Name, e.Result.Status, $"{e.Result.CellsRun}/{e.Result.CodeCells}", Duration(e.Result.Seconds) }).ToList();
        int ok = entries.Count(e => e.Result.Status == NotebookResult.Ok);
        rows.Add(["total", $"{ok}/{entries.Count} ok", entries.Sum(e => e.Result.CellsRun).ToString(CultureInfo.InvariantCulture), Duration(entries.Sum(e => e.Result.Seconds))]);
        string[] header = ["notebook", "status", "cells", "time"];
        int[] width = Enumerable.Range(0, 4).Select(c => rows.Append(header).Max(r => r[c].Length)).ToArray();
        string Row(string[] r) => string.Join("  ", r.Select((v, c) => c >= 2 ? v.PadLeft(width[c]) : v.PadRight(width[c]))).TrimEnd();
        var lines = new List<string> { Row(header), string.Join("  ", width.Select(w => new string('-', w))) };
        lines.AddRange(rows.Take(rows.Count - 1).Select(Row));
        lines.Add(string.Join("  ", width.Select(w => new string('-', w))));
        lines.Add(Row(rows[^1]));
        return string.Join("\n", lines);
    }
}
