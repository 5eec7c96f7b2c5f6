using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.PackageManagement;
using NotebookRunner.Notebooks;

namespace NotebookRunner.Execution;

/// <summary>
/// Runs one notebook in this process (the <c>exec</c> verb) on the .NET Interactive C# kernel, the one the
/// dotnet-interactive tool gives VS Code and Jupyter: each code cell is one <see cref="SubmitCode"/>, the kernel's
/// events become the cell's nbformat outputs as they arrive, the notebook is saved after every cell, and the runner is
/// told which cell starts before it runs, so a native crash loses nothing and names the cell.
/// </summary>
sealed class NotebookExecutor
{
    readonly string sourcePath;
    readonly string outputPath;
    readonly RunOptions options;
    readonly ParentChannel parent;
    readonly RunLog log;
    readonly Stopwatch clock = Stopwatch.StartNew();
    readonly CellOutputs outputs = new();
    readonly KernelErrors errors = new();
    readonly Lock exitGate = new();
    Notebook? notebook;
    RunningCell? running;
    bool reported;

    sealed record RunningCell(Cell Cell, string Label, int Ordinal, int CodeCells, int SkippedCells, DateTime Started, Stopwatch Watch);

    NotebookExecutor(string sourcePath, RunOptions options, ParentChannel parent, RunLog log)
    {
        this.sourcePath = sourcePath;
        this.options = options;
        this.parent = parent;
        this.log = log;
        outputPath = options.OutputFile!;
    }

    /// <summary>The <c>exec</c> verb: runs the notebook, reports its result to the runner and exits the process.</summary>
    public static int Exec(RunOptions options)
    {
        if (options.Inputs.Count != 1 || options.OutputFile == null || options.LogFile == null || options.ParentPid == null)
            throw new UsageException("exec needs one notebook and --output, --log and --parent.");
        ParentDeath.KillMeWith(options.ParentPid.Value);
        // The kernel redirects Console.Out to the running cell, so messages to the runner go to the real stdout.
        var parent = new ParentChannel(Console.OpenStandardOutput());
        var log = new RunLog(options.LogFile);
        var executor = new NotebookExecutor(Path.GetFullPath(options.Inputs[0]), options, parent, log);
        NotebookResult result = executor.Run();
        executor.Report(result);
        Environment.Exit(result.Succeeded ? 0 : 1); // also ends a timed-out cell's thread
        return 0;
    }

    NotebookResult Run()
    {
        try { notebook = Notebook.Load(sourcePath); }
        catch (NotebookFormatException e)
        {
            log.Write(e.Message);
            return new NotebookResult(NotebookResult.Unreadable, 0, 0, clock.Elapsed.TotalSeconds, e.Message);
        }
        notebook.EnsureCellIds();
        int injected = ParameterInjection.Inject(notebook, options.Parameters);
        string defaultKernel = notebook.DefaultKernel;
        var code = notebook.Cells.Where(c => c.IsCode).ToList();
        foreach (Cell c in code) c.ClearOutputs();
        var skipped = code.Where(c => !Cell.IsCSharp(c.Kernel(defaultKernel))).ToList();
        foreach (Cell c in skipped) MarkSkipped(c, c.Kernel(defaultKernel));
        int codeCells = code.Count - skipped.Count;
        if (Save() is { } saveError) return Failed(0, codeCells, skipped.Count, saveError, null);

        Directory.SetCurrentDirectory(Path.GetDirectoryName(sourcePath)!); // as in VS Code and Jupyter: #r paths, files
        using CompositeKernel kernel = CreateKernel();
        using IDisposable subscription = kernel.KernelEvents.Subscribe(OnKernelEvent);
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;

        int ordinal = 0;
        for (int i = 0; i < notebook.Cells.Count; i++)
        {
            Cell cell = notebook.Cells[i];
            if (!cell.IsCode || skipped.Contains(cell)) continue;
            ordinal++;
            string label = $"cell {i + 1} [id {cell.Id}]";
            parent.Send(new ChildMessage(ChildMessage.Start, ordinal, codeCells, label, cell.Id));
            log.Write($"start {label} ({FirstLine(cell.Source)})");
            cell.SetExecutionCount(ordinal);
            var watch = Stopwatch.StartNew();
            lock (exitGate) running = new RunningCell(cell, label, ordinal, codeCells, skipped.Count, DateTime.UtcNow, watch);
            outputs.Open(cell.Outputs, ordinal);

            string status = RunCell(kernel, cell.Source, label, i == injected, watch);

            RunningCell done;
            lock (exitGate)
            {
                done = running!;
                running = null;
            }
            outputs.Close();
            Finish(cell, done, status);
            log.Write($"end {label}: {status} in {done.Watch.Elapsed.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s");
            if (Save() is { } error) return Failed(ordinal, codeCells, skipped.Count, error, null);
            if (status != "ok")
            {
                var (summary, details) = ErrorOf(cell);
                return new NotebookResult(status == "timeout" ? NotebookResult.TimedOut : NotebookResult.Failed,
                    ordinal, codeCells, clock.Elapsed.TotalSeconds, summary, details, skipped.Count);
            }
        }
        log.Write($"done: {ordinal} cells in {clock.Elapsed.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s");
        return new NotebookResult(NotebookResult.Ok, ordinal, codeCells, clock.Elapsed.TotalSeconds, null, null, skipped.Count);
    }

