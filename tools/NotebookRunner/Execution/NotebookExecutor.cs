using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using NotebookRunner.Formatting;
using NotebookRunner.Notebooks;
using NotebookRunner.Packages;
using NotebookRunner.Scripting;

namespace NotebookRunner.Execution;

/// <summary>What one notebook's run came to; written as JSON by the child process for the parent.</summary>
sealed record NotebookResult(string Status, int CellsRun, int CodeCells, double Seconds, string? Error, string? PlotlyAssembly)
{
    public const string Ok = "ok", Failed = "failed", TimedOut = "timeout", Crashed = "crashed", Unreadable = "unreadable";
}

/// <summary>
/// Runs one notebook in this process (the <c>exec</c> verb): C# cells in order as chained submissions, outputs
/// captured per cell, the notebook saved after every cell and the log line for a cell written before it starts, so a
/// native crash loses nothing and the log names the cell.
/// </summary>
sealed partial class NotebookExecutor
{
    readonly string sourcePath;
    readonly RunOptions options;
    readonly TextWriter terminal;
    readonly StreamWriter log;
    readonly Stopwatch clock = Stopwatch.StartNew();
    readonly string name;

    NotebookExecutor(string sourcePath, RunOptions options, TextWriter terminal, StreamWriter log)
    {
        this.sourcePath = sourcePath;
        this.options = options;
        this.terminal = terminal;
        this.log = log;
        name = Path.GetFileNameWithoutExtension(sourcePath);
    }

    /// <summary>The <c>exec</c> verb: runs the notebook, writes result JSON; returns the process exit code.</summary>
    public static int Exec(RunOptions options)
    {
        if (options.Inputs.Count != 1 || options.OutputFile == null || options.LogFile == null || options.ResultFile == null)
            throw new UsageException("exec needs one notebook and --output, --log and --result.");
        TextWriter terminal = Console.Error;
        using var log = new StreamWriter(options.LogFile, append: false) { AutoFlush = true };
        var executor = new NotebookExecutor(Path.GetFullPath(options.Inputs[0]), options, terminal, log);
        NotebookResult result = executor.Run();
        File.WriteAllText(options.ResultFile, JsonSerializer.Serialize(result));
        return result.Status == NotebookResult.Ok ? 0 : 1;
    }

    NotebookResult Run()
    {
        Notebook notebook;
        try { notebook = Notebook.Load(sourcePath); }
        catch (NotebookFormatException e)
        {
            Log(e.Message);
            return new NotebookResult(NotebookResult.Unreadable, 0, 0, clock.Elapsed.TotalSeconds, e.Message, null);
        }
        Task warmUp = Task.Run(ScriptHost.WarmUp);

        notebook.EnsureCellIds();
        int injected = ParameterInjection.Inject(notebook, options.Parameters, out string? warning);
        if (warning != null) Progress($"note: {warning}");
        var plan = CellPlan.For(notebook);
        foreach (Cell c in notebook.Cells.Where(c => c.IsCode)) c.ClearOutputs();
        int codeCells = plan.Count(p => p is { Skip: null });
        Save(notebook);

        AssemblyResolution.Install();
        string notebookDir = Path.GetDirectoryName(sourcePath)!;
        RestoredPackages? packages = LoadPackages();
        warmUp.Wait();
        var host = new ScriptHost();
        bool packagesReferenced = false;

        Console.SetOut(new CapturingWriter("stdout", Console.Out));
        Console.SetError(new CapturingWriter("stderr", terminal));

        int executionCount = 0, run = 0;
        for (int i = 0; i < notebook.Cells.Count; i++)
        {
            Cell cell = notebook.Cells[i];
            CellPlan? p = plan[i];
            if (p == null) continue;
            string label = CellLabel(i, cell);
            if (p.Skip != null)
            {
                cell.Json["outputs"] = new JsonArray(new JsonObject
                {
                    ["output_type"] = "stream", ["name"] = "stderr", ["text"] = $"[NotebookRunner] skipped: {p.Skip}\n",
                });
                cell.Metadata["notebook_runner"] = new JsonObject { ["status"] = "skipped", ["reason"] = p.Skip };
                Progress($"{label}: skipped ({p.Skip})");
                continue;
            }

            var outputs = new CellOutputs(++executionCount);
            cell.SetExecutionCount(executionCount);
            run++;
            Progress($"cell {run}/{codeCells}");
            Log($"start {label} ({FirstLine(cell.Source)})");
            DateTime started = DateTime.UtcNow;
            var watch = Stopwatch.StartNew();

            CellOutputs.Current = outputs;
            string status = Execute(p, outputs, host, label, notebookDir, i == injected, packages, ref packagesReferenced);
            if (status == "ok" && p.Code.Time)
                outputs.Display(new JsonObject { ["text/plain"] = $"Wall time: {watch.Elapsed.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)}ms" });
            CellOutputs.Current = null;
            outputs.Close();
            Finish(cell, outputs, started, watch.Elapsed, status);
            Save(notebook);
            Log($"end {label}: {status} in {watch.Elapsed.TotalSeconds:0.###} s");
            if (status != "ok")
            {
                string error = ErrorSummary(cell);
                Progress($"{label}: {status}: {error}");
                return new NotebookResult(status == "timeout" ? NotebookResult.TimedOut : NotebookResult.Failed,
                    run, codeCells, clock.Elapsed.TotalSeconds, error, PlotlyAssembly());
            }
        }
        Log($"done: {run} cells in {clock.Elapsed.TotalSeconds:0.###} s");
        return new NotebookResult(NotebookResult.Ok, run, codeCells, clock.Elapsed.TotalSeconds, null, PlotlyAssembly());
    }

