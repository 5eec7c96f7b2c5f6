using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NotebookRunner.Execution;

/// <summary>
/// The outputs of the notebook's cells as nbformat JSON, written straight into each cell's <c>outputs</c> array as the
/// kernel reports them: consecutive writes to one stream form one output, and a display the kernel updates (by its
/// display id, as Jupyter's <c>update_display_data</c>) is replaced in place, also in an earlier cell. Thread-safe:
/// the kernel reports from its own threads while the notebook may be saved.
/// </summary>
sealed partial class CellOutputs
{
    /// <summary>Held while outputs change and while the notebook is serialised, so a save never sees half an update.</summary>
    public static readonly Lock Gate = new();

    readonly Dictionary<string, List<JsonObject>> displays = [];
    JsonArray? current;
    int executionCount;

    /// <summary>Outputs go to <paramref name="outputs"/> (a cell's array) until <see cref="Close"/>.</summary>
    public void Open(JsonArray outputs, int count)
    {
        lock (Gate)
        {
            current = outputs;
            executionCount = count;
        }
    }

    /// <summary>Ignores what arrives after this (a timed-out cell's thread may still be running).</summary>
    public void Close()
    {
        lock (Gate) current = null;
    }

    public void Stream(string name, string text)
    {
        if (text.Length == 0) return;
        lock (Gate)
        {
            if (current == null) return;
            if (current.Count > 0 && current[^1] is JsonObject last && last["output_type"]?.GetValue<string>() == "stream"
                && last["name"]?.GetValue<string>() == name)
                last["text"] = last["text"]!.GetValue<string>() + text;
            else
                current.Add(new JsonObject { ["output_type"] = "stream", ["name"] = name, ["text"] = text });
        }
    }

    /// <summary>A display_data output; <paramref name="displayId"/> lets a later update replace it.</summary>
    public void Display(string? displayId, IEnumerable<(string MimeType, string Value)> values)
    {
        lock (Gate)
        {
            if (current == null) return;
            var output = new JsonObject { ["output_type"] = "display_data", ["data"] = Bundle(values), ["metadata"] = new JsonObject() };
            current.Add(output);
            if (displayId == null) return;
            if (!displays.TryGetValue(displayId, out var list)) displays[displayId] = list = [];
            list.Add(output);
        }
    }

    /// <summary>Replaces what every output shown under <paramref name="displayId"/> holds.</summary>
    public void Update(string displayId, IEnumerable<(string MimeType, string Value)> values)
    {
        lock (Gate)
        {
            if (!displays.TryGetValue(displayId, out var list)) return;
            JsonObject data = Bundle(values);
            foreach (JsonObject output in list) output["data"] = data.DeepClone();
        }
    }

    /// <summary>The cell's value (an execute_result).</summary>
    public void Result(IEnumerable<(string MimeType, string Value)> values)
    {
        lock (Gate)
            current?.Add(new JsonObject
            {
                ["output_type"] = "execute_result",
                ["data"] = Bundle(values),
                ["execution_count"] = executionCount,
                ["metadata"] = new JsonObject(),
            });
    }

    public void Error(string ename, string evalue, IEnumerable<string> traceback)
    {
        lock (Gate)
            current?.Add(new JsonObject
            {
                ["output_type"] = "error",
                ["ename"] = ename,
                ["evalue"] = evalue,
                ["traceback"] = new JsonArray(traceback.Select(t => (JsonNode?)t).ToArray()),
            });
    }

    [GeneratedRegex(@"^application/(.+\+)?json$")]
    private static partial Regex JsonMimeType();

    /// <summary>A mime bundle; JSON mime types (application/json, application/vnd.plotly.v1+json, ...) are stored as
    /// JSON, as nbformat front-ends expect them, other values as text.</summary>
    static JsonObject Bundle(IEnumerable<(string MimeType, string Value)> values)
    {
        var data = new JsonObject();
        foreach (var (mimeType, value) in values)
        {
            JsonNode? node = null;
            if (JsonMimeType().IsMatch(mimeType))
                try { node = JsonNode.Parse(value); }
                catch (JsonException) { /* not JSON after all: kept as text */ }
            data[mimeType] = node ?? JsonValue.Create(value);
        }
        return data;
    }
}
