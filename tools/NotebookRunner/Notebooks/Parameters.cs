using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NotebookRunner.Notebooks;

/// <summary>One <c>--param name=value</c>, its value already turned into a C# literal.</summary>
sealed record Parameter(string Name, string Literal)
{
    /// <summary>Parses <c>name=value</c>; the literal's type follows the value: integer, floating point, bool, else string.</summary>
    public static Parameter Parse(string text)
    {
        int eq = text.IndexOf('=');
        if (eq <= 0)
            throw new UsageException($"--param expects name=value, got \"{text}\".");
        string name = text[..eq].Trim(), value = text[(eq + 1)..];
        if (!SyntaxFacts.IsValidIdentifier(name) || SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None)
            throw new UsageException($"--param {text}: \"{name}\" is not a valid C# variable name.");
        return new Parameter(name, ToLiteral(value));
    }

    /// <summary>The profiles the course's notebooks know (their parameters cell: <c>var profile = "quick";</c>).</summary>
    public static readonly string[] Profiles = ["quick", "full"];

    /// <summary>A string parameter, whatever it looks like (used by --profile).</summary>
    public static Parameter String(string name, string value) => new(name, SymbolDisplay.FormatLiteral(value, quote: true));

    static string ToLiteral(string value)
    {
        string v = value.Trim();
        if (v is "true" or "false") return v;
        if (Regex.IsMatch(v, @"^[+-]?\d+$"))
        {
            if (int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) return v.TrimStart('+');
            if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)) return v.TrimStart('+') + "L";
        }
        if (Regex.IsMatch(v, @"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
            && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d))
        {
            string r = d.ToString("R", CultureInfo.InvariantCulture);
            return r.Contains('.') || r.Contains('E') ? r : r + ".0";
        }
        if (v.Length >= 2 && (v[0] == '"' && v[^1] == '"' || v[0] == '\'' && v[^1] == '\''))
            v = v[1..^1];
        else
            v = value;
        return SymbolDisplay.FormatLiteral(v, quote: true);
    }
}

/// <summary>
/// Papermill's convention in C#: the cell tagged "parameters" declares a notebook's knobs, and overrides go into a cell
/// injected right after it, assigning each (so a value of the wrong type is a compile error naming it).
/// </summary>
static class ParameterInjection
{
    public const string ParametersTag = "parameters";
    public const string InjectedTag = "injected-parameters";

    /// <summary>
    /// Why <paramref name="parameters"/> cannot be set in <paramref name="notebook"/> (called <paramref name="name"/>),
    /// or null when they can: every name must be declared by its parameters cell, so a misspelt --param is an error,
    /// not a silently ignored value.
    /// </summary>
    public static string? Problem(Notebook notebook, IReadOnlyList<Parameter> parameters, string name)
    {
        if (parameters.Count == 0) return null;
        var names = parameters.Select(p => p.Name).Distinct().ToList();
        Cell? cell = ParametersCell(notebook);
        if (cell == null)
            return $"{name} has no cell tagged \"{ParametersTag}\", so --param/--profile cannot set {string.Join(", ", names)}. " +
                   $"Tag the cell that declares the notebook's knobs \"{ParametersTag}\" (papermill's convention), or leave the overrides out.";
        HashSet<string> declared = DeclaredNames(cell.Source);
        var unknown = names.Where(n => !declared.Contains(n)).ToList();
        if (unknown.Count == 0) return null;
        string known = declared.Count == 0 ? "none" : string.Join(", ", declared.Order(StringComparer.Ordinal));
        return $"{name} declares no parameter {string.Join(", ", unknown.Select(u => $"\"{u}\""))}; its parameters are: {known}.";
    }

    /// <summary>Inserts the override cell and returns its index, or -1 when there is nothing to inject.</summary>
    public static int Inject(Notebook notebook, IReadOnlyList<Parameter> parameters)
    {
        if (parameters.Count == 0) return -1;
        if (Problem(notebook, parameters, "the notebook") is { } problem) throw new UsageException(problem);
        var source = new StringBuilder("// Parameters injected by NotebookRunner (--param / --profile).\n");
        foreach (Parameter p in parameters.GroupBy(p => p.Name).Select(g => g.Last()))
            source.Append($"{p.Name} = {p.Literal};\n");
        int index = notebook.Cells.IndexOf(ParametersCell(notebook)!) + 1;
        notebook.Insert(index, Cell.NewCSharp(UniqueId(notebook, InjectedTag), source.ToString().TrimEnd('\n'), InjectedTag));
        return index;
    }

    static Cell? ParametersCell(Notebook notebook) => notebook.Cells.FirstOrDefault(c => c.IsCode && c.Tags.Contains(ParametersTag));

    static string UniqueId(Notebook notebook, string id)
    {
        string candidate = id;
        for (int n = 2; notebook.Cells.Any(c => c.Id == candidate); n++) candidate = $"{id}-{n}";
        return candidate;
    }

    /// <summary>The variables a script cell declares at top level.</summary>
    static HashSet<string> DeclaredNames(string code)
    {
        SyntaxNode root = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(kind: SourceCodeKind.Script)).GetRoot();
        return root.ChildNodes().OfType<GlobalStatementSyntax>()
            .Select(g => g.Statement).OfType<LocalDeclarationStatementSyntax>()
            .SelectMany(d => d.Declaration.Variables).Select(v => v.Identifier.ValueText)
            .Concat(root.ChildNodes().OfType<FieldDeclarationSyntax>().SelectMany(f => f.Declaration.Variables).Select(v => v.Identifier.ValueText))
            .ToHashSet();
    }
}

/// <summary>The command line was wrong; the message says how.</summary>
sealed class UsageException(string message) : Exception(message);
