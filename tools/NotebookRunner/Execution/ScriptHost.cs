using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using NotebookRunner.Scripting;

namespace NotebookRunner.Execution;

/// <summary>The outcome of one cell's code: its value (if it ended in an expression) or what went wrong.</summary>
sealed record CellRun(object? Value, bool HasValue, Exception? Exception, ImmutableArray<Diagnostic> Errors);

/// <summary>
/// Runs cells as chained Roslyn script submissions, so variables, methods and classes of one cell are visible in the
/// next. Every reference is handed to Roslyn as metadata without a file path, so Roslyn never loads an assembly
/// itself: the default AssemblyLoadContext does (see <c>AssemblyResolution</c>), one copy each.
/// </summary>
sealed class ScriptHost
{
    /// <summary>The namespaces a .NET Interactive C# kernel imports, plus the runner's display functions.</summary>
    public static readonly string[] Imports =
    [
        "System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq",
        typeof(Kernel).Namespace!, typeof(Kernel).FullName!,
    ];

    readonly List<MetadataReference> references = [];
    readonly HashSet<string> referencedNames = new(StringComparer.OrdinalIgnoreCase);
    ScriptState<object>? state;

    public ScriptHost()
    {
        string framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        foreach (string dll in Directory.EnumerateFiles(framework, "*.dll").Order())
            TryAdd(dll);
        TryAdd(typeof(Kernel).Assembly.Location);
    }

    /// <summary>Whether an assembly of this simple name is already referenced (the framework's own win over packages).</summary>
    public bool References(string path) => referencedNames.Contains(Path.GetFileNameWithoutExtension(path));

    /// <summary>Adds a compile-time reference; native or unreadable files are ignored and reported false.</summary>
    public bool TryAdd(string path)
    {
        if (References(path)) return true;
        try
        {
            var metadata = AssemblyMetadata.CreateFromFile(path);
            _ = metadata.GetModules(); // throws for native files
            references.Add(metadata.GetReference(display: Path.GetFileName(path)));
            referencedNames.Add(Path.GetFileNameWithoutExtension(path));
            return true;
        }
        catch (Exception e) when (e is BadImageFormatException or IOException)
        {
            return false;
        }
    }

    ScriptOptions Options(string filePath) => ScriptOptions.Default
        .WithReferences(references)
        .WithImports(Imports)
        .WithFilePath(filePath)
        .WithEmitDebugInformation(true)
        .WithFileEncoding(System.Text.Encoding.UTF8)
        .WithAllowUnsafe(true)
        .WithLanguageVersion(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest)
        .WithOptimizationLevel(OptimizationLevel.Release);

    /// <summary>Compiles and runs one cell's code on top of the previous cells.</summary>
    public async Task<CellRun> RunAsync(string code, string filePath)
    {
        ScriptOptions options = Options(filePath);
        try
        {
            state = state == null
                ? await CSharpScript.Create<object>(code, options).RunAsync(catchException: _ => true)
                : await state.ContinueWithAsync<object>(code, options, catchException: _ => true);
        }
        catch (CompilationErrorException e)
        {
            return new CellRun(null, false, null, [.. e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)]);
        }
        if (state.Exception != null) return new CellRun(null, false, Unwrap(state.Exception), []);
        return new CellRun(state.ReturnValue, HasValue(state), null, []);
    }

    static Exception Unwrap(Exception e) =>
        e is TargetInvocationException { InnerException: { } inner } ? inner :
        e is AggregateException { InnerExceptions.Count: 1 } a ? Unwrap(a.InnerExceptions[0]) : e;

    /// <summary>Whether the submission ended in an expression without a semicolon (its value is the cell's result).</summary>
    static bool HasValue(ScriptState<object> s)
    {
        var tree = s.Script.GetCompilation().SyntaxTrees.LastOrDefault();
        var root = tree?.GetRoot() as Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax;
        var last = root?.Members.LastOrDefault() as Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax;
        return last?.Statement is Microsoft.CodeAnalysis.CSharp.Syntax.ExpressionStatementSyntax { SemicolonToken.IsMissing: true };
    }

    /// <summary>Compiles a trivial script, so Roslyn's JIT warm-up overlaps with the package restore.</summary>
    public static void WarmUp() =>
        CSharpScript.Create<object>("1", ScriptOptions.Default.WithImports("System")).GetCompilation().GetDiagnostics();
}
