namespace NotebookRunner.Tests;

/// <summary>Runs every notebook of Fixtures/errors in one run: each fails its own way, and the others still run.</summary>
public sealed class ErrorsRun
{
    public RunResult Result { get; } = Runner.Run([Path.Combine(Runner.FixturesDirectory, "errors")]);
}

public sealed class ErrorTests(ErrorsRun run) : IClassFixture<ErrorsRun>
{
    RunResult R => run.Result;

    [Fact]
    public void A_failing_notebook_makes_the_exit_code_non_zero_and_the_others_still_run()
    {
        Assert.Equal(1, R.ExitCode);
        Assert.Matches(@"bad-directive\s+failed\s+1/2", R.Stdout);
        Assert.Matches(@"compile-error\s+failed\s+2/3", R.Stdout);
        Assert.Matches(@"malformed\s+unreadable\s+0/0", R.Stdout);
        Assert.Matches(@"missing-package\s+failed\s+2/3", R.Stdout);
        Assert.Matches(@"native-crash\s+crashed\s+3/4", R.Stdout);
        Assert.Matches(@"runtime-error\s+failed\s+2/3", R.Stdout);
        Assert.Matches(@"total\s+0/6 ok", R.Stdout);
    }

    [Fact]
    public void Executed_failing_notebooks_are_still_valid_nbformat()
    {
        NbFormat.AssertValid(new[] { "bad-directive", "compile-error", "missing-package", "native-crash", "runtime-error" }
            .Select(n => Path.Combine(R.OutputDirectory, n + ".ipynb")).ToArray());
    }

    [Fact]
    public void A_compile_error_names_the_cell_line_and_compiler_message_and_stops_the_notebook()
    {
        ExecutedNotebook nb = R.Notebook("compile-error");
        Assert.Equal("before the error\n", nb.Stream("c01"));
        var error = nb.Error("c02");
        Assert.Equal("CompilationError", error["ename"]!.GetValue<string>());
        Assert.Equal("cell 2 [id c02], line 3: CS0029: Cannot implicitly convert type 'string' to 'int'", error["evalue"]!.GetValue<string>());
        Assert.Contains("cell 2 [id c02], line 3, column 13: error CS0029", ExecutedNotebook.Traceback(error));
        Assert.Null(nb.ExecutionCount("c03"));
        Assert.Empty(nb.Outputs("c03"));
    }

    [Fact]
    public void A_runtime_exception_gives_its_type_message_and_the_cells_of_the_traceback()
    {
        ExecutedNotebook nb = R.Notebook("runtime-error");
        Assert.Equal("about to fail\n", nb.Stream("c02"));
        var error = nb.Error("c02");
        Assert.Equal("InvalidOperationException", error["ename"]!.GetValue<string>());
        Assert.Equal("exploded: on purpose", error["evalue"]!.GetValue<string>());
        string traceback = ExecutedNotebook.Traceback(error);
        Assert.StartsWith("System.InvalidOperationException: exploded: on purpose", traceback);
        Assert.Contains("at Explode(String why) in cell 1 [id c01]", traceback); // where it was thrown
        Assert.Contains("in cell 2 [id c02]", traceback);                        // the call in the failing cell
        Assert.EndsWith("(raised in cell 1 [id c01])", traceback);
        Assert.DoesNotContain("Microsoft.CodeAnalysis", traceback);
        Assert.DoesNotContain("Submission#", traceback);
        Assert.Null(nb.ExecutionCount("c03"));
    }

    [Fact]
    public void A_magic_command_the_kernel_does_not_know_is_an_error_naming_the_cell_and_line()
    {
        var error = R.Notebook("bad-directive").Error("c01");
        Assert.Equal("DirectiveError", error["ename"]!.GetValue<string>());
        Assert.Equal("cell 1 [id c01], line 2: DNI101: Unknown magic command '#!no-such-magic'", error["evalue"]!.GetValue<string>());
    }

    [Fact]
    public void A_missing_package_fails_at_the_cell_that_references_it_with_nugets_message()
    {
        ExecutedNotebook nb = R.Notebook("missing-package");
        Assert.Equal("runs before the package cell\n", nb.Stream("c01"));
        var error = nb.Error("c02");
        Assert.Equal("KernelError", error["ename"]!.GetValue<string>());
        string message = error["evalue"]!.GetValue<string>();
        Assert.StartsWith("cell 2 [id c02]: ", message);
        Assert.Matches(@"NU1101|NU1301", message); // NuGet's own reason: no such package online, no source offline
        Assert.Contains("NotebookRunner.Fixture.NoSuchPackage", message);
        Assert.Null(nb.ExecutionCount("c03"));
    }

    [Fact]
    public void Malformed_json_is_reported_with_its_position_and_produces_no_notebook()
    {
        Assert.Contains("malformed.ipynb: not valid notebook JSON (line 6, byte 3)", R.Stdout);
        Assert.False(File.Exists(Path.Combine(R.OutputDirectory, "malformed.ipynb")));
    }

    [Fact]
    public void A_native_crash_keeps_earlier_outputs_and_the_log_names_the_cell_that_was_running()
    {
        ExecutedNotebook nb = R.Notebook("native-crash");
        Assert.Equal("before the crash\n", nb.Stream("c01"));
        var error = nb.Error("c03");
        Assert.Equal("ProcessCrashed", error["ename"]!.GetValue<string>());
        Assert.Equal("the notebook's process died while running cell 3 [id c03]: exit code 134 (signal 6, SIGABRT: a native library aborted)",
            error["evalue"]!.GetValue<string>());
        string[] log = File.ReadAllLines(Path.Combine(R.OutputDirectory, "native-crash.log"));
        Assert.EndsWith("start cell 3 [id c03] (Libc.abort();)", log[^2]);
        Assert.Contains("crashed: the notebook's process died while running cell 3", log[^1]);
        Assert.Null(nb.ExecutionCount("c04"));
    }

    [Fact]
    public void Off_a_terminal_each_failure_is_printed_in_full_under_its_notebooks_line()
    {
        string[] lines = R.Stdout.Split('\n');
        int at = Array.FindIndex(lines, l => l.StartsWith("[6/6] runtime-error: FAILED after 2 of 3 cells", StringComparison.Ordinal));
        Assert.True(at >= 0, R.ToString());
        Assert.EndsWith("InvalidOperationException: exploded: on purpose", lines[at]);
        Assert.Equal("    System.InvalidOperationException: exploded: on purpose", lines[at + 1]);
        Assert.Contains("    (raised in cell 1 [id c01])", lines.Skip(at + 1).TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal)));
        // and the summary repeats each failure in one line
        Assert.Contains("runtime-error: failed: InvalidOperationException: exploded: on purpose", lines);
    }
}
