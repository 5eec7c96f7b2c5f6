using System.Text.Json.Nodes;

namespace NotebookRunner.Tests;

public sealed class ParameterTests
{
    static string Notebook => Path.Combine(Runner.FixturesDirectory, "parameters", "parameters.ipynb");

    [Fact]
    public void Overrides_are_injected_after_the_parameters_cell_typed_by_their_literal()
    {
        RunResult r = Runner.Run([Notebook, "--profile", "quick", "--param", "epochs=3", "--param", "learningRate=2",
            "--param", "solutions=true", "--param", "extra=Ada Lovelace"]);
        Assert.True(r.ExitCode == 0, r.ToString());
        ExecutedNotebook nb = r.Notebook("parameters");

        var cells = nb.Cells.ToList();
        int parameters = cells.FindIndex(c => c["id"]!.GetValue<string>() == "c02");
        JsonObject injected = cells[parameters + 1];
        Assert.Equal("injected-parameters", injected["id"]!.GetValue<string>());
        Assert.Equal("injected-parameters", Assert.Single((JsonArray)injected["metadata"]!["tags"]!)!.GetValue<string>());
        Assert.Equal("""
            // Parameters injected by NotebookRunner (--param / --profile).
            profile = "quick";
            epochs = 3;
            learningRate = 2;
            solutions = true;
            extra = "Ada Lovelace";
            """.ReplaceLineEndings("\n"), injected["source"]!.GetValue<string>());

        Assert.Equal("profile=quick epochs=3 lr=2 solutions=True\n", nb.Stream("c03"));
        Assert.Equal("Ada Lovelace is a String; epochs is an Int32, learningRate a Double\n", nb.Stream("c04"));
        NbFormat.AssertValid(nb.Path);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_a_compile_error_in_the_injected_cell()
    {
        RunResult r = Runner.Run([Notebook, "--param", "epochs=2.5"]);
        Assert.Equal(1, r.ExitCode);
        var error = r.Notebook("parameters").Error("injected-parameters");
        string message = error["evalue"]!.GetValue<string>();
        Assert.StartsWith("cell 3 [id injected-parameters], line 2: CS0266: Cannot implicitly convert type 'double' to 'int'", message);
        Assert.Contains("this cell holds the --param/--profile overrides", message);
    }

    [Fact]
    public void A_parameter_the_notebook_does_not_declare_is_refused_naming_the_ones_it_does_before_anything_runs()
    {
        RunResult r = Runner.Run([Notebook, "--param", "epoch=3", "--param", "solution=true"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("NotebookRunner: parameters.ipynb declares no parameter \"epoch\", \"solution\"; " +
                        "its parameters are: epochs, extra, learningRate, profile, solutions.", r.Stderr);
        Assert.Empty(Directory.GetFiles(r.OutputDirectory));
    }

    [Fact]
    public void Overrides_for_a_notebook_without_a_parameters_cell_are_refused()
    {
        RunResult r = Runner.Run([Notebook, Path.Combine(Runner.FixturesDirectory, "basics", "state-and-display.ipynb"), "--profile", "quick"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("NotebookRunner: state-and-display.ipynb has no cell tagged \"parameters\", so --param/--profile cannot set profile.", r.Stderr);
        Assert.DoesNotContain("parameters.ipynb declares", r.Stderr); // the other notebook declares profile
        Assert.Empty(Directory.GetFiles(r.OutputDirectory));
    }
}