    /// <summary>The packages the parent restored (see <see cref="CourseRunner"/>), made resolvable.</summary>
    RestoredPackages? LoadPackages()
    {
        if (options.PackagesFile == null) return null;
        RestoredPackages packages = JsonSerializer.Deserialize<RestoredPackages>(File.ReadAllText(options.PackagesFile))!;
        Log(packages.Error == null
            ? $"packages: {packages.RuntimeAssemblies.Count} assemblies, {packages.NativeLibraries.Count} native libraries"
            : $"packages: restore failed: {packages.Error}");
        foreach (string dll in packages.RuntimeAssemblies) AssemblyResolution.AddManaged(dll);
        foreach (string so in packages.NativeLibraries) AssemblyResolution.AddNative(so);
        return packages;
    }

    /// <summary>Runs one cell; returns "ok", "error" or "timeout" (the error is already an output of the cell).</summary>
    string Execute(CellPlan plan, CellOutputs outputs, ScriptHost host, string label, string notebookDir, bool isInjected,
        RestoredPackages? packages, ref bool packagesReferenced)
    {
        CellCode code = plan.Code;
        if (code.Errors.Count > 0)
        {
            DirectiveError e = code.Errors[0];
            outputs.Error("DirectiveError", $"{label}, line {e.Line}: {e.Message}",
                code.Errors.Select(x => $"{label}, line {x.Line}: {x.Message}"));
            return "error";
        }
        if (code.Packages.Count > 0)
        {
            if (packages?.Error != null)
            {
                string names = string.Join(", ", code.Packages.Select(p => $"{p.Name} {p.Version ?? "(latest)"}"));
                outputs.Error("PackageRestoreError",
                    $"{label}, line {code.Packages[0].Line}: could not restore the NuGet package(s) {names}:\n{packages.Error}",
                    [$"{label}, line {code.Packages[0].Line}: could not restore {names}", .. packages.Error.Split('\n')]);
                return "error";
            }
            if (!packagesReferenced && packages != null)
            {
                foreach (string dll in packages.CompileAssemblies) host.TryAdd(dll);
                packagesReferenced = true;
            }
        }
        foreach (AssemblyReference r in code.Assemblies)
        {
            string path = Path.GetFullPath(r.Path, notebookDir);
            string? problem = !File.Exists(path) ? $"no such file: {path}" : !host.TryAdd(path) ? $"{path} is not a .NET assembly" : null;
            if (problem != null)
            {
                outputs.Error("DirectiveError", $"{label}, line {r.Line}: #r \"{r.Path}\": {problem}",
                    [$"{label}, line {r.Line}: #r \"{r.Path}\" (paths are relative to the notebook's folder, {notebookDir}): {problem}"]);
                return "error";
            }
            AssemblyResolution.AddManaged(path);
            AssemblyResolution.AddProbeDirectory(Path.GetDirectoryName(path)!);
        }
        if (string.IsNullOrWhiteSpace(code.Code)) return "ok";

        Task<CellRun> task = Task.Run(() => host.RunAsync(code.Code, label));
        if (!task.Wait(options.CellTimeout))
        {
            double s = options.CellTimeout.TotalSeconds;
            outputs.Error("CellTimeout",
                $"{label} was still running after {s:0.###} s, the cell timeout; the notebook was stopped. " +
                "Raise --cell-timeout or use a smaller profile.", [$"{label}: timed out after {s:0.###} s (--cell-timeout {s:0.###})"]);
            return "timeout";
        }
        CellRun result = task.Result;
        if (!result.Errors.IsEmpty)
        {
            Diagnostic first = result.Errors[0];
            string hint = isInjected ? " (this cell holds the --param/--profile overrides: check each value's type against the parameters cell)" : "";
            outputs.Error("CompilationError",
                $"{label}, line {first.Location.GetLineSpan().StartLinePosition.Line + 1}: {first.Id}: {first.GetMessage(CultureInfo.InvariantCulture)}{hint}",
                result.Errors.Select(d => d.ToString()));
            return "error";
        }
        if (result.Exception != null)
        {
            outputs.Error(result.Exception.GetType().Name, result.Exception.Message, Traceback(result.Exception, label));
            return "error";
        }
        if (result.HasValue && result.Value is not DisplayedValue)
        {
            try { outputs.Result(MimeFormatter.Format(result.Value, [])); }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                outputs.Error(e.GetType().Name, $"{label}: the cell's value could not be formatted: {e.Message}", Traceback(e, label));
                return "error";
            }
        }
        return "ok";
    }

    [GeneratedRegex(@" in (?<cell>cell \d+[^:]*):line (?<line>\d+)")]
    private static partial Regex CellFrame();

    /// <summary>The exception and its inner exceptions with the frames of notebook code (Roslyn's own frames dropped),
    /// ending with the notebook cell and line where it was thrown.</summary>
    static List<string> Traceback(Exception exception, string label)
    {
        var lines = new List<string>();
        string? where = null;
        for (Exception? e = exception; e != null; e = e.InnerException)
        {
            lines.Add(lines.Count == 0 ? $"{e.GetType().FullName}: {e.Message}" : $" ---> {e.GetType().FullName}: {e.Message}");
            foreach (string frame in (e.StackTrace ?? "").Split('\n').Select(f => f.TrimEnd()))
            {
                if (frame.Length == 0 || frame.Contains("Microsoft.CodeAnalysis.Scripting", StringComparison.Ordinal)
                    || frame.Contains("--- End of stack trace", StringComparison.Ordinal)
                    || frame.Contains("System.Runtime.CompilerServices.", StringComparison.Ordinal)
                    || frame.Contains("System.Runtime.ExceptionServices.", StringComparison.Ordinal)) continue;
                lines.Add(frame);
                Match m = CellFrame().Match(frame);
                if (m.Success && where == null) where = $"{m.Groups["cell"].Value}, line {m.Groups["line"].Value}";
            }
        }
        lines.Add($"(raised in {where ?? label})");
        return lines;
    }

    static string CellLabel(int index, Cell cell) => $"cell {index + 1} [id {cell.Id}]";

    static string FirstLine(string source)
    {
        string line = source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        return line.Length > 60 ? line[..60] + "…" : line;
    }

    static void Finish(Cell cell, CellOutputs outputs, DateTime started, TimeSpan elapsed, string status)
    {
        string start = started.ToString("o", CultureInfo.InvariantCulture);
        string end = (started + elapsed).ToString("o", CultureInfo.InvariantCulture);
        lock (CellOutputs.Gate) cell.Json["outputs"] = outputs.ToJson();
        cell.Metadata["execution"] = new JsonObject
        {
            ["iopub.status.busy"] = start,
            ["iopub.execute_input"] = start,
            ["shell.execute_reply"] = end,
            ["iopub.status.idle"] = end,
        };
        cell.Metadata["notebook_runner"] = new JsonObject
        {
            ["status"] = status,
            ["duration_seconds"] = Math.Round(elapsed.TotalSeconds, 3),
        };
    }

    static string ErrorSummary(Cell cell) =>
        cell.Outputs.OfType<JsonObject>().Where(o => o["output_type"]?.GetValue<string>() == "error")
            .Select(o => $"{o["ename"]}: {o["evalue"]}").FirstOrDefault() ?? "error";

    static string? PlotlyAssembly() =>
        AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "Plotly.NET")?.Location;

    void Save(Notebook notebook)
    {
        lock (CellOutputs.Gate) notebook.Save(options.OutputFile!);
    }

    void Log(string message) =>
        log.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {message}");

    /// <summary>A progress line for the parent (which shows it on the terminal).</summary>
    void Progress(string message)
    {
        lock (terminal)
            terminal.WriteLine($"{ProgressPrefix}{name}  {message}  [{clock.Elapsed:mm\\:ss\\.f}]");
    }

    public const string ProgressPrefix = "##progress ";
}
