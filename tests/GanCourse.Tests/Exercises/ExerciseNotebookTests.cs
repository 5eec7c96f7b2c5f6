using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace GanCourse.Tests.Exercises;

/// <summary>
/// Scans the exercise sections of the committed notebooks (the cells from "## Exercises" to the end): every exercise has
/// a check in the library (<c>ChecksNN.ExerciseK</c>, tested with wrong answers in this folder) that its check cell
/// reports; every answer starts as an obvious placeholder (NaN or null); and no check cell computes, prints or comments
/// the expected value itself.
/// </summary>
public partial class ExerciseNotebookTests
{
    public static TheoryData<string> Notebooks() => new(Enumerable.Range(0, 11).Select(i => i.ToString("00")));

    static (List<string> Markdown, List<string> Code) ExerciseSection(string number)
    {
        string folder = Path.Combine(CoursePaths.RepositoryRoot!, "notebooks");
        string file = Assert.Single(Directory.GetFiles(folder, $"{number}-*.ipynb"));
        var cells = JsonNode.Parse(File.ReadAllText(file))!["cells"]!.AsArray()
            .Select(c => (Kind: c!["cell_type"]!.GetValue<string>(), Source: string.Concat(c["source"]!.AsArray().Select(l => l!.GetValue<string>()))))
            .ToList();
        int start = cells.FindIndex(c => c.Kind == "markdown" && c.Source.Contains("## Exercises"));
        Assert.True(start >= 0, $"{file} has no \"## Exercises\" section");
        var section = cells.Skip(start).ToList();
        return (section.Where(c => c.Kind == "markdown").Select(c => c.Source).ToList(),
                section.Where(c => c.Kind == "code").Select(c => c.Source).ToList());
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void EveryExerciseIsCheckedByItsLibraryCheckAndReported(string number)
    {
        var (markdown, code) = ExerciseSection(number);
        var exercises = markdown.SelectMany(m => ExerciseHeading().Matches(m)).Select(m => "Exercise" + m.Groups[1].Value).ToList();
        Assert.NotEmpty(exercises);
        var checks = typeof(Exercise).Assembly.GetType($"GanCourse.Checks{number}");
        Assert.True(checks is not null, $"notebook {number} has exercises but the library has no Checks{number} class");
        var methods = checks.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.ReturnType == typeof(CheckResult))
            .Select(m => m.Name).ToList();
        Assert.Equal(exercises.Order(), methods.Order());
        string all = string.Join("\n", code);
        foreach (string method in methods)
            Assert.True(Regex.IsMatch(all, $@"Checks{number}\.{method}\([^;]*\)\.Report\(\)"), $"notebook {number} never reports Checks{number}.{method}");
        foreach (Match call in Regex.Matches(all, @"\bChecks(\d\d)\.(\w+)\("))
            Assert.True(call.Groups[1].Value == number && methods.Contains(call.Groups[2].Value), $"notebook {number} calls {call.Value}");
        Assert.DoesNotContain("Exercise.Check(", all); // checks live in the library, where they are tested with wrong answers
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void EveryAnswerStartsAsAnObviousPlaceholder(string number)
    {
        var (_, code) = ExerciseSection(number);
        var declarations = code.SelectMany(c => AnswerDeclaration().Matches(c).Select(m => (Cell: c, Name: m.Groups["name"].Value, Init: m.Groups["init"].Value.Trim())))
            .ToList();
        Assert.NotEmpty(declarations);
        foreach (var (cell, name, init) in declarations)
        {
            Assert.True(Placeholder().IsMatch(init), $"notebook {number}: {name} starts as \"{init}\", not NaN or null: an untouched notebook must not look answered");
            Assert.Contains("if (solutions)", cell);
        }
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void CheckCellsNeitherPrintNorCommentOnTheExpectedValue(string number)
    {
        var (_, code) = ExerciseSection(number);
        foreach (string cell in code.Where(c => c.Contains(".Report()")))
        {
            Assert.False(cell.Contains("//"), $"notebook {number}: a check cell carries a comment (it could state the answer):\n{cell}");
            string[] lines = cell.Split('\n');
            for (int i = 0; i < lines.Length; i++)
                if (lines[i].Contains("Console.Write") || lines[i].Contains("display("))
                    Assert.True(i > 0 && lines[i - 1].TrimEnd().EndsWith(".Report())"),
                        $"notebook {number}: a check cell prints something that is not gated by a passed check:\n{cell}");
        }
    }

    [GeneratedRegex(@"\*\*Exercise (\d+)\b")]
    private static partial Regex ExerciseHeading();

    [GeneratedRegex(@"^[ \t]*[A-Za-z][\w.<>\[\], ]*?[ \t]+(?<name>(?:answer|block|ratio)\d+)[ \t]*=[ \t]*(?<init>[^;]+);", RegexOptions.Multiline)]
    private static partial Regex AnswerDeclaration();

    [GeneratedRegex(@"^(?:double\.NaN|null|\{\s*double\.NaN(?:\s*,\s*double\.NaN)*\s*\})$")]
    private static partial Regex Placeholder();
}
