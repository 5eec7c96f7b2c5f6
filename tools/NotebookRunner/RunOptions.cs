using System.Globalization;
using NotebookRunner.Notebooks;

namespace NotebookRunner;

/// <summary>The command line of <c>run</c> (and of the per-notebook <c>exec</c> child it starts).</summary>
sealed class RunOptions
{
    public const string Usage = """
        usage: NotebookRunner run <notebook.ipynb | folder | glob>... [options]

        Runs Polyglot (.NET Interactive) C# notebooks headless on the .NET Interactive C# kernel, each in its own
        process, and writes the executed notebooks (nbformat 4.5) to the output folder.

        options:
          --out DIR             output folder (default: out); executed notebooks go to DIR/<name>.ipynb,
                                per-notebook logs to DIR/<name>.log
          --profile NAME        shorthand for --param profile="NAME": quick or full
          --param NAME=VALUE    override a parameter the notebook's cell tagged "parameters" declares (papermill
                                convention: assigned in a cell injected after it); VALUE is typed by its form:
                                3 -> int, 0.5 -> double, true/false -> bool, anything else (or "quoted") -> string
          --cell-timeout SECS   stop a notebook whose cell runs longer than this (default: 600)
          --book                also write an offline HTML course book to DIR/book/index.html
          --in-place            write the outputs into the source notebooks instead of DIR
          -h, --help            show this help

        On a terminal, one progress line per notebook is updated in place; otherwise (CI, a pipe) one line is printed
        per finished notebook, with any failure in full. A summary table ends the run.

        exit code: 0 when every notebook ran without error (or was skipped: not C#), 1 when one failed, 2 for a
        usage error (nothing has run then).
        """;

    public List<string> Inputs { get; } = [];
    public string OutputDirectory { get; private set; } = "out";
    public List<Parameter> Parameters { get; } = [];
    public TimeSpan CellTimeout { get; private set; } = TimeSpan.FromSeconds(600);
    public bool Book { get; private set; }
    public bool InPlace { get; private set; }
    public bool Help { get; private set; }

    /// <summary>exec only: where the child writes the executed notebook and its log, and the runner's process id.</summary>
    public string? OutputFile { get; private set; }
    public string? LogFile { get; private set; }
    public int? ParentPid { get; private set; }

    public static RunOptions Parse(IReadOnlyList<string> args)
    {
        var o = new RunOptions();
        string? profile = null;
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            string Value() => i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
                ? args[++i]
                : throw new UsageException($"{a} needs a value.");
            switch (a)
            {
                case "--out": o.OutputDirectory = Value(); break;
                case "--profile": profile = Value(); break;
                case "--param":
                    Parameter parameter = Parameter.Parse(Value());
                    if (parameter.Name == "profile") CheckProfile(parameter, a);
                    o.Parameters.Add(parameter);
                    break;
                case "--param-literal": // exec only: the parent has already turned the value into a C# literal
                    string[] nameLiteral = Value().Split('=', 2);
                    o.Parameters.Add(new Parameter(nameLiteral[0], nameLiteral[1]));
                    break;
                case "--cell-timeout":
                    string t = Value();
                    if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || seconds <= 0)
                        throw new UsageException($"--cell-timeout expects a positive number of seconds, got \"{t}\".");
                    o.CellTimeout = TimeSpan.FromSeconds(seconds);
                    break;
                case "--book": o.Book = true; break;
                case "--in-place": o.InPlace = true; break;
                case "--output": o.OutputFile = Value(); break;
                case "--log": o.LogFile = Value(); break;
                case "--parent": o.ParentPid = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "-h" or "--help": o.Help = true; break;
                default:
                    if (a.StartsWith('-')) throw new UsageException($"unknown option {a}.");
                    o.Inputs.Add(a);
                    break;
            }
        }
        if (profile != null) o.Parameters.Insert(0, CheckProfile(Parameter.String("profile", profile), "--profile"));
        return o;
    }

    /// <summary>An unknown profile would run a notebook's default branch silently: refused before anything runs.</summary>
    static Parameter CheckProfile(Parameter profile, string option)
    {
        if (Parameter.Profiles.Any(p => Parameter.String("profile", p) == profile)) return profile;
        throw new UsageException($"{option}: unknown profile {profile.Literal}; the notebooks know {string.Join(" and ", Parameter.Profiles)} (lower case).");
    }

    /// <summary>The options a child process needs to run one notebook exactly as asked.</summary>
    public IEnumerable<string> ChildArguments()
    {
        yield return "--cell-timeout";
        yield return CellTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture);
        foreach (Parameter p in Parameters)
        {
            yield return "--param-literal";
            yield return $"{p.Name}={p.Literal}";
        }
    }
}
