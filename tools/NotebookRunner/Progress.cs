using System.Net;
using System.Text.RegularExpressions;

namespace NotebookRunner;

/// <summary>Training progress in what a cell prints or displays: the last line that reads like "step 300/3000",
/// "epoch 2 of 10" or "45%" (GanCourse's TrainingLog lines do).</summary>
static partial class Progress
{
    [GeneratedRegex(@"\b(step|epoch|iteration|batch)\s+\d[\d,]*\s*(/|of)\s*\d|\b\d+(\.\d+)?\s?%", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    /// <summary>The last progress line of <paramref name="text"/>, whitespace collapsed; null when there is none.</summary>
    public static string? Find(string text)
    {
        foreach (string line in text.Split('\n').Reverse())
            if (Pattern().IsMatch(line)) return Space().Replace(line, " ").Trim();
        return null;
    }

    /// <summary>The text of an HTML fragment.</summary>
    public static string StripTags(string html) => WebUtility.HtmlDecode(Tag().Replace(html, " "));
}
