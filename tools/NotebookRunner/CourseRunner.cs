using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using NotebookRunner.Book;
using NotebookRunner.Execution;
using NotebookRunner.Notebooks;

namespace NotebookRunner;

/// <summary>One notebook of a run: where it came from, where its executed copy is, and how it went.</summary>
sealed record RunEntry(string Name, string Source, string Output, string Log, NotebookResult Result);

/// <summary>
/// The <c>run</c> verb: checks everything it can before any notebook runs (the output folder, the parameters, the
/// profile), then runs every notebook in its own child process (a fresh kernel each, and a native crash takes down only
/// that notebook), shows progress, prints a summary table and optionally writes the HTML book.
/// </summary>
static class CourseRunner
{
    public static int Run(RunOptions options)
    {
        if (options.Inputs.Count == 0) throw new UsageException("name at least one notebook, folder or glob to run.");
        List<string> notebooks = Resolve(options.Inputs);
        var duplicate = notebooks.GroupBy(Path.GetFileName).FirstOrDefault(g => g.Count() > 1);
        if (duplicate != null)
            throw new UsageException($"two notebooks are named {duplicate.Key} ({string.Join(", ", duplicate)}); their outputs would collide in one output folder.");
        string outDir = OutputFolder.Prepare(options.OutputDirectory);
        var plans = notebooks.Select(source => Plan(options, source, outDir)).ToList();
        CheckParameters(options, plans);

        var terminal = Terminal.ForConsole();
        var entries = new List<RunEntry>();
        for (int i = 0; i < plans.Count; i++)
        {
            Planned p = plans[i];
            var progress = new NotebookProgress(i + 1, plans.Count, p.Name);
            NotebookResult result = p.Notebook?.OtherLanguage is { } reason
                ? Skip(p, reason)
                : RunOne(options, p, progress, terminal);
            entries.Add(new RunEntry(p.Name, p.Source, p.Output, p.Log, result));
            terminal.Line($"{progress.Prefix}: {Describe(result)}");
            if (!result.Succeeded && !string.IsNullOrWhiteSpace(result.Details))
                foreach (string line in result.Details.Split('\n')) terminal.Line("    " + line);
        }

        terminal.Line("");
        terminal.Line(SummaryTable(entries));
        foreach (RunEntry e in entries.Where(e => e.Result.Status != NotebookResult.Ok))
            terminal.Line($"{e.Name}: {e.Result.Status}: {e.Result.Error}");
        if (options.Book)
        {
            try { terminal.Line($"HTML book: {BookWriter.Write(Path.Combine(outDir, "book"), entries)}"); }
            catch (Exception e) when (e is GanCourse.NpmAssetException || Notebook.IsWriteFailure(e))
            {
                Console.Error.WriteLine($"HTML book not written: {e.Message}"); // after the summary, on stderr as an error
                return 1;
            }
        }
        return entries.All(e => e.Result.Succeeded) ? 0 : 1;
    }

    /// <summary>A notebook to run: its paths, and its content when it could be read (the child reports it otherwise).</summary>
    sealed record Planned(string Name, string Source, string Output, string Log, Notebook? Notebook);

    static Planned Plan(RunOptions options, string source, string outDir)
    {
        string name = Path.GetFileNameWithoutExtension(source);
        string output = options.InPlace ? source : Path.Combine(outDir, name + ".ipynb");
        if (!options.InPlace && OutputFolder.RealPath(output) is var real && real == source)
            throw new UsageException($"the output folder {options.OutputDirectory} holds the source notebook {source}" +
                                     (real != output ? $" (its {name}.ipynb is a link to it)" : "") +
                                     "; choose another --out, or pass --in-place to write the outputs into the sources.");
        Notebook? notebook = null;
        try { notebook = Notebook.Load(source); }
        catch (NotebookFormatException) { /* the child reports it, as that notebook's failure */ }
        return new Planned(name, source, output, Path.Combine(outDir, name + ".log"), notebook);
    }