    /// <summary>The C# kernel exactly as the dotnet-interactive tool builds it (VS Code, Jupyter), inside a composite kernel.</summary>
    static CompositeKernel CreateKernel()
    {
        var csharp = new CSharpKernel().UseKernelHelpers().UseWho().UseValueSharing();
        csharp.UseNugetDirective((k, packages) =>
        {
            k.AddAssemblyReferences(packages.SelectMany(p => p.AssemblyPaths));
            return Task.CompletedTask;
        });
        var kernel = new CompositeKernel();
        kernel.Add(csharp, ["c#", "C#"]);
        kernel.DefaultKernelName = csharp.Name;
        return kernel;
    }

    /// <summary>Runs one cell; returns "ok", "error" or "timeout" (an error is already an output of the cell).</summary>
    string RunCell(CompositeKernel kernel, string code, string label, bool isInjected, Stopwatch watch)
    {
        var command = new SubmitCode(code);
        Task<KernelCommandResult> task = Task.Run(() => kernel.SendAsync(command));
        try
        {
            // Task.Wait's timer can fire a millisecond before the cell's stopwatch (its duration_seconds) reaches the
            // timeout: wait until the cell's own clock has run the whole timeout.
            for (TimeSpan left; !task.IsCompleted && (left = options.CellTimeout - watch.Elapsed) > TimeSpan.Zero;)
                task.Wait(left);
            if (!task.IsCompleted)
            {
                string s = options.CellTimeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
                outputs.Error("CellTimeout",
                    $"{label} was still running after {s} s, the cell timeout; the notebook was stopped. " +
                    "Raise --cell-timeout or use a smaller profile.", [$"{label}: timed out after {s} s (--cell-timeout {s})"]);
                return "timeout";
            }
            task.Wait(); // completed: rethrows a fault of the kernel itself, caught below
        }
        catch (AggregateException e)
        {
            Exception inner = e.InnerExceptions.Count == 1 ? e.InnerExceptions[0] : e;
            outputs.Error("KernelError", $"{label}: the kernel failed: {inner.Message}", inner.ToString().Split('\n'));
            return "error";
        }
        KernelCommandResult result = task.Result;
        errors.Record(kernel, label);
        CommandFailed? failed = result.Events.OfType<CommandFailed>().FirstOrDefault();
        if (failed == null) return "ok";
        var (ename, evalue, traceback) = errors.Describe(failed, result.Events, label, isInjected);
        outputs.Error(ename, evalue, traceback);
        return "error";
    }

    /// <summary>Kernel events of the running cell become its outputs, as Jupyter's kernel bridge maps them.</summary>
    void OnKernelEvent(KernelEvent e)
    {
        switch (e)
        {
            case StandardOutputValueProduced o:
                outputs.Stream("stdout", Text(o));
                parent.OfferProgress(Text(o));
                break;
            case StandardErrorValueProduced o:
                outputs.Stream("stderr", Text(o));
                break;
            case ErrorProduced o:
                outputs.Stream("stderr", Text(o));
                break;
            case DisplayedValueProduced d:
                outputs.Display(d.ValueId, Values(d));
                parent.OfferProgress(Text(d));
                break;
            case DisplayedValueUpdated u when u.ValueId != null:
                outputs.Update(u.ValueId, Values(u));
                parent.OfferProgress(Text(u));
                break;
            case ReturnValueProduced r when r.Value is not DisplayedValue:
                outputs.Result(Values(r));
                break;
        }
    }

