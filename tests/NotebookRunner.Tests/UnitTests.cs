using NotebookRunner.Notebooks;

namespace NotebookRunner.Tests;

/// <summary>The runner's parsers, in process.</summary>
public sealed class UnitTests
{
    [Theory]
    [InlineData("epochs=3", "3")]
    [InlineData("n=-12", "-12")]
    [InlineData("big=3000000000", "3000000000L")]
    [InlineData("lr=0.5", "0.5")]
    [InlineData("lr=1e-3", "0.001")]
    [InlineData("x=2.", "2.0")]
    [InlineData("flag=true", "true")]
    [InlineData("flag=false", "false")]
    [InlineData("name=Ada", "\"Ada\"")]
    [InlineData("quoted=\"42\"", "\"42\"")]
    [InlineData("single='true'", "\"true\"")]
    [InlineData("path=a\\b \"c\"", "\"a\\\\b \\\"c\\\"\"")]
    [InlineData("empty=", "\"\"")]
    public void Parameter_values_become_csharp_literals_typed_by_their_form(string arg, string literal)
    {
        Assert.Equal(literal, Parameter.Parse(arg).Literal);
    }

    [Fact]
    public void Profile_is_always_a_string()
    {
        Assert.Equal(new Parameter("profile", "\"1\""), Parameter.String("profile", "1"));
    }

    [Fact]
    public void Only_the_known_profiles_are_accepted()
    {
        Assert.Equal("\"full\"", Assert.Single(RunOptions.Parse(["--profile", "full"]).Parameters).Literal);
        Assert.Equal("\"quick\"", Assert.Single(RunOptions.Parse(["--param", "profile=quick"]).Parameters).Literal);
        Assert.Throws<UsageException>(() => RunOptions.Parse(["--profile", "Quick"]));
        Assert.Throws<UsageException>(() => RunOptions.Parse(["--param", "profile=slow"]));
    }

    [Theory]
    [InlineData("lecture step 300/3000 | epoch 1 | D loss 0.6931", "lecture step 300/3000 | epoch 1 | D loss 0.6931")]
    [InlineData("data: fetching\nEpoch 2 of 10\n", "Epoch 2 of 10")]
    [InlineData("  45%  done  ", "45% done")]
    [InlineData("step 1/4\nunrelated last line", "step 1/4")]
    [InlineData("the steps are 3 and 4", null)]
    [InlineData("", null)]
    public void Training_progress_is_the_last_line_that_reads_like_progress(string text, string? progress)
    {
        Assert.Equal(progress, Progress.Find(text));
    }

    [Fact]
    public void On_a_terminal_progress_is_redrawn_in_place_and_cut_to_the_window()
    {
        var output = new StringWriter();
        var terminal = new Terminal(output, interactive: true, () => 20);
        terminal.Progress("[1/2] short");
        terminal.Progress("[1/2] a line far too long for the window");
        terminal.Line("[1/2] done");
        Assert.Equal("\r\u001b[K[1/2] short\r\u001b[K[1/2] a line far t…\r\u001b[K[1/2] done\n", output.ToString());
    }

    [Fact]
    public void Off_a_terminal_progress_is_not_printed()
    {
        var output = new StringWriter();
        var terminal = new Terminal(output, interactive: false, () => 0);
        terminal.Progress("[1/2] cell 1/3");
        terminal.Line("[1/2] done");
        Assert.Equal("[1/2] done\n", output.ToString());
    }

    [Fact]
    public void A_message_from_the_notebook_process_is_found_in_a_line_even_after_stray_output()
    {
        var message = new Execution.ChildMessage(Execution.ChildMessage.Start, 3, 7, "cell 4 [id c04]", "c04");
        Assert.Equal(message, Execution.ChildMessage.Decode("native text without a newline" + message.Encode()));
        Assert.Null(Execution.ChildMessage.Decode("a line a cell's native library printed"));
        Assert.Null(Execution.ChildMessage.Decode(Execution.ChildMessage.Prefix + "{broken"));
    }