    /// <summary>Every --param (and --profile) must be a parameter each C# notebook of the run declares.</summary>
    static void CheckParameters(RunOptions options, List<Planned> plans)
    {
        var problems = plans.Where(p => p.Notebook is { OtherLanguage: null })
            .Select(p => ParameterInjection.Problem(p.Notebook!, options.Parameters, Path.GetFileName(p.Source)))
            .OfType<string>().ToList();
        if (problems.Count > 0) throw new UsageException(string.Join("\n", problems));
    }

    /// <summary>Files, folders (their *.ipynb, sorted) and globs (* and ? in the file name) to the notebooks' real paths.</summary>
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
        return found.Select(OutputFolder.RealPath).Distinct().ToList();
    }

    /// <summary>A notebook in another language: not run; its executed copy says why in its metadata.</summary>
    static NotebookResult Skip(Planned p, string reason)
    {
        int codeCells = p.Notebook!.Cells.Count(c => c.IsCode);
        if (p.Output != p.Source)
        {
            p.Notebook.Root["metadata"]!["notebook_runner"] = new JsonObject { ["status"] = NotebookResult.Skipped, ["reason"] = reason };
            try { p.Notebook.Save(p.Output); }
            catch (Exception e) when (Notebook.IsWriteFailure(e))
            {
                return new NotebookResult(NotebookResult.Failed, 0, codeCells, 0, $"could not write {p.Output}: {e.Message}");
            }
        }
        return new NotebookResult(NotebookResult.Skipped, 0, codeCells, 0, reason);
    }

    static NotebookResult RunOne(RunOptions options, Planned p, NotebookProgress progress, Terminal terminal)
    {
        var clock = Stopwatch.StartNew();
        using Process child = Process.Start(ChildProcess(options, p)) ?? throw new InvalidOperationException("could not start a notebook process");
        child.StandardInput.Close(); // a cell reading the console gets end-of-input, never blocks
        var tail = new Queue<string>();
        ChildMessage? started = null;
        NotebookResult? result = null;
        void OnLine(string? line)
        {
            if (line == null) return;
            ChildMessage? message = ChildMessage.Decode(line);
            lock (tail)
            {
                switch (message?.Kind)
                {
                    case null:
                        tail.Enqueue(line);
                        if (tail.Count > 40) tail.Dequeue();
                        return;
                    case ChildMessage.Start:
                        started = message;
                        progress.CellStarted(message.Cell, message.Cells);
                        break;
                    case ChildMessage.Progress:
                        progress.Training(message.Text);
                        break;
                    case ChildMessage.Done:
                        result = message.Result;
                        break;
                }
            }
            terminal.Progress(progress.Render());
        }
        child.OutputDataReceived += (_, e) => OnLine(e.Data);
        child.ErrorDataReceived += (_, e) => OnLine(e.Data);
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        terminal.Progress(progress.Render());
        using (terminal.Interactive ? new Timer(_ => terminal.Progress(progress.Render()), null, 1000, 1000) : null)
            child.WaitForExit(); // also waits until both streams are read to their end

        // The time reported is the notebook's wall time: process and kernel start-up, and its cells.
        return result != null
            ? result with { Seconds = clock.Elapsed.TotalSeconds }
            : Crashed(p, child.ExitCode, started, [.. tail], clock.Elapsed.TotalSeconds);
    }

    /// <summary>This program again, as <c>exec</c> of one notebook, in the notebook's folder (as in VS Code).</summary>
    static ProcessStartInfo ChildProcess(RunOptions options, Planned p)
    {
        string host = Environment.ProcessPath!;
        var psi = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(p.Source)!,
        };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet") psi.ArgumentList.Add(typeof(CourseRunner).Assembly.Location);
        foreach (string a in (string[])["exec", p.Source, "--output", p.Output, "--log", p.Log, "--parent", Environment.ProcessId.ToString(CultureInfo.InvariantCulture)])
            psi.ArgumentList.Add(a);
        foreach (string a in options.ChildArguments()) psi.ArgumentList.Add(a);
        return psi;
    }

    /// <summary>
    /// The child died without reporting (a native abort, a segfault, the OOM killer): the last cell it said it started
    /// gets an error output with the process's last lines, in the partial notebook the child saved, and the log says so.
    /// </summary>
    static NotebookResult Crashed(Planned p, int exitCode, ChildMessage? started, string[] tail, double seconds)
    {
        string signal = exitCode > 128 ? $" (signal {exitCode - 128}{SignalName(exitCode - 128)})" : "";
        string where = started != null ? $"while running {started.Label}" : "before running any cell";
        string message = $"the notebook's process died {where}: exit code {exitCode}{signal}";
        try { File.AppendAllText(p.Log, $"{DateTime.UtcNow:HH:mm:ss.fff} crashed: {message}\n"); }
        catch (Exception e) when (Notebook.IsWriteFailure(e)) { /* the message is in the summary */ }

        if (started != null && File.Exists(p.Output))
        {
            try
            {
                Notebook partial = Notebook.Load(p.Output);
                if (partial.Cells.FirstOrDefault(c => c.Id == started.CellId) is { } cell)
                {
                    cell.Outputs.Add(new JsonObject
                    {
                        ["output_type"] = "error",
                        ["ename"] = "ProcessCrashed",
                        ["evalue"] = message,
                        ["traceback"] = new JsonArray([.. new[] { message, "last lines the process printed:" }.Concat(tail).Select(t => (JsonNode?)t)]),
                    });
                    cell.Metadata["notebook_runner"] = new JsonObject { ["status"] = "crashed" };
                    partial.Save(p.Output);
                }
            }
            catch (Exception e) when (e is NotebookFormatException || Notebook.IsWriteFailure(e))
            {
                /* the partial notebook stays as the child left it */
            }
        }
        int codeCells = started?.Cells ?? p.Notebook?.Cells.Count(c => c.IsCode) ?? 0;
        return new NotebookResult(NotebookResult.Crashed, started?.Cell ?? 0, codeCells, seconds, message,
            string.Join("\n", tail.Length > 0 ? ["last lines the process printed:", .. tail] : Array.Empty<string>()));
    }

    static string SignalName(int signal) => signal switch
    {
        6 => ", SIGABRT: a native library aborted",
        9 => ", SIGKILL: killed, e.g. out of memory",
        11 => ", SIGSEGV: a native library crashed",
        15 => ", SIGTERM: stopped from outside",
        _ => "",
    };

    static string Describe(NotebookResult r) => r.Status switch
    {
        NotebookResult.Ok => $"ok, {r.CellsRun} cell{(r.CellsRun == 1 ? "" : "s")} in {Duration(r.Seconds)}" +
                             (r.SkippedCells > 0 ? $" ({r.SkippedCells} cell{(r.SkippedCells == 1 ? "" : "s")} of other kernels skipped)" : ""),
        NotebookResult.Skipped => $"skipped: {r.Error}",
        _ => $"{r.Status.ToUpperInvariant()} after {r.CellsRun} of {r.CodeCells} cells ({Duration(r.Seconds)}): {r.Error}",
    };

    internal static string Duration(double seconds) =>
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

/// <summary>The running notebook's progress line: its number, name, cell i/n, elapsed time and the training progress
/// its running cell last reported.</summary>
sealed class NotebookProgress(int index, int total, string name)
{
    readonly Stopwatch clock = Stopwatch.StartNew();
    readonly Lock gate = new();
    int cell, cells;
    string? training;

    /// <summary>"[3/10] name", which the notebook's result line starts with too.</summary>
    public string Prefix => $"[{index}/{total}] {name}";

    public void CellStarted(int ordinal, int count)
    {
        lock (gate) (cell, cells, training) = (ordinal, count, null);
    }

    public void Training(string? text)
    {
        lock (gate) training = text;
    }

    public string Render()
    {
        lock (gate)
            return $"{Prefix}  {(cell == 0 ? "starting the kernel" : $"cell {cell}/{cells}")}  " +
                   $"{clock.Elapsed.ToString(@"m\:ss", CultureInfo.InvariantCulture)}{(training != null ? "  " + training : "")}";
    }
}
