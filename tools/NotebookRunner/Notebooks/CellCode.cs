using System.Text.RegularExpressions;

namespace NotebookRunner.Notebooks;

/// <summary>A <c>#r "nuget: Name, Version"</c> directive.</summary>
sealed record PackageReference(string Name, string? Version, int Line);

/// <summary>A <c>#r "path/to/file.dll"</c> directive, the path as written.</summary>
sealed record AssemblyReference(string Path, int Line);

/// <summary>A <c>#i "nuget: source"</c> directive.</summary>
sealed record PackageSource(string Source, int Line);

/// <summary>A directive the runner cannot honour, with the 1-based line it is on.</summary>
sealed record DirectiveError(int Line, string Message);

/// <summary>
/// A C# cell split into its notebook directives and the C# code left for Roslyn. Directive lines are blanked, not
/// removed, so line numbers in compiler messages and stack traces are the cell's own.
/// </summary>
sealed partial class CellCode
{
    /// <summary>The kernel names a first-line <c>#!name</c> can switch a cell to; C# ones run, the rest are skipped.</summary>
    static readonly HashSet<string> CSharpKernels = ["csharp", "c#", "C#"];
    static readonly HashSet<string> OtherKernels =
        ["fsharp", "f#", "F#", "pwsh", "powershell", "javascript", "js", "html", "markdown", "md", "mermaid", "sql", "kql", "http", "value", "python", "r"];

    /// <summary>C# preprocessor directives, which pass through to the compiler untouched.</summary>
    static readonly HashSet<string> CSharpDirectives =
        ["if", "elif", "else", "endif", "define", "undef", "warning", "error", "line", "region", "endregion", "pragma", "nullable"];

    /// <summary>Whether a Polyglot kernel name means C#.</summary>
    public static bool IsCSharp(string kernel) => CSharpKernels.Contains(kernel);

    public const string Supported =
        "#r \"nuget: Name, Version\", #r \"relative/path.dll\", #i \"nuget: source\", #!time and a first-line #!csharp";

    /// <summary>The C# code with directive lines blanked.</summary>
    public string Code { get; private set; } = "";
    public List<PackageReference> Packages { get; } = [];
    public List<AssemblyReference> Assemblies { get; } = [];
    public List<PackageSource> Sources { get; } = [];
    public List<DirectiveError> Errors { get; } = [];

    /// <summary>Whether <c>#!time</c> asked for the cell's wall time.</summary>
    public bool Time { get; private set; }

    /// <summary>Set when a first-line magic sends the cell to another kernel (the cell is then skipped).</summary>
    public string? OtherKernel { get; private set; }

    [GeneratedRegex("""^#r\s+"(?<arg>[^"]*)"\s*(//.*)?$""")]
    private static partial Regex ReferenceDirective();

    [GeneratedRegex("""^#i\s+"(?<arg>[^"]*)"\s*(//.*)?$""")]
    private static partial Regex SourceDirective();

    [GeneratedRegex("""^nuget:\s*(?<name>[A-Za-z0-9_.\-]+)\s*(,\s*(?<version>[^\s,]+))?\s*$""")]
    private static partial Regex NuGetArgument();

    [GeneratedRegex("""^#(?<bang>!)?(?<name>[^\s"]*)""")]
    private static partial Regex AnyDirective();

    /// <summary>Splits a cell's source into directives and code.</summary>
    public static CellCode Parse(string source)
    {
        string[] lines = source.Replace("\r\n", "\n").Split('\n');
        var result = new CellCode();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (!line.StartsWith('#')) continue;
            if (result.Handle(line, lineNumber: i + 1, firstLine: i == 0)) lines[i] = "";
        }
        result.Code = string.Join("\n", lines);
        return result;
    }

    /// <summary>Records the directive on <paramref name="line"/>; returns whether the line is a notebook directive.</summary>
    bool Handle(string line, int lineNumber, bool firstLine)
    {
        Match any = AnyDirective().Match(line);
        string name = any.Groups["name"].Value;
        if (any.Groups["bang"].Success) return HandleMagic(name, lineNumber, firstLine);

        switch (name)
        {
            case "r":
                Match r = ReferenceDirective().Match(line);
                if (!r.Success) return Error(lineNumber, $"malformed #r directive `{line}`; write #r \"nuget: Name, Version\" or #r \"path/to/file.dll\".");
                string arg = r.Groups["arg"].Value.Trim();
                if (arg.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
                {
                    Match n = NuGetArgument().Match(arg);
                    if (!n.Success) return Error(lineNumber, $"malformed package reference \"{arg}\"; write #r \"nuget: Name, Version\".");
                    Packages.Add(new PackageReference(n.Groups["name"].Value,
                        n.Groups["version"].Success ? n.Groups["version"].Value : null, lineNumber));
                }
                else if (arg.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                    Assemblies.Add(new AssemblyReference(arg, lineNumber));
                else
                    return Error(lineNumber, $"#r \"{arg}\" is neither a NuGet package (\"nuget: Name, Version\") nor a .dll path; " +
                                             "framework assemblies are referenced already.");
                return true;
            case "i":
                Match s = SourceDirective().Match(line);
                if (!s.Success || !s.Groups["arg"].Value.Trim().StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
                    return Error(lineNumber, $"malformed #i directive `{line}`; only package sources are supported: #i \"nuget: https://host/index.json\" or #i \"nuget: local/folder\".");
                string src = s.Groups["arg"].Value.Trim()["nuget:".Length..].Trim();
                if (src.Length == 0) return Error(lineNumber, "#i \"nuget:\" names no package source.");
                Sources.Add(new PackageSource(src, lineNumber));
                return true;
            default:
                if (CSharpDirectives.Contains(name)) return false;
                return Error(lineNumber, $"unknown directive `{line}`. The headless runner supports {Supported}.");
        }
    }

    bool HandleMagic(string name, int lineNumber, bool firstLine)
    {
        if (name == "time") { Time = true; return true; }
        if (CSharpKernels.Contains(name))
            return firstLine || Error(lineNumber, $"#!{name} switches kernels in the middle of a cell; the runner only accepts it on a cell's first line.");
        if (OtherKernels.Contains(name) && firstLine) { OtherKernel = name; return true; }
        return Error(lineNumber, $"the magic command #!{name} is not supported by the headless runner. It supports {Supported}.");
    }

    bool Error(int lineNumber, string message)
    {
        Errors.Add(new DirectiveError(lineNumber, message));
        return true;
    }
}