    [Fact]
    public void Every_override_must_be_declared_by_the_parameters_cell()
    {
        var nb = Notebook.Parse("""
            {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [
             {"cell_type": "code", "id": "a", "metadata": {"tags": ["parameters"]}, "outputs": [], "execution_count": null,
              "source": "#r \"nuget: X, 1.0\"\nvar profile = \"quick\";\nint epochs = 3, batch = 64;"}]}
            """, "x.ipynb");
        Assert.Null(ParameterInjection.Problem(nb, [Parameter.String("profile", "full"), Parameter.Parse("batch=128")], "x.ipynb"));
        Assert.Equal("x.ipynb declares no parameter \"epoch\"; its parameters are: batch, epochs, profile.",
            ParameterInjection.Problem(nb, [Parameter.Parse("epoch=1")], "x.ipynb"));
        var e = Assert.Throws<UsageException>(() => ParameterInjection.Inject(nb, [Parameter.Parse("epoch=1")]));
        Assert.StartsWith("the notebook declares no parameter \"epoch\"", e.Message);
    }

    [Fact]
    public void Real_paths_resolve_links_also_for_files_not_written_yet()
    {
        string dir = Runner.TempDirectory("realpath");
        Directory.CreateDirectory(Path.Combine(dir, "target"));
        Directory.CreateSymbolicLink(Path.Combine(dir, "link"), Path.Combine(dir, "target"));
        string real = OutputFolder.RealPath(dir);
        Assert.Equal(Path.Combine(real, "target", "new.ipynb"), OutputFolder.RealPath(Path.Combine(dir, "link", "new.ipynb")));
    }

    [Fact]
    public void Broken_notebook_json_names_the_file_line_and_position()
    {
        var e = Assert.Throws<NotebookFormatException>(() => Notebook.Parse("{\n \"cells\": [\n  }", "x.ipynb"));
        Assert.StartsWith("x.ipynb: not valid notebook JSON (line 3, byte 3):", e.Message);
        e = Assert.Throws<NotebookFormatException>(() => Notebook.Parse("{\"cells\": [], \"nbformat\": 3}", "old.ipynb"));
        Assert.Equal("old.ipynb: only nbformat 4 notebooks are supported (found nbformat 3).", e.Message);
    }

    [Fact]
    public void Cells_without_ids_get_unique_ids_for_nbformat_4_5()
    {
        var nb = Notebook.Parse("""{"nbformat": 4, "nbformat_minor": 2, "metadata": {}, "cells": [{"cell_type": "markdown", "source": "a", "metadata": {}}, {"cell_type": "markdown", "id": "cell-1", "source": "b", "metadata": {}}]}""", "x");
        nb.EnsureCellIds();
        Assert.Equal(["cell-1-2", "cell-1"], nb.Cells.Select(c => c.Id));
        Assert.Equal(5, nb.Root["nbformat_minor"]!.GetValue<int>());
    }

    [Fact]
    public void The_nbformat_check_rejects_an_invalid_notebook()
    {
        // Negative control for the validation used by the notebook tests: a code cell without outputs.
        string path = Path.Combine(Runner.TempDirectory("nbformat"), "invalid.ipynb");
        File.WriteAllText(path, """{"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [{"cell_type": "code", "id": "a", "execution_count": null, "metadata": {}, "source": ""}]}""");
        var (valid, messages) = NbFormat.Validate(path);
        Assert.False(valid);
        Assert.Contains("invalid.ipynb: NotebookValidationError: data.cells[0] must be valid exactly by one definition", messages);
    }

    [Fact]
    public void The_summary_table_has_a_row_per_notebook_and_a_total()
    {
        string table = CourseRunner.SummaryTable([
            new RunEntry("00-setup", "s", "o", "l", new Execution.NotebookResult("ok", 12, 12, 4.25, null)),
            new RunEntry("07-mnist", "s", "o", "l", new Execution.NotebookResult("failed", 3, 20, 75, "boom")),
        ]);
        Assert.Equal("""
            notebook  status  cells   time
            --------  ------  -----  -----
            00-setup  ok      12/12  4.3 s
            07-mnist  failed   3/20   1:15
            --------  ------  -----  -----
            total     1/2 ok     15   1:19
            """.ReplaceLineEndings("\n"), table);
    }
}
