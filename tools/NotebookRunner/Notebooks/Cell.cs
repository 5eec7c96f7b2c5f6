using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookRunner.Notebooks;

/// <summary>One notebook cell, a view on its JSON object.</summary>
sealed class Cell(JsonObject json)
{
    /// <summary>The cell's JSON (edited in place).</summary>
    public JsonObject Json { get; } = json;

    /// <summary>"code", "markdown" or "raw".</summary>
    public string Type => Json["cell_type"]!.GetValue<string>();

    public bool IsCode => Type == "code";

    /// <summary>The nbformat 4.5 cell id, if any.</summary>
    public string? Id
    {
        get => Json["id"]?.GetValueKind() == JsonValueKind.String ? Json["id"]!.GetValue<string>() : null;
        set => Json["id"] = value;
    }

    /// <summary>The source text (nbformat stores it as a string or a list of lines).</summary>
    public string Source => Json["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>())),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => "",
    };

    public JsonObject Metadata
    {
        get
        {
            if (Json["metadata"] is JsonObject m) return m;
            var created = new JsonObject();
            Json["metadata"] = created;
            return created;
        }
    }

    /// <summary>The cell's tags (papermill's "parameters" tag lives here).</summary>
    public IEnumerable<string> Tags =>
        Metadata["tags"] is JsonArray tags ? tags.Select(t => t?.GetValue<string>()).OfType<string>() : [];

    /// <summary>The Polyglot kernel the cell is meant for, falling back to the notebook's default.</summary>
    public string Kernel(string notebookDefault) =>
        Metadata["polyglot_notebook"]?["kernelName"]?.GetValue<string>()
        ?? Metadata["dotnet_interactive"]?["language"]?.GetValue<string>()
        ?? notebookDefault;

    /// <summary>Whether a Polyglot kernel name or a notebook language means C#.</summary>
    public static bool IsCSharp(string kernelOrLanguage) =>
        kernelOrLanguage.Equals("csharp", StringComparison.OrdinalIgnoreCase) || kernelOrLanguage.Equals("c#", StringComparison.OrdinalIgnoreCase);

    /// <summary>Empties the outputs and the execution count of a code cell.</summary>
    public void ClearOutputs()
    {
        Json["outputs"] = new JsonArray();
        Json["execution_count"] = null;
    }

    public JsonArray Outputs => (JsonArray)Json["outputs"]!;

    public void SetExecutionCount(int count) => Json["execution_count"] = count;

    /// <summary>A new C# code cell (Polyglot metadata included).</summary>
    public static Cell NewCSharp(string id, string source, params string[] tags)
    {
        var json = new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["id"] = id,
            ["metadata"] = new JsonObject
            {
                ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
                ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
                ["tags"] = new JsonArray(tags.Select(t => (JsonNode?)t).ToArray()),
            },
            ["outputs"] = new JsonArray(),
            ["source"] = source,
        };
        return new Cell(json);
    }
}
