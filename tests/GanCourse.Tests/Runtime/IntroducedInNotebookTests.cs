using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace GanCourse.Tests.Runtime;

/// <summary>
/// A student goes from code to lesson by the doc comments: every public library type a notebook names in its code
/// (strings and // comments aside) says in its XML documentation <c>&lt;remarks&gt;Introduced in notebook NN.</c>, NN
/// the first notebook (in course order 00, 01, ..., 06, 06b, 07, ...) that names it; a static member first named
/// (<c>Type.Member</c>) in a later notebook than its type says so on each of its overloads.
/// </summary>
public sealed partial class IntroducedInNotebookTests
{
    /// <summary>Types a notebook uses before any notebook writes their name: where, and through which call.</summary>
    static readonly Dictionary<string, (string Notebook, string Through)> IntroducedUnnamed = new()
    {
        ["TrainingHistory"] = ("01", "trainer.Run("),                // the value GanTrainer.Run returns
        ["TrainingOutcome"] = ("07", "Checkpoints.TrainOrLoad("),     // the value TrainOrLoad returns
    };

    static readonly Lazy<List<(string Number, string Code)>> Notebooks = new(() =>
        Directory.GetFiles(Path.Combine(CoursePaths.RepositoryRoot!, "notebooks"), "*.ipynb")
            .Select(f => Path.GetFileName(f)).Where(f => char.IsAsciiDigit(f[0])).Order(StringComparer.Ordinal)
            .Select(f => (f[..f.IndexOf('-')], Code(Path.Combine(CoursePaths.RepositoryRoot!, "notebooks", f)))).ToList());

    static readonly Lazy<Dictionary<string, string>> Remarks = new(() =>
    {
        string xml = Path.ChangeExtension(typeof(Course).Assembly.Location, ".xml");
        Assert.True(File.Exists(xml), $"{xml} is missing: the library is built with GenerateDocumentationFile");
        return XDocument.Load(xml).Descendants("member")
            .ToDictionary(m => m.Attribute("name")!.Value, m => string.Concat(m.Elements("remarks").Select(r => r.Value)));
    });

    /// <summary>A notebook's code cells with string literals and // comments removed (they name things without using them).</summary>
    static string Code(string file) =>
        string.Join("\n", JsonNode.Parse(File.ReadAllText(file))!["cells"]!.AsArray()
            .Where(c => c!["cell_type"]!.GetValue<string>() == "code")
            .Select(c => LineComment().Replace(StringLiteral().Replace(
                string.Concat(c!["source"]!.AsArray().Select(l => l!.GetValue<string>())), "\"\""), "")));

    static string? FirstNaming(string pattern) =>
        Notebooks.Value.FirstOrDefault(n => Regex.IsMatch(n.Code, pattern)).Number;

    static string? IntroducedIn(string xmlId) =>
        Remarks.Value.TryGetValue(xmlId, out var remarks) && IntroducedRemark().Match(remarks) is { Success: true } m ? m.Groups[1].Value : null;

    static IEnumerable<Type> PublicTypes() =>
        typeof(Course).Assembly.GetExportedTypes().Where(t => t.Namespace == "GanCourse" && !t.IsNested);

    static string Name(Type t) => t.Name.Split('`')[0];

    /// <summary>The public types some notebook names, with the notebook that introduces each.</summary>
    public static TheoryData<string, string> TypesNotebooksUse()
    {
        var data = new TheoryData<string, string>();
        foreach (var type in PublicTypes())
        {
            string? first = FirstNaming($@"(?<![\w.]){Name(type)}\b");
            if (first is null) continue;
            data.Add(type.FullName!, IntroducedUnnamed.TryGetValue(Name(type), out var earlier) ? earlier.Notebook : first);
        }
        return data;
    }

    [Fact]
    public void TheScanFindsTheCourseTypesInTheNotebooks()
    {
        var found = TypesNotebooksUse().Select(row => (string)row[0]).ToList();
        Assert.Contains("GanCourse.GanTrainer", found);
        Assert.Contains("GanCourse.Plot", found);
        Assert.True(found.Count >= 40, $"only {found.Count} library types found in the notebooks' code: is the scan broken?");
        var numbers = Notebooks.Value.Select(n => n.Number).ToList();
        Assert.Equal(["06", "06b", "07"], numbers.SkipWhile(n => n != "06").Take(3)); // course order, not numeric order
    }

    [Theory]
    [MemberData(nameof(TypesNotebooksUse))]
    public void EveryTypeANotebookUsesNamesTheNotebookThatIntroducesIt(string fullName, string notebook)
    {
        Assert.True(IntroducedIn("T:" + fullName) == notebook,
            $"{fullName} is first used in notebook {notebook}; its doc comment must say <remarks>Introduced in notebook {notebook}.</remarks> " +
            $"(it says: {IntroducedIn("T:" + fullName) ?? "nothing"})");
    }

    [Theory]
    [InlineData("TrainingHistory")]
    [InlineData("TrainingOutcome")]
    public void ATypeIntroducedWithoutItsNameComesFromTheCallNamedForIt(string type)
    {
        var (notebook, through) = IntroducedUnnamed[type];
        Assert.Contains(through, Notebooks.Value.Single(n => n.Number == notebook).Code);
        Assert.True(string.CompareOrdinal(notebook, FirstNaming($@"(?<![\w.]){type}\b")) < 0, $"{type} is named in notebook {notebook} already");
    }

    [Fact]
    public void EveryStaticMemberFirstUsedAfterItsTypeNamesItsOwnNotebook()
    {
        var wrong = new List<string>();
        foreach (var type in PublicTypes().Where(t => !t.IsEnum))
        {
            string? typeNotebook = IntroducedIn("T:" + type.FullName);
            var members = type.GetMembers(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => m is MethodInfo { IsSpecialName: false } or PropertyInfo).Select(m => m.Name).Distinct();
            foreach (string member in members)
            {
                string? first = FirstNaming($@"(?<![\w.]){Name(type)}\.{member}\b");
                if (first is null || first == typeNotebook) continue;
                var ids = Remarks.Value.Keys.Where(id => Regex.IsMatch(id, $@"^[MP]:{Regex.Escape(type.FullName!)}\.{member}(``\d+)?(\(|$)")).ToList();
                if (ids.Count == 0 || ids.Any(id => IntroducedIn(id) != first))
                    wrong.Add($"{Name(type)}.{member} (first used in notebook {first}, its type in {typeNotebook})");
            }
        }
        Assert.True(wrong.Count == 0,
            "these members need <remarks>Introduced in notebook NN.</remarks> on every overload: " + string.Join("; ", wrong));
    }

    [GeneratedRegex(@"Introduced in notebook (\w+)")]
    private static partial Regex IntroducedRemark();

    [GeneratedRegex(@"\$?@?""(?:[^""\\\n]|\\.)*""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex LineComment();
}
