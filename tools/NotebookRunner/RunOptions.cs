using System.Globalization;
using NotebookRunner.Notebooks;

namespace NotebookRunner;

/// <summary>The command line of <c>run</c> (and of the per-notebook <c>exec</c> child it starts).</summary>
sealed class RunOptions
{
    public const string Usage = """
        usage: NotebookRunner run <notebook.ipynb | folder | glob>... [options]

        Runs Polyglot (.NET Interactive) C# notebooks headless, each in its own process, and writes the executed
        notebooks (nbformat 4.5) to the output folder.

        options:
          --out DIR             output folder (default: out); executed notebooks go to DIR/<name>.ipynb,
                                per-notebook logs to DIR/<name>.log
          --profile NAME        shorthand for --param profile="NAME" (quick or full)
          --param NAME=VALUE    override a parameter (papermill convention: injected after the cell tagged
                                "parameters"); VALUE is typed by its form: 3 -> int, 0.5 -> double,
                                true/false -> bool, anything else (or "quoted") -> string
          --cell-timeout SECS   stop a notebook whose cell runs longer than this (default: 600)
          --book                also write an offline HTML course book to DIR/book/index.html
          --in-place            write the outputs into the source notebooks instead of DIR
          -h, --help            show this help

        exit code: 0 when every notebook ran without error, 1 when one failed, 2 for a usage error.
        """;

    public List<string> Inputs { get; } = [];
    public string OutputDirectory { get; private set; } = "out";
    public List<Parameter> Parameters { get; } = [];
    public TimeSpan CellTimeout { get; private set; } = TimeSpan.FromSeconds(600);
    public bool Book { get; private set; }
    public bool InPlace { get; private set; }
    public bool Help { get; private set; }

    /// <summary>exec only: where the child writes the executed notebook, its log and its result.</summary>
    public string? OutputFile { get; private set; }
    public string? LogFile { get; private set; }
    public string? ResultFile { get; private set; }
    public string? PackagesFile { get; private set; }

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
                case "--param": o.Parameters.Add(Parameter.Parse(Value())); break;
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
                case "--result": o.ResultFile = Value(); break;
                case "--packages": o.PackagesFile = Value(); break;
                case "-h" or "--help": o.Help = true; break;
                default:
                    if (a.StartsWith('-')) throw new UsageException($"unknown option {a}.");
                    o.Inputs.Add(a);
                    break;
            }
        }
        if (profile != null) o.Parameters.Insert(0, Parameter.String("profile", profile));
        return o;
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
