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
    public void Directives_are_parsed_and_blanked_keeping_line_numbers()
    {
        CellCode code = CellCode.Parse("#!csharp\n#r \"nuget: TorchSharp-cpu, 0.107.0\"\n#r \"nuget:Plotly.NET\"\n#r \"../lib/x.dll\"\n#i \"nuget: https://feed.example/index.json\"\n#!time\n#nullable enable\nvar x = 1;");
        Assert.Equal("\n\n\n\n\n\n#nullable enable\nvar x = 1;", code.Code);
        Assert.Equal([new PackageReference("TorchSharp-cpu", "0.107.0", 2), new PackageReference("Plotly.NET", null, 3)], code.Packages);
        Assert.Equal([new AssemblyReference("../lib/x.dll", 4)], code.Assemblies);
        Assert.Equal([new PackageSource("https://feed.example/index.json", 5)], code.Sources);
        Assert.True(code.Time);
        Assert.Empty(code.Errors);
        Assert.Null(code.OtherKernel);
    }

    [Theory]
    [InlineData("#r \"System.Net.Http\"", 1, "#r \"System.Net.Http\" is neither a NuGet package")]
    [InlineData("var a = 1;\n#r nuget: X", 2, "malformed #r directive `#r nuget: X`")]
    [InlineData("#r \"nuget: Bad Name, 1.0\"", 1, "malformed package reference \"nuget: Bad Name, 1.0\"")]
    [InlineData("#i \"https://feed/index.json\"", 1, "malformed #i directive")]
    [InlineData("#load \"other.csx\"", 1, "unknown directive `#load \"other.csx\"`")]
    [InlineData("var a = 1;\n\n#!who", 3, "the magic command #!who is not supported")]
    [InlineData("var a = 1;\n#!csharp", 2, "#!csharp switches kernels in the middle of a cell")]
    [InlineData("var a = 1;\n#!fsharp", 2, "the magic command #!fsharp is not supported")]
    public void Unsupported_directives_are_errors_with_their_line(string source, int line, string message)
    {
        DirectiveError error = Assert.Single(CellCode.Parse(source).Errors);
        Assert.Equal(line, error.Line);
        Assert.StartsWith(message, error.Message);
    }

    [Fact]
    public void A_first_line_kernel_magic_marks_the_cell_for_that_kernel()
    {
        Assert.Equal("fsharp", CellCode.Parse("#!fsharp\nprintfn \"x\"").OtherKernel);
        Assert.Null(CellCode.Parse("#!csharp\nvar x = 1;").OtherKernel);
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
            new RunEntry("00-setup", "s", "o", "l", new Execution.NotebookResult("ok", 12, 12, 4.25, null, null)),
            new RunEntry("07-mnist", "s", "o", "l", new Execution.NotebookResult("failed", 3, 20, 75, "boom", null)),
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
