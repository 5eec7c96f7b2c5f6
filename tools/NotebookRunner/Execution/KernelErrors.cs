using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;

namespace NotebookRunner.Execution;

/// <summary>
/// Turns a cell's <see cref="CommandFailed"/> into an nbformat error output that names the cell: compiler errors with
/// their line, exceptions with a traceback whose frames name the cells they ran in (the kernel compiles cell k as
/// Roslyn's <c>Submission#N</c>; this class remembers which N belongs to which cell), anything else the kernel refused
/// (an unknown magic command, a package that does not restore) with the kernel's message.
/// </summary>
sealed partial class KernelErrors
{
    readonly Dictionary<int, string> submissions = [];

    /// <summary>Notes which cell the kernel's latest submission came from (call after each cell).</summary>
    public void Record(CompositeKernel kernel, string label)
    {
        // Roslyn names a submission's class Submission#N, N counting the submissions that emitted code.
        string? name = kernel.ChildKernels.OfType<CSharpKernel>().Single().ScriptState?.Script.GetCompilation().ScriptClass?.Name;
        if (name != null && name.StartsWith("Submission#", StringComparison.Ordinal)
            && int.TryParse(name.AsSpan("Submission#".Length), System.Globalization.CultureInfo.InvariantCulture, out int n))
            submissions.TryAdd(n, label);
    }

    public (string Ename, string Evalue, List<string> Traceback) Describe(
        CommandFailed failed, IEnumerable<KernelEvent> events, string label, bool isInjected)
    {
        bool compilation = failed.Exception is CodeSubmissionCompilationErrorException;
        var diagnostics = events.OfType<DiagnosticsProduced>().SelectMany(d => d.Diagnostics)
            .Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
        if (compilation || failed.Exception == null && diagnostics.Count > 0)
        {
            // a compiler error, or a directive the kernel does not know (DNI101 for #!name)
            string ename = compilation ? "CompilationError" : "DirectiveError";
            string hint = isInjected
                ? " (this cell holds the --param/--profile overrides: check each value's type against the parameters cell)"
                : "";
            if (diagnostics.Count == 0) return (ename, $"{label}: {failed.Message}{hint}", [failed.Message]);
            Diagnostic first = diagnostics[0];
            return (ename,
                $"{label}, line {first.LinePositionSpan.Start.Line + 1}: {first.Code}: {first.Message}{hint}",
                diagnostics.Select(d => $"{label}, line {d.LinePositionSpan.Start.Line + 1}, column {d.LinePositionSpan.Start.Character + 1}: error {d.Code}: {d.Message}").ToList());
        }
        if (failed.Exception is { } exception)
            return (exception.GetType().Name, exception.Message, Traceback(exception, label));
        // e.g. #r "nuget: ..." of a package that does not restore: NuGet's messages
        return ("KernelError", $"{label}: {failed.Message}", [.. failed.Message.Split('\n').Select(l => l.TrimEnd())]);
    }

    [GeneratedRegex(@"^\s*at Submission#(?<n>\d+)[.+](?<member>.+)$")]
    private static partial Regex SubmissionFrame();

    /// <summary>The exception and its inner exceptions with the frames of notebook code (Roslyn's and the runtime's
    /// plumbing dropped), each naming its cell, ending with the cell where it was thrown.</summary>
    List<string> Traceback(Exception exception, string label)
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
                Match m = SubmissionFrame().Match(frame);
                if (m.Success && submissions.TryGetValue(int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture), out string? cell))
                {
                    string member = m.Groups["member"].Value;
                    lines.Add(member.StartsWith("<<Initialize>>", StringComparison.Ordinal) ? $"   in {cell}" : $"   at {member} in {cell}");
                    where ??= cell;
                }
                else lines.Add(frame);
            }
        }
        lines.Add($"(raised in {where ?? label})");
        return lines;
    }
}