    static IEnumerable<(string, string)> Values(DisplayEvent e) => e.FormattedValues.Select(v => (v.MimeType, v.Value));

    /// <summary>The plain text of a displayed value (its text/plain, else its text/html without tags).</summary>
    static string Text(DisplayEvent e) =>
        e.FormattedValues.FirstOrDefault(v => v.MimeType == "text/plain")?.Value
        ?? (e.FormattedValues.FirstOrDefault(v => v.MimeType == "text/html") is { } html ? Progress.StripTags(html.Value) : e.Value?.ToString() ?? "");

    /// <summary>A cell ended the process (<c>Environment.Exit</c>) or the process was told to stop: what the cell wrote
    /// so far is saved with an error saying so, and the runner gets the result.</summary>
    void OnProcessExit(object? sender, EventArgs e)
    {
        RunningCell? cell;
        lock (exitGate)
        {
            cell = running;
            running = null;
        }
        if (cell == null || reported) return;
        string message = $"{cell.Label} ended the notebook's process (exit code {Environment.ExitCode}), e.g. by calling " +
                         "Environment.Exit; the later cells did not run.";
        outputs.Error("ProcessExited", message, [message]);
        outputs.Close();
        Finish(cell.Cell, cell, "exited");
        log.Write($"end {cell.Label}: exited");
        string? saveError = Save();
        Report(new NotebookResult(NotebookResult.Failed, cell.Ordinal, cell.CodeCells, clock.Elapsed.TotalSeconds,
            saveError ?? message, saveError == null ? null : message, cell.SkippedCells));
    }

    void Report(NotebookResult result)
    {
        if (reported) return;
        reported = true;
        parent.Send(new ChildMessage(ChildMessage.Done, Result: result));
    }

    NotebookResult Failed(int cellsRun, int codeCells, int skipped, string error, string? details) =>
        new(NotebookResult.Failed, cellsRun, codeCells, clock.Elapsed.TotalSeconds, error, details, skipped);

    static void MarkSkipped(Cell cell, string kernel)
    {
        string reason = $"this cell is for the '{kernel}' kernel; the headless runner runs C# cells only";
        cell.Outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = "stderr", ["text"] = $"[NotebookRunner] skipped: {reason}\n" });
        cell.Metadata["notebook_runner"] = new JsonObject { ["status"] = "skipped", ["reason"] = reason };
    }

    static void Finish(Cell cell, RunningCell run, string status)
    {
        string start = run.Started.ToString("o", CultureInfo.InvariantCulture);
        string end = (run.Started + run.Watch.Elapsed).ToString("o", CultureInfo.InvariantCulture);
        lock (CellOutputs.Gate)
        {
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
                ["duration_seconds"] = Math.Round(run.Watch.Elapsed.TotalSeconds, 3),
            };
        }
    }

    /// <summary>The cell's error output: one line for the summary, and the whole traceback.</summary>
    static (string Summary, string Details) ErrorOf(Cell cell)
    {
        JsonObject? error;
        lock (CellOutputs.Gate) error = cell.Outputs.OfType<JsonObject>().LastOrDefault(o => o["output_type"]?.GetValue<string>() == "error");
        if (error == null) return ("error", "");
        string summary = $"{error["ename"]}: {error["evalue"]}";
        string traceback = error["traceback"] is JsonArray t ? string.Join("\n", t.Select(x => x?.GetValue<string>())) : "";
        return (summary, traceback);
    }

    /// <summary>Saves the notebook as it is now; returns why it could not be saved (a full disk, permissions).</summary>
    string? Save()
    {
        try
        {
            lock (CellOutputs.Gate) notebook!.Save(outputPath);
            return null;
        }
        catch (Exception e) when (Notebook.IsWriteFailure(e))
        {
            string message = $"could not save the executed notebook {outputPath}: {e.Message} " +
                             "(is the output folder's disk full, or not writable? Free some space or choose another --out).";
            log.Write(message);
            return message;
        }
    }

    static string FirstLine(string source)
    {
        string line = source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        return line.Length > 60 ? line[..60] + "…" : line;
    }
}
