using System.Text.Json.Nodes;

namespace NotebookRunner.Tests;

/// <summary>Runs Fixtures/basics (state, classes, display, TorchSharp, the course's charts) once, with the HTML book.</summary>
public sealed class BasicsRun
{
    public RunResult Result { get; } = Runner.Run([Path.Combine(Runner.FixturesDirectory, "basics"), "--book"]);

    public ExecutedNotebook State => Result.Notebook("state-and-display");
    public ExecutedNotebook Torch => Result.Notebook("torch-and-plotly");
}

/// <summary>The basics run is shared by the notebook and the book tests.</summary>
[CollectionDefinition("basics")]
public sealed class BasicsCollection : ICollectionFixture<BasicsRun>;

[Collection("basics")]
public sealed class BasicsTests(BasicsRun run)
{
    [Fact]
    public void Every_notebook_succeeds_and_the_summary_says_so()
    {
        Assert.True(run.Result.ExitCode == 0, run.Result.ToString());
        Assert.Matches(@"state-and-display\s+ok\s+10/10", run.Result.Stdout);
        Assert.Matches(@"torch-and-plotly\s+ok\s+7/7", run.Result.Stdout);
        Assert.Matches(@"total\s+2/2 ok", run.Result.Stdout);
        Assert.Empty(run.State.AllErrors());
        Assert.Empty(run.Torch.AllErrors());
    }

    [Fact]
    public void Executed_notebooks_are_valid_nbformat_4_5_with_unique_cell_ids()
    {
        NbFormat.AssertValid(run.State.Path, run.Torch.Path);
        foreach (ExecutedNotebook nb in new[] { run.State, run.Torch })
        {
            var ids = nb.Cells.Select(c => c["id"]!.GetValue<string>()).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
        }
    }

    [Fact]
    public void The_source_notebooks_are_left_untouched()
    {
        foreach (string name in new[] { "state-and-display", "torch-and-plotly" })
        {
            var source = ExecutedNotebook.Load(Path.Combine(Runner.FixturesDirectory, "basics", name + ".ipynb"));
            Assert.All(source.Cells.Where(c => c["cell_type"]!.GetValue<string>() == "code"),
                c => Assert.Empty((JsonArray)c["outputs"]!));
        }
    }

    [Fact]
    public void State_carries_across_cells_and_classes_defined_in_a_cell_work_later()
    {
        Assert.Equal("counter is 42\n", run.State.Stream("c02"));
        // acc.Add(Square(3)); acc.Add(counter): 9 + 42, with Accumulator and Square from cell c03
        JsonObject result = Assert.Single(run.State.Outputs("c04"));
        Assert.Equal("execute_result", ExecutedNotebook.Type(result));
        Assert.Contains("<pre>51</pre>", result["data"]!["text/html"]!.GetValue<string>());
        Assert.Equal(3, result["execution_count"]!.GetValue<int>());
    }

    [Fact]
    public void Execution_counts_follow_the_cells_that_ran_and_each_cell_records_its_timing()
    {
        string[] ran = ["c02", "c03", "c04", "c05", "c06", "c07", "c08", "c09", "c13", "c14"];
        Assert.Equal(Enumerable.Range(1, ran.Length).Select(i => (int?)i), ran.Select(run.State.ExecutionCount));
        foreach (string id in ran)
        {
            JsonObject metadata = (JsonObject)run.State.Cell(id)["metadata"]!;
            Assert.Equal("ok", metadata["notebook_runner"]!["status"]!.GetValue<string>());
            Assert.True(metadata["notebook_runner"]!["duration_seconds"]!.GetValue<double>() >= 0);
            var start = DateTime.Parse(metadata["execution"]!["iopub.execute_input"]!.GetValue<string>());
            var end = DateTime.Parse(metadata["execution"]!["shell.execute_reply"]!.GetValue<string>());
            Assert.True(end >= start);
        }
    }

    [Fact]
    public void Stdout_and_stderr_are_captured_in_the_order_written()
    {
        var streams = run.State.Outputs("c05").Select(o => (o["name"]!.GetValue<string>(), o["text"]!.GetValue<string>()));
        Assert.Equal([("stdout", "out 1\n"), ("stderr", "err 1\n"), ("stdout", "out 2\n")], streams);
    }

