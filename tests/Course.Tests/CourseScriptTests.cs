using System.Text.Json;
using System.Text.RegularExpressions;

namespace Course.Tests;

/// <summary>The `course` script as a student types it: help, argument parsing, the kernel set-up, its errors.</summary>
public sealed class CourseScriptTests
{
    static readonly string[] Commands = ["run", "test", "kernel", "data", "bench", "help"];

    [Theory]
    [InlineData("help")]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData(null)]
    public void Help_lists_every_command_with_one_line_each(string? argument)
    {
        ProcessResult r = Repo.Course(argument == null ? [] : [argument]);
        Assert.True(r.ExitCode == 0, r.ToString());
        var listed = Regex.Matches(r.Stdout, @"^  (\w+) +\S.*$", RegexOptions.Multiline).Select(m => m.Groups[1].Value);
        Assert.Equal(Commands, listed);
    }

    [Theory]
    [InlineData("run", "--help")]
    [InlineData("test", "--help")]
    [InlineData("kernel", "--help")]
    [InlineData("data", "--help")]
    [InlineData("bench", "-h")]
    [InlineData("help", "--help")]
    [InlineData("run", "notebooks --out results -h")]
    public void Every_command_has_its_own_help_without_building(string command, string args)
    {
        ProcessResult r = Repo.Course([command, .. args.Split(' ')]);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.StartsWith($"usage: ./course {(command == "help" ? "<command>" : command)}", r.Stdout);
        Assert.Equal("", r.Stderr);
    }

    [Fact]
    public void An_unknown_command_is_a_usage_error()
    {
        ProcessResult r = Repo.Course(["tset"]);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("course: unknown command 'tset'", r.Stderr);
        Assert.Contains("  test ", r.Stderr);
    }

    [Fact]
    public void The_run_help_names_every_runner_option_that_takes_a_value()
    {
        // The script must know which options take a value (that value is never a notebook); the runner's own help is
        // the reference, so a new runner option shows up here before its value can be mistaken for a notebook.
        ProcessResult runner = Repo.Run("dotnet", [RunnerDll, "--help"]);
        var runnerOptions = Regex.Matches(runner.Stdout, @"^ +(--[\w-]+) [A-Z]", RegexOptions.Multiline).Select(m => m.Groups[1].Value).Order();
        ProcessResult course = Repo.Course(["run", "--help"]);
        var courseOptions = Regex.Matches(course.Stdout, @"^ +(--[\w-]+) [A-Z]", RegexOptions.Multiline).Select(m => m.Groups[1].Value).Order();
        Assert.NotEmpty(runnerOptions);
        Assert.Equal(runnerOptions, courseOptions);
    }

    static string RunnerDll => Path.Combine(Repo.Root, "tools", "NotebookRunner", "bin", "Release", "net10.0", "linux-x64", "publish", "NotebookRunner.dll");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Run_never_takes_an_option_value_for_a_notebook_even_when_it_names_a_folder(bool outExists)
    {
        string work = Repo.TempDirectory("run");
        string results = Path.Combine(work, "results");
        if (outExists) Directory.CreateDirectory(results);
        string elsewhere = Path.Combine(work, "a-folder"); // a --param value that names an existing folder
        Directory.CreateDirectory(elsewhere);
        File.Copy(Repo.Fixture("tiny.ipynb"), Path.Combine(elsewhere, "not-to-run.ipynb"));

        ProcessResult r = Repo.Course(["run", "--no-build", Repo.Fixture("tiny.ipynb"), "--out", results,
            "--param", $"label={elsewhere}", "--profile", "full", "--cell-timeout", "300"]);

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(["tiny.ipynb"], Directory.GetFiles(results, "*.ipynb").Select(Path.GetFileName));
        Assert.Equal($"label={elsewhere} profile=full\n", StdoutOf(Path.Combine(results, "tiny.ipynb"))); // the runner accepts only quick|full
        Assert.False(File.Exists(Path.Combine(results, "not-to-run.ipynb")));
    }

    [Fact]
    public void Run_still_takes_a_folder_for_the_notebooks_in_it()
    {
        string work = Repo.TempDirectory("folder");
        string course = Path.Combine(work, "course");
        Directory.CreateDirectory(course);
        File.Copy(Repo.Fixture("tiny.ipynb"), Path.Combine(course, "first.ipynb"));
        File.Copy(Repo.Fixture("tiny.ipynb"), Path.Combine(course, "second.ipynb"));
        string results = Path.Combine(work, "results");

        ProcessResult r = Repo.Course(["run", "--no-build", "--out", results, course]);

        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal(["first.ipynb", "second.ipynb"], Directory.GetFiles(results, "*.ipynb").Select(Path.GetFileName).Order());
        Assert.Equal("label=default profile=quick\n", StdoutOf(Path.Combine(results, "second.ipynb")));
    }

    /// <summary>The stdout text of the tiny fixture's one printing cell (id c02) in an executed copy.</summary>
    static string StdoutOf(string notebook)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(notebook));
        JsonElement cell = doc.RootElement.GetProperty("cells").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "c02");
        return string.Concat(cell.GetProperty("outputs").EnumerateArray()
            .Where(o => o.GetProperty("output_type").GetString() == "stream")
            .SelectMany(o => o.GetProperty("text").ValueKind == JsonValueKind.Array
                ? o.GetProperty("text").EnumerateArray().Select(t => t.GetString())
                : [o.GetProperty("text").GetString()]));
    }

    [Fact]
    public void Kernel_registers_the_kernelspec_and_a_second_run_says_it_is_already_there()
    {
        string jupyter = Repo.TempDirectory("jupyter");
        var env = new Dictionary<string, string?> { ["JUPYTER_DATA_DIR"] = jupyter };
        string spec = Path.Combine(jupyter, "kernels", ".net-csharp", "kernel.json");

        ProcessResult first = Repo.Course(["kernel"], env);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Matches(@"kernel: (installed|Microsoft.dotnet-interactive 1\.0\.712001 is already installed).*", first.Stdout);
        Assert.Contains($"kernel: registered the Jupyter kernelspec .net-csharp ({spec})", first.Stdout);
        Assert.Contains("GanCourse.dll", first.Stdout);
        Assert.Contains("VS Code:", first.Stdout);
        Assert.Contains("Jupyter:", first.Stdout);
        using (JsonDocument kernelJson = JsonDocument.Parse(File.ReadAllText(spec)))
            Assert.Equal(["dotnet", "interactive", "jupyter"], kernelJson.RootElement.GetProperty("argv").EnumerateArray().Take(3).Select(a => a.GetString()));

        ProcessResult second = Repo.Course(["kernel"], env);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("kernel: Microsoft.dotnet-interactive 1.0.712001 is already installed", second.Stdout);
        Assert.Contains($"kernel: the Jupyter kernelspec .net-csharp is already registered ({spec})", second.Stdout);
    }

    [Theory]
    [InlineData("DOTNET_CLI_HOME", "", "/.dotnet/tools (where dotnet installs tools for this user)")]
    [InlineData("JUPYTER_DATA_DIR", "/jupyter", "/jupyter/kernels (Jupyter's kernelspec folder for this user)")]
    public void Kernel_names_the_folder_it_cannot_write(string variable, string below, string message)
    {
        string file = Path.Combine(Repo.TempDirectory("unwritable"), "a-file"); // nothing can be created below a file
        File.WriteAllText(file, "");

        ProcessResult r = Repo.Course(["kernel"], new Dictionary<string, string?> { [variable] = file + below });

        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith($"course: cannot write to {file}{message}", r.Stderr);
        Assert.Equal("", r.Stdout);
    }

    [Theory]
    [InlineData("kernel")]
    [InlineData("run", "--out", "results")]
    [InlineData("test")]
    [InlineData("data")]
    [InlineData("bench")]
    public void Commands_that_build_say_so_when_the_dotnet_sdk_is_missing(params string[] args)
    {
        ProcessResult r = Repo.Course(args, new Dictionary<string, string?> { ["PATH"] = PathWithoutDotnet.Value });
        Assert.Equal(1, r.ExitCode);
        Assert.StartsWith("course: the .NET 10 SDK is required and 'dotnet' is not on PATH", r.Stderr);
    }

    /// <summary>A PATH with every program of this one except dotnet (symbolic links in one folder).</summary>
    static readonly Lazy<string> PathWithoutDotnet = new(() =>
    {
        string bin = Repo.TempDirectory("bin");
        foreach (string dir in Environment.GetEnvironmentVariable("PATH")!.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Directory.Exists(dir)) continue;
            foreach (string program in Directory.GetFiles(dir))
            {
                string name = Path.GetFileName(program), link = Path.Combine(bin, name);
                if (name != "dotnet" && !File.Exists(link) && !Directory.Exists(link)) File.CreateSymbolicLink(link, program);
            }
        }
        return bin;
    });

    [Fact]
    public void Readme_starts_with_run_and_test_and_ci_runs_exactly_its_test_command()
    {
        string readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md"));
        var commands = Regex.Matches(readme, @"^\./course \S+", RegexOptions.Multiline).Select(m => m.Value).Take(2);
        Assert.Equal(["./course run", "./course test"], commands);
        string ci = File.ReadAllText(Path.Combine(Repo.Root, ".ci", "run"));
        Assert.Equal(["./course test"], ci.Split('\n').Where(l => l.Contains("./course")).Select(l => l.Trim()));
    }

    [Fact]
    public void The_readme_installs_the_kernel_version_the_script_pins()
    {
        string script = File.ReadAllText(Path.Combine(Repo.Root, "course"));
        string pinned = Regex.Match(script, @"^KERNEL_VERSION=(\S+)$", RegexOptions.Multiline).Groups[1].Value;
        string readme = File.ReadAllText(Path.Combine(Repo.Root, "README.md"));
        var versions = Regex.Matches(readme, @"Microsoft\.dotnet-interactive --version (\S+)").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(versions);
        Assert.All(versions, v => Assert.Equal(pinned, v));
    }
}
