namespace NotebookRunner.Tests;

/// <summary>
/// Every course notebook (notebooks/*.ipynb) runs headless through the runner on the quick profile with the exercise
/// solutions switched on, and shows no error.
/// </summary>
public sealed class CourseNotebookTests
{
    /// <summary>The syllabus of COURSE-DESIGN.md, section 1.</summary>
    public static readonly string[] Syllabus =
    [
        "00-setup-and-why-generative", "01-the-adversarial-game", "02-kl-and-js-divergences", "03-the-optimal-discriminator",
        "04-games-and-nash-equilibrium", "05-generator-losses", "06-training-pathologies",
        "06b-build-your-own-gan", "07-mnist-mlp-gan",
        "08-fashion-mnist-dcgan", "09-evaluating-and-beyond",
    ];

    const string NoNotebooksYet = "(notebooks/ holds no notebook yet)";

    static string NotebooksDirectory => Path.Combine(Runner.RepositoryRoot, "notebooks");

    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        string[] files = Directory.Exists(NotebooksDirectory) ? Directory.GetFiles(NotebooksDirectory, "*.ipynb") : [];
        foreach (string file in files.Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(file));
        if (files.Length == 0) data.Add(NoNotebooksYet); // an empty theory is an error in xunit; this row says why it is empty
        return data;
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Runs_on_the_quick_profile_with_solutions_without_errors(string notebook)
    {
        if (notebook == NoNotebooksYet) return;
        // A course notebook trains models: the runner's per-cell timeout (600 s) bounds each cell; 20 minutes for the
        // whole notebook only catches a hung process on a busy machine.
        RunResult r = Runner.Run([Path.Combine(NotebooksDirectory, notebook), "--profile", "quick", "--param", "solutions=true"],
            limit: TimeSpan.FromMinutes(20));
        string name = Path.GetFileNameWithoutExtension(notebook);
        Assert.True(r.ExitCode == 0, $"{notebook} failed:\n{r}");
        ExecutedNotebook executed = r.Notebook(name);
        Assert.Empty(executed.AllErrors());
        Assert.All(executed.Cells.Where(c => c["cell_type"]!.GetValue<string>() == "code"),
            c => Assert.True(c["execution_count"] != null, $"cell {c["id"]} of {notebook} did not run"));
    }

    [Fact]
    public void Committed_notebooks_are_in_the_course_format_without_outputs()
    {
        string[] files = Directory.GetFiles(NotebooksDirectory, "*.ipynb");
        Assert.NotEmpty(files);
        var psi = new System.Diagnostics.ProcessStartInfo(NbFormat.PythonWithNbformat)
            { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in (string[])[Path.Combine(Runner.RepositoryRoot, "tools", "nbtext", "nbtext.py"), "check", .. files])
            psi.ArgumentList.Add(a);
        using var p = System.Diagnostics.Process.Start(psi)!;
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd(); // a few lines at most
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"tools/nbtext/nbtext.py check found problems:\n{output}");
    }

    [Fact]
    public void The_notebooks_folder_holds_every_notebook_of_the_syllabus()
    {
        var present = Directory.GetFiles(NotebooksDirectory, "*.ipynb").Select(Path.GetFileNameWithoutExtension).ToHashSet();
        Assert.All(Syllabus, name => Assert.True(present.Contains(name), $"notebooks/{name}.ipynb is missing"));
    }
}