    [Fact]
    public void Values_are_formatted_by_the_kernels_own_formatters()
    {
        var data = run.State.Outputs("c06").Select(o =>
        {
            Assert.Equal("display_data", ExecutedNotebook.Type(o));
            return (JsonObject)o["data"]!;
        }).ToList();
        Assert.Equal(6, data.Count);
        Assert.Equal("a plain string", data[0]["text/plain"]!.GetValue<string>());
        Assert.Equal("<b id=\"bold-html\">bold html</b>", data[1]["text/html"]!.GetValue<string>());
        Assert.Null(data[1]["text/plain"]);
        Assert.Contains("<code>Point { X = 1, Y = 2 }</code>", data[2]["text/html"]!.GetValue<string>()); // .Display() extension
        Assert.Contains("<th><i>index</i></th>", data[3]["text/html"]!.GetValue<string>());            // a collection
        Assert.Contains("<th><i>key</i></th>", data[4]["text/html"]!.GetValue<string>());              // a dictionary
        Assert.StartsWith("iVBORw0KGgo", data[5]["image/png"]!.GetValue<string>());                    // DisplayAs("image/png")
    }

    [Fact]
    public void A_cells_last_expression_is_its_result()
    {
        Assert.Equal("timed", Assert.Single(run.State.Outputs("c07"))["data"]!["text/plain"]!.GetValue<string>());
        Assert.Equal("async ok", Assert.Single(run.State.Outputs("c09"))["data"]!["text/plain"]!.GetValue<string>());
        Assert.Contains("<pre>[ 1, 4, 9 ]</pre>", Assert.Single(run.State.Outputs("c13"))["data"]!["text/html"]!.GetValue<string>());
    }

    [Fact]
    public void Cells_run_in_the_notebooks_folder_as_in_vs_code()
    {
        Assert.Equal("basics", Assert.Single(run.State.Outputs("c14"))["data"]!["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public void A_displayed_value_is_updated_in_place_also_from_a_later_cell()
    {
        JsonObject display = Assert.Single(run.State.Outputs("c08"));
        Assert.Equal("display_data", ExecutedNotebook.Type(display));
        Assert.Equal("step 3 of 3", display["data"]!["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public void Cells_of_other_kernels_are_skipped_with_a_note()
    {
        Assert.Null(run.State.ExecutionCount("c10"));
        Assert.Contains("skipped: this cell is for the 'fsharp' kernel", run.State.Stream("c10", "stderr"));
        Assert.Contains("state-and-display: ok, 10 cells in", run.Result.Stdout);
        Assert.Contains("(1 cell of other kernels skipped)", run.Result.Stdout); // the terminal says so too
    }

    [Fact]
    public void A_torch_module_class_defined_in_a_cell_runs_in_a_later_cell()
    {
        Assert.Equal("output shape: 5x1, parameters: 4\n", run.Torch.Stream("c05"));
    }

    [Fact]
    public void Tensors_show_shape_dtype_and_values()
    {
        JsonObject data = (JsonObject)Assert.Single(run.Torch.Outputs("c06"))["data"]!;
        Assert.Contains("[2x3], type = Float32, device = cpu\n 0 1 2\n 3 4 5\n", data["text/html"]!.GetValue<string>());
    }

    [Fact]
    public void Course_figures_arrive_as_plotly_json_and_html()
    {
        foreach (string id in new[] { "c07", "c08" })
        {
            JsonObject data = (JsonObject)Assert.Single(run.Torch.Outputs(id))["data"]!;
            Assert.Contains("Plotly", data["text/html"]!.GetValue<string>());
            JsonObject figure = Assert.IsType<JsonObject>(data["application/vnd.plotly.v1+json"]); // JSON, not a string
            Assert.Equal("scatter", figure["data"]![0]!["type"]!.GetValue<string>());
        }
        Assert.Equal("execute_result", ExecutedNotebook.Type(run.Torch.Outputs("c07")[0]));
        var line = (JsonObject)run.Torch.Outputs("c07")[0]["data"]!["application/vnd.plotly.v1+json"]!;
        Assert.Equal([1.0, 3.0, 2.0, 4.0], line["data"]![0]!["y"]!.AsArray().Select(v => v!.GetValue<double>()));
    }

    [Fact]
    public void Off_a_terminal_the_run_prints_one_line_per_notebook_and_the_summary()
    {
        string[] lines = run.Result.Stdout.Split('\n');
        Assert.Matches(@"^\[1/2\] state-and-display: ok, 10 cells in \d+\.\d s \(1 cell of other kernels skipped\)$", lines[0]);
        Assert.Matches(@"^\[2/2\] torch-and-plotly: ok, 7 cells in \d+(\.\d s|:\d\d)$", lines[1]);
        Assert.Equal("", lines[2]);
        Assert.StartsWith("notebook ", lines[3]);
        Assert.DoesNotContain("cell 3/7", run.Result.Stdout); // no progress lines
        Assert.DoesNotContain("\r", run.Result.Stdout);
        Assert.Equal("", run.Result.Stderr);
    }
}
