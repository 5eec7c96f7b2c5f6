using System.Text.Json.Nodes;

namespace NotebookRunner.Tests.Infrastructure;

/// <summary>An executed notebook as the runner wrote it, with lookups by cell id.</summary>
public sealed class ExecutedNotebook(string path, JsonObject root)
{
    public string Path { get; } = path;
    public JsonObject Root { get; } = root;

    public static ExecutedNotebook Load(string path)
    {
        Assert.True(File.Exists(path), $"the runner wrote no notebook at {path}");
        return new ExecutedNotebook(path, (JsonObject)JsonNode.Parse(File.ReadAllText(path))!);
    }

    public IEnumerable<JsonObject> Cells => ((JsonArray)Root["cells"]!).OfType<JsonObject>();

    public JsonObject Cell(string id) =>
        Cells.FirstOrDefault(c => c["id"]?.GetValue<string>() == id) ?? throw new Xunit.Sdk.XunitException($"{Path}: no cell with id {id}");

    public List<JsonObject> Outputs(string id) => ((JsonArray?)Cell(id)["outputs"] ?? []).OfType<JsonObject>().ToList();

    public int? ExecutionCount(string id) => Cell(id)["execution_count"]?.GetValue<int>();

    /// <summary>The text of the cell's stream outputs of one stream, concatenated.</summary>
    public string Stream(string id, string name = "stdout") =>
        string.Concat(Outputs(id).Where(o => Type(o) == "stream" && o["name"]!.GetValue<string>() == name).Select(o => o["text"]!.GetValue<string>()));

    /// <summary>The cell's single error output.</summary>
    public JsonObject Error(string id) => Assert.Single(Outputs(id), o => Type(o) == "error");

    public static string Type(JsonObject output) => output["output_type"]!.GetValue<string>();

    public static string Traceback(JsonObject error) => string.Join("\n", ((JsonArray)error["traceback"]!).Select(t => t!.GetValue<string>()));

    /// <summary>Every error output in the notebook, as "ename: evalue".</summary>
    public List<string> AllErrors() =>
        Cells.SelectMany(c => ((JsonArray?)c["outputs"] ?? []).OfType<JsonObject>())
            .Where(o => Type(o) == "error").Select(o => $"{o["ename"]}: {o["evalue"]}").ToList();
}
