namespace NotebookRunner.Tests;

public sealed class CliTests
{
    static string Fixture => Path.Combine(Runner.FixturesDirectory, "parameters", "parameters.ipynb");

    [Theory]
    [InlineData("--bogus", "unknown option --bogus.")]
    [InlineData("--param", "--param needs a value.")]
    [InlineData("--param 1x=3", "--param 1x=3: \"1x\" is not a valid C# variable name.")]
    [InlineData("--param novalue", "--param expects name=value, got \"novalue\".")]
    [InlineData("--cell-timeout 0", "--cell-timeout expects a positive number of seconds, got \"0\".")]
    [InlineData("no/such/notebook.ipynb", "no such notebook or folder: no/such/notebook.ipynb.")]
    [InlineData("--profile Full", "--profile: unknown profile \"Full\"; the notebooks know quick and full (lower case).")]
    [InlineData("--profile fast", "--profile: unknown profile \"fast\"; the notebooks know quick and full (lower case).")]
    [InlineData("--param profile=FULL", "--param: unknown profile \"FULL\"; the notebooks know quick and full (lower case).")]
    public void Usage_errors_exit_with_2_and_say_what_is_wrong(string args, string message)
    {
        string outDir = Runner.TempDirectory("cli");
        RunResult r = Runner.Exec(["run", Fixture, .. args.Split(' '), "--out", outDir], outDir);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains($"NotebookRunner: {message}", r.Stderr);
        Assert.Empty(Directory.GetFiles(outDir)); // nothing ran
    }

    [Fact]
    public void The_source_notebook_is_never_overwritten_unless_asked()
    {
        string dir = Runner.TempDirectory("inplace");
        string notebook = Path.Combine(dir, "parameters.ipynb");
        File.Copy(Fixture, notebook);
        string original = File.ReadAllText(notebook);

        RunResult refused = Runner.Run([notebook], outDir: dir);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("holds the source notebook", refused.Stderr);
        Assert.Equal(original, File.ReadAllText(notebook));

        RunResult inPlace = Runner.Run([notebook, "--in-place", "--param", "extra=x"], outDir: Path.Combine(dir, "out"));
        Assert.True(inPlace.ExitCode == 0, inPlace.ToString());
        Assert.Equal("profile=full epochs=10 lr=0.1 solutions=False\n", ExecutedNotebook.Load(notebook).Stream("c03"));
        Assert.Equal("x is a String; epochs is an Int32, learningRate a Double\n", ExecutedNotebook.Load(notebook).Stream("c04"));
        Assert.False(File.Exists(Path.Combine(dir, "out", "parameters.ipynb")));
        Assert.True(File.Exists(Path.Combine(dir, "out", "parameters.log")));
    }
}
